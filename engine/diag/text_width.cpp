#include "diag/text_width.h"

#include <fmt/format.h>

namespace pf {

long next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = (c >= 0xC2 && c < 0xE0) ? 1 : (c >= 0xE0 && c < 0xF0) ? 2 : (c >= 0xF0 && c <= 0xF4) ? 3 : 0;
  long cp = n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
  bool ok = n > 0;
  for (int k = 1; ok && k <= n; ++k) {
    if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) ok = false;
    else cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (!ok) {
    ++i;
    return -static_cast<long>(c);
  }
  i += static_cast<std::size_t>(n) + 1;
  return cp;
}

int code_point_width(long cp) {
  if (cp < 0) return 4;  // an invalid byte, shown as \xNN
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x20D0 && cp <= 0x20FF))
    return 0;  // combining marks, Hangul medial and final jamo, zero-width spaces, variation selectors
  bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
              (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
              (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
              (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
              (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
              (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) w += static_cast<std::size_t>(code_point_width(next_code_point(s, i)));
  return w;
}

int char_column(std::string_view line, int byte_col) {
  int col = 1;
  std::size_t end = byte_col > 1 ? static_cast<std::size_t>(byte_col - 1) : 0;
  for (std::size_t i = 0; i < end && i < line.size(); ++col) next_code_point(line, i);
  if (end > line.size()) col += static_cast<int>(end - line.size());  // past the end: count the rest as bytes
  return col;
}

std::string escape_controls(std::string_view s, bool keep_tabs) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    long cp = next_code_point(s, i);
    if (cp == '\t' && keep_tabs) out += '\t';
    else if (cp == '\n') out += "\\n";
    else if (cp == '\r') out += "\\r";
    else if (cp == '\t') out += "\\t";
    else if (cp < 0) out += fmt::format("\\x{:02x}", -cp);
    else if (cp < 0x20 || cp == 0x7F) out += fmt::format("\\x{:02x}", cp);
    else if (cp >= 0x80 && cp <= 0x9F) out += fmt::format("\\u{:04x}", cp);
    else out.append(s.substr(start, i - start));
  }
  return out;
}

std::string percent_encode_unsafe(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t start = i;
    long cp = next_code_point(s, i);
    bool unsafe = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == '%' || cp == '<' || cp == '>' ||
                  cp == '|' || cp == '`';
    if (!unsafe) {
      out.append(s.substr(start, i - start));
      continue;
    }
    for (std::size_t k = start; k < i; ++k) out += fmt::format("%{:02X}", static_cast<unsigned char>(s[k]));
  }
  return out;
}

std::string caret_pad(std::string_view line, int byte_col) {
  std::string pad;
  std::size_t end = byte_col > 1 ? static_cast<std::size_t>(byte_col - 1) : 0;
  for (std::size_t i = 0; i < end && i < line.size();) {
    std::size_t start = i;
    long cp = next_code_point(line, i);
    if (cp == '\t') {
      pad += '\t';
      continue;
    }
    std::string shown = escape_controls(line.substr(start, i - start), true);
    std::size_t w = shown.size() != i - start || cp < 0x80 ? shown.size() : static_cast<std::size_t>(code_point_width(cp));
    pad.append(w, ' ');
  }
  return pad;
}

}  // namespace pf
