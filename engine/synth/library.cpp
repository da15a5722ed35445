#include "synth/library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fmt/ranges.h>
#include <fmt/format.h>
#include <set>
#include <unistd.h>

#include "facts/vocabulary.h"
#include "util/sha256.h"
#include "util/yaml_reader.h"

namespace fs = std::filesystem;

namespace pf {

namespace {

bool is_root(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "rules", ec) && fs::is_directory(p / "catalogs", ec);
}

/// Every *.yaml below dir, sorted, as (absolute, relative-to-base) pairs.
std::vector<fs::path> yaml_files(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".yaml") out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool ends_with(const std::string& s, const std::string& suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

}  // namespace

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

void cross_check(Library& lib, Diagnostics& diags) {
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
    if (!r.policy.empty()) {
      auto it = lib.policies.find(r.policy);
      if (it == lib.policies.end()) {
        diags.error(r.loc, fmt::format("{} emits unknown policy template '{}'", where, r.policy));
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
        diags.error(r.loc, fmt::format("{} emits unknown failure-mode template '{}'", where, r.failure_mode));
      } else {
        std::string tw = fmt::format("failure-mode template '{}' (used by {})", r.failure_mode, where);
        for (const FailureModeText* ft : {&it->second.ko, &it->second.en})
          for (const Text* t : {&ft->failure, &ft->impact, &ft->user_impact, &ft->signal}) check_text(*t, names, tw, diags);
      }
    }
    if (!r.ledger_row.empty()) {
      auto it = lib.ledger_rows.find(r.ledger_row);
      if (it == lib.ledger_rows.end()) {
        diags.error(r.loc, fmt::format("{} emits unknown ledger-map template '{}'", where, r.ledger_row));
      } else {
        std::string tw = fmt::format("ledger-map template '{}' (used by {})", r.ledger_row, where);
        for (const LedgerRowText* lt : {&it->second.ko, &it->second.en})
          for (const Text* t : {&lt->invariant1, &lt->invariant2, &lt->signal, &lt->recovery})
            check_text(*t, names, tw, diags);
      }
    }
  }
}

}  // namespace

std::optional<Library> load_library(const std::string& root, const std::vector<std::string>& extra_rule_dirs,
                                    Diagnostics& diags) {
  Library lib;
  lib.root = root;
  fs::path r(root);
  if (!is_root(r)) {
    diags.error(Loc{std::make_shared<const std::string>(root), 0, 0},
                "rule library not found: expected rules/ and catalogs/ here (use --library DIR or POLICYFORGE_LIBRARY)");
    return std::nullopt;
  }
  int serial = 0;
  std::string digest_input;
  auto digest = [&](const fs::path& file, const std::string& rel) {
    Diagnostics scratch;
    if (auto text = read_file(file.string(), scratch)) digest_input += rel + '\0' + *text + '\0';
  };
  auto load_templates_in = [&](const fs::path& file) -> bool {
    std::string parent = file.parent_path().filename().string();
    if (parent == "policies") {
      if (auto t = load_policy_template(file.string(), diags, serial)) {
        if (lib.policies.count(t->id)) diags.error(t->loc, fmt::format("duplicate policy template id '{}'", t->id));
        lib.policies.emplace(t->id, std::move(*t));
      }
      return true;
    }
    if (parent == "failure-modes") {
      if (auto t = load_failure_mode_template(file.string(), diags)) {
        if (lib.failure_modes.count(t->id)) diags.error(t->loc, fmt::format("duplicate failure-mode template id '{}'", t->id));
        lib.failure_modes.emplace(t->id, std::move(*t));
      }
      return true;
    }
    if (parent == "ledger-map" && file.string().find("catalogs") != std::string::npos) {
      if (auto t = load_ledger_row_template(file.string(), diags)) {
        if (lib.ledger_rows.count(t->id)) diags.error(t->loc, fmt::format("duplicate ledger-map template id '{}'", t->id));
        lib.ledger_rows.emplace(t->id, std::move(*t));
      }
      return true;
    }
    return false;
  };
  for (const auto& f : yaml_files(r / "catalogs")) {
    digest(f, fs::relative(f, r).string());
    if (f.filename() == "format.yaml") {
      if (auto ft = load_format_text(f.string(), diags)) lib.format = std::move(*ft);
      continue;
    }
    if (f.filename() == "glossary.yaml") {
      if (auto g = load_glossary(f.string(), diags)) lib.glossary = std::move(*g);
      continue;
    }
    if (!load_templates_in(f)) diags.warning(Loc{std::make_shared<const std::string>(f.string()), 0, 0},
                                             "file in catalogs/ outside policies/, failure-modes/ and ledger-map/ ignored");
  }
  std::vector<std::pair<fs::path, fs::path>> rule_roots = {{r / "rules", r}};
  for (const auto& d : extra_rule_dirs) rule_roots.emplace_back(fs::path(d), fs::path(d));
  for (const auto& [dir, base] : rule_roots) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      diags.error(Loc{std::make_shared<const std::string>(dir.string()), 0, 0}, "rule folder not found");
      continue;
    }
    lib.rule_dirs.push_back(dir.string());
    for (const auto& f : yaml_files(dir)) {
      std::string rel = (base == r ? fs::relative(f, r) : fs::path("extra") / fs::relative(f, base)).string();
      digest(f, rel);
      if (ends_with(f.string(), ".test.yaml")) {
        lib.fixtures.push_back(f.string());
        continue;
      }
      if (base != r && load_templates_in(f)) continue;
      std::string area = f.parent_path().filename().string();
      if (auto rule = load_rule(f.string(), area, diags, serial)) lib.rules.push_back(std::move(*rule));
    }
  }
  std::sort(lib.rules.begin(), lib.rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  lib.digest = sha256_hex(digest_input);
  cross_check(lib, diags);
  if (diags.has_errors()) return std::nullopt;
  // Unit nouns reach the renderer with the catalog's other fixed words.
  for (const auto& [unit, noun] : lib.glossary.units) lib.format.texts["unit:" + unit] = noun;
  return lib;
}

}  // namespace pf
