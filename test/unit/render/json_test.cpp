// The JSON catalog parses back and carries the header spec/catalog.md asks for.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "render/json.h"

using namespace pf;
using nlohmann::json;

namespace {

Catalog sample() {
  Catalog c;
  c.lang = "en";
  c.engine_version = "0.1.0";
  c.library_digest = std::string(64, 'b');
  c.model_sha256 = std::string(64, 'a');
  c.model_path = "samples/shop/model.yaml";
  c.service_name = "Shop";
  Provenance prov;
  prov.rule = "hold-leak";
  prov.rule_file = "rules/scarce/hold-leak.yaml";
  prov.template_id = "pol-hold";
  prov.template_file = "catalogs/policies/pol-hold.yaml";
  prov.elements = {{"step", "step", "buy.hold", Loc{std::make_shared<const std::string>("m.yaml"), 12, 9}}};
  prov.facts = {{"do", "reserve"}, {"ttl", "600000ms"}};
  prov.references = {"practice.md §5"};
  c.assumptions = {{"a@service#a1", "No charter \"quoted\".", {}}};
  FailureModeItem fm;
  fm.id = "hold-leak@buy.hold";
  fm.failure = "Holds leak";
  fm.impact = "i";
  fm.user_impact = "u";
  fm.signal = "s";
  fm.rating.severity = "critical";
  fm.breaches = {"inc1"};
  fm.provenance = prov;
  c.failure_modes = {fm};
  PolicyItem p;
  p.id = "hold-leak@buy.hold";
  p.name = "Release holds";
  p.surfaces = {1, 6};
  p.metrics = "leading: x";
  p.runbook = {"a", "b", "c"};
  p.uncertain = true;
  p.uncertain_text = "unknown TTL";
  p.questions = {"How long?"};
  p.rating.severity = "critical";
  p.provenance = prov;
  PolicyItem q = p;
  q.id = "other@buy.pay";
  q.uncertain = false;
  q.provenance.template_id.clear();
  c.policies = {p, q};
  c.ledger_map = {{"lm@stock", "stock", "inv1", "inv2", "sig", "rec", prov}};
  c.questions = {{"q@buy.hold#q1", "Why?", prov}};
  c.coverage = {{"inc1", "hold_leak", "Holds leaked", {"hold-leak@buy.hold"}, {"hold-leak@buy.hold"}, false}};
  return c;
}

}  // namespace

TEST_CASE("json: the catalog parses back with its header", "[json]") {
  std::string text = render_json(sample());
  REQUIRE(text.back() == '\n');
  json j = json::parse(text);
  CHECK(j["format"] == "policyforge-catalog/1");
  const json& h = j["header"];
  CHECK(h["engine"] == "policyforge");
  CHECK(h["engine_version"] == "0.1.0");
  CHECK(h["library_sha256"] == std::string(64, 'b'));
  CHECK(h["model"]["path"] == "samples/shop/model.yaml");
  CHECK(h["model"]["sha256"] == std::string(64, 'a'));
  CHECK(h["lang"] == "en");
  CHECK(h["service"] == "Shop");
  // Key order is fixed (ordered_json), so the bytes are stable.
  CHECK(text.find("\"format\"") < text.find("\"header\""));
  CHECK(text.find("\"header\"") < text.find("\"assumptions\""));
  CHECK(text.find("\"assumptions\"") < text.find("\"failure_modes\""));
  CHECK(text.find("\"failure_modes\"") < text.find("\"policies\""));
  CHECK(text.find("\"policies\"") < text.find("\"ledger_map\""));
  CHECK(text.find("\"ledger_map\"") < text.find("\n  \"questions\""));
  CHECK(text.find("\n  \"questions\"") < text.find("\n  \"breach_coverage\""));
  CHECK(text == render_json(sample()));
}

TEST_CASE("json: items, numbers, surfaces and provenance", "[json]") {
  json j = json::parse(render_json(sample()));
  REQUIRE(j["assumptions"].size() == 1);
  CHECK(j["assumptions"][0]["text"] == "No charter \"quoted\".");
  CHECK_FALSE(j.contains("no_assumptions"));
  const json& fm = j["failure_modes"][0];
  CHECK(fm["id"] == "hold-leak@buy.hold");
  CHECK(fm["severity"] == "critical");
  CHECK(fm["breaches"] == json::array({"inc1"}));
  const json& prov = fm["provenance"];
  CHECK(prov["rule"] == "hold-leak");
  CHECK(prov["rule_file"] == "rules/scarce/hold-leak.yaml");
  CHECK(prov["template"] == "pol-hold");
  CHECK(prov["elements"][0] == json{{"name", "step"}, {"kind", "step"}, {"key", "buy.hold"}, {"file", "m.yaml"},
                                    {"line", 12}, {"column", 9}});
  CHECK(prov["facts"][1] == json{{"fact", "ttl"}, {"value", "600000ms"}});
  CHECK(prov["references"] == json::array({"practice.md §5"}));
  REQUIRE(j["policies"].size() == 2);
  const json& p = j["policies"][0];
  CHECK(p["number"] == 1);
  CHECK(j["policies"][1]["number"] == 2);
  CHECK(p["surfaces"] == json::array({1, 6}));
  CHECK(p["runbook"] == json::array({"a", "b", "c"}));
  CHECK(p["uncertain"] == json{{"text", "unknown TTL"}, {"questions", json::array({"How long?"})}});
  CHECK(j["policies"][1]["uncertain"].is_null());
  CHECK_FALSE(j["policies"][1]["provenance"].contains("template"));  // no template, no template keys
  const json& row = j["ledger_map"][0];
  CHECK(row["ledger"] == "stock");
  CHECK(row["invariants"] == json::array({"inv1", "inv2"}));
  CHECK(j["questions"][0]["id"] == "q@buy.hold#q1");
  CHECK(j["breach_coverage"][0]["gap"] == false);
  CHECK(j["breach_coverage"][0]["policies"] == json::array({"hold-leak@buy.hold"}));
}

TEST_CASE("json: an empty catalog states that no assumption was needed", "[json]") {
  Catalog c;
  c.lang = "ko";
  c.no_assumptions = "필요한 가정 없음";
  json j = json::parse(render_json(c));
  CHECK(j["assumptions"] == json::array());
  CHECK(j["no_assumptions"] == "필요한 가정 없음");
  CHECK(j["policies"] == json::array());
  CHECK(j["breach_coverage"] == json::array());
  CHECK(j["header"]["model"]["sha256"] == "");
}

TEST_CASE("json: the streamed catalog is the same text", "[json]") {
  Catalog c = sample();
  for (int i = 0; i < 6000; ++i) c.questions.push_back(c.questions.front());  // over a megabyte
  std::string streamed;
  int pieces = 0;
  render_json(c, [&](std::string_view piece) {
    streamed.append(piece);
    ++pieces;
  });
  CHECK(pieces > 1);
  CHECK(streamed == render_json(c));
}
