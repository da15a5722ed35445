// Flows, triggers and retry arithmetic: attempts multiply along a path (step retries x operation
// retries), compared with the provider's rate limit at the flow's peak load.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- flows, triggers, retry arithmetic ---------------------------------------------------
void FactBuilder::flows_and_retries() {
  for (const auto& f : m_.flows) {
    Element* fe = flow_[f.id];
    std::string trig = f.trigger.empty() ? "user" : f.trigger.name;
    const Element* tev = nullptr;
    std::string kind = trig;
    if (trig.rfind("event:", 0) == 0) {
      kind = "event";
      tev = look(ev_, trig.substr(6));
      if (tev) {
        add_unique(event_triggers_[tev], fe);
        add_unique(integ_flows_[ref_of(tev, "integration")], fe);
      }
    }
    fe->set("id", Value::string(f.id));
    fe->set("description", Value::string(f.description));
    fe->set("trigger", Value::string(trig));
    fe->set("trigger_kind", Value::string(kind));
    fe->set("trigger_event", Value::element(tev));
    fe->set("peak_rps", Value::maybe(f.peak_rps));
    const FlowGraph* g = fb_->graph(fe);
    const auto& steps = own_steps(fe);
    std::vector<Element*> ordered;
    if (g)
      for (int i : g->topo) ordered.push_back(steps[i]);
    fe->set("steps", Value::elements(Refs(ordered.begin(), ordered.end())));
    fe->set("step_count", Value::number(static_cast<double>(steps.size())));
    fe->set("first_step", Value::element(ordered.empty() ? nullptr : ordered.front()));
    fe->set("last_step", Value::element(ordered.empty() ? nullptr : ordered.back()));
    Refs integs, calls, awaits;
    double max_total = 1;
    for (Element* s : ordered) {
      const Element* call = ref_of(s, "call");
      add_unique(integs, ref_of(s, "integration"));
      add_unique(calls, call);
      add_unique(awaits, ref_of(s, "event"));
      double attempts = *num_of(s, "attempts");
      double total = attempts * (call ? *num_of(call, "attempts") : 1.0);
      max_total = std::max(max_total, total);
      s->set("total_attempts", Value::number(total));
      s->set("peak_rps", Value::maybe(f.peak_rps));
      Value attempt_rps = f.peak_rps ? Value::number(*f.peak_rps * total) : Value{};
      s->set("attempt_rps", attempt_rps);
      auto limit = call ? num_of(call, "rate_limit_rps") : std::nullopt;
      s->set("rate_limit_rps", Value::maybe(limit));
      if (f.peak_rps && limit && *limit > 0) {
        double ratio = *f.peak_rps * total / *limit;
        s->set("rate_ratio", Value::number(ratio));
        s->set("over_rate_limit", Value::boolean(ratio > 1.0));
        op_load_[call] += *f.peak_rps * total;
      } else {
        s->set("rate_ratio", Value{});
        s->set("over_rate_limit", Value::boolean(false));
        if (f.peak_rps && call) op_load_[call] += *f.peak_rps * total;
      }
    }
    fe->set("integrations", Value::elements(integs));
    fe->set("calls", Value::elements(calls));
    fe->set("awaits", Value::elements(awaits));
    fe->set("max_total_attempts", Value::number(max_total));
  }
  for (auto& [key, oe] : op_) {
    Refs callers = sorted(op_callers_[oe]);
    Refs cflows;
    for (const Element* c : callers) add_unique(cflows, fb_->flow_of(c));
    oe->set("callers", Value::elements(callers));
    oe->set("first_caller", Value::element(callers.empty() ? nullptr : callers.front()));
    oe->set("caller_flows", Value::elements(sorted(cflows)));
    auto load = op_load_.find(oe);
    auto limit = num_of(oe, "rate_limit_rps");
    oe->set("peak_attempt_rps", load == op_load_.end() ? Value{} : Value::number(load->second));
    oe->set("rate_ratio", load != op_load_.end() && limit && *limit > 0 ? Value::number(load->second / *limit)
                                                                        : Value{});
  }
  for (auto& [key, ee] : ev_) {
    Refs aw = sorted(event_awaits_[ee]);
    Refs tr = sorted(event_triggers_[ee]);
    ee->set("awaited_by", Value::elements(aw));
    ee->set("first_await", Value::element(aw.empty() ? nullptr : aw.front()));
    ee->set("triggers", Value::elements(tr));
    ee->set("consumed", Value::boolean(!aw.empty() || !tr.empty()));
    std::optional<Duration> min_timeout;
    for (const Element* a : aw) {
      const Value* t = a->get("timeout");
      if (t && t->type == Value::Type::Dur && (!min_timeout || t->dur.total_ms() < min_timeout->total_ms()))
        min_timeout = t->dur;
    }
    ee->set("min_await_timeout", Value::maybe(min_timeout));
    const Value* md = ee->get("max_delay");
    bool shorter = min_timeout && md && md->type == Value::Type::Dur && min_timeout->total_ms() < md->dur.total_ms();
    ee->set("await_shorter_than_delay", Value::boolean(shorter));
  }
  for (auto& [key, ie] : integ_) {
    Refs deps = sorted(integ_flows_[ie]);
    ie->set("dependent_flows", Value::elements(deps));
    ie->set("dependent_flow_count", Value::number(static_cast<double>(deps.size())));
  }
}

}  // namespace pf::facts_detail
