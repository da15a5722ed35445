#include "render/html_report.h"

#include <algorithm>
#include <fmt/format.h>

#include "render/labels.h"
#include "util/subprocess.h"

namespace pf {

namespace {

/// The catalog's own labels under stable keys, so the page never spells a word itself.
void add_labels(std::map<std::string, std::string>& w, const Labels& L) {
  auto bare = [](std::string_view s) {
    std::string t(s);
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
    return t;
  };
  w["label_title"] = std::string(L.title);
  for (std::size_t i = 0; i < L.sections.size(); ++i) w[fmt::format("label_section_{}", i)] = L.sections[i];
  w["label_policy_heading"] = std::string(L.policy_heading);
  w["label_policy_marker"] = std::string(L.policy_marker);
  for (std::size_t i = 0; i < L.fields.size(); ++i) w[fmt::format("label_field_{}", i)] = bare(L.fields[i]);
  w["label_uncertain"] = bare(L.uncertain);
  for (std::size_t i = 0; i < L.fm_parts.size(); ++i) w[fmt::format("label_fm_part_{}", i)] = L.fm_parts[i];
  for (std::size_t i = 0; i < L.ledger_columns.size(); ++i)
    w[fmt::format("label_ledger_column_{}", i)] = L.ledger_columns[i];
  w["label_coverage_heading"] = std::string(L.coverage_heading);
  for (std::size_t i = 0; i < L.coverage_columns.size(); ++i)
    w[fmt::format("label_coverage_column_{}", i)] = L.coverage_columns[i];
  w["label_gap"] = std::string(L.gap);
}

const Rule* rule_by_id(const Library& lib, const std::string& id) {
  auto it = std::lower_bound(lib.rules.begin(), lib.rules.end(), id,
                             [](const Rule& r, const std::string& x) { return r.id < x; });
  return it != lib.rules.end() && it->id == id ? &*it : nullptr;
}

/// critical 4, high 3, medium 2, low 1 (the page's filters and colours).
int severity_rank(const std::string& s) { return s == "critical" ? 4 : s == "high" ? 3 : s == "medium" ? 2 : 1; }

/// The review status of an item: its decision with --decisions, else unreviewed.
std::string status_of(const Catalog& c, const std::string& item_id) {
  auto it = c.review.find(item_id);
  return it == c.review.end() ? "unreviewed" : it->second.status;
}

template <class Items>
int index_of(const Items& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace

HtmlPage html_page(const Catalog& c, const Library& lib) {
  HtmlPage page;
  page.catalog = &c;
  for (const auto& [key, text] : lib.format.texts)
    if (key.rfind("html_", 0) == 0) page.words[key] = text.in(c.lang).raw;
  const Labels L = labels(c.words);
  add_labels(page.words, L);
  page.surface_names.assign(L.surfaces.begin(), L.surfaces.end());
  page.statuses = {"unreviewed"};
  for (const auto& [id, mark] : c.review)
    if (std::find(page.statuses.begin(), page.statuses.end(), mark.status) == page.statuses.end())
      page.statuses.push_back(mark.status);
  std::sort(page.statuses.begin() + 1, page.statuses.end());

  for (const auto& f : c.failure_modes) {
    HtmlItemMeta m;
    if (const Rule* r = rule_by_id(lib, f.provenance.rule)) m.surfaces = r->surfaces;
    m.severity = severity_rank(f.rating.severity);
    m.status = status_of(c, f.id);
    page.failure_modes.push_back(std::move(m));
  }
  for (const auto& p : c.policies) {
    HtmlItemMeta m;
    m.surfaces = p.surfaces;
    m.severity = severity_rank(p.rating.severity);
    m.status = status_of(c, p.id);
    page.policies.push_back(std::move(m));
  }
  // The catalog's own top-risk table, with links to the items it names.
  for (const auto& t : c.top_risks) {
    HtmlRisk r;
    r.rank = t.rank;
    r.severity = severity_rank(t.severity);
    r.risk = t.risk;
    r.where = t.where;
    r.first_action = t.action;
    r.policy = index_of(c.policies, t.policy_id);
    r.failure_mode = index_of(c.failure_modes, t.failure_mode_id);
    page.top_risk.push_back(std::move(r));
  }
  return page;
}

std::optional<std::string> html_report(const Model& m, const Catalog& c, const Library& lib, Diagnostics& diags) {
  auto where = std::make_shared<const std::string>("dot");
  std::string dot = find_program("dot");
  if (dot.empty()) {
    diags.error(Loc{where, 0, 0},
                "Graphviz 'dot' was not found on PATH: --format html draws the flows and lifecycles with it",
                "install Graphviz (Debian: apt-get install graphviz) or use --format md or json");
    return std::nullopt;
  }
  HtmlPage page = html_page(c, lib);
  if (!add_diagrams(page, m, dot, diags)) return std::nullopt;
  return render_html(page);
}

}  // namespace pf
