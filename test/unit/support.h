#pragma once
// Helpers for unit tests: small models built in memory, run through the real stages.
#include <map>
#include <memory>
#include <string>

#include "cli/pipeline.h"
#include "diag/diagnostics.h"

namespace pf::test {

/// Runs stages 1-4 on YAML text (no rules); REQUIREs that the model is valid.
Analysis facts_of(const std::string& yaml);
/// Runs stages 1-3 and returns the diagnostics, formatted, for a model that should be refused.
std::string errors_of(const std::string& yaml, const std::string& name = "m.yaml");
/// The element of a kind by key; REQUIREs that it exists.
const Element& element(const Analysis& a, Kind k, const std::string& key);
/// The words of catalogs/format.yaml in one language, as a catalog carries them.
std::map<std::string, std::string> format_words(const std::string& lang);
/// The repository root (for samples/, rules/, docs/, schemas/).
std::string repo_root();

}  // namespace pf::test
