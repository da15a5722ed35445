#include "graph/flow_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <fmt/format.h>
#include <iterator>
#include <queue>
#include <unordered_map>

namespace pf {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

/// Records the first back edge the DFS meets: its presence means a cycle.
struct CycleFinder : public boost::default_dfs_visitor {
  Edge* found;
  bool* has;
  std::vector<int>* parent;
  CycleFinder(Edge* e, bool* h, std::vector<int>* p) : found(e), has(h), parent(p) {}
  void tree_edge(Edge e, const Graph& g) {
    (*parent)[boost::target(e, g)] = static_cast<int>(boost::source(e, g));
  }
  void back_edge(Edge e, const Graph&) {
    if (!*has) {
      *found = e;
      *has = true;
    }
  }
};

}  // namespace

FlowGraph build_flow_graph(const Flow& f, Diagnostics& diags) {
  FlowGraph fg;
  fg.flow = &f;
  const std::size_t n = f.steps.size();
  fg.succ.assign(n, {});
  fg.pred.assign(n, {});
  std::unordered_map<std::string, int> at;
  for (std::size_t i = 0; i < n; ++i) at.emplace(f.steps[i].id, static_cast<int>(i));
  Graph g(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Step& s = f.steps[i];
    if (s.has_after) {
      for (const auto& a : s.after) {
        auto it = at.find(a.name);
        if (it == at.end()) continue;  // reported by validation
        fg.pred[i].push_back(it->second);
        fg.succ[it->second].push_back(static_cast<int>(i));
      }
    } else if (i > 0) {
      fg.pred[i].push_back(static_cast<int>(i - 1));
      fg.succ[i - 1].push_back(static_cast<int>(i));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (auto* v : {&fg.succ[i], &fg.pred[i]}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    for (int t : fg.succ[i]) boost::add_edge(i, static_cast<std::size_t>(t), g);
  }
  Edge back;
  bool has_cycle = false;
  std::vector<boost::default_color_type> color(n);
  std::vector<int> parent(n, -1);
  boost::depth_first_search(g, boost::visitor(CycleFinder(&back, &has_cycle, &parent))
                                   .color_map(boost::make_iterator_property_map(color.begin(),
                                                                                boost::get(boost::vertex_index, g))));
  if (has_cycle) {
    fg.acyclic = false;
    // Spell the cycle out: the DFS tree path from the back edge's target down to its source.
    int from = static_cast<int>(boost::source(back, g)), to = static_cast<int>(boost::target(back, g));
    std::vector<int> path{from};
    for (int cur = from; cur != to && cur >= 0 && path.size() <= n;) {
      cur = parent[cur];
      if (cur >= 0) path.push_back(cur);
    }
    std::string spelled;
    for (auto it = path.rbegin(); it != path.rend(); ++it) spelled += f.steps[*it].id + " -> ";
    spelled += f.steps[to].id;
    Loc loc = f.steps[to].loc;
    for (const auto& a : f.steps[to].after)
      if (a.name == f.steps[from].id) loc = a.loc;
    diags.error(loc, fmt::format("cycle in the 'after' order of flow '{}': {}", f.id, spelled));
    fg.topo.resize(n);
    for (std::size_t i = 0; i < n; ++i) fg.topo[i] = static_cast<int>(i);
  } else {
    // Kahn's algorithm, always taking the ready step listed first, so parallel branches come
    // out in the order the model lists them (a DFS order would reverse them).
    std::vector<int> indegree(n, 0);
    for (std::size_t i = 0; i < n; ++i) indegree[i] = static_cast<int>(fg.pred[i].size());
    std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
    for (std::size_t i = 0; i < n; ++i)
      if (indegree[i] == 0) ready.push(static_cast<int>(i));
    while (!ready.empty()) {
      int v = ready.top();
      ready.pop();
      fg.topo.push_back(v);
      for (int w : fg.succ[v])
        if (--indegree[w] == 0) ready.push(w);
    }
  }
  fg.rank.assign(n, 0);
  for (std::size_t i = 0; i < fg.topo.size(); ++i) fg.rank[fg.topo[i]] = static_cast<int>(i);
  return fg;
}

namespace {

// One DP for the four "nearest" queries: walk the order backwards (later) or forwards
// (earlier), combining the neighbours on the far side.
std::vector<int> nearest(const FlowGraph& g, const std::vector<char>& hit, bool later, bool every) {
  const std::size_t n = g.topo.size();
  std::vector<int> out(n, -1);
  if (!g.acyclic) return out;
  const auto& next = later ? g.succ : g.pred;
  auto closer = [&](int a, int b) {
    if (a < 0) return b;
    if (b < 0) return a;
    return later ? (g.rank[a] < g.rank[b] ? a : b) : (g.rank[a] > g.rank[b] ? a : b);
  };
  for (std::size_t k = 0; k < n; ++k) {
    int v = later ? g.topo[n - 1 - k] : g.topo[k];
    int best = -1;
    bool all = !next[v].empty();
    for (int w : next[v]) {
      int cand = hit[w] ? w : out[w];
      if (cand < 0) all = false;
      best = closer(best, cand);
    }
    out[v] = every ? (all ? best : -1) : best;
  }
  return out;
}

}  // namespace

std::vector<int> nearest_later_some(const FlowGraph& g, const std::vector<char>& hit) {
  return nearest(g, hit, true, false);
}
std::vector<int> nearest_later_every(const FlowGraph& g, const std::vector<char>& hit) {
  return nearest(g, hit, true, true);
}
std::vector<int> nearest_earlier_some(const FlowGraph& g, const std::vector<char>& hit) {
  return nearest(g, hit, false, false);
}
std::vector<int> nearest_earlier_every(const FlowGraph& g, const std::vector<char>& hit) {
  return nearest(g, hit, false, true);
}

std::vector<std::int64_t> longest_wait_to(const FlowGraph& g, const std::vector<std::int64_t>& weight,
                                          const std::vector<char>& target) {
  const std::size_t n = g.topo.size();
  std::vector<std::int64_t> out(n, -1);
  if (!g.acyclic) return out;
  for (std::size_t k = 0; k < n; ++k) {
    int v = g.topo[n - 1 - k];
    std::int64_t best = -1;
    for (int w : g.succ[v]) {
      if (target[w]) best = std::max<std::int64_t>(best, 0);
      // Saturating: absurd waits must not wrap around to "no wait".
      else if (out[w] >= 0)
        best = std::max(best, weight[w] > INT64_MAX - out[w] ? INT64_MAX : weight[w] + out[w]);
    }
    out[v] = best;
  }
  return out;
}

}  // namespace pf
