#pragma once
// Loads the glossary (catalogs/glossary.yaml) for the library stage; what it holds and how
// texts are checked against it is synth/glossary.h.
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "synth/glossary.h"

namespace pf {

/// Loads catalogs/glossary.yaml; problems (bad regex, unknown keys) go to diags.
std::optional<Glossary> load_glossary(const std::string& path, Diagnostics& diags);

}  // namespace pf
