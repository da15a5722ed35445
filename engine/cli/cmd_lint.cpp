#include "cli/cmd_lint.h"

#include <fmt/format.h>

#include <iostream>

#include "catalog_io/import_json.h"
#include "catalog_io/lint.h"
#include "catalog_io/read_file.h"
#include "cli/pipeline.h"

namespace pf::cli {

LintCommand::LintCommand(CLI::App& app) {
  sub = app.add_subcommand("lint", "check a catalog (Markdown or JSON, ko or en) against the format; exit 0 conforms, "
                                   "1 does not, 2 unreadable")
            ->footer("examples:\n"
                    "  policyforge lint catalog.md --model samples/ticketing/model.yaml\n"
                    "  policyforge lint catalog.json");
  sub->add_option("CATALOG", catalog, "the catalog to check ('-' for standard input)")->required();
  sub->add_option("--model", model, "also check that the catalog speaks of this model (YAML)");
}

int LintCommand::run() const {
  std::string text, err;
  if (!cio::read_whole_file(catalog, text, err)) {
    std::cerr << fmt::format("{}: error: cannot read: {}\n", catalog, err);
    return 2;
  }
  cio::ImportResult r = cio::import_catalog(text, catalog);
  if (!r.errors.empty()) {
    for (const auto& e : r.errors)
      std::cerr << fmt::format("{}:{}:{}: error: {}\n", catalog, std::max(1, e.pos.line), std::max(1, e.pos.col), e.message);
    return 2;
  }
  // The format's rules apply to the body; an appendix lists the other items one line each.
  cio::Document doc = cio::body_of(r.doc);
  std::vector<cio::Finding> findings = cio::lint_format(doc);
  if (!model.empty()) {
    Diagnostics d;
    Analysis a = analyse(model, nullptr, {}, d);
    if (d.has_errors() || !a.model) {
      std::cerr << d.format();
      return 2;
    }
    for (auto& f : cio::lint_model(doc, *a.model)) findings.push_back(std::move(f));
  }
  std::cout << cio::format_findings(catalog, findings);
  std::size_t errors = 0, warnings = 0;
  for (const auto& f : findings) (f.error ? errors : warnings)++;
  std::size_t surfaces = 0;
  for (int k = 1; k <= 12; ++k) {
    bool tagged = false;
    for (const auto& p : doc.policies)
      for (int s : p.surfaces) tagged = tagged || s == k;
    surfaces += tagged;
  }
  std::string summary = fmt::format("{} policies, {} failure modes, {} questions, {}/12 surfaces, lang {}",
                                    doc.policies.size(), doc.failure_modes.size(), doc.questions.size(), surfaces,
                                    doc.lang);
  if (errors) {
    std::cout << fmt::format("lint: {} errors, {} warnings ({})\n", errors, warnings, summary);
    return 1;
  }
  std::cout << fmt::format("lint: conforms, {} warnings ({})\n", warnings, summary);
  return 0;
}

}  // namespace pf::cli

// Registered in cli/commands.def as PF_COMMAND(lint).
#include <memory>

#include "cli/command.h"

namespace pf::cli {

Command add_lint(CLI::App& parent) {
  auto c = std::make_shared<LintCommand>(parent);
  return {c->sub, [c](const Globals&) { return c->run(); }};
}

}  // namespace pf::cli
