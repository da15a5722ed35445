#include "match/text.h"

#include <fmt/format.h>

namespace pf {

Path parse_path(const std::string& text, const Loc& loc, bool from_binding) {
  Path p;
  p.text = text;
  p.loc = loc;
  std::string t = text;
  if (!t.empty() && t[0] == '$') {
    from_binding = true;
    t = t.substr(1);
  }
  p.from_binding = from_binding;
  std::size_t start = 0;
  while (start <= t.size()) {
    std::size_t dot = t.find('.', start);
    std::string part = t.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    bool ok = !part.empty();
    for (char c : part) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok) {
      p.parts.clear();
      return p;
    }
    p.parts.push_back(part);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return p;
}

Text parse_text(const std::string& raw, const Loc& loc, Diagnostics& diags) {
  Text t;
  t.raw = raw;
  t.loc = loc;
  std::string lit;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '}') {
      diags.error(loc, fmt::format("unmatched '}}' in template text: \"{}\"", raw.substr(0, 80)));
      return t;
    }
    if (c != '{') {
      lit += c;
      continue;
    }
    std::size_t close = raw.find('}', i);
    std::size_t nested = raw.find('{', i + 1);
    if (close == std::string::npos || (nested != std::string::npos && nested < close)) {
      diags.error(loc, fmt::format("unclosed '{{' in template text: \"{}\"", raw.substr(0, 80)));
      return t;
    }
    std::string inner = raw.substr(i + 1, close - i - 1);
    Placeholder ph;
    std::size_t bar = inner.find('|');
    std::string path = inner;
    if (bar != std::string::npos) {
      path = inner.substr(0, bar);
      ph.fallback = inner.substr(bar + 1);
      ph.has_fallback = true;
    }
    ph.path = parse_path(path, loc, true);
    if (ph.path.parts.empty()) {
      diags.error(loc, fmt::format("bad placeholder '{{{}}}': write {{name.attribute}} or {{name.attribute|fallback}}", inner));
      return t;
    }
    if (!lit.empty()) t.parts.emplace_back(std::move(lit));
    lit.clear();
    t.parts.emplace_back(std::move(ph));
    i = close;
  }
  if (!lit.empty()) t.parts.emplace_back(std::move(lit));
  return t;
}

}  // namespace pf
