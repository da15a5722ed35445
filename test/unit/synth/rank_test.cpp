// Ranking, merging and caps of the back half (synth/rank.h, synth/group.h, synth/select.h).
#include <catch2/catch.hpp>

#include <algorithm>

#include "synth/group.h"
#include "synth/rank.h"
#include "synth/select.h"

using namespace pf;

namespace {

Rule rule(const std::string& id, const std::string& cls, int sev) {
  Rule r;
  r.id = id;
  r.rule_class = cls;
  r.severity_rank = sev;
  r.severity = sev == 4 ? "critical" : sev == 3 ? "high" : sev == 2 ? "medium" : "low";
  r.each = Kind::Ledger;
  return r;
}

Element ledger(const std::string& key, bool money, bool scarce) {
  Element e;
  e.kind = Kind::Ledger;
  e.key = key;
  e.set("money", Value::boolean(money));
  e.set("scarce", Value::boolean(scarce));
  return e;
}

MatchResult match(const Rule& r, const Element& e) {
  MatchResult m;
  m.rule = &r;
  m.element = &e;
  m.bindings["ledger"] = Value::element(&e);
  return m;
}

}  // namespace

TEST_CASE("rank: a defect outranks a control, which outranks hygiene, on the same element", "[rank]") {
  Element l = ledger("orders", false, false);
  Rule d = rule("d", "defect", 2), c = rule("c", "control", 4), h = rule("h", "hygiene", 4);
  MatchResult md = match(d, l), mc = match(c, l), mh = match(h, l);
  int sd = rate(merge({&md})).score, sc = rate(merge({&mc})).score, sh = rate(merge({&mh})).score;
  CHECK(sd > sc);
  CHECK(sc > sh);
}

TEST_CASE("rank: money, scarce units and a breach raise the score and say why", "[rank]") {
  Element plain = ledger("notes", false, false), money = ledger("payments", true, true);
  Element breach;
  breach.kind = Kind::Breach;
  breach.key = "inc_1";
  Rule r = rule("r", "control", 3);
  MatchResult a = match(r, plain), b = match(r, money);
  b.breaches.push_back(&breach);
  Rating ra = rate(merge({&a})), rb = rate(merge({&b}));
  CHECK(rb.score == ra.score + 10 + 8 + 15);
  CHECK(rb.rule_severity == "high");
  auto has = [&](const std::string& s) { return std::find(rb.reasons.begin(), rb.reasons.end(), s) != rb.reasons.end(); };
  CHECK(has("money=payments"));
  CHECK(has("scarce=payments"));
  CHECK(has("breach=inc_1"));
  CHECK(severity_of_score(75) == "critical");
  CHECK(severity_of_score(74) == "high");
  CHECK(severity_of_score(39) == "low");
}

TEST_CASE("rank: over a provider limit counts for defects and rules testing the limit only", "[rank]") {
  Element step;
  step.kind = Kind::Step;
  step.key = "buy.pay";
  step.set("over_rate_limit", Value::boolean(true));
  auto step_match = [&](const Rule& r) {
    MatchResult m;
    m.rule = &r;
    m.element = &step;
    m.bindings["step"] = Value::element(&step);
    return m;
  };
  auto has_limit = [](const Rating& x) {
    return std::find(x.reasons.begin(), x.reasons.end(), "over_rate_limit=buy.pay") != x.reasons.end();
  };
  Rule control = rule("velocity", "control", 3), defect = rule("storm", "defect", 3),
       testing = rule("budget", "control", 3), negated = rule("quiet", "control", 3);
  Condition over;
  over.path.text = "over_rate_limit";
  over.path.parts = {"over_rate_limit"};
  testing.where = {over};
  Condition no;
  no.type = Condition::Type::Not;
  no.children = {over};
  negated.where = {no};
  MatchResult mc = step_match(control), md = step_match(defect), mt = step_match(testing), mn = step_match(negated);
  Rating rc = rate(merge({&mc})), rd = rate(merge({&md})), rt = rate(merge({&mt})), rn = rate(merge({&mn}));
  CHECK_FALSE(has_limit(rc));  // a control on the same step inherits nothing
  CHECK(has_limit(rd));
  CHECK(has_limit(rt));
  CHECK_FALSE(has_limit(rn));
  CHECK(rt.score == rc.score + 15);
  CHECK(rd.score == rc.score + 20 + 15);  // class weight, then the limit
}

TEST_CASE("group: matches of one rule merge into one item, values listed once", "[group]") {
  Element a = ledger("a", false, false), b = ledger("b", false, false);
  Rule r = rule("r", "control", 2);
  MatchResult ma = match(r, a), mb = match(r, b), mb2 = match(r, b);
  Group g = merge({&ma, &mb, &mb2});
  CHECK(g.id == "r@*");
  REQUIRE(g.bindings["ledger"].type == Value::Type::List);
  CHECK(g.bindings["ledger"].list.size() == 2);
  CHECK(merge({&ma}).id == "r@a");
}

TEST_CASE("group: a superseding rule takes the elements it touches, and only those", "[group]") {
  Element a = ledger("a", false, false), b = ledger("b", false, false);
  Rule big = rule("big", "defect", 3), small = rule("small", "control", 3);
  big.supersedes = {"small"};
  std::vector<MatchResult> ms = {match(big, a), match(small, a), match(small, b)};
  std::map<std::string, std::vector<std::string>> superseded;
  auto groups = group_by_rule(ms, superseded);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].kept.front()->rule->id == "big");
  REQUIRE(groups[1].kept.size() == 1);
  CHECK(groups[1].kept.front()->element->key == "b");
  CHECK(groups[1].policy_only.empty());
  CHECK(superseded["big"] == std::vector<std::string>{"small@a"});
}

TEST_CASE("group: a superseding rule without a policy leaves the superseded policy standing", "[group]") {
  Element a = ledger("a", false, false);
  Rule defect = rule("defect", "defect", 4), control = rule("control", "control", 3);
  defect.failure_mode = "fm-defect";  // a failure mode only
  defect.supersedes = {"control"};
  control.failure_mode = "fm-control";
  control.policy = "pol-control";
  std::vector<MatchResult> ms = {match(defect, a), match(control, a)};
  std::map<std::string, std::vector<std::string>> superseded;
  auto groups = group_by_rule(ms, superseded);
  REQUIRE(groups.size() == 2);  // in rule id order: control, then defect
  CHECK(groups[0].kept.empty());  // no failure mode, no questions of its own
  REQUIRE(groups[0].policy_only.size() == 1);
  CHECK(groups[0].policy_only.front()->rule->id == "control");
  CHECK(groups[1].kept.front()->rule->id == "defect");
  CHECK(superseded["defect"] == std::vector<std::string>{"control@a"});
}

TEST_CASE("select: items ranked by score, the first n in the body", "[select]") {
  std::vector<FailureModeItem> fms(5);
  for (int i = 0; i < 5; ++i) {
    fms[i].id = std::string(1, static_cast<char>('a' + i));
    fms[i].rating.score = i * 10;
  }
  rank_failure_modes(fms);
  CHECK(fms.front().id == "e");
  CHECK(fms.front().rating.rank == 1);
  cap_failure_modes(fms, 3);
  CHECK(fms[2].rating.in_body);
  CHECK_FALSE(fms[3].rating.in_body);
}

TEST_CASE("select: names_key matches whole identifiers only", "[select]") {
  CHECK(names_key("writes `payments` then", "payments"));
  CHECK(names_key("payments", "payments"));
  CHECK_FALSE(names_key("payments_log", "payments"));
  CHECK_FALSE(names_key("old_payments", "payments"));
}
