#pragma once
// The catalog items a reviewer decides on, as the review workflow sees them. This is the one
// place that reads the catalog's item structures (synth/catalog.h): a policy and the failure
// mode its rule wrote share an id and are decided together.
#include <optional>
#include <string>
#include <vector>

#include "synth/catalog.h"

namespace pf::review {

struct Item {
  std::string id, title, rule;
  int severity = 0;         ///< critical 4, high 3, medium 2, low 1
  std::string fingerprint;  ///< of what made the item: rule, template, elements, facts, severity
  const Provenance* provenance = nullptr;
};

/// Every decidable item of the catalog, in catalog order (policies first, then failure modes
/// whose id no policy has).
std::vector<Item> items(const Catalog& c);

/// Any item of the catalog by id (policy, failure mode, ledger-map row, question, assumption).
struct Found {
  std::string section, text;
  const Provenance* provenance = nullptr;
  int severity = 0;  ///< 0 for items without one
  std::vector<std::string> breaches;
  const Rating* rating = nullptr;  ///< severity, score, rank and why; null for unrated items
};
std::optional<Found> find_item(const Catalog& c, const std::string& id);

/// Every id of the catalog, for "did you mean".
std::vector<std::string> all_ids(const Catalog& c);

/// "critical", "high", "medium", "low".
std::string severity_name(int severity);

/// Open items first within each run of equal severity, keeping the order otherwise.
void sort_open_first(Catalog& c);

}  // namespace pf::review
