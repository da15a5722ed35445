// policyforge decisions init MODEL: a decisions skeleton, one open entry per item, with the
// fingerprints of the items as they are now.
#include <fmt/format.h>

#include <memory>

#include "cli/command.h"
#include "cli/generation.h"
#include "review/items.h"

namespace pf::cli {

namespace {

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string skeleton(const Catalog& c) {
  std::string o = fmt::format(
      "# Review decisions for {} (policyforge decisions init; schema: schemas/decisions.schema.json).\n"
      "# Set each status (accepted, mitigated, not_applicable, risk_accepted) with the fields it needs,\n"
      "# plus reviewer and date; leave an item open to keep it in `policyforge review`.\n"
      "decisions:\n",
      one_line(c.service_name));
  for (const auto& item : review::items(c))
    o += fmt::format("  - id: \"{}\"\n    # {}: {}\n    status: open\n    fingerprint: \"{}\"\n", item.id,
                     review::severity_name(item.severity), one_line(item.title), item.fingerprint);
  return o;
}

struct Options {
  GenOptions gen;
  std::string out;
};

}  // namespace

Command add_decisions(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* app = parent.add_subcommand("decisions", "review decisions: write a skeleton to fill in");
  app->require_subcommand(1);
  app->footer(
      "examples:\n"
      "  policyforge decisions init samples/ticketing/model.yaml -o decisions.yaml\n"
      "  policyforge generate samples/ticketing/model.yaml --decisions decisions.yaml");
  auto* init = app->add_subcommand("init", "one open decision per item, with its fingerprint");
  init->footer(
      "examples:\n"
      "  policyforge decisions init samples/ticketing/model.yaml -o decisions.yaml\n"
      "  policyforge decisions init model.yaml --lang en > decisions.yaml");
  init->add_option("MODEL", o->gen.model, "the service model (YAML); - reads standard input")->required();
  init->add_option("-o,--output", o->out, "output file (default or -: standard output)");
  init->add_option("--lang", o->gen.lang, "the language of the item titles in comments")
      ->check(CLI::IsMember({"ko", "en"}));
  return {app, [o](const Globals& g) {
            auto gen = generate(g, o->gen);
            if (!gen) return kBadInput;
            return write_output(o->out, skeleton(gen->catalog));
          }};
}

}  // namespace pf::cli
