// policyforge: the command line. Only this file decides exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <set>

#include "cli/fixtures.h"
#include "cli/library_root.h"
#include "cli/pipeline.h"
#include "render/html_report.h"
#include "render/json.h"
#include "render/markdown.h"
#include "render/rules_reference.h"
#include "synth/library.h"
#include "util/atomic_file.h"

namespace {

constexpr int kOk = 0, kDefect = 1, kBadInput = 2;

int fail(const pf::Diagnostics& d) {
  std::cerr << d.format();
  return kBadInput;
}

std::optional<pf::Library> library(const std::string& root, const std::vector<std::string>& extra, const char* argv0,
                                   pf::Diagnostics& d) {
  std::string found = pf::find_library_root(root, argv0, d);
  if (found.empty()) return std::nullopt;
  return pf::load_library(found, extra, d);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"policyforge: a reliability policy catalog from a service model, deterministically and offline"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("policyforge ") + pf::engine_version());
  std::string lib_root;
  std::vector<std::string> extra_rules;
  app.add_option("--library", lib_root, "folder holding rules/ and catalogs/ (default: found beside the binary)");
  app.add_option("--rules", extra_rules, "an extra folder of rules (and their templates); repeatable");

  std::string model, out, format = "md", lang = "ko";
  auto* gen = app.add_subcommand("generate", "write the catalog of a model")
                  ->footer("example: policyforge generate samples/ticketing/model.yaml -o catalog.md --lang en");
  gen->add_option("MODEL", model, "the service model (YAML)")->required();
  gen->add_option("-o,--output", out, "output file (default: standard output); written whole or not at all");
  gen->add_option("--format", format, "md, json, or html (a self-contained page; needs Graphviz)")
      ->check(CLI::IsMember({"md", "json", "html"}));
  gen->add_option("--lang", lang, "ko (the prompt's labels) or en")->check(CLI::IsMember({"ko", "en"}));

  auto* val = app.add_subcommand("validate", "check a model only; exit 0 valid, 2 invalid");
  val->add_option("MODEL", model, "the service model (YAML)")->required();

  auto* rules = app.add_subcommand("rules", "the rule and template library");
  rules->require_subcommand(1);
  auto* rlist = rules->add_subcommand("list", "list the rules")
                    ->footer("example: policyforge rules list --format md > docs/rules.md");
  std::string list_format = "text";
  rlist->add_option("--format", list_format, "text, or md for the rule reference in docs/rules.md")
      ->check(CLI::IsMember({"text", "md"}));
  auto* rlint = rules->add_subcommand("lint", "check the library: references, placeholders, fixtures; exit 1 on a defect");
  std::string only;
  auto* rtest = rules->add_subcommand("test", "run the rule fixtures; exit 1 when one fails");
  rtest->add_option("--rule", only, "only this rule's fixtures");

  CLI11_PARSE(app, argc, argv);

  pf::Diagnostics d;
  if (val->parsed()) {
    pf::Analysis a = pf::analyse(model, nullptr, {}, d);
    if (d.has_errors() || !a.facts) return fail(d);
    std::cerr << d.format();
    std::cout << fmt::format("{}: valid ({} ledgers, {} flows, {} integrations)\n", model, a.model->ledgers.size(),
                             a.model->flows.size(), a.model->integrations.size());
    return kOk;
  }

  auto lib = library(lib_root, extra_rules, argv[0], d);
  if (!lib) return fail(d);

  if (gen->parsed()) {
    pf::Analysis a = pf::analyse(model, nullptr, lib->rules, d);
    if (d.has_errors() || !a.facts) return fail(d);
    pf::Catalog c = pf::make_catalog(a, *lib, lang);
    std::string text = format == "json" ? pf::render_json(c) : pf::render_markdown(c);
    if (format == "html") {
      auto page = pf::html_report(*a.model, c, *lib, d);
      if (!page) return fail(d);
      text = std::move(*page);
    }
    if (out.empty()) {
      std::cout << text;
      return kOk;
    }
    std::string err = pf::write_file_atomically(out, text);
    if (!err.empty()) {
      std::cerr << fmt::format("{}: error: {}\n", out, err);
      return kBadInput;
    }
    return kOk;
  }

  if (rlist->parsed() && list_format == "md") {
    std::cout << pf::rules_reference_markdown(*lib);
    return kOk;
  }
  if (rlist->parsed()) {
    for (const auto& r : lib->rules) {
      std::vector<std::string> emits;
      if (!r.failure_mode.empty()) emits.push_back("fm:" + r.failure_mode);
      if (!r.policy.empty()) emits.push_back("policy:" + r.policy);
      if (!r.ledger_row.empty()) emits.push_back("row:" + r.ledger_row);
      if (!r.questions.empty()) emits.push_back(fmt::format("{} questions", r.questions.size()));
      if (!r.assumptions.empty()) emits.push_back(fmt::format("{} assumptions", r.assumptions.size()));
      std::cout << fmt::format("{:<44} {:<11} {:<8} [{}] {}\n    {}\n", r.id, pf::kind_name(r.each), r.severity,
                               fmt::join(r.surfaces, ","), fmt::join(emits, ", "), r.title);
    }
    std::cout << fmt::format("{} rules, {} policy templates, {} failure-mode templates, {} ledger-map templates\n",
                             lib->rules.size(), lib->policies.size(), lib->failure_modes.size(), lib->ledger_rows.size());
    return kOk;
  }

  if (rlint->parsed()) {
    auto counts = pf::fixture_counts(*lib, d);
    std::set<std::string> used;
    for (const auto& r : lib->rules) {
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
      for (const auto& r : lib->rules) known = known || r.id == id;
      if (!known) d.error(pf::Loc{}, fmt::format("fixtures name unknown rule '{}'", id));
    }
    pf::check_glossary(*lib, d);
    for (const auto& [id, t] : lib->policies)
      if (!used.count(id)) d.warning(t.loc, fmt::format("policy template '{}' is used by no rule", id));
    for (const auto& [id, t] : lib->failure_modes)
      if (!used.count(id)) d.warning(t.loc, fmt::format("failure-mode template '{}' is used by no rule", id));
    for (const auto& [id, t] : lib->ledger_rows)
      if (!used.count(id)) d.warning(t.loc, fmt::format("ledger-map template '{}' is used by no rule", id));
    std::cerr << d.format();
    if (d.has_errors()) return kDefect;
    std::cout << fmt::format("rules lint: {} rules, {} policy, {} failure-mode and {} ledger-map templates: no defects\n",
                             lib->rules.size(), lib->policies.size(), lib->failure_modes.size(), lib->ledger_rows.size());
    return kOk;
  }

  if (rtest->parsed()) {
    auto outcomes = pf::run_fixtures(*lib, only, d);
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
  return kOk;
}
