#pragma once
// Where the rule library is. The binary never falls back to a path compiled into it.
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace pf {

/// The library root: --library, then $POLICYFORGE_LIBRARY, then beside the binary
/// (share/policyforge, ../share/policyforge), then the folder named by the build tree's marker
/// file next to the binary (policyforge-library.path, written by CMake). Empty, with an error
/// saying where it looked and how to point at one, when there is none.
std::string find_library_root(const std::string& explicit_root, const std::string& argv0, Diagnostics& diags);

/// The compiled library caches (library/cache.h) to try for the library at `root`, in order:
/// ROOT/library.cache (an installation's, share/policyforge/library.cache), then
/// policyforge-library.cache beside the binary (the build tree's, written by CMake). None when
/// $POLICYFORGE_LIBRARY_CACHE is "off". A cache is used only when it was compiled from exactly
/// the library's current files, so trying one that belongs elsewhere is harmless.
std::vector<std::string> library_cache_files(const std::string& root, const std::string& argv0);

/// The file name of the build tree's cache beside the binary, and of an installation's in ROOT.
constexpr const char* kBuildCacheName = "policyforge-library.cache";
constexpr const char* kLibraryCacheName = "library.cache";

}  // namespace pf
