// policyforge review MODEL --decisions FILE: the open items, and gates for CI.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <set>

#include "cli/command.h"
#include "cli/generation.h"

namespace pf::cli {

namespace {

struct Options {
  GenOptions gen;
  std::vector<std::string> fail_on;
};

const std::vector<std::string>& gates() {
  static const std::vector<std::string> g{"open-critical", "open-high", "open-medium", "open", "stale"};
  return g;
}

/// The least severity an open-* gate counts (open-high: high and critical).
int threshold(const std::string& gate) {
  if (gate == "open-critical") return 4;
  if (gate == "open-high") return 3;
  if (gate == "open-medium") return 2;
  return 0;
}

int run(const Globals& g, const Options& o) {
  auto gen = generate(g, o.gen);
  if (!gen) return kBadInput;
  int open = 0, decided = 0;
  std::map<int, int> open_by_severity;
  for (const auto& s : gen->applied.items) {
    if (s.status != "open" && s.status != "stale") {
      ++decided;
      continue;
    }
    ++open;
    ++open_by_severity[s.item.severity];
    std::cout << fmt::format("{:<8} {:<6} {}\n         {}\n", review::severity_name(s.item.severity), s.status, s.item.id,
                             s.item.title);
  }
  std::size_t stale = gen->applied.warnings.size();
  std::cout << fmt::format("{} items: {} open, {} decided; {} stale decisions\n", gen->applied.items.size(), open, decided,
                           stale);
  int tripped = 0;
  for (const auto& gate : o.fail_on) {
    int count = 0;
    if (gate == "stale") count = static_cast<int>(stale);
    else
      for (const auto& [sev, n] : open_by_severity) count += sev >= threshold(gate) ? n : 0;
    if (count == 0) continue;
    ++tripped;
    std::cerr << fmt::format("policyforge: review gate '{}' tripped ({})\n", gate, count);
  }
  return tripped ? kDefect : kOk;
}

}  // namespace

Command add_review(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* app = parent.add_subcommand("review", "list the open items; exit 1 when a --fail-on gate trips");
  app->footer(
      "examples:\n"
      "  policyforge review samples/ticketing/model.yaml --decisions decisions.yaml\n"
      "  policyforge review model.yaml --decisions decisions.yaml --fail-on open-critical,open-high,stale");
  app->add_option("MODEL", o->gen.model, "the service model (YAML); - reads standard input")->required();
  add_gen_options(app, o->gen, {});
  app->get_option("--decisions")->required();
  app->add_option("--fail-on", o->fail_on,
                  "gates, comma-separated: open-critical, open-high (high and above), open-medium, open, stale")
      ->delimiter(',')
      ->check(CLI::IsMember(gates()));
  return {app, [o](const Globals& g) { return run(g, *o); }};
}

}  // namespace pf::cli
