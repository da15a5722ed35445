#include "render/markdown.h"

#include <fmt/format.h>

#include <cctype>
#include <regex>
#include <string_view>

#include "render/labels.h"

namespace pf {

namespace {

bool ascii_punct(char c) { return c > ' ' && c < 127 && !std::isalnum(static_cast<unsigned char>(c)); }
bool word_char(const std::string& s, std::size_t i) {
  return i < s.size() && s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && !ascii_punct(s[i]);
}

// Whether s[i] would start markup in GFM: '*' and '~' always; '_' unless inside a word
// (bad_signature stays as is); '<' before a tag or comment ("<=" stays); '&' before an entity;
// ']' before '(' (a link); '\\' before punctuation.
bool needs_escape(const std::string& s, std::size_t i) {
  static const std::regex kEntity("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});.*");
  char c = s[i], next = i + 1 < s.size() ? s[i + 1] : '\0';
  switch (c) {
    case '*': case '~': return true;
    case '_': return !(i > 0 && word_char(s, i - 1) && word_char(s, i + 1));
    case '<': return std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
    case '&': return std::regex_match(s.substr(i, 40), kEntity);
    case ']': return next == '(';
    case '\\': return ascii_punct(next);
    default: return false;
  }
}

// Text stays text: outside code spans (a run of backticks closed by a run of the same length,
// as CommonMark reads them), every character GFM would read as markup is backslash-escaped
// ("24~72" would start a strikethrough, "<script>" raw HTML, "*x*" emphasis). A backtick run
// that closes nothing is escaped too. Line breaks become spaces.
std::string one_line(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '`') {
      std::size_t n = s.find_first_not_of('`', i);
      n = (n == std::string::npos ? s.size() : n) - i;
      std::string run(n, '`');
      std::size_t close = s.find(run, i + n);
      while (close != std::string::npos && close + n < s.size() && s[close + n] == '`')
        close = s.find(run, s.find_first_not_of('`', close));
      if (close == std::string::npos) {
        for (std::size_t k = 0; k < n; ++k) out += "\\`";
        i += n;
        continue;
      }
      for (std::size_t k = i; k < close + n; ++k) out += (s[k] == '\n' || s[k] == '\r') ? ' ' : s[k];
      i = close + n;
      continue;
    }
    if (needs_escape(s, i)) out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
    ++i;
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
