#pragma once
// The command registry: every command of the command line lives in cli/cmd_<name>.cpp and
// is listed once in cli/commands.def as PF_COMMAND(name). A command adds its subcommand to
// the application and returns what runs when that subcommand was given.
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "library/library.h"
#include "util/atomic_file.h"

namespace pf::cli {

/// Exit codes, as spec/catalog.md's command table has them.
constexpr int kOk = 0, kDefect = 1, kBadInput = 2;

/// Options given to every command (before or after the command's name).
struct Globals {
  std::string lib_root;
  std::vector<std::string> extra_rules;
  std::string argv0;
};

/// One command: the subcommand it added and what runs when it was given.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const Globals&)> run;
};

/// Prints the diagnostics to standard error and returns kBadInput.
int fail(const Diagnostics& d);

/// The rule and template library the globals name (or the one beside the binary).
/// The library; `Generate` leaves templates unparsed until the rules that fired ask for them.
std::optional<Library> load_library(const Globals& g, Diagnostics& d, LibraryScope scope = LibraryScope::Everything);

/// Reads FILE, or standard input for "-"; nullopt (and an error in d) when unreadable.
std::optional<std::string> read_input(const std::string& path, Diagnostics& d);

/// Writes text to FILE whole or not at all, or to standard output for "" or "-".
int write_output(const std::string& path, const std::string& text);
/// The same for a text made piece by piece (util/atomic_file.h): streamed into FILE; standard
/// output gets it whole at the end, so that a failure midway prints nothing.
int write_output(const std::string& path, const Producer& produce);

}  // namespace pf::cli

#define PF_COMMAND(name) pf::cli::Command add_##name(CLI::App& parent);
namespace pf::cli {
#include "cli/commands.def"
}  // namespace pf::cli
#undef PF_COMMAND
