#pragma once
// Stage 6: matches + templates -> catalog items in one language, ranked, capped and numbered.
// The stages: group (group.h), rate (rank.h), fill text (fill.h), build each section
// (sections.h), select the body (select.h).
#include <string>
#include <vector>

#include "facts/fact_base.h"
#include "match/matcher.h"
#include "synth/catalog.h"
#include "library/library.h"
#include "synth/fill.h"
#include "synth/select.h"

namespace pf {

struct SynthOptions {
  std::string lang = "ko";
  std::string engine_version;
  bool full_detail = false;  ///< --detail full: render every item in full
  /// Every item's provenance (JSON, SARIF, HTML, explain and review fingerprints read it). Without
  /// it items carry none: Markdown prints none, and its top-risk table builds what it reads.
  bool provenance = true;
  Caps caps;
};

Catalog synthesize(const FactBase& fb, const Library& lib, const std::vector<MatchResult>& matches,
                   const SynthOptions& opt);

}  // namespace pf
