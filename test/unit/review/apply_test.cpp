// Review decisions meet a catalog: patterns, precedence, stale decisions, open items first.
#include <catch2/catch.hpp>

#include "review/apply.h"

using namespace pf;
using namespace pf::review;

namespace {

PolicyItem policy(const std::string& id, int severity, const std::string& fact_value) {
  PolicyItem p;
  p.id = id;
  p.name = "name of " + id;
  p.rating.severity = severity == 4 ? "critical" : severity == 3 ? "high" : severity == 2 ? "medium" : "low";
  p.provenance.rule = id.substr(0, id.find('@'));
  p.provenance.facts = {{"peak_rps", fact_value}};
  return p;
}

Catalog sample() {
  Catalog c;
  c.lang = "en";
  c.policies = {policy("a@x", 4, "1"), policy("b@x", 4, "1"), policy("c@y", 4, "1"), policy("d@y", 3, "1")};
  return c;
}

Decision decision(const std::string& id, const std::string& status, int line) {
  Decision d;
  d.id = id;
  d.status = status;
  d.reviewer = "kim";
  d.date = "2026-11-30";
  d.loc.line = line;
  return d;
}

}  // namespace

TEST_CASE("ids match patterns with '*' as a whole") {
  CHECK(id_matches("rule@*", "rule@checkout.pay"));
  CHECK(id_matches("*@seats", "hold@seats"));
  CHECK(id_matches("a*b*c", "axxbyyc"));
  CHECK_FALSE(id_matches("rule@*", "rules@x"));
  CHECK_FALSE(id_matches("rule@x", "rule@xy"));
}

TEST_CASE("an exact id wins over a pattern; open items go first within a severity") {
  Catalog c = sample();
  std::vector<Decision> ds = {decision("*@x", "mitigated", 2), decision("b@x", "accepted", 5)};
  Applied r = apply_decisions(c, ds, "d.yaml", "2026-12-04", FormatText{});
  REQUIRE(r.items.size() == 4);
  CHECK(r.items[0].status == "mitigated");
  CHECK(r.items[1].status == "accepted");
  CHECK(r.warnings.empty());
  // a@x and b@x are decided: c@y (open, same severity) moves before them; d@y stays last.
  REQUIRE(c.policies.size() == 4);
  CHECK(c.policies[0].id == "c@y");
  CHECK(c.policies[1].id == "a@x");
  CHECK(c.policies[2].id == "b@x");
  CHECK(c.policies[3].id == "d@y");
  CHECK(c.review.at("b@x").status == "accepted");
}

TEST_CASE("stale decisions: item gone, item changed, expired; each once, by line") {
  Catalog before = sample();
  std::string fp = items(before)[0].fingerprint;
  Catalog c = sample();
  c.policies[0].provenance.facts = {{"peak_rps", "2"}};  // the item behind a@x changed
  Decision changed = decision("a@x", "accepted", 3);
  changed.fingerprint = fp;
  Decision expired = decision("*@y", "risk_accepted", 9);
  expired.expires = "2026-12-01";
  std::vector<Decision> ds = {changed, expired, decision("gone@z", "not_applicable", 14)};
  Applied r = apply_decisions(c, ds, "d.yaml", "2026-12-04", FormatText{});
  REQUIRE(r.warnings.size() == 3);
  CHECK(r.warnings[0].rfind("d.yaml:3: warning: decision on 'a@x' is stale: the item changed", 0) == 0);
  CHECK(r.warnings[1] == "d.yaml:9: warning: decision on '*@y' is stale: it expired on 2026-12-01");
  CHECK(r.warnings[2] == "d.yaml:14: warning: decision on 'gone@z' is stale: no item of the catalog has that id");
  CHECK(c.review.at("a@x").status == "stale");
  CHECK(c.review.at("c@y").status == "stale");
}

TEST_CASE("fingerprints depend on what made the item, not on its words") {
  Catalog a = sample(), b = sample();
  b.policies[0].name = "another wording";
  CHECK(items(a)[0].fingerprint == items(b)[0].fingerprint);
  b.policies[0].rating.severity = "high";
  CHECK(items(a)[0].fingerprint != items(b)[0].fingerprint);
}
