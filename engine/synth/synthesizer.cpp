#include "synth/synthesizer.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <set>

#include "synth/group.h"
#include "synth/rank.h"
#include "synth/sections.h"

namespace pf {

namespace {

/// Every rule's questions, then the open questions of [UNCERTAIN] policies; the same text once.
std::vector<TextItem> questions_of(std::vector<TextItem> asked, const std::vector<PolicyItem>& policies) {
  std::vector<TextItem> out;
  std::set<std::string> seen;
  for (auto& q : asked)
    if (seen.insert(q.text).second) out.push_back(std::move(q));
  for (const auto& p : policies)
    for (std::size_t i = 0; i < p.questions.size(); ++i)
      if (seen.insert(p.questions[i]).second)
        out.push_back(TextItem{fmt::format("{}#u{}", p.id, i + 1), p.questions[i], p.provenance, p.rating});
  return out;
}

/// The prompt asks for 3 to 7 assumptions. Take them round-robin: every rule's first assumption
/// (most important rule first), then every rule's second, and so on, so that each missing input
/// is stated before any one of them is elaborated.
std::vector<TextItem> assumptions_of(std::vector<TextItem> all, std::size_t cap) {
  rank_texts(all);
  auto ordinal = [](const TextItem& t) { return std::stoi(t.id.substr(t.id.rfind("#a") + 2)); };
  std::stable_sort(all.begin(), all.end(), [&](const TextItem& a, const TextItem& b) { return ordinal(a) < ordinal(b); });
  std::vector<TextItem> out;
  std::set<std::string> seen;
  for (auto& a : all)
    if (out.size() < cap && seen.insert(a.text).second) out.push_back(std::move(a));
  return out;
}

}  // namespace

Catalog synthesize(const FactBase& fb, const Library& lib, const std::vector<MatchResult>& matches,
                   const SynthOptions& opt) {
  const std::string& lang = opt.lang;
  // The body lists the first few findings of a group; --detail full lists up to 12.
  BuildContext cx{lib, lang, opt.full_detail ? std::size_t{12} : std::size_t{4}};
  cx.provenance = opt.provenance;
  Catalog c;
  c.lang = lang;
  c.engine_version = opt.engine_version;
  c.library_digest = lib.digest;
  c.full_detail = opt.full_detail;
  for (const auto& [key, text] : lib.format.texts) c.words[key] = text.in(lang).raw;
  const Element* svc = fb.service();
  c.service_name = svc->get("name") ? svc->get("name")->str : "";

  // Group (one item per rule, superseded matches dropped), rate, build.
  std::map<std::string, std::vector<std::string>> superseded;
  std::vector<TextItem> asked, assumed;
  // Without provenance in the items: what each failure mode and policy was made from, by id,
  // so that the top-risk table can build the provenance of the few rows it considers.
  std::map<std::string, std::vector<const MatchResult*>> fm_sources, policy_sources;
  for (const auto& [ms, policy_only] : group_by_rule(matches, superseded)) {
    // The policy's group is the failure mode's unless superseded matches add to it: then merge
    // and rate once more.
    std::optional<Group> whole;  // every kept match: the failure mode, questions and assumptions
    std::optional<Rating> whole_rating;
    if (!ms.empty()) {
      whole = merge(ms);
      whole->superseded = superseded[whole->rule->id];
      whole_rating = rate(*whole);
      if (auto f = build_failure_mode(*whole, *whole_rating, cx)) {
        if (!opt.provenance) fm_sources[f->id] = whole->matches;
        c.failure_modes.push_back(std::move(*f));
      }
    }
    std::optional<Group> with_policy_only;
    std::optional<Rating> with_policy_only_rating;
    if (!policy_only.empty()) {
      std::vector<const MatchResult*> for_policy;  // both in match order: pointers into `matches`
      std::merge(ms.begin(), ms.end(), policy_only.begin(), policy_only.end(), std::back_inserter(for_policy),
                 std::less<const MatchResult*>());
      with_policy_only = merge(for_policy);
      with_policy_only->superseded = superseded[with_policy_only->rule->id];
      with_policy_only_rating = rate(*with_policy_only);
    }
    const Group& g = with_policy_only ? *with_policy_only : *whole;
    const Rating& rating = with_policy_only ? *with_policy_only_rating : *whole_rating;
    if (auto p = build_policy(g, rating, cx)) {
      if (!opt.provenance) policy_sources[p->id] = g.matches;
      c.policies.push_back(std::move(*p));
    }
    if (ms.empty()) continue;
    for (auto& q : build_texts(ms, false, *whole, *whole_rating, cx)) asked.push_back(std::move(q));
    for (auto& a : build_texts(ms, true, *whole, *whole_rating, cx)) assumed.push_back(std::move(a));
  }

  // Rank and cap: the body keeps the prompt's proportions, the rest goes to the appendix.
  rank_failure_modes(c.failure_modes);
  cap_failure_modes(c.failure_modes, opt.caps.failure_modes);
  rank_policies(c.policies);
  select_policies(c.policies, fb, opt.caps);
  c.questions = questions_of(std::move(asked), c.policies);
  rank_texts(c.questions);
  cap_texts(c.questions, opt.caps.questions);
  c.assumptions = assumptions_of(std::move(assumed), opt.caps.assumptions);
  if (c.assumptions.empty())
    if (const Text* none = lib.format.get("no_assumptions", lang)) c.no_assumptions = render_text(*none, {}, lang, lib.format);

  c.ledger_map = build_ledger_map(fb, matches, cx);
  c.coverage = build_coverage(fb, c, cx);
  SupersedesMap supersedes;
  for (const Rule& r : lib.rules)
    if (!r.supersedes.empty()) supersedes[r.id] = r.supersedes;
  ProvenanceLookup lookup;
  if (!opt.provenance)
    lookup = [&](const std::string& id, bool failure_mode) {
      return failure_mode ? failure_mode_provenance(fm_sources.at(id), lib) : policy_provenance(policy_sources.at(id), lib);
    };
  c.top_risks = build_top_risks(c, opt.caps.top_risks, supersedes, lookup);
  return c;
}

}  // namespace pf
