#include "cli/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "diag/text_width.h"
#include "graph/flow_graph.h"
#include "model/loader.h"
#include "model/validate.h"
#include "synth/synthesizer.h"

#ifndef POLICYFORGE_VERSION
#define POLICYFORGE_VERSION "0.0.0"
#endif

namespace pf {

const char* engine_version() { return POLICYFORGE_VERSION; }

std::unique_ptr<Model> check_model(const std::string& name, Diagnostics& diags) {
  std::optional<Model> m;
  if (name == "-") {  // standard input, as analyse_input reads it
    std::ostringstream text;
    text << std::cin.rdbuf();
    m = load_model_text(text.str(), "<stdin>", diags);
  } else {
    m = load_model_file(name, diags);
  }
  if (!m) return nullptr;
  validate_model(*m, diags);
  for (const auto& f : m->flows) build_flow_graph(f, diags);
  if (diags.has_errors()) return nullptr;
  return std::make_unique<Model>(std::move(*m));
}

Analysis analyse(const std::string& name, const std::string* text, const std::vector<Rule>& rules,
                 Diagnostics& diags) {
  Analysis a;
  // 1. load
  std::optional<Model> m = text ? load_model_text(*text, name, diags) : load_model_file(name, diags);
  if (!m) return a;
  a.model = std::make_unique<Model>(std::move(*m));
  // 2. validate references (even after shape errors, so that every problem is reported)
  validate_model(*a.model, diags);
  // 3. flow graphs (reports `after:` cycles)
  std::vector<FlowGraph> graphs;
  graphs.reserve(a.model->flows.size());
  for (const auto& f : a.model->flows) graphs.push_back(build_flow_graph(f, diags));
  if (diags.has_errors()) return a;
  // 4. facts
  a.facts = derive_facts(*a.model, std::move(graphs));
  // 5. match
  a.matches = match_all(*a.facts, rules);
  return a;
}

bool load_matched_templates(Analysis& a, Library& lib, Diagnostics& diags) {
  std::vector<const Rule*> fired;
  for (const auto& m : a.matches)
    if (fired.empty() || fired.back() != m.rule) fired.push_back(m.rule);
  std::sort(fired.begin(), fired.end());
  fired.erase(std::unique(fired.begin(), fired.end()), fired.end());
  if (!load_templates_for(lib, fired, diags)) return false;
  decide_uncertain(*a.facts, a.matches);
  return true;
}

Analysis analyse_input(const std::string& path, const std::vector<Rule>& rules, Diagnostics& diags) {
  if (path != "-") return analyse(path, nullptr, rules, diags);
  std::ostringstream text;
  text << std::cin.rdbuf();
  std::string s = text.str();
  return analyse("<stdin>", &s, rules, diags);
}

namespace {
/// A file name as the output shows it: percent-encoded where it could inject markup or break
/// JSON; the name standard input goes by stays as it is.
std::string shown_name(const std::string& name) {
  return name.rfind("<stdin>", 0) == 0 ? name : percent_encode_unsafe(name);
}
void relativize(std::string& path, const std::string& root) {
  std::string prefix = root.empty() || root.back() == '/' ? root : root + "/";
  if (!prefix.empty() && path.rfind(prefix, 0) == 0) path = path.substr(prefix.size());
}
/// Element locations name the model by its file name (relative to the model's folder), so
/// that the same model opened from another path gives the same catalog.
/// Each model file's name as shown, made once, by the name elements share (kept alive here, so
/// that its address is not reused).
using ShownFiles = std::map<std::shared_ptr<const std::string>, std::shared_ptr<const std::string>>;
void relativize(Provenance& p, const std::string& root, const std::string& model_dir, ShownFiles& shown) {
  relativize(p.rule_file, root);
  relativize(p.template_file, root);
  // File names go into the output: relative to the model's folder, then percent-encoded, so
  // that they cannot inject markup or break JSON.
  for (auto& e : p.elements) {
    if (!e.loc.file) continue;
    auto& named = shown[e.loc.file];
    if (!named) {
      std::string f = *e.loc.file;
      relativize(f, model_dir);
      named = std::make_shared<const std::string>(shown_name(f));
    }
    e.loc.file = named;
  }
}
}  // namespace

Catalog make_catalog(const Analysis& a, const Library& lib, const std::string& lang, bool full_detail,
                     bool provenance) {
  SynthOptions opt;
  opt.lang = lang;
  opt.full_detail = full_detail;
  opt.provenance = provenance;
  opt.engine_version = engine_version();
  Catalog c = synthesize(*a.facts, lib, a.matches, opt);
  std::string dir = std::filesystem::path(a.model->path).parent_path().string();
  c.model_path = a.model->path;
  relativize(c.model_path, dir);
  c.model_path = shown_name(c.model_path);  // a file name cannot inject markup or break JSON
  c.model_sha256 = a.model->sha256;
  ShownFiles shown;
  for (auto& x : c.assumptions) relativize(x.provenance, lib.root, dir, shown);
  for (auto& x : c.failure_modes) relativize(x.provenance, lib.root, dir, shown);
  for (auto& x : c.policies) relativize(x.provenance, lib.root, dir, shown);
  for (auto& x : c.ledger_map) relativize(x.provenance, lib.root, dir, shown);
  for (auto& x : c.questions) relativize(x.provenance, lib.root, dir, shown);
  for (auto& t : c.top_risks) {
    relativize(t.where, dir);
    t.where = shown_name(t.where);
  }
  return c;
}

}  // namespace pf
