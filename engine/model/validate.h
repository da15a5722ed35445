#pragma once
// Stage 2: cross-references, duplicate ids and what each action needs (spec/service-model.md).
#include "diag/diagnostics.h"
#include "model/model.h"

namespace pf {

/// Reports every broken reference or rule of the model contract; returns true when none.
bool validate_model(const Model& m, Diagnostics& diags);

}  // namespace pf
