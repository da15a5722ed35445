#pragma once
// The rule reference (docs/rules.md), generated from the rules' own metadata.
#include <map>
#include <string>
#include <vector>

#include "library/library.h"

namespace pf {
/// A rule's fixture cases by name: models where it fires, and near misses where it stays quiet.
struct RuleExamples {
  std::vector<std::string> fires, quiet;
};

/// One section per area, one row per rule (what it matches, severity, surfaces, what it
/// emits), then each rule's metadata: intent, detection logic (its conditions as written),
/// the fixtures it fires on, the near misses (false positives it must not raise), references.
std::string rules_reference_markdown(const Library& lib, const std::map<std::string, RuleExamples>& examples = {});
}  // namespace pf
