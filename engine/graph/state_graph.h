#pragma once
// Lifecycles as state graphs (Boost.Graph): reachability and depth from the initial state.
#include <string>
#include <vector>

#include "model/model.h"

namespace pf {

/// A lifecycle's states as vertices and transitions as edges (by index into lc.transitions).
struct StateGraph {
  std::vector<std::string> states;
  std::vector<int> from, to;       ///< per transition: state indices (-1 when unknown)
  std::vector<std::vector<int>> out;  ///< per state: outgoing transition indices
  int initial = -1;
};

StateGraph build_state_graph(const Lifecycle& lc);
/// Shortest number of transitions from the initial state, skipping transitions with
/// blocked[] set; -1 for states not reached.
std::vector<int> state_depths(const StateGraph& g, const std::vector<char>& blocked);

}  // namespace pf
