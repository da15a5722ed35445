#pragma once
// Rule fixtures (rules/<area>/<rule-id>.test.yaml): models where a rule must fire, and near
// misses where it must stay silent.
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "library/library.h"

namespace pf {

struct FixtureOutcome {
  std::string file, rule, name, expect;
  bool passed = false;
  std::string detail;  ///< why it failed
};

/// Runs every fixture of the library (or those of `only_rule`); problems in fixture files
/// themselves go to diags.
std::vector<FixtureOutcome> run_fixtures(const Library& lib, const std::string& only_rule, Diagnostics& diags);

/// Per rule id, its fixture cases: (expect, name) in file order (for the rule reference).
std::map<std::string, std::vector<std::pair<std::string, std::string>>> fixture_cases(const Library& lib,
                                                                                     Diagnostics& diags);

/// Per rule id, how many fire and quiet cases its fixtures hold (for `rules lint`).
std::map<std::string, std::pair<int, int>> fixture_counts(const Library& lib, Diagnostics& diags);

}  // namespace pf
