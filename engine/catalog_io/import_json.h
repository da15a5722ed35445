#pragma once
// Reads the engine's JSON catalog (policyforge-catalog/1) into the same document structure.
#include <string>
#include <string_view>

#include "catalog_io/import_markdown.h"

namespace pf::cio {

ImportResult import_json(std::string_view text, const std::string& file);
/// Markdown or JSON, by the first character that is not a space.
ImportResult import_catalog(std::string_view text, const std::string& file);

}  // namespace pf::cio
