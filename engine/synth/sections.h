#pragma once
// Stage 6d: one builder per catalog section. Each turns groups (or matches) into the items of
// its section, text filled in one language; ranking and selection happen elsewhere.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "facts/fact_base.h"
#include "synth/catalog.h"
#include "synth/fill.h"
#include "synth/group.h"
#include "library/library.h"

namespace pf {

/// What every builder needs: the library's templates and words, and the language.
struct BuildContext {
  const Library& lib;
  const std::string& lang;
  /// How many of a group's findings its texts list before "and N more": a few in the body,
  /// all but the longest lists with --detail full.
  std::size_t max_findings = 12;
  /// Each match's finding, rendered once for all the items built from it.
  mutable FindingMemo findings = {};
  /// Whether items carry their provenance. Without it (Markdown, which prints none) the
  /// top-risk table builds the little it reads on demand (ProvenanceLookup).
  bool provenance = true;
};

/// "file:line" of the element an item is keyed on (`rule@key`), else of its first matched element
/// (bound under its kind's name), else of the first element it covers, else of the first bound
/// element with a location; "" when none has one.
std::string where_of(const Provenance& prov, const std::string& item_id);
/// The provenance of an item made from these matches (of one rule) with this template.
Provenance provenance_of(const std::vector<const MatchResult*>& ms, const std::string& tid, const std::string& tfile,
                         const std::vector<std::string>& trefs);

/// The provenance of the failure mode and of the policy made from these matches (of one rule).
Provenance failure_mode_provenance(const std::vector<const MatchResult*>& ms, const Library& lib);
Provenance policy_provenance(const std::vector<const MatchResult*>& ms, const Library& lib);
/// Section 1: the group's failure mode (the rule's template), when it has one.
std::optional<FailureModeItem> build_failure_mode(const Group& g, const Rating& r, const BuildContext& cx);
/// Section 2: the group's policy, when its rule emits one.
std::optional<PolicyItem> build_policy(const Group& g, const Rating& r, const BuildContext& cx);
/// Sections 0 and 4: the rule's assumptions (`assumption`) or questions, one item per text over
/// the matches where its `when` held (as match decided). `whole` is the group of all of `ms`
/// (the failure mode's) and `whole_rating` its rating: a text that holds for every match (the
/// usual case) is made from them instead of grouping and rating the matches again.
std::vector<TextItem> build_texts(const std::vector<const MatchResult*>& ms, bool assumptions, const Group& whole,
                                  const Rating& whole_rating, const BuildContext& cx);
/// Section 3: one row per ledger, from the most severe ledger-map rule that matched it.
std::vector<LedgerRow> build_ledger_map(const FactBase& fb, const std::vector<MatchResult>& matches,
                                        const BuildContext& cx);
/// Appendix: which items answer each reported breach.
std::vector<BreachCoverage> build_coverage(const FactBase& fb, const Catalog& c, const BuildContext& cx);
/// Rule id -> the rules it supersedes (rule data, `supersedes:`).
using SupersedesMap = std::map<std::string, std::vector<std::string>>;
/// Before section 0: the highest-ranked body items, each with its risk in one line, where the
/// model causes it, the first action and the policy number. One risk, one row: a row whose rule
/// is the same as, supersedes or is superseded by a higher row's, matched on a shared element,
/// is left out (the higher row takes its policy number when it has none).
/// For a catalog whose items carry no provenance, `lookup` builds a failure mode's
/// (`failure_mode` true) or a policy's by item id, for the rows the table considers.
using ProvenanceLookup = std::function<Provenance(const std::string& id, bool failure_mode)>;
std::vector<TopRisk> build_top_risks(const Catalog& c, std::size_t rows, const SupersedesMap& supersedes = {},
                                     const ProvenanceLookup& lookup = {});

}  // namespace pf
