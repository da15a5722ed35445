// policyforge generate MODEL: the catalog of a model, in Markdown, JSON or SARIF.
#include <memory>

#include "cli/command.h"
#include "cli/generation.h"

namespace pf::cli {

namespace {
struct Options {
  GenOptions gen;
  std::string out;
};
}  // namespace

Command add_generate(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  o->gen.reads_items = false;
  auto* app = parent.add_subcommand("generate", "write the catalog of a model");
  app->footer(
      "examples:\n"
      "  policyforge generate samples/ticketing/model.yaml -o catalog.md --lang en\n"
      "  policyforge generate samples/ticketing/model.yaml --format json -o catalog.json\n"
      "  policyforge generate model.yaml --decisions decisions.yaml --lang en\n"
      "  policyforge generate model.yaml --format sarif -o policyforge.sarif\n"
      "  policyforge generate model.yaml --format html -o report.html   (diagrams need Graphviz)\n"
      "  policyforge generate model.yaml --detail full --lang en\n"
      "  cat model.yaml | policyforge generate - > catalog.md");
  app->add_option("MODEL", o->gen.model, "the service model (YAML); - reads standard input")->required();
  app->add_option("-o,--output", o->out, "output file (default or -: standard output); written whole or not at all");
  add_gen_options(app, o->gen, {"md", "json", "sarif", "html"});
  app->add_option("--detail", o->gen.detail, "body (ranked, capped, with an appendix) or full (every item in full)")
      ->check(CLI::IsMember({"body", "full"}));
  return {app, [o](const Globals& g) {
            auto gen = generate(g, o->gen);
            if (!gen) return kBadInput;
            int rc = write_rendered(*gen, o->gen, o->out);
            keep_until_exit(std::move(gen));
            return rc;
          }};
}

}  // namespace pf::cli
