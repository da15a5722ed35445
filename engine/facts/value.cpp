#include "facts/value.h"

#include <algorithm>
#include <deque>
#include <stdexcept>
#include <unordered_map>

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

const Duration& DurationSlot::get() const {
  static const Duration zero{};
  return p_ ? *p_ : zero;
}

namespace {

struct AttrNames {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::deque<std::string> names;  // stable storage for the views below
  std::unordered_map<std::string_view, AttrId, Hash, std::equal_to<>> ids;
};

AttrNames& attr_names() {
  static AttrNames t;
  return t;
}

const Value kNull{};

}  // namespace

AttrId attr_id(std::string_view name) {
  auto& t = attr_names();
  auto it = t.ids.find(name);
  if (it != t.ids.end()) return it->second;
  if (t.names.size() >= kNoAttr) throw std::length_error("too many attribute names");
  auto id = static_cast<AttrId>(t.names.size());
  t.names.emplace_back(name);
  t.ids.emplace(t.names.back(), id);
  return id;
}

AttrId find_attr_id(std::string_view name) {
  auto& t = attr_names();
  auto it = t.ids.find(name);
  return it == t.ids.end() ? kNoAttr : it->second;
}

std::string_view attr_name(AttrId id) { return attr_names().names.at(id); }

const Value* Element::get(AttrId id) const {
  auto it = std::lower_bound(slots_.begin(), slots_.end(), id, [](const Slot& s, AttrId x) { return s.id < x; });
  if (it == slots_.end() || it->id != id) return nullptr;
  return it->at == kNullAt ? &kNull : &values_[it->at];
}

const Value* Element::get(std::string_view name) const {
  AttrId id = find_attr_id(name);
  return id == kNoAttr ? nullptr : get(id);
}

void Element::set(std::string_view name, Value v) {
  AttrId id = attr_id(name);
  auto it = std::lower_bound(slots_.begin(), slots_.end(), id, [](const Slot& s, AttrId x) { return s.id < x; });
  if (it == slots_.end() || it->id != id) it = slots_.insert(it, Slot{id, kNullAt});
  if (v.is_null()) {
    if (it->at != kNullAt) values_[it->at] = Value{};  // its place stays, empty
    it->at = kNullAt;
    return;
  }
  if (it->at != kNullAt) {
    values_[it->at] = std::move(v);
    return;
  }
  if (values_.size() >= kNullAt) throw std::length_error("too many attributes on one element");
  it->at = static_cast<std::uint16_t>(values_.size());
  values_.push_back(std::move(v));
}

std::vector<std::pair<std::string_view, const Value*>> Element::attributes() const {
  std::vector<std::pair<std::string_view, const Value*>> out;
  for (const Slot& s : slots_) out.emplace_back(attr_name(s.id), s.at == kNullAt ? &kNull : &values_[s.at]);
  return out;
}

void Element::compact() {
  slots_.shrink_to_fit();
  values_.shrink_to_fit();
}

}  // namespace pf
