#pragma once
// Stage 1: YAML text -> typed Model, with every shape problem reported at its location.
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "model/model.h"

namespace pf {

/// Loads a model file; returns nullopt (with diagnostics) when it cannot be read at all.
std::optional<Model> load_model_file(const std::string& path, Diagnostics& diags);
/// Loads a model from text; `name` is used in locations.
std::optional<Model> load_model_text(const std::string& text, const std::string& name, Diagnostics& diags);

}  // namespace pf
