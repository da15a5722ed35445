#include "catalog_io/diff.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "catalog_io/md_lines.h"
#include "catalog_io/words.h"

namespace pf::cio {

namespace {

/// Whitespace collapsed, so that line wrapping never makes a difference.
std::string squash(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> backticked(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::set<std::string> out;
  for (const auto& [k, t] : fields)
    for (std::size_t a = t.find('`'); a != std::string::npos; a = t.find('`', a + 1)) {
      std::size_t b = t.find('`', a + 1);
      if (b == std::string::npos) break;
      out.insert(t.substr(a + 1, b - a - 1));
      a = b;
    }
  return {out.begin(), out.end()};
}

std::string field_text(const FieldEntry& f) {
  std::string t = f.value;
  for (std::size_t i = 0; i < f.items.size(); ++i) t += fmt::format("{}({}) {}", t.empty() ? "" : " ", i + 1, f.items[i]);
  return squash(unbold(t));
}

Item policy_item(const Policy& p) {
  Item it{"policy", p.id, squash(unbold(p.name)), p.surfaces, {}, {}, p.severity};
  std::sort(it.surfaces.begin(), it.surfaces.end());
  it.surfaces.erase(std::unique(it.surfaces.begin(), it.surfaces.end()), it.surfaces.end());
  it.fields.emplace_back("name", it.name);
  it.fields.emplace_back("surfaces", fmt::format("{}", fmt::join(it.surfaces, ", ")));
  for (const auto& k : words().fields) {
    if (k.key == "surfaces") continue;
    const FieldEntry* f = p.field(k.key);
    it.fields.emplace_back(k.key, f ? field_text(*f) : std::string());
  }
  it.elements = backticked(it.fields);
  it.summary = p.summary;
  return it;
}

Item fm_item(const FailureMode& f) {
  Item it{"failure_mode", f.id, {}, {}, {}, {}, f.severity};
  for (const auto& k : words().fm_parts) {
    auto p = f.parts.find(k.key);
    it.fields.emplace_back(k.key, p == f.parts.end() ? std::string() : squash(unbold(p->second)));
    if (!f.short_parts.empty()) {
      auto sp = f.short_parts.find(k.key);
      it.alt_fields.emplace_back(k.key, sp == f.short_parts.end() ? std::string() : squash(unbold(sp->second)));
    }
  }
  it.summary = f.summary;
  if (f.parts.empty()) it.fields.emplace_back("text", squash(unbold(f.text)));
  it.name = it.fields.front().second;
  it.elements = backticked(it.fields);
  return it;
}

}  // namespace

bool DiffResult::severity_up() const {
  for (const auto& p : severity)
    if (p.new_item.severity > p.old_item.severity) return true;
  return false;
}

std::vector<Item> items_of(const Document& doc) {
  std::vector<Item> out;
  for (const auto& a : doc.assumptions)
    out.push_back({"assumption", a.id, squash(unbold(a.text)), {}, {}, {{"text", squash(unbold(a.text))}}, 0});
  for (const auto& f : doc.failure_modes) out.push_back(fm_item(f));
  for (const auto& p : doc.policies) out.push_back(policy_item(p));
  static const char* cols[] = {"invariant1", "invariant2", "signal", "recovery"};
  for (const auto& r : doc.ledger_map) {
    std::string ledger = r.cells.empty() ? std::string() : r.cells[0];
    ledger.erase(std::remove(ledger.begin(), ledger.end(), '`'), ledger.end());
    Item it{"ledger_row", "ledger:" + squash(ledger), squash(ledger), {}, {}, {}, 0};
    for (std::size_t c = 0; c < 4; ++c)
      it.fields.emplace_back(cols[c], c + 1 < r.cells.size() ? squash(unbold(r.cells[c + 1])) : std::string());
    out.push_back(std::move(it));
  }
  for (const auto& q : doc.questions) {
    out.push_back({"question", q.id, squash(unbold(q.text)), {}, {}, {{"text", squash(unbold(q.text))}}, q.severity});
    out.back().summary = q.summary;
  }
  for (auto& it : out) it.elements = backticked(it.fields);
  return out;
}

namespace {

double jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::set<std::string> x(a.begin(), a.end());
  std::size_t common = 0;
  for (const auto& e : b) common += x.count(e);
  return static_cast<double>(common) / static_cast<double>(x.size() + b.size() - common);
}

/// How alike two items without a shared id are, and a sentence saying why.
double score(const Item& a, const Item& b, std::string& why) {
  std::vector<std::string> sa, sb;
  for (int s : a.surfaces) sa.push_back(std::to_string(s));
  for (int s : b.surfaces) sb.push_back(std::to_string(s));
  double s = jaccard(sa, sb), e = jaccard(a.elements, b.elements), n = name_similarity(a.name, b.name);
  double total = a.kind == "policy" ? 0.25 * s + 0.35 * e + 0.4 * n : 0.4 * e + 0.6 * n;
  why = a.kind == "policy" ? fmt::format("similarity {:.2f}: surfaces {:.2f}, elements {:.2f}, name {:.2f}", total, s, e, n)
                           : fmt::format("similarity {:.2f}: elements {:.2f}, text {:.2f}", total, e, n);
  return total;
}

void compare(Pairing& p) {
  if (p.old_item.summary || p.new_item.summary) return;  // an appendix line: severity only
  const auto& a = p.old_item.fields;
  const auto& b = p.new_item.fields;
  if (a == p.new_item.alt_fields || p.old_item.alt_fields == b) return;  // a short form against the full one
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    std::string key = i < a.size() ? a[i].first : b[i].first;
    std::string x = i < a.size() ? a[i].second : std::string(), y = i < b.size() ? b[i].second : std::string();
    if (x != y) p.changes.push_back({key, x, y, word_diff(x, y)});
  }
}

}  // namespace

DiffResult diff_documents(const Document& old_doc, const Document& new_doc) {
  std::vector<Item> A = items_of(old_doc), B = items_of(new_doc);
  std::vector<bool> usedA(A.size()), usedB(B.size());
  std::vector<Pairing> pairs;
  std::map<std::pair<std::string, std::string>, std::size_t> by_id;
  for (std::size_t j = 0; j < B.size(); ++j)
    if (!B[j].id.empty()) by_id.emplace(std::make_pair(B[j].kind, B[j].id), j);
  for (std::size_t i = 0; i < A.size(); ++i) {
    if (A[i].id.empty()) continue;
    auto it = by_id.find({A[i].kind, A[i].id});
    if (it == by_id.end() || usedB[it->second]) continue;
    usedA[i] = usedB[it->second] = true;
    pairs.push_back({A[i], B[it->second], "id", {}});
  }
  // the rest, best first: every candidate pair of one kind scored, taken greedily
  struct Cand {
    double s;
    std::size_t i, j;
    std::string why;
  };
  std::vector<Cand> cands;
  for (std::size_t i = 0; i < A.size(); ++i) {
    if (usedA[i]) continue;
    for (std::size_t j = 0; j < B.size(); ++j) {
      if (usedB[j] || A[i].kind != B[j].kind) continue;
      // items that both carry ids and differ in them are different items
      if (!A[i].id.empty() && !B[j].id.empty()) continue;
      std::string why;
      double s = score(A[i], B[j], why);
      if (s >= 0.5) cands.push_back({s, i, j, why});
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    return x.s != y.s ? x.s > y.s : std::tie(x.i, x.j) < std::tie(y.i, y.j);
  });
  for (const auto& c : cands) {
    if (usedA[c.i] || usedB[c.j]) continue;
    usedA[c.i] = usedB[c.j] = true;
    pairs.push_back({A[c.i], B[c.j], c.why, {}});
  }
  DiffResult r;
  for (auto& p : pairs) {
    compare(p);
    bool sev = p.old_item.severity && p.new_item.severity && p.old_item.severity != p.new_item.severity;
    if (sev) r.severity.push_back(p);
    if (!p.changes.empty()) r.changed.push_back(p);
    else if (!sev) {
      ++r.unchanged;
      if (p.method != "id") r.similar.push_back(p);
    }
  }
  for (std::size_t i = 0; i < A.size(); ++i)
    if (!usedA[i]) r.removed.push_back(A[i]);
  for (std::size_t j = 0; j < B.size(); ++j)
    if (!usedB[j]) r.added.push_back(B[j]);
  return r;
}

}  // namespace pf::cio
