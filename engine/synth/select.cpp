#include "synth/select.h"

#include <algorithm>
#include <map>
#include <set>

#include "synth/rank.h"

namespace pf {

namespace {

template <typename T>
int first_surface(const T&) {
  return 13;
}
template <>
int first_surface(const PolicyItem& p) {
  return p.surfaces.empty() ? 13 : p.surfaces.front();
}

template <typename T>
void rank_all(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) {
    return ranks_before(a.rating, first_surface(a), a.id, b.rating, first_surface(b), b.id);
  });
  int n = 0;
  for (auto& x : items) x.rating.rank = ++n;
}

template <typename T>
void cap_all(std::vector<T>& items, std::size_t n) {
  for (std::size_t i = 0; i < items.size(); ++i) items[i].rating.in_body = i < n;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string all_text(const PolicyItem& p) {
  std::string t = p.name;
  for (const std::string* f : {&p.intent, &p.protects, &p.trigger, &p.enforcement, &p.idempotency, &p.retry,
                               &p.reconciliation, &p.compensation, &p.exceptions, &p.metrics, &p.uncertain_text})
    t += "\n" + *f;
  for (const auto& s : p.runbook) t += "\n" + s;
  for (const auto& s : p.questions) t += "\n" + s;
  return t;
}

/// What the body still lacks: surfaces (with how many more tags each needs) and element keys.
struct Needs {
  std::map<int, int> surfaces;  ///< surface -> tags still needed
  std::set<std::string> keys;
  bool empty() const { return surfaces.empty() && keys.empty(); }
};

/// `names[i]`: the keys item i's text names.
Needs needs_of(const std::vector<PolicyItem>& items, const std::vector<std::vector<std::string>>& names) {
  std::map<int, int> available, tagged;
  std::set<std::string> nameable, named;
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (int s : items[i].surfaces) {
      ++available[s];
      if (items[i].rating.in_body) ++tagged[s];
    }
    for (const auto& k : names[i]) {
      nameable.insert(k);
      if (items[i].rating.in_body) named.insert(k);
    }
  }
  Needs n;
  for (const auto& [s, count] : available) {
    bool primary = s == 6 || s == 10 || s == 12;
    int want = std::min(primary ? 3 : 1, count);
    if (tagged[s] < want) n.surfaces[s] = want - tagged[s];
  }
  for (const auto& k : nameable)
    if (!named.count(k)) n.keys.insert(k);
  return n;
}

bool helps(const PolicyItem& p, const std::vector<std::string>& names, const Needs& n) {
  for (int s : p.surfaces)
    if (n.surfaces.count(s)) return true;
  for (const auto& k : names)
    if (n.keys.count(k)) return true;
  return false;
}

}  // namespace

bool names_key(const std::string& text, const std::string& key) {
  if (key.empty()) return false;
  for (std::size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + 1)) {
    bool left = p == 0 || !word_char(text[p - 1]);
    std::size_t e = p + key.size();
    bool right = e >= text.size() || !word_char(text[e]);
    if (left && right) return true;
  }
  return false;
}

void rank_failure_modes(std::vector<FailureModeItem>& items) { rank_all(items); }
void rank_policies(std::vector<PolicyItem>& items) { rank_all(items); }
void rank_texts(std::vector<TextItem>& items) { rank_all(items); }
void cap_failure_modes(std::vector<FailureModeItem>& items, std::size_t n) { cap_all(items, n); }
void cap_texts(std::vector<TextItem>& items, std::size_t n) { cap_all(items, n); }

void select_policies(std::vector<PolicyItem>& items, const FactBase& fb, const Caps& caps) {
  cap_all(items, caps.policies);
  std::vector<std::string> keys;
  for (Kind k : {Kind::Ledger, Kind::Integration, Kind::Flow})
    for (const Element* e : fb.of(k)) keys.push_back(e->key);
  // Which keys each policy's text names, found once for every round below.
  std::vector<std::vector<std::string>> names;
  for (const auto& p : items) {
    std::string text = all_text(p);
    auto& named = names.emplace_back();
    for (const auto& k : keys)
      if (names_key(text, k)) named.push_back(k);
  }
  std::size_t body = std::min(items.size(), caps.policies);
  while (body < caps.policies_max) {
    Needs n = needs_of(items, names);
    if (n.empty()) break;
    std::size_t pick = items.size();
    for (std::size_t i = 0; i < items.size() && pick == items.size(); ++i)
      if (!items[i].rating.in_body && helps(items[i], names[i], n)) pick = i;
    if (pick == items.size()) break;
    items[pick].rating.in_body = true;
    ++body;
  }
  std::stable_partition(items.begin(), items.end(), [](const PolicyItem& p) { return p.rating.in_body; });
}

}  // namespace pf
