#pragma once
// Stage 6a: matches grouped into items. One item per rule: every match of the rule merged,
// after the rules that supersede it have taken the elements they share (one risk, one item).
#include <string>
#include <vector>

#include "match/matcher.h"

namespace pf {

/// The matches of one rule that make one catalog item, with their bindings merged: each bound
/// name holds the distinct values it took (one value stays a value, several become a list).
struct Group {
  const Rule* rule = nullptr;
  std::vector<const MatchResult*> matches;
  Bindings bindings;                    ///< merged; `matches` and `breaches` included
  std::vector<std::string> breaches;    ///< breach ids, sorted
  std::vector<std::string> superseded;  ///< ids of the matches this item replaced
  std::string id;
  bool uncertain = false;               ///< some match is [UNCERTAIN]
};

/// The matches of one rule that stand: `kept` make its failure mode, policy and questions;
/// `policy_only` were superseded by a rule that emits no policy, so that they still make this
/// rule's policy (the fix would otherwise be lost) but no failure mode or question.
struct RuleMatches {
  std::vector<const MatchResult*> kept, policy_only;
};

/// The matches by rule id (rule order), minus those superseded: a match of rule R is dropped
/// when a rule that declares `supersedes: [R]` matched and touches every element R's match
/// stands on. `superseded` receives, per superseding rule id, the ids it replaced.
std::vector<RuleMatches> group_by_rule(const std::vector<MatchResult>& matches,
                                       std::map<std::string, std::vector<std::string>>& superseded);

/// Merges matches of one rule into one group (the order of `ms` decides list order).
Group merge(const std::vector<const MatchResult*>& ms);

}  // namespace pf
