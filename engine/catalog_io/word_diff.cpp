#include <set>

#include "catalog_io/diff.h"
#include "catalog_io/md_lines.h"

namespace pf::cio {

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

std::vector<WordOp> word_diff(const std::string& a, const std::string& b) {
  std::vector<std::string> x = split_words(a), y = split_words(b);
  std::vector<WordOp> out;
  auto push = [&](char op, const std::string& w) {
    if (!out.empty() && out.back().op == op) out.back().text += " " + w;
    else out.push_back({op, w});
  };
  if (x.size() * y.size() > 4'000'000) {  // too long to align: the whole text changed
    for (const auto& w : x) push('-', w);
    for (const auto& w : y) push('+', w);
    return out;
  }
  std::vector<std::vector<int>> L(x.size() + 1, std::vector<int>(y.size() + 1, 0));
  for (std::size_t i = x.size(); i-- > 0;)
    for (std::size_t j = y.size(); j-- > 0;)
      L[i][j] = x[i] == y[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
  std::size_t i = 0, j = 0;
  while (i < x.size() || j < y.size()) {
    if (i < x.size() && j < y.size() && x[i] == y[j]) {
      push('=', x[i]);
      ++i, ++j;
    } else if (i < x.size() && (j == y.size() || L[i + 1][j] >= L[i][j + 1])) {
      push('-', x[i++]);
    } else {
      push('+', y[j++]);
    }
  }
  return out;
}

double name_similarity(const std::string& a, const std::string& b) {
  auto set = [](const std::string& s) {
    std::set<std::string> out;
    for (auto& w : split_words(lower(s))) {
      while (!w.empty() && std::string(",.;:()`'\"").find(w.back()) != std::string::npos) w.pop_back();
      while (!w.empty() && std::string(",.;:()`'\"").find(w.front()) != std::string::npos) w.erase(0, 1);
      if (!w.empty()) out.insert(w);
    }
    return out;
  };
  auto x = set(a), y = set(b);
  if (x.empty() && y.empty()) return 1.0;
  std::size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  return static_cast<double>(common) / static_cast<double>(x.size() + y.size() - common);
}

}  // namespace pf::cio
