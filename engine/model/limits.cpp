#include "model/limits.h"

#include <fmt/format.h>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace pf {

bool check_element_limit(const Model& m, Diagnostics& diags) {
  std::size_t n = 0;
  bool over = false;
  auto count = [&](const Loc& loc) {
    if (over || ++n <= limits::kMaxElements) return;
    over = true;
    diags.error(loc, fmt::format("too many elements: the model holds more than {} (ledgers, invariants, integrations, "
                                 "operations, events, flows, steps, compensations, lifecycles, states, transitions, "
                                 "jobs and breaches together)",
                                 limits::kMaxElements));
  };
  for (const auto& l : m.ledgers) {
    count(l.loc);
    for (const auto& i : l.invariants) count(i.loc);
  }
  for (const auto& g : m.integrations) {
    count(g.loc);
    for (const auto& o : g.operations) count(o.loc);
    for (const auto& e : g.events) count(e.loc);
  }
  for (const auto& f : m.flows) {
    count(f.loc);
    for (const auto& s : f.steps) count(s.loc);
    for (const auto& c : f.compensations) count(c.step.loc);
  }
  for (const auto& lc : m.lifecycles) {
    count(lc.loc);
    for (const auto& s : lc.states) count(s.loc);
    for (const auto& t : lc.transitions) count(t.loc);
  }
  for (const auto& t : m.tools) count(t.loc);
  for (const auto& j : m.jobs) count(j.loc);
  for (const auto& b : m.breaches) count(b.loc);
  return !over;
}

}  // namespace pf
