// policyforge rules list|lint|test|compile: the rule and template library.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "cli/command.h"
#include "cli/library_root.h"
#include "library/citations.h"
#include "cli/fixtures.h"
#include "render/rules_reference.h"
#include "synth/glossary.h"

namespace pf::cli {

namespace {

int list(const Library& lib, const std::string& format, Diagnostics& d) {
  if (format == "md") {
    std::map<std::string, RuleExamples> examples;
    for (const auto& [rule, cases] : fixture_cases(lib, d))
      for (const auto& [expect, name] : cases) (expect == "fire" ? examples[rule].fires : examples[rule].quiet).push_back(name);
    if (d.has_errors()) return fail(d);
    std::cout << rules_reference_markdown(lib, examples);
    return kOk;
  }
  for (const auto& r : lib.rules) {
    std::vector<std::string> emits;
    if (!r.failure_mode.empty()) emits.push_back("fm:" + r.failure_mode);
    if (!r.policy.empty()) emits.push_back("policy:" + r.policy);
    if (!r.ledger_row.empty()) emits.push_back("row:" + r.ledger_row);
    if (!r.questions.empty()) emits.push_back(fmt::format("{} questions", r.questions.size()));
    if (!r.assumptions.empty()) emits.push_back(fmt::format("{} assumptions", r.assumptions.size()));
    std::cout << fmt::format("{:<44} {:<11} {:<8} [{}] {}\n    {}\n", r.id, kind_name(r.each), r.severity,
                             fmt::join(r.surfaces, ","), fmt::join(emits, ", "), r.title);
  }
  std::cout << fmt::format("{} rules, {} policy templates, {} failure-mode templates, {} ledger-map templates\n",
                           lib.rules.size(), lib.policies.size(), lib.failure_modes.size(), lib.ledger_rows.size());
  return kOk;
}

int lint(const Library& lib, Diagnostics& d) {
  auto counts = fixture_counts(lib, d);
  std::set<std::string> used;
  for (const auto& r : lib.rules) {
    used.insert(r.policy);
    used.insert(r.failure_mode);
    used.insert(r.ledger_row);
    auto it = counts.find(r.id);
    int fire = it == counts.end() ? 0 : it->second.first, quiet = it == counts.end() ? 0 : it->second.second;
    if (fire == 0 || quiet == 0)
      d.error(r.loc, fmt::format("rule '{}' needs fixtures with at least one 'fire' and one 'quiet' case in {}.test.yaml "
                                 "(has {} fire, {} quiet)",
                                 r.id, r.id, fire, quiet));
  }
  for (const auto& [id, n] : counts) {
    bool known = false;
    for (const auto& r : lib.rules) known = known || r.id == id;
    if (!known) d.error(Loc{}, fmt::format("fixtures name unknown rule '{}'", id));
  }
  check_glossary(lib, d);
  check_citations(lib, d);
  for (const auto& [id, t] : lib.policies)
    if (!used.count(id)) d.warning(t.loc, fmt::format("policy template '{}' is used by no rule", id));
  for (const auto& [id, t] : lib.failure_modes)
    if (!used.count(id)) d.warning(t.loc, fmt::format("failure-mode template '{}' is used by no rule", id));
  for (const auto& [id, t] : lib.ledger_rows)
    if (!used.count(id)) d.warning(t.loc, fmt::format("ledger-map template '{}' is used by no rule", id));
  std::cerr << d.format();
  if (d.has_errors()) return kDefect;
  std::cout << fmt::format("rules lint: {} rules, {} policy, {} failure-mode and {} ledger-map templates: no defects\n",
                           lib.rules.size(), lib.policies.size(), lib.failure_modes.size(), lib.ledger_rows.size());
  return kOk;
}

int test(const Library& lib, const std::string& only, Diagnostics& d) {
  auto outcomes = run_fixtures(lib, only, d);
  int passed = 0, failed = 0;
  for (const auto& o : outcomes) {
    if (o.passed) {
      ++passed;
      continue;
    }
    ++failed;
    std::cout << fmt::format("FAIL {} [{}] {} ({}): {}\n", o.rule, o.expect, o.name, o.file, o.detail);
  }
  std::cerr << d.format();
  std::cout << fmt::format("{} passed, {} failed\n", passed, failed);
  return failed || d.has_errors() ? kDefect : kOk;
}

struct Options {
  std::string list_format = "text", only, output;
};

/// Writes the compiled library cache (library/cache.h) of the library to `output`, by default
/// ROOT/library.cache where generate looks for it.
int compile(const Globals& g, const std::string& output) {
  Diagnostics d;
  if (!g.extra_rules.empty()) {
    std::cerr << "policyforge: error: rules compile: the cache holds the library alone; --rules folders are parsed at "
                 "every run\n";
    return kBadInput;
  }
  std::string root = find_library_root(g.lib_root, g.argv0, d);
  if (root.empty()) return fail(d);
  auto data = compile_library_cache(root, d);
  if (!data) return fail(d);
  std::string out = output.empty() ? (std::filesystem::path(root) / kLibraryCacheName).string() : output;
  return write_output(out, *data);
}

}  // namespace

Command add_rules(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* app = parent.add_subcommand("rules", "the rule and template library: list, lint, test, compile");
  app->require_subcommand(1);
  app->footer(
      "examples:\n"
      "  policyforge rules list\n"
      "  policyforge rules lint\n"
      "  policyforge --rules my-rules rules test");
  auto* rlist = app->add_subcommand("list", "list the rules");
  rlist->footer(
      "examples:\n"
      "  policyforge rules list\n"
      "  policyforge rules list --format md > docs/rules.md");
  rlist->add_option("--format", o->list_format, "text, or md for the rule reference in docs/rules.md")
      ->check(CLI::IsMember({"text", "md"}));
  auto* rlint = app->add_subcommand("lint", "check the library: references, placeholders, fixtures; exit 1 on a defect");
  rlint->footer(
      "examples:\n"
      "  policyforge rules lint\n"
      "  policyforge --rules my-rules rules lint");
  auto* rtest = app->add_subcommand("test", "run the rule fixtures; exit 1 when one fails");
  rtest->footer(
      "examples:\n"
      "  policyforge rules test\n"
      "  policyforge rules test --rule saga-gap");
  rtest->add_option("--rule", o->only, "only this rule's fixtures");
  auto* rcompile = app->add_subcommand(
      "compile", "write the compiled library cache generate loads instead of parsing the library (the build writes one)");
  rcompile->footer(
      "examples:\n"
      "  policyforge rules compile\n"
      "  policyforge --library DIR rules compile -o DIR/library.cache");
  rcompile->add_option("-o,--output", o->output, "the cache file (default: ROOT/library.cache of the library)");
  return {app, [o, rlist, rlint, rtest, rcompile](const Globals& g) {
            if (rcompile->parsed()) return compile(g, o->output);
            Diagnostics d;
            auto lib = load_library(g, d);
            if (!lib) return fail(d);
            if (rlist->parsed()) return list(*lib, o->list_format, d);
            if (rlint->parsed()) return lint(*lib, d);
            if (rtest->parsed()) return test(*lib, o->only, d);
            return kOk;
          }};
}

}  // namespace pf::cli
