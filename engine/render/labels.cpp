#include "render/labels.h"

#include <fmt/format.h>

namespace pf {

namespace {

template <std::size_t N>
void fill(std::array<std::string, N>& out, const std::map<std::string, std::string>& words, const std::string& key,
          std::size_t first) {
  for (std::size_t i = first; i < N; ++i) {
    auto it = words.find(fmt::format("label_{}_{}", key, i));
    if (it != words.end()) out[i] = it->second;
  }
}

std::string one(const std::map<std::string, std::string>& words, const std::string& key) {
  auto it = words.find("label_" + key);
  return it == words.end() ? std::string() : it->second;
}

}  // namespace

Labels labels(const std::map<std::string, std::string>& words) {
  Labels L;
  fill(L.surfaces, words, "surfaces", 1);
  fill(L.sections, words, "sections", 0);
  fill(L.fields, words, "fields", 0);
  fill(L.fm_parts, words, "fm", 0);
  fill(L.ledger_columns, words, "ledger", 0);
  fill(L.coverage_columns, words, "coverage", 0);
  L.policy_heading = one(words, "policy_heading");
  L.policy_marker = one(words, "policy_marker");
  L.uncertain = one(words, "uncertain");
  L.title = one(words, "title");
  L.coverage_heading = one(words, "coverage_heading");
  L.gap = one(words, "gap");
  return L;
}

std::string policy_marker(long long n, const std::string& marker) {
  std::string out = marker.empty() ? std::string("{n}") : marker;
  std::string num = std::to_string(n);
  for (std::size_t at = out.find("{n}"); at != std::string::npos; at = out.find("{n}", at + num.size()))
    out.replace(at, 3, num);
  return out;
}

std::string surface_tag(int n, const Labels& L) {
  if (n < 1 || n > 12) return fmt::format("[{}]", n);
  return fmt::format("[{}] {}", n, L.surfaces[static_cast<std::size_t>(n)]);
}

}  // namespace pf
