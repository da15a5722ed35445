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

J text_items(const std::vector<TextItem>& items) {
  J a = J::array();
  for (const auto& t : items) a.push_back({{"id", t.id}, {"text", t.text}, {"provenance", provenance(t.provenance)}});
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
  j["assumptions"] = text_items(c.assumptions);
  if (c.assumptions.empty()) j["no_assumptions"] = c.no_assumptions;
  J fms = J::array();
  for (const auto& f : c.failure_modes)
    fms.push_back({{"id", f.id},
                   {"failure", f.failure},
                   {"impact", f.impact},
                   {"user_impact", f.user_impact},
                   {"signal", f.signal},
                   {"severity", f.severity},
                   {"breaches", f.breaches},
                   {"provenance", provenance(f.provenance)}});
  if (!c.review.empty())
    for (auto& f : fms) f["review"] = review(c, f["id"].get<std::string>());
  j["failure_modes"] = fms;
  J pols = J::array();
  int n = 0;
  for (const auto& p : c.policies) {
    J u = nullptr;
    if (p.uncertain) u = {{"text", p.uncertain_text}, {"questions", p.questions}};
    pols.push_back({{"number", ++n},
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
                    {"uncertain", u},
                    {"severity", p.severity},
                    {"breaches", p.breaches},
                    {"provenance", provenance(p.provenance)}});
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
  j["questions"] = text_items(c.questions);
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
