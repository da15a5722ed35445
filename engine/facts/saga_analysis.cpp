// Saga completeness: a state-changing step with no compensation, followed on some path by a step
// that can fail, leaks its change when that step fails.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- saga completeness -------------------------------------------------------------------
void FactBuilder::saga() {
  for (const auto& f : m_.flows) {
    Element* fe = flow_[f.id];
    const auto& steps = own_steps(fe);
    const FlowGraph* g = fb_->graph(fe);
    std::vector<char> fail(steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) fail[i] = bool_of(steps[i], "can_fail");
    std::vector<int> later = g ? nearest_later_some(*g, fail) : std::vector<int>(steps.size(), -1);
    std::unordered_map<std::string, Refs> comps;
    for (const auto& c : f.compensations)
      for (const auto& u : c.undo) {
        std::string key = ix_.resolve_step(f.id, u.name);
        const Element* target = look(step_, key);
        add_unique(comps[c.step.name], target);
        if (target) add_unique(compensates_[target], step_[f.id + "." + c.step.name]);
      }
    Refs uncompensated;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      Element* s = steps[i];
      const Refs& cs = comps[f.steps[i].id];
      s->set("compensations", Value::elements(cs));
      s->set("compensated", Value::boolean(!cs.empty()));
      const Element* lf = later[i] >= 0 ? steps[later[i]] : nullptr;
      s->set("later_failure", Value::element(lf));
      // A step that undoes another (by its action, or declared with `undoes:`) is recovery itself.
      bool undoing = (f.steps[i].action && traits(*f.steps[i].action).undoes) || !f.steps[i].undoes.empty();
      bool unc = bool_of(s, "state_changing") && cs.empty() && !undoing && lf;
      s->set("uncompensated", Value::boolean(unc));
      if (unc) uncompensated.push_back(s);
    }
    fe->set("uncompensated", Value::elements(uncompensated));
  }
  // `undoes:` declares what a step undoes wherever it lives (a cancel flow's refund of a checkout's charge).
  for (const auto& f : m_.flows)
    for (const auto& s : f.steps) {
      Element* se = step_[f.id + "." + s.id];
      const Element* target = s.undoes.empty() ? nullptr : look(step_, ix_.resolve_step(f.id, s.undoes.name));
      se->set("undoes", Value::element(target));
      if (target) add_unique(compensates_[se], target);
    }
  for (auto& [key, se] : step_) se->set("compensates", Value::elements(sorted(compensates_[se])));
}

}  // namespace pf::facts_detail
