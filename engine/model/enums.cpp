#include "model/enums.h"

namespace pf {

std::optional<int> EnumTable::find(std::string_view v) const {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == v) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<std::string> EnumTable::strings() const { return {values.begin(), values.end()}; }

namespace {
using A = Action;
using M = MoneyTrait;
using F = FailTrait;
constexpr bool Y = true, N = false;
}  // namespace

// One row per action: writes, changes state, moves money, can fail, undoes, creates, undone by.
const std::vector<ActionTraits>& action_rows() {
  static const std::vector<ActionTraits> rows = {
      {A::Reserve, "reserve", Y, Y, M::Never, F::WhenItCalls, N, Y, {A::Release}},
      {A::Release, "release", Y, Y, M::Never, F::WhenItCalls, Y, N, {}},
      {A::Allocate, "allocate", Y, Y, M::Never, F::Always, N, Y, {A::Release}},
      {A::Authorize, "authorize", Y, Y, M::Always, F::Always, N, Y, {A::Void}},
      {A::Capture, "capture", Y, Y, M::Always, F::Always, N, N, {A::Refund}},
      {A::Charge, "charge", Y, Y, M::Always, F::Always, N, Y, {A::Refund, A::Void}},
      {A::Refund, "refund", Y, Y, M::Always, F::WhenItCalls, Y, N, {}},
      {A::Void, "void", Y, Y, M::Always, F::WhenItCalls, Y, N, {}},
      {A::Credit, "credit", Y, Y, M::OnMoneyLedger, F::WhenItCalls, N, Y, {A::Debit}},
      {A::Debit, "debit", Y, Y, M::OnMoneyLedger, F::Always, N, Y, {A::Credit, A::Refund}},
      {A::Transfer, "transfer", Y, Y, M::OnMoneyLedger, F::Always, N, Y, {A::Transfer, A::Refund}},
      {A::ApplyDiscount, "apply_discount", Y, Y, M::Never, F::WhenItCalls, N, Y, {A::Write, A::Release}},
      {A::Transition, "transition", Y, Y, M::Never, F::WhenItCalls, N, N, {A::Transition, A::Write}},
      {A::Write, "write", Y, Y, M::Never, F::WhenItCalls, N, Y, {A::Write, A::Transition}},
      {A::Call, "call", N, N, M::Never, F::WhenItCalls, N, N, {}},
      {A::Await, "await", N, N, M::Never, F::Always, N, N, {}},
      {A::Compute, "compute", N, N, M::Never, F::Always, N, N, {}},
      {A::Verify, "verify", N, N, M::Never, F::WhenItCalls, N, N, {}},
      {A::Notify, "notify", N, N, M::Never, F::Never, N, N, {}},
  };
  return rows;
}

const ActionTraits& traits(Action a) { return action_rows()[static_cast<std::size_t>(a)]; }

std::optional<Action> parse_action(std::string_view name) {
  for (const auto& r : action_rows())
    if (r.name == name) return r.action;
  return std::nullopt;
}

std::string_view name_of(Action a) { return traits(a).name; }

namespace {
struct KindRow {
  std::string_view name;
  bool a, b, c, d;
};
bool row_flag(const std::vector<KindRow>& rows, std::string_view kind, int which) {
  for (const auto& r : rows)
    if (r.name == kind) return which == 0 ? r.a : which == 1 ? r.b : which == 2 ? r.c : r.d;
  return false;
}
// Ledger kinds: scarce, money, pii (the spec's defaults), audit.
const std::vector<KindRow>& ledger_rows() {
  static const std::vector<KindRow> rows = {
      {"inventory", Y, N, N, N}, {"order", N, N, N, N},       {"payment", N, Y, N, N}, {"settlement", N, Y, N, N},
      {"wallet", N, Y, N, N},    {"points", N, N, N, N},      {"coupon", N, N, N, N},  {"entitlement", N, N, N, N},
      {"account", N, N, Y, N},   {"audit", N, N, N, Y},       {"other", N, N, N, N}};
  return rows;
}
// Job kinds: reconciles, purges, fires timers.
const std::vector<KindRow>& job_rows() {
  static const std::vector<KindRow> rows = {{"retention_purge", N, Y, N, N}, {"reconciliation", Y, N, N, N},
                                            {"settlement", Y, N, N, N},      {"expiry_sweep", N, N, Y, N},
                                            {"report", N, N, N, N},          {"other", N, N, N, N}};
  return rows;
}
// Integration kinds: moves money.
const std::vector<KindRow>& integration_rows() {
  static const std::vector<KindRow> rows = {
      {"payment_gateway", Y, N, N, N}, {"bank", Y, N, N, N},          {"auth_provider", N, N, N, N},
      {"prediction", N, N, N, N},      {"messaging", N, N, N, N},     {"logistics", N, N, N, N},
      {"notification", N, N, N, N},    {"identity_verification", N, N, N, N},
      {"marketplace", N, N, N, N},     {"erp", N, N, N, N},           {"other", N, N, N, N}};
  return rows;
}
template <typename Rows>
std::vector<std::string_view> names(const Rows& rows) {
  std::vector<std::string_view> v;
  for (const auto& r : rows) v.push_back(r.name);
  return v;
}
}  // namespace

bool ledger_kind_scarce(std::string_view k) { return row_flag(ledger_rows(), k, 0); }
bool ledger_kind_money(std::string_view k) { return row_flag(ledger_rows(), k, 1); }
bool ledger_kind_pii(std::string_view k) { return row_flag(ledger_rows(), k, 2); }
bool ledger_kind_audit(std::string_view k) { return row_flag(ledger_rows(), k, 3); }
bool job_kind_reconciles(std::string_view k) { return row_flag(job_rows(), k, 0); }
bool job_kind_purges(std::string_view k) { return row_flag(job_rows(), k, 1); }
bool job_kind_fires_timers(std::string_view k) { return row_flag(job_rows(), k, 2); }
bool integration_kind_moves_money(std::string_view k) { return row_flag(integration_rows(), k, 0); }

// One row per state role, with the names the engine guesses it from when none is declared.
const std::vector<StateRoleRow>& state_role_rows() {
  static const std::vector<StateRoleRow> rows = {
      {StateRole::MoneyTaken, "money_taken", {}, {"paid", "captured", "charged", "settled", "deposited", "funded"}},
      {StateRole::Fulfilled,
       "fulfilled",
       {},
       {"shipped", "delivered", "issued", "used", "completed", "fulfilled", "settled", "sent", "dispatched",
        "paid_out", "in_transit"}},
      {StateRole::Cancelled, "cancelled", {"cancel", "void", "expire", "fail", "reject", "declin"}, {}},
  };
  return rows;
}

std::optional<StateRole> parse_state_role(std::string_view name) {
  for (const auto& r : state_role_rows())
    if (r.name == name) return r.role;
  return std::nullopt;
}

bool name_suggests(StateRole role, std::string_view state) {
  const StateRoleRow& r = state_role_rows()[static_cast<std::size_t>(role)];
  for (auto n : r.names)
    if (state == n) return true;
  for (auto p : r.name_prefixes)
    if (state.substr(0, p.size()) == p) return true;
  return false;
}

#define PF_TABLE(fn, label, ...)                    \
  const EnumTable& fn() {                           \
    static const EnumTable t{label, {__VA_ARGS__}}; \
    return t;                                       \
  }

#define PF_ROWS(fn, label, rows)                   \
  const EnumTable& fn() {                          \
    static const EnumTable t{label, names(rows)};  \
    return t;                                      \
  }

PF_ROWS(ledger_kinds, "ledger kind", ledger_rows())
PF_ROWS(integration_kinds, "integration kind", integration_rows())
PF_TABLE(criticalities, "criticality", "critical", "degradable")
PF_TABLE(op_modes, "operation mode", "sync", "async")
PF_TABLE(idempotencies, "idempotency", "key", "natural", "none")
PF_TABLE(deliveries, "delivery", "webhook", "poll", "queue")
PF_TABLE(report_kinds, "report kind", "settlement_file", "statement_api", "event_log")
PF_ROWS(actions, "action", action_rows())
PF_TABLE(fail_modes, "fail mode", "closed", "open")
PF_ROWS(job_kinds, "job kind", job_rows())
PF_TABLE(breach_kinds, "breach kind", "duplicate_event", "out_of_order_event", "lost_event",
         "timeout_unknown_outcome", "retry_storm", "oversell", "double_charge", "hold_leak", "amount_mismatch",
         "illegal_transition", "auth_outage", "privilege_escalation", "abuse_flood", "purge_failure",
         "reconciliation_gap", "manual_fix_partial", "prediction_outage", "dependency_outage", "other")
PF_TABLE(trigger_kinds, "trigger", "user", "operator", "schedule")
PF_ROWS(state_roles, "state role", state_role_rows())

#undef PF_TABLE
#undef PF_ROWS

std::vector<std::pair<std::string_view, const EnumTable*>> all_enum_tables() {
  return {{"ledgerKind", &ledger_kinds()},       {"integrationKind", &integration_kinds()},
          {"criticality", &criticalities()},     {"operationMode", &op_modes()},
          {"idempotency", &idempotencies()},     {"delivery", &deliveries()},
          {"reportKind", &report_kinds()},       {"action", &actions()},
          {"failMode", &fail_modes()},           {"jobKind", &job_kinds()},
          {"breachKind", &breach_kinds()},       {"stateRole", &state_roles()}};
}

}  // namespace pf
