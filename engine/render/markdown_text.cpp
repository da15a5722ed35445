#include "render/markdown_text.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace pf {

namespace {

bool ends_with(const std::string& s, const char* tail, std::size_t n) {
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

bool ascii_punct(char c) { return c > ' ' && c < 127 && !std::isalnum(static_cast<unsigned char>(c)); }
bool word_char(const std::string& s, std::size_t i) {
  return i < s.size() && s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && !ascii_punct(s[i]);
}

// Whether s[i] would start markup in GFM: '*' and '~' always; '_' unless inside a word
// (bad_signature stays as is); '<' before a tag or comment ("<=" stays); '&' before an entity;
// ']' before '(' (a link); '\\' before punctuation; '|' always (a table cell would end).
bool needs_escape(const std::string& s, std::size_t i) {
  static const std::regex kEntity("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});.*");
  char c = s[i], next = i + 1 < s.size() ? s[i + 1] : '\0';
  switch (c) {
    case '*': case '~': case '|': return true;
    case '_': return !(i > 0 && word_char(s, i - 1) && word_char(s, i + 1));
    case '<': return std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
    case '&': return std::regex_match(s.substr(i, 40), kEntity);
    case ']': return next == '(';
    case '\\': return ascii_punct(next);
    default: return false;
  }
}

/// Appends one character of running text: blanks folded, braces made round, and the dashes
/// of "-->" and "<!--" cut so that no text closes or opens the comments that carry ids.
void put(std::string& out, char c) {
  if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (c == ' ' && !out.empty() && out.back() == ' ') return;
  if (c == '{') c = '(';
  if (c == '}') c = ')';
  if (c == '>')
    while (ends_with(out, "--", 2)) out.pop_back();
  if (c == '-' && ends_with(out, "<!-", 3)) return;
  out += c;
}

}  // namespace

std::string md_inline(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '`') {
      // A code span: a run of backticks closed by a run of the same length (CommonMark). Its
      // text is kept but for blanks and table pipes; a run that closes nothing is escaped.
      std::size_t n = s.find_first_not_of('`', i);
      n = (n == std::string::npos ? s.size() : n) - i;
      std::string run(n, '`');
      std::size_t close = s.find(run, i + n);
      while (close != std::string::npos && close + n < s.size() && s[close + n] == '`') {
        std::size_t next = s.find_first_not_of('`', close);
        close = next == std::string::npos ? std::string::npos : s.find(run, next);
      }
      if (close == std::string::npos) {
        for (std::size_t k = 0; k < n; ++k) out += "\\`";
        i += n;
        continue;
      }
      for (std::size_t k = i; k < close + n; ++k) {
        if (s[k] == '|') out += "\\|";
        else put(out, s[k]);
      }
      i = close + n;
      continue;
    }
    if (needs_escape(s, i)) out += '\\';
    put(out, c);
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string md_code(const std::string& s) {
  std::string body;
  std::size_t run = 0, longest = 0;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    body += c;
  }
  std::string fence(longest + 1, '`');
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

}  // namespace pf
