#include "review/items.h"

#include <algorithm>
#include <set>

#include "util/sha256.h"

namespace pf::review {

namespace {

// Runs of one severity within the body or within the appendix: open items move first inside a
// run, so the body keeps its items and its numbering stays a sequence.
// The only reads of an item's severity (synth/catalog.h): critical 4, high 3, medium 2, low 1.
int severity_of(const Rating& r) {
  return r.severity == "critical" ? 4 : r.severity == "high" ? 3 : r.severity == "medium" ? 2 : 1;
}
int severity_of(const PolicyItem& p) { return severity_of(p.rating); }
int severity_of(const FailureModeItem& f) { return severity_of(f.rating); }

std::string fingerprint(const Provenance& p, int severity) {
  std::string s = p.rule + "\n" + p.template_id + "\n" + std::to_string(severity) + "\n";
  for (const auto& e : p.elements) s += e.kind + ":" + e.key + "\n";
  for (const auto& [k, v] : p.facts) s += k + "=" + v + "\n";
  return sha256_hex(s).substr(0, 16);
}

bool decided(const Catalog& c, const std::string& id) {
  auto it = c.review.find(id);
  return it != c.review.end() && it->second.status != "open" && it->second.status != "stale";
}

template <class T>
void partition_runs(std::vector<T>& v, const Catalog& c) {
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && severity_of(v[j]) == severity_of(v[i]) && v[j].rating.in_body == v[i].rating.in_body) ++j;
    std::stable_partition(v.begin() + static_cast<long>(i), v.begin() + static_cast<long>(j),
                          [&](const T& x) { return !decided(c, x.id); });
    i = j;
  }
}

}  // namespace

std::vector<Item> items(const Catalog& c) {
  std::vector<Item> out;
  std::set<std::string> seen;
  for (const auto& p : c.policies)
    if (seen.insert(p.id).second)
      out.push_back({p.id, p.name, p.provenance.rule, severity_of(p), fingerprint(p.provenance, severity_of(p)),
                     &p.provenance});
  for (const auto& f : c.failure_modes)
    if (seen.insert(f.id).second)
      out.push_back(
          {f.id, f.failure, f.provenance.rule, severity_of(f), fingerprint(f.provenance, severity_of(f)), &f.provenance});
  return out;
}

std::optional<Found> find_item(const Catalog& c, const std::string& id) {
  for (const auto& p : c.policies)
    if (p.id == id) return Found{"policies", p.name, &p.provenance, severity_of(p), p.breaches, &p.rating};
  for (const auto& f : c.failure_modes)
    if (f.id == id) return Found{"failure_modes", f.failure, &f.provenance, severity_of(f), f.breaches, &f.rating};
  for (const auto& r : c.ledger_map)
    if (r.id == id) return Found{"ledger_map", r.ledger, &r.provenance, 0, {}};
  for (const auto& q : c.questions)
    if (q.id == id) return Found{"questions", q.text, &q.provenance, 0, {}, &q.rating};
  for (const auto& a : c.assumptions)
    if (a.id == id) return Found{"assumptions", a.text, &a.provenance, 0, {}};
  return std::nullopt;
}

std::vector<std::string> all_ids(const Catalog& c) {
  std::vector<std::string> ids;
  for (const auto& p : c.policies) ids.push_back(p.id);
  for (const auto& f : c.failure_modes) ids.push_back(f.id);
  for (const auto& r : c.ledger_map) ids.push_back(r.id);
  for (const auto& q : c.questions) ids.push_back(q.id);
  for (const auto& a : c.assumptions) ids.push_back(a.id);
  return ids;
}

std::string severity_name(int severity) {
  static const char* names[] = {"none", "low", "medium", "high", "critical"};
  return severity >= 0 && severity <= 4 ? names[severity] : "none";
}

void sort_open_first(Catalog& c) {
  partition_runs(c.policies, c);
  partition_runs(c.failure_modes, c);
  // The top-risk table names policies by number: renumber after the move.
  for (auto& t : c.top_risks)
    for (std::size_t i = 0; i < c.policies.size(); ++i)
      if (c.policies[i].id == t.policy_id) t.policy_number = static_cast<int>(i) + 1;
}

}  // namespace pf::review
