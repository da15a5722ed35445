#pragma once
// The rule reference (docs/rules.md), generated from the rules' own metadata.
#include <string>

#include "library/library.h"

namespace pf {
/// One section per area, one row per rule: what it matches, severity, surfaces, what it emits.
std::string rules_reference_markdown(const Library& lib);
}  // namespace pf
