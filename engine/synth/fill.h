#pragma once
// Stage 6c: text filling. Template texts with their placeholders filled from an item's
// bindings, in one language. Escaping for a format is render/'s job, not this one's.
#include <set>
#include <string>
#include <unordered_map>

#include "facts/value.h"
#include "match/text.h"
#include "synth/group.h"
#include "synth/templates.h"

namespace pf {

/// A duration in words, in the units the author wrote (format texts duration_<unit>, with
/// duration_<unit>_one for 1 where the language has it, and duration_zero).
std::string format_duration(const Duration& d, const std::string& lang, const FormatText& fmt);

/// Renders one value as catalog text in `lang` (refs as `key`, durations in words, lists capped);
/// the words (yes, no, "and 3 more") come from the library's format texts.
std::string render_value(const Value& v, const std::string& lang, const FormatText& fmt);
/// The same, a list cut after `shown` values (one more when only one would be left out).
std::string render_value(const Value& v, const std::string& lang, const FormatText& fmt, std::size_t shown);

/// What one item has already said: a list of three or more elements is written out once;
/// later mentions (and every mention in a name) say "the 9 steps above" instead.
struct RenderState {
  bool in_name = false;
  std::size_t max_findings = 12;  ///< `{findings}` lists at most this many, then "and N more"
  std::size_t max_list = 6;       ///< a list placeholder names at most this many, then "and N more"
  std::set<std::string> shown;  ///< placeholder paths already written out
};

/// Fills a template text's placeholders from the bindings; nulls take the fallback, or the
/// library's word for "unspecified".
std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmt,
                        RenderState& state);
std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmt);

/// A group's bindings for its templates: the merged ones plus `findings`, the rule's
/// one-line finding for each match, in `lang`.
/// With `memo`, each match's finding is rendered once and kept there (for one language).
using FindingMemo = std::unordered_map<const MatchResult*, std::string>;
Bindings item_bindings(const Group& g, const std::string& lang, const FormatText& fmt, FindingMemo* memo = nullptr);

}  // namespace pf
