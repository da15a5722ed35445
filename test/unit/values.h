#pragma once
// Reading facts in tests: every value as short, language-neutral text, independent of the
// engine's own printers (so a printer bug cannot hide a fact bug).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "facts/value.h"

namespace pf::test {

/// null, true/false, numbers as written (900, 3.5), strings as is, durations as "<ms>ms",
/// refs as their key, lists as "[a, b]".
inline std::string show(const Value& v) {
  switch (v.type) {
    case Value::Type::Null: return "null";
    case Value::Type::Bool: return v.b ? "true" : "false";
    case Value::Type::Num: return fmt::format("{}", v.num);
    case Value::Type::Str: return v.str;
    case Value::Type::Dur: return fmt::format("{}ms", v.dur.total_ms());
    case Value::Type::Ref: return v.ref ? v.ref->key : "<dangling>";
    case Value::Type::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.list.size(); ++i) out += (i ? ", " : "") + show(v.list[i]);
      return out + "]";
    }
  }
  return "?";
}

/// The attribute as text; fails the test when the element does not carry it at all.
inline std::string attr(const Element& e, const std::string& name) {
  const Value* v = e.get(name);
  INFO(std::string(kind_name(e.kind)) + " " + e.key + " has no attribute '" + name + "'");
  REQUIRE(v != nullptr);
  return show(*v);
}

/// Milliseconds of a duration attribute; -1 when it is null.
inline long long ms_of(const Element& e, const std::string& name) {
  const Value* v = e.get(name);
  REQUIRE(v != nullptr);
  if (v->is_null()) return -1;
  REQUIRE(v->type == Value::Type::Dur);
  return v->dur.total_ms();
}

}  // namespace pf::test
