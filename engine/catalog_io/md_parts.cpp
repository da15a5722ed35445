#include "catalog_io/md_parts.h"

#include <algorithm>
#include <cctype>

#include "catalog_io/md_lines.h"
#include "catalog_io/words.h"

namespace pf::cio {

namespace {

/// Drops a leading "2)", "2.", "2 -", "Section 2:" style numbering.
std::string drop_numbering(const std::string& s, int& num) {
  std::size_t i = 0;
  num = -1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0 || i > 2) return s;
  num = std::stoi(s.substr(0, i));
  while (i < s.size() && (s[i] == ')' || s[i] == '.' || s[i] == ':' || s[i] == '-' || s[i] == ' ')) ++i;
  return s.substr(i);
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

}  // namespace

std::string section_of(const std::string& title, int level, const std::string& lang, bool& canonical) {
  if (level == 1 || level > 3) return {};
  int num = -1;
  std::string rest = normalise_label(drop_numbering(trim(title), num));
  const auto& W = words();
  for (std::size_t k = 0; k < W.sections.size(); ++k) {
    for (const auto& L : W.sections[k].lang)
      for (const auto& a : L.aliases) {
        std::string alias = a;
        int anum = -1;
        alias = drop_numbering(alias, anum);
        if (rest == alias || (starts_with(rest, alias) && (num < 0 || num == static_cast<int>(k))) ||
            (num == static_cast<int>(k) && rest.find(alias) != std::string::npos)) {
          canonical = level == 2 && title == W.sections[k].lang[lang_index(lang)].label;
          return W.sections[k].key;
        }
      }
  }
  return {};
}

bool policy_heading(const std::string& title, int level, const std::string& lang, Policy& p) {
  const auto& W = words();
  std::string low = lower(title);
  std::size_t at = low.find(lower(W.policy_marker));
  std::size_t digits = std::string::npos;
  if (at != std::string::npos) {
    digits = at + W.policy_marker.size();
  } else {
    // "Policy 3", "Policy #3", "정책 3" style: the name label must then follow
    bool has_label = false;
    for (const auto& L : W.policy_name)
      for (const auto& a : L.aliases) has_label = has_label || low.find(a) != std::string::npos;
    std::size_t d = low.find_first_of("0123456789");
    if (!has_label || d == std::string::npos || d > 20) return false;
    digits = d;
  }
  std::size_t e = digits;
  while (e < title.size() && std::isdigit(static_cast<unsigned char>(title[e]))) ++e;
  if (e == digits || e - digits > 6) return false;
  p.number = std::stoi(title.substr(digits, e - digits));
  std::string rest = title.substr(e);
  std::size_t name_at = std::string::npos, label_len = 0;
  std::string lrest = lower(rest);
  for (const auto& L : W.policy_name)
    for (const auto& a : L.aliases) {
      std::size_t f = lrest.find(a);
      if (f != std::string::npos && f < name_at) {
        name_at = f;
        label_len = a.size();
      }
    }
  if (name_at != std::string::npos) {
    rest = rest.substr(name_at + label_len);
  }
  std::string name = trim(rest);
  while (!name.empty() && (name[0] == ']' || name[0] == ':' || name[0] == '-' || name[0] == '.' || name[0] == ' '))
    name = trim(name.substr(1));
  if (name.rfind("\xEF\xBC\x9A", 0) == 0) name = trim(name.substr(3));
  p.name = name;
  std::string want = W.policy_marker + std::to_string(p.number) + "] " + W.policy_name[lang_index(lang)].label;
  p.heading_canonical = level == 3 && starts_with(title, want) && title.size() > want.size() && title[want.size()] == ' ';
  return true;
}

FieldEntry field_entry(const std::string& body, const std::string& lang) {
  const auto& W = words();
  FieldEntry f;
  std::string text = unbold(body);
  // the label ends at the first colon (ASCII or full width)
  std::size_t colon = text.find(':');
  std::size_t wide = text.find("\xEF\xBC\x9A");
  std::size_t cut = std::min(colon, wide);
  std::size_t skip = cut == wide && wide != std::string::npos ? 3 : 1;
  if (cut == std::string::npos || cut > 80) {
    f.value = trim(text);
    return f;
  }
  f.raw_label = trim(text.substr(0, cut + skip));
  std::string norm = normalise_label(text.substr(0, cut));
  std::string bare = norm;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') bare = bare.substr(1, bare.size() - 2);
  for (const auto& k : W.fields)
    for (const auto& L : k.lang)
      for (const auto& a : L.aliases) {
        std::string abare = a;
        if (abare.size() > 2 && abare.front() == '[' && abare.back() == ']') abare = abare.substr(1, abare.size() - 2);
        if (f.key.empty() && (norm == a || bare == abare)) f.key = k.key;
      }
  if (f.key.empty()) {
    f.raw_label.clear();
    f.value = trim(text);
    return f;
  }
  f.value = trim(text.substr(cut + skip));
  for (const auto& k : W.fields)
    if (k.key == f.key) f.canonical = starts_with(body, k.lang[lang_index(lang)].label);
  return f;
}

void failure_mode_parts(FailureMode& fm, const std::string& lang) {
  (void)lang;
  const auto& W = words();
  std::string text = unbold(fm.text);
  std::string low = lower(text);
  // every label occurrence (label, then optional spaces, then a colon), longest first wins
  struct Hit {
    std::size_t at, end;
    std::string key;
  };
  std::vector<Hit> hits;
  for (const auto& k : W.fm_parts)
    for (const auto& L : k.lang)
      for (const auto& a : L.aliases) {
        for (std::size_t f = low.find(a); f != std::string::npos; f = low.find(a, f + 1)) {
          std::size_t e = f + a.size();
          while (e < low.size() && low[e] == ' ') ++e;
          if (e < low.size() && low[e] == ':') hits.push_back({f, e + 1, k.key});
          else if (low.compare(e, 3, "\xEF\xBC\x9A") == 0) hits.push_back({f, e + 3, k.key});
        }
      }
  // drop hits inside a longer hit ("영향:" inside "사용자 영향:")
  std::vector<Hit> kept;
  for (const auto& h : hits) {
    bool inside = false;
    for (const auto& o : hits)
      if (&o != &h && o.at <= h.at && o.end >= h.end && (o.end - o.at) > (h.end - h.at)) inside = true;
    bool dup = false;
    for (const auto& k : kept) dup = dup || (k.at == h.at);
    if (!inside && !dup) kept.push_back(h);
  }
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.at < b.at; });
  for (std::size_t i = 0; i < kept.size(); ++i) {
    std::size_t end = i + 1 < kept.size() ? kept[i + 1].at : text.size();
    std::string v = trim(text.substr(kept[i].end, end - kept[i].end));
    while (!v.empty() && v.back() == '/') v = trim(v.substr(0, v.size() - 1));
    if (!fm.parts.count(kept[i].key)) {
      fm.parts[kept[i].key] = v;
      fm.part_order.push_back(kept[i].key);
    }
  }
}

void surface_tags(Policy& p, const std::string& value) {
  std::string v = unbold(value);
  for (std::size_t i = v.find('['); i != std::string::npos; i = v.find('[', i + 1)) {
    std::size_t e = v.find(']', i);
    if (e == std::string::npos) break;
    std::string num = v.substr(i + 1, e - i - 1);
    if (num.empty() || num.size() > 3 || num.find_first_not_of("0123456789") != std::string::npos) continue;
    std::size_t end = v.find_first_of("[,;", e + 1);
    std::string name = trim(v.substr(e + 1, end == std::string::npos ? std::string::npos : end - e - 1));
    int n = std::stoi(num);
    p.surfaces.push_back(n);
    p.surface_names.emplace_back(n, name);
  }
}

void find_placeholders(const std::string& line, int number, Document& doc) {
  auto add = [&](std::size_t at, std::string what) {
    if (doc.placeholders.size() < 50) doc.placeholders.push_back({std::move(what), {number, static_cast<int>(at) + 1}});
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "{{") == 0 || line.compare(i, 2, "}}") == 0 || line.compare(i, 2, "${") == 0) {
      add(i, line.substr(i, 2));
      return;
    }
    if (line[i] == '{') {
      std::size_t e = i + 1;
      while (e < line.size() && (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '_' || line[e] == '.')) ++e;
      if (e > i + 1 && e < line.size() && line[e] == '}' &&
          (std::isalpha(static_cast<unsigned char>(line[i + 1])) || line[i + 1] == '_')) {
        add(i, line.substr(i, e - i + 1));
        return;
      }
    }
    for (const char* w : {"TODO", "TBD", "FIXME"}) {
      std::size_t n = std::char_traits<char>::length(w);
      if (line.compare(i, n, w) == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(line[i - 1]))) &&
          (i + n == line.size() || !std::isalnum(static_cast<unsigned char>(line[i + n])))) {
        add(i, w);
        return;
      }
    }
  }
}

std::string detect_lang(std::string_view text) {
  const auto& W = words();
  int score[2] = {0, 0};
  auto count = [&](const std::string& label, int li) {
    if (label.empty()) return;
    for (std::size_t f = text.find(label); f != std::string_view::npos; f = text.find(label, f + 1)) ++score[li];
  };
  for (const auto& k : W.fields)
    if (k.lang[0].label != k.lang[1].label)
      for (int li = 0; li < 2; ++li) count(k.lang[li].label, li);
  for (int li = 0; li < 2; ++li) count(W.policy_name[li].label, li);
  for (const auto& k : W.fm_parts)
    for (int li = 0; li < 2; ++li) count(k.lang[li].label, li);
  return score[1] > score[0] ? "en" : "ko";
}

}  // namespace pf::cio
