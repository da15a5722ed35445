#pragma once
// The rule and template library: found on disk, loaded, cross-checked, digested.
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "match/rule.h"
#include "synth/glossary.h"
#include "synth/templates.h"

namespace pf {

struct Library {
  std::vector<Rule> rules;  ///< sorted by id
  std::map<std::string, PolicyTemplate> policies;
  std::map<std::string, FailureModeTemplate> failure_modes;
  std::map<std::string, LedgerRowTemplate> ledger_rows;
  FormatText format;
  Glossary glossary;  ///< catalogs/glossary.yaml (checked by rules lint)
  std::vector<std::string> rule_dirs;    ///< where rules came from
  std::vector<std::string> fixtures;     ///< *.test.yaml files found beside rules
  std::string digest;                    ///< SHA-256 over every file, by relative path
  std::string root;
};

/// Loads root/rules, root/catalogs and any extra rule folders (rules and, in folders named
/// policies/, failure-modes/ or ledger-map/, templates). Checks every cross-reference.
std::optional<Library> load_library(const std::string& root, const std::vector<std::string>& extra_rule_dirs,
                                    Diagnostics& diags);

/// The binding names a rule offers its templates, with their types.
std::map<std::string, struct AttrType> rule_bindings(const Rule& r);

}  // namespace pf
