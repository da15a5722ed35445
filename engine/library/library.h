#pragma once
// The library stage: the rules and templates found on disk, loaded and cross-checked in one
// pass, and digested. Nothing here exposes YAML.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "match/rule.h"
#include "synth/glossary.h"
#include "synth/templates.h"

namespace pf {

/// A template that lives beside its rule (rules/<area>/<rule-id>.policy.yaml and the like).
struct BesideTemplate {
  std::string kind, id, rule;  ///< "policy", "failure-mode" or "ledger-map"; template id; rule id
  Loc loc;
};

/// A template file read (and digested) but not parsed yet: generate parses only the templates
/// of the rules that fired (load_templates_for).
struct CompiledTemplate;  // library/cache.h
struct LibraryCacheUse;   // library/cache.h
struct PendingTemplate {
  std::string kind, path, text;  ///< kind: "policy", "failure-mode" or "ledger-map"
  std::string rule;              ///< beside a rule: its id (the file's stem); else empty
  /// From the library cache: the template already parsed (decoded when its rule fires;
  /// parsed from `text` as without a cache if it cannot be decoded).
  std::shared_ptr<const CompiledTemplate> compiled;
};

struct Library {
  std::vector<Rule> rules;  ///< sorted by id
  std::map<std::string, PolicyTemplate> policies;
  std::map<std::string, FailureModeTemplate> failure_modes;
  std::map<std::string, LedgerRowTemplate> ledger_rows;
  std::vector<BesideTemplate> beside;
  std::map<std::string, PendingTemplate> pending;  ///< by "kind:template-id"
  FormatText format;
  Glossary glossary;  ///< catalogs/glossary.yaml (checked by rules lint; generate keeps the units only)
  std::vector<std::string> rule_dirs;    ///< where rules came from
  std::vector<std::string> fixtures;     ///< *.test.yaml files found beside rules (never read here)
  /// Models that fixtures start from by name (`from: NAME`): NAME.fixture-base.yaml, by NAME.
  std::map<std::string, std::string> fixture_bases;
  /// SHA-256 over what generation reads (rules, templates, format, glossary; not fixtures),
  /// keyed by kind and id rather than by path, so moving a file does not change it.
  std::string digest;
  std::string root;
  int last_serial = 0;  ///< the last serial given to a condition (templates loaded later go on from it)
};

/// What a file of the library is, from its name and place alone (docs/architecture.md):
/// `*.test.yaml` fixtures; `*.fixture-base.yaml` models fixtures share; `*.policy.yaml`, `*.failure-mode.yaml`, `*.ledger-map.yaml`
/// templates beside their rule; in the older layout (`old_layout`: a file of catalogs/, or of
/// <kind>/ or catalogs/<kind>/ in an extra rule folder) templates in folders policies/,
/// failure-modes/ and ledger-map/; any other `*.yaml` of a rule folder is a rule.
enum class LibraryFile { Rule, Fixture, FixtureBase, Policy, FailureMode, LedgerMap, Other };
LibraryFile classify_library_file(const std::string& path, bool old_layout);

/// Everything (rules lint, test, list), or what generation needs: the rules, with templates
/// only indexed until the rules that fired ask for them.
enum class LibraryScope { Everything, Generate };

/// Loads root/rules, root/catalogs and any extra rule folders, and checks every
/// cross-reference. Each file is read once; fixtures and fixture bases are only listed, never read.
/// With `cache` (generate's scope, no extra rule folders), a compiled library cache among
/// `cache->files` whose key matches the files read replaces parsing them (library/cache.h);
/// `cache->status` says which was used or why none.
std::optional<Library> load_library(const std::string& root, const std::vector<std::string>& extra_rule_dirs,
                                    Diagnostics& diags, LibraryScope scope = LibraryScope::Everything,
                                    LibraryCacheUse* cache = nullptr);

/// The compiled library cache of the library at `root` (what generate loads, every template
/// parsed), or nullopt with the diagnostics that keep the library from being compiled (any,
/// warnings included: a cached load reports nothing).
std::optional<std::string> compile_library_cache(const std::string& root, Diagnostics& diags);

/// Parses and checks the pending templates that `rules` emit; false on errors.
bool load_templates_for(Library& lib, const std::vector<const Rule*>& rules, Diagnostics& diags);

}  // namespace pf
