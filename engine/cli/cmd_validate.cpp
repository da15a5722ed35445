// policyforge validate MODEL: checks the model only.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/pipeline.h"

namespace pf::cli {

Command add_validate(CLI::App& parent) {
  auto model = std::make_shared<std::string>();
  auto* app = parent.add_subcommand("validate", "check a model only; exit 0 valid, 2 invalid");
  app->footer(
      "examples:\n"
      "  policyforge validate samples/ticketing/model.yaml\n"
      "  cat model.yaml | policyforge validate -");
  app->add_option("MODEL", *model, "the service model (YAML); - reads standard input")->required();
  return {app, [model](const Globals&) {
            Diagnostics d;
            auto m = check_model(*model, d);  // stages 1-3: no facts are needed to say "valid"
            if (d.has_errors() || !m) return fail(d);
            std::cerr << d.format();
            std::cout << fmt::format("{}: valid ({} ledgers, {} flows, {} integrations)\n", *model,
                                     m->ledgers.size(), m->flows.size(), m->integrations.size());
            return kOk;
          }};
}

}  // namespace pf::cli
