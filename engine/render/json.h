#pragma once
// Stage 7b: the catalog as JSON (schemas/catalog.schema.json), with every item's provenance.
#include <functional>
#include <string>
#include <string_view>

#include "synth/catalog.h"

namespace pf {
std::string render_json(const Catalog& c);
/// The same text handed to `sink` piece by piece (about a megabyte each) as it is written:
/// a large catalog is never held whole.
void render_json(const Catalog& c, const std::function<void(std::string_view)>& sink);
}
