#include "graph/state_graph.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <unordered_map>

namespace pf {

StateGraph build_state_graph(const Lifecycle& lc) {
  StateGraph g;
  std::unordered_map<std::string, int> at;
  for (const auto& s : lc.states)
    if (at.emplace(s.name, static_cast<int>(g.states.size())).second) g.states.push_back(s.name);
  auto idx = [&](const Ref& r) {
    auto it = at.find(r.name);
    return it == at.end() ? -1 : it->second;
  };
  g.initial = idx(lc.initial);
  g.out.assign(g.states.size(), {});
  for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
    int f = idx(lc.transitions[i].from), t = idx(lc.transitions[i].to);
    g.from.push_back(f);
    g.to.push_back(t);
    if (f >= 0 && t >= 0) g.out[f].push_back(static_cast<int>(i));
  }
  return g;
}

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct DepthRecorder : public boost::default_bfs_visitor {
  std::vector<int>* depth;
  explicit DepthRecorder(std::vector<int>* d) : depth(d) {}
  template <typename E, typename G>
  void tree_edge(E e, const G& g) {
    (*depth)[boost::target(e, g)] = (*depth)[boost::source(e, g)] + 1;
  }
};
}  // namespace

std::vector<int> state_depths(const StateGraph& sg, const std::vector<char>& blocked) {
  const std::size_t n = sg.states.size();
  std::vector<int> depth(n, -1);
  if (sg.initial < 0) return depth;
  Graph g(n);
  for (std::size_t i = 0; i < sg.from.size(); ++i)
    if (sg.from[i] >= 0 && sg.to[i] >= 0 && !(i < blocked.size() && blocked[i]))
      boost::add_edge(static_cast<std::size_t>(sg.from[i]), static_cast<std::size_t>(sg.to[i]), g);
  depth[sg.initial] = 0;
  std::vector<boost::default_color_type> color(n);
  boost::breadth_first_search(
      g, static_cast<std::size_t>(sg.initial),
      boost::visitor(DepthRecorder(&depth))
          .color_map(boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g))));
  return depth;
}

}  // namespace pf
