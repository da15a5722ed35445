// The HTML report (engine/render/html*): escaping, words from the library, filter data.
#include <catch2/catch.hpp>

#include "render/html_report.h"
#include "support.h"
#include "library/library.h"

using namespace pf;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Catalog hostile_catalog() {
  Catalog c;
  c.lang = "en";
  c.engine_version = "0.1.0";
  c.service_name = "<script>alert(1)</script> & \"co\"";
  FailureModeItem f;
  f.id = "fm.x";
  f.failure = "a <b>bold</b> failure";
  f.rating.severity = "critical";
  f.provenance.rule = "no-such-rule";
  c.failure_modes.push_back(f);
  PolicyItem p;
  p.id = "policy.x";
  p.name = "name with <!-- id: y --> in it";
  p.surfaces = {6, 10};
  p.rating.severity = "high";
  p.runbook = {"step 'one' > two"};
  p.provenance.rule = "no-such-rule";
  c.policies.push_back(p);
  c.words = test::format_words(c.lang);
  TopRisk t;
  t.rank = 1;
  t.severity = "critical";
  t.risk = f.failure;
  t.where = "model.yaml:3";
  t.action = p.runbook.front();
  t.failure_mode_id = "fm.x";  // the row is this failure mode, handled by this policy
  t.policy_id = "policy.x";
  t.policy_number = 1;
  c.top_risks.push_back(t);
  return c;
}

Library library() {
  Diagnostics d;
  auto lib = load_library(test::repo_root(), {}, d);
  INFO(d.format());
  REQUIRE(lib);
  return std::move(*lib);
}

}  // namespace

TEST_CASE("html: escaping covers markup, quotes and control characters", "[html]") {
  CHECK(html_escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(html_escape(std::string("a\x01" "b\tc")) == "a b\tc");
  CHECK(html_escape("항목 24~72시간") == "항목 24~72시간");
}

TEST_CASE("html: user text never becomes markup", "[html]") {
  Library lib = library();
  Catalog c = hostile_catalog();
  std::string page = render_html(html_page(c, lib));
  CHECK_FALSE(has(page, "<script>alert"));
  CHECK(has(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
  CHECK_FALSE(has(page, "<b>bold</b>"));
  CHECK(has(page, "&lt;!-- id: y --&gt;"));
  CHECK(has(page, "step &#39;one&#39; &gt; two"));
  // One script, the page's own, and nothing fetched.
  std::size_t first = page.find("<script>");
  CHECK(page.find("<script>", first + 1) == std::string::npos);
  CHECK(has(page, "default-src 'none'"));
  CHECK_FALSE(has(page, "src=\"http"));
  CHECK_FALSE(has(page, "href=\"http"));
}

TEST_CASE("html: the page's words come from the library, in the catalog's language", "[html]") {
  Library lib = library();
  Catalog c = hostile_catalog();
  HtmlPage en = html_page(c, lib);
  CHECK(en.words.at("html_filters") == lib.format.get("html_filters", "en")->raw);
  c.lang = "ko";
  c.words = test::format_words("ko");
  HtmlPage ko = html_page(c, lib);
  std::string page = render_html(ko);
  CHECK(has(page, "<html lang=\"ko\">"));
  CHECK(has(page, lib.format.get("html_filter_severity", "ko")->raw));
  CHECK(has(page, "[6] 정합성/조정"));
  // Every word the page asks for exists: a missing one would show its key.
  for (const char* key : {"html_top_risk", "html_contents", "html_shown", "html_flows", "html_lifecycles",
                          "html_severity_1", "html_severity_4", "html_status_unreviewed", "html_col_first_action"}) {
    INFO(key);
    CHECK(ko.words.count(key) == 1);
    CHECK_FALSE(has(page, std::string(">") + key + "<"));
  }
}

TEST_CASE("html: filter data on every item, top risks ranked", "[html]") {
  Library lib = library();
  Catalog c = hostile_catalog();
  std::string page = render_html(html_page(c, lib));
  CHECK(has(page, "<article class=\"item\" id=\"policy-1\" data-surface=\"6 10\" data-severity=\"3\" "
                  "data-status=\"unreviewed\">"));
  CHECK(has(page, "<li class=\"item\" id=\"fm-1\" data-surface=\"\" data-severity=\"4\""));
  CHECK(has(page, "<input type=\"checkbox\" data-group=\"severity\" value=\"4\" checked>"));
  CHECK(has(page, "<td>1</td><td class=\"sev sev4\">"));
  CHECK(has(page, "href=\"#fm-1\""));
  // The contents list the policy under both of its surfaces.
  CHECK(has(page, "id=\"surface-6\""));
  CHECK(has(page, "id=\"surface-10\""));
  CHECK_FALSE(has(page, "id=\"surface-1\""));
}

TEST_CASE("html: the same catalog gives the same bytes", "[html]") {
  Library lib = library();
  Catalog c = hostile_catalog();
  CHECK(render_html(html_page(c, lib)) == render_html(html_page(c, lib)));
}
