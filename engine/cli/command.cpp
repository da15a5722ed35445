#include "cli/command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/library_root.h"
#include "library/cache.h"
#include "util/atomic_file.h"

namespace pf::cli {

int fail(const Diagnostics& d) {
  std::cerr << d.format();
  return kBadInput;
}

std::optional<Library> load_library(const Globals& g, Diagnostics& d, LibraryScope scope) {
  std::string root = find_library_root(g.lib_root, g.argv0, d);
  if (root.empty()) return std::nullopt;
  if (scope != LibraryScope::Generate) return pf::load_library(root, g.extra_rules, d, scope);
  // Generation loads a compiled library cache when one matches the library's files.
  LibraryCacheUse cache;
  cache.files = library_cache_files(root, g.argv0);
  auto lib = pf::load_library(root, g.extra_rules, d, scope, &cache);
  const char* env = std::getenv("POLICYFORGE_LIBRARY_CACHE");
  if (env && std::string(env) == "report") std::cerr << "policyforge: library cache: " << cache.status << "\n";
  return lib;
}

std::optional<std::string> read_input(const std::string& path, Diagnostics& d) {
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    return s.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    d.error(Loc{std::make_shared<const std::string>(path), 0, 0}, "cannot open file");
    return std::nullopt;
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    return kOk;
  }
  std::string err = write_file_atomically(path, text);
  if (err.empty()) return kOk;
  std::cerr << fmt::format("{}: error: {}\n", path, err);
  return kBadInput;
}

int write_output(const std::string& path, const Producer& produce) {
  if (path.empty() || path == "-") {
    std::string text;
    produce([&](std::string_view piece) { text.append(piece); });
    return write_output(path, text);
  }
  std::string err = write_file_atomically(path, produce);
  if (err.empty()) return kOk;
  std::cerr << fmt::format("{}: error: {}\n", path, err);
  return kBadInput;
}

}  // namespace pf::cli
