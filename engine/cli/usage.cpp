#include "cli/usage.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace pf::cli {

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* s : app.get_subcommands({})) names.push_back(s->get_name());
  return names;
}

/// The option named `name` in `app` or one of its parents (global options work anywhere).
const CLI::Option* find_option(const CLI::App* app, const std::string& name) {
  for (; app; app = app->get_parent())
    if (const auto* o = app->get_option_no_throw(name)) return o;
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names{"--help"};
  for (; app; app = app->get_parent())
    for (const auto* o : app->get_options()) {
      for (const auto& l : o->get_lnames()) names.push_back("--" + l);
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
    }
  return names;
}

/// Walks the arguments as the parser would and returns the hints for the first unknown
/// command and every unknown option.
std::vector<std::string> hints(const CLI::App& app, int argc, const char* const* argv) {
  std::vector<std::string> out;
  const CLI::App* at = &app;
  bool positional_seen = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.size() > 1 && arg[0] == '-') {
      std::string name = arg.substr(0, arg.find('='));
      if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);  // -ofile
      const CLI::Option* o = find_option(at, name);
      if (!o) {
        std::string near = closest(name, option_names(at));
        out.push_back(near.empty() ? fmt::format("unknown option '{}'", name)
                                   : fmt::format("unknown option '{}'; did you mean '{}'?", name, near));
      } else if (o->get_expected_min() > 0 && arg.find('=') == std::string::npos && arg.size() == name.size()) {
        ++i;  // its value
      }
      continue;
    }
    auto names = command_names(*at);
    const CLI::App* sub = nullptr;
    for (const auto* s : at->get_subcommands({}))
      if (s->check_name(arg)) sub = s;
    if (sub) {
      at = sub;
      positional_seen = false;
      continue;
    }
    if (!names.empty() && !positional_seen && at->get_options([](const CLI::Option* o) {
                                                 return o->get_positional();
                                               }).empty()) {
      std::string near = closest(arg, names);
      out.push_back(near.empty() ? fmt::format("unknown command '{}'; the commands are: {}", arg, fmt::join(names, ", "))
                                 : fmt::format("unknown command '{}'; did you mean '{}'?", arg, near));
      break;
    }
    positional_seen = true;
  }
  return out;
}

}  // namespace

int usage_error(CLI::App& app, const CLI::ParseError& e, int argc, const char* const* argv) {
  if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
  auto notes = hints(app, argc, argv);
  // An unknown command says so, rather than CLI11's "a subcommand is required".
  bool command = !notes.empty() && notes.front().rfind("unknown command", 0) == 0;
  std::cerr << fmt::format("policyforge: error: {}\n", command ? notes.front() : std::string(e.what()));
  for (std::size_t i = command ? 1 : 0; i < notes.size(); ++i) std::cerr << fmt::format("policyforge: note: {}\n", notes[i]);
  std::cerr << "policyforge: note: run 'policyforge --help' or 'policyforge COMMAND --help' for usage\n";
  return kBadInput;
}

}  // namespace pf::cli
