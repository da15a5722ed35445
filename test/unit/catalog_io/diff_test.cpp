#include <catch2/catch.hpp>

#include "catalog_io/diff.h"
#include "catalog_io/import_markdown.h"

using namespace pf::cio;

namespace {

Document doc(const std::string& text) { return import_markdown(text, "c.md").doc; }

const char* kOld =
    "## 2) Policy Catalog\n\n"
    "### [Policy #1] Name: Release `hold` holds when `pay` fails\n<!-- id: a@x -->\n\n"
    "- [SurfaceTag]: [1] Scarce resources\n- Trigger: timeout after 10 s\n"
    "### [Policy #2] Name: Reconcile `payments` daily\n<!-- id: b@x -->\n\n"
    "- [SurfaceTag]: [6] Consistency/reconciliation\n- Trigger: daily\n";

}  // namespace

TEST_CASE("diff: pairs by id, marks the changed words, ignores numbering and line numbers", "[catalog_io][diff]") {
  std::string moved = std::string("\n\n\n") + kOld;
  moved.replace(moved.find("10 s"), 4, "30 s");
  DiffResult r = diff_documents(doc(kOld), doc(moved));
  CHECK(r.added.empty());
  CHECK(r.removed.empty());
  REQUIRE(r.changed.size() == 1);
  CHECK(r.changed[0].method == "id");
  REQUIRE(r.changed[0].changes.size() == 1);
  CHECK(r.changed[0].changes[0].field == "trigger");
  std::vector<WordOp> want = {{'=', "timeout after"}, {'-', "10"}, {'+', "30"}, {'=', "s"}};
  REQUIRE(r.changed[0].changes[0].words.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(r.changed[0].changes[0].words[i].op == want[i].op);
    CHECK(r.changed[0].changes[0].words[i].text == want[i].text);
  }
  CHECK(r.unchanged == 1);
  CHECK(diff_documents(doc(kOld), doc(kOld)).same());
}

TEST_CASE("diff: without ids, items pair by surfaces, named elements and name; others are added/removed",
          "[catalog_io][diff]") {
  std::string no_ids = kOld;
  for (std::size_t p; (p = no_ids.find("<!-- id:")) != std::string::npos;)
    no_ids.erase(p, no_ids.find("-->", p) + 3 - p);
  // renumbered and reordered: policy 2 first
  std::string reordered = "## 2) Policy Catalog\n\n"
                          "### [Policy #1] Name: Reconcile `payments` every day\n\n"
                          "- [SurfaceTag]: [6] Consistency/reconciliation\n- Trigger: daily\n"
                          "### [Policy #2] Name: Cap `coupons` per user\n\n- [SurfaceTag]: [8] Fraud/abuse\n";
  DiffResult r = diff_documents(doc(no_ids), doc(reordered));
  REQUIRE(r.changed.size() == 1);
  CHECK_THAT(r.changed[0].method, Catch::StartsWith("similarity"));
  CHECK(r.changed[0].changes[0].field == "name");
  REQUIRE(r.added.size() == 1);
  CHECK(r.added[0].name == "Cap `coupons` per user");
  REQUIRE(r.removed.size() == 1);
  CHECK(r.removed[0].name == "Release `hold` holds when `pay` fails");
  CHECK_THAT(render_diff_markdown(r, "a", "b"), Catch::Contains("- name: Reconcile `payments` ~~daily~~ **every day**"));
}

TEST_CASE("diff: severity changes and their direction", "[catalog_io][diff]") {
  Document a = doc(kOld), b = doc(kOld);
  a.policies[0].severity = 2;
  b.policies[0].severity = 4;
  DiffResult r = diff_documents(a, b);
  REQUIRE(r.severity.size() == 1);
  CHECK(r.severity_up());
  CHECK_FALSE(r.same());
  CHECK_THAT(render_diff_json(r, "a", "b"), Catch::Contains("\"direction\": \"up\""));
}
