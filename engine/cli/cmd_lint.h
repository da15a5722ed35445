#pragma once
// policyforge lint CATALOG [--model MODEL]: the project's own checker of the catalog format.
#include <CLI/CLI.hpp>
#include <string>

namespace pf::cli {

struct LintCommand {
  CLI::App* sub = nullptr;
  std::string catalog, model;
  /// Adds the subcommand to the application.
  explicit LintCommand(CLI::App& app);
  bool parsed() const { return sub->parsed(); }
  /// Exit 0 conforms, 1 does not, 2 unreadable.
  int run() const;
};

}  // namespace pf::cli
