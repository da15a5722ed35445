#pragma once
// SARIF 2.1.0 (OASIS) for code scanning: one result per catalog item, at the model element it
// matched, with its rule's metadata, so that CI annotates the model in code review.
#include <string>

#include "synth/catalog.h"
#include "library/library.h"

namespace pf {

/// `model_uri` is the model's path as the run was given it (relative to the checkout in CI).
std::string render_sarif(const Catalog& c, const Library& lib, const std::string& model_uri);

}  // namespace pf
