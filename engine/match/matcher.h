#pragma once
// Stage 5: rules against facts. Each rule visits the elements of its kind once; order
// conditions are answered from one pass over each flow graph, cached per condition and flow.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/fact_base.h"
#include "match/rule.h"

namespace pf {

/// One rule firing on one element (or, with group, on all of them at once).
struct MatchResult {
  const Rule* rule = nullptr;
  const Element* element = nullptr;
  std::vector<const Element*> group;  ///< with rule.group: every matched element
  Bindings bindings;
  /// The facts the match rested on: attribute path -> value, language-neutral.
  std::vector<std::pair<std::string, std::string>> facts;
  std::vector<const Element*> breaches;  ///< breaches this match addresses
  /// Conditions finished here, so that no later stage evaluates one: whether the policy is
  /// [UNCERTAIN] for this match, and which of the rule's questions and assumptions hold.
  bool uncertain = false;
  std::vector<bool> questions_hold, assumptions_hold;
  std::string id() const;
  /// touched(), worked out on first use: the bindings must be final by then.
  mutable std::optional<std::vector<const Element*>> touched_cache;
};

class Matcher {
 public:
  explicit Matcher(const FactBase& fb) : fb_(fb) {}
  /// All matches of one rule, in element key order.
  std::vector<MatchResult> run(const Rule& rule);
  /// Evaluates conditions on an element; binds `before`/`after` names into `b`, records facts.
  bool eval(const std::vector<Condition>& cs, const Element* self, Bindings& b,
            std::vector<std::pair<std::string, std::string>>* facts);
  /// Whether conditions hold for a match, without touching its bindings.
  bool holds(const std::vector<Condition>& cs, const MatchResult& m);

 private:
  bool eval_one(const Condition& c, const Element* self, Bindings& b,
                std::vector<std::pair<std::string, std::string>>* facts);
  void finish_conditions(const Rule& rule, MatchResult& m);
  const std::vector<int>& order_answer(const Condition& c, const Element* flow);
  const FactBase& fb_;
  std::map<std::pair<int, const Element*>, std::vector<int>> order_cache_;
};

/// Every rule's matches, with breach coverage worked out: rules over breaches run last, after
/// each breach's `covered` fact is set from the others.
std::vector<MatchResult> match_all(FactBase& fb, const std::vector<Rule>& rules);

/// Decides each match's [UNCERTAIN] from its rule's `uncertain_when`, for a library that handed
/// those conditions over only after matching (the templates of fired rules load late).
void decide_uncertain(const FactBase& fb, std::vector<MatchResult>& matches);

/// The elements a match speaks about: its bound elements and the flow, ledgers and
/// integration they lead to (breach coverage and ranking read it). Distinct, sorted by address
/// (callers use it as a set); computed once per match.
const std::vector<const Element*>& touched(const MatchResult& m);

/// A value as plain text for provenance: keys for refs, ISO-like durations, no language.
std::string neutral(const Value& v);

}  // namespace pf
