#include "cli/library_root.h"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <vector>

namespace fs = std::filesystem;

namespace pf {

namespace {

/// The file CMake writes next to the binary in a build tree, naming the source tree's library.
constexpr const char* kMarker = "policyforge-library.path";

bool is_library(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p / "rules", ec) && fs::is_directory(p / "catalogs", ec);
}

fs::path exe_dir(const std::string& argv0) {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec || self.empty()) self = fs::absolute(argv0, ec);
  return self.parent_path();
}

std::string marker_target(const fs::path& marker) {
  std::ifstream in(marker);
  std::string line;
  if (!in || !std::getline(in, line)) return {};
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return line;
}

constexpr const char* kHow = "point at a library with --library DIR or the environment variable "
                             "POLICYFORGE_LIBRARY=DIR (a folder holding rules/ and catalogs/; "
                             "installed, it is PREFIX/share/policyforge)";

}  // namespace

std::string find_library_root(const std::string& explicit_root, const std::string& argv0, Diagnostics& diags) {
  auto here = [](const std::string& what) { return Loc{std::make_shared<const std::string>(what), 0, 0}; };
  if (!explicit_root.empty()) {
    if (is_library(explicit_root)) return explicit_root;
    diags.error(here(explicit_root), "--library: not a rule library (no rules/ and catalogs/ in it)", kHow);
    return {};
  }
  if (const char* env = std::getenv("POLICYFORGE_LIBRARY"); env && *env) {
    if (is_library(env)) return env;
    diags.error(here(env), "POLICYFORGE_LIBRARY: not a rule library (no rules/ and catalogs/ in it)", kHow);
    return {};
  }
  fs::path dir = exe_dir(argv0);
  std::vector<fs::path> tried = {dir / "share" / "policyforge", dir / ".." / "share" / "policyforge"};
  for (const auto& c : tried)
    if (is_library(c)) return fs::weakly_canonical(c).string();
  fs::path marker = dir / kMarker;
  std::error_code ec;
  if (fs::exists(marker, ec)) {
    std::string target = marker_target(marker);
    if (!target.empty() && is_library(target)) return target;
    tried.push_back(target.empty() ? marker : fs::path(target));
  }
  std::string list;
  for (const auto& t : tried) list += (list.empty() ? "" : ", ") + fs::path(t).lexically_normal().string();
  diags.error(here("policyforge"), fmt::format("cannot find the rule library; looked in {}", list), kHow);
  return {};
}

std::vector<std::string> library_cache_files(const std::string& root, const std::string& argv0) {
  const char* env = std::getenv("POLICYFORGE_LIBRARY_CACHE");
  if (env && std::string(env) == "off") return {};
  return {(fs::path(root) / kLibraryCacheName).string(), (exe_dir(argv0) / kBuildCacheName).string()};
}

}  // namespace pf
