#include "model/index.h"

namespace pf {

ModelIndex::ModelIndex(const Model& m) {
  for (const auto& l : m.ledgers) ledgers.emplace(l.id, &l);
  for (const auto& g : m.integrations) {
    integrations.emplace(g.id, &g);
    for (const auto& o : g.operations) {
      operations.emplace(g.id + "." + o.id, &o);
      operation_owner.emplace(g.id + "." + o.id, &g);
    }
    for (const auto& e : g.events) {
      events.emplace(g.id + "." + e.id, &e);
      event_owner.emplace(g.id + "." + e.id, &g);
    }
  }
  for (const auto& f : m.flows) {
    flows.emplace(f.id, &f);
    for (const auto& s : f.steps) {
      std::string key = f.id + "." + s.id;
      if (steps.emplace(key, &s).second) {
        step_flow.emplace(key, &f);
        bare_steps[s.id].push_back(key);
      }
    }
  }
  for (const auto& lc : m.lifecycles) lifecycles.emplace(lc.entity, &lc);
  for (const auto& t : m.tools) tools.emplace(t.id, &t);
  for (const auto& j : m.jobs) jobs.emplace(j.id, &j);
}

std::string ModelIndex::resolve_step(const std::string& flow, const std::string& name) const {
  if (steps.count(flow + "." + name)) return flow + "." + name;
  if (name.find('.') != std::string::npos) return steps.count(name) ? name : std::string();
  auto it = bare_steps.find(name);
  if (it != bare_steps.end() && it->second.size() == 1) return it->second.front();
  return {};
}

}  // namespace pf
