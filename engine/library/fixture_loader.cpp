#include "library/fixture_loader.h"

#include <fmt/format.h>

#include "util/yaml_reader.h"

namespace pf {

namespace {

/// A case's model: the library-wide preamble (`version: 1` and a service name), then the shared
/// base the file names (`from:`), then the file's `base:` model, then the case's own `model:`;
/// each later top-level key replaces the earlier one whole, so a case states only what differs.
std::string case_model(const YAML::Node& shared, const YAML::Node& base, const YAML::Node& model) {
  YAML::Node merged(YAML::NodeType::Map);
  merged["version"] = 1;
  YAML::Node service(YAML::NodeType::Map);
  service["name"] = "Fixture";
  merged["service"] = service;
  for (const YAML::Node& layer : {shared, base, model}) {
    if (!layer.IsMap()) continue;
    for (auto it = layer.begin(); it != layer.end(); ++it) {
      const YAML::Node key = it->first, value = it->second;  // copies: the pair is a temporary
      merged[key.Scalar()] = value;
    }
  }
  YAML::Emitter out;
  out << merged;
  return out.c_str();
}

/// The model of a shared fixture base (`from: NAME`, rules/**/NAME.fixture-base.yaml).
YAML::Node shared_base(const Library& lib, const std::string& name, const Loc& at, const std::string& rule,
                       Diagnostics& diags) {
  auto it = lib.fixture_bases.find(name);
  if (it == lib.fixture_bases.end()) {
    diags.error(at, fmt::format("fixture '{}' starts from base '{}', but no {}.fixture-base.yaml is in the library",
                                rule, name, name));
    return YAML::Node();
  }
  auto doc = open_yaml_file(it->second, diags);
  if (!doc) return YAML::Node();
  YAML::Node model = doc->root;
  if (!model.IsMap()) {
    diags.error(Loc{std::make_shared<const std::string>(it->second), 0, 0},
                fmt::format("fixture base '{}' must be a model (a mapping)", name));
    return YAML::Node();
  }
  return model;
}

}  // namespace

std::optional<Fixture> read_fixture(const Library& lib, const std::string& path, Diagnostics& diags) {
  auto doc = open_yaml_file(path, diags);
  if (!doc) return std::nullopt;
  YamlCtx& ctx = *doc->ctx;
  MapReader r(ctx, doc->root, "fixture", {"rule", "with", "from", "base", "cases"});
  if (!r.ok()) return std::nullopt;
  Fixture f;
  f.file = path;
  f.rule = r.str("rule", true).value_or("");
  f.with = r.str_list("with");
  YAML::Node shared;
  if (auto from = r.str("from")) shared = shared_base(lib, *from, r.value_loc("from"), f.rule, diags);
  YAML::Node base = r.has("base") ? r.get("base") : YAML::Node();
  if (!base.IsNull() && !base.IsMap()) {
    diags.error(r.value_loc("base"), fmt::format("'base' of fixture '{}' must be a model (a mapping)", f.rule));
    base = YAML::Node();
  }
  for (const auto& n : r.seq("cases", true)) {
    MapReader c(ctx, n, fmt::format("a case of fixture '{}'", f.rule), {"name", "expect", "keys", "model"});
    if (!c.ok()) continue;
    FixtureCase k;
    k.loc = c.loc();
    k.name = c.str("name", true).value_or("");
    k.expect = c.str("expect", true).value_or("");
    if (k.expect != "fire" && k.expect != "quiet")
      diags.error(c.value_loc("expect"), fmt::format("expect must be 'fire' or 'quiet', not '{}'", k.expect));
    k.keys = c.str_list("keys");
    YAML::Node model = c.get("model");
    if (model.IsDefined() && !model.IsNull() ? !model.IsMap() : !base.IsMap() && !shared.IsMap()) {
      diags.error(c.loc(), fmt::format("case '{}' of fixture '{}' needs a 'model' mapping (or the file a 'base' or 'from')",
                                       k.name, f.rule));
      continue;
    }
    k.model_text = case_model(shared, base, model);
    f.cases.push_back(std::move(k));
  }
  return f;
}

}  // namespace pf
