#include <catch2/catch.hpp>


#include "model/loader.h"
#include "../support.h"
#include "../values.h"

using namespace pf;
using namespace pf::test;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

/// Stage 1 only: the typed model, REQUIREd to load without errors.
Model load(const std::string& yaml) {
  Diagnostics d;
  auto m = load_model_text(yaml, "m.yaml", d);
  INFO(d.format());
  REQUIRE(m.has_value());
  REQUIRE_FALSE(d.has_errors());
  return *m;
}

/// Stage 1 only: the formatted diagnostics of a text that must be refused.
std::string load_errors(const std::string& yaml) {
  Diagnostics d;
  load_model_text(yaml, "m.yaml", d);
  REQUIRE(d.has_errors());
  return d.format();
}

const char* kMinimal = R"(version: 1
service:
  name: Shop
ledgers:
  - id: stock
    kind: inventory
flows:
  - id: buy
    steps:
      - id: hold
        do: reserve
        ledger: stock
)";

}  // namespace

TEST_CASE("loader: a minimal model loads with its values", "[loader]") {
  Model m = load(kMinimal);
  CHECK(m.path == "m.yaml");
  CHECK(m.sha256.size() == 64);
  CHECK(m.service.name == "Shop");
  REQUIRE(m.ledgers.size() == 1);
  CHECK(m.ledgers[0].id == "stock");
  CHECK(m.ledgers[0].loc.line == 5);
  CHECK(m.ledgers[0].loc.col == 5);
  REQUIRE(m.flows.size() == 1);
  REQUIRE(m.flows[0].steps.size() == 1);
  const Step& s = m.flows[0].steps[0];
  CHECK(s.id == "hold");
  CHECK(s.action == pf::Action::Reserve);
  CHECK(s.ledger.name == "stock");
  CHECK(s.ledger.loc.str() == "m.yaml:12:17");
  CHECK_FALSE(s.has_after);
  CHECK(m.integrations.empty());
  CHECK_FALSE(m.access.has_value());
  CHECK_FALSE(m.has_charter);
}

TEST_CASE("loader: ledger defaults follow the kind", "[loader]") {
  Model m = load(R"(version: 1
service: {name: S}
ledgers:
  - {id: inv, kind: inventory}
  - {id: ord, kind: order}
  - {id: pay, kind: payment}
  - {id: stl, kind: settlement}
  - {id: wal, kind: wallet}
  - {id: pts, kind: points}
  - {id: acc, kind: account}
  - {id: inv_plenty, kind: inventory, scarce: false}
  - {id: pay_no, kind: payment, money: false}
  - {id: acc_no, kind: account, pii: false}
  - {id: ord_yes, kind: order, scarce: true, money: true, pii: true}
flows:
  - id: f
    steps: [{id: s, do: write, ledger: ord}]
)");
  struct Want {
    const char* id;
    bool scarce, money, pii;
  };
  const Want want[] = {{"inv", true, false, false},        {"ord", false, false, false},
                       {"pay", false, true, false},        {"stl", false, true, false},
                       {"wal", false, true, false},        {"pts", false, false, false},
                       {"acc", false, false, true},        {"inv_plenty", false, false, false},
                       {"pay_no", false, false, false},    {"acc_no", false, false, false},
                       {"ord_yes", true, true, true}};
  REQUIRE(m.ledgers.size() == std::size(want));
  for (std::size_t i = 0; i < m.ledgers.size(); ++i) {
    INFO(want[i].id);
    CHECK(m.ledgers[i].id == want[i].id);
    CHECK(m.ledgers[i].scarce == want[i].scarce);
    CHECK(m.ledgers[i].money == want[i].money);
    CHECK(m.ledgers[i].pii == want[i].pii);
    CHECK_FALSE(m.ledgers[i].retention.has_value());
  }
}

TEST_CASE("loader: operation, event, integration and tool defaults", "[loader]") {
  Model m = load(R"(version: 1
service: {name: S}
ledgers: [{id: l, kind: payment}]
integrations:
  - id: pg
    kind: payment_gateway
    operations:
      - {id: plain}
      - {id: full, mode: async, timeout_ms: 1500, retries: 3, idempotency: key, side_effect: false, rate_limit_rps: 2.5}
    events:
      - {id: plain}
      - {id: full, delivery: queue, duplicates: false, ordered: true, signed: true, max_delay: PT72H}
flows:
  - id: f
    steps: [{id: s, do: charge, ledger: l, call: pg.plain}]
operations:
  - {id: fix, touches: [l]}
jobs:
  - {id: j, kind: report}
)");
  REQUIRE(m.integrations.size() == 1);
  const Integration& g = m.integrations[0];
  CHECK(g.criticality == "critical");
  CHECK(g.fallback.empty());
  CHECK_FALSE(g.report.has_value());
  REQUIRE(g.operations.size() == 2);
  const Operation& plain = g.operations[0];
  CHECK(plain.mode == "sync");
  CHECK(plain.idempotency == "none");
  CHECK(plain.retries == 0);
  CHECK(plain.side_effect);
  CHECK_FALSE(plain.timeout_ms.has_value());
  CHECK_FALSE(plain.rate_limit_rps.has_value());
  const Operation& full = g.operations[1];
  CHECK(full.mode == "async");
  CHECK(full.idempotency == "key");
  CHECK(full.retries == 3);
  CHECK_FALSE(full.side_effect);
  CHECK(full.timeout_ms == 1500);
  CHECK(full.rate_limit_rps == 2.5);
  REQUIRE(g.events.size() == 2);
  const Event& e0 = g.events[0];
  CHECK(e0.delivery == "webhook");
  CHECK(e0.duplicates);
  CHECK_FALSE(e0.ordered);
  CHECK_FALSE(e0.is_signed);
  CHECK_FALSE(e0.max_delay.has_value());
  const Event& e1 = g.events[1];
  CHECK(e1.delivery == "queue");
  CHECK_FALSE(e1.duplicates);
  CHECK(e1.ordered);
  CHECK(e1.is_signed);
  REQUIRE(e1.max_delay.has_value());
  CHECK(e1.max_delay->hours == 72);
  REQUIRE(m.tools.size() == 1);
  CHECK(m.tools[0].actor == "operator");
  CHECK(m.tools[0].approvals == 0);
  REQUIRE(m.flows.size() == 1);
  CHECK(m.flows[0].trigger.empty());
  CHECK_FALSE(m.flows[0].peak_rps.has_value());
  CHECK(m.flows[0].steps[0].retries == 0);
}

TEST_CASE("loader: defaults seen as facts", "[loader][facts]") {
  Analysis a = facts_of(R"(version: 1
service: {name: S}
ledgers: [{id: l, kind: payment}]
integrations:
  - {id: pg, kind: payment_gateway, operations: [{id: op}], events: [{id: ev}]}
flows:
  - id: f
    steps: [{id: s, do: charge, ledger: l, call: pg.op}]
)");
  const Element& l = element(a, Kind::Ledger, "l");
  CHECK(attr(l, "source_of_truth") == "internal");
  CHECK(attr(l, "authority") == "null");
  CHECK(attr(l, "money") == "true");
  const Element& f = element(a, Kind::Flow, "f");
  CHECK(attr(f, "trigger") == "user");
  CHECK(attr(f, "trigger_kind") == "user");
  const Element& op = element(a, Kind::Operation, "pg.op");
  CHECK(attr(op, "sync") == "true");
  CHECK(attr(op, "attempts") == "1");
  CHECK(attr(op, "timeout") == "null");
  const Element& ev = element(a, Kind::Event, "pg.ev");
  CHECK(attr(ev, "webhook") == "true");
  CHECK(attr(ev, "duplicates") == "true");
  CHECK(attr(ev, "signed") == "false");
  CHECK(attr(element(a, Kind::Integration, "pg"), "critical") == "true");
}

TEST_CASE("loader: an unknown key is reported with a did-you-mean hint", "[loader][errors]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - id: stock
    kind: inventory
    scarse: true
flows:
  - id: buy
    steps: [{id: hold, do: reserve, ledger: stock}]
)");
  CHECK(out ==
        "m.yaml:6:5: error: unknown key 'scarse' in ledger 'stock'\n"
        "      scarse: true\n"
        "      ^\n"
        "m.yaml:6:5: note: did you mean 'scarce'?\n"
        "1 error\n");
}

TEST_CASE("loader: an unknown key far from every known one has no hint", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory, colour: blue}
flows:
  - id: buy
    steps: [{id: hold, do: reserve, ledger: stock}]
)");
  CHECK_THAT(out, Contains("m.yaml:4:34: error: unknown key 'colour' in ledger 'stock'\n"));
  CHECK_THAT(out, !Contains("note:"));
}

TEST_CASE("loader: unknown keys at the top level and in nested objects", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
service: {name: Shop, domian: retail}
ledgers:
  - {id: stock, kind: inventory}
flow:
  - id: buy
)");
  CHECK_THAT(out, Contains("m.yaml:2:23: error: unknown key 'domian' in service\n"));
  CHECK_THAT(out, Contains("m.yaml:2:23: note: did you mean 'domain'?\n"));
  CHECK_THAT(out, Contains("m.yaml:5:1: error: unknown key 'flow' in the model\n"));
  CHECK_THAT(out, Contains("m.yaml:5:1: note: did you mean 'flows'?\n"));
  CHECK_THAT(out, Contains("m.yaml:1:1: error: the model has no 'flows'\n"));
  CHECK_THAT(out, Contains("3 errors\n"));
}

TEST_CASE("loader: a duplicate mapping key is an error at the second key", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
service: {name: Shop}
ledgers:
  - id: orders
    kind: order
    kind: payment
flows:
  - id: checkout
    steps: [{id: create, do: write, ledger: orders}]
)");
  CHECK(out ==
        "m.yaml:6:5: error: duplicate key 'kind' in ledger 'orders'\n"
        "      kind: payment\n"
        "      ^\n"
        "1 error\n");
}

TEST_CASE("loader: a bad enum value gets a hint, or the list of values", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: payments, kind: paymnt}
  - {id: other, kind: zzz}
flows:
  - id: checkout
    steps: [{id: create, do: wirte, ledger: payments}]
)");
  CHECK_THAT(out, Contains("m.yaml:4:26: error: unknown ledger kind 'paymnt' in ledger 'payments'\n"
                           "    - {id: payments, kind: paymnt}\n"
                           "                           ^\n"
                           "m.yaml:4:26: note: did you mean 'payment'?\n"));
  CHECK_THAT(out, Contains("m.yaml:5:23: error: unknown ledger kind 'zzz' in ledger 'other'\n"));
  CHECK_THAT(out, Contains("m.yaml:5:23: note: expected one of: inventory, order, payment, settlement, wallet, "
                           "points, coupon, entitlement, account, audit, other\n"));
  CHECK_THAT(out, Contains("m.yaml:8:30: error: unknown action 'wirte' in step 'create' of flow 'checkout'\n"));
  CHECK_THAT(out, Contains("m.yaml:8:30: note: did you mean 'write'?\n"));
  CHECK_THAT(out, Contains("3 errors\n"));
}

TEST_CASE("loader: a bad duration names the key and shows the accepted forms", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory, retention: 5y}
flows:
  - id: buy
    steps:
      - {id: hold, do: reserve, ledger: stock, ttl: 10m}
      - {id: half, do: reserve, ledger: stock, ttl: PT0.5S}
)");
  CHECK_THAT(out, Contains("m.yaml:4:45: error: 'retention' of ledger 'stock' is not an ISO-8601 duration: '5y'\n"
                           "    - {id: stock, kind: inventory, retention: 5y}\n"
                           "                                              ^\n"
                           "m.yaml:4:45: note: write durations like PT10M, PT72H, P5Y or P1DT12H\n"));
  CHECK_THAT(out, Contains("m.yaml:8:53: error: 'ttl' of step 'hold' of flow 'buy' is not an ISO-8601 duration: '10m'\n"));
  CHECK_THAT(out,
             Contains("m.yaml:9:53: error: 'ttl' of step 'half' of flow 'buy' is not an ISO-8601 duration: 'PT0.5S'\n"));
  CHECK_THAT(out, Contains("3 errors\n"));
}

TEST_CASE("loader: scalars of the wrong type", "[loader][errors]") {
  std::string out = load_errors(R"(version: 2
service: {name: Shop}
ledgers:
  - {id: Stock, kind: inventory, scarce: yes}
flows:
  - id: buy
    peak_rps: lots
    steps:
      - {id: hold, do: reserve, ledger: [a, b], retries: -1}
)");
  CHECK_THAT(out, Contains("m.yaml:1:10: error: unsupported model version '2': this engine reads version 1\n"));
  CHECK_THAT(out, Contains("m.yaml:4:10: error: invalid id 'Stock' in ledger: ids match [a-z][a-z0-9_]*\n"));
  CHECK_THAT(out, Contains("m.yaml:4:42: error: 'scarce' of ledger must be true or false, not 'yes'\n"));
  CHECK_THAT(out, Contains("m.yaml:7:15: error: 'peak_rps' of flow 'buy' must be a number of at least 0, not 'lots'\n"));
  CHECK_THAT(out, Contains("m.yaml:9:41: error: 'ledger' of step 'hold' of flow 'buy' must be a single value\n"));
  CHECK_THAT(out, Contains("m.yaml:9:58: error: 'retries' of step 'hold' of flow 'buy' must be a whole number of at "
                           "least 0, not '-1'\n"));
  CHECK_THAT(out, Contains("6 errors\n"));
}

TEST_CASE("loader: missing required sections and keys", "[loader][errors]") {
  std::string out = load_errors(R"(version: 1
ledgers: []
flows:
  - id: buy
    steps: []
  - {steps: [{id: s}]}
)");
  CHECK_THAT(out, Contains("m.yaml:1:1: error: the model has no 'service'\n"));
  CHECK_THAT(out, Contains("m.yaml:2:10: error: 'ledgers' of the model must not be empty\n"));
  CHECK_THAT(out, Contains("m.yaml:5:12: error: 'steps' of flow 'buy' must not be empty\n"));
  CHECK_THAT(out, Contains("m.yaml:6:5: error: flow has no 'id'\n"));
  CHECK_THAT(out, Contains("m.yaml:6:14: error: step 's' of flow '' has no 'do'\n"));
  CHECK_THAT(out, Contains("5 errors\n"));
}

TEST_CASE("loader: an empty file is refused", "[loader][errors]") {
  CHECK(load_errors("") == "m.yaml:1:1: error: empty document: a mapping is required\n1 error\n");
  CHECK(load_errors("# only a comment\n") ==
        "m.yaml:1:1: error: empty document: a mapping is required\n"
        "  # only a comment\n"
        "  ^\n"
        "1 error\n");
}

TEST_CASE("loader: a document that is not a mapping is refused", "[loader][errors]") {
  CHECK(load_errors("- a\n- b\n") == "m.yaml:1:1: error: the model must be a mapping\n  - a\n  ^\n1 error\n");
}

TEST_CASE("loader: a YAML syntax error is reported at its position", "[loader][errors]") {
  std::string out = load_errors("version: 1\nservice: [a\n");
  CHECK(out == "m.yaml:3:1: error: YAML syntax error: end of sequence flow not found\n1 error\n");
  CHECK(load_errors("a: b: c\n") == "m.yaml:1:5: error: YAML syntax error: illegal map value\n  a: b: c\n      ^\n1 error\n");
  CHECK(load_errors("version: 1\nx: *nope\n") ==
        "m.yaml:2:4: error: YAML syntax error: the referenced anchor is not defined\n  x: *nope\n     ^\n1 error\n");
}

TEST_CASE("loader: a NUL byte is refused at its line and column", "[loader][errors]") {
  std::string text = std::string("version: 1\nservice:\n  name: \"a") + '\0' + "b\"\n";
  std::string out = load_errors(text);
  CHECK_THAT(out, StartsWith("m.yaml:3:11: error: NUL byte in input\n"));
  CHECK_THAT(out, Contains("1 error\n"));
}

TEST_CASE("loader: invalid UTF-8 is refused at its line and column", "[loader][errors]") {
  SECTION("a lone Latin-1 byte") {
    std::string out = load_errors("version: 1\nservice:\n  name: caf\xe9\n");
    CHECK_THAT(out, StartsWith("m.yaml:3:12: error: invalid UTF-8 byte sequence in input\n"));
  }
  SECTION("a truncated sequence at the end") {
    std::string out = load_errors("version: 1\nx: \xe2\x82");
    CHECK_THAT(out, StartsWith("m.yaml:2:4: error: invalid UTF-8 byte sequence in input\n"));
  }
  SECTION("a stray continuation byte") {
    std::string out = load_errors("version: 1\nx: ab\x80\n");
    CHECK_THAT(out, StartsWith("m.yaml:2:6: error: invalid UTF-8 byte sequence in input\n"));
  }
  SECTION("an overlong two-byte form") {
    std::string out = load_errors("version: 1\nx: \xc0\xaf\n");
    CHECK_THAT(out, StartsWith("m.yaml:2:4: error: invalid UTF-8 byte sequence in input\n"));
  }
}

TEST_CASE("loader: UTF-8 that JSON output cannot carry is refused too", "[loader][errors]") {
  // Surrogates, overlong forms and code points past U+10FFFF pass a naive check but make the
  // JSON writer throw; they are refused at the byte where they start.
  for (const char* bad : {"\xed\xa0\x80", "\xed\xbf\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xf0\x8f\xbf\xbf",
                          "\xf4\x90\x80\x80"}) {
    INFO(bad);
    std::string out = load_errors(std::string("version: 1\nservice:\n  name: \"X") + bad + "Y\"\n");
    CHECK_THAT(out, StartsWith("m.yaml:3:11: error: invalid UTF-8 byte sequence in input\n"));
  }
}

TEST_CASE("loader: valid UTF-8 (Korean text) is accepted", "[loader]") {
  Model m = load(std::string(kMinimal).replace(std::string(kMinimal).find("Shop"), 4, "공연 예매"));
  CHECK(m.service.name == "공연 예매");
  // The edges of the valid ranges: U+0800, U+D7FF, U+E000, U+10000, U+10FFFF.
  std::string edges = "\xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf";
  Model e = load(std::string(kMinimal).replace(std::string(kMinimal).find("Shop"), 4, edges));
  CHECK(e.service.name == edges);
}

TEST_CASE("loader: nesting too deep is refused before parsing", "[loader][errors]") {
  SECTION("100 nested flow sequences") {
    std::string text = "version: 1\nservice:\n  name: " + std::string(100, '[') + std::string(100, ']') + "\n";
    CHECK(load_errors(text).rfind("m.yaml:3:73: error: nesting deeper than 64 levels\n", 0) == 0);
  }
  SECTION("64 nested flow mappings are still fine for the reader") {
    std::string text = "version: 1\nx: ";
    for (int i = 0; i < 63; ++i) text += "{a: ";
    text += "1" + std::string(63, '}') + "\n";
    Diagnostics d;
    load_model_text(text, "m.yaml", d);
    CHECK_THAT(d.format(), !Contains("nesting deeper"));
    CHECK_THAT(d.format(), Contains("unknown key 'x' in the model"));
  }
  SECTION("80 nested block mappings") {
    std::string text = "version: 1\nx:\n";
    for (int i = 0; i < 80; ++i) text += std::string(i + 1, ' ') + "k" + std::to_string(i) + ":\n";
    CHECK(load_errors(text).rfind("m.yaml:66:65: error: nesting deeper than 64 levels\n", 0) == 0);
  }
}

TEST_CASE("loader: an alias bomb is stopped by the node budget", "[loader][errors]") {
  // 200 flows x 200 steps x 200 ledger references, written in a few kilobytes with aliases.
  const int k = 200;
  std::string refs, steps;
  for (int i = 0; i < k; ++i) refs += i ? ",l" : "l";
  for (int i = 1; i < k; ++i) steps += ",*s";
  std::string text = "version: 1\nservice: {name: x}\nledgers: [{id: l, kind: other}]\nflows:\n"
                     "  - &F {id: f, steps: [&s {id: a, do: write, ledger: l, ledgers: [" +
                     refs + "]}" + steps + "]}\n";
  for (int i = 1; i < k; ++i) text += "  - *F\n";
  REQUIRE(text.size() < 4000);
  std::string out = errors_of(text);
  CHECK_THAT(out, Contains("error: document too large: more nodes than the limit (aliases count each time they "
                           "are used)\n"));
}

TEST_CASE("loader: the classic billion laughs is refused quickly", "[loader][errors]") {
  std::string text = "version: 1\nservice: {name: x}\nledgers: [{id: l, kind: other}]\n"
                     "flows: [{id: f, steps: [{id: s, do: write, ledger: l}]}]\n"
                     "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    text += "lol" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "breaches: [{id: b, kind: other, targets: *a9}]\n";
  std::string out = errors_of(text);
  CHECK_THAT(out, Contains("m.yaml:5:1: error: unknown key 'lol0' in the model\n"));
  CHECK_THAT(out, Contains("error: an entry of 'targets' in breach 'b' must be a name\n"));
}

TEST_CASE("loader: a byte-order mark and CRLF line ends are accepted", "[loader]") {
  std::string crlf;
  for (char c : std::string(kMinimal)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Model m = load("\xEF\xBB\xBF" + crlf);
  CHECK(m.service.name == "Shop");
  REQUIRE(m.ledgers.size() == 1);
  CHECK(m.ledgers[0].kind == "inventory");
  CHECK(m.flows[0].steps[0].ledger.name == "stock");
  CHECK(m.flows[0].steps[0].ledger.loc.line == 12);
}

TEST_CASE("loader: CRLF files report errors with clean source lines", "[loader][errors]") {
  std::string text = "version: 1\r\nservice: {name: S}\r\nledgers:\r\n  - {id: l, kind: ordr}\r\n";
  std::string out = load_errors(text);
  CHECK_THAT(out, Contains("m.yaml:4:19: error: unknown ledger kind 'ordr' in ledger 'l'\n"
                           "    - {id: l, kind: ordr}\n"
                           "                    ^\n"));
}

TEST_CASE("loader: the sha256 is of the input bytes", "[loader]") {
  Model a = load(kMinimal);
  Model b = load(std::string(kMinimal) + "# a comment changes the bytes\n");
  CHECK(a.sha256 != b.sha256);
  CHECK(a.sha256 == load(kMinimal).sha256);
}

TEST_CASE("loader: a document that starts with ',' is refused at its place, not parsed for ever", "[loader][errors]") {
  // yaml-cpp 0.7's LoadAll never returns on these (found by fuzz_model).
  CHECK_THAT(load_errors(",x\nversion: 1\n"), Contains("m.yaml:1:1: error: YAML syntax error: ',' cannot start a document"));
  CHECK_THAT(load_errors("# c\n\n  , \n"), Contains("m.yaml:3:3: error: YAML syntax error: ',' cannot start a document"));
  CHECK_THAT(load_errors("a: 1\n---\n,x\n"), Contains("m.yaml:3:1: error"));
  CHECK_THAT(load_errors("a: 1\n... # end\n,x\n"), Contains("m.yaml:3:1: error"));
  CHECK_THAT(load_errors("--- ,x\n"), Contains("m.yaml:1:5: error: YAML syntax error: ',' cannot start a document"));
  // near misses: a ',' inside a flow collection, or after a document's first token
  CHECK_THAT(load_errors("version: [1\n, 2]\n"), !Contains("cannot start a document"));
  CHECK_THAT(load_errors("version: 1\n,\n"), !Contains("cannot start a document"));
}
