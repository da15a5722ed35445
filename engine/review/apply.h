#pragma once
// Decisions meet the catalog: each item gets the decision that names it (an exact id before
// a pattern), stale decisions are reported, and open items go first within a severity.
#include <string>
#include <vector>

#include "review/decisions.h"
#include "review/items.h"
#include "synth/templates.h"

namespace pf::review {

struct ItemStatus {
  Item item;
  std::string status;  ///< open, stale (decided, but the item changed or the decision expired), or the decision's
  const Decision* decision = nullptr;
};

struct Applied {
  std::vector<ItemStatus> items;  ///< in catalog order, before sorting
  std::vector<std::string> warnings;  ///< "FILE:LINE: warning: ...", one per stale decision
};

/// Resolves the decisions (`file` names them in warnings) against the catalog's items, as of
/// `today` (YYYY-MM-DD) for expiry. Fills c.review with the status and its Markdown line (words
/// from the library's format texts) and sorts open items first within a severity.
Applied apply_decisions(Catalog& c, const std::vector<Decision>& decisions, const std::string& file,
                        const std::string& today, const FormatText& fx);

/// Today's date in UTC, YYYY-MM-DD (the default of --today).
std::string utc_today();

}  // namespace pf::review
