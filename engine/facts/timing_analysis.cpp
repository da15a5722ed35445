// Timing conflicts: hold TTLs shorter than the waits before allocation, awaits shorter than the
// provider's delivery window, and authorisations captured only in another flow.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- timing conflicts --------------------------------------------------------------------
void FactBuilder::timing() {
  for (const auto& f : m_.flows) {
    Element* fe = flow_[f.id];
    const auto& steps = own_steps(fe);
    const FlowGraph* g = fb_->graph(fe);
    std::vector<std::int64_t> wait(steps.size(), 0);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Element* s = steps[i];
      const Value* t = s->get("timeout");
      std::int64_t ms = t && t->type == Value::Type::Dur ? t->dur.total_ms() : 0;
      if (f.steps[i].action == Action::Await && ms == 0) {
        const Element* ev = ref_of(s, "event");
        const Value* md = ev ? ev->get("max_delay") : nullptr;
        if (md && md->type == Value::Type::Dur) ms = md->dur.total_ms();
      } else {
        // A call waits its timeout on every attempt (step and client retries); an await waits
        // its own timeout on each of its own attempts (`retries:` re-offers, re-waits).
        // Saturating: timeouts x attempts beyond int64 stay "forever", not a wrapped number.
        const char* n = f.steps[i].action == Action::Await ? "attempts" : "total_attempts";
        double w = static_cast<double>(ms) * num_of(s, n).value_or(1.0);
        ms = w >= 9.2e18 ? INT64_MAX : static_cast<std::int64_t>(w);
      }
      wait[i] = ms;
    }
    // Group reserve steps by ledger: one longest-path pass per reserved ledger.
    std::map<const Element*, std::vector<std::size_t>> reserves;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      Element* s = steps[i];
      s->set("wait_before_allocate", Value{});
      s->set("ttl_too_short", Value::boolean(false));
      if (f.steps[i].action == Action::Reserve && ref_of(s, "ledger")) reserves[ref_of(s, "ledger")].push_back(i);
      bool shorter = false;
      if (f.steps[i].action == Action::Await) {
        const Element* ev = ref_of(s, "event");
        const Value* md = ev ? ev->get("max_delay") : nullptr;
        const Value* t = s->get("timeout");
        shorter = md && t && md->type == Value::Type::Dur && t->type == Value::Type::Dur &&
                  t->dur.total_ms() < md->dur.total_ms();
      }
      s->set("await_shorter_than_delay", Value::boolean(shorter));
    }
    if (!g) continue;
    authorizations(f, fe, *g);
    for (const auto& [led, idxs] : reserves) {
      std::vector<char> target(steps.size(), 0);
      for (std::size_t i = 0; i < steps.size(); ++i)
        target[i] = f.steps[i].action == Action::Allocate && ref_of(steps[i], "ledger") == led;
      std::vector<std::int64_t> longest = longest_wait_to(*g, wait, target);
      for (std::size_t i : idxs) {
        if (longest[i] < 0) continue;
        Element* s = steps[i];
        s->set("wait_before_allocate", Value::duration(Duration::from_ms(longest[i])));
        const Value* ttl = s->get("ttl");
        s->set("ttl_too_short",
               Value::boolean(ttl && ttl->type == Value::Type::Dur && ttl->dur.total_ms() < longest[i]));
      }
    }
  }
}

// Card authorisations expire (7 days for customer-initiated, docs/references.md#card-authorisation-validity): an
// authorisation whose capture happens only in another flow is a timing risk.
void FactBuilder::authorizations(const Flow& f, const Element* fe, const FlowGraph& g) {
  const auto& steps = own_steps(fe);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Element* s = steps[i];
    s->set("captured_in_flow", Value::boolean(false));
    s->set("capture_elsewhere", Value{});
    if (f.steps[i].action != Action::Authorize) continue;
    const Element* led = ref_of(s, "ledger");
    std::vector<char> capture(steps.size(), 0);
    for (std::size_t j = 0; j < steps.size(); ++j)
      capture[j] = (f.steps[j].action == Action::Capture || f.steps[j].action == Action::Charge) && ref_of(steps[j], "ledger") == led;
    bool here = nearest_later_some(g, capture)[i] >= 0;
    s->set("captured_in_flow", Value::boolean(here));
  }
}

// An authorisation not captured in its own flow names the capture it waits for (after
// lifecycles(), which says which steps cancel): the first by key in another flow, preferring one
// whose flow cancels no entity (the fare captured at drop-off, not a cancellation fee).
void FactBuilder::captures_elsewhere() {
  std::unordered_map<const Element*, bool> cancels;  // flow -> some step of it cancels
  for (const Element* st : fb_->of(Kind::Step))
    if (bool_of(st, "cancels")) cancels[fb_->flow_of(st)] = true;
  for (const Element* st : fb_->of(Kind::Step)) {
    // captured_in_flow is set only for flows whose graph authorizations() could walk.
    const Value* here = st->get("captured_in_flow");
    const Element* led = ref_of(st, "ledger");
    if (st->get("do")->str != "authorize" || !here || here->b || !led) continue;
    const Element* own = fb_->flow_of(st);
    const Element* elsewhere = nullptr;
    const Element* in_cancel = nullptr;
    for (const auto& v : led->get("writers")->list) {  // sorted by key
      const Element* cf = fb_->flow_of(v.ref);
      if (v.ref->get("do")->str != "capture" || cf == own) continue;
      if (!cancels.count(cf)) {
        elsewhere = v.ref;
        break;
      }
      if (!in_cancel) in_cancel = v.ref;
    }
    step_[st->key]->set("capture_elsewhere", Value::element(elsewhere ? elsewhere : in_cancel));
  }
}

}  // namespace pf::facts_detail
