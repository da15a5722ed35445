#pragma once
// Stage 7b: the catalog as JSON (schemas/catalog.schema.json), with every item's provenance.
#include <string>

#include "synth/catalog.h"

namespace pf {
std::string render_json(const Catalog& c);
}
