#pragma once
// Stage 6b: how much an item matters in this model (docs/severity.md). A rule's class and
// fixed severity give the base; the facts of the elements it matched add to it.
#include <string>
#include <vector>

#include "synth/catalog.h"
#include "synth/group.h"

namespace pf {

/// Score, derived severity and the reasons, language-neutral; rank and in_body are set later.
/// The `supersedes=` reasons of g.superseded come last and add nothing to the score.
Rating rate(const Group& g);
/// The rating of the same group had it replaced nothing: `r`, its rate(), without those reasons.
Rating without_superseded(Rating r, const Group& g);

/// The severity a score reads as: critical, high, medium or low.
std::string severity_of_score(int score);

/// Ranking order: higher score first, then the rule's first surface, then the item id.
bool ranks_before(const Rating& a, int surface_a, const std::string& id_a, const Rating& b, int surface_b,
                  const std::string& id_b);

}  // namespace pf
