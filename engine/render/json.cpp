#include "render/json.h"

#include <nlohmann/json.hpp>

namespace pf {

namespace {

using J = nlohmann::ordered_json;

J provenance(const Provenance& p) {
  J elements = J::array();
  for (const auto& e : p.elements)
    elements.push_back({{"name", e.name},
                        {"kind", e.kind},
                        {"key", e.key},
                        {"file", e.loc.file ? *e.loc.file : std::string()},
                        {"line", e.loc.line},
                        {"column", e.loc.col}});
  J facts = J::array();
  for (const auto& [k, v] : p.facts) facts.push_back({{"fact", k}, {"value", v}});
  J out = {{"rule", p.rule}, {"rule_file", p.rule_file}};
  if (!p.template_id.empty()) {
    out["template"] = p.template_id;
    out["template_file"] = p.template_file;
  }
  out["elements"] = elements;
  out["facts"] = facts;
  out["references"] = p.references;
  return out;
}

/// Severity, score, rank, body or appendix, and why (docs/severity.md).
void rating(J& item, const Rating& r) {
  item["severity"] = r.severity;
  item["rule_severity"] = r.rule_severity;
  item["score"] = r.score;
  item["rank"] = r.rank;
  item["in_body"] = r.in_body;
  item["reasons"] = r.reasons;
}

J text_items(const std::vector<TextItem>& items, bool rated) {
  J a = J::array();
  for (const auto& t : items) {
    J x = {{"id", t.id}, {"text", t.text}};
    if (rated) rating(x, t.rating);
    x["provenance"] = provenance(t.provenance);
    a.push_back(std::move(x));
  }
  return a;
}

J review(const Catalog& c, const std::string& id) {
  auto it = c.review.find(id);
  if (it == c.review.end()) return nullptr;
  J r = {{"status", it->second.status}};
  for (const auto& [k, v] : it->second.fields) r[k] = v;
  return r;
}

}  // namespace

std::string render_json(const Catalog& c) {
  J j;
  j["format"] = "policyforge-catalog/1";
  j["header"] = {{"engine", "policyforge"},
                 {"engine_version", c.engine_version},
                 {"library_sha256", c.library_digest},
                 {"model", {{"path", c.model_path}, {"sha256", c.model_sha256}}},
                 {"lang", c.lang},
                 {"service", c.service_name}};
  if (!c.options.empty()) {
    J opts = J::object();
    for (const auto& [k, v] : c.options) opts[k] = v;
    j["header"]["options"] = opts;
  }
  J top = J::array();
  for (const auto& t : c.top_risks)
    top.push_back({{"rank", t.rank},
                   {"severity", t.severity},
                   {"risk", t.risk},
                   {"where", t.where},
                   {"action", t.action},
                   {"policy", t.policy_id},
                   {"policy_number", t.policy_number}});
  j["top_risks"] = top;
  j["assumptions"] = text_items(c.assumptions, false);
  if (c.assumptions.empty()) j["no_assumptions"] = c.no_assumptions;
  J fms = J::array();
  int n = 0;
  for (const auto& f : c.failure_modes) {
    J x = {{"number", ++n},
           {"id", f.id},
           {"failure", f.failure},
           {"impact", f.impact},
           {"user_impact", f.user_impact},
           {"signal", f.signal}};
    if (f.brief.size() == 4)
      x["short"] = {{"failure", f.brief[0]}, {"impact", f.brief[1]}, {"user_impact", f.brief[2]}, {"signal", f.brief[3]}};
    rating(x, f.rating);
    x["breaches"] = f.breaches;
    x["provenance"] = provenance(f.provenance);
    fms.push_back(std::move(x));
  }
  if (!c.review.empty())
    for (auto& f : fms) f["review"] = review(c, f["id"].get<std::string>());
  j["failure_modes"] = fms;
  J pols = J::array();
  n = 0;
  for (const auto& p : c.policies) {
    J u = nullptr;
    if (p.uncertain) u = {{"text", p.uncertain_text}, {"questions", p.questions}};
    J x = {{"number", ++n},
                    {"id", p.id},
                    {"name", p.name},
                    {"surfaces", p.surfaces},
                    {"intent", p.intent},
                    {"protects", p.protects},
                    {"trigger", p.trigger},
                    {"enforcement", p.enforcement},
                    {"idempotency", p.idempotency},
                    {"retry", p.retry},
                    {"reconciliation", p.reconciliation},
                    {"compensation", p.compensation},
                    {"exceptions", p.exceptions},
                    {"metrics", p.metrics},
                    {"runbook", p.runbook},
                    {"uncertain", u}};
    rating(x, p.rating);
    x["breaches"] = p.breaches;
    x["provenance"] = provenance(p.provenance);
    pols.push_back(std::move(x));
  }
  if (!c.review.empty())
    for (auto& p : pols) p["review"] = review(c, p["id"].get<std::string>());
  j["policies"] = pols;
  J rows = J::array();
  for (const auto& r : c.ledger_map)
    rows.push_back({{"id", r.id},
                    {"ledger", r.ledger},
                    {"invariants", {r.invariant1, r.invariant2}},
                    {"signal", r.signal},
                    {"recovery", r.recovery},
                    {"provenance", provenance(r.provenance)}});
  j["ledger_map"] = rows;
  j["questions"] = text_items(c.questions, true);
  J cov = J::array();
  for (const auto& b : c.coverage)
    cov.push_back({{"breach", b.breach},
                   {"kind", b.kind},
                   {"title", b.title},
                   {"failure_modes", b.failure_modes},
                   {"policies", b.policies},
                   {"gap", b.gap}});
  j["breach_coverage"] = cov;
  return j.dump(2) + "\n";
}

}  // namespace pf
