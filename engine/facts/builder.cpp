// Derives the facts of every element. Each analysis is a function of its own below; they run
// in dependency order from derive_facts(). Everything is linear in the model's size except
// where noted, and iterates in the model's (then key-sorted) order only.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_base.h"
#include "graph/state_graph.h"
#include "model/index.h"

namespace pf {

namespace {

using Refs = std::vector<const Element*>;

bool in(const std::string& s, std::initializer_list<const char*> set) {
  for (const char* x : set)
    if (s == x) return true;
  return false;
}

bool starts_with_any(const std::string& s, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

void add_unique(Refs& v, const Element* e) {
  if (e && std::find(v.begin(), v.end(), e) == v.end()) v.push_back(e);
}

std::vector<std::string> sorted_strings(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

Refs sorted(Refs v) {
  std::sort(v.begin(), v.end(), [](const Element* a, const Element* b) { return a->key < b->key; });
  return v;
}

const Element* ref_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v && v->type == Value::Type::Ref ? v->ref : nullptr;
}

bool bool_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v && v->type == Value::Type::Bool && v->b;
}

std::optional<double> num_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v ? v->as_number() : std::nullopt;
}

class Builder {
 public:
  Builder(const Model& m, std::vector<FlowGraph> graphs) : m_(m), ix_(m), graphs_(std::move(graphs)) {
    fb_ = std::make_unique<FactBase>();
  }

  std::unique_ptr<FactBase> run() {
    create();
    basics();
    writers();
    flows_and_retries();
    saga();
    timing();
    lifecycles();
    coupling();
    data_lifecycle();
    service_summary();
    fb_->finish();
    return std::move(fb_);
  }

 private:
  // --- element creation -------------------------------------------------------------------
  void create() {
    service_ = &fb_->add(Kind::Service, "service", m_.loc);
    for (const auto& l : m_.ledgers) ledger_[l.id] = &fb_->add(Kind::Ledger, l.id, l.loc);
    for (const auto& g : m_.integrations) {
      integ_[g.id] = &fb_->add(Kind::Integration, g.id, g.loc);
      for (const auto& o : g.operations) op_[g.id + "." + o.id] = &fb_->add(Kind::Operation, g.id + "." + o.id, o.loc);
      for (const auto& e : g.events) ev_[g.id + "." + e.id] = &fb_->add(Kind::Event, g.id + "." + e.id, e.loc);
    }
    for (std::size_t fi = 0; fi < m_.flows.size(); ++fi) {
      const Flow& f = m_.flows[fi];
      Element* fe = &fb_->add(Kind::Flow, f.id, f.loc);
      flow_[f.id] = fe;
      auto& steps = fb_->steps_of_flow[fe];
      for (std::size_t i = 0; i < f.steps.size(); ++i) {
        Element* se = &fb_->add(Kind::Step, f.id + "." + f.steps[i].id, f.steps[i].loc);
        se->ordinal = static_cast<int>(i);
        step_[se->key] = se;
        steps.push_back(se);
      }
      fb_->graphs.emplace(fe, fi < graphs_.size() ? std::move(graphs_[fi]) : FlowGraph{});
    }
    for (const auto& lc : m_.lifecycles) lifecycle_[lc.entity] = &fb_->add(Kind::Lifecycle, lc.entity, lc.loc);
    for (const auto& t : m_.tools) tool_[t.id] = &fb_->add(Kind::Tool, t.id, t.loc);
    for (const auto& j : m_.jobs) job_[j.id] = &fb_->add(Kind::Job, j.id, j.loc);
    for (const auto& b : m_.bottlenecks) bottlenecks_.push_back(&fb_->add(Kind::Bottleneck, "bottleneck:" + b.resource, b.loc));
    for (const auto& b : m_.breaches) breach_[b.id] = &fb_->add(Kind::Breach, b.id, b.loc);
  }

  template <typename Map>
  const Element* look(const Map& map, const std::string& key) const {
    auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }
  const Element* L(const Ref& r) const { return r.empty() ? nullptr : look(ledger_, r.name); }

  // --- plain attributes -------------------------------------------------------------------
  void basics() {
    Element& s = *service_;
    s.set("name", Value::string(m_.service.name));
    s.set("domain", Value::string(m_.service.domain));
    s.set("description", Value::string(m_.service.description));
    s.set("jurisdictions", Value::strings(sorted_strings(m_.service.jurisdictions)));
    s.set("has_charter", Value::boolean(m_.has_charter));
    s.set("has_integrations", Value::boolean(!m_.integrations.empty()));
    s.set("has_lifecycles", Value::boolean(!m_.lifecycles.empty()));
    s.set("has_access", Value::boolean(m_.access.has_value()));
    s.set("has_tools", Value::boolean(!m_.tools.empty()));
    s.set("has_jobs", Value::boolean(!m_.jobs.empty()));
    s.set("has_breaches", Value::boolean(!m_.breaches.empty()));
    s.set("limits", Value::strings(sorted_strings(m_.limits)));
    s.set("auth", Value::element(m_.access ? look(integ_, m_.access->auth.name) : nullptr));
    s.set("auth_fail_mode", Value::string(m_.access ? m_.access->fail_mode : ""));
    s.set("roles", Value::strings(sorted_strings(m_.access ? m_.access->roles : std::vector<std::string>{})));

    for (const auto& l : m_.ledgers) {
      Element& e = *ledger_[l.id];
      e.set("id", Value::string(l.id));
      e.set("kind", Value::string(l.kind));
      e.set("description", Value::string(l.description));
      e.set("unit", Value::string(l.unit));
      e.set("currency", Value::string(l.currency));
      e.set("entity", Value::string(l.entity));
      e.set("source_of_truth", Value::string(l.source_of_truth.empty() ? "internal" : l.source_of_truth.name));
      e.set("scarce", Value::boolean(l.scarce));
      e.set("money", Value::boolean(l.money));
      e.set("pii", Value::boolean(l.pii));
      e.set("retention", Value::maybe(l.retention));
      e.set("authority", Value::element(look(integ_, l.source_of_truth.name)));
      std::vector<std::string> inv;
      for (const auto& i : l.invariants) inv.push_back(i.text);
      e.set("invariants", Value::strings(inv));  // declared order: the first is shown first
      e.set("lifecycle", Value::element(look(lifecycle_, l.entity)));
      e.set("bottleneck", Value{});
    }
    for (const auto& g : m_.integrations) {
      Element& e = *integ_[g.id];
      e.set("id", Value::string(g.id));
      e.set("kind", Value::string(g.kind));
      e.set("provider", Value::string(g.provider));
      e.set("criticality", Value::string(g.criticality));
      e.set("critical", Value::boolean(g.criticality == "critical"));
      e.set("fallback", Value::element(look(integ_, g.fallback.name)));
      e.set("has_report", Value::boolean(g.report.has_value()));
      e.set("report_kind", Value::string(g.report ? g.report->kind : ""));
      e.set("report_cadence", Value::string(g.report ? g.report->cadence : ""));
      Refs ops, evs;
      std::optional<double> min_rate;
      for (const auto& o : g.operations) {
        Element& oe = *op_[g.id + "." + o.id];
        ops.push_back(&oe);
        oe.set("id", Value::string(o.id));
        oe.set("key", Value::string(oe.key));
        oe.set("mode", Value::string(o.mode));
        oe.set("idempotency", Value::string(o.idempotency));
        oe.set("integration", Value::element(&e));
        oe.set("sync", Value::boolean(o.mode == "sync"));
        oe.set("side_effect", Value::boolean(o.side_effect));
        oe.set("timeout", o.timeout_ms ? Value::duration(Duration::from_ms(*o.timeout_ms)) : Value{});
        oe.set("timeout_ms", Value::maybe(o.timeout_ms));
        oe.set("retries", Value::number(static_cast<double>(o.retries)));
        oe.set("attempts", Value::number(static_cast<double>(o.retries + 1)));
        oe.set("rate_limit_rps", Value::maybe(o.rate_limit_rps));
        if (o.rate_limit_rps) min_rate = min_rate ? std::min(*min_rate, *o.rate_limit_rps) : *o.rate_limit_rps;
      }
      for (const auto& ev : g.events) {
        Element& ee = *ev_[g.id + "." + ev.id];
        evs.push_back(&ee);
        ee.set("id", Value::string(ev.id));
        ee.set("key", Value::string(ee.key));
        ee.set("delivery", Value::string(ev.delivery));
        ee.set("integration", Value::element(&e));
        ee.set("webhook", Value::boolean(ev.delivery == "webhook"));
        ee.set("duplicates", Value::boolean(ev.duplicates));
        ee.set("ordered", Value::boolean(ev.ordered));
        ee.set("signed", Value::boolean(ev.is_signed));
        ee.set("max_delay", Value::maybe(ev.max_delay));
      }
      e.set("operations", Value::elements(sorted(ops)));
      e.set("events", Value::elements(sorted(evs)));
      e.set("first_operation", Value::element(ops.empty() ? nullptr : sorted(ops).front()));
      e.set("first_event", Value::element(evs.empty() ? nullptr : sorted(evs).front()));
      e.set("min_rate_limit_rps", Value::maybe(min_rate));
    }
    for (const auto& t : m_.tools) {
      Element& e = *tool_[t.id];
      Refs touches;
      bool money = false;
      for (const auto& r : t.touches) {
        add_unique(touches, L(r));
        money = money || (L(r) && bool_of(L(r), "money"));
      }
      e.set("id", Value::string(t.id));
      e.set("actor", Value::string(t.actor));
      e.set("description", Value::string(t.description));
      e.set("touches", Value::elements(sorted(touches)));
      e.set("touch_count", Value::number(static_cast<double>(touches.size())));
      e.set("approvals", Value::number(static_cast<double>(t.approvals)));
      e.set("money", Value::boolean(money));
    }
    for (const auto& j : m_.jobs) {
      Element& e = *job_[j.id];
      Refs ls;
      for (const auto& r : j.ledgers) add_unique(ls, L(r));
      e.set("id", Value::string(j.id));
      e.set("kind", Value::string(j.kind));
      e.set("schedule", Value::string(j.schedule));
      e.set("ledgers", Value::elements(sorted(ls)));
      e.set("integration", Value::element(look(integ_, j.integration.name)));
    }
    for (std::size_t i = 0; i < m_.bottlenecks.size(); ++i) {
      const Bottleneck& b = m_.bottlenecks[i];
      Element& e = *bottlenecks_[i];
      e.set("resource", Value::string(b.resource));
      e.set("hot_keys", Value::string(b.hot_keys));
      e.set("limit", Value::string(b.limit));
      e.set("peak_rps", Value::maybe(b.peak_rps));
      e.set("capacity", Value::maybe(b.capacity));
      const Element* led = look(ledger_, b.resource);
      e.set("ledger", Value::element(led));
      if (led && !ledger_[b.resource]->get("bottleneck")->ref) ledger_[b.resource]->set("bottleneck", Value::element(&e));
    }
    for (const auto& b : m_.breaches) {
      Element& e = *breach_[b.id];
      e.set("id", Value::string(b.id));
      e.set("kind", Value::string(b.kind));
      e.set("title", Value::string(b.title));
      e.set("description", Value::string(b.description));
      Refs targets;
      for (const auto& t : b.targets) {
        const Element* x = look(ledger_, t.name);
        if (!x) x = look(integ_, t.name);
        if (!x) x = look(flow_, t.name);
        if (!x) x = look(step_, t.name);
        if (!x) x = look(tool_, t.name);
        if (!x) x = look(job_, t.name);
        add_unique(targets, x);
      }
      e.set("targets", Value::elements(sorted(targets)));
    }
  }

  // --- who writes what --------------------------------------------------------------------
  void writers() {
    for (const auto& f : m_.flows) {
      Element* fe = flow_[f.id];
      Refs flow_ledgers;
      for (std::size_t i = 0; i < f.steps.size(); ++i) {
        const Step& s = f.steps[i];
        Element* se = step_[f.id + "." + s.id];
        Refs ls;
        add_unique(ls, L(s.ledger));
        for (const auto& r : s.ledgers) add_unique(ls, L(r));
        add_unique(ls, L(s.to_ledger));
        // A ledger is written only by actions that change it.
        bool writes = s.action != "call" && s.action != "await" && s.action != "compute" && s.action != "verify" &&
                      s.action != "notify";
        ls = sorted(ls);  // a step's own list is unordered: by id
        if (writes)
          for (const Element* l : ls) {
            writers_[l].push_back(se);
            add_unique(writer_flows_[l], fe);
            add_unique(flow_ledgers, l);
          }
        const Element* call = look(op_, s.call.name);
        const Element* event = look(ev_, s.event.name);
        const Element* integ = call ? ref_of(call, "integration") : event ? ref_of(event, "integration") : nullptr;
        se->set("id", Value::string(s.id));
        se->set("key", Value::string(se->key));
        se->set("do", Value::string(s.action));
        se->set("idempotency_key", Value::string(s.idempotency_key));
        se->set("has_idempotency_key", Value::boolean(!s.idempotency_key.empty()));
        se->set("entity", Value::string(s.entity));
        se->set("to", Value::string(s.to.name));
        se->set("flow", Value::element(fe));
        se->set("ledger", Value::element(L(s.ledger) ? L(s.ledger) : ls.empty() ? nullptr : ls.front()));
        se->set("to_ledger", Value::element(L(s.to_ledger)));
        se->set("ledgers", Value::elements(ls));
        se->set("ledger_count", Value::number(static_cast<double>(ls.size())));
        se->set("call", Value::element(call));
        se->set("event", Value::element(event));
        se->set("integration", Value::element(integ));
        se->set("ttl", Value::maybe(s.ttl));
        Value timeout = Value::maybe(s.timeout);
        if (timeout.is_null() && s.timeout_ms) timeout = Value::duration(Duration::from_ms(*s.timeout_ms));
        if (timeout.is_null() && call && call->get("timeout")) timeout = *call->get("timeout");
        se->set("timeout", timeout);
        se->set("retries", Value::number(static_cast<double>(s.retries)));
        se->set("attempts", Value::number(static_cast<double>(s.retries + 1)));
        se->set("lifecycle", Value::element(s.action == "transition" ? look(lifecycle_, s.entity) : nullptr));
        bool money_ledger = false;
        for (const Element* l : ls) money_ledger = money_ledger || bool_of(l, "money");
        bool state_changing = in(s.action, {"reserve", "allocate", "authorize", "capture", "charge", "refund", "void",
                                            "credit", "debit", "transfer", "apply_discount", "transition", "write"});
        bool money_moving = in(s.action, {"authorize", "capture", "charge", "refund", "void"}) ||
                            (in(s.action, {"credit", "debit", "transfer"}) && money_ledger);
        // Notifications are best effort: retried, never compensated, so not a saga failure point.
        bool can_fail = s.action != "notify" &&
                        (call != nullptr || in(s.action, {"await", "allocate", "authorize", "capture", "charge",
                                                          "debit", "transfer", "compute"}));
        se->set("state_changing", Value::boolean(state_changing));
        se->set("money_moving", Value::boolean(money_moving));
        se->set("can_fail", Value::boolean(can_fail));
        if (call) {
          add_unique(op_callers_[call], se);
          add_unique(integ_flows_[integ], fe);
        }
        if (event) {
          add_unique(event_awaits_[event], se);
          add_unique(integ_flows_[integ], fe);
        }
      }
      fe->set("ledgers", Value::elements(flow_ledgers));
      bool money = false;
      for (const Element* l : flow_ledgers) money = money || bool_of(l, "money");
      fe->set("money", Value::boolean(money));
    }
    for (const auto& t : m_.tools)
      for (const auto& r : t.touches)
        if (L(r)) add_unique(ledger_tools_[L(r)], tool_[t.id]);
    for (const auto& l : m_.ledgers) {
      Element* e = ledger_[l.id];
      Refs w = sorted(writers_[e]);
      e->set("writers", Value::elements(w));
      e->set("writer_flows", Value::elements(sorted(writer_flows_[e])));
      e->set("written", Value::boolean(!w.empty()));
      e->set("tools", Value::elements(sorted(ledger_tools_[e])));
    }
  }

  // --- flows, triggers, retry arithmetic ---------------------------------------------------
  void flows_and_retries() {
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
      const auto& steps = fb_->flow_steps(fe);
      Refs ordered;
      if (g)
        for (int i : g->topo) ordered.push_back(steps[i]);
      fe->set("steps", Value::elements(ordered));
      fe->set("step_count", Value::number(static_cast<double>(steps.size())));
      fe->set("first_step", Value::element(ordered.empty() ? nullptr : ordered.front()));
      fe->set("last_step", Value::element(ordered.empty() ? nullptr : ordered.back()));
      Refs integs, calls, awaits;
      double max_total = 1;
      for (const Element* se : ordered) {
        Element* s = const_cast<Element*>(se);
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

  // --- saga completeness -------------------------------------------------------------------
  void saga() {
    for (const auto& f : m_.flows) {
      Element* fe = flow_[f.id];
      const auto& steps = fb_->flow_steps(fe);
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
        Element* s = const_cast<Element*>(steps[i]);
        const Refs& cs = comps[f.steps[i].id];
        s->set("compensations", Value::elements(cs));
        s->set("compensated", Value::boolean(!cs.empty()));
        const Element* lf = later[i] >= 0 ? steps[later[i]] : nullptr;
        s->set("later_failure", Value::element(lf));
        bool undoing = in(f.steps[i].action, {"release", "refund", "void"});
        bool unc = bool_of(s, "state_changing") && cs.empty() && !undoing && lf;
        s->set("uncompensated", Value::boolean(unc));
        if (unc) uncompensated.push_back(s);
      }
      fe->set("uncompensated", Value::elements(uncompensated));
    }
    for (auto& [key, se] : step_) se->set("compensates", Value::elements(sorted(compensates_[se])));
  }

  // --- timing conflicts --------------------------------------------------------------------
  void timing() {
    for (const auto& f : m_.flows) {
      Element* fe = flow_[f.id];
      const auto& steps = fb_->flow_steps(fe);
      const FlowGraph* g = fb_->graph(fe);
      std::vector<std::int64_t> wait(steps.size(), 0);
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const Element* s = steps[i];
        const Value* t = s->get("timeout");
        std::int64_t ms = t && t->type == Value::Type::Dur ? t->dur.total_ms() : 0;
        if (f.steps[i].action == "await" && ms == 0) {
          const Element* ev = ref_of(s, "event");
          const Value* md = ev ? ev->get("max_delay") : nullptr;
          if (md && md->type == Value::Type::Dur) ms = md->dur.total_ms();
        } else if (f.steps[i].action != "await") {
          // Saturating: timeouts x attempts beyond int64 stay "forever", not a wrapped number.
          double w = static_cast<double>(ms) * *num_of(s, "total_attempts");
          ms = w >= 9.2e18 ? INT64_MAX : static_cast<std::int64_t>(w);
        }
        wait[i] = ms;
      }
      // Group reserve steps by ledger: one longest-path pass per reserved ledger.
      std::map<const Element*, std::vector<std::size_t>> reserves;
      for (std::size_t i = 0; i < steps.size(); ++i) {
        Element* s = const_cast<Element*>(steps[i]);
        s->set("wait_before_allocate", Value{});
        s->set("ttl_too_short", Value::boolean(false));
        if (f.steps[i].action == "reserve" && ref_of(s, "ledger")) reserves[ref_of(s, "ledger")].push_back(i);
        bool shorter = false;
        if (f.steps[i].action == "await") {
          const Element* ev = ref_of(s, "event");
          const Value* md = ev ? ev->get("max_delay") : nullptr;
          const Value* t = s->get("timeout");
          shorter = md && t && md->type == Value::Type::Dur && t->type == Value::Type::Dur &&
                    t->dur.total_ms() < md->dur.total_ms();
        }
        s->set("await_shorter_than_delay", Value::boolean(shorter));
      }
      if (!g) continue;
      authorizations(f, steps, *g);
      for (const auto& [led, idxs] : reserves) {
        std::vector<char> target(steps.size(), 0);
        for (std::size_t i = 0; i < steps.size(); ++i)
          target[i] = f.steps[i].action == "allocate" && ref_of(steps[i], "ledger") == led;
        std::vector<std::int64_t> longest = longest_wait_to(*g, wait, target);
        for (std::size_t i : idxs) {
          if (longest[i] < 0) continue;
          Element* s = const_cast<Element*>(steps[i]);
          s->set("wait_before_allocate", Value::duration(Duration::from_ms(longest[i])));
          const Value* ttl = s->get("ttl");
          s->set("ttl_too_short",
                 Value::boolean(ttl && ttl->type == Value::Type::Dur && ttl->dur.total_ms() < longest[i]));
        }
      }
    }
  }

  // Card authorisations expire (7 days for customer-initiated, practice.md §5): an
  // authorisation whose capture happens only in another flow is a timing risk.
  void authorizations(const Flow& f, const std::vector<const Element*>& steps, const FlowGraph& g) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
      Element* s = const_cast<Element*>(steps[i]);
      s->set("captured_in_flow", Value::boolean(false));
      s->set("capture_elsewhere", Value{});
      if (f.steps[i].action != "authorize") continue;
      const Element* led = ref_of(s, "ledger");
      std::vector<char> capture(steps.size(), 0);
      for (std::size_t j = 0; j < steps.size(); ++j)
        capture[j] = in(f.steps[j].action, {"capture", "charge"}) && ref_of(steps[j], "ledger") == led;
      bool here = nearest_later_some(g, capture)[i] >= 0;
      s->set("captured_in_flow", Value::boolean(here));
      if (here || !led) continue;
      const Element* elsewhere = nullptr;
      for (const auto& v : led->get("writers")->list) {
        const Value* d = v.ref->get("do");
        if (d && d->str == "capture" && fb_->flow_of(v.ref) != flow_[f.id]) {
          elsewhere = v.ref;
          break;  // writers are sorted by key
        }
      }
      s->set("capture_elsewhere", Value::element(elsewhere));
    }
  }

  // --- lifecycles as state graphs ------------------------------------------------------------
  void lifecycles() {
    std::unordered_map<std::string, bool> declared_by;  // "flow.step" named in some `by`
    for (const auto& lc : m_.lifecycles) {
      Element* le = lifecycle_[lc.entity];
      StateGraph g = build_state_graph(lc);
      std::set<std::string> terminal;
      for (const auto& t : lc.terminal) terminal.insert(t.name);
      // Money transitions: by a money-moving step, by a payment/bank event, or into a paid-like state.
      std::vector<char> money(lc.transitions.size(), 0);
      std::vector<const Element*> trs;
      for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
        const Transition& t = lc.transitions[i];
        const Element* by_step = look(step_, t.by.name);
        if (by_step) declared_by[t.by.name] = true;
        const Element* by_event = t.by.name.rfind("event:", 0) == 0 ? look(ev_, t.by.name.substr(6)) : nullptr;
        const Element* ev_integ = by_event ? ref_of(by_event, "integration") : nullptr;
        const Value* ik = ev_integ ? ev_integ->get("kind") : nullptr;
        money[i] = bool_of(by_step, "money_moving") ||
                   (ik && (ik->str == "payment_gateway" || ik->str == "bank")) ||
                   in(t.to.name, {"paid", "captured", "charged", "settled", "deposited", "funded"});
      }
      std::vector<int> depth = state_depths(g, {});
      std::vector<int> depth_no_money = state_depths(g, money);
      // Fulfilment states: named so, or entered by a step that allocates.
      std::set<std::string> fulfil;
      for (const auto& s : g.states)
        if (in(s, {"shipped", "delivered", "issued", "used", "completed", "fulfilled", "settled", "sent",
                   "dispatched", "paid_out", "in_transit"}))
          fulfil.insert(s);
      for (const auto& t : lc.transitions) {
        const Element* by_step = look(step_, t.by.name);
        const Value* d = by_step ? by_step->get("do") : nullptr;
        if (d && d->str == "allocate") fulfil.insert(t.to.name);
      }
      auto cancel_like = [](const std::string& s) {
        return starts_with_any(s, {"cancel", "void", "expire", "fail", "reject", "declin"});
      };
      Refs terminal_exits, backward, cancel_after;
      for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
        const Transition& t = lc.transitions[i];
        std::string key = fmt::format("{}:{}->{}", lc.entity, t.from.name, t.to.name);
        // Several transitions between the same states differ by what drives them; naming the
        // driver keeps keys independent of the order they are listed in.
        std::size_t same = 0;
        for (const auto& u : lc.transitions) same += u.from.name == t.from.name && u.to.name == t.to.name;
        if (same > 1) key += "#" + t.by.name;
        Element* te = &fb_->add(Kind::Transition, key, t.loc);
        trs.push_back(te);
        std::string by_kind = t.by.name.rfind("event:", 0) == 0 ? "event"
                              : in(t.by.name, {"timer", "user", "operator"}) ? t.by.name
                                                                               : "step";
        int f = g.from[i], to = g.to[i];
        bool from_terminal = terminal.count(t.from.name) > 0;
        // Into a terminal state is an ending, not a step back (returned -> refunded).
        bool back = f >= 0 && to >= 0 && depth[f] >= 0 && depth[to] >= 0 && depth[to] < depth[f] &&
                    !terminal.count(t.to.name);
        bool after_money = f >= 0 && depth[f] >= 0 && depth_no_money[f] < 0 && cancel_like(t.to.name);
        bool cancel_fulfil = fulfil.count(t.from.name) && cancel_like(t.to.name);
        te->set("from", Value::string(t.from.name));
        te->set("to", Value::string(t.to.name));
        te->set("by", Value::string(t.by.name));
        te->set("by_kind", Value::string(by_kind));
        te->set("lifecycle", Value::element(le));
        te->set("by_step", Value::element(look(step_, t.by.name)));
        te->set("from_terminal", Value::boolean(from_terminal));
        te->set("backward", Value::boolean(back));
        te->set("after_money", Value::boolean(after_money));
        te->set("cancel_after_fulfilment", Value::boolean(cancel_fulfil));
        if (from_terminal) terminal_exits.push_back(te);
        if (back) backward.push_back(te);
        if (cancel_fulfil) cancel_after.push_back(te);
      }
      std::vector<std::string> unreachable, dead_ends, states;
      for (std::size_t i = 0; i < g.states.size(); ++i) {
        states.push_back(g.states[i]);
        if (depth[i] < 0) unreachable.push_back(g.states[i]);
        else if (!terminal.count(g.states[i]) && g.out[i].empty()) dead_ends.push_back(g.states[i]);
      }
      le->set("entity", Value::string(lc.entity));
      le->set("initial", Value::string(lc.initial.name));
      le->set("ledger", Value::element(L(lc.ledger)));
      le->set("states", Value::strings(sorted_strings(states)));
      le->set("terminal", Value::strings({terminal.begin(), terminal.end()}));
      le->set("transitions", Value::elements(sorted(trs)));
      le->set("unreachable", Value::strings(sorted_strings(unreachable)));
      le->set("dead_ends", Value::strings(sorted_strings(dead_ends)));
      le->set("terminal_exits", Value::elements(sorted(terminal_exits)));
      le->set("backward", Value::elements(sorted(backward)));
      le->set("cancel_after_fulfilment", Value::elements(sorted(cancel_after)));
    }
    for (auto& [key, se] : step_) {
      const Value* d = se->get("do");
      bool undeclared = d && d->str == "transition" && ref_of(se, "lifecycle") && !declared_by.count(key);
      se->set("undeclared_transition", Value::boolean(undeclared));
    }
  }

  // --- ledger coupling -----------------------------------------------------------------------
  // Ledgers written together are paired along the order of writing (a chain, not all pairs),
  // which keeps the pair count linear while still connecting every coupled ledger.
  void coupling() {
    std::map<std::pair<const Element*, const Element*>, std::pair<Refs, Refs>> pairs;  // -> flows, tools
    auto chain = [&](const Refs& ls, const Element* flow, const Element* tool) {
      for (std::size_t i = 1; i < ls.size(); ++i) {
        const Element *a = ls[i - 1], *b = ls[i];
        if (a == b) continue;
        if (b->key < a->key) std::swap(a, b);
        auto& entry = pairs[{a, b}];
        if (flow) add_unique(entry.first, flow);
        if (tool) add_unique(entry.second, tool);
      }
    };
    for (const auto& f : m_.flows) {
      const Element* fe = flow_[f.id];
      Refs chain_ls;  // the flow's ledgers in order of first write along the topological order
      const FlowGraph* g = fb_->graph(fe);
      const auto& steps = fb_->flow_steps(fe);
      if (g)
        for (int i : g->topo) {
          const Value* sl = steps[i]->get("ledgers");
          if (!bool_of(steps[i], "state_changing")) continue;
          for (const auto& v : sl->list) add_unique(chain_ls, v.ref);
        }
      chain(chain_ls, fe, nullptr);
    }
    for (const auto& t : m_.tools) {
      const Element* te = tool_[t.id];
      Refs ls;
      for (const auto& v : te->get("touches")->list) ls.push_back(v.ref);
      chain(sorted(ls), nullptr, te);
    }
    std::map<const Element*, Refs> coupled;
    for (auto& [ab, ft] : pairs) {
      auto [a, b] = ab;
      Element* pe = &fb_->add(Kind::LedgerPair, a->key + "+" + b->key, a->loc);
      auto rank = [&](const Element* l) {
        return (ref_of(l, "authority") ? 2 : 0) + (bool_of(l, "money") ? 1 : 0);
      };
      const Element* source = rank(b) > rank(a) ? b : a;
      const Element* other = source == a ? b : a;
      const Element* reconciler = nullptr;
      for (const auto& j : m_.jobs) {
        if (j.kind != "reconciliation" && j.kind != "settlement") continue;
        const Element* je = job_[j.id];
        bool has_a = false, has_b = false;
        for (const auto& v : je->get("ledgers")->list) {
          has_a = has_a || v.ref == a;
          has_b = has_b || v.ref == b;
        }
        if (has_a && has_b) {
          reconciler = je;
          break;
        }
      }
      pe->set("a", Value::element(a));
      pe->set("b", Value::element(b));
      pe->set("source", Value::element(source));
      pe->set("other", Value::element(other));
      pe->set("flows", Value::elements(sorted(ft.first)));
      pe->set("tools", Value::elements(sorted(ft.second)));
      pe->set("reconciler", Value::element(reconciler));
      pe->set("reconciled", Value::boolean(reconciler != nullptr));
      add_unique(coupled[a], b);
      add_unique(coupled[b], a);
    }
    for (auto& [id, le] : ledger_) le->set("coupled", Value::elements(sorted(coupled[le])));
  }

  // --- reconciliation and retention ---------------------------------------------------------
  void data_lifecycle() {
    std::map<const Element*, Refs> recon, purge;
    for (const auto& j : m_.jobs) {
      const Element* je = job_[j.id];
      Refs conflicts;
      for (const auto& v : je->get("ledgers")->list) {
        if (j.kind == "reconciliation" || j.kind == "settlement") add_unique(recon[v.ref], je);
        if (j.kind == "retention_purge") {
          add_unique(purge[v.ref], je);
          const Value* r = v.ref->get("retention");
          if (r && !r->is_null()) conflicts.push_back(v.ref);
        }
      }
      const_cast<Element*>(je)->set("retention_conflicts", Value::elements(conflicts));
    }
    for (const auto& l : m_.ledgers) {
      Element* le = ledger_[l.id];
      // The step that most likely creates the records: not a transition or an undo, in a flow a
      // person starts (not an event or a schedule), earliest in its flow, then by key.
      const Element* creator = nullptr;
      auto rank = [&](const Element* st) {
        const std::string& d = st->get("do")->str;
        bool later = d == "transition" || d == "release" || d == "refund" || d == "void";
        const Value* tk = fb_->flow_of(st) ? fb_->flow_of(st)->get("trigger_kind") : nullptr;
        bool reactive = tk && (tk->str == "event" || tk->str == "schedule");
        return std::make_tuple(later ? 1 : 0, reactive ? 1 : 0, st->ordinal, st->key);
      };
      for (const auto& v : le->get("writers")->list)
        if (!creator || rank(v.ref) < rank(creator)) creator = v.ref;
      le->set("first_writer", Value::element(creator));
      Refs reports;
      const Element* auth = ref_of(le, "authority");
      if (auth && bool_of(auth, "has_report")) add_unique(reports, auth);
      for (const auto& v : le->get("writers")->list) {
        const Element* integ = ref_of(v.ref, "integration");
        if (integ && bool_of(integ, "has_report")) add_unique(reports, integ);
      }
      Refs rj = sorted(recon[le]), pj = sorted(purge[le]);
      le->set("reconcile_jobs", Value::elements(rj));
      le->set("report_integrations", Value::elements(sorted(reports)));
      le->set("reconciled", Value::boolean(!rj.empty() || !reports.empty()));
      le->set("purge_jobs", Value::elements(pj));
      le->set("purged", Value::boolean(!pj.empty()));
      le->set("purge_before_retention", Value::boolean(!pj.empty() && l.retention.has_value()));
      std::optional<double> peak;
      const Element* bn = ref_of(le, "bottleneck");
      if (bn) peak = num_of(bn, "peak_rps");
      if (!peak) {
        double sum = 0;
        bool any = false;
        for (const auto& v : le->get("writer_flows")->list)
          if (auto p = num_of(v.ref, "peak_rps")) {
            sum += *p;
            any = true;
          }
        if (any) peak = sum;
      }
      le->set("peak_rps", Value::maybe(peak));
    }
    for (const Element* b : bottlenecks_) {
      const Element* led = ref_of(b, "ledger");
      const_cast<Element*>(b)->set("flows", led ? *led->get("writer_flows") : Value::elements({}));
    }
    // Breaches that target a step, its flow or its ledger.
    std::map<const Element*, Refs> hits;
    for (const auto& [id, be] : breach_)
      for (const auto& v : be->get("targets")->list) add_unique(hits[v.ref], be);
    for (auto& [key, se] : step_) {
      Refs bs = hits[se];
      for (const Element* b : hits[fb_->flow_of(se)]) add_unique(bs, b);
      for (const auto& v : se->get("ledgers")->list)
        for (const Element* b : hits[v.ref]) add_unique(bs, b);
      se->set("breaches", Value::elements(sorted(bs)));
      const Element* bn = nullptr;
      for (const auto& v : se->get("ledgers")->list)
        if (!bn) bn = ref_of(v.ref, "bottleneck");
      se->set("bottleneck", Value::element(bn));
    }
    const Element* audit = nullptr;
    for (const auto& l : m_.ledgers)
      if (l.kind == "audit" && (!audit || l.id < audit->key)) audit = ledger_[l.id];
    for (auto& [id, te] : tool_) te->set("audit_ledger", Value::element(audit));
  }

  // --- the service as a whole ------------------------------------------------------------------
  void service_summary() {
    Element& s = *service_;
    auto all = [&](auto& map) {
      Refs v;
      for (auto& [k, e] : map) v.push_back(e);
      return Value::elements(sorted(v));
    };
    s.set("ledgers", all(ledger_));
    s.set("flows", all(flow_));
    s.set("integrations", all(integ_));
    s.set("tools", all(tool_));
    s.set("jobs", all(job_));
    s.set("lifecycles", all(lifecycle_));
    s.set("breaches", all(breach_));
    s.set("bottlenecks", Value::elements(sorted({bottlenecks_.begin(), bottlenecks_.end()})));
    Refs money, scarce, pii, audit;
    for (const auto& l : m_.ledgers) {
      const Element* e = ledger_[l.id];
      if (l.money) money.push_back(e);
      if (l.scarce) scarce.push_back(e);
      if (l.pii) pii.push_back(e);
      if (l.kind == "audit") audit.push_back(e);
    }
    money = sorted(money), scarce = sorted(scarce), pii = sorted(pii), audit = sorted(audit);
    s.set("money_ledgers", Value::elements(money));
    s.set("scarce_ledgers", Value::elements(scarce));
    s.set("pii_ledgers", Value::elements(pii));
    s.set("audit_ledgers", Value::elements(audit));
    s.set("main_money_ledger", Value::element(money.empty() ? nullptr : money.front()));
    s.set("main_scarce_ledger", Value::element(scarce.empty() ? nullptr : scarce.front()));
    s.set("main_pii_ledger", Value::element(pii.empty() ? nullptr : pii.front()));
    s.set("audit_ledger", Value::element(audit.empty() ? nullptr : audit.front()));
    // main_flow: highest peak_rps, then most steps, then id.
    const Element* main_flow = nullptr;
    auto better_flow = [&](const Element* a, const Element* b) {
      double pa = num_of(a, "peak_rps").value_or(-1), pb = num_of(b, "peak_rps").value_or(-1);
      if (pa != pb) return pa > pb;
      double sa = *num_of(a, "step_count"), sb = *num_of(b, "step_count");
      if (sa != sb) return sa > sb;
      return a->key < b->key;
    };
    for (auto& [id, fe] : flow_)
      if (!main_flow || better_flow(fe, main_flow)) main_flow = fe;
    s.set("main_flow", Value::element(main_flow));
    const Element* main_ledger = nullptr;
    auto better_ledger = [&](const Element* a, const Element* b) {
      bool ma = bool_of(a, "money"), mb = bool_of(b, "money");
      if (ma != mb) return ma;
      std::size_t wa = a->get("writers")->list.size(), wb = b->get("writers")->list.size();
      if (wa != wb) return wa > wb;
      return a->key < b->key;
    };
    for (auto& [id, le] : ledger_)
      if (!main_ledger || better_ledger(le, main_ledger)) main_ledger = le;
    s.set("main_ledger", Value::element(main_ledger));
    const Element* main_integ = nullptr;
    for (auto& [id, ie] : integ_) {
      if (!main_integ) {
        main_integ = ie;
        continue;
      }
      double a = *num_of(ie, "dependent_flow_count"), b = *num_of(main_integ, "dependent_flow_count");
      if (a > b || (a == b && ie->key < main_integ->key)) main_integ = ie;
    }
    s.set("main_integration", Value::element(main_integ));
    Refs recon, purge;
    for (auto& [id, je] : job_) {
      const std::string& k = je->get("kind")->str;
      if (k == "reconciliation" || k == "settlement") recon.push_back(je);
      if (k == "retention_purge") purge.push_back(je);
    }
    s.set("reconciliation_jobs", Value::elements(sorted(recon)));
    s.set("purge_jobs", Value::elements(sorted(purge)));
    std::set<std::string> ents;
    for (const auto& l : m_.ledgers)
      if (!l.entity.empty() && !lifecycle_.count(l.entity)) ents.insert(l.entity);
    for (const auto& f : m_.flows)
      for (const auto& st : f.steps)
        if (!st.entity.empty() && !lifecycle_.count(st.entity)) ents.insert(st.entity);
    s.set("entities_without_lifecycle", Value::strings({ents.begin(), ents.end()}));
    s.set("uncovered_breaches", Value::elements({}));
  }

  const Model& m_;
  ModelIndex ix_;
  std::vector<FlowGraph> graphs_;
  std::unique_ptr<FactBase> fb_;
  Element* service_ = nullptr;
  // std::map keeps every derived list in key order, so no hash order reaches the output.
  std::map<std::string, Element*> ledger_, integ_, op_, ev_, flow_, step_, lifecycle_, tool_, job_, breach_;
  std::vector<Element*> bottlenecks_;
  std::map<const Element*, Refs> writers_, writer_flows_, ledger_tools_, op_callers_, event_awaits_, event_triggers_,
      integ_flows_, compensates_;
  std::map<const Element*, double> op_load_;
};

}  // namespace

std::unique_ptr<FactBase> derive_facts(const Model& m, std::vector<FlowGraph> graphs) {
  return Builder(m, std::move(graphs)).run();
}

}  // namespace pf
