#pragma once
// policyforge diff OLD NEW: two models or two catalogs (JSON or Markdown, ko or en, any mix).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/command.h"

namespace pf::cli {

struct DiffCommand {
  CLI::App* sub = nullptr;
  std::string old_path, new_path, format = "md", lang = "ko", fail_on;
  explicit DiffCommand(CLI::App& app);
  bool parsed() const { return sub->parsed(); }
  /// Exit 0 same, 1 different (or a --fail-on gate tripped), 2 bad input.
  int run(const Globals& g) const;
};

}  // namespace pf::cli
