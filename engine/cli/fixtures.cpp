#include "cli/fixtures.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "cli/pipeline.h"
#include "synth/synthesizer.h"
#include "util/yaml_reader.h"

namespace pf {

namespace {

struct Case {
  std::string name, expect, model_text;
  std::vector<std::string> keys;
  Loc loc;
};

struct Fixture {
  std::string file, rule;
  std::vector<std::string> with;  ///< other rules loaded beside it (for rules about coverage)
  std::vector<Case> cases;
};

/// A case's model: the library-wide preamble (`version: 1` and a service name), then the
/// file's `base:` model, then the case's own `model:`; each later top-level key replaces the
/// earlier one whole, so a case states only what differs from its file's base.
std::string case_model(const YAML::Node& base, const YAML::Node& model) {
  YAML::Node merged(YAML::NodeType::Map);
  merged["version"] = 1;
  YAML::Node service(YAML::NodeType::Map);
  service["name"] = "Fixture";
  merged["service"] = service;
  for (const YAML::Node& layer : {base, model}) {
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

std::optional<Fixture> read_fixture(const std::string& path, Diagnostics& diags) {
  auto doc = open_yaml_file(path, diags);
  if (!doc) return std::nullopt;
  YamlCtx& ctx = *doc->ctx;
  MapReader r(ctx, doc->root, "fixture", {"rule", "with", "base", "cases"});
  if (!r.ok()) return std::nullopt;
  Fixture f;
  f.file = path;
  f.rule = r.str("rule", true).value_or("");
  f.with = r.str_list("with");
  YAML::Node base = r.has("base") ? r.get("base") : YAML::Node();
  if (!base.IsNull() && !base.IsMap()) {
    diags.error(r.value_loc("base"), fmt::format("'base' of fixture '{}' must be a model (a mapping)", f.rule));
    base = YAML::Node();
  }
  for (const auto& n : r.seq("cases", true)) {
    MapReader c(ctx, n, fmt::format("a case of fixture '{}'", f.rule), {"name", "expect", "keys", "model"});
    if (!c.ok()) continue;
    Case k;
    k.loc = c.loc();
    k.name = c.str("name", true).value_or("");
    k.expect = c.str("expect", true).value_or("");
    if (k.expect != "fire" && k.expect != "quiet")
      diags.error(c.value_loc("expect"), fmt::format("expect must be 'fire' or 'quiet', not '{}'", k.expect));
    k.keys = c.str_list("keys");
    YAML::Node model = c.get("model");
    if (model.IsDefined() && !model.IsNull() ? !model.IsMap() : !base.IsMap()) {
      diags.error(c.loc(), fmt::format("case '{}' of fixture '{}' needs a 'model' mapping (or the file a 'base')",
                                       k.name, f.rule));
      continue;
    }
    k.model_text = case_model(base, model);
    f.cases.push_back(std::move(k));
  }
  return f;
}

}  // namespace

std::vector<FixtureOutcome> run_fixtures(const Library& lib, const std::string& only_rule, Diagnostics& diags) {
  std::vector<FixtureOutcome> out;
  for (const auto& file : lib.fixtures) {
    auto f = read_fixture(file, diags);
    if (!f) continue;
    if (!only_rule.empty() && f->rule != only_rule) continue;
    const Rule* rule = nullptr;
    for (const auto& r : lib.rules)
      if (r.id == f->rule) rule = &r;
    for (const auto& c : f->cases) {
      FixtureOutcome o{file, f->rule, c.name, c.expect, false, {}};
      if (!rule) {
        o.detail = fmt::format("no rule '{}' in the library", f->rule);
        out.push_back(o);
        continue;
      }
      Diagnostics md;
      std::string name = fmt::format("{}#{}", file, c.name);
      std::vector<Rule> only{*rule};  // matches point into this: it must outlive them
      for (const auto& w : f->with)
        for (const auto& r : lib.rules)
          if (r.id == w) only.push_back(r);
      Analysis a = analyse(name, &c.model_text, only, md);
      if (!a.facts) {
        o.detail = "the fixture model is invalid:\n" + md.format();
        out.push_back(o);
        continue;
      }
      std::set<std::string> got;
      for (const auto& m : a.matches)
        if (m.rule->id == f->rule)
          for (const Element* e : m.group.empty() ? std::vector<const Element*>{m.element} : m.group) got.insert(e->key);
      bool fired = !got.empty();
      if (c.expect == "fire") {
        std::set<std::string> want(c.keys.begin(), c.keys.end());
        if (!fired) o.detail = "expected the rule to fire; it did not";
        else if (!want.empty() && want != got)
          o.detail = fmt::format("expected matches [{}], got [{}]", fmt::join(want, ", "), fmt::join(got, ", "));
        else o.passed = true;
        // A firing case must also render in both languages.
        if (o.passed)
          for (const char* lang : {"ko", "en"}) make_catalog(a, lib, lang);
      } else {
        if (fired) o.detail = fmt::format("expected no match; it fired on [{}]", fmt::join(got, ", "));
        else o.passed = true;
      }
      out.push_back(o);
    }
  }
  return out;
}

std::map<std::string, std::pair<int, int>> fixture_counts(const Library& lib, Diagnostics& diags) {
  std::map<std::string, std::pair<int, int>> counts;
  for (const auto& file : lib.fixtures) {
    auto f = read_fixture(file, diags);
    if (!f) continue;
    for (const auto& c : f->cases) {
      if (c.expect == "fire") ++counts[f->rule].first;
      if (c.expect == "quiet") ++counts[f->rule].second;
    }
  }
  return counts;
}

}  // namespace pf
