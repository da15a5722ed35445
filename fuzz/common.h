#pragma once
// Shared by the libFuzzer targets: the library is loaded once per process, from the source
// tree the target was built from (POLICYFORGE_SOURCE_DIR) or $POLICYFORGE_LIBRARY.
#include <cstdlib>
#include <optional>
#include <string>

#include "cli/pipeline.h"
#include "render/json.h"
#include "render/markdown.h"
#include "library/library.h"

namespace pf::fuzz {

inline const Library& library() {
  static const std::optional<Library> lib = [] {
    Diagnostics d;
    const char* env = std::getenv("POLICYFORGE_LIBRARY");
    auto l = load_library(env ? env : POLICYFORGE_SOURCE_DIR, {}, d);
    if (!l) {
      std::fputs(d.format().c_str(), stderr);
      std::abort();  // a broken library is a setup error, not a finding
    }
    return l;
  }();
  return *lib;
}

/// Loads, validates and, when the model is valid, renders it in both languages and formats.
inline void run_pipeline(const std::string& name, const std::string& text) {
  const Library& lib = library();
  Diagnostics d;
  Analysis a = analyse(name, &text, lib.rules, d);
  (void)d.format();
  if (d.has_errors() || !a.facts) return;
  for (const char* lang : {"ko", "en"}) {
    Catalog c = make_catalog(a, lib, lang);
    (void)render_markdown(c);
    (void)render_json(c);
  }
}

}  // namespace pf::fuzz
