#pragma once
// One table per enum of the service model: used to parse, to print, and (in a test) to check
// schemas/service-model.schema.json, so no list is kept twice by hand.
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

/// All tables, keyed by the JSON Schema definition name that must list the same values.
std::vector<std::pair<std::string_view, const EnumTable*>> all_enum_tables();

}  // namespace pf
