#pragma once
// Flows and lifecycles as Graphviz DOT, and DOT rendered to inline SVG by `dot` (a subprocess).
#include <map>
#include <string>

#include "graph/flow_graph.h"
#include "graph/state_graph.h"
#include "model/model.h"

namespace pf {

/// A highlighted node (failure point) or edge (defective transition): where it links and
/// what its tooltip says.
struct DotMark {
  std::string url;      ///< "#item-anchor" inside the page
  std::string tooltip;  ///< the ids of the catalog items that name it
};

/// A DOT string literal: quoted, with `"` and `\` escaped and newlines as "\n".
std::string dot_quote(const std::string& text);

/// A flow as a left-to-right DAG: a start point, each step (id and action) in graph order,
/// compensations as dashed edges. Steps in `marked` (by index) are drawn as failure points.
/// `prefix` makes the SVG ids unique within a page.
std::string flow_dot(const Flow& f, const FlowGraph& g, const std::map<int, DotMark>& marked, const std::string& prefix);

/// A lifecycle as a state diagram: initial arrow, terminal states doubled, each transition
/// labelled by its driver. Transitions in `marked` (by index) are drawn as defective.
std::string lifecycle_dot(const Lifecycle& lc, const StateGraph& g, const std::map<int, DotMark>& marked,
                          const std::string& prefix);

/// Renders DOT with the `dot` program at `dot_path`. On success `svg` holds the <svg>
/// element alone (no XML prolog, doctype or comments), ready to be inlined in HTML.
struct SvgResult {
  std::string svg, error;
};
SvgResult dot_to_svg(const std::string& dot_path, const std::string& dot);

}  // namespace pf
