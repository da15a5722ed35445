#pragma once
// The whole pipeline in one place: load -> validate -> graphs -> facts -> match -> synthesize.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "facts/fact_base.h"
#include "match/matcher.h"
#include "model/model.h"
#include "synth/catalog.h"
#include "library/library.h"

namespace pf {

/// What the analysis stages produced; `facts` is null when the model had errors.
struct Analysis {
  std::unique_ptr<Model> model;
  std::unique_ptr<FactBase> facts;
  std::vector<MatchResult> matches;
};

/// Runs stages 1-5 on a model file (or on `text` when given, named `name`). Every stage
/// ends by checking the errors so far: a model with errors gets no facts.
Analysis analyse(const std::string& name, const std::string* text, const std::vector<Rule>& rules, Diagnostics& diags);

/// Stages 1-3 only (load, validate, flow graphs): what `validate` needs; null on errors.
/// `name` "-" reads standard input.
std::unique_ptr<Model> check_model(const std::string& name, Diagnostics& diags);

/// Loads the templates of the rules that matched (a library loaded with LibraryScope::Generate
/// holds them unparsed until now) and decides which matches are [UNCERTAIN]; false with errors.
bool load_matched_templates(Analysis& a, Library& lib, Diagnostics& diags);
/// analyse() on a file, or on standard input when `path` is "-" (named <stdin>).
Analysis analyse_input(const std::string& path, const std::vector<Rule>& rules, Diagnostics& diags);

/// Stage 6 for one language, with file paths in provenance relative to the library.
/// `provenance` false: items carry none (SynthOptions::provenance), for Markdown without decisions.
Catalog make_catalog(const Analysis& a, const Library& lib, const std::string& lang, bool full_detail = false,
                     bool provenance = true);

/// The engine's version, as the header of every catalog records it.
const char* engine_version();

}  // namespace pf
