#include "model/enums.h"

namespace pf {

std::optional<int> EnumTable::find(std::string_view v) const {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == v) return static_cast<int>(i);
  return std::nullopt;
}

std::vector<std::string> EnumTable::strings() const { return {values.begin(), values.end()}; }

#define PF_TABLE(fn, label, ...)        \
  const EnumTable& fn() {               \
    static const EnumTable t{label, {__VA_ARGS__}}; \
    return t;                           \
  }

PF_TABLE(ledger_kinds, "ledger kind", "inventory", "order", "payment", "settlement", "wallet", "points",
         "coupon", "entitlement", "account", "audit", "other")
PF_TABLE(integration_kinds, "integration kind", "payment_gateway", "bank", "auth_provider", "prediction",
         "messaging", "logistics", "notification", "identity_verification", "marketplace", "erp", "other")
PF_TABLE(criticalities, "criticality", "critical", "degradable")
PF_TABLE(op_modes, "operation mode", "sync", "async")
PF_TABLE(idempotencies, "idempotency", "key", "natural", "none")
PF_TABLE(deliveries, "delivery", "webhook", "poll", "queue")
PF_TABLE(report_kinds, "report kind", "settlement_file", "statement_api", "event_log")
PF_TABLE(actions, "action", "reserve", "release", "allocate", "authorize", "capture", "charge", "refund", "void",
         "credit", "debit", "transfer", "apply_discount", "transition", "write", "call", "await", "compute",
         "verify", "notify")
PF_TABLE(fail_modes, "fail mode", "closed", "open")
PF_TABLE(job_kinds, "job kind", "retention_purge", "reconciliation", "settlement", "expiry_sweep", "report",
         "other")
PF_TABLE(breach_kinds, "breach kind", "duplicate_event", "out_of_order_event", "lost_event",
         "timeout_unknown_outcome", "retry_storm", "oversell", "double_charge", "hold_leak", "amount_mismatch",
         "illegal_transition", "auth_outage", "privilege_escalation", "abuse_flood", "purge_failure",
         "reconciliation_gap", "manual_fix_partial", "prediction_outage", "dependency_outage", "other")
PF_TABLE(trigger_kinds, "trigger", "user", "operator", "schedule")

#undef PF_TABLE

std::vector<std::pair<std::string_view, const EnumTable*>> all_enum_tables() {
  return {{"ledgerKind", &ledger_kinds()},       {"integrationKind", &integration_kinds()},
          {"criticality", &criticalities()},     {"operationMode", &op_modes()},
          {"idempotency", &idempotencies()},     {"delivery", &deliveries()},
          {"reportKind", &report_kinds()},       {"action", &actions()},
          {"failMode", &fail_modes()},           {"jobKind", &job_kinds()},
          {"breachKind", &breach_kinds()}};
}

}  // namespace pf
