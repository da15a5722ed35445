// policyforge: the command line. Each command lives in cli/cmd_<name>.cpp and is listed in
// cli/commands.def; this file parses, dispatches and turns what escapes into an exit code.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <exception>
#include <iostream>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "cli/usage.h"
#include "diag/text_width.h"

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
  // Nothing ends in an abort: running out of memory or an unexpected exception is reported and
  // exits 2 with no partial output (an output file is written whole or not at all).
  try {
    for (const auto& c : commands)
      if (c.app->parsed()) return c.run(g);
  } catch (const std::bad_alloc&) {
    std::cerr << "policyforge: error: out of memory (see docs/limits.md for the limits of a model)\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << fmt::format("policyforge: error: {}\n", pf::escape_controls(e.what()));
    return kBadInput;
  } catch (...) {
    std::cerr << "policyforge: error: unexpected failure\n";
    return kBadInput;
  }
  return kOk;
}
