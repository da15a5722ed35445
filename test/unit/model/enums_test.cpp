// The action table: one row per value of `do`, in the spec's order, with the traits facts use.
#include <catch2/catch.hpp>

#include "model/enums.h"

using namespace pf;

TEST_CASE("enums: one action row per value, in the enum's order", "[enums]") {
  const auto& rows = action_rows();
  REQUIRE(rows.size() == actions().values.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(static_cast<std::size_t>(rows[i].action) == i);
    CHECK(rows[i].name == actions().values[i]);
    CHECK(parse_action(rows[i].name) == rows[i].action);
  }
  CHECK_FALSE(parse_action("shred").has_value());
}

TEST_CASE("enums: action traits agree with one another", "[enums]") {
  // Every action that changes state writes a ledger, and the other way round.
  for (const auto& r : action_rows()) CHECK(r.writes_ledger == r.changes_state);
  CHECK(traits(Action::Release).writes_ledger);
  CHECK(traits(Action::Release).undoes);
  CHECK(traits(Action::Refund).undoes);
  CHECK_FALSE(traits(Action::Charge).undoes);
  CHECK(traits(Action::Charge).moves_money == MoneyTrait::Always);
  CHECK(traits(Action::Debit).moves_money == MoneyTrait::OnMoneyLedger);
  CHECK(traits(Action::Notify).can_fail == FailTrait::Never);
  CHECK(traits(Action::Await).can_fail == FailTrait::Always);
  CHECK_FALSE(traits(Action::Capture).creates_records);
  // An undo action is the undo of something: each appears in some row's undone_by.
  for (Action undo : {Action::Release, Action::Refund, Action::Void}) {
    bool used = false;
    for (const auto& r : action_rows())
      for (Action u : r.undone_by) used = used || u == undo;
    CHECK(used);
  }
}

TEST_CASE("enums: kind traits and state roles", "[enums]") {
  CHECK(ledger_kind_money("wallet"));
  CHECK_FALSE(ledger_kind_money("order"));
  CHECK(ledger_kind_scarce("inventory"));
  CHECK(job_kind_reconciles("settlement"));
  CHECK(job_kind_purges("retention_purge"));
  CHECK(job_kind_fires_timers("expiry_sweep"));
  CHECK(integration_kind_moves_money("bank"));
  CHECK_FALSE(integration_kind_moves_money("logistics"));
  CHECK(parse_state_role("money_taken") == StateRole::MoneyTaken);
  CHECK(name_suggests(StateRole::Cancelled, "cancelled_by_user"));
  CHECK(name_suggests(StateRole::MoneyTaken, "settled"));
  CHECK(name_suggests(StateRole::Fulfilled, "settled"));
  // A state named in another language or another word is not guessed: the model must declare it.
  CHECK_FALSE(name_suggests(StateRole::MoneyTaken, "approved"));
}

#include <fstream>
#include <nlohmann/json.hpp>

#include "../support.h"

TEST_CASE("enums: the JSON Schema lists the same values as every table", "[enums]") {
  std::ifstream in(pf::test::repo_root() + "/schemas/service-model.schema.json");
  REQUIRE(in.good());
  nlohmann::json schema = nlohmann::json::parse(in);
  for (const auto& [def, table] : all_enum_tables()) {
    INFO(std::string(def));
    const auto& values = schema["$defs"][std::string(def)]["enum"];
    REQUIRE(values.is_array());
    std::vector<std::string> got = values.get<std::vector<std::string>>();
    CHECK(got == table->strings());
  }
}
