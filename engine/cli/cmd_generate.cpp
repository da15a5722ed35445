// policyforge generate MODEL: the catalog of a model, in Markdown or JSON.
#include <memory>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "render/json.h"
#include "render/markdown.h"

namespace pf::cli {

namespace {
struct Options {
  std::string model, out, format = "md", lang = "ko";
};
}  // namespace

Command add_generate(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* app = parent.add_subcommand("generate", "write the catalog of a model");
  app->footer(
      "examples:\n"
      "  policyforge generate samples/ticketing/model.yaml -o catalog.md --lang en\n"
      "  policyforge generate samples/ticketing/model.yaml --format json -o catalog.json\n"
      "  cat model.yaml | policyforge generate - > catalog.md");
  app->add_option("MODEL", o->model, "the service model (YAML); - reads standard input")->required();
  app->add_option("-o,--output", o->out, "output file (default or -: standard output); written whole or not at all");
  app->add_option("--format", o->format, "md or json")->check(CLI::IsMember({"md", "json"}));
  app->add_option("--lang", o->lang, "ko (the prompt's labels) or en")->check(CLI::IsMember({"ko", "en"}));
  return {app, [o](const Globals& g) {
            Diagnostics d;
            auto lib = load_library(g, d);
            if (!lib) return fail(d);
            Analysis a = analyse_input(o->model, lib->rules, d);
            if (d.has_errors() || !a.facts) return fail(d);
            Catalog c = make_catalog(a, *lib, o->lang);
            return write_output(o->out, o->format == "json" ? render_json(c) : render_markdown(c));
          }};
}

}  // namespace pf::cli
