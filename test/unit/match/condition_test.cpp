#include <catch2/catch.hpp>

#include "../support.h"
#include "../values.h"
#include "match/condition.h"
#include "match/text.h"

using namespace pf;
using namespace pf::test;

namespace {

Test tst(Test::Op op, std::initializer_list<const char*> args) {
  Test t;
  t.op = op;
  for (const char* a : args) t.args.push_back(make_literal(a));
  return t;
}

bool holds(const Value& v, Test::Op op, std::initializer_list<const char*> args) {
  return check_tests(v, {tst(op, args)});
}

Value dur(const char* iso) {
  auto d = parse_duration(iso);
  REQUIRE(d);
  return Value::duration(*d);
}

Value list(std::initializer_list<const char*> items) {
  std::vector<std::string> v;
  for (const char* s : items) v.emplace_back(s);
  return Value::strings(v);
}

using Op = Test::Op;

}  // namespace

TEST_CASE("condition: literals keep every form they can be compared as", "[condition]") {
  Literal n = make_literal("2000");
  CHECK(n.text == "2000");
  CHECK(n.num == 2000);
  CHECK_FALSE(n.b.has_value());
  CHECK_FALSE(n.dur.has_value());
  Literal d = make_literal("PT30M");
  CHECK(d.dur->total_ms() == 30 * 60 * 1000);
  CHECK_FALSE(d.num.has_value());
  CHECK(make_literal("true").b == true);
  CHECK(make_literal("false").b == false);
  CHECK(make_literal("3.5").num == 3.5);
  CHECK_FALSE(make_literal("inf").num.has_value());
  CHECK_FALSE(make_literal("nan").num.has_value());
  CHECK_FALSE(make_literal("12abc").num.has_value());
  CHECK_FALSE(make_literal("").num.has_value());
}

TEST_CASE("condition: operator names round-trip", "[condition]") {
  for (const char* name : {"eq", "ne", "in", "not_in", "lt", "le", "gt", "ge", "exists", "empty", "contains",
                           "count_ge", "count_le", "count_eq"}) {
    auto op = parse_op(name);
    REQUIRE(op);
    CHECK(op_name(*op) == name);
  }
  CHECK_FALSE(parse_op("equals").has_value());
}

TEST_CASE("condition: eq and ne", "[condition]") {
  CHECK(holds(Value::string("reserve"), Op::Eq, {"reserve"}));
  CHECK_FALSE(holds(Value::string("reserve"), Op::Eq, {"release"}));
  CHECK(holds(Value::number(2000), Op::Eq, {"2000"}));
  CHECK(holds(Value::number(2000), Op::Eq, {"2000.0"}));
  CHECK_FALSE(holds(Value::number(2000), Op::Eq, {"2,000"}));
  CHECK(holds(Value::boolean(true), Op::Eq, {"true"}));
  CHECK_FALSE(holds(Value::boolean(true), Op::Eq, {"false"}));
  CHECK_FALSE(holds(Value::boolean(false), Op::Eq, {"no"}));
  CHECK(holds(dur("PT30M"), Op::Eq, {"PT30M"}));
  CHECK(holds(dur("PT30M"), Op::Eq, {"PT1800S"}));  // durations compare as durations
  CHECK_FALSE(holds(dur("PT30M"), Op::Eq, {"1800000"}));
  CHECK(holds(list({"KR", "EU"}), Op::Eq, {"EU"}));  // a list equals what it contains
  CHECK_FALSE(holds(list({"KR", "EU"}), Op::Eq, {"US"}));
  CHECK_FALSE(holds(Value{}, Op::Eq, {"null"}));      // null equals nothing
  CHECK_FALSE(holds(Value{}, Op::Eq, {""}));
  CHECK(holds(Value{}, Op::Ne, {"x"}));
  CHECK(holds(Value::string("a"), Op::Ne, {"b"}));
  CHECK_FALSE(holds(Value::string("a"), Op::Ne, {"a"}));
  CHECK_FALSE(holds(list({"KR", "EU"}), Op::Ne, {"EU"}));
}

TEST_CASE("condition: in and not_in", "[condition]") {
  CHECK(holds(Value::string("charge"), Op::In, {"authorize", "capture", "charge"}));
  CHECK_FALSE(holds(Value::string("refund"), Op::In, {"authorize", "capture", "charge"}));
  CHECK(holds(Value::number(3), Op::In, {"1", "3"}));
  CHECK_FALSE(holds(Value{}, Op::In, {"a"}));
  CHECK(holds(Value::string("refund"), Op::NotIn, {"authorize", "charge"}));
  CHECK_FALSE(holds(Value::string("charge"), Op::NotIn, {"authorize", "charge"}));
  CHECK(holds(Value{}, Op::NotIn, {"a"}));
  CHECK(holds(list({"a", "b"}), Op::In, {"b", "z"}));
}

TEST_CASE("condition: lt le gt ge on numbers and on durations", "[condition]") {
  Value n = Value::number(300);
  CHECK(holds(n, Op::Lt, {"301"}));
  CHECK_FALSE(holds(n, Op::Lt, {"300"}));
  CHECK(holds(n, Op::Le, {"300"}));
  CHECK(holds(n, Op::Gt, {"299.5"}));
  CHECK_FALSE(holds(n, Op::Gt, {"300"}));
  CHECK(holds(n, Op::Ge, {"300"}));
  CHECK_FALSE(holds(n, Op::Ge, {"PT5M"}));  // a number is not compared with a duration

  Value d = dur("PT30M");
  CHECK(holds(d, Op::Lt, {"PT1H"}));
  CHECK_FALSE(holds(d, Op::Lt, {"PT30M"}));
  CHECK(holds(d, Op::Le, {"PT30M"}));
  CHECK(holds(d, Op::Gt, {"PT29M59S"}));
  CHECK(holds(d, Op::Ge, {"PT1800S"}));
  CHECK(holds(dur("P3DT19H"), Op::Gt, {"PT72H"}));
  CHECK(holds(dur("P5Y"), Op::Gt, {"P1Y11M"}));
  CHECK_FALSE(holds(d, Op::Lt, {"3600000"}));  // durations only against durations

  CHECK_FALSE(holds(Value{}, Op::Lt, {"1"}));
  CHECK_FALSE(holds(Value{}, Op::Ge, {"0"}));
  CHECK_FALSE(holds(Value::string("10"), Op::Gt, {"1"}));
}

TEST_CASE("condition: exists and empty", "[condition]") {
  CHECK(holds(Value::string("x"), Op::Exists, {"true"}));
  CHECK_FALSE(holds(Value::string("x"), Op::Exists, {"false"}));
  CHECK(holds(Value{}, Op::Exists, {"false"}));
  CHECK_FALSE(holds(Value{}, Op::Exists, {"true"}));
  CHECK(holds(Value::boolean(false), Op::Exists, {"true"}));  // false is a value
  CHECK(holds(list({}), Op::Exists, {"true"}));              // so is an empty list
  CHECK(holds(list({}), Op::Empty, {"true"}));
  CHECK(holds(Value{}, Op::Empty, {"true"}));
  CHECK(holds(list({"a"}), Op::Empty, {"false"}));
  CHECK_FALSE(holds(list({"a"}), Op::Empty, {"true"}));
}

TEST_CASE("condition: contains and the counts", "[condition]") {
  CHECK(holds(list({"KR", "EU"}), Op::Contains, {"KR"}));
  CHECK_FALSE(holds(list({"KR", "EU"}), Op::Contains, {"US"}));
  CHECK_FALSE(holds(Value::string("KR"), Op::Contains, {"KR"}));  // only lists contain
  CHECK_FALSE(holds(Value{}, Op::Contains, {"KR"}));
  Value three = list({"a", "b", "c"});
  CHECK(holds(three, Op::CountGe, {"3"}));
  CHECK_FALSE(holds(three, Op::CountGe, {"4"}));
  CHECK(holds(three, Op::CountLe, {"3"}));
  CHECK_FALSE(holds(three, Op::CountLe, {"2"}));
  CHECK(holds(three, Op::CountEq, {"3"}));
  CHECK(holds(list({}), Op::CountEq, {"0"}));
  CHECK(holds(Value{}, Op::CountEq, {"0"}));
  CHECK(holds(Value::string("x"), Op::CountEq, {"1"}));
  CHECK_FALSE(holds(three, Op::CountEq, {"three"}));
}

TEST_CASE("condition: every test of a condition must hold", "[condition]") {
  Value v = Value::number(5);
  CHECK(check_tests(v, {tst(Op::Gt, {"1"}), tst(Op::Lt, {"10"})}));
  CHECK_FALSE(check_tests(v, {tst(Op::Gt, {"1"}), tst(Op::Lt, {"3"})}));
  CHECK(check_tests(v, {}));
}

namespace {

const char* kModel = R"(version: 1
service: {name: Shop}
ledgers:
  - {id: stock, kind: inventory}
  - {id: payments, kind: payment}
integrations:
  - {id: pg, kind: payment_gateway, operations: [{id: confirm, idempotency: key, timeout_ms: 1800000}]}
flows:
  - id: buy
    peak_rps: 2000
    steps:
      - {id: hold, do: reserve, ledger: stock, ttl: PT10M}
      - {id: pay, do: charge, ledger: payments, call: pg.confirm}
      - {id: tell, do: notify}
)";

Path path(const char* text) {
  Path p = parse_path(text, Loc{}, false);
  REQUIRE_FALSE(p.parts.empty());
  return p;
}

}  // namespace

TEST_CASE("condition: paths go through refs and lists", "[condition][path]") {
  Analysis a = facts_of(kModel);
  const Element* hold = &element(a, Kind::Step, "buy.hold");
  const Element* pay = &element(a, Kind::Step, "buy.pay");
  const Element* flow = &element(a, Kind::Flow, "buy");
  Bindings none;
  CHECK(show(resolve(hold, none, path("do"))) == "reserve");
  CHECK(show(resolve(hold, none, path("ledger"))) == "stock");
  CHECK(show(resolve(hold, none, path("ledger.kind"))) == "inventory");
  CHECK(show(resolve(hold, none, path("flow.peak_rps"))) == "2000");
  CHECK(show(resolve(pay, none, path("call.integration.kind"))) == "payment_gateway");
  CHECK(show(resolve(pay, none, path("call.timeout"))) == "1800000ms");
  // Through a null ref: null, which equals nothing and does not exist.
  Value missing = resolve(hold, none, path("call.integration.kind"));
  CHECK(missing.is_null());
  CHECK(check_tests(missing, {tst(Op::Exists, {"false"})}));
  CHECK_FALSE(check_tests(missing, {tst(Op::Eq, {"payment_gateway"})}));
  CHECK(resolve(hold, none, path("no_such_attribute")).is_null());
  // Through a list: the list of what each item leads to, nulls left out, lists flattened.
  CHECK(show(resolve(flow, none, path("steps"))) == "[buy.hold, buy.pay, buy.tell]");
  CHECK(show(resolve(flow, none, path("steps.do"))) == "[reserve, charge, notify]");
  CHECK(show(resolve(flow, none, path("steps.ledger.kind"))) == "[inventory, payment]");
  CHECK(show(resolve(flow, none, path("steps.ledgers"))) == "[stock, payments]");
  CHECK(check_tests(resolve(flow, none, path("steps.do")), {tst(Op::Contains, {"charge"})}));
  CHECK(check_tests(resolve(flow, none, path("steps.call")), {tst(Op::CountEq, {"1"})}));
  // Durations on elements compare as durations.
  CHECK(check_tests(resolve(hold, none, path("ttl")), {tst(Op::Lt, {"PT30M"})}));
  CHECK(check_tests(resolve(pay, none, path("timeout")), {tst(Op::Ge, {"PT30M"})}));
  CHECK_FALSE(check_tests(resolve(pay, none, path("timeout")), {tst(Op::Gt, {"PT30M"})}));
}

TEST_CASE("condition: $name paths start from a bound name", "[condition][path]") {
  Analysis a = facts_of(kModel);
  const Element* hold = &element(a, Kind::Step, "buy.hold");
  Bindings b{{"service", Value::element(a.facts->service())},
             {"pay", Value::element(&element(a, Kind::Step, "buy.pay"))},
             {"nothing", Value{}}};
  Path p = parse_path("$pay.call.idempotency", Loc{}, false);
  CHECK(p.from_binding);
  CHECK(p.parts == std::vector<std::string>{"pay", "call", "idempotency"});
  CHECK(show(resolve(hold, b, p)) == "key");
  CHECK(show(resolve(hold, b, path("$service.has_charter"))) == "false");
  CHECK(show(resolve(hold, b, path("$service.main_flow.peak_rps"))) == "2000");
  CHECK(show(resolve(hold, b, path("$pay"))) == "buy.pay");
  CHECK(resolve(hold, b, path("$nothing.kind")).is_null());
  CHECK(resolve(hold, b, path("$unbound.kind")).is_null());
  // Without a self, only bound names resolve (templates work that way).
  CHECK(show(resolve(nullptr, b, parse_path("pay.do", Loc{}, true))) == "charge");
  CHECK(resolve(nullptr, b, path("do")).is_null());
}

TEST_CASE("condition: parse_path refuses malformed paths", "[condition][path]") {
  for (const char* bad : {"", ".", "a.", ".a", "a..b", "A", "a-b", "a b", "$", "$.a", "ledger.Kind"}) {
    INFO("'" << bad << "'");
    CHECK(parse_path(bad, Loc{}, false).parts.empty());
  }
  Path p = parse_path("call.integration.kind", Loc{}, false);
  CHECK(p.text == "call.integration.kind");
  CHECK_FALSE(p.from_binding);
  CHECK(p.parts == std::vector<std::string>{"call", "integration", "kind"});
  CHECK(parse_path("step.ttl", Loc{}, true).from_binding);
}

namespace {

Condition test_cond(const char* path, std::vector<Test> tests) {
  Condition c;
  c.path = parse_path(path, Loc{}, false);
  c.tests = std::move(tests);
  return c;
}

}  // namespace

TEST_CASE("condition_text: a condition as the rule writes it (rule reference)", "[condition]") {
  CHECK(condition_text(test_cond("do", {tst(Test::Op::Eq, {"reserve"})})) == "do: reserve");
  CHECK(condition_text(test_cond("ledger.kind", {tst(Test::Op::In, {"payment", "wallet"})})) ==
        "ledger.kind: [payment, wallet]");
  CHECK(condition_text(test_cond("ttl", {tst(Test::Op::Gt, {"PT10M"}), tst(Test::Op::Exists, {"true"})})) ==
        "ttl: {gt: PT10M, exists: true}");
  CHECK(condition_text(test_cond("kind", {tst(Test::Op::NotIn, {"x"})})) == "kind: {not_in: [x]}");
  CHECK(condition_text(test_cond("$pay.call.idempotency", {tst(Test::Op::Eq, {"none"})})) ==
        "$pay.call.idempotency: none");
  Condition any;
  any.type = Condition::Type::Any;
  any.children = {test_cond("do", {tst(Test::Op::Eq, {"charge"})}), test_cond("do", {tst(Test::Op::Eq, {"refund"})})};
  CHECK(condition_text(any) == "any: [{do: charge}, {do: refund}]");
  Condition no;
  no.type = Condition::Type::Not;
  no.children = {test_cond("ttl", {tst(Test::Op::Exists, {"true"})})};
  CHECK(condition_text(no) == "not: {ttl: {exists: true}}");
  Condition before;
  before.type = Condition::Type::Before;
  before.every = true;
  before.bind = "pay";
  before.children = {test_cond("do", {tst(Test::Op::Eq, {"charge"})})};
  CHECK(condition_text(before) == "before: {where: [{do: charge}], path: every, bind: pay}");
}
