#include "render/markdown.h"

#include <fmt/format.h>

#include "render/labels.h"

namespace pf {

namespace {

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += '\\';  // GFM reads "24~72" ... "72~120" as strikethrough
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string cell(const std::string& s) {
  std::string out;
  for (char c : one_line(s)) {
    if (c == '|') out += "\\|";
    else out += c;
  }
  return out;
}

}  // namespace

std::string render_markdown(const Catalog& c) {
  const Labels& L = labels(c.lang);
  std::string o;
  o += fmt::format("<!-- policyforge {} | model {} sha256:{} | library sha256:{} | lang {} -->\n", c.engine_version,
                   c.model_path, c.model_sha256, c.library_digest, c.lang);
  o += fmt::format("# {} — {}\n\n", one_line(c.service_name), L.title);

  o += fmt::format("## {}\n\n", L.sections[0]);
  if (c.assumptions.empty()) {
    o += fmt::format("- {}\n", one_line(c.no_assumptions));
  } else {
    int n = 0;
    for (const auto& a : c.assumptions) o += fmt::format("{}. {} <!-- id: {} -->\n", ++n, one_line(a.text), a.id);
  }

  o += fmt::format("\n## {}\n\n", L.sections[1]);
  int n = 0;
  for (const auto& f : c.failure_modes)
    o += fmt::format("{}. {} {} / {} {} / {} {} / {} {} <!-- id: {} -->\n", ++n, L.fm_parts[0], one_line(f.failure),
                     L.fm_parts[1], one_line(f.impact), L.fm_parts[2], one_line(f.user_impact), L.fm_parts[3],
                     one_line(f.signal), f.id);

  o += fmt::format("\n## {}\n", L.sections[2]);
  n = 0;
  for (const auto& p : c.policies) {
    o += fmt::format("\n### [Policy #{}] {} {}\n<!-- id: {} -->\n\n", ++n, L.policy_heading, one_line(p.name), p.id);
    std::string tags;
    for (int s : p.surfaces) tags += (tags.empty() ? "" : ", ") + surface_tag(s, c.lang);
    const std::string* values[] = {&tags,          &p.intent,         &p.protects,     &p.trigger,
                                   &p.enforcement, &p.idempotency,    &p.retry,        &p.reconciliation,
                                   &p.compensation, &p.exceptions,    &p.metrics};
    for (std::size_t i = 0; i < 11; ++i) o += fmt::format("- {} {}\n", L.fields[i], one_line(*values[i]));
    o += fmt::format("- {}\n", L.fields[11]);
    int k = 0;
    for (const auto& step : p.runbook) o += fmt::format("  {}. {}\n", ++k, one_line(step));
    if (p.uncertain) {
      o += fmt::format("- {} {}\n", L.uncertain, one_line(p.uncertain_text));
      for (const auto& q : p.questions) o += fmt::format("  - {}\n", one_line(q));
    }
  }

  o += fmt::format("\n## {}\n\n", L.sections[3]);
  o += fmt::format("| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n", L.ledger_columns[0],
                   L.ledger_columns[1], L.ledger_columns[2], L.ledger_columns[3], L.ledger_columns[4]);
  for (const auto& r : c.ledger_map)
    o += fmt::format("| `{}` | {} | {} | {} | {} |\n", r.ledger, cell(r.invariant1), cell(r.invariant2), cell(r.signal),
                     cell(r.recovery));

  o += fmt::format("\n## {}\n\n", L.sections[4]);
  n = 0;
  for (const auto& q : c.questions) o += fmt::format("{}. {} <!-- id: {} -->\n", ++n, one_line(q.text), q.id);

  if (!c.coverage.empty()) {
    o += fmt::format("\n## {}\n\n", L.coverage_heading);
    o += fmt::format("| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n", L.coverage_columns[0],
                     L.coverage_columns[1], L.coverage_columns[2], L.coverage_columns[3], L.coverage_columns[4]);
    for (const auto& b : c.coverage) {
      auto numbers = [&](const std::vector<std::string>& ids, bool policy) {
        std::string out;
        for (const auto& id : ids) {
          std::size_t idx = 0;
          if (policy) {
            for (; idx < c.policies.size() && c.policies[idx].id != id; ++idx) {}
            out += fmt::format("{}#{}", out.empty() ? "" : ", ", idx + 1);
          } else {
            for (; idx < c.failure_modes.size() && c.failure_modes[idx].id != id; ++idx) {}
            out += fmt::format("{}{}", out.empty() ? "" : ", ", idx + 1);
          }
        }
        return out.empty() ? std::string("—") : out;
      };
      o += fmt::format("| `{}` {} | {} | {} | {} | {} |\n", b.breach, cell(b.title), b.kind, numbers(b.failure_modes, false),
                       numbers(b.policies, true), b.gap ? std::string(L.gap) : std::string("✔"));
    }
  }
  return o;
}

}  // namespace pf
