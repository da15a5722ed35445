#pragma once
// Stage 7a: the catalog as Markdown, exactly in the prompt's format (spec/catalog.md).
#include <string>

#include "synth/catalog.h"

namespace pf {
std::string render_markdown(const Catalog& c);
}
