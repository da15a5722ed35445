#include "render/sarif.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

#include "review/items.h"

namespace pf {

namespace {

using J = nlohmann::ordered_json;

std::string level(int severity) { return severity >= 3 ? "error" : severity == 2 ? "warning" : "note"; }

/// Where a result points: the first element with a line that is not the whole service.
J location(const Provenance& p, const std::string& model_uri) {
  const Provenance::Bound* at = nullptr;
  for (const auto& e : p.elements)
    if (e.loc.line > 0 && (!at || (at->kind == "service" && e.kind != "service"))) at = &e;
  std::string dir = std::filesystem::path(model_uri).parent_path().string();
  std::string file = at && at->loc.file ? *at->loc.file : std::filesystem::path(model_uri).filename().string();
  std::string uri = dir.empty() ? file : dir + "/" + file;
  J region = {{"startLine", at ? at->loc.line : 1}};
  if (at && at->loc.col > 0) region["startColumn"] = at->loc.col;
  return {{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}};
}

J rule_metadata(const Rule& r, const std::string& help) {
  int rank = r.severity_rank;
  return {{"id", r.id},
          {"name", r.id},
          {"shortDescription", {{"text", r.title}}},
          {"help", {{"text", help.empty() ? r.title : help}}},
          {"defaultConfiguration", {{"level", level(rank)}}},
          {"properties", {{"severity", r.severity}, {"surfaces", r.surfaces}, {"file", r.file}}}};
}

}  // namespace

std::string render_sarif(const Catalog& c, const Library& lib, const std::string& model_uri) {
  std::map<std::string, const Rule*> by_id;
  for (const auto& r : lib.rules) by_id[r.id] = &r;
  std::map<std::string, std::string> help;  // rule id -> the intent of the first policy it wrote
  for (const auto& p : c.policies) help.emplace(p.provenance.rule, p.intent);

  J rules = J::array();
  std::map<std::string, int> index;
  J results = J::array();
  for (const auto& item : review::items(c)) {
    auto r = by_id.find(item.rule);
    if (r == by_id.end()) continue;
    if (!index.count(item.rule)) {
      index[item.rule] = static_cast<int>(rules.size());
      rules.push_back(rule_metadata(*r->second, help[item.rule]));
    }
    J result = {{"ruleId", item.rule},
                {"ruleIndex", index[item.rule]},
                {"level", level(item.severity)},
                {"message", {{"text", item.title}}},
                {"locations", J::array({location(*item.provenance, model_uri)})},
                {"partialFingerprints", {{"policyforgeItem/v1", item.fingerprint}}},
                {"properties", {{"id", item.id}, {"severity", review::severity_name(item.severity)}}}};
    auto rv = c.review.find(item.id);
    if (rv != c.review.end()) {
      result["properties"]["review"] = rv->second.status;
      const std::string& s = rv->second.status;
      if (s != "open" && s != "stale") {
        std::string why = s;
        for (const auto& [k, v] : rv->second.fields) why += "; " + k + ": " + v;
        result["suppressions"] = J::array({{{"kind", "external"}, {"status", "accepted"}, {"justification", why}}});
      }
    }
    results.push_back(result);
  }
  J run = {{"tool",
            {{"driver",
              {{"name", "policyforge"},
               {"version", c.engine_version},
               {"rules", rules}}}}},
           {"results", results},
           {"properties", {{"library_sha256", c.library_digest}, {"model_sha256", c.model_sha256}, {"lang", c.lang}}}};
  J log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", J::array({run})}};
  return log.dump(2) + "\n";
}

}  // namespace pf
