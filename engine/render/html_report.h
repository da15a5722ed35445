#pragma once
// The adapter between the catalog as it stands and the HTML page: page words, filter data,
// top-risk rows, diagrams. Changes to the catalog's structures touch this file only.
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "model/model.h"
#include "render/html.h"
#include "synth/catalog.h"
#include "library/library.h"

namespace pf {

/// The page data without diagrams: words, item metadata, top-risk rows.
HtmlPage html_page(const Catalog& c, const Library& lib);

/// Draws every flow and lifecycle of the model with Graphviz (`dot_path`), marking the steps
/// and transitions the catalog's items name. Reports a failing `dot` to diags.
bool add_diagrams(HtmlPage& page, const Model& m, const std::string& dot_path, Diagnostics& diags);

/// The whole report; reports a missing or failing Graphviz `dot` (looked up on $PATH) and
/// returns nothing then.
std::optional<std::string> html_report(const Model& m, const Catalog& c, const Library& lib, Diagnostics& diags);

}  // namespace pf
