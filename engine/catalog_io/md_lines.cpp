#include "catalog_io/md_lines.h"

#include <cctype>

namespace pf::cio {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string unbold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && ((s[i] == '*' && s[i + 1] == '*') || (s[i] == '_' && s[i + 1] == '_'))) {
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

namespace {

/// Removes comments from one line, keeping an "id:" comment's value; `open` carries an
/// unterminated comment over to the next lines.
std::string strip_comments(const std::string& line, bool& open, std::string& id) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (open) {
      std::size_t end = line.find("-->", i);
      if (end == std::string::npos) return out;
      open = false;
      i = end + 3;
      continue;
    }
    std::size_t start = line.find("<!--", i);
    if (start == std::string::npos) {
      out += line.substr(i);
      break;
    }
    out += line.substr(i, start - i);
    std::size_t end = line.find("-->", start + 4);
    std::string inner = trim(line.substr(start + 4, end == std::string::npos ? std::string::npos : end - start - 4));
    if (inner.rfind("id:", 0) == 0) id = trim(inner.substr(3));
    if (end == std::string::npos) {
      open = true;
      break;
    }
    i = end + 3;
  }
  return out;
}

void classify(MdLine& l) {
  const std::string& t = l.text;
  std::size_t ind = 0;
  int cols = 0;
  while (ind < t.size() && (t[ind] == ' ' || t[ind] == '\t')) cols += t[ind++] == '\t' ? 4 : 1;
  l.blank = ind == t.size();
  if (l.blank) return;
  std::string rest = t.substr(ind);
  if (rest[0] == '#' && cols < 4) {
    std::size_t h = 0;
    while (h < rest.size() && rest[h] == '#') ++h;
    if (h <= 6 && (h == rest.size() || rest[h] == ' ')) {
      l.heading = static_cast<int>(h);
      std::string title = trim(unbold(rest.substr(h)));
      while (!title.empty() && title.back() == '#') title.pop_back();
      l.title = trim(title);
      return;
    }
  }
  if (rest[0] == '|') {
    l.table = true;
    return;
  }
  // a list item: "-", "*", "+" or "1." / "1)" then a space
  if ((rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest.size() > 1 && rest[1] == ' ') {
    l.item = true;
    l.indent = cols;
    l.body = trim(rest.substr(2));
    return;
  }
  std::size_t d = 0;
  while (d < rest.size() && d < 9 && std::isdigit(static_cast<unsigned char>(rest[d]))) ++d;
  if (d > 0 && d + 1 < rest.size() && (rest[d] == '.' || rest[d] == ')') && rest[d + 1] == ' ') {
    l.item = l.numbered = true;
    l.indent = cols;
    l.body = trim(rest.substr(d + 2));
    return;
  }
  // a line that is bold and nothing else stands for a heading
  std::string tr = trim(rest);
  if (tr.size() > 4 && ((tr.rfind("**", 0) == 0 && tr.compare(tr.size() - 2, 2, "**") == 0) ||
                        (tr.rfind("__", 0) == 0 && tr.compare(tr.size() - 2, 2, "__") == 0)) &&
      unbold(tr).find("**") == std::string::npos) {
    std::string inner = tr.substr(2, tr.size() - 4);
    if (inner.find("**") == std::string::npos) {
      l.heading = 0;
      l.title = trim(inner);
    }
  }
}

}  // namespace

std::vector<MdLine> md_lines(std::string_view text) {
  std::vector<MdLine> out;
  bool open = false;
  std::size_t start = 0;
  int number = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::string raw(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    MdLine l;
    l.number = ++number;
    std::string stripped = strip_comments(raw, open, l.id);
    while (!stripped.empty() && (stripped.back() == ' ' || stripped.back() == '\r' || stripped.back() == '\t'))
      stripped.pop_back();
    l.text = stripped;
    classify(l);
    out.push_back(std::move(l));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::vector<std::string> table_cells(const std::string& row, bool& separator) {
  std::string s = trim(row);
  if (!s.empty() && s.front() == '|') s.erase(0, 1);
  if (!s.empty() && s.back() == '|' && (s.size() < 2 || s[s.size() - 2] != '\\')) s.pop_back();
  std::vector<std::string> cells;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '|') {
      cur += '|';
      ++i;
    } else if (s[i] == '|') {
      cells.push_back(trim(cur));
      cur.clear();
    } else {
      cur += s[i];
    }
  }
  cells.push_back(trim(cur));
  separator = true;
  for (const auto& c : cells)
    for (char ch : c)
      if (ch != '-' && ch != ':' && ch != ' ') separator = false;
  return cells;
}

std::string md_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '`') {  // a code span keeps its backslashes (CommonMark)
      std::size_t n = s.find_first_not_of('`', i);
      n = (n == std::string_view::npos ? s.size() : n) - i;
      std::size_t close = s.find(std::string(n, '`'), i + n);
      if (close != std::string_view::npos) {
        out.append(s.substr(i, close + n - i));
        i = close + n;
        continue;
      }
    }
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (s[i] == '\\' && next > ' ' && next < 127 && !std::isalnum(static_cast<unsigned char>(next))) {
      out += next;
      i += 2;
      continue;
    }
    out += s[i++];
  }
  return out;
}

}  // namespace pf::cio
