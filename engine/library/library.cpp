#include "library/library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <fmt/format.h>

#include "library/cache.h"
#include "library/check.h"
#include "library/glossary_loader.h"
#include "library/rule_loader.h"
#include "library/template_loader.h"
#include "util/sha256.h"
#include "util/yaml_reader.h"


namespace fs = std::filesystem;

#ifndef POLICYFORGE_LOADER_ID
#define POLICYFORGE_LOADER_ID "unknown"
#endif
#ifndef POLICYFORGE_VERSION
#define POLICYFORGE_VERSION "0.0.0"
#endif

namespace pf {

namespace {

/// The digest of the loader's sources this engine was built from (CMakeLists.txt).
constexpr const char* kLoaderId = POLICYFORGE_LOADER_ID;

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

  /// A rule or template file of the library (listed and read by load_library), loaded now or,
  /// lazily, indexed for later.
  void file(const std::string& path, LibraryFile kind, std::string text) {
    std::string name = fs::path(path).filename().string();
    if (lazy_ && kind != LibraryFile::Rule) {
      postpone(kind, path, name, std::move(text));
      return;
    }
    parse(kind, path, name, text);
  }

  /// A template from the library cache: decoded, given serials as if parsed now, and added as
  /// parse() would add it; false (nothing added) when it cannot be decoded.
  bool adopt(LibraryFile kind, const PendingTemplate& p) {
    const CompiledTemplate& c = *p.compiled;
    if (!c.data || !c.files || c.offset > c.data->size || c.size > c.data->size - c.offset) return false;
    cache::Reader rd(c.data->view().substr(c.offset, c.size), *c.files);
    std::string name = fs::path(p.path).filename().string();
    auto done = [&] { return rd.ok() && rd.at_end(); };
    switch (kind) {
      case LibraryFile::Policy: {
        PolicyTemplate t = rd.policy();
        if (!done()) return false;
        cache::renumber(t.uncertain_when, serial_);
        add("policy", name, ".policy.yaml", p.text, lib_.policies, std::move(t));
        return true;
      }
      case LibraryFile::FailureMode: {
        FailureModeTemplate t = rd.failure_mode();
        if (!done()) return false;
        add("failure-mode", name, ".failure-mode.yaml", p.text, lib_.failure_modes, std::move(t));
        return true;
      }
      case LibraryFile::LedgerMap: {
        LedgerRowTemplate t = rd.ledger_row();
        if (!done()) return false;
        add("ledger-map", name, ".ledger-map.yaml", p.text, lib_.ledger_rows, std::move(t));
        return true;
      }
      default: return false;
    }
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
    later_.push_back(PendingTemplate{k, path, std::move(text), rule, nullptr});
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

namespace {

/// A file of the library as listed, before it is read.
struct Listed {
  std::string path;
  LibraryFile kind = LibraryFile::Rule;
  bool special = false;  ///< catalogs/format.yaml or catalogs/glossary.yaml
};

/// Lists root/catalogs, root/rules and the extra rule folders in the order they are loaded;
/// fixtures, fixture bases and stray catalog files are handled here (never read). What is
/// left is what generation reads.
std::vector<Listed> list_library(Library& lib, const fs::path& r, const std::vector<std::string>& extra_rule_dirs,
                                 Diagnostics& diags) {
  std::vector<Listed> out;
  auto take = [&](const fs::path& f, bool old_layout, bool in_catalogs) {
    std::string path = f.string(), name = f.filename().string();
    LibraryFile kind = classify_library_file(path, old_layout);
    if (kind == LibraryFile::Other && !in_catalogs) kind = LibraryFile::Rule;
    if (kind == LibraryFile::Fixture) {
      lib.fixtures.push_back(path);
    } else if (kind == LibraryFile::FixtureBase) {
      std::string base = beside_stem(name, ".fixture-base.yaml");
      auto [it, fresh] = lib.fixture_bases.emplace(base, path);
      if (!fresh)
        diags.error(Loc{std::make_shared<const std::string>(path), 0, 0},
                    fmt::format("fixture base '{}' is also defined in {}", base, it->second));
    } else if (kind == LibraryFile::Other) {
      diags.warning(Loc{std::make_shared<const std::string>(path), 0, 0},
                    "file in catalogs/ outside policies/, failure-modes/ and ledger-map/ ignored");
    } else {
      out.push_back(Listed{path, kind, false});
    }
  };
  for (const auto& f : yaml_files(r / "catalogs")) {
    std::string name = f.filename().string();
    if (name == "format.yaml" || name == "glossary.yaml") out.push_back(Listed{f.string(), LibraryFile::Other, true});
    else take(f, true, true);
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
      take(f, old_layout, false);
    }
  }
  return out;
}

/// Reads every listed file once; a file that cannot be read is reported and stays nullopt.
std::vector<std::optional<std::string>> read_listed(const std::vector<Listed>& files, Diagnostics& diags) {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(files.size());
  for (const auto& f : files) texts.push_back(read_file(f.path, diags));
  return texts;
}

/// The cache key: the engine, the cache format, and every file read (its path relative to the
/// library and its bytes), in the order read.
std::string cache_key(const fs::path& r, const std::vector<Listed>& files,
                      const std::vector<std::optional<std::string>>& texts) {
  // Hashed file by file: no copy of the library's 1.2 MB in one string.
  cache::KeyHasher h;
  h.add(fmt::format("policyforge {}\n{}\n{}\n", POLICYFORGE_VERSION, kLibraryCacheFormat, kLoaderId));
  std::string root = r.string();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string& p = files[i].path;
    std::string_view rel = p.compare(0, root.size(), root) == 0 ? std::string_view(p).substr(root.size()) : p;
    h.add(fmt::format("{}\n{}\n", rel, texts[i] ? texts[i]->size() : 0));
    if (texts[i]) h.add(*texts[i]);
  }
  return h.hex();
}

/// Loads the listed files by parsing them (the library as without a cache), up to the cross-check.
void parse_library(Library& lib, Loader& loader, const std::vector<Listed>& files,
                   std::vector<std::optional<std::string>>& texts, Diagnostics& diags) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!texts[i]) continue;
    const Listed& f = files[i];
    if (f.special) {
      std::string name = fs::path(f.path).filename().string();
      loader.digest(name, "", *texts[i]);
      if (name == "format.yaml") {
        if (auto ft = load_format_text_text(f.path, *texts[i], diags)) lib.format = std::move(*ft);
      } else if (auto g = load_glossary(f.path, diags)) {
        lib.glossary = std::move(*g);
      }
      continue;
    }
    loader.file(f.path, f.kind, std::move(*texts[i]));
  }
  std::sort(lib.rules.begin(), lib.rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  loader.index_postponed();
  lib.digest = loader.digest_hex();
  cross_check(lib, diags);
}

/// Generation writes the glossary's unit nouns and never checks texts against its variants and
/// code patterns (`rules lint` does): those are dropped, so that a cached library need not
/// compile their regular expressions (a sixth of a cached run) and both loads are the same.
void drop_lint_only(Library& lib) {
  lib.glossary.avoid.clear();
  lib.glossary.code.clear();
}

/// What follows loading, with or without a cache.
void finish_library(Library& lib) {
  // Unit nouns reach the renderer with the catalog's other fixed words.
  for (const auto& [unit, noun] : lib.glossary.units) lib.format.texts["unit:" + unit] = noun;
  hand_conditions_to_match(lib);
}

/// The library from a compiled cache whose key matched: rules, format, glossary and the
/// templates indexed (decoded later) as parsing would leave them. False when the payload does
/// not decode (lib is then left for parsing).
bool load_from_cache(Library& lib, const std::shared_ptr<const CacheBytes>& data, std::string_view payload,
                     const std::vector<Listed>& files, std::vector<std::optional<std::string>>& texts,
                     Diagnostics& diags) {
  auto paths = std::make_shared<std::vector<std::shared_ptr<const std::string>>>();
  for (const auto& f : files) paths->push_back(std::make_shared<const std::string>(f.path));
  cache::Reader rd(payload, *paths);
  if (rd.u32() != files.size()) return false;
  Library got;
  got.digest = rd.str();
  got.last_serial = rd.i32();
  got.format = rd.format();
  got.glossary = rd.glossary();
  std::uint32_t n = rd.count(64);
  for (std::uint32_t i = 0; i < n && rd.ok(); ++i) got.rules.push_back(rd.rule());
  n = rd.count(16);
  std::vector<std::size_t> rule_files;
  for (std::uint32_t i = 0; i < n && rd.ok(); ++i) {
    std::string key = rd.str();
    std::uint32_t file = rd.u32();
    PendingTemplate p;
    p.kind = rd.str();
    p.rule = rd.str();
    bool compiled = rd.boolean();
    std::uint32_t size = compiled ? rd.count(1) : 0;
    std::size_t offset = rd.offset();
    if (compiled && rd.ok()) {
      auto c = std::make_shared<CompiledTemplate>();
      c->data = data;
      c->offset = static_cast<std::size_t>(payload.data() - data->bytes.get()) + offset;
      c->size = size;
      c->files = paths;
      p.compiled = std::move(c);
      rd.skip(size);
    }
    if (!rd.ok() || file >= files.size() || files[file].special || files[file].kind == LibraryFile::Rule ||
        !texts[file])
      return false;
    p.path = files[file].path;
    p.text = *texts[file];  // kept for the diagnostics' source lines when it is loaded
    got.pending.emplace(std::move(key), std::move(p));
  }
  if (!rd.ok() || !rd.at_end()) return false;
  lib.digest = std::move(got.digest);
  lib.last_serial = got.last_serial;
  lib.format = std::move(got.format);
  lib.glossary = std::move(got.glossary);
  lib.rules = std::move(got.rules);
  lib.pending = std::move(got.pending);
  // Messages about these files show their lines, as after parsing them.
  for (std::size_t i = 0; i < files.size(); ++i)
    if (texts[i] && (files[i].special || files[i].kind == LibraryFile::Rule))
      diags.add_source(files[i].path, std::move(*texts[i]));
  return true;
}

/// Whether `r` is a library root; an error naming it when not.
bool root_or_error(const fs::path& r, const std::string& root, Diagnostics& diags) {
  if (is_root(r)) return true;
  diags.error(Loc{std::make_shared<const std::string>(root), 0, 0},
              "rule library not found: expected rules/ and catalogs/ here (use --library DIR or POLICYFORGE_LIBRARY)");
  return false;
}

}  // namespace

std::optional<Library> load_library(const std::string& root, const std::vector<std::string>& extra_rule_dirs,
                                    Diagnostics& diags, LibraryScope scope, LibraryCacheUse* cache) {
  Library lib;
  lib.root = root;
  fs::path r(root);
  if (!root_or_error(r, root, diags)) return std::nullopt;
  std::size_t before = diags.all().size();
  std::vector<Listed> files = list_library(lib, r, extra_rule_dirs, diags);
  auto texts = read_listed(files, diags);
  if (cache) {
    std::string& why = cache->status;
    if (scope != LibraryScope::Generate) why = "not used: only generate uses it";
    else if (!extra_rule_dirs.empty()) why = "not used: extra rule folders (--rules)";
    else if (diags.all().size() != before) why = "not used: listing the library reported problems";
    else if (cache->files.empty()) why = "not used: no cache file to try";
    else {
      std::string key = cache_key(r, files, texts);
      why.clear();
      for (const auto& file : cache->files) {
        std::string reason;
        auto shared = read_cache_file(file);
        if (!shared) {
          reason = "absent or unreadable";
        } else {
          if (auto payload = cache::unframe(shared->view(), key, reason)) {
            if (load_from_cache(lib, shared, *payload, files, texts, diags)) {
              finish_library(lib);
              cache->status = "hit " + file;
              return lib;
            }
            reason = "does not decode";
          }
        }
        why += fmt::format("{}{}: {}", why.empty() ? "miss: " : "; ", file, reason);
      }
    }
  }
  {
    // The loader hands the last serial back when it ends: before the library is returned.
    Loader loader(lib, diags, scope == LibraryScope::Generate);
    parse_library(lib, loader, files, texts, diags);
  }
  if (diags.has_errors()) return std::nullopt;
  if (scope == LibraryScope::Generate) drop_lint_only(lib);
  finish_library(lib);
  return lib;
}

std::optional<std::string> compile_library_cache(const std::string& root, Diagnostics& diags) {
  Library lib;
  lib.root = root;
  fs::path r(root);
  if (!root_or_error(r, root, diags)) return std::nullopt;
  std::size_t before = diags.all().size();
  std::vector<Listed> files = list_library(lib, r, {}, diags);
  auto texts = read_listed(files, diags);
  std::string key = cache_key(r, files, texts);
  {
    Loader loader(lib, diags, true);
    parse_library(lib, loader, files, texts, diags);
  }
  if (diags.all().size() != before) return std::nullopt;
  drop_lint_only(lib);
  auto fail = [&](const std::string& what) {
    diags.error(Loc{std::make_shared<const std::string>(root), 0, 0}, "cannot compile the library cache: " + what);
    return std::nullopt;
  };
  if (!lib.beside.empty() || !lib.policies.empty() || !lib.failure_modes.empty() || !lib.ledger_rows.empty())
    return fail("templates were loaded before their rules fired");
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  cache::Writer w(paths);
  w.u32(static_cast<std::uint32_t>(files.size()));
  w.str(lib.digest);
  w.i32(lib.last_serial);
  w.format(lib.format);
  w.glossary(lib.glossary);
  w.u32(static_cast<std::uint32_t>(lib.rules.size()));
  for (const auto& rule : lib.rules) w.rule(rule);
  w.u32(static_cast<std::uint32_t>(lib.pending.size()));
  for (const auto& [key_, p] : lib.pending) {
    w.str(key_);
    auto at = std::find(paths.begin(), paths.end(), p.path);
    if (at == paths.end()) return fail("a template outside the files read: " + p.path);
    w.u32(static_cast<std::uint32_t>(at - paths.begin()));
    w.str(p.kind);
    w.str(p.rule);
    // Parsed alone (serials from 0: they are given anew when it is loaded); a template with
    // anything to report is left to be parsed when its rule fires, so that it reports it then.
    Diagnostics scratch;
    int serial = 0;
    cache::Writer t(paths);
    if (p.kind == "policy") {
      if (auto x = load_policy_template_text(p.path, p.text, scratch, serial)) t.policy(*x);
    } else if (p.kind == "failure-mode") {
      if (auto x = load_failure_mode_template_text(p.path, p.text, scratch)) t.failure_mode(*x);
    } else if (auto x = load_ledger_row_template_text(p.path, p.text, scratch)) {
      t.ledger_row(*x);
    }
    bool compiled = scratch.all().empty() && t.ok() && !t.out().empty();
    w.boolean(compiled);
    if (compiled) w.str(t.out());
  }
  if (!w.ok()) return fail("a location outside the files read");
  return cache::frame(key, w.out());
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
        if (p.compiled && loader.adopt(type, p)) diags.add_source(p.path, std::move(p.text));
        else loader.parse(type, p.path, fs::path(p.path).filename().string(), p.text);
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
