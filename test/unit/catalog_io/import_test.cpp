#include <catch2/catch.hpp>

#include "catalog_io/import_json.h"
#include "catalog_io/import_markdown.h"
#include "catalog_io/md_lines.h"

using namespace pf::cio;

namespace {

const char* kEngineStyle =
    "<!-- policyforge 0.1.0 | model m.yaml -->\n"
    "# Svc — Reliability Policy Catalog\n"
    "\n"
    "## 1) Reliability Top Failure Modes\n"
    "\n"
    "1. Failure: a / Impact: b / User impact: c / Detection signal: d <!-- id: fm@x -->\n"
    "\n"
    "## 2) Policy Catalog\n"
    "\n"
    "### [Policy #1] Name: Hold release\n"
    "<!-- id: hold@x -->\n"
    "\n"
    "- [SurfaceTag]: [1] Scarce resources, [6] Consistency/reconciliation\n"
    "- Trigger: payment fails\n"
    "- Runbook:\n"
    "  1. count\n"
    "  2. release\n"
    "- [UNCERTAIN]: unsure\n"
    "  - Is it so?\n";

const char* kLlmStyle =
    "**2) Policy Catalog**\n"
    "\n"
    "#### Policy 1 — Name: Hold release\n"
    "\n"
    "* **[SurfaceTag]**: [1] Scarce resources\n"
    "\n"
    "* **Trigger**: payment fails\n"
    "  and the user leaves\n"
    "* **Runbook**:\n"
    "\n"
    "    1) count\n"
    "    2) release\n";

}  // namespace

TEST_CASE("import_markdown: the engine's layout, with ids, parts, fields and nested items", "[catalog_io]") {
  ImportResult r = import_markdown(kEngineStyle, "c.md");
  REQUIRE(r.errors.empty());
  const Document& d = r.doc;
  CHECK(d.lang == "en");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[1].key == "policies");
  CHECK(d.sections[1].pos.line == 8);
  REQUIRE(d.failure_modes.size() == 1);
  CHECK(d.failure_modes[0].id == "fm@x");
  CHECK(d.failure_modes[0].parts.at("user_impact") == "c");
  CHECK(d.failure_modes[0].parts.at("impact") == "b");
  CHECK(d.failure_modes[0].parts.at("signal") == "d");
  REQUIRE(d.policies.size() == 1);
  const Policy& p = d.policies[0];
  CHECK(p.id == "hold@x");
  CHECK(p.number == 1);
  CHECK(p.name == "Hold release");
  CHECK(p.heading_canonical);
  CHECK(p.surfaces == std::vector<int>{1, 6});
  REQUIRE(p.field("runbook"));
  CHECK(p.field("runbook")->items == std::vector<std::string>{"count", "release"});
  REQUIRE(p.field("uncertain"));
  CHECK(p.field("uncertain")->items == std::vector<std::string>{"Is it so?"});
  CHECK(p.field("trigger")->pos.line == 14);
}

TEST_CASE("import_markdown: bold lines, #### headings, bold labels, other numbering, continuation lines",
          "[catalog_io]") {
  ImportResult r = import_markdown(kLlmStyle, "c.md");
  REQUIRE(r.errors.empty());
  REQUIRE(r.doc.sections.size() == 1);
  CHECK_FALSE(r.doc.sections[0].canonical);
  REQUIRE(r.doc.policies.size() == 1);
  const Policy& p = r.doc.policies[0];
  CHECK(p.number == 1);
  CHECK(p.name == "Hold release");
  CHECK_FALSE(p.heading_canonical);
  CHECK(p.field("trigger")->value == "payment fails and the user leaves");
  CHECK_FALSE(p.field("trigger")->canonical);
  CHECK(p.field("runbook")->items.size() == 2);
  CHECK(p.field("runbook")->items_numbered[0]);
}

TEST_CASE("import_markdown: Korean labels and language detection", "[catalog_io]") {
  ImportResult r = import_markdown(
      "## 2) Policy Catalog (정책 카탈로그)\n\n### [Policy #1] 정책명: 보류 해제\n\n- 트리거(발동 조건): 결제 실패\n"
      "- **모니터링/알람:** leading: 보류 건수\n",
      "k.md");
  CHECK(r.doc.lang == "ko");
  REQUIRE(r.doc.policies.size() == 1);
  CHECK(r.doc.policies[0].name == "보류 해제");
  CHECK(r.doc.policies[0].field("trigger")->value == "결제 실패");
  CHECK(r.doc.policies[0].field("metrics")->value == "leading: 보류 건수");
}

TEST_CASE("import_markdown: text that is no catalog is an import error, never a crash", "[catalog_io]") {
  CHECK(import_markdown("hello\n", "x.md").errors.size() == 1);
  CHECK(import_markdown("", "x.md").errors.size() == 1);
  CHECK(import_markdown(std::string_view("a\0b", 3), "x.md").errors.front().message.find("NUL") != std::string::npos);
  CHECK(import_markdown("## 2) Policy Catalog\n- Trigger: orphan\n<!-- unterminated", "x.md").errors.empty());
}

TEST_CASE("import_json: the engine's JSON with severities and elements", "[catalog_io]") {
  const char* j = R"({"format": "policyforge-catalog/1", "header": {"lang": "en"},
    "policies": [{"id": "p@x", "number": 1, "name": "N", "surfaces": [6], "trigger": "t", "runbook": ["a", "b", "c"],
                  "uncertain": {"text": "u", "questions": ["q?"]}, "severity": 4,
                  "provenance": {"elements": [{"name": "x", "key": "flow.x"}]}}]})";
  ImportResult r = import_catalog(j, "c.json");
  REQUIRE(r.errors.empty());
  CHECK(r.doc.format == "json");
  REQUIRE(r.doc.policies.size() == 1);
  CHECK(r.doc.policies[0].severity == 4);
  CHECK(r.doc.policies[0].elements == std::vector<std::string>{"flow.x"});
  CHECK(r.doc.policies[0].field("runbook")->items.size() == 3);
  CHECK(import_catalog("{\"format\": 1}", "c.json").errors.size() == 1);
  CHECK(import_catalog("{", "c.json").errors.size() == 1);
}

TEST_CASE("md_lines: table cells keep escaped pipes; separators are recognised", "[catalog_io]") {
  bool sep = false;
  CHECK(table_cells("| `a` | b \\| c |", sep) == std::vector<std::string>{"`a`", "b | c"});
  CHECK_FALSE(sep);
  table_cells("| --- | :---: |", sep);
  CHECK(sep);
}

TEST_CASE("import: backslash escapes read back as the text they escape, outside code spans", "[catalog_io][import]") {
  CHECK(md_unescape("24\\~72 h, \\*x\\*, a \\| b, \\<b>") == "24~72 h, *x*, a | b, <b>");
  CHECK(md_unescape("`a\\~b` and \\~") == "`a\\~b` and ~");
  CHECK(md_unescape("C:\\dir and \\n") == "C:\\dir and \\n");  // only before punctuation
  CHECK(md_unescape("an open \\` tick") == "an open ` tick");  // as md_inline writes a lone backtick
}
