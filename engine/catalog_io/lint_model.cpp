// lint --model: the catalog speaks of the model it claims to describe.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cctype>
#include <set>

#include "catalog_io/lint.h"
#include "catalog_io/md_lines.h"
#include "model/model.h"

namespace pf::cio {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// `name` appears in `text` as a whole word (not inside a longer identifier).
bool names(const std::string& text, const std::string& name) {
  if (name.empty()) return false;
  for (std::size_t f = text.find(name); f != std::string::npos; f = text.find(name, f + 1)) {
    bool before = f > 0 && word_char(text[f - 1]);
    std::size_t e = f + name.size();
    bool after = e < text.size() && word_char(text[e]);
    if (!before && !after) return true;
  }
  return false;
}

std::string policy_text(const Policy& p) {
  std::string t = p.name + "\n";
  for (const auto& f : p.fields) {
    t += f.value + "\n";
    for (const auto& i : f.items) t += i + "\n";
  }
  return t;
}

/// Every name the model defines that a catalog may write in backticks.
std::set<std::string> known_names(const Model& m) {
  std::set<std::string> k;
  for (const auto& l : m.ledgers) {
    k.insert(l.id);
    for (const auto& i : l.invariants) k.insert(i.id);
  }
  for (const auto& i : m.integrations) {
    k.insert(i.id);
    for (const auto& o : i.operations) k.insert(i.id + "." + o.id), k.insert(o.id);
    for (const auto& e : i.events) k.insert(i.id + "." + e.id), k.insert(e.id);
  }
  for (const auto& f : m.flows) {
    k.insert(f.id);
    for (const auto& s : f.steps) k.insert(f.id + "." + s.id), k.insert(s.id);
  }
  for (const auto& l : m.lifecycles) {
    k.insert(l.entity);
    for (const auto& s : l.states) k.insert(s.name);
  }
  for (const auto& t : m.tools) k.insert(t.id);
  for (const auto& j : m.jobs) k.insert(j.id);
  for (const auto& b : m.breaches) k.insert(b.id);
  return k;
}

/// A backticked token that looks like a model identifier: lower case, digits, '_', '.', '-'.
bool identifier_like(const std::string& s) {
  if (s.empty() || s.size() > 80 || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  bool sep = false;
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '.' || c == '-'))
      return false;
    sep = sep || c == '_' || c == '.';
  }
  return sep;  // plain words in backticks (`held`) are not claims about the model
}

void unknown_names(const Document& doc, const std::set<std::string>& known, std::vector<Finding>& out) {
  std::set<std::string> reported;
  for (const auto& p : doc.policies) {
    std::string t = policy_text(p);
    for (std::size_t a = t.find('`'); a != std::string::npos; a = t.find('`', a + 1)) {
      std::size_t b = t.find('`', a + 1);
      if (b == std::string::npos) break;
      std::string tok = t.substr(a + 1, b - a - 1);
      a = b;
      std::size_t start = 0;
      while (start <= tok.size()) {  // "bookings+payments" names two ledgers
        std::size_t plus = tok.find('+', start);
        std::string part = tok.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
        if (identifier_like(part) && !known.count(part) && reported.insert(part).second)
          out.push_back({p.pos, false, fmt::format("policy #{} names '{}', which the model does not have", p.number, part),
                         "model-unknown-element"});
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    }
  }
}

}  // namespace

std::vector<Finding> lint_model(const Document& doc, const Model& m) {
  std::vector<Finding> out;
  Pos top{1, 1};
  std::string all;
  for (const auto& p : doc.policies) all += policy_text(p);
  std::vector<std::string> ids;
  for (const auto& l : m.ledgers) ids.push_back(l.id);
  for (const auto& i : m.integrations) ids.push_back(i.id);
  for (const auto& f : m.flows) ids.push_back(f.id);
  for (const auto& id : ids)
    if (!names(all, id))
      out.push_back({top, true, fmt::format("model element '{}' is named by no policy", id), "model-unnamed"});
  std::vector<std::string> specific = ids;
  for (const auto& f : m.flows)
    for (const auto& s : f.steps) specific.push_back(s.id);
  for (const auto& l : m.ledgers)
    if (!l.entity.empty()) specific.push_back(l.entity);
  for (const auto& l : m.lifecycles) specific.push_back(l.entity);
  std::size_t hits = 0;
  for (const auto& p : doc.policies) {
    std::string t = policy_text(p);
    bool named = false;
    for (const auto& id : specific) named = named || names(t, id);
    if (named) ++hits;
    else
      out.push_back({p.pos, false, fmt::format("policy #{} names no element of the model", p.number), "model-no-element"});
  }
  if (!doc.policies.empty() && hits * 10 < doc.policies.size() * 7)
    out.push_back({top, true,
                   fmt::format("only {} of {} policies name an element of the model (70% required)", hits,
                               doc.policies.size()),
                   "model-specific"});
  if (doc.has("ledger_map"))
    for (const auto& l : m.ledgers) {
      bool row = false;
      for (const auto& r : doc.ledger_map) row = row || (!r.cells.empty() && names(r.cells[0], l.id));
      if (!row) out.push_back({top, true, fmt::format("ledger map: no row for ledger '{}'", l.id), "ledger-missing"});
    }
  bool charter = m.has_charter;
  std::vector<std::string> missing;
  if (!charter) missing.push_back("charter");
  if (m.integrations.empty()) missing.push_back("integrations");
  if (m.lifecycles.empty()) missing.push_back("lifecycles");
  std::size_t n = doc.assumptions.size();
  if (!missing.empty() && (n < 3 || n > 7))
    out.push_back({top, true,
                   fmt::format("assumptions: inputs missing ({}) but {} stated, 3 to 7 required", fmt::join(missing, ", "), n),
                   "assumptions-count"});
  unknown_names(doc, known_names(m), out);
  return out;
}

}  // namespace pf::cio
