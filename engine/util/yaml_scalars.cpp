// Typed scalars of MapReader: text is text, numbers and booleans are not quoted, and a key
// with no value is an error (the model's schema says the same: test/model_agreement.py).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <regex>

#include "util/yaml_reader.h"

namespace pf {

// What a plain (unquoted) scalar reads as under YAML 1.2's core schema, when that is not text:
// "a boolean" or "a number"; null otherwise. yaml-cpp tags plain scalars "?" and quoted ones "!".
const char* plain_non_text(const YAML::Node& n) {
  if (!n.IsScalar() || n.Tag() != "?") return nullptr;
  static const std::regex kBool("true|True|TRUE|false|False|FALSE");
  static const std::regex kNumber(
      "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(n.Scalar(), kBool)) return "a boolean";
  if (std::regex_match(n.Scalar(), kNumber)) return "a number";
  return nullptr;
}

namespace {
bool quoted(const YAML::Node& n) { return n.IsScalar() && n.Tag() == "!"; }
}  // namespace

std::optional<std::string> MapReader::scalar(std::string_view key, bool required) {
  const Entry* e = find(key);
  if (!e) {
    if (required) missing(key);
    return std::nullopt;
  }
  if (e->v.IsNull()) {  // `key:` with nothing after it (or ~, null): a value was meant
    ctx_.diags().error(key_loc(key), fmt::format("'{}' of {} has no value", key, what_),
                       "give it a value or remove the key");
    return std::nullopt;
  }
  if (!e->v.IsScalar()) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be a single value", key, what_));
    return std::nullopt;
  }
  std::string s = e->v.Scalar();
  if (required && s.empty()) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must not be empty", key, what_));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> MapReader::str(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  if (const char* type = plain_non_text(find(key)->v)) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be text, not {} ({})", key, what_, type, *s),
                       fmt::format("write it in quotes: {}: \"{}\"", key, *s));
    return std::nullopt;
  }
  return s;
}

bool MapReader::not_quoted(std::string_view key, const char* expected) {
  if (!quoted(find(key)->v)) return true;
  ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be {}, not the text '{}'", key, what_, expected,
                                                 find(key)->v.Scalar()),
                     "remove the quotes");
  return false;
}

std::optional<bool> MapReader::boolean(std::string_view key) {
  auto s = scalar(key);
  if (!s || !not_quoted(key, "true or false")) return std::nullopt;
  if (*s == "true" || *s == "True" || *s == "TRUE") return true;
  if (*s == "false" || *s == "False" || *s == "FALSE") return false;
  ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be true or false, not '{}'", key, what_, *s));
  return std::nullopt;
}

std::optional<std::int64_t> MapReader::integer(std::string_view key, std::int64_t min) {
  auto s = scalar(key);
  if (!s || !not_quoted(key, "a whole number")) return std::nullopt;
  std::int64_t v = 0;
  bool ok = !s->empty() && s->size() <= 15;
  for (char c : *s) {
    if (c < '0' || c > '9' || !ok) {
      ok = false;  // not a digit, or more than 15 digits: stop before the value can overflow
      break;
    }
    v = v * 10 + (c - '0');
  }
  if (!ok || v < min) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be a whole number of at least {}, not '{}'",
                                                   key, what_, min, *s));
    return std::nullopt;
  }
  return v;
}

std::optional<double> MapReader::number(std::string_view key, double min) {
  auto s = scalar(key);
  if (!s || !not_quoted(key, "a number")) return std::nullopt;
  char* end = nullptr;
  double v = s->empty() ? NAN : std::strtod(s->c_str(), &end);
  if (s->empty() || end != s->c_str() + s->size() || !std::isfinite(v) || v < min || v > 1e15) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be a number of at least {}, not '{}'", key,
                                                   what_, min, *s));
    return std::nullopt;
  }
  return v;
}

}  // namespace pf
