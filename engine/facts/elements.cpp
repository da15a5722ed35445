// Element creation, plain attributes from the model, and who writes what.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

namespace {
// The provider's name: its text before a parenthesised remark ("Hana Bank API (fixed-length
// messages over VPN)" is "Hana Bank API"), trimmed; the whole text when nothing is left.
std::string provider_name(const std::string& text) {
  std::size_t cut = std::min(text.find('('), text.find("\xEF\xBC\x88"));  // ( or fullwidth （
  std::string name = text.substr(0, cut);
  while (!name.empty() && (name.back() == ' ' || name.back() == ',' || name.back() == '-')) name.pop_back();
  return name.empty() ? text : name;
}
}  // namespace

// --- element creation -------------------------------------------------------------------
void FactBuilder::create() {
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
    auto& own = own_steps_[fe];
    for (std::size_t i = 0; i < f.steps.size(); ++i) {
      Element* se = &fb_->add(Kind::Step, f.id + "." + f.steps[i].id, f.steps[i].loc);
      se->ordinal = static_cast<int>(i);
      step_[se->key] = se;
      steps.push_back(se);
      own.push_back(se);
    }
    fb_->graphs.emplace(fe, fi < graphs_.size() ? std::move(graphs_[fi]) : FlowGraph{});
  }
  for (const auto& lc : m_.lifecycles) lifecycle_[lc.entity] = &fb_->add(Kind::Lifecycle, lc.entity, lc.loc);
  for (const auto& t : m_.tools) tool_[t.id] = &fb_->add(Kind::Tool, t.id, t.loc);
  for (const auto& j : m_.jobs) job_[j.id] = &fb_->add(Kind::Job, j.id, j.loc);
  for (const auto& b : m_.bottlenecks) bottlenecks_.push_back(&fb_->add(Kind::Bottleneck, "bottleneck:" + b.resource, b.loc));
  for (const auto& b : m_.breaches) breach_[b.id] = &fb_->add(Kind::Breach, b.id, b.loc);
}

// --- plain attributes -------------------------------------------------------------------
void FactBuilder::basics() {
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
    e.set("provider_name", Value::string(provider_name(g.provider)));
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
void FactBuilder::writers() {
  for (const auto& f : m_.flows) {
    Element* fe = flow_[f.id];
    Refs flow_ledgers;  // in the order the flow first writes them: along its graph, not its listing
    const FlowGraph* g = fb_->graph(fe);
    std::vector<int> order;
    if (g && g->topo.size() == f.steps.size()) order = g->topo;
    else
      for (std::size_t i = 0; i < f.steps.size(); ++i) order.push_back(static_cast<int>(i));
    for (int i : order) {
      const Step& s = f.steps[static_cast<std::size_t>(i)];
      Element* se = step_[f.id + "." + s.id];
      Refs ls;
      add_unique(ls, L(s.ledger));
      for (const auto& r : s.ledgers) add_unique(ls, L(r));
      add_unique(ls, L(s.to_ledger));
      // A ledger is written only by actions that change it (the action table's writes_ledger).
      const ActionTraits* tr = s.action ? &traits(*s.action) : nullptr;
      bool writes = tr && tr->writes_ledger;
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
      se->set("do", Value::string(tr ? std::string(tr->name) : std::string()));
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
      se->set("lifecycle", Value::element(s.action == Action::Transition ? look(lifecycle_, s.entity) : nullptr));
      bool money_ledger = false;
      for (const Element* l : ls) money_ledger = money_ledger || bool_of(l, "money");
      bool state_changing = tr && tr->changes_state;
      bool money_moving = tr && (tr->moves_money == MoneyTrait::Always ||
                                 (tr->moves_money == MoneyTrait::OnMoneyLedger && money_ledger));
      // Notifications are best effort: retried, never compensated, so not a saga failure point.
      bool can_fail = tr && tr->can_fail != FailTrait::Never &&
                      (call != nullptr || tr->can_fail == FailTrait::Always);
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

}  // namespace pf::facts_detail
