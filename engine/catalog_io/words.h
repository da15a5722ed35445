#pragma once
// The words of the catalog format the importer recognises, loaded from words.yaml (embedded at
// build time): section headings, policy and failure-mode labels, surfaces, in ko and en.
#include <array>
#include <string>
#include <vector>

namespace pf::cio {

/// One label in one language: the canonical form and the variants people write.
struct Label {
  std::string label;                 ///< canonical, with its colon ("Trigger:")
  std::vector<std::string> aliases;  ///< normalised variants, lower case, no colon
};

struct Keyed {
  std::string key;
  std::array<Label, 2> lang;  ///< [0] ko, [1] en
};

struct Words {
  std::vector<Keyed> sections, fields, fm_parts;  ///< fields include uncertain, last
  std::vector<Keyed> appendix_parts;              ///< level-3 headings of the appendix
  std::array<Label, 2> policy_name;
  std::string policy_marker, leading_word, uncertain, surface_tag;
  std::array<std::array<std::string, 13>, 2> surfaces;  ///< [lang][1..12]
  std::vector<int> primary;
  std::vector<std::string> severities;
  /// The severity label and the four words of "**[word]**", per language ([lang][0..3] low..critical).
  std::array<std::string, 2> severity_label;
  std::array<std::array<std::string, 4>, 2> severity_words;
};

/// The severity (1..4) a "**[word]**" or "[word]" at the start of `text` names, in either
/// language; 0 when none. `rest` receives the text after the mark.
int severity_mark(const std::string& text, std::string& rest);
/// The severity (1..4) of a JSON severity value: a name or an integer; 0 when unknown.
int severity_rank(const std::string& name);

/// The embedded words, parsed once.
const Words& words();
/// 0 for ko, 1 for en.
int lang_index(const std::string& lang);
/// Lower case (ASCII), bold/italic/backtick markers and trailing colons removed, spaces collapsed.
std::string normalise_label(std::string_view s);

}  // namespace pf::cio
