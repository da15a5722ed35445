#include "catalog_io/words.h"

#include <yaml-cpp/yaml.h>

namespace pf::cio {

extern const char* const kEmbeddedWords;  // generated from words.yaml at build time

std::string normalise_label(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`') continue;
    if (c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':')) out.pop_back();
  // a full-width colon (U+FF1A) at the end
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\xEF\xBC\x9A") == 0) {
    out.resize(out.size() - 3);
    while (!out.empty() && out.back() == ' ') out.pop_back();
  }
  return out;
}

namespace {

Label label(const YAML::Node& n) {
  Label l;
  l.label = n["label"].as<std::string>();
  l.aliases.push_back(normalise_label(l.label));
  for (const auto& a : n["aliases"]) l.aliases.push_back(normalise_label(a.as<std::string>()));
  return l;
}

std::vector<Keyed> keyed(const YAML::Node& list) {
  std::vector<Keyed> out;
  for (const auto& n : list) out.push_back({n["key"].as<std::string>(), {label(n["ko"]), label(n["en"])}});
  return out;
}

Words load() {
  YAML::Node y = YAML::Load(kEmbeddedWords);
  Words w;
  w.sections = keyed(y["sections"]);
  w.fields = keyed(y["fields"]);
  w.fm_parts = keyed(y["failure_mode_parts"]);
  w.appendix_parts = keyed(y["appendix_parts"]);
  w.policy_name = {label(y["policy_heading"]["ko"]), label(y["policy_heading"]["en"])};
  w.policy_marker = y["policy_heading"]["marker"].as<std::string>();
  w.leading_word = y["leading_word"].as<std::string>();
  w.uncertain = y["uncertain"].as<std::string>();
  w.surface_tag = y["surface_tag"].as<std::string>();
  for (const auto& s : y["surfaces"]) {
    int n = s["n"].as<int>();
    if (n < 1 || n > 12) continue;
    w.surfaces[0][n] = s["ko"].as<std::string>();
    w.surfaces[1][n] = s["en"].as<std::string>();
  }
  for (const auto& p : y["primary_surfaces"]) w.primary.push_back(p.as<int>());
  for (const auto& s : y["severities"]) w.severities.push_back(s.as<std::string>());
  int li = 0;
  for (const char* lang : {"ko", "en"}) {
    const YAML::Node m = y["severity_marks"][lang];
    w.severity_label[li] = m["label"].as<std::string>();
    for (std::size_t i = 0; i < 4 && i < m["words"].size(); ++i) w.severity_words[li][i] = m["words"][i].as<std::string>();
    ++li;
  }
  return w;
}

}  // namespace

const Words& words() {
  static const Words w = load();
  return w;
}

int lang_index(const std::string& lang) { return lang == "en" ? 1 : 0; }

int severity_mark(const std::string& text, std::string& rest) {
  std::size_t i = text.find_first_not_of(' ');
  if (i == std::string::npos) return 0;
  bool bold = text.compare(i, 2, "**") == 0;
  if (bold) i += 2;
  if (i >= text.size() || text[i] != '[') return 0;
  std::size_t close = text.find(']', i);
  if (close == std::string::npos || close - i > 40) return 0;
  std::string word = text.substr(i + 1, close - i - 1);
  std::size_t end = close + 1;
  if (bold) {
    if (text.compare(end, 2, "**") != 0) return 0;
    end += 2;
  }
  const Words& w = words();
  for (const auto& lang : w.severity_words)
    for (std::size_t k = 0; k < lang.size(); ++k)
      if (normalise_label(word) == normalise_label(lang[k])) {
        std::size_t next = text.find_first_not_of(' ', end);
        rest = next == std::string::npos ? std::string() : text.substr(next);
        return static_cast<int>(k) + 1;
      }
  return 0;
}

int severity_rank(const std::string& name) {
  const auto& s = words().severities;
  for (std::size_t k = 0; k < s.size(); ++k)
    if (s[k] == name) return static_cast<int>(k) + 1;
  return 0;
}

}  // namespace pf::cio
