#pragma once
// Review decisions (schemas/decisions.schema.json): a reviewer's verdict per catalog item,
// kept in a YAML file beside the model and carried from one generation to the next.
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace pf::review {

struct Decision {
  std::string id;  ///< an item id, or a pattern with '*' ("rule@*")
  std::string status;  ///< open, accepted, mitigated, not_applicable, risk_accepted
  std::string owner, due, evidence, approver, expires, reviewer, date, note, fingerprint;
  Loc loc;  ///< the entry, for FILE:LINE: warnings
};

/// Reads a decisions file; nullopt (with errors in d) when it is unreadable or malformed.
std::optional<std::vector<Decision>> load_decisions(const std::string& path, Diagnostics& d);

/// True when `pattern` (with '*' matching any run of characters) matches the whole id.
bool id_matches(const std::string& pattern, const std::string& id);

/// The statuses a decisions file may use, in the order the schema lists them.
const std::vector<std::string>& statuses();

}  // namespace pf::review
