#pragma once
// Rule fixtures (rules/<area>/<rule-id>.test.yaml) read for the fixture runner (cli/fixtures.h):
// each case's model as YAML text, built from the preamble, the shared base the file names
// (`from:`, *.fixture-base.yaml), the file's `base:` and the case's own `model:`.
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "library/library.h"

namespace pf {

struct FixtureCase {
  std::string name, expect, model_text;
  std::vector<std::string> keys;
  Loc loc;
};

struct Fixture {
  std::string file, rule;
  std::vector<std::string> with;  ///< other rules loaded beside it (for rules about coverage)
  std::vector<FixtureCase> cases;
};

/// Reads one fixture file; problems go to diags (nullopt when the file cannot be read at all).
std::optional<Fixture> read_fixture(const Library& lib, const std::string& path, Diagnostics& diags);

}  // namespace pf
