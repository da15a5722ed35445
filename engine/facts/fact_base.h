#pragma once
// Stage 4: the model as elements with derived facts, plus the flow graphs order conditions need.
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/value.h"
#include "graph/flow_graph.h"
#include "model/model.h"

namespace pf {

/// All elements of a model, each kind's list sorted by key.
class FactBase {
 public:
  Element& add(Kind kind, std::string key, Loc loc);
  const std::vector<const Element*>& of(Kind k) const { return by_kind_[static_cast<std::size_t>(k)]; }
  const Element* find(Kind k, const std::string& key) const;
  const Element* service() const { return service_; }
  /// The flow graph of a flow element, and the element of each of its steps by index.
  const FlowGraph* graph(const Element* flow) const;
  const std::vector<const Element*>& flow_steps(const Element* flow) const;
  const Element* flow_of(const Element* step) const;
  /// Sorts every kind's list by key; called once when all elements exist.
  void finish();
  /// Sets a fact on an element after derivation (match's breach coverage): the one way to
  /// write into a finished fact base.
  void annotate(const Element* e, const std::string& name, Value v);

  // Filled by the builder.
  std::unordered_map<const Element*, FlowGraph> graphs;
  std::unordered_map<const Element*, std::vector<const Element*>> steps_of_flow;
  const Element* service_ = nullptr;

 private:
  std::deque<Element> store_;
  std::array<std::vector<const Element*>, kKindCount> by_kind_;
  std::array<std::unordered_map<std::string, Element*>, kKindCount> index_;
};

/// Derives every fact of docs/rule-language.md from a valid model. `graphs` are the flow
/// graphs built in stage 3, in the model's flow order.
std::unique_ptr<FactBase> derive_facts(const Model& m, std::vector<FlowGraph> graphs);

}  // namespace pf
