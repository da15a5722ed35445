// libFuzzer: any bytes as a model file, through loading, validation, analysis, synthesis and
// both renderers. Must never crash, hang or trip a sanitizer; bad input only yields diagnostics.
// Seeds: samples/*/model.yaml, test/broken/, test/hostile/ (.ci/run gathers them).
#include <cstddef>
#include <cstdint>
#include <string>

#include "common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  pf::fuzz::run_pipeline("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
