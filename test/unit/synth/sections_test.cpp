// Where the top-risk table points (synth/sections.h where_of): the element the item is keyed on.
#include <catch2/catch.hpp>

#include <memory>

#include "synth/sections.h"

using namespace pf;

namespace {

Provenance::Bound bound(const std::string& name, const std::string& key, int line) {
  Provenance::Bound b;
  b.name = name;
  b.kind = "step";
  b.key = key;
  b.loc.file = std::make_shared<const std::string>("m.yaml");
  b.loc.line = line;
  return b;
}

}  // namespace

TEST_CASE("top risks: the location is the element the item is keyed on", "[synth][sections]") {
  Provenance p;
  p.each = "step";
  // bindings come in name order: the capture in another flow sorts before the step itself
  p.elements = {bound("capture", "ship.capture", 40), bound("flow", "order", 10), bound("step", "order.auth", 12)};
  CHECK(where_of(p, "authorization-captured-elsewhere@order.auth") == "m.yaml:12");
  // a merged item (@*) points at its first match, bound under its kind's name (not at a
  // `let:` name that happens to be a kind's name, like `ledger` in a rule over transitions)
  CHECK(where_of(p, "some-rule@*") == "m.yaml:12");
  Provenance t;
  t.each = "transition";
  t.elements = {bound("ledger", "orders", 29), bound("transition", "order:a->b", 157)};
  t.elements[0].kind = "ledger";
  t.elements[1].kind = "transition";
  CHECK(where_of(t, "r@*") == "m.yaml:157");
  // else at the first element it covers
  Provenance m;
  m.elements = {bound("capture", "ship.capture", 40), bound("matches", "order.auth2", 14)};
  CHECK(where_of(m, "some-rule@*") == "m.yaml:14");
  // no element with the key, no own binding, no matches: the first located element
  m.elements.pop_back();
  CHECK(where_of(m, "some-rule@elsewhere") == "m.yaml:40");
  // an element without a location is skipped
  Provenance q;
  q.elements = {bound("step", "order.auth", 0), bound("flow", "order", 10)};
  CHECK(where_of(q, "r@order.auth") == "m.yaml:10");
  CHECK(where_of(Provenance{}, "r@x").empty());
}

namespace {

/// A body failure mode of `rule` covering the steps given, at `score`.
FailureModeItem fm(const std::string& id, const std::string& rule, int score, std::vector<std::string> steps) {
  FailureModeItem f;
  f.id = id;
  f.failure = id;
  f.provenance.rule = rule;
  f.provenance.each = "step";
  f.rating.score = score;
  for (std::size_t i = 0; i < steps.size(); ++i) f.provenance.elements.push_back(bound("step", steps[i], 10 + static_cast<int>(i)));
  return f;
}

}  // namespace

TEST_CASE("top risks: one risk, one row", "[synth][sections]") {
  Catalog c;
  // a defect found before retries (no policy of its own), the retry storm it supersedes on the
  // same step (a failure mode and a merged policy over two callers), and an unrelated risk
  c.failure_modes.push_back(fm("load-over@a.charge", "load-over", 90, {"a.charge"}));
  c.failure_modes.push_back(fm("storm@b.retry", "storm", 80, {"b.retry"}));
  c.failure_modes.push_back(fm("no-key@b.retry", "no-key", 85, {"b.retry"}));
  PolicyItem storm;
  storm.id = "storm@*";
  storm.name = "stop retry storms";
  storm.rating.score = 82;
  storm.provenance.rule = "storm";
  storm.provenance.each = "step";
  storm.provenance.elements = {bound("step", "a.charge", 20), bound("step", "b.retry", 21)};
  c.policies.push_back(storm);
  SupersedesMap sup{{"load-over", {"storm"}}};

  auto rows = build_top_risks(c, 10, sup);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].failure_mode_id == "load-over@a.charge");
  CHECK(rows[0].policy_number == 1);  // the superseded rule's policy handles it
  CHECK(rows[1].failure_mode_id == "no-key@b.retry");
  CHECK(rows[1].rank == 2);

  SECTION("unrelated rules on the same step keep their rows") {
    auto all = build_top_risks(c, 10, {});
    // without the relation, the retry storm's policy still joins its own failure mode on b.retry
    REQUIRE(all.size() == 3);
    CHECK(all[0].failure_mode_id == "load-over@a.charge");
    CHECK(all[0].policy_number == 0);
    CHECK(all[1].failure_mode_id == "no-key@b.retry");
    CHECK(all[2].policy_id == "storm@*");
  }
  SECTION("an element a rule only names (not one it matched) does not make one risk") {
    // the retry storm names a.charge as the failing later step; it matched b.retry only
    c.failure_modes[1].provenance.elements = {bound("failing", "a.charge", 30), bound("step", "b.retry", 31)};
    c.failure_modes[1].provenance.elements[0].kind = "step";
    c.policies[0].provenance.elements = {bound("failing", "a.charge", 30), bound("step", "b.retry", 31)};
    c.policies[0].provenance.elements[0].kind = "step";
    CHECK(build_top_risks(c, 10, sup).size() == 3);
  }
  SECTION("related rules on different steps keep their rows") {
    c.failure_modes[1].provenance.elements = {bound("step", "c.other", 30)};
    c.policies[0].provenance.elements = {bound("step", "c.other", 30)};
    auto rows2 = build_top_risks(c, 10, sup);
    CHECK(rows2.size() == 3);
  }
}
