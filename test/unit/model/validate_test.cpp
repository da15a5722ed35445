#include <catch2/catch.hpp>

#include <sstream>

#include "../support.h"
#include "model/loader.h"
#include "model/validate.h"

using namespace pf;
using namespace pf::test;
using Catch::Matchers::Contains;

namespace {

/// The message lines of formatted diagnostics (no source lines or carets), in order.
std::vector<std::string> messages(const std::string& formatted) {
  std::vector<std::string> out;
  std::istringstream in(formatted);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("  ", 0) != 0) out.push_back(line);
  return out;
}

/// Stages 1 and 2 on a model that loads cleanly; the validator's own verdict and messages.
std::pair<bool, std::vector<std::string>> validate(const std::string& yaml) {
  Diagnostics d;
  auto m = load_model_text(yaml, "m.yaml", d);
  REQUIRE(m.has_value());
  INFO(d.format());
  REQUIRE_FALSE(d.has_errors());
  bool ok = validate_model(*m, d);
  return {ok, messages(d.format())};
}

}  // namespace

TEST_CASE("validate: a correct model passes", "[validate]") {
  auto [ok, msgs] = validate(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory}
  - {id: payments, kind: payment, source_of_truth: pg}
integrations:
  - id: pg
    kind: payment_gateway
    fallback: pg2
    operations: [{id: confirm}]
    events: [{id: status}]
  - {id: pg2, kind: payment_gateway}
  - {id: idp, kind: auth_provider}
flows:
  - id: buy
    trigger: event:pg.status
    steps:
      - {id: hold, do: reserve, ledger: stock}
      - {id: pay, do: charge, ledger: payments, call: pg.confirm}
      - {id: wait, do: await, event: pg.status, after: [pay]}
    compensations:
      hold: [release]
      pay: refund.give_back
  - id: refund
    steps:
      - {id: give_back, do: refund, ledger: payments}
      - {id: release, do: release, ledger: stock}
lifecycles:
  - entity: order
    states: [open, done]
    initial: open
    terminal: [done]
    transitions:
      - {from: open, to: done, by: buy.pay}
      - {from: open, to: done, by: timer}
      - {from: open, to: done, by: event:pg.status}
access: {auth: idp}
operations: [{id: fix, touches: [payments]}]
jobs: [{id: recon, kind: reconciliation, ledgers: [payments], integration: pg}]
breaches: [{id: inc, kind: other, targets: [pg, buy, buy.pay, stock, fix, recon]}]
)");
  CHECK(ok);
  CHECK(msgs.empty());
}

TEST_CASE("validate: unknown references get did-you-mean hints", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory}
  - {id: payments, kind: payment, source_of_truth: pgg}
integrations:
  - id: pg
    kind: payment_gateway
    operations: [{id: confirm}]
    events: [{id: status}]
flows:
  - id: buy
    trigger: event:pg.stat
    steps:
      - {id: hold, do: reserve, ledger: stok}
      - {id: pay, do: charge, ledger: payments, call: pg.confrim}
      - {id: wait, do: await, event: pg.statuss, after: [pai]}
      - {id: move, do: transfer, ledger: payments, to_ledger: paymnts}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:5:52: error: unknown source of truth 'pgg' in ledger 'payments' (use 'internal' "
                             "or an integration id)",
                             "m.yaml:5:52: note: did you mean 'pg'?",
                             "m.yaml:13:14: error: unknown event 'pg.stat' in the trigger of flow 'buy'",
                             "m.yaml:13:14: note: did you mean 'pg.status'?",
                             "m.yaml:15:41: error: unknown ledger 'stok' in flow 'buy' step 'hold'",
                             "m.yaml:15:41: note: did you mean 'stock'?",
                             "m.yaml:16:55: error: unknown operation 'pg.confrim' in flow 'buy' step 'pay'",
                             "m.yaml:16:55: note: did you mean 'pg.confirm'?",
                             "m.yaml:17:38: error: unknown event 'pg.statuss' in flow 'buy' step 'wait'",
                             "m.yaml:17:38: note: did you mean 'pg.status'?",
                             "m.yaml:17:58: error: unknown step 'pai' in 'after' of flow 'buy' step 'wait'",
                             "m.yaml:17:58: note: did you mean 'pay'?",
                             "m.yaml:18:63: error: unknown ledger 'paymnts' in flow 'buy' step 'move'",
                             "m.yaml:18:63: note: did you mean 'payments'?",
                             "7 errors",
                         });
}

TEST_CASE("validate: references that must be written with a dot", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers: [{id: l, kind: other}]
integrations: [{id: pg, kind: other, operations: [{id: op}], events: [{id: ev}]}]
flows:
  - id: f
    trigger: sometimes
    steps:
      - {id: c, do: call, call: op}
      - {id: w, do: await, event: ev}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:7:14: error: unknown trigger 'sometimes' in flow 'f'",
                             "m.yaml:7:14: note: expected user, operator, schedule or event:<integration>.<event>",
                             "m.yaml:9:33: error: call 'op' in flow 'f' step 'c' must be written "
                             "<integration>.<operation>",
                             "m.yaml:10:35: error: event 'ev' in flow 'f' step 'w' must be written "
                             "<integration>.<event>",
                             "3 errors",
                         });
}

TEST_CASE("validate: ids are unique across ledgers, integrations, flows, tools and jobs", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: orders, kind: order}
  - {id: orders, kind: payment}
integrations:
  - {id: orders, kind: other}
flows:
  - id: orders
    steps: [{id: s, do: write, ledger: orders}]
  - id: pg
    steps: [{id: s, do: write, ledger: orders}]
operations:
  - {id: pg, touches: [orders]}
jobs:
  - {id: orders, kind: report}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:5:5: error: duplicate id 'orders': already used by a ledger",
                             "m.yaml:7:5: error: duplicate id 'orders': already used by a ledger",
                             "m.yaml:9:5: error: duplicate id 'orders': already used by a ledger",
                             "m.yaml:14:5: error: duplicate id 'pg': already used by a flow",
                             "m.yaml:16:5: error: duplicate id 'orders': already used by a ledger",
                             "5 errors",
                         });
}

TEST_CASE("validate: the duplicate-id message uses the right article", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers: [{id: l, kind: other}]
integrations: [{id: pg, kind: other}]
flows:
  - id: pg
    steps: [{id: s, do: write, ledger: l}]
operations: [{id: fix, touches: [l]}]
jobs: [{id: fix, kind: report}]
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:6:5: error: duplicate id 'pg': already used by an integration",
                             "m.yaml:9:8: error: duplicate id 'fix': already used by an operation",
                             "2 errors",
                         });
}

TEST_CASE("validate: duplicates inside one list", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - id: l
    kind: other
    invariants: [{id: i, text: a}, {id: i, text: b}]
integrations:
  - {id: pg, kind: other, operations: [{id: op}, {id: op}], events: [{id: ev}, {id: ev}]}
flows:
  - id: f
    steps:
      - {id: s, do: write, ledger: l}
      - {id: s, do: write, ledger: l}
lifecycles:
  - {entity: e, states: [a, b, a], initial: a}
  - {entity: e, states: [a], initial: a}
breaches:
  - {id: b1, kind: other}
  - {id: b1, kind: other}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:6:36: error: duplicate invariant id 'i' in ledger 'l'",
                             "m.yaml:8:50: error: duplicate operation id 'op' in integration 'pg'",
                             "m.yaml:8:80: error: duplicate event id 'ev' in integration 'pg'",
                             "m.yaml:13:9: error: duplicate step id 's' in flow 'f'",
                             "m.yaml:15:32: error: duplicate state 'a' in lifecycle 'e'",
                             "m.yaml:16:5: error: duplicate lifecycle for entity 'e'",
                             "m.yaml:19:5: error: duplicate breach id 'b1'",
                             "7 errors",
                         });
}

TEST_CASE("validate: compensations", "[validate]") {
  const std::string head = R"(version: 1
service: {name: Shop}
ledgers: [{id: stock, kind: inventory}]
flows:
  - id: buy
    steps:
      - {id: hold, do: reserve, ledger: stock}
      - {id: take, do: allocate, ledger: stock}
    compensations:
)";
  const std::string others = R"(  - id: a
    steps: [{id: release, do: release, ledger: stock}]
  - id: b
    steps: [{id: release, do: release, ledger: stock}, {id: only_here, do: release, ledger: stock}]
)";
  SECTION("a bare step id naming one step in the whole model resolves") {
    auto [ok, msgs] = validate(head + "      hold: [only_here]\n" + others);
    CHECK(ok);
    CHECK(msgs.empty());
  }
  SECTION("flow.step resolves even when the bare name is ambiguous") {
    auto [ok, msgs] = validate(head + "      hold: [a.release, b.release]\n" + others);
    CHECK(ok);
    CHECK(msgs.empty());
  }
  SECTION("a bare step id naming several steps is ambiguous") {
    std::string out = errors_of(head + "      hold: [release]\n" + others);
    CHECK(messages(out) == std::vector<std::string>{
                               "m.yaml:10:14: error: compensation 'release' in flow 'buy' is ambiguous: it names 2 "
                               "steps",
                               "m.yaml:10:14: note: write it as flow.step, e.g. 'a.release'",
                               "1 error",
                           });
  }
  SECTION("a step of the same flow wins over other flows' steps of the same name") {
    auto [ok, msgs] = validate(head + "      hold: [take]\n" + others +
                               "  - id: c\n    steps: [{id: take, do: release, ledger: stock}]\n");
    CHECK(ok);
    CHECK(msgs.empty());
  }
  SECTION("a compensation key must be a step of its own flow") {
    std::string out = errors_of(head + "      release: [hold]\n      holdd: [a.release]\n" + others);
    CHECK(messages(out) == std::vector<std::string>{
                               "m.yaml:10:7: error: unknown step 'release' in the compensations of flow 'buy' (a key "
                               "must be a step of its own flow)",
                               "m.yaml:11:7: error: unknown step 'holdd' in the compensations of flow 'buy' (a key "
                               "must be a step of its own flow)",
                               "m.yaml:11:7: note: did you mean 'hold'?",
                               "2 errors",
                           });
  }
  SECTION("an undoing step that exists nowhere") {
    std::string out = errors_of(head + "      hold: [a.relase, nowhere]\n" + others);
    CHECK(messages(out) == std::vector<std::string>{
                               "m.yaml:10:14: error: unknown compensation step 'a.relase' in flow 'buy'",
                               "m.yaml:10:14: note: did you mean 'a.release'?",
                               "m.yaml:10:24: error: unknown compensation step 'nowhere' in flow 'buy'",
                               "2 errors",
                           });
  }
  SECTION("compensations must be a mapping of step ids to steps") {
    std::string out = errors_of(head + "      hold: []\n      take: {x: y}\n" + others);
    CHECK_THAT(out, Contains("m.yaml:10:13: error: compensation of 'hold' in flow 'buy' must name one or more steps\n"));
    CHECK_THAT(out, Contains("m.yaml:11:13: error: compensation of 'take' in flow 'buy' must name one or more steps\n"));
  }
}

TEST_CASE("validate: lifecycle states and transitions", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers: [{id: bookings, kind: order, entity: booking}]
integrations: [{id: pg, kind: payment_gateway, events: [{id: status}]}]
flows:
  - id: buy
    steps:
      - {id: mark, do: transition, ledger: bookings, entity: booking, to: payed}
      - {id: ship, do: transition, ledger: bookings, entity: booking, to: shipped}
      - {id: loose, do: transition, ledger: bookings, entity: ticket, to: anything}
lifecycles:
  - entity: booking
    ledger: bookingz
    states: [pending, paid]
    initial: pendng
    terminal: [done]
    transitions:
      - {from: pending, to: paid, by: buy.mark}
      - {from: pending, to: payd, by: buy.mrk}
      - {from: paid, to: pending, by: timr}
      - {from: paid, to: pending, by: event:pg.nope}
      - {from: paid, to: pending, by: somebody}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:8:75: error: unknown state 'payed' of 'booking' in flow 'buy' step 'mark'",
                             "m.yaml:8:75: note: did you mean 'paid'?",
                             "m.yaml:9:75: error: unknown state 'shipped' of 'booking' in flow 'buy' step 'ship'",
                             "m.yaml:13:13: error: unknown ledger 'bookingz' in lifecycle 'booking'",
                             "m.yaml:13:13: note: did you mean 'bookings'?",
                             "m.yaml:15:14: error: unknown state 'pendng' in lifecycle 'booking'",
                             "m.yaml:15:14: note: did you mean 'pending'?",
                             "m.yaml:16:16: error: unknown state 'done' in lifecycle 'booking'",
                             "m.yaml:19:29: error: unknown state 'payd' in lifecycle 'booking'",
                             "m.yaml:19:29: note: did you mean 'paid'?",
                             "m.yaml:19:39: error: unknown step 'buy.mrk' in 'by' of a transition in lifecycle "
                             "'booking'",
                             "m.yaml:19:39: note: did you mean 'buy.mark'?",
                             "m.yaml:20:39: error: unknown 'by' 'timr' in a transition of lifecycle 'booking'",
                             "m.yaml:20:39: note: did you mean 'timer'?",
                             "m.yaml:21:39: error: unknown event 'pg.nope' in lifecycle 'booking'",
                             "m.yaml:22:39: error: unknown 'by' 'somebody' in a transition of lifecycle 'booking'",
                             "m.yaml:22:39: note: expected flow.step, timer, user, operator or "
                             "event:<integration>.<event>",
                             "10 errors",
                         });
}

TEST_CASE("validate: access.auth must be an auth_provider integration", "[validate]") {
  const std::string head = R"(version: 1
service: {name: Shop}
ledgers: [{id: l, kind: other}]
integrations: [{id: pg, kind: payment_gateway}, {id: idp, kind: auth_provider}]
flows: [{id: f, steps: [{id: s, do: write, ledger: l}]}]
)";
  CHECK(messages(errors_of(head + "access: {auth: pg}\n")) ==
        std::vector<std::string>{"m.yaml:6:16: error: access.auth names integration 'pg' of kind 'payment_gateway'; an "
                                 "auth_provider is required",
                                 "1 error"});
  CHECK(messages(errors_of(head + "access: {auth: ipd}\n")) ==
        std::vector<std::string>{"m.yaml:6:16: error: unknown integration 'ipd' in access.auth",
                                 "m.yaml:6:16: note: did you mean 'idp'?", "1 error"});
  CHECK(validate(head + "access: {auth: idp, fail_mode: open}\n").first);
}

TEST_CASE("validate: what each action needs", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers: [{id: l, kind: other}]
flows:
  - id: f
    steps:
      - {id: hold, do: reserve}
      - {id: wait, do: await}
      - {id: move, do: transition, ledger: l}
      - {id: ask, do: compute}
      - {id: ring, do: call}
      - {id: pay, do: charge}
      - {id: ok_verify, do: verify}
      - {id: ok_notify, do: notify}
      - {id: ok_transfer, do: transfer, ledger: l, to_ledger: l}
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:7:9: error: flow 'f' step 'hold' (do: reserve) needs 'ledger'",
                             "m.yaml:8:9: error: flow 'f' step 'wait' (do: await) needs 'event'",
                             "m.yaml:9:9: error: flow 'f' step 'move' (do: transition) needs 'entity'",
                             "m.yaml:9:9: error: flow 'f' step 'move' (do: transition) needs 'to'",
                             "m.yaml:10:9: error: flow 'f' step 'ask' (do: compute) needs 'call'",
                             "m.yaml:11:9: error: flow 'f' step 'ring' (do: call) needs 'call'",
                             "m.yaml:12:9: error: flow 'f' step 'pay' (do: charge) needs 'ledger'",
                             "7 errors",
                         });
}

TEST_CASE("validate: a `ledgers:` list satisfies the ledger a step needs", "[validate]") {
  auto [ok, msgs] = validate(R"(version: 1
service: {name: Shop}
ledgers: [{id: a, kind: other}, {id: b, kind: other}]
flows: [{id: f, steps: [{id: s, do: write, ledgers: [a, b]}]}]
)");
  CHECK(ok);
  CHECK(msgs.empty());
}

TEST_CASE("validate: tools, jobs, fallbacks and breaches", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers: [{id: payments, kind: payment}]
integrations:
  - {id: pg, kind: payment_gateway, fallback: pg}
  - {id: bank, kind: bank, fallback: bnk}
flows: [{id: f, steps: [{id: s, do: write, ledger: payments}]}]
operations: [{id: fix, touches: [paymnts]}]
jobs: [{id: j, kind: reconciliation, ledgers: [paymentz], integration: pgg}]
breaches: [{id: x, kind: other, targets: [f.z, nothing_like_it]}]
)");
  CHECK(messages(out) == std::vector<std::string>{
                             "m.yaml:5:47: error: integration 'pg' names itself as its fallback",
                             "m.yaml:6:38: error: unknown integration 'bnk' in the fallback of integration 'bank'",
                             "m.yaml:6:38: note: did you mean 'bank'?",
                             "m.yaml:8:34: error: unknown ledger 'paymnts' in operation 'fix'",
                             "m.yaml:8:34: note: did you mean 'payments'?",
                             "m.yaml:9:48: error: unknown ledger 'paymentz' in job 'j'",
                             "m.yaml:9:48: note: did you mean 'payments'?",
                             "m.yaml:9:72: error: unknown integration 'pgg' in job 'j'",
                             "m.yaml:9:72: note: did you mean 'pg'?",
                             "m.yaml:10:43: error: unknown target 'f.z' in breach 'x'",
                             "m.yaml:10:43: note: did you mean 'f.s'?",
                             "m.yaml:10:48: error: unknown target 'nothing_like_it' in breach 'x'",
                             "7 errors",
                         });
}

TEST_CASE("validate: every problem of a model is reported, load and validation alike", "[validate]") {
  std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventry}
  - {id: payments, kind: payment}
integrations:
  - {id: pg, kind: payment_gateway, operations: [{id: confirm, retries: many}]}
flows:
  - id: buy
    steps:
      - {id: hold, do: reserve, ledger: stok, ttl: 10 minutes}
      - {id: pay, do: charge, ledger: payments, call: pg.confrim}
      - {id: wait, do: await}
    compensations:
      pay: [nowhere]
jobs: [{id: buy, kind: report}]
)");
  std::vector<std::string> errors;
  for (const auto& m : messages(out))
    if (m.find(": error: ") != std::string::npos) errors.push_back(m);
  CHECK(errors == std::vector<std::string>{
                      "m.yaml:4:23: error: unknown ledger kind 'inventry' in ledger 'stock'",
                      "m.yaml:7:73: error: 'retries' of operation 'confirm' of integration 'pg' must be a whole number of "
                      "at least 0, not 'many'",
                      "m.yaml:11:41: error: unknown ledger 'stok' in flow 'buy' step 'hold'",
                      "m.yaml:11:52: error: 'ttl' of step 'hold' of flow 'buy' is not an ISO-8601 duration: '10 "
                      "minutes'",
                      "m.yaml:12:55: error: unknown operation 'pg.confrim' in flow 'buy' step 'pay'",
                      "m.yaml:13:9: error: flow 'buy' step 'wait' (do: await) needs 'event'",
                      "m.yaml:15:13: error: unknown compensation step 'nowhere' in flow 'buy'",
                      "m.yaml:16:8: error: duplicate id 'buy': already used by a flow",
                  });
  CHECK_THAT(out, Contains("\n8 errors\n"));
}

TEST_CASE("validate: the validator reports nothing twice and returns false on errors", "[validate]") {
  Diagnostics d;
  auto m = load_model_text(R"(version: 1
service: {name: Shop}
ledgers: [{id: l, kind: other}]
flows: [{id: f, steps: [{id: s, do: write, ledger: x}]}]
)",
                           "m.yaml", d);
  REQUIRE(m);
  REQUIRE_FALSE(d.has_errors());
  CHECK_FALSE(validate_model(*m, d));
  CHECK(d.error_count() == 1);
  Diagnostics clean;
  CHECK(validate_model(*m, clean) == false);
  CHECK(clean.error_count() == 1);
}
