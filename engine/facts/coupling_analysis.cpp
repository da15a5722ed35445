// Ledger coupling: ledgers written together are paired, with their source of truth and reconciler.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- ledger coupling -----------------------------------------------------------------------
// Ledgers written together are paired along the order of writing (a chain, not all pairs),
// which keeps the pair count linear while still connecting every coupled ledger. A flow's
// money ledgers are what its other ledgers must reconcile against, so each ledger the flow
// writes is also paired with the flow's first kMoneyAnchors money ledgers, adjacent or not:
// at most (1 + kMoneyAnchors) pairs per ledger written, still linear.
constexpr std::size_t kMoneyAnchors = 2;
void FactBuilder::coupling() {
  std::map<std::pair<const Element*, const Element*>, std::pair<Refs, Refs>> pairs;  // -> flows, tools
  auto pair = [&](const Element* a, const Element* b, const Element* flow, const Element* tool) {
    if (a == b) return;
    if (b->key < a->key) std::swap(a, b);
    auto& entry = pairs[{a, b}];
    if (flow) add_unique(entry.first, flow);
    if (tool) add_unique(entry.second, tool);
  };
  auto chain = [&](const Refs& ls, const Element* flow, const Element* tool) {
    for (std::size_t i = 1; i < ls.size(); ++i) pair(ls[i - 1], ls[i], flow, tool);
  };
  // Each ledger of a flow with the flow's first money ledgers (in order of writing).
  auto anchor = [&](const Refs& ls, const Element* flow) {
    Refs money;
    for (const Element* l : ls)
      if (bool_of(l, "money") && money.size() < kMoneyAnchors) money.push_back(l);
    for (const Element* m : money)
      for (const Element* l : ls) pair(m, l, flow, nullptr);
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
    anchor(chain_ls, fe);
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
      if (!job_kind_reconciles(j.kind)) continue;
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
    // A pair is found along one writer's chain, but a text saying "only X writes both" needs
    // every writer of both: any flow writing a and b, any tool touching a and b.
    Refs flows = ft.first, tools = ft.second;
    for (const auto& v : a->get("writer_flows")->list)
      for (const auto& w : b->get("writer_flows")->list)
        if (v.ref == w.ref) add_unique(flows, v.ref);
    for (const auto& v : a->get("tools")->list)
      for (const auto& w : b->get("tools")->list)
        if (v.ref == w.ref) add_unique(tools, v.ref);
    pe->set("flows", Value::elements(sorted(flows)));
    pe->set("tools", Value::elements(sorted(tools)));
    pe->set("reconciler", Value::element(reconciler));
    pe->set("reconciled", Value::boolean(reconciler != nullptr));
    add_unique(coupled[a], b);
    add_unique(coupled[b], a);
  }
  for (auto& [id, le] : ledger_) le->set("coupled", Value::elements(sorted(coupled[le])));
}

}  // namespace pf::facts_detail
