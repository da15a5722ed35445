#pragma once
// The condition language of rules (docs/rule-language.md, "Conditions").
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "facts/value.h"
#include "model/duration.h"

namespace pf {

/// A dotted attribute path, from the current element or (with `$`) from a bound name.
struct Path {
  std::string text;
  bool from_binding = false;
  std::vector<std::string> parts;  ///< with from_binding, parts[0] is the bound name
  Loc loc;
  /// The attribute number of each part, filled on first resolve (names are numbered once).
  const std::vector<AttrId>& ids() const;

 private:
  mutable std::vector<AttrId> ids_;
};

/// A literal written in a rule, kept in every form it can be compared as.
struct Literal {
  std::string text;
  std::optional<bool> b;
  std::optional<double> num;
  std::optional<Duration> dur;
};

struct Test {
  enum class Op { Eq, Ne, In, NotIn, Lt, Le, Gt, Ge, Exists, Empty, Contains, CountGe, CountLe, CountEq };
  Op op = Op::Eq;
  std::vector<Literal> args;  ///< one, or several for in/not_in
};

struct Condition {
  enum class Type { Test, Any, Not, Before, After };
  Type type = Type::Test;
  Path path;
  std::vector<Test> tests;
  std::vector<Condition> children;  ///< Any/Not: alternatives; Before/After: the other step's `where`
  bool every = false;
  std::string bind;
  Loc loc;
  int serial = 0;  ///< unique per loaded library, keys the order-condition cache
};

/// Names bound for templates and `$name` paths.
using Bindings = std::map<std::string, Value>;

Literal make_literal(const std::string& text);
std::string_view op_name(Test::Op op);
std::optional<Test::Op> parse_op(std::string_view s);
/// A condition as a rule writes it, on one line in YAML flow style ("do: reserve",
/// "ttl: {gt: PT10M}", "any: [...]", "before: {where: [...], path: some}"), for the rule reference.
std::string condition_text(const Condition& c);

/// Resolves a path: through refs, mapping over lists (the result is then a list).
Value resolve(const Element* self, const Bindings& b, const Path& p);
/// Whether `v` passes every test.
bool check_tests(const Value& v, const std::vector<Test>& tests);

}  // namespace pf
