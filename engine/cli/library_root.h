#pragma once
// Where the rule library is. The binary never falls back to a path compiled into it.
#include <string>

#include "diag/diagnostics.h"

namespace pf {

/// The library root: --library, then $POLICYFORGE_LIBRARY, then beside the binary
/// (share/policyforge, ../share/policyforge), then the folder named by the build tree's marker
/// file next to the binary (policyforge-library.path, written by CMake). Empty, with an error
/// saying where it looked and how to point at one, when there is none.
std::string find_library_root(const std::string& explicit_root, const std::string& argv0, Diagnostics& diags);

}  // namespace pf
