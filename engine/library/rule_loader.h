#pragma once
// Reads rule files (docs/rule-language.md) into Rules: the library stage's YAML side.
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "diag/diagnostics.h"
#include "match/rule.h"
#include "util/yaml_reader.h"

namespace pf {

/// Loads one rule from its file's text; `area` is its folder name. Problems go to diags.
std::optional<Rule> load_rule_text(const std::string& path, const std::string& text, const std::string& area,
                                   Diagnostics& diags, int& serial);

/// Parses a list of conditions (shared by rules' where/when and templates' uncertain_when).
std::vector<Condition> parse_conditions(YamlCtx& ctx, const YAML::Node& list, const std::string& what, int& serial);

}  // namespace pf
