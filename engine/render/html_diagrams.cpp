// The report's diagrams: each flow and lifecycle drawn by Graphviz, with the steps and
// transitions that catalog items name marked and linked to the first such item.
#include <fmt/format.h>

#include <set>

#include "graph/dot.h"
#include "render/html_report.h"

namespace pf {

namespace {

/// Which items name an element: anchors ("#policy-3") and ids, in catalog order.
struct Naming {
  std::vector<std::string> anchors, ids;
  std::set<int> policies;
  void add(const std::string& anchor, const std::string& id, int policy) {
    if (ids.empty() || ids.back() != id) {
      anchors.push_back(anchor);
      ids.push_back(id);
    }
    if (policy >= 0) policies.insert(policy);
  }
  DotMark mark() const {
    std::string tip;
    for (const auto& id : ids) tip += (tip.empty() ? "" : "\n") + id;
    return DotMark{anchors.front(), tip};
  }
};

/// Calls f(kind, key, loc, anchor, item id, policy index or -1) for every element every
/// failure mode and policy names; policies first, so that marks link to the policy.
template <typename F>
void each_named(const Catalog& c, F&& f) {
  for (std::size_t i = 0; i < c.policies.size(); ++i)
    for (const auto& e : c.policies[i].provenance.elements)
      f(e, fmt::format("#policy-{}", i + 1), c.policies[i].id, static_cast<int>(i));
  for (std::size_t i = 0; i < c.failure_modes.size(); ++i)
    for (const auto& e : c.failure_modes[i].provenance.elements)
      f(e, fmt::format("#fm-{}", i + 1), c.failure_modes[i].id, -1);
}

bool same_place(const Loc& a, const Loc& b) { return a.line > 0 && a.line == b.line && a.col == b.col; }

bool draw(HtmlDiagram& d, const std::string& dot_path, const std::string& dot, Diagnostics& diags) {
  SvgResult r = dot_to_svg(dot_path, dot);
  if (!r.error.empty()) {
    diags.error(Loc{std::make_shared<const std::string>(dot_path), 0, 0},
                fmt::format("Graphviz could not draw {}: {}", d.title, r.error));
    return false;
  }
  d.svg = std::move(r.svg);
  return true;
}

}  // namespace

bool add_diagrams(HtmlPage& page, const Model& m, const std::string& dot_path, Diagnostics& diags) {
  const Catalog& c = *page.catalog;
  for (std::size_t fi = 0; fi < m.flows.size(); ++fi) {
    const Flow& f = m.flows[fi];
    Diagnostics scratch;  // the model was checked before; a cycle here only means no order
    FlowGraph g = build_flow_graph(f, scratch);
    std::map<int, Naming> steps;
    std::set<int> named;
    each_named(c, [&](const Provenance::Bound& e, const std::string& anchor, const std::string& id, int policy) {
      if (e.kind == "flow" && e.key == f.id && policy >= 0) named.insert(policy);
      if (e.kind != "step" || e.key.rfind(f.id + ".", 0) != 0) return;
      for (std::size_t s = 0; s < f.steps.size(); ++s)
        if (e.key == f.id + "." + f.steps[s].id) steps[static_cast<int>(s)].add(anchor, id, policy);
    });
    std::map<int, DotMark> marks;
    for (const auto& [s, n] : steps) {
      marks[s] = n.mark();
      named.insert(n.policies.begin(), n.policies.end());
    }
    HtmlDiagram d{fmt::format("flow-{}", fi + 1), f.id, f.description, {}, {named.begin(), named.end()}};
    if (!draw(d, dot_path, flow_dot(f, g, marks, d.anchor), diags)) return false;
    page.flows.push_back(std::move(d));
  }
  for (std::size_t li = 0; li < m.lifecycles.size(); ++li) {
    const Lifecycle& lc = m.lifecycles[li];
    StateGraph g = build_state_graph(lc);
    std::map<int, Naming> transitions;
    std::set<int> named;
    each_named(c, [&](const Provenance::Bound& e, const std::string& anchor, const std::string& id, int policy) {
      if (e.kind == "lifecycle" && e.key == lc.entity && policy >= 0) named.insert(policy);
      if (e.kind != "transition" || e.key.rfind(lc.entity + ":", 0) != 0) return;
      for (std::size_t t = 0; t < lc.transitions.size(); ++t)
        if (same_place(e.loc, lc.transitions[t].loc)) transitions[static_cast<int>(t)].add(anchor, id, policy);
    });
    std::map<int, DotMark> marks;
    for (const auto& [t, n] : transitions) {
      marks[t] = n.mark();
      named.insert(n.policies.begin(), n.policies.end());
    }
    HtmlDiagram d{fmt::format("lifecycle-{}", li + 1), lc.entity, {}, {}, {named.begin(), named.end()}};
    if (!draw(d, dot_path, lifecycle_dot(lc, g, marks, d.anchor), diags)) return false;
    page.lifecycles.push_back(std::move(d));
  }
  return true;
}

}  // namespace pf
