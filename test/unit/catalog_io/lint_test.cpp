#include <catch2/catch.hpp>

#include "catalog_io/import_markdown.h"
#include "catalog_io/lint.h"

using namespace pf::cio;

namespace {

std::string findings(const std::string& text) {
  ImportResult r = import_markdown(text, "c.md");
  return format_findings("c.md", lint_format(r.doc));
}

std::string policy(int n, const std::string& runbook, const std::string& metrics, const std::string& extra = "") {
  return "### [Policy #" + std::to_string(n) + "] Name: P" + std::to_string(n) +
         "\n\n- [SurfaceTag]: [6] Consistency/reconciliation\n- Intent / incident prevented: i\n"
         "- Protected ledgers / invariants: l\n- Trigger: t\n- Enforcement point: e\n- Idempotency / dedupe: d\n"
         "- Retry / backoff / circuit breaking: r\n- Reconciliation rules: c\n- Compensation / recovery: o\n"
         "- Exceptions / conflict priority: x\n- Monitoring / alerts: " +
         metrics + "\n- Runbook:\n" + runbook + extra + "\n";
}

}  // namespace

TEST_CASE("lint: a policy's rules each with its finding, at its line", "[catalog_io][lint]") {
  std::string three = "  1. a\n  2. b\n  3. c\n";
  std::string text = "## 2) Policy Catalog\n\n" + policy(1, three, "leading: x") + policy(2, "  1. a\n", "lagging") +
                     policy(4, three, "leading: y", "- [UNCERTAIN]: u\n  - no question\n");
  std::string out = findings(text);
  CHECK_THAT(out, Catch::Contains("c.md:33:1: error: policy #2: monitoring names no indicator marked 'leading' "
                                  "[leading-indicator]"));
  CHECK_THAT(out, Catch::Contains("c.md:34:1: error: policy #2: runbook has 1 steps, 3 to 7 required [runbook-steps]"));
  CHECK_THAT(out, Catch::Contains("error: policy #4: numbered out of sequence (expected #3) [policy-numbering]"));
  CHECK_THAT(out, Catch::Contains("error: policy #4: [UNCERTAIN] needs 1 to 3 verification questions, found 0"));
  CHECK_THAT(out, Catch::Contains("c.md:1:1: error: policies: 3 found, at least 20 required [policy-count]"));
  CHECK_THAT(out, Catch::Contains("error: section missing: '## 0) Assumptions' [section-missing]"));
  // near misses: policy #1 is clean
  CHECK_THAT(out, !Catch::Contains("policy #1:"));
}

TEST_CASE("lint: fields missing, out of order, empty; surfaces counted and named", "[catalog_io][lint]") {
  std::string p = policy(1, "  1. a\n  2. b\n  3. c\n", "leading: x");
  std::string swapped = p;
  swapped.replace(swapped.find("- Trigger: t\n"), 13, "");
  swapped.replace(swapped.find("- Enforcement point: e\n"), 0, "- Trigger: \n");
  swapped.replace(swapped.find("[6] Consistency/reconciliation"), 30, "[6] Consistency, [13] x, [1] Scarce resources");
  std::string out = findings("## 2) Policy Catalog\n\n" + swapped);
  CHECK_THAT(out, Catch::Contains("error: policy #1: field 'Trigger:' is empty [field-empty]"));
  CHECK_THAT(out, Catch::Contains("error: policy #1: surface [13] does not exist [surface-unknown]"));
  CHECK_THAT(out, Catch::Contains(
                      "error: policy #1: surface [6] should be named 'Consistency/reconciliation', found 'Consistency'"));
  CHECK_THAT(out, !Catch::Contains("[surface-count]"));  // two real tags: within 1..3
  std::string missing = p;
  missing.replace(missing.find("- Trigger: t\n"), 13, "");
  CHECK_THAT(findings("## 2) Policy Catalog\n\n" + missing),
             Catch::Contains("c.md:3:1: error: policy #1: field 'Trigger:' missing [field-missing]"));
}

TEST_CASE("lint: bold labels are a style warning, not an error", "[catalog_io][lint]") {
  std::string p = policy(1, "  1. a\n  2. b\n  3. c\n", "leading: x");
  p.replace(p.find("- Trigger: t"), 12, "- **Trigger**: t");
  std::string out = findings("## 2) Policy Catalog\n\n" + p);
  CHECK_THAT(out, Catch::Contains("warning: policy #1: 1 field label(s) not written letter for letter as the "
                                  "format's (bold, other wording), first 'Trigger:' [field-style]"));
  CHECK_THAT(out, !Catch::Contains("Trigger:' missing"));
}

TEST_CASE("lint: failure modes need four labelled parts in order", "[catalog_io][lint]") {
  std::string out = findings(
      "## 1) Reliability Top Failure Modes\n\n1. Failure: a / Impact: b / User impact: c / Detection signal: d\n"
      "2. Failure: a / User impact: c / Impact: b / Detection signal: d\n3. Failure: a / Impact: b\n");
  CHECK_THAT(out, !Catch::Contains("failure mode 1:"));
  CHECK_THAT(out, Catch::Contains("c.md:4:1: error: failure mode 2: part 'User impact:' missing or out of order"));
  CHECK_THAT(out, Catch::Contains("c.md:5:1: error: failure mode 3: part 'User impact:' missing or out of order"));
  CHECK_THAT(out, Catch::Contains("c.md:5:1: error: failure mode 3: expected four parts separated by ' / '"));
}

TEST_CASE("lint: placeholders found at their column", "[catalog_io][lint]") {
  std::string out = findings("## 4) Verification Questions\n\n1. Which {ledger} is it? TODO\n");
  CHECK_THAT(out, Catch::Contains("c.md:3:10: error: unfilled placeholder '{ledger}' [placeholder]"));
}
