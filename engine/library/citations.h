#pragma once
// Citations: every `references:` entry of a rule or template names a fact written down in the
// library's docs/references.md, as `docs/references.md#<anchor>` where `### <anchor>` is a
// heading of that file. `rules lint` reports each citation that does not resolve.
#include <optional>
#include <set>
#include <string>

#include "diag/diagnostics.h"

namespace pf {

struct Library;

/// The anchors (`### name` headings) of a references file; nullopt when it cannot be read.
std::optional<std::set<std::string>> reference_anchors(const std::string& path);

/// One error per citation in the library's rule and template files that is not of the form
/// docs/references.md#anchor or whose anchor is not a heading of root/docs/references.md.
void check_citations(const Library& lib, Diagnostics& diags);

}  // namespace pf
