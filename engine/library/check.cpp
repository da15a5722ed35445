#include "library/check.h"

#include <filesystem>
#include <functional>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

#include "facts/vocabulary.h"

namespace fs = std::filesystem;

namespace pf {

std::map<std::string, AttrType> rule_bindings(const Rule& r) {
  std::map<std::string, AttrType> b;
  b["service"] = AttrType{AttrType::Shape::Ref, Kind::Service};
  b[std::string(kind_name(r.each))] = AttrType{AttrType::Shape::Ref, r.each};
  // Every item may merge several matches: all of them are `matches`, their findings `findings`.
  b["matches"] = AttrType{AttrType::Shape::List, r.each};
  b["findings"] = AttrType{AttrType::Shape::List, {}};
  b["breaches"] = AttrType{AttrType::Shape::List, {}};
  std::function<void(const std::vector<Condition>&)> binds = [&](const std::vector<Condition>& cs) {
    for (const auto& c : cs) {
      if ((c.type == Condition::Type::Before || c.type == Condition::Type::After) && !c.bind.empty())
        b[c.bind] = AttrType{AttrType::Shape::Ref, Kind::Step};
      if (c.type == Condition::Type::Any) binds(c.children);
    }
  };
  binds(r.where);
  for (const auto& [name, path] : r.let) {
    // A let's type is the type its path ends on.
    AttrType t{AttrType::Shape::Ref, r.each};
    bool ok = true;
    for (const auto& part : path.parts) {
      if (!t.of || (t.shape != AttrType::Shape::Ref && t.shape != AttrType::Shape::List)) {
        ok = false;
        break;
      }
      const AttrDef* d = find_attr(*t.of, part);
      if (!d) {
        ok = false;
        break;
      }
      bool list = t.shape == AttrType::Shape::List;
      t = d->type;
      if (list && t.shape == AttrType::Shape::Ref) t.shape = AttrType::Shape::List;
    }
    b[name] = ok ? t : AttrType{AttrType::Shape::Any, {}};
  }
  return b;
}

namespace {

/// Checks a path against the vocabulary, starting from a type; reports at the path's location.
void check_path(const Path& p, const std::map<std::string, AttrType>& names, std::optional<Kind> self,
                const std::string& where, Diagnostics& diags) {
  AttrType t;
  std::size_t i = 0;
  if (p.from_binding) {
    auto it = names.find(p.parts[0]);
    if (it == names.end()) {
      std::vector<std::string> cands;
      for (const auto& [n, ty] : names) cands.push_back(n);
      std::string hint = closest(p.parts[0], cands);
      diags.error(p.loc, fmt::format("{}: '{}' is not bound (bound: {})", where, p.parts[0], fmt::join(cands, ", ")),
                  hint.empty() ? "" : fmt::format("did you mean '{}'?", hint));
      return;
    }
    t = it->second;
    i = 1;
  } else {
    if (!self) {
      diags.error(p.loc, fmt::format("{}: path '{}' needs a bound name ($name...)", where, p.text));
      return;
    }
    t = AttrType{AttrType::Shape::Ref, *self};
  }
  if (t.shape == AttrType::Shape::Any) return;
  for (; i < p.parts.size(); ++i) {
    if (!t.of || (t.shape != AttrType::Shape::Ref && t.shape != AttrType::Shape::List)) {
      diags.error(p.loc, fmt::format("{}: '{}' goes past '{}', which is a {}", where, p.text, p.parts[i - 1],
                                     type_name(t)));
      return;
    }
    const AttrDef* d = find_attr(*t.of, p.parts[i]);
    if (!d) {
      std::vector<std::string> cands;
      for (const auto& a : vocabulary(*t.of)) cands.push_back(std::string(a.name));
      std::string hint = closest(p.parts[i], cands);
      diags.error(p.loc, fmt::format("{}: {} has no attribute '{}' (in '{}')", where, kind_name(*t.of), p.parts[i], p.text),
                  hint.empty() ? "" : fmt::format("did you mean '{}'?", hint));
      return;
    }
    bool list = t.shape == AttrType::Shape::List;
    t = d->type;
    if (list && t.shape == AttrType::Shape::Ref) t.shape = AttrType::Shape::List;
  }
}

void check_conditions(const std::vector<Condition>& cs, std::map<std::string, AttrType> names,
                      std::optional<Kind> self, const std::string& where, Diagnostics& diags) {
  for (const auto& c : cs) {
    switch (c.type) {
      case Condition::Type::Test: check_path(c.path, names, self, where, diags); break;
      case Condition::Type::Any:
      case Condition::Type::Not: check_conditions(c.children, names, self, where, diags); break;
      case Condition::Type::Before:
      case Condition::Type::After:
        if (self != Kind::Step)
          diags.error(c.loc, fmt::format("{}: 'before'/'after' apply to steps only", where));
        check_conditions(c.children, {{"service", AttrType{AttrType::Shape::Ref, Kind::Service}}}, Kind::Step, where,
                         diags);
        if (!c.bind.empty()) names[c.bind] = AttrType{AttrType::Shape::Ref, Kind::Step};
        break;
    }
  }
}

void check_text(const Text& t, const std::map<std::string, AttrType>& names, const std::string& where,
                Diagnostics& diags) {
  for (const auto& part : t.parts)
    if (auto* ph = std::get_if<Placeholder>(&part)) check_path(ph->path, names, std::nullopt, where, diags);
  for (const char* bad : {"TODO", "TBD", "FIXME"})
    if (t.raw.find(bad) != std::string::npos)
      diags.error(t.loc, fmt::format("{}: text contains '{}'", where, bad));
}

}  // namespace

void check_rule_templates(const Library& lib, const Rule& r, Diagnostics& diags) {
  std::string where = fmt::format("rule '{}'", r.id);
  auto names = rule_bindings(r);
  // A template indexed but not loaded yet (generate loads only those of rules that fired) is
  // checked when it is loaded.
  auto pending = [&](const char* kind, const std::string& id) { return lib.pending.count(std::string(kind) + ':' + id) > 0; };
  if (!r.policy.empty()) {
    auto it = lib.policies.find(r.policy);
    if (it == lib.policies.end()) {
      if (!pending("policy", r.policy)) diags.error(r.loc, fmt::format("{} emits unknown policy template '{}'", where, r.policy));
    } else {
      std::string tw = fmt::format("policy template '{}' (used by {})", r.policy, where);
      for (const PolicyText* pt : {&it->second.ko, &it->second.en})
        for (const Text* t : pt->all()) check_text(*t, names, tw, diags);
      check_conditions(it->second.uncertain_when, names, r.each, tw, diags);
    }
  }
  if (!r.failure_mode.empty()) {
    auto it = lib.failure_modes.find(r.failure_mode);
    if (it == lib.failure_modes.end()) {
      if (!pending("failure-mode", r.failure_mode)) diags.error(r.loc, fmt::format("{} emits unknown failure-mode template '{}'", where, r.failure_mode));
    } else {
      std::string tw = fmt::format("failure-mode template '{}' (used by {})", r.failure_mode, where);
      for (const FailureModeText* ft : {&it->second.ko, &it->second.en})
        for (const Text* t : {&ft->failure, &ft->impact, &ft->user_impact, &ft->signal, &ft->brief_failure,
                                &ft->brief_impact, &ft->brief_user_impact, &ft->brief_signal})
            check_text(*t, names, tw, diags);
    }
  }
  if (!r.ledger_row.empty()) {
    auto it = lib.ledger_rows.find(r.ledger_row);
    if (it == lib.ledger_rows.end()) {
      if (!pending("ledger-map", r.ledger_row)) diags.error(r.loc, fmt::format("{} emits unknown ledger-map template '{}'", where, r.ledger_row));
    } else {
      std::string tw = fmt::format("ledger-map template '{}' (used by {})", r.ledger_row, where);
      for (const LedgerRowText* lt : {&it->second.ko, &it->second.en})
        for (const Text* t : {&lt->invariant1, &lt->invariant2, &lt->signal, &lt->recovery})
          check_text(*t, names, tw, diags);
    }
  }
}

void cross_check(const Library& lib, Diagnostics& diags) {
  std::set<std::string> ids;
  for (const auto& r : lib.rules) {
    std::string where = fmt::format("rule '{}'", r.id);
    if (!ids.insert(r.id).second) diags.error(r.loc, fmt::format("duplicate rule id '{}'", r.id));
    std::string base = fs::path(r.file).stem().string();
    if (base != r.id) diags.error(r.loc, fmt::format("rule id '{}' differs from its file name '{}'", r.id, base));
    if (r.policy.empty() == false && (r.surfaces.empty() || r.surfaces.size() > 3))
      diags.error(r.loc, fmt::format("{} emits a policy and needs 1 to 3 surfaces, has {}", where, r.surfaces.size()));
    if (!r.ledger_row.empty() && r.each != Kind::Ledger)
      diags.error(r.loc, fmt::format("{} emits a ledger_row but matches '{}', not 'ledger'", where, kind_name(r.each)));
    auto names = rule_bindings(r);
    check_conditions(r.where, {{"service", AttrType{AttrType::Shape::Ref, Kind::Service}}}, r.each, where, diags);
    for (const auto& [n, p] : r.let) check_path(p, names, r.each, where, diags);
    if (r.finding) {
      check_text(r.finding->ko, names, where, diags);
      check_text(r.finding->en, names, where, diags);
    }
    for (const auto* list : {&r.questions, &r.assumptions})
      for (const auto& e : *list) {
        check_conditions(e.when, names, r.each, where, diags);
        check_text(e.text.ko, names, where, diags);
        check_text(e.text.en, names, where, diags);
      }
    check_rule_templates(lib, r, diags);
  }
  for (const auto& r : lib.rules)
    for (const auto& s : r.supersedes)
      if (!ids.count(s) || s == r.id) diags.error(r.loc, fmt::format("rule '{}' supersedes unknown rule '{}'", r.id, s));
  // A template beside a rule (<rule-id>.policy.yaml) belongs to that rule: it must emit it.
  for (const auto& b : lib.beside) {
    if (b.id.empty()) continue;  // not loaded yet
    bool used = false;
    for (const auto& r : lib.rules)
      if (r.id == b.rule) used = r.policy == b.id || r.failure_mode == b.id || r.ledger_row == b.id;
    if (!used)
      diags.error(b.loc, fmt::format("{} template '{}' sits beside rule '{}', which does not emit it", b.kind, b.id,
                                     b.rule));
  }
}

}  // namespace pf
