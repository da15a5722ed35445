// libFuzzer: any bytes as a catalog given to `lint` or `diff` (the Markdown or JSON importer,
// the format checks and the item pairing).
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog_io/diff.h"
#include "catalog_io/import_json.h"
#include "catalog_io/lint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // Import (Markdown or JSON, as the first byte says), then lint and diff it against itself:
  // everything `lint` and `diff` do with a catalog written by anyone.
  pf::cio::ImportResult r = pf::cio::import_catalog(text, "fuzz.md");
  if (!r.errors.empty()) return 0;
  (void)pf::cio::format_findings("fuzz.md", pf::cio::lint_format(pf::cio::body_of(r.doc)));
  (void)pf::cio::diff_documents(r.doc, r.doc);
  return 0;
}
