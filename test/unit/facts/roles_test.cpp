// Lifecycle roles and `undoes:`: what the model declares replaces what the engine guesses from names.
#include <catch2/catch.hpp>

#include "../support.h"
#include "../values.h"

using namespace pf;
using namespace pf::test;
using Catch::Matchers::Contains;

namespace {

const char* kOrder = R"(version: 1
service: {name: Shop}
ledgers:
  - {id: orders, kind: order}
  - {id: payments, kind: payment}
flows:
  - id: checkout
    steps:
      - {id: create, do: write, ledger: orders}
      - {id: pay, do: charge, ledger: payments}
      - {id: approve, do: transition, ledger: orders, entity: order, to: approved}
  - id: cancel
    trigger: operator
    steps:
      - {id: give_back, do: write, ledger: payments, undoes: checkout.pay}
      - {id: drop, do: transition, ledger: orders, entity: order, to: withdrawn}
lifecycles:
  - entity: order
    ledger: orders
    states: [created, approved, withdrawn]
    initial: created
    terminal: [withdrawn]
    ROLES
    transitions:
      - {from: created, to: approved, by: checkout.approve}
      - {from: approved, to: withdrawn, by: cancel.drop}
)";

std::string with_roles(const std::string& roles) {
  std::string s = kOrder;
  s.replace(s.find("ROLES"), 5, roles);
  return s;
}

}  // namespace

TEST_CASE("roles: states named in another word are not guessed, and the lifecycle says so", "[facts][roles]") {
  Analysis a = facts_of(with_roles(""));
  const Element& lc = element(a, Kind::Lifecycle, "order");
  CHECK(attr(lc, "roles_declared") == "false");
  CHECK(attr(lc, "money_states") == "[]");
  CHECK(attr(lc, "cancelled_states") == "[]");
  CHECK(attr(element(a, Kind::Transition, "order:approved->withdrawn"), "after_money") == "false");
}

TEST_CASE("roles: declared roles drive the money and cancellation facts", "[facts][roles]") {
  Analysis a = facts_of(with_roles("roles: {money_taken: [approved], cancelled: [withdrawn]}"));
  const Element& lc = element(a, Kind::Lifecycle, "order");
  CHECK(attr(lc, "roles_declared") == "true");
  CHECK(attr(lc, "money_states") == "[approved]");
  CHECK(attr(lc, "cancelled_states") == "[withdrawn]");
  CHECK(attr(element(a, Kind::Transition, "order:approved->withdrawn"), "after_money") == "true");
}

TEST_CASE("roles: undoes makes a step an undo and links it to what it undoes", "[facts][roles]") {
  Analysis a = facts_of(with_roles(""));
  const Element& give_back = element(a, Kind::Step, "cancel.give_back");
  CHECK(attr(give_back, "undoes") == "checkout.pay");
  CHECK(attr(give_back, "compensates") == "[checkout.pay]");
  CHECK(attr(give_back, "uncompensated") == "false");
}

TEST_CASE("roles: a role naming an unknown state, an unknown role, an unknown undone step", "[facts][roles]") {
  CHECK_THAT(errors_of(with_roles("roles: {money_taken: [aproved]}")), Contains("unknown state 'aproved'"));
  CHECK_THAT(errors_of(with_roles("roles: {paid: [approved]}")), Contains("'paid'"));
  std::string bad = with_roles("");
  bad.replace(bad.find("undoes: checkout.pay"), 20, "undoes: checkout.pey");
  CHECK_THAT(errors_of(bad), Contains("checkout.pey"));
}
