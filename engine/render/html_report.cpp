#include "render/html_report.h"

#include <algorithm>
#include <fmt/format.h>

#include "render/labels.h"
#include "util/subprocess.h"

namespace pf {

namespace {

/// The catalog's own labels under stable keys, so the page never spells a word itself.
void add_labels(std::map<std::string, std::string>& w, const std::string& lang) {
  const Labels& L = labels(lang);
  auto bare = [](std::string_view s) {
    std::string t(s);
    while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.pop_back();
    return t;
  };
  w["label_title"] = std::string(L.title);
  for (std::size_t i = 0; i < L.sections.size(); ++i) w[fmt::format("label_section_{}", i)] = L.sections[i];
  w["label_policy_heading"] = std::string(L.policy_heading);
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

int clamp_severity(int s) { return std::clamp(s, 1, 4); }

/// The review status of an item; every item is open until review decisions reach the catalog.
std::string status_of(const std::string& /*item_id*/) { return "unreviewed"; }

/// The policy that handles a failure mode: the first one from the same rule.
int handling_policy(const Catalog& c, const FailureModeItem& f) {
  for (std::size_t i = 0; i < c.policies.size(); ++i)
    if (c.policies[i].provenance.rule == f.provenance.rule) return static_cast<int>(i);
  return -1;
}

std::string where(const Provenance& p) {
  for (const auto& e : p.elements)
    if (e.loc.line > 0) return e.loc.file ? fmt::format("{}:{}", *e.loc.file, e.loc.line) : std::to_string(e.loc.line);
  return {};
}

}  // namespace

HtmlPage html_page(const Catalog& c, const Library& lib) {
  HtmlPage page;
  page.catalog = &c;
  for (const auto& [key, text] : lib.format.texts)
    if (key.rfind("html_", 0) == 0) page.words[key] = text.in(c.lang).raw;
  add_labels(page.words, c.lang);
  const Labels& L = labels(c.lang);
  page.surface_names.assign(L.surfaces.begin(), L.surfaces.end());
  page.statuses = {"unreviewed"};

  for (const auto& f : c.failure_modes) {
    HtmlItemMeta m;
    if (const Rule* r = rule_by_id(lib, f.provenance.rule)) m.surfaces = r->surfaces;
    m.severity = clamp_severity(f.severity);
    m.status = status_of(f.id);
    page.failure_modes.push_back(std::move(m));
  }
  for (const auto& p : c.policies) {
    HtmlItemMeta m;
    m.surfaces = p.surfaces;
    m.severity = clamp_severity(p.severity);
    m.status = status_of(p.id);
    page.policies.push_back(std::move(m));
  }
  // The failure modes come ordered by severity already: the first ten are the top risks.
  constexpr std::size_t kTopRisks = 10;
  for (std::size_t i = 0; i < c.failure_modes.size() && i < kTopRisks; ++i) {
    const auto& f = c.failure_modes[i];
    HtmlRisk r;
    r.rank = static_cast<int>(i) + 1;
    r.severity = page.failure_modes[i].severity;
    r.risk = f.failure;
    r.where = where(f.provenance);
    r.failure_mode = static_cast<int>(i);
    r.policy = handling_policy(c, f);
    if (r.policy >= 0 && !c.policies[r.policy].runbook.empty()) r.first_action = c.policies[r.policy].runbook.front();
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
