#pragma once
// Template text with {path|fallback} placeholders, parsed once at load time.
#include <string>
#include <variant>
#include <vector>

#include "diag/diagnostics.h"
#include "match/condition.h"

namespace pf {

struct Placeholder {
  Path path;  ///< always from a bound name
  std::string fallback;
  bool has_fallback = false;
};

/// A parsed template string: literal runs and placeholders.
struct Text {
  std::vector<std::variant<std::string, Placeholder>> parts;
  std::string raw;
  Loc loc;
  bool empty() const { return raw.empty(); }
};

/// Parses `raw`; reports unbalanced braces and bad placeholder names at `loc`.
Text parse_text(const std::string& raw, const Loc& loc, Diagnostics& diags);
/// Parses "a.b.c" (or "$a.b") into a Path; empty parts on error.
Path parse_path(const std::string& text, const Loc& loc, bool from_binding);

/// A text in both catalog languages.
struct LangText {
  Text ko, en;
  const Text& in(const std::string& lang) const { return lang == "en" ? en : ko; }
};

}  // namespace pf
