#pragma once
// The library's cross-checks: every rule's paths, bindings and placeholders against the
// vocabulary, every template a rule emits present, and templates beside a rule used by it.
#include <map>
#include <string>

#include "diag/diagnostics.h"
#include "library/library.h"

namespace pf {

struct AttrType;

/// The binding names a rule offers its templates, with their types.
std::map<std::string, AttrType> rule_bindings(const Rule& r);

/// The checks of the templates a rule emits: present, and their placeholders bound.
void check_rule_templates(const Library& lib, const Rule& r, Diagnostics& diags);

/// Reports every broken cross-reference of a loaded library.
void cross_check(const Library& lib, Diagnostics& diags);

}  // namespace pf
