#pragma once
// Checks a catalog against every rule of the format (spec/catalog.md); with a model, also
// that the catalog speaks of that model. Findings print as FILE:LINE:COL: error|warning: ... [id].
#include <string>
#include <vector>

#include "catalog_io/document.h"

namespace pf {
struct Model;
}

namespace pf::cio {

struct Finding {
  Pos pos;
  bool error = true;
  std::string message, check;
};

/// The format's rules: sections, counts, fields in order, surfaces, leading indicator, runbook,
/// [UNCERTAIN] questions, ledger map, placeholders, repeated policies.
std::vector<Finding> lint_format(const Document& doc);
/// Against a model: rows for its ledgers, elements named by policies, names it does not have,
/// assumptions where inputs are missing.
std::vector<Finding> lint_model(const Document& doc, const Model& model);
/// Sorted by line, one per line: "FILE:LINE:COL: error: message [check]".
std::string format_findings(const std::string& file, std::vector<Finding> findings);

}  // namespace pf::cio
