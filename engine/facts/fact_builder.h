#pragma once
// The fact builder, shared by the analyses: each analysis is one member function defined in a
// file of its own (elements.cpp, retry_analysis.cpp, saga_analysis.cpp, ...). derive_facts()
// in builder.cpp runs them in dependency order. Internal to facts/.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/fact_base.h"
#include "model/index.h"

namespace pf::facts_detail {

using Refs = std::vector<const Element*>;

inline bool in(const std::string& s, std::initializer_list<const char*> set) {
  for (const char* x : set)
    if (s == x) return true;
  return false;
}

inline bool starts_with_any(const std::string& s, std::initializer_list<const char*> prefixes) {
  for (const char* p : prefixes)
    if (s.rfind(p, 0) == 0) return true;
  return false;
}

inline void add_unique(Refs& v, const Element* e) {
  if (e && std::find(v.begin(), v.end(), e) == v.end()) v.push_back(e);
}

inline std::vector<std::string> sorted_strings(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

inline Refs sorted(Refs v) {
  std::sort(v.begin(), v.end(), [](const Element* a, const Element* b) { return a->key < b->key; });
  return v;
}

inline const Element* ref_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v && v->type == Value::Type::Ref ? v->ref : nullptr;
}

inline bool bool_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v && v->type == Value::Type::Bool && v->b;
}

inline std::optional<double> num_of(const Element* e, const char* attr) {
  const Value* v = e ? e->get(attr) : nullptr;
  return v ? v->as_number() : std::nullopt;
}

/// Builds every element and derives its facts; one analysis per member function.
class FactBuilder {
 public:
  FactBuilder(const Model& m, std::vector<FlowGraph> graphs) : m_(m), ix_(m), graphs_(std::move(graphs)) {
    fb_ = std::make_unique<FactBase>();
  }
  std::unique_ptr<FactBase> run();

 private:
  void create();             ///< one element per model element (elements.cpp)
  void basics();             ///< attributes copied from the model (elements.cpp)
  void writers();            ///< which steps, flows and tools write each ledger (elements.cpp)
  void flows_and_retries();  ///< triggers, retry products, load against rate limits (retry_analysis.cpp)
  void saga();               ///< compensations and uncompensated steps (saga_analysis.cpp)
  void timing();             ///< TTLs and timeouts against waits and delivery windows (timing_analysis.cpp)
  void authorizations(const Flow& f, const Element* flow, const FlowGraph& g);
  void lifecycles();         ///< state-graph defects (lifecycle_analysis.cpp)
  void captures_elsewhere();  ///< the capture an authorisation waits for in another flow (timing_analysis.cpp)
  void coupling();           ///< ledger pairs (coupling_analysis.cpp)
  void lifecycle_drivers();    ///< states flows leave pending, timers with no job (cross_element_analysis.cpp)
  /// What a cancellation can leave behind: money held (authorised, charged) or credit spent
  /// (debited, discounted on another ledger), and the actions that give it back.
  struct LeftHeld {
    std::vector<Action> taken, undo;
    bool money;        ///< money-moving steps only; else steps on ledgers other than the lifecycle's
    bool sent_out;     ///< steps calling a provider; flagged when the cancelling flow gives money back unasked
    const char* attr;  ///< the transition attribute it sets
  };
  static const LeftHeld kMoneyHeld, kCreditSpent, kSentOut;
  /// Cancellations leaving money held or credit spent; `writing` are the indexes (in m_.flows)
  /// of the flows whose steps write `led`.
  void left_held(const LeftHeld& spec, const Lifecycle& lc, const Element* le, const Element* led,
                 const std::set<std::string>& cancelled, const std::vector<std::size_t>& writing);
  void compensation_checks();  ///< compensations after the pivot, of the wrong action, with no transition
  void load_before_retries();  ///< flow peak against rate limits and bottleneck capacity, before retries
  void retention_across_ledgers();  ///< ledgers written together but kept for different periods (retention_and_side_effects.cpp)
  void side_effect_compensation();  ///< external calls with side effects the saga leaves undone
  void data_lifecycle();     ///< reconciliation, retention, creators, breaches (data_lifecycle_analysis.cpp)
  void service_summary();    ///< the service as a whole (service_summary.cpp)

  template <typename Map>
  const Element* look(const Map& map, const std::string& key) const {
    auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }
  const Element* L(const Ref& r) const { return r.empty() ? nullptr : look(ledger_, r.name); }
  /// The builder's writable handles on a flow's steps, by index: analyses write step facts
  /// through these while the fact base is being built, never through the base's const views.
  const std::vector<Element*>& own_steps(const Element* flow) const { return own_steps_.at(flow); }

  const Model& m_;
  ModelIndex ix_;
  std::vector<FlowGraph> graphs_;
  std::unique_ptr<FactBase> fb_;
  Element* service_ = nullptr;
  // std::map keeps every derived list in key order, so no hash order reaches the output.
  std::map<std::string, Element*> ledger_, integ_, op_, ev_, flow_, step_, lifecycle_, tool_, job_, breach_,
      transition_;
  std::vector<Element*> bottlenecks_;
  std::unordered_map<const Element*, std::vector<Element*>> own_steps_;
  std::map<const Element*, Refs> writers_, writer_flows_, ledger_tools_, op_callers_, event_awaits_, event_triggers_,
      integ_flows_, compensates_;
  std::map<const Element*, double> op_load_;
};

}  // namespace pf::facts_detail
