#include "synth/group.h"

#include <algorithm>
#include <map>
#include <set>

namespace pf {

namespace {

/// The elements a match stands on: its element, or every element of a grouped match.
std::vector<const Element*> stands_on(const MatchResult& m) {
  return m.group.empty() ? std::vector<const Element*>{m.element} : m.group;
}

}  // namespace

std::vector<RuleMatches> group_by_rule(const std::vector<MatchResult>& matches,
                                       std::map<std::string, std::vector<std::string>>& superseded) {
  std::map<std::string, std::vector<const MatchResult*>> by_rule;
  for (const auto& m : matches) by_rule[m.rule->id].push_back(&m);
  // What each superseded rule loses: the elements touched by the rules that replace it.
  std::map<std::string, std::vector<std::pair<std::string, std::set<const Element*>>>> taken;
  for (const auto& [rid, ms] : by_rule)
    for (const auto& victim : ms.front()->rule->supersedes) {
      std::set<const Element*> t;
      for (const MatchResult* m : ms) {
        const auto& one = touched(*m);
        t.insert(one.begin(), one.end());
      }
      taken[victim].emplace_back(rid, std::move(t));
    }
  std::vector<RuleMatches> out;
  for (auto& [rid, ms] : by_rule) {
    RuleMatches rm;
    auto it = taken.find(rid);
    if (it != taken.end()) {
      std::vector<const MatchResult*> kept;
      for (const MatchResult* m : ms) {
        const std::string* by = nullptr;
        for (const auto& entry : it->second) {
          auto on = stands_on(*m);
          bool all = std::all_of(on.begin(), on.end(), [&](const Element* e) { return entry.second.count(e) > 0; });
          if (all) by = &entry.first;
          if (by) break;
        }
        // A superseding rule with no policy takes the failure mode and questions only: the
        // policy it would leave without a fix stays, built from this match.
        bool keeps_policy = by && by_rule.at(*by).front()->rule->policy.empty() && !m->rule->policy.empty();
        if (keeps_policy) rm.policy_only.push_back(m);
        if (by) superseded[*by].push_back(m->id());
        else kept.push_back(m);
      }
      ms = std::move(kept);
    }
    rm.kept = ms;
    if (!rm.kept.empty() || !rm.policy_only.empty()) out.push_back(std::move(rm));
  }
  return out;
}

Group merge(const std::vector<const MatchResult*>& ms) {
  Group g;
  g.rule = ms.front()->rule;
  g.matches = ms;
  g.id = ms.size() == 1 && !g.rule->group ? ms.front()->id() : g.rule->id + "@*";
  std::map<std::string, std::vector<Value>> values;
  std::map<std::string, std::set<std::string>> seen;
  std::vector<const Element*> elements;
  for (const MatchResult* m : ms) {
    for (const auto& [name, v] : m->bindings) {
      auto& vs = values[name];
      if (v.is_null()) continue;
      if (seen[name].insert(neutral(v)).second) vs.push_back(v);
    }
    auto on = stands_on(*m);
    elements.insert(elements.end(), on.begin(), on.end());
    for (const Element* b : m->breaches) g.breaches.push_back(b->key);
    g.uncertain = g.uncertain || m->uncertain;
  }
  for (auto& [name, vs] : values) {
    if (vs.empty()) {
      g.bindings[name] = Value{};
    } else if (vs.size() == 1) {
      g.bindings[name] = vs.front();
    } else {
      Value l;
      l.type = Value::Type::List;
      for (auto& v : vs) {
        if (v.type == Value::Type::List) l.list.insert(l.list.end(), v.list.begin(), v.list.end());
        else l.list.push_back(v);
      }
      g.bindings[name] = l;
    }
  }
  g.bindings["matches"] = Value::elements(elements);
  std::sort(g.breaches.begin(), g.breaches.end());
  g.breaches.erase(std::unique(g.breaches.begin(), g.breaches.end()), g.breaches.end());
  g.bindings["breaches"] = Value::strings(g.breaches);
  return g;
}

}  // namespace pf
