#include "catalog_io/lint.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "catalog_io/md_lines.h"
#include "catalog_io/words.h"

namespace pf::cio {

namespace {

class Checker {
 public:
  explicit Checker(const Document& d) : doc_(d), li_(lang_index(d.lang)) {}

  std::vector<Finding> run() {
    sections();
    for (const auto& p : doc_.placeholders)
      error(p.pos, fmt::format("unfilled placeholder '{}'", p.text), "placeholder");
    if (doc_.has("assumptions")) assumptions();
    if (doc_.has("failure_modes")) failure_modes();
    if (doc_.has("policies")) policies();
    if (doc_.has("ledger_map")) ledger_map();
    if (doc_.has("questions") && doc_.questions.size() < 20)
      error(section_pos("questions"),
            fmt::format("verification questions: {} found, at least 20 required", doc_.questions.size()),
            "question-count");
    return std::move(out_);
  }

 private:
  void error(Pos p, std::string m, std::string id) { out_.push_back({p, true, std::move(m), std::move(id)}); }
  void warning(Pos p, std::string m, std::string id) { out_.push_back({p, false, std::move(m), std::move(id)}); }
  Pos section_pos(const std::string& key) const {
    for (const auto& s : doc_.sections)
      if (s.key == key) return s.pos;
    return {1, 1};
  }

  void sections() {
    const auto& W = words();
    int last = -1;
    std::set<std::string> seen;
    for (const auto& s : doc_.sections) {
      int k = 0;
      while (k < static_cast<int>(W.sections.size()) && W.sections[k].key != s.key) ++k;
      if (seen.count(s.key)) error(s.pos, fmt::format("section '{}' repeated", s.title), "section-order");
      else if (k < last) error(s.pos, fmt::format("section '{}' out of order", s.title), "section-order");
      if (!s.canonical && doc_.format == "md")
        warning(s.pos, fmt::format("section heading '{}' is not written as '## {}'", s.title, W.sections[k].lang[li_].label),
                "section-style");
      seen.insert(s.key);
      last = std::max(last, k);
    }
    for (const auto& k : W.sections)
      if (!seen.count(k.key))
        error({1, 1}, fmt::format("section missing: '## {}'", k.lang[li_].label), "section-missing");
  }

  void assumptions() {
    std::size_t n = doc_.assumptions.size();
    if (n == 0 && trim(doc_.assumptions_text).empty())
      error(section_pos("assumptions"), "assumptions: section is empty (write that none were needed)", "assumptions-empty");
    if (n > 7)
      error(doc_.assumptions[7].pos, fmt::format("assumptions: {} stated, at most 7 allowed", n), "assumptions-count");
  }

  void failure_modes() {
    const auto& W = words();
    if (doc_.failure_modes.size() < 12)
      error(section_pos("failure_modes"),
            fmt::format("failure modes: {} found, at least 12 required", doc_.failure_modes.size()), "fm-count");
    int n = 0;
    for (const auto& fm : doc_.failure_modes) {
      ++n;
      std::size_t k = 0;
      for (const auto& key : fm.part_order)
        if (k < W.fm_parts.size() && key == W.fm_parts[k].key) ++k;
      if (k < W.fm_parts.size())
        error(fm.pos, fmt::format("failure mode {}: part '{}' missing or out of order", n, W.fm_parts[k].lang[li_].label),
              "fm-parts");
      else
        for (const auto& p : W.fm_parts)
          if (trim(fm.parts.at(p.key)).empty())
            error(fm.pos, fmt::format("failure mode {}: part '{}' is empty", n, p.lang[li_].label), "fm-parts");
      std::size_t slashes = 0;
      for (std::size_t f = fm.text.find(" / "); f != std::string::npos; f = fm.text.find(" / ", f + 3)) ++slashes;
      if (doc_.format == "md" && slashes < 3)
        error(fm.pos, fmt::format("failure mode {}: expected four parts separated by ' / '", n), "fm-parts");
      if (doc_.format == "md" && !fm.numbered)
        warning(fm.pos, fmt::format("failure mode {}: not a numbered list item", n), "fm-style");
    }
  }

  void policies();
  void policy(const Policy& p, std::size_t index, std::map<int, int>& tally);
  void ledger_map() {
    if (doc_.ledger_map.empty()) error(section_pos("ledger_map"), "ledger map: no table rows", "ledger-row");
    for (const auto& r : doc_.ledger_map) {
      bool full = r.cells.size() >= 5 && std::all_of(r.cells.begin(), r.cells.begin() + 5,
                                                    [](const std::string& c) { return !c.empty(); });
      if (!full)
        error(r.pos, fmt::format("ledger map row '{}': needs ledger, two invariants, signal, recovery",
                                 r.cells.empty() ? "" : r.cells[0]),
              "ledger-row");
    }
  }

  const Document& doc_;
  int li_;
  std::vector<Finding> out_;
};

bool has_question_mark(const std::string& s) {
  return s.find('?') != std::string::npos || s.find("\xEF\xBC\x9F") != std::string::npos;
}

void Checker::policy(const Policy& p, std::size_t index, std::map<int, int>& tally) {
  const auto& W = words();
  std::string where = fmt::format("policy #{}", p.number);
  if (p.number != static_cast<int>(index + 1))
    error(p.pos, fmt::format("{}: numbered out of sequence (expected #{})", where, index + 1), "policy-numbering");
  if (trim(p.name).empty()) error(p.pos, fmt::format("{}: empty name", where), "policy-name");
  if (doc_.format == "md" && !p.heading_canonical)
    warning(p.pos, fmt::format("{}: heading is not written as '### {}{}] {} NAME'", where, W.policy_marker, p.number,
                               W.policy_name[li_].label),
            "policy-style");
  // fields in the spec's order: every one present once, [UNCERTAIN] optional and last
  std::size_t want = 0;
  std::set<std::string> seen;
  int restyled = 0;
  std::pair<Pos, std::string> first_restyled;
  for (const auto& f : p.fields) {
    if (f.key.empty()) {
      warning(f.pos, fmt::format("{}: list item with no known field label", where), "field-unknown");
      continue;
    }
    if (seen.count(f.key)) {
      error(f.pos, fmt::format("{}: field '{}' repeated", where, f.raw_label), "field-order");
      continue;
    }
    seen.insert(f.key);
    std::size_t k = 0;
    while (k < W.fields.size() && W.fields[k].key != f.key) ++k;
    if (k < want)
      error(f.pos, fmt::format("{}: field '{}' out of order", where, W.fields[k].lang[li_].label), "field-order");
    want = std::max(want, k + 1);
    if (doc_.format == "md" && !f.canonical && restyled++ == 0)
      first_restyled = {f.pos, W.fields[k].lang[li_].label};
    bool empty = trim(f.value).empty() && f.items.empty();
    if (empty && f.key != "runbook")
      error(f.pos, fmt::format("{}: field '{}' is empty", where, W.fields[k].lang[li_].label), "field-empty");
  }
  if (restyled)
    warning(first_restyled.first,
            fmt::format("{}: {} field label(s) not written letter for letter as the format's (bold, other wording), "
                        "first '{}'",
                        where, restyled, first_restyled.second),
            "field-style");
  for (const auto& k : W.fields)
    if (k.key != "uncertain" && !seen.count(k.key))
      error(p.pos, fmt::format("{}: field '{}' missing", where, k.lang[li_].label), "field-missing");
  if (const FieldEntry* s = p.field("surfaces")) {
    int counted = 0;
    for (const auto& [n, name] : p.surface_names) {
      if (n < 1 || n > 12) {
        error(s->pos, fmt::format("{}: surface [{}] does not exist", where, n), "surface-unknown");
        continue;
      }
      const std::string& good = W.surfaces[li_][n];
      if (doc_.format == "md" && name.rfind(good, 0) != 0)
        error(s->pos, fmt::format("{}: surface [{}] should be named '{}', found '{}'", where, n, good, name),
              "surface-name");
      ++counted;
    }
    if (doc_.format == "json")
      for (int n : p.surfaces) counted += (n >= 1 && n <= 12) ? 1 : 0;
    if (counted < 1 || counted > 3)
      error(s->pos, fmt::format("{}: {} surface tags, 1 to 3 required", where, counted), "surface-count");
    std::set<int> distinct(p.surfaces.begin(), p.surfaces.end());
    for (int n : distinct)
      if (n >= 1 && n <= 12) ++tally[n];
  }
  if (const FieldEntry* m = p.field("metrics")) {
    std::string all = m->value;
    for (const auto& i : m->items) all += " " + i;
    if (lower(all).find(W.leading_word) == std::string::npos)
      error(m->pos, fmt::format("{}: monitoring names no indicator marked '{}'", where, W.leading_word), "leading-indicator");
  }
  if (const FieldEntry* r = p.field("runbook")) {
    std::size_t n = r->items.size();
    if (n < 3 || n > 7)
      error(r->pos, fmt::format("{}: runbook has {} steps, 3 to 7 required", where, n), "runbook-steps");
    for (std::size_t i = 0; i < r->items_numbered.size(); ++i)
      if (!r->items_numbered[i]) {
        warning(r->pos, fmt::format("{}: runbook steps should be a numbered list", where), "runbook-style");
        break;
      }
  }
  if (const FieldEntry* u = p.field("uncertain")) {
    auto n = std::count_if(u->items.begin(), u->items.end(), has_question_mark);
    if (n < 1 || n > 3)
      error(u->pos, fmt::format("{}: [UNCERTAIN] needs 1 to 3 verification questions, found {}", where, n),
            "uncertain-questions");
  }
}

void Checker::policies() {
  const auto& W = words();
  Pos at = section_pos("policies");
  if (doc_.policies.size() < 20)
    error(at, fmt::format("policies: {} found, at least 20 required", doc_.policies.size()), "policy-count");
  std::map<int, int> tally;
  std::map<std::string, int> bodies;
  for (std::size_t i = 0; i < doc_.policies.size(); ++i) {
    const Policy& p = doc_.policies[i];
    policy(p, i, tally);
    std::string body;
    for (const auto& f : p.fields) {
      body += f.value + "\n";
      for (const auto& it : f.items) body += it + "\n";
    }
    auto [it, fresh] = bodies.emplace(body, p.number);
    if (!fresh && !trim(body).empty())
      error(p.pos, fmt::format("policy #{} repeats policy #{} word for word", p.number, it->second), "policy-repeated");
  }
  for (int k = 1; k <= 12; ++k)
    if (!tally[k])
      error(at, fmt::format("surface [{}] {} is tagged by no policy", k, W.surfaces[li_][k]), "surface-coverage");
  for (int k : W.primary)
    if (tally[k] > 0 && tally[k] < 3)
      error(at, fmt::format("primary surface [{}] tagged by {} policies, at least 3 required", k, tally[k]),
            "surface-primary");
}

}  // namespace

std::vector<Finding> lint_format(const Document& doc) { return Checker(doc).run(); }

std::string format_findings(const std::string& file, std::vector<Finding> findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.pos.line, a.pos.col) < std::tie(b.pos.line, b.pos.col);
  });
  std::string out;
  for (const auto& f : findings)
    out += fmt::format("{}:{}:{}: {}: {} [{}]\n", file, std::max(1, f.pos.line), std::max(1, f.pos.col),
                       f.error ? "error" : "warning", f.message, f.check);
  return out;
}

}  // namespace pf::cio
