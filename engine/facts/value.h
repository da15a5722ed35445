#pragma once
// Facts are elements with attributes; rules and templates read them by name.
#include <array>
#include <cstdint>
#include <memory>
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

/// A duration held out of line: few values are durations, and a Duration is 64 bytes. Reads
/// as a `const Duration&` (zero when unset).
class DurationSlot {
 public:
  DurationSlot() = default;
  DurationSlot(const DurationSlot& o) : p_(o.p_ ? std::make_unique<Duration>(*o.p_) : nullptr) {}
  DurationSlot(DurationSlot&&) noexcept = default;
  DurationSlot& operator=(const DurationSlot& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<Duration>(*o.p_) : nullptr;
    return *this;
  }
  DurationSlot& operator=(DurationSlot&&) noexcept = default;
  DurationSlot& operator=(const Duration& d) {
    p_ = std::make_unique<Duration>(d);
    return *this;
  }
  const Duration& get() const;
  operator const Duration&() const { return get(); }  // NOLINT: reads as the duration it holds
  std::int64_t total_ms() const { return get().total_ms(); }

 private:
  std::unique_ptr<Duration> p_;
};

/// An attribute value: null, bool, number, string, duration, element ref, or a list.
struct Value {
  enum class Type { Null, Bool, Num, Str, Dur, Ref, List };
  Type type = Type::Null;
  bool b = false;
  double num = 0;
  const Element* ref = nullptr;
  DurationSlot dur;
  std::string str;
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

/// Attribute names are numbered once per process, in order of first use; an element finds an
/// attribute by its number. The numbers never reach any output.
using AttrId = std::uint16_t;
constexpr AttrId kNoAttr = 0xFFFF;
/// The number of an attribute name, assigning one on first use.
AttrId attr_id(std::string_view name);
/// The number of a name already used, or kNoAttr.
AttrId find_attr_id(std::string_view name);
std::string_view attr_name(AttrId id);

/// One model element (or derived one, such as a ledger pair) with its facts.
struct Element {
  Kind kind = Kind::Service;
  std::string key;   ///< stable id used in item ids: "checkout.hold_seats"
  Loc loc;
  int ordinal = -1;  ///< steps: index in their flow
  /// The attribute, or nullptr when it was never set (set to null, it is a null value).
  const Value* get(std::string_view name) const;
  const Value* get(AttrId id) const;
  void set(std::string_view name, Value v);
  /// Every attribute set, by name (in no particular order); for checks and tests.
  std::vector<std::pair<std::string_view, const Value*>> attributes() const;
  /// Frees spare capacity once no more attributes are expected.
  void compact();

 private:
  /// Sorted by id; `at` indexes values_, or is kNullAt for an attribute set to null.
  struct Slot {
    AttrId id;
    std::uint16_t at;
  };
  static constexpr std::uint16_t kNullAt = 0xFFFF;
  std::vector<Slot> slots_;
  std::vector<Value> values_;
};

template <typename T>
Value Value::maybe(const std::optional<T>& o) {
  if (!o) return Value{};
  if constexpr (std::is_same_v<T, Duration>) return duration(*o);
  else if constexpr (std::is_same_v<T, bool>) return boolean(*o);
  else return number(static_cast<double>(*o));
}

}  // namespace pf
