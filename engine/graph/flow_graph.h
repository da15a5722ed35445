#pragma once
// Flows as DAGs (Boost.Graph): step order, topological order, path facts along the order.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace pf {

/// The step graph of one flow: an edge a -> b when b runs after a. Steps run in the listed
/// order unless a step names `after:`, which replaces its implicit predecessor.
struct FlowGraph {
  const Flow* flow = nullptr;
  std::vector<std::vector<int>> succ, pred;  ///< by step index, sorted
  std::vector<int> topo;                     ///< step indices in topological order
  std::vector<int> rank;                     ///< position of each step in `topo`
  bool acyclic = true;
};

/// Builds the graph; reports `after:` cycles (with the cycle spelled out) to diags.
FlowGraph build_flow_graph(const Flow& f, Diagnostics& diags);

/// For each step, the nearest later step (in topological rank) with hit[] set that some path
/// reaches; -1 when none.
std::vector<int> nearest_later_some(const FlowGraph& g, const std::vector<char>& hit);
/// For each step, a later step with hit[] set such that every path to the flow's end meets
/// a hit step; -1 when some path avoids them (or the step is last).
std::vector<int> nearest_later_every(const FlowGraph& g, const std::vector<char>& hit);
/// The mirror images: earlier steps, from the flow's start.
std::vector<int> nearest_earlier_some(const FlowGraph& g, const std::vector<char>& hit);
std::vector<int> nearest_earlier_every(const FlowGraph& g, const std::vector<char>& hit);

/// For each step, the largest sum of weight[] over the steps strictly between it and a later
/// target step (target[] set), along any path; -1 when no target is reachable.
std::vector<std::int64_t> longest_wait_to(const FlowGraph& g, const std::vector<std::int64_t>& weight,
                                          const std::vector<char>& target);

}  // namespace pf
