#pragma once
// Stage 6e: ranking and the body's caps. Items are ordered by rating; the body keeps the
// prompt's proportions and the rest goes to the appendix (docs/severity.md).
#include <cstddef>
#include <string>
#include <vector>

#include "facts/fact_base.h"
#include "synth/catalog.h"

namespace pf {

/// How many items of each section the body holds. The policy count may grow up to
/// `policies_max` so that every surface, and every ledger, integration and flow a policy
/// names, appears in the body.
struct Caps {
  std::size_t failure_modes = 14;  ///< the prompt: at least 12 (12-20)
  std::size_t policies = 20;       ///< the prompt: about 20 or more (20-30)
  std::size_t policies_max = 30;
  std::size_t questions = 22;      ///< the prompt: 20 or more (20-40)
  std::size_t assumptions = 7;     ///< the prompt: 3 to 7
  std::size_t top_risks = 10;
};

/// Sorts by rating (score, then first surface, then id) and numbers `rating.rank` from 1.
void rank_failure_modes(std::vector<FailureModeItem>& items);
void rank_policies(std::vector<PolicyItem>& items);
void rank_texts(std::vector<TextItem>& items);

/// Marks the first `n` ranked items as in the body, the rest as appendix items.
void cap_failure_modes(std::vector<FailureModeItem>& items, std::size_t n);
void cap_texts(std::vector<TextItem>& items, std::size_t n);
/// Chooses the body's policies: the first `caps.policies` by rank, then the best-ranked
/// others that add a surface not yet tagged (or a primary surface, [6], [10], [12], below
/// three) or name a ledger, integration or flow no body policy names, up to `caps.policies_max`.
/// Body policies come first afterwards, each part in rank order.
void select_policies(std::vector<PolicyItem>& items, const FactBase& fb, const Caps& caps);

/// Whether `text` names `key` as a whole word (letters, digits and '_' around it do not count).
bool names_key(const std::string& text, const std::string& key);

}  // namespace pf
