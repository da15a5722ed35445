#include <catch2/catch.hpp>

#include "../support.h"
#include "../values.h"
#include "match/matcher.h"
#include "library/rule_loader.h"

using namespace pf;
using namespace pf::test;

namespace {

/// Conditions written as in a rule's `where:`; serials stay unique across the whole test run.
std::vector<Condition> where(const std::string& yaml) {
  static int serial = 0;
  Diagnostics d;
  YamlCtx ctx(d, "rule.yaml");
  auto cs = parse_conditions(ctx, YAML::Load(yaml), "rule 't'", serial);
  INFO(d.format());
  REQUIRE_FALSE(d.has_errors());
  return cs;
}

// hold -> pay -> take and hold -> card -> take: a diamond, then a notification.
const char* kModel = R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory}
  - {id: payments, kind: payment}
integrations:
  - {id: pg, kind: payment_gateway, operations: [{id: confirm, idempotency: none}]}
flows:
  - id: buy
    steps:
      - {id: hold, do: reserve, ledger: stock, ttl: PT10M}
      - {id: pay, do: charge, ledger: payments, call: pg.confirm, after: [hold]}
      - {id: card, do: authorize, ledger: payments, after: [hold]}
      - {id: take, do: allocate, ledger: stock, after: [pay, card]}
      - {id: tell, do: notify}
  - id: other
    steps:
      - {id: hold, do: reserve, ledger: stock}
      - {id: take, do: allocate, ledger: stock}
breaches:
  - {id: twice, kind: double_charge, targets: [pg]}
  - {id: gone, kind: hold_leak, targets: [other]}
)";

struct Fixture {
  Analysis a = facts_of(kModel);
  Matcher m{*a.facts};
  const Element* step(const char* key) { return &element(a, Kind::Step, key); }
  /// Evaluates and returns the key bound to `name` ("" when the conditions do not hold).
  std::string eval(const std::vector<Condition>& cs, const char* key, const char* name = nullptr) {
    Bindings b{{"service", Value::element(a.facts->service())}};
    if (!m.eval(cs, step(key), b, nullptr)) return "";
    if (!name) return "holds";
    auto it = b.find(name);
    return it == b.end() ? "<unbound>" : show(it->second);
  }
};

}  // namespace

TEST_CASE("matcher: before, on some path", "[matcher]") {
  Fixture f;
  auto cs = where("[{do: reserve}, {before: {bind: pay, path: some, where: [{do: charge}]}}]");
  CHECK(f.eval(cs, "buy.hold", "pay") == "buy.pay");
  CHECK(f.eval(cs, "other.hold", "pay").empty());  // no charge after it
  CHECK(f.eval(cs, "buy.take", "pay").empty());    // not a reserve
}

TEST_CASE("matcher: before, on every path", "[matcher]") {
  Fixture f;
  // hold -> card -> take avoids the charge.
  CHECK(f.eval(where("[{before: {bind: x, path: every, where: [{do: charge}]}}]"), "buy.hold").empty());
  // Every path meets the allocation where the branches join.
  CHECK(f.eval(where("[{before: {bind: x, path: every, where: [{do: allocate}]}}]"), "buy.hold", "x") == "buy.take");
  // Every path meets one of the two money steps; the nearer is bound.
  std::string both = f.eval(where("[{before: {bind: x, path: every, where: [{do: [charge, authorize]}]}}]"),
                            "buy.hold", "x");
  CHECK((both == "buy.pay" || both == "buy.card"));
  // The last step has nothing after it.
  CHECK(f.eval(where("[{before: {path: every, where: [{do: notify}]}}]"), "buy.tell").empty());
  CHECK(f.eval(where("[{before: {path: some, where: [{do: notify}]}}]"), "buy.take") == "holds");
}

TEST_CASE("matcher: after, on some and on every path", "[matcher]") {
  Fixture f;
  CHECK(f.eval(where("[{after: {bind: h, path: every, where: [{do: reserve}]}}]"), "buy.take", "h") == "buy.hold");
  CHECK(f.eval(where("[{after: {bind: p, path: some, where: [{do: charge}]}}]"), "buy.take", "p") == "buy.pay");
  CHECK(f.eval(where("[{after: {bind: p, path: every, where: [{do: charge}]}}]"), "buy.take").empty());
  CHECK(f.eval(where("[{after: {path: some, where: [{do: reserve}]}}]"), "buy.hold").empty());  // first step
  // `path` defaults to some.
  CHECK(f.eval(where("[{after: {bind: p, where: [{do: charge}]}}]"), "buy.tell", "p") == "buy.pay");
}

TEST_CASE("matcher: a bound step feeds the conditions after it", "[matcher]") {
  Fixture f;
  auto cs = where(R"([{before: {bind: pay, where: [{do: charge}]}}, {$pay.call.idempotency: none},
                      {$pay.call.integration.kind: payment_gateway}])");
  CHECK(f.eval(cs, "buy.hold", "pay") == "buy.pay");
  auto keyed = where("[{before: {bind: pay, where: [{do: charge}]}}, {$pay.call.idempotency: key}]");
  CHECK(f.eval(keyed, "buy.hold").empty());
  // The other step's own conditions see only `service`, not the outer element's bindings.
  auto svc = where("[{before: {bind: x, where: [{$service.name: Shop}, {do: allocate}]}}]");
  CHECK(f.eval(svc, "buy.hold", "x") == "buy.take");
}

TEST_CASE("matcher: any and not", "[matcher]") {
  Fixture f;
  auto any = where("[{any: [{do: charge}, {do: authorize}]}]");
  CHECK(f.eval(any, "buy.pay") == "holds");
  CHECK(f.eval(any, "buy.card") == "holds");
  CHECK(f.eval(any, "buy.hold").empty());
  auto neg = where("[{not: {ttl: {exists: true}}}]");
  CHECK(f.eval(neg, "other.hold") == "holds");
  CHECK(f.eval(neg, "buy.hold").empty());
  // A `not` does not leak the bindings it made.
  auto hidden = where("[{not: {before: {bind: x, where: [{do: notify}]}}}]");
  CHECK(f.eval(hidden, "other.hold", "x") == "<unbound>");
}

TEST_CASE("matcher: order conditions on other kinds never hold", "[matcher]") {
  Fixture f;
  Bindings b;
  auto cs = where("[{before: {where: [{do: charge}]}}]");
  CHECK_FALSE(f.m.eval(cs, &element(f.a, Kind::Flow, "buy"), b, nullptr));
  CHECK_FALSE(f.m.eval(cs, &element(f.a, Kind::Ledger, "stock"), b, nullptr));
}

TEST_CASE("matcher: run binds the kind, service, let names and records the facts", "[matcher]") {
  Fixture f;
  Rule r;
  r.id = "hold-before-payment";
  r.each = Kind::Step;
  r.where = where("[{do: reserve}, {ttl: {lt: PT30M}}, {before: {bind: pay, where: [{do: charge}]}}]");
  r.let = {{"ledger", parse_path("ledger", Loc{}, false)}, {"peak", parse_path("flow.peak_rps", Loc{}, false)}};
  auto out = f.m.run(r);
  REQUIRE(out.size() == 1);
  const MatchResult& m = out[0];
  CHECK(m.id() == "hold-before-payment@buy.hold");
  CHECK(m.element->key == "buy.hold");
  CHECK(m.group.empty());
  CHECK(show(m.bindings.at("step")) == "buy.hold");
  CHECK(show(m.bindings.at("service")) == "service");
  CHECK(show(m.bindings.at("pay")) == "buy.pay");
  CHECK(show(m.bindings.at("ledger")) == "stock");
  CHECK(m.bindings.at("peak").is_null());
  CHECK(m.facts == std::vector<std::pair<std::string, std::string>>{
                       {"do", "reserve"}, {"ttl", "600000ms"}, {"before(some)", "buy.pay"}});
}

TEST_CASE("matcher: run visits elements in key order; group merges them", "[matcher]") {
  Fixture f;
  Rule r;
  r.id = "reserves";
  r.each = Kind::Step;
  r.where = where("[{do: reserve}]");
  auto each = f.m.run(r);
  REQUIRE(each.size() == 2);
  CHECK(each[0].id() == "reserves@buy.hold");
  CHECK(each[1].id() == "reserves@other.hold");
  r.group = true;
  auto grouped = f.m.run(r);
  REQUIRE(grouped.size() == 1);
  CHECK(grouped[0].id() == "reserves@*");
  CHECK(grouped[0].element->key == "buy.hold");
  CHECK(show(grouped[0].bindings.at("step")) == "buy.hold");
  CHECK(show(grouped[0].bindings.at("matches")) == "[buy.hold, other.hold]");
  REQUIRE(grouped[0].group.size() == 2);
  r.where = where("[{do: nothing_like_this}]");
  CHECK(f.m.run(r).empty());
}

TEST_CASE("matcher: breach coverage, then rules over breaches", "[matcher]") {
  Analysis a = facts_of(kModel);
  Rule charge;
  charge.id = "charge-rule";
  charge.each = Kind::Step;
  charge.where = where("[{do: charge}]");
  charge.addresses = {"double_charge"};
  Rule unrelated;
  unrelated.id = "unrelated";
  unrelated.each = Kind::Ledger;
  unrelated.where = where("[{kind: inventory}]");
  unrelated.addresses = {"double_charge"};  // the right kind, but touches nothing pg
  Rule gaps;
  gaps.id = "gaps";
  gaps.each = Kind::Breach;
  gaps.where = where("[{covered: false}]");
  std::vector<Rule> rules{gaps, charge, unrelated};
  auto out = match_all(*a.facts, rules);
  REQUIRE(out.size() == 3);
  // Breach rules run last, after coverage is known.
  CHECK(out[0].id() == "charge-rule@buy.pay");
  CHECK(out[1].id() == "unrelated@stock");
  CHECK(out[2].id() == "gaps@gone");
  REQUIRE(out[0].breaches.size() == 1);
  CHECK(out[0].breaches[0]->key == "twice");  // buy.pay calls pg, which the breach targets
  CHECK(out[1].breaches.empty());
  REQUIRE(out[2].breaches.size() == 1);
  CHECK(out[2].breaches[0]->key == "gone");
  CHECK(attr(element(a, Kind::Breach, "twice"), "covered") == "true");
  CHECK(attr(element(a, Kind::Breach, "gone"), "covered") == "false");
  CHECK(attr(*a.facts->service(), "uncovered_breaches") == "[gone]");
}

TEST_CASE("matcher: neutral renders values without language", "[matcher]") {
  Analysis a = facts_of(kModel);
  CHECK(neutral(Value{}) == "null");
  CHECK(neutral(Value::boolean(true)) == "true");
  CHECK(neutral(Value::number(2000)) == "2000");
  CHECK(neutral(Value::number(3.5)) == "3.500");
  CHECK(neutral(Value::number(-2)) == "-2");
  CHECK(neutral(Value::number(1e20)) == "100000000000000000000");
  CHECK(neutral(Value::string("x y")) == "x y");
  CHECK(neutral(*element(a, Kind::Step, "buy.hold").get("ttl")) == "600000ms");
  CHECK(neutral(Value::element(&element(a, Kind::Ledger, "stock"))) == "stock");
  CHECK(neutral(*element(a, Kind::Flow, "buy").get("ledgers")) == "[stock, payments]");
  std::vector<std::string> many;
  for (int i = 0; i < 25; ++i) many.push_back("s" + std::to_string(i));
  std::string l = neutral(Value::strings(many));
  CHECK(l.rfind("[s0, s1, ", 0) == 0);
  CHECK(l.find("s19, +5]") != std::string::npos);
  CHECK(l.find("s20") == std::string::npos);
}
