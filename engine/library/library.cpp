#include "library/library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <tuple>
#include <fmt/format.h>

#include "library/check.h"
#include "library/glossary_loader.h"
#include "library/rule_loader.h"
#include "library/template_loader.h"
#include "util/sha256.h"
#include "util/yaml_reader.h"


namespace fs = std::filesystem;

namespace pf {

namespace {

bool is_root(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "rules", ec) && fs::is_directory(p / "catalogs", ec);
}

/// Every *.yaml below dir, sorted.
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

LibraryFile classify_library_file(const std::string& path, bool old_layout) {
  fs::path p(path);
  std::string name = p.filename().string();
  if (!ends_with(name, ".yaml")) return LibraryFile::Other;
  if (ends_with(name, ".test.yaml")) return LibraryFile::Fixture;
  if (ends_with(name, ".fixture-base.yaml")) return LibraryFile::FixtureBase;
  if (ends_with(name, ".policy.yaml")) return LibraryFile::Policy;
  if (ends_with(name, ".failure-mode.yaml")) return LibraryFile::FailureMode;
  if (ends_with(name, ".ledger-map.yaml")) return LibraryFile::LedgerMap;
  if (old_layout) {
    std::string folder = p.parent_path().filename().string();
    if (folder == "policies") return LibraryFile::Policy;
    if (folder == "failure-modes") return LibraryFile::FailureMode;
    if (folder == "ledger-map") return LibraryFile::LedgerMap;
    return LibraryFile::Other;
  }
  return LibraryFile::Rule;
}

namespace {

/// The stem a template beside its rule shares with the rule ("x" of "x.policy.yaml"), or empty.
std::string beside_stem(const std::string& name, const char* suffix) {
  return ends_with(name, suffix) ? name.substr(0, name.size() - std::strlen(suffix)) : std::string();
}

/// One pass over the library's files: each read once, digested by kind and id, loaded.
class Loader {
 public:
  Loader(Library& lib, Diagnostics& diags, bool lazy = false)
      : lib_(lib), diags_(diags), lazy_(lazy), serial_(lib.last_serial) {}
  ~Loader() { lib_.last_serial = serial_; }

  /// `in_catalogs`: a file of the root's catalogs/, where nothing is a rule.
  void file(const fs::path& f, bool old_layout, bool in_catalogs = false) {
    std::string path = f.string(), name = f.filename().string();
    LibraryFile kind = classify_library_file(path, old_layout);
    if (kind == LibraryFile::Other && !in_catalogs) kind = LibraryFile::Rule;
    if (kind == LibraryFile::Fixture) {
      lib_.fixtures.push_back(path);
      return;
    }
    if (kind == LibraryFile::FixtureBase) {
      std::string base = beside_stem(name, ".fixture-base.yaml");
      auto [it, fresh] = lib_.fixture_bases.emplace(base, path);
      if (!fresh)
        diags_.error(Loc{std::make_shared<const std::string>(path), 0, 0},
                     fmt::format("fixture base '{}' is also defined in {}", base, it->second));
      return;
    }
    if (kind == LibraryFile::Other) {
      diags_.warning(Loc{std::make_shared<const std::string>(path), 0, 0},
                     "file in catalogs/ outside policies/, failure-modes/ and ledger-map/ ignored");
      return;
    }
    auto text = read_file(path, diags_);
    if (!text) return;
    if (lazy_ && kind != LibraryFile::Rule) {
      postpone(kind, path, name, std::move(*text));
      return;
    }
    parse(kind, path, name, *text);
  }

  /// Parses one template or rule file's text into the library.
  void parse(LibraryFile kind, const std::string& path, const std::string& name, const std::string& text_) {
    const std::string* text = &text_;
    fs::path f(path);
    switch (kind) {
      case LibraryFile::Rule: {
        digest("rule", f.stem().string(), *text);
        if (auto rule = load_rule_text(path, *text, f.parent_path().filename().string(), diags_, serial_))
          lib_.rules.push_back(std::move(*rule));
        break;
      }
      case LibraryFile::Policy:
        if (auto t = load_policy_template_text(path, *text, diags_, serial_)) add("policy", name, ".policy.yaml", *text, lib_.policies, std::move(*t));
        break;
      case LibraryFile::FailureMode:
        if (auto t = load_failure_mode_template_text(path, *text, diags_))
          add("failure-mode", name, ".failure-mode.yaml", *text, lib_.failure_modes, std::move(*t));
        break;
      case LibraryFile::LedgerMap:
        if (auto t = load_ledger_row_template_text(path, *text, diags_))
          add("ledger-map", name, ".ledger-map.yaml", *text, lib_.ledger_rows, std::move(*t));
        break;
      default: break;
    }
  }

  /// Indexes a template by the id its rule names (beside a rule) or its file name (older
  /// layout), digested as if loaded. Parsed by load_templates_for when a rule that fired needs it.
  void postpone(LibraryFile kind, const std::string& path, const std::string& name, std::string text) {
    const char* k = kind == LibraryFile::Policy ? "policy" : kind == LibraryFile::FailureMode ? "failure-mode" : "ledger-map";
    std::string rule = beside_stem(name, suffix(kind));
    later_.push_back(PendingTemplate{k, path, std::move(text), rule});
  }

  /// Files the postponed templates under their ids once every rule is known.
  void index_postponed() {
    std::map<std::string, const Rule*> by_id;
    for (const auto& r : lib_.rules) by_id[r.id] = &r;
    for (auto& p : later_) {
      std::string id = fs::path(p.path).filename().string();
      id = id.substr(0, id.size() - 5);
      if (!p.rule.empty()) {
        auto it = by_id.find(p.rule);
        const Rule* r = it == by_id.end() ? nullptr : it->second;
        id = !r ? std::string() : p.kind == "policy" ? r->policy : p.kind == "failure-mode" ? r->failure_mode : r->ledger_row;
        if (id.empty()) {  // beside no rule that emits it: parse it now, so that the check reports it
          parse(p.kind == "policy" ? LibraryFile::Policy : p.kind == "failure-mode" ? LibraryFile::FailureMode
                                                                                      : LibraryFile::LedgerMap,
                p.path, fs::path(p.path).filename().string(), p.text);
          continue;
        }
      }
      std::string text = p.text;
      digest(p.kind, id, text);
      lib_.pending.emplace(p.kind + ':' + id, std::move(p));
    }
    later_.clear();
  }

  static const char* suffix(LibraryFile kind) {
    return kind == LibraryFile::Policy ? ".policy.yaml" : kind == LibraryFile::FailureMode ? ".failure-mode.yaml" : ".ledger-map.yaml";
  }

  void digest(const std::string& kind, const std::string& id, const std::string& text) {
    parts_.emplace_back(kind + ':' + id, text);
  }

  std::string digest_hex() {
    std::sort(parts_.begin(), parts_.end());
    std::string input;
    for (const auto& [key, text] : parts_) input += key + '\0' + text + '\0';
    return sha256_hex(input);
  }

 private:
  template <class T>
  void add(const char* kind, const std::string& name, const char* suffix, const std::string& text,
           std::map<std::string, T>& into, T t) {
    std::string rule = beside_stem(name, suffix);
    if (!rule.empty()) lib_.beside.push_back(BesideTemplate{kind, t.id, rule, t.loc});
    if (!lazy_) digest(kind, t.id, text);
    if (into.count(t.id)) diags_.error(t.loc, fmt::format("duplicate {} template id '{}'", kind, t.id));
    std::string id = t.id;
    into.emplace(id, std::move(t));
  }

  Library& lib_;
  Diagnostics& diags_;
  bool lazy_;
  std::vector<PendingTemplate> later_;
  int serial_;
  std::vector<std::pair<std::string, std::string>> parts_;
};

/// Match evaluates every condition: a policy template's `uncertain_when` travels with its rule.
void hand_conditions_to_match(Library& lib) {
  for (auto& r : lib.rules) {
    auto it = lib.policies.find(r.policy);
    if (it == lib.policies.end()) continue;
    r.uncertain_when = it->second.uncertain_when;
    r.may_be_uncertain = it->second.has_uncertain;
  }
}

}  // namespace

std::optional<Library> load_library(const std::string& root, const std::vector<std::string>& extra_rule_dirs,
                                    Diagnostics& diags, LibraryScope scope) {
  Library lib;
  lib.root = root;
  fs::path r(root);
  if (!is_root(r)) {
    diags.error(Loc{std::make_shared<const std::string>(root), 0, 0},
                "rule library not found: expected rules/ and catalogs/ here (use --library DIR or POLICYFORGE_LIBRARY)");
    return std::nullopt;
  }
  Loader loader(lib, diags, scope == LibraryScope::Generate);
  for (const auto& f : yaml_files(r / "catalogs")) {
    std::string name = f.filename().string();
    if (name == "format.yaml" || name == "glossary.yaml") {
      auto text = read_file(f.string(), diags);
      if (!text) continue;
      loader.digest(name, "", *text);
      if (name == "format.yaml") {
        if (auto ft = load_format_text_text(f.string(), *text, diags)) lib.format = std::move(*ft);
      } else if (auto g = load_glossary(f.string(), diags)) {
        lib.glossary = std::move(*g);
      }
      continue;
    }
    loader.file(f, true, true);
  }
  std::vector<fs::path> rule_roots = {r / "rules"};
  for (const auto& d : extra_rule_dirs) rule_roots.emplace_back(d);
  for (const auto& dir : rule_roots) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      diags.error(Loc{std::make_shared<const std::string>(dir.string()), 0, 0}, "rule folder not found");
      continue;
    }
    lib.rule_dirs.push_back(dir.string());
    for (const auto& f : yaml_files(dir)) {
      // An extra folder may keep the older layout: <kind>/ or catalogs/<kind>/ beside its rules.
      fs::path up = f.parent_path().parent_path();
      bool old_layout = dir != r / "rules" && (up == dir || up.filename() == "catalogs");
      loader.file(f, old_layout);
    }
  }
  std::sort(lib.rules.begin(), lib.rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  loader.index_postponed();
  lib.digest = loader.digest_hex();
  cross_check(lib, diags);
  if (diags.has_errors()) return std::nullopt;
  // Unit nouns reach the renderer with the catalog's other fixed words.
  for (const auto& [unit, noun] : lib.glossary.units) lib.format.texts["unit:" + unit] = noun;
  hand_conditions_to_match(lib);
  return lib;
}

bool load_templates_for(Library& lib, const std::vector<const Rule*>& rules, Diagnostics& diags) {
  int errors = diags.error_count();
  {
    Loader loader(lib, diags);
    for (const Rule* r : rules) {
      for (const auto& [kind, id, type] : {std::tuple{"policy", r->policy, LibraryFile::Policy},
                                           std::tuple{"failure-mode", r->failure_mode, LibraryFile::FailureMode},
                                           std::tuple{"ledger-map", r->ledger_row, LibraryFile::LedgerMap}}) {
        auto it = id.empty() ? lib.pending.end() : lib.pending.find(std::string(kind) + ':' + id);
        if (it == lib.pending.end()) continue;
        PendingTemplate p = std::move(it->second);
        lib.pending.erase(it);
        loader.parse(type, p.path, fs::path(p.path).filename().string(), p.text);
        bool found = type == LibraryFile::Policy        ? lib.policies.count(id) > 0
                     : type == LibraryFile::FailureMode ? lib.failure_modes.count(id) > 0
                                                        : lib.ledger_rows.count(id) > 0;
        if (!found && diags.error_count() == errors)
          diags.error(r->loc, fmt::format("rule '{}' emits {} template '{}', which {} does not define", r->id, kind, id,
                                          p.path));
      }
    }
  }
  for (const Rule* r : rules) check_rule_templates(lib, *r, diags);
  hand_conditions_to_match(lib);
  return diags.error_count() == errors;
}

}  // namespace pf
