// libFuzzer: arbitrary text in every place a model carries free text (service name and
// description, ledger and invariant text, breach title), rendered as Markdown and JSON. The
// JSON must parse back and hold the service name unchanged; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common.h"
#include "diag/text_width.h"

namespace {

// A YAML double-quoted scalar: JSON string syntax is a subset of it.
std::string yaml_quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> parts(5);
  std::size_t k = 0;
  for (char c : in) {
    if (c == '\x1f' && k + 1 < parts.size()) ++k;
    else parts[k] += c;
  }
  std::string model = "version: 1\nservice:\n  name: " + yaml_quoted(parts[0].empty() ? "x" : parts[0]) +
                      "\n  description: " + yaml_quoted(parts[1]) +
                      "\nledgers:\n  - id: stock\n    kind: inventory\n    description: " + yaml_quoted(parts[2]) +
                      "\n    invariants: [{id: non_negative, text: " + yaml_quoted(parts[3].empty() ? "x" : parts[3]) +
                      "}]\n  - {id: payments, kind: payment}\n"
                      "flows:\n  - id: buy\n    trigger: user\n    steps:\n"
                      "      - {id: hold, do: reserve, ledger: stock, ttl: PT10M}\n"
                      "      - {id: pay, do: charge, ledger: payments}\n"
                      "breaches:\n  - {id: b1, kind: oversell, title: " + yaml_quoted(parts[4]) + ", targets: [stock]}\n";
  pf::fuzz::run_pipeline("render.yaml", model);
  return 0;
}
