#include "render/markdown.h"

#include <fmt/format.h>

#include "render/labels.h"
#include "render/markdown_text.h"

namespace pf {

namespace {

/// "**[critical]**" in the catalog's words.
std::string severity_mark(const Catalog& c, const std::string& severity) {
  const std::string& w = c.word("severity_" + severity);
  return fmt::format("**[{}]**", w.empty() ? severity : w);
}

void top_risks(const Catalog& c, std::string& o) {
  if (c.top_risks.empty()) return;
  o += fmt::format("## {}\n\n", c.word("top_risks_heading"));
  o += fmt::format("| {} | {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- | --- |\n", c.word("top_risks_rank"),
                   c.word("top_risks_severity"), c.word("top_risks_risk"), c.word("top_risks_where"),
                   c.word("top_risks_action"), c.word("top_risks_policy"));
  for (const auto& t : c.top_risks)
    o += fmt::format("| {} | {} | {} | {} | {} | {} |\n", t.rank, severity_mark(c, t.severity), md_inline(t.risk),
                     md_code(t.where), md_inline(t.action),
                     t.policy_number > 0 ? fmt::format("#{}", t.policy_number) : std::string("—"));
  o += "\n";
}

bool full(const Catalog& c, const Rating& r) { return c.full_detail || r.in_body; }

void failure_mode(const Catalog& c, const Labels& L, const FailureModeItem& f, int n, std::string& o) {
  bool brief = !c.full_detail && f.brief.size() == 4;
  const std::string* parts[] = {&f.failure, &f.impact, &f.user_impact, &f.signal};
  if (brief) parts[0] = &f.brief[0], parts[1] = &f.brief[1], parts[2] = &f.brief[2], parts[3] = &f.brief[3];
  auto r = c.review.find(f.id);
  std::string mark = r == c.review.end() || r->second.line.empty() ? "" : " — " + md_inline(r->second.line);
  o += fmt::format("{}. {} {} {} / {} {} / {} {} / {} {}{} <!-- id: {} -->\n", n, severity_mark(c, f.rating.severity),
                   L.fm_parts[0], md_inline(*parts[0]), L.fm_parts[1], md_inline(*parts[1]), L.fm_parts[2],
                   md_inline(*parts[2]), L.fm_parts[3], md_inline(*parts[3]), mark, f.id);
}

void policy(const Catalog& c, const Labels& L, const PolicyItem& p, int n, std::string& o) {
  o += fmt::format("\n### {} {} {}\n<!-- id: {} -->\n\n", policy_marker(n, L.policy_marker), L.policy_heading,
                   md_inline(p.name), p.id);
  o += fmt::format("{} {}\n\n", c.word("severity_label"), severity_mark(c, p.rating.severity));
  std::string tags;
  for (int s : p.surfaces) tags += (tags.empty() ? "" : ", ") + surface_tag(s, L);
  const std::string* values[] = {&tags,          &p.intent,      &p.protects, &p.trigger,
                                 &p.enforcement, &p.idempotency, &p.retry,    &p.reconciliation,
                                 &p.compensation, &p.exceptions, &p.metrics};
  for (std::size_t i = 0; i < 11; ++i) o += fmt::format("- {} {}\n", L.fields[i], md_inline(*values[i]));
  o += fmt::format("- {}\n", L.fields[11]);
  int k = 0;
  for (const auto& step : p.runbook) o += fmt::format("  {}. {}\n", ++k, md_inline(step));
  if (p.uncertain) {
    o += fmt::format("- {} {}\n", L.uncertain, md_inline(p.uncertain_text));
    for (const auto& q : p.questions) o += fmt::format("  - {}\n", md_inline(q));
  }
  if (auto r = c.review.find(p.id); r != c.review.end() && !r->second.line.empty())
    o += fmt::format("- {}\n", md_inline(r->second.line));
}

/// The items left out of the body, one line each with id and severity.
void appendix(const Catalog& c, std::string& o) {
  if (c.full_detail) return;
  std::string fms, pols, qs;
  int n = 0;
  for (const auto& f : c.failure_modes)
    if (++n && !f.rating.in_body)
      fms += fmt::format("{}. {} {} <!-- id: {} -->\n", n, severity_mark(c, f.rating.severity),
                         md_inline(f.brief.empty() ? f.failure : f.brief[0]), f.id);
  n = 0;
  for (const auto& p : c.policies)
    if (++n && !p.rating.in_body)
      pols += fmt::format("{}. {} {} <!-- id: {} -->\n", n, severity_mark(c, p.rating.severity), md_inline(p.name), p.id);
  n = 0;
  for (const auto& q : c.questions)
    if (++n && !q.rating.in_body)
      qs += fmt::format("{}. {} {} <!-- id: {} -->\n", n, severity_mark(c, q.rating.severity), md_inline(q.text), q.id);
  if (fms.empty() && pols.empty() && qs.empty()) return;
  o += fmt::format("\n## {}\n\n{}\n", c.word("appendix_heading"), c.word("appendix_note"));
  if (!fms.empty()) o += fmt::format("\n### {}\n\n{}", c.word("appendix_failure_modes"), fms);
  if (!pols.empty()) o += fmt::format("\n### {}\n\n{}", c.word("appendix_policies"), pols);
  if (!qs.empty()) o += fmt::format("\n### {}\n\n{}", c.word("appendix_questions"), qs);
}

void coverage(const Catalog& c, const Labels& L, std::string& o) {
  if (c.coverage.empty()) return;
  o += fmt::format("\n## {}\n\n", L.coverage_heading);
  o += fmt::format("| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n", L.coverage_columns[0],
                   L.coverage_columns[1], L.coverage_columns[2], L.coverage_columns[3], L.coverage_columns[4]);
  auto number = [](const auto& items, const std::string& id) {
    std::size_t idx = 0;
    while (idx < items.size() && items[idx].id != id) ++idx;
    return idx + 1;
  };
  for (const auto& b : c.coverage) {
    std::string fms, pols;
    for (const auto& id : b.failure_modes) fms += fmt::format("{}{}", fms.empty() ? "" : ", ", number(c.failure_modes, id));
    for (const auto& id : b.policies) pols += fmt::format("{}#{}", pols.empty() ? "" : ", ", number(c.policies, id));
    o += fmt::format("| `{}` {} | {} | {} | {} | {} |\n", b.breach, md_inline(b.title), b.kind, fms.empty() ? "—" : fms,
                     pols.empty() ? "—" : pols, b.gap ? std::string(L.gap) : std::string("✔"));
  }
}

}  // namespace

std::string render_markdown(const Catalog& c) {
  const Labels L = labels(c.words);
  std::string o;
  std::string recorded;  // options beyond lang (detail, decisions), for verify
  for (const auto& [k, v] : c.options)
    if (k != "lang" && k != "format") recorded += fmt::format(" | {} {}", k, v);
  o += fmt::format("<!-- policyforge {} | model {} sha256:{} | library sha256:{} | lang {}{} -->\n", c.engine_version,
                   md_inline(c.model_path), c.model_sha256, c.library_digest, c.lang, recorded);
  o += fmt::format("# {} — {}\n\n", md_inline(c.service_name), L.title);
  top_risks(c, o);

  o += fmt::format("## {}\n\n", L.sections[0]);
  if (c.assumptions.empty()) {
    o += fmt::format("- {}\n", md_inline(c.no_assumptions));
  } else {
    int n = 0;
    for (const auto& a : c.assumptions) o += fmt::format("{}. {} <!-- id: {} -->\n", ++n, md_inline(a.text), a.id);
  }

  o += fmt::format("\n## {}\n\n", L.sections[1]);
  int n = 0;
  for (const auto& f : c.failure_modes)
    if (++n && full(c, f.rating)) failure_mode(c, L, f, n, o);

  o += fmt::format("\n## {}\n", L.sections[2]);
  n = 0;
  for (const auto& p : c.policies)
    if (++n && full(c, p.rating)) policy(c, L, p, n, o);

  o += fmt::format("\n## {}\n\n", L.sections[3]);
  o += fmt::format("| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n", L.ledger_columns[0],
                   L.ledger_columns[1], L.ledger_columns[2], L.ledger_columns[3], L.ledger_columns[4]);
  for (const auto& r : c.ledger_map)
    o += fmt::format("| `{}` | {} | {} | {} | {} |\n", r.ledger, md_inline(r.invariant1), md_inline(r.invariant2),
                     md_inline(r.signal), md_inline(r.recovery));

  o += fmt::format("\n## {}\n\n", L.sections[4]);
  n = 0;
  for (const auto& q : c.questions)
    if (++n && full(c, q.rating)) o += fmt::format("{}. {} <!-- id: {} -->\n", n, md_inline(q.text), q.id);

  appendix(c, o);
  coverage(c, L, o);
  return o;
}

}  // namespace pf
