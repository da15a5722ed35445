#pragma once
// Stage 6: matches + templates -> catalog items in one language, ordered and numbered.
#include <set>
#include <string>
#include <vector>

#include "facts/fact_base.h"
#include "match/matcher.h"
#include "synth/catalog.h"
#include "library/library.h"

namespace pf {

/// Renders one value as catalog text in `lang` (refs as `key`, durations in words, lists capped).
std::string render_value(const Value& v, const std::string& lang);
/// Fills a template text's placeholders from the bindings; nulls take the fallback, or the
/// library's word for "unspecified".
std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmt);

/// What one item has already said: a list of three or more elements is written out once;
/// later mentions (and every mention in a name) say "the 9 steps above" instead.
struct RenderState {
  bool in_name = false;
  std::set<std::string> shown;  ///< placeholder paths already written out
};
std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmt,
                        RenderState& state);

struct SynthOptions {
  std::string lang = "ko";
  std::string engine_version;
};

Catalog synthesize(const FactBase& fb, const Library& lib, const std::vector<MatchResult>& matches,
                   const SynthOptions& opt);

}  // namespace pf
