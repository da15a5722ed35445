#include "render/markdown_text.h"

namespace pf {

namespace {

bool ends_with(const std::string& s, const char* tail, std::size_t n) {
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

}  // namespace

std::string md_inline(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    if (c == '{') c = '(';
    if (c == '}') c = ')';
    if (c == '|') c = '/';
    // "-->" would close the comments that carry ids: keep one dash before '>'.
    if (c == '>')
      while (ends_with(out, "--", 2)) out.pop_back();
    // "<!--" would open one: no second dash after "<!-".
    if (c == '-' && ends_with(out, "<!-", 3)) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace pf
