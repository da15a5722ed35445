// policyforge: the command line. Each command lives in cli/cmd_<name>.cpp and is listed in
// cli/commands.def; this file parses, dispatches and turns what escapes into an exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "cli/usage.h"

int main(int argc, char** argv) {
  using namespace pf::cli;
  CLI::App app{"policyforge: a reliability policy catalog from a service model, deterministically and offline"};
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the command too (inherited by every command)
  app.set_version_flag("--version", std::string("policyforge ") + pf::engine_version());
  app.footer(
      "examples:\n"
      "  policyforge generate samples/ticketing/model.yaml --lang en -o catalog.md\n"
      "  policyforge validate samples/ticketing/model.yaml\n"
      "  policyforge COMMAND --help");
  Globals g;
  g.argv0 = argc > 0 ? argv[0] : "policyforge";
  app.add_option("--library", g.lib_root, "folder holding rules/ and catalogs/ (default: found beside the binary)");
  app.add_option("--rules", g.extra_rules, "an extra folder of rules (and their templates); repeatable");

  std::vector<Command> commands = {
#define PF_COMMAND(name) add_##name(app),
#include "cli/commands.def"
#undef PF_COMMAND
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return usage_error(app, e, argc, argv);
  }
  try {
    for (const auto& c : commands)
      if (c.app->parsed()) return c.run(g);
  } catch (const std::exception& e) {
    std::cerr << fmt::format("policyforge: error: {}\n", e.what());
    return kBadInput;
  }
  return kOk;
}
