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
  return w;
}

}  // namespace

const Words& words() {
  static const Words w = load();
  return w;
}

int lang_index(const std::string& lang) { return lang == "en" ? 1 : 0; }

}  // namespace pf::cio
