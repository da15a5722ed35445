#pragma once
// The library's glossary (catalogs/glossary.yaml): one term per concept as the prompt writes
// it, the nouns for the model's units, and the patterns of code (SQL, schema DDL) that have no
// place in a policy text. `rules lint` checks every text of the library against it.
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "match/text.h"

namespace pf {

struct Library;

/// A variant a text must not use, or a pattern of code, with what to write instead.
struct GlossaryCheck {
  std::string text;   ///< the variant or pattern as written in the glossary
  std::string lang;   ///< "ko", "en", or "" for both
  std::string instead;
  std::regex re;
  bool is_regex = false;
};

struct Glossary {
  std::vector<GlossaryCheck> avoid;         ///< variants of a term
  std::vector<GlossaryCheck> code;          ///< SQL and schema statements
  std::map<std::string, LangText> units;    ///< the model's `unit` value -> its noun per language
};

// Loaded by the library stage (library/glossary_loader.h).

/// One error per text of the library that uses an avoided variant or contains code, at the
/// text's location.
void check_glossary(const Library& lib, Diagnostics& diags);

/// The first avoided variant or code pattern in `raw` for `lang`, or null.
const GlossaryCheck* glossary_violation(const Glossary& g, const std::string& raw, const std::string& lang,
                                        bool& is_code);

}  // namespace pf
