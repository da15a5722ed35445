#pragma once
// Reads a catalog written in Markdown (ko or en), by the engine, a person or an LLM: bold
// labels, bold lines for headings, other numbering, extra blank lines are all accepted.
// This is the entry point of the importer's fuzz target: it never throws and never crashes.
#include <string>
#include <string_view>
#include <vector>

#include "catalog_io/document.h"

namespace pf::cio {

struct ImportResult {
  Document doc;
  std::vector<ImportError> errors;  ///< empty when the text could be read as a catalog
};

ImportResult import_markdown(std::string_view text, const std::string& file);

}  // namespace pf::cio
