#pragma once
// Usage errors: CLI11's message, a "did you mean" for a misspelt command or option, exit 2.
#include <CLI/CLI.hpp>

namespace pf::cli {

/// Handles a parse error of `app` for the given arguments: help and version print and
/// return 0; anything else prints the error and hints to standard error and returns 2.
int usage_error(CLI::App& app, const CLI::ParseError& e, int argc, const char* const* argv);

}  // namespace pf::cli
