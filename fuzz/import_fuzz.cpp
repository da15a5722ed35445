// libFuzzer: any bytes as a catalog given to `lint` or `diff` (the Markdown importer). Built only
// once engine/catalog_io/import_markdown.h exists (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog_io/import_markdown.h"
#include "diag/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  pf::Diagnostics d;
  (void)pf::import_markdown(text, "fuzz.md", d);
  (void)d.format();
  return 0;
}
