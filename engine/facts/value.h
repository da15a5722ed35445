#pragma once
// Facts are elements with attributes; rules and templates read them by name.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "model/duration.h"

namespace pf {

/// The kinds of element a rule can iterate over (`match.each`).
enum class Kind {
  Service, Ledger, Integration, Operation, Event, Flow, Step, Lifecycle, Transition, Tool, Job, Bottleneck, Breach,
  LedgerPair
};
constexpr std::size_t kKindCount = 14;
std::string_view kind_name(Kind k);
std::optional<Kind> parse_kind(std::string_view s);
std::vector<std::string> kind_names();

struct Element;

/// An attribute value: null, bool, number, string, duration, element ref, or a list.
struct Value {
  enum class Type { Null, Bool, Num, Str, Dur, Ref, List };
  Type type = Type::Null;
  bool b = false;
  double num = 0;
  std::string str;
  Duration dur;
  const Element* ref = nullptr;
  std::vector<Value> list;

  static Value boolean(bool v);
  static Value number(double v);
  static Value string(std::string v);  ///< empty strings are null
  static Value duration(const Duration& d);
  static Value element(const Element* e);  ///< null for nullptr
  static Value elements(const std::vector<const Element*>& es);
  static Value strings(const std::vector<std::string>& ss);
  template <typename T>
  static Value maybe(const std::optional<T>& o);
  bool is_null() const { return type == Type::Null; }
  /// Durations compare in milliseconds; numbers as they are.
  std::optional<double> as_number() const;
};

/// One model element (or derived one, such as a ledger pair) with its facts.
struct Element {
  Kind kind = Kind::Service;
  std::string key;   ///< stable id used in item ids: "checkout.hold_seats"
  Loc loc;
  int ordinal = -1;  ///< steps: index in their flow
  std::map<std::string, Value, std::less<>> attrs;
  const Value* get(std::string_view name) const;
  void set(const std::string& name, Value v) { attrs[name] = std::move(v); }
};

template <typename T>
Value Value::maybe(const std::optional<T>& o) {
  if (!o) return Value{};
  if constexpr (std::is_same_v<T, Duration>) return duration(*o);
  else if constexpr (std::is_same_v<T, bool>) return boolean(*o);
  else return number(static_cast<double>(*o));
}

}  // namespace pf
