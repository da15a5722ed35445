#include "render/json.h"

#include <array>

#include "util/json_writer.h"

namespace pf {

namespace {

// The catalog is written straight into the output string with a streaming writer: no
// document tree and no second copy of the text (docs/performance.md).

void provenance(JsonWriter& w, const Provenance& p) {
  w.key("provenance").begin_object();
  w.field("rule", p.rule);
  w.field("rule_file", p.rule_file);
  if (!p.template_id.empty()) {
    w.field("template", p.template_id);
    w.field("template_file", p.template_file);
  }
  w.key("elements").begin_array();
  for (const auto& e : p.elements) {
    w.begin_object();
    w.field("name", e.name);
    w.field("kind", e.kind);
    w.field("key", e.key);
    w.field("file", e.loc.file ? *e.loc.file : std::string());
    w.field("line", e.loc.line);
    w.field("column", e.loc.col);
    w.end_object();
  }
  w.end_array();
  w.key("facts").begin_array();
  for (const auto& [k, v] : p.facts) {
    w.begin_object();
    w.field("fact", k);
    w.field("value", v);
    w.end_object();
  }
  w.end_array();
  w.field("references", p.references);
  w.end_object();
}

/// Severity, score, rank, body or appendix, and why (docs/severity.md).
void rating(JsonWriter& w, const Rating& r) {
  w.field("severity", r.severity);
  w.field("rule_severity", r.rule_severity);
  w.field("score", r.score);
  w.field("rank", r.rank);
  w.field("in_body", r.in_body);
  w.field("reasons", r.reasons);
}

void text_items(JsonWriter& w, const char* key, const std::vector<TextItem>& items, bool rated) {
  w.key(key).begin_array();
  for (const auto& t : items) {
    w.begin_object();
    w.field("id", t.id);
    w.field("text", t.text);
    if (rated) rating(w, t.rating);
    provenance(w, t.provenance);
    w.end_object();
  }
  w.end_array();
}

/// An item's review decision, or null; a field named like an earlier one replaces its value
/// in place (as a JSON object keeps one value per key).
void review(JsonWriter& w, const Catalog& c, const std::string& id) {
  if (c.review.empty()) return;
  w.key("review");
  auto it = c.review.find(id);
  if (it == c.review.end()) {
    w.null();
    return;
  }
  std::vector<std::pair<std::string, std::string>> fields = {{"status", it->second.status}};
  for (const auto& [k, v] : it->second.fields) {
    bool found = false;
    for (auto& f : fields)
      if (f.first == k) {
        f.second = v;
        found = true;
      }
    if (!found) fields.emplace_back(k, v);
  }
  w.begin_object();
  for (const auto& [k, v] : fields) w.field(k, v);
  w.end_object();
}

void header(JsonWriter& w, const Catalog& c) {
  w.key("header").begin_object();
  w.field("engine", "policyforge");
  w.field("engine_version", c.engine_version);
  w.field("library_sha256", c.library_digest);
  w.key("model").begin_object();
  w.field("path", c.model_path);
  w.field("sha256", c.model_sha256);
  w.end_object();
  w.field("lang", c.lang);
  w.field("service", c.service_name);
  if (!c.options.empty()) {
    std::vector<std::pair<std::string, std::string>> opts;
    for (const auto& [k, v] : c.options) {
      bool found = false;
      for (auto& o : opts)
        if (o.first == k) {
          o.second = v;
          found = true;
        }
      if (!found) opts.emplace_back(k, v);
    }
    w.key("options").begin_object();
    for (const auto& [k, v] : opts) w.field(k, v);
    w.end_object();
  }
  w.end_object();
}

/// A failure mode's four parts, in full or in their short forms.
void four_parts(JsonWriter& w, const std::array<const std::string*, 4>& parts) {
  static const char* const names[] = {"failure", "impact", "user_impact", "signal"};
  for (std::size_t i = 0; i < parts.size(); ++i) w.field(names[i], *parts[i]);
}

void failure_modes(JsonWriter& w, const Catalog& c) {
  w.key("failure_modes").begin_array();
  int n = 0;
  for (const auto& f : c.failure_modes) {
    w.begin_object();
    w.field("number", ++n);
    w.field("id", f.id);
    four_parts(w, {&f.failure, &f.impact, &f.user_impact, &f.signal});
    if (f.brief.size() == 4) {
      w.key("short").begin_object();
      four_parts(w, {&f.brief[0], &f.brief[1], &f.brief[2], &f.brief[3]});
      w.end_object();
    }
    rating(w, f.rating);
    w.field("breaches", f.breaches);
    provenance(w, f.provenance);
    review(w, c, f.id);
    w.end_object();
  }
  w.end_array();
}

void policies(JsonWriter& w, const Catalog& c) {
  w.key("policies").begin_array();
  int n = 0;
  for (const auto& p : c.policies) {
    w.begin_object();
    w.field("number", ++n);
    w.field("id", p.id);
    w.field("name", p.name);
    w.field("surfaces", p.surfaces);
    w.field("intent", p.intent);
    w.field("protects", p.protects);
    w.field("trigger", p.trigger);
    w.field("enforcement", p.enforcement);
    w.field("idempotency", p.idempotency);
    w.field("retry", p.retry);
    w.field("reconciliation", p.reconciliation);
    w.field("compensation", p.compensation);
    w.field("exceptions", p.exceptions);
    w.field("metrics", p.metrics);
    w.field("runbook", p.runbook);
    w.key("uncertain");
    if (p.uncertain) {
      w.begin_object();
      w.field("text", p.uncertain_text);
      w.field("questions", p.questions);
      w.end_object();
    } else {
      w.null();
    }
    rating(w, p.rating);
    w.field("breaches", p.breaches);
    provenance(w, p.provenance);
    review(w, c, p.id);
    w.end_object();
  }
  w.end_array();
}

/// The whole catalog, as one JSON object (no final newline).
void write_catalog(JsonWriter& w, const Catalog& c) {
  w.begin_object();
  w.field("format", "policyforge-catalog/1");
  header(w, c);
  w.key("top_risks").begin_array();
  for (const auto& t : c.top_risks) {
    w.begin_object();
    w.field("rank", t.rank);
    w.field("severity", t.severity);
    w.field("risk", t.risk);
    w.field("where", t.where);
    w.field("action", t.action);
    w.field("failure_mode", t.failure_mode_id);
    w.field("policy", t.policy_id);
    w.field("policy_number", t.policy_number);
    w.end_object();
  }
  w.end_array();
  text_items(w, "assumptions", c.assumptions, false);
  if (c.assumptions.empty()) w.field("no_assumptions", c.no_assumptions);
  failure_modes(w, c);
  policies(w, c);
  w.key("ledger_map").begin_array();
  for (const auto& r : c.ledger_map) {
    w.begin_object();
    w.field("id", r.id);
    w.field("ledger", r.ledger);
    w.field("invariants", std::vector<std::string>{r.invariant1, r.invariant2});
    w.field("signal", r.signal);
    w.field("recovery", r.recovery);
    provenance(w, r.provenance);
    w.end_object();
  }
  w.end_array();
  text_items(w, "questions", c.questions, true);
  w.key("breach_coverage").begin_array();
  for (const auto& b : c.coverage) {
    w.begin_object();
    w.field("breach", b.breach);
    w.field("kind", b.kind);
    w.field("title", b.title);
    w.field("failure_modes", b.failure_modes);
    w.field("policies", b.policies);
    w.field("gap", b.gap);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string render_json(const Catalog& c) {
  std::string out;
  JsonWriter w(out);
  write_catalog(w, c);
  out += '\n';
  return out;
}

void render_json(const Catalog& c, const std::function<void(std::string_view)>& sink) {
  std::string out;
  JsonWriter w(out, [&](std::string& text) { sink(text); });
  write_catalog(w, c);
  out += '\n';
  sink(out);
}

}  // namespace pf
