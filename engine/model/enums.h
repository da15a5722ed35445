#pragma once
// One table per enum of the service model: used to parse, to print, to validate, to derive facts
// and (in a test) to check schemas/service-model.schema.json, so no list is kept twice by hand.
// The enums whose values carry meaning beyond their name have one row per value with its traits:
// what a step's action does to a ledger, what a ledger kind defaults to, what a job kind runs,
// what an integration kind moves, and what role a lifecycle state can play.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pf {

/// An enum's name and its allowed values, in the spec's order.
struct EnumTable {
  std::string_view name;  ///< e.g. "ledger kind"
  std::vector<std::string_view> values;
  /// Index of `v` in values, or nullopt.
  std::optional<int> find(std::string_view v) const;
  std::vector<std::string> strings() const;
};

/// A step's `do:`, in the spec's order.
enum class Action {
  Reserve, Release, Allocate, Authorize, Capture, Charge, Refund, Void, Credit, Debit, Transfer,
  ApplyDiscount, Transition, Write, Call, Await, Compute, Verify, Notify
};

/// Whether a step with this action can fail: never (best effort, retried), always (it can be
/// declined, run out or time out by itself), or only when it calls an integration.
enum class FailTrait { Never, Always, WhenItCalls };

/// Whether an action moves money: always, only on a money ledger, or never.
enum class MoneyTrait { Never, Always, OnMoneyLedger };

struct ActionTraits {
  Action action;
  std::string_view name;
  bool writes_ledger;    ///< it must name a ledger, and the ledgers it names are written
  bool changes_state;    ///< it changes what a ledger holds (a write, a hold, a money movement)
  MoneyTrait moves_money;
  FailTrait can_fail;
  bool undoes;           ///< it undoes another action (release, refund, void): recovery, not a change to undo
  bool creates_records;  ///< it may create the records of its ledger (not a later change of an existing record)
  std::vector<Action> undone_by;  ///< the actions that undo it semantically (a write or transition: itself)
};

const std::vector<ActionTraits>& action_rows();
const ActionTraits& traits(Action a);
std::optional<Action> parse_action(std::string_view name);
std::string_view name_of(Action a);

/// Traits of the other enums whose values carry meaning, by value name (unknown names: all false).
bool ledger_kind_scarce(std::string_view kind);  ///< default of `scarce`
bool ledger_kind_money(std::string_view kind);   ///< default of `money`
bool ledger_kind_pii(std::string_view kind);     ///< default of `pii`
bool ledger_kind_audit(std::string_view kind);
bool job_kind_reconciles(std::string_view kind);   ///< compares a ledger with another record
bool job_kind_purges(std::string_view kind);       ///< deletes records past their retention
bool job_kind_fires_timers(std::string_view kind); ///< drives timer transitions (expiry sweeps)
bool integration_kind_moves_money(std::string_view kind);

/// A role a lifecycle state can be declared to play (`roles:` of a lifecycle).
enum class StateRole { MoneyTaken, Fulfilled, Cancelled };
struct StateRoleRow {
  StateRole role;
  std::string_view name;
  std::vector<std::string_view> name_prefixes;  ///< how the engine guesses the role from a state name
  std::vector<std::string_view> names;          ///< exact names it guesses from
};
const std::vector<StateRoleRow>& state_role_rows();
std::optional<StateRole> parse_state_role(std::string_view name);
/// Whether the engine, guessing from names where the lifecycle declares no roles, gives `state`
/// this role (a state may get two: `settled` is money taken and fulfilled).
bool name_suggests(StateRole role, std::string_view state);

const EnumTable& ledger_kinds();
const EnumTable& integration_kinds();
const EnumTable& criticalities();
const EnumTable& op_modes();
const EnumTable& idempotencies();
const EnumTable& deliveries();
const EnumTable& report_kinds();
const EnumTable& actions();
const EnumTable& fail_modes();
const EnumTable& job_kinds();
const EnumTable& breach_kinds();
const EnumTable& trigger_kinds();  ///< user | operator | schedule (plus event:<i>.<e>)
const EnumTable& state_roles();

/// All tables, keyed by the JSON Schema definition name that must list the same values.
std::vector<std::pair<std::string_view, const EnumTable*>> all_enum_tables();

}  // namespace pf
