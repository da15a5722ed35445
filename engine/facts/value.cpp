#include "facts/value.h"

namespace pf {

namespace {
constexpr std::array<std::string_view, kKindCount> kNames = {
    "service", "ledger", "integration", "operation", "event", "flow", "step", "lifecycle", "transition", "tool",
    "job", "bottleneck", "breach", "ledger_pair"};
}

std::string_view kind_name(Kind k) { return kNames[static_cast<std::size_t>(k)]; }

std::optional<Kind> parse_kind(std::string_view s) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<Kind>(i);
  return std::nullopt;
}

std::vector<std::string> kind_names() { return {kNames.begin(), kNames.end()}; }

Value Value::boolean(bool v) {
  Value x;
  x.type = Type::Bool;
  x.b = v;
  return x;
}
Value Value::number(double v) {
  Value x;
  x.type = Type::Num;
  x.num = v;
  return x;
}
Value Value::string(std::string v) {
  Value x;
  if (v.empty()) return x;
  x.type = Type::Str;
  x.str = std::move(v);
  return x;
}
Value Value::duration(const Duration& d) {
  Value x;
  x.type = Type::Dur;
  x.dur = d;
  return x;
}
Value Value::element(const Element* e) {
  Value x;
  if (!e) return x;
  x.type = Type::Ref;
  x.ref = e;
  return x;
}
Value Value::elements(const std::vector<const Element*>& es) {
  Value x;
  x.type = Type::List;
  for (const Element* e : es) x.list.push_back(element(e));
  return x;
}
Value Value::strings(const std::vector<std::string>& ss) {
  Value x;
  x.type = Type::List;
  for (const auto& s : ss) x.list.push_back(string(s));
  return x;
}

std::optional<double> Value::as_number() const {
  if (type == Type::Num) return num;
  if (type == Type::Dur) return static_cast<double>(dur.total_ms());
  return std::nullopt;
}

const Value* Element::get(std::string_view name) const {
  auto it = attrs.find(name);
  return it == attrs.end() ? nullptr : &it->second;
}

}  // namespace pf
