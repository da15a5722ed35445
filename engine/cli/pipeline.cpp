#include "cli/pipeline.h"

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

namespace {
void relativize(std::string& path, const std::string& root) {
  std::string prefix = root.empty() || root.back() == '/' ? root : root + "/";
  if (!prefix.empty() && path.rfind(prefix, 0) == 0) path = path.substr(prefix.size());
}
void relativize(Provenance& p, const std::string& root) {
  relativize(p.rule_file, root);
  relativize(p.template_file, root);
  // File names go into the output: percent-encoded, they cannot inject markup or break JSON.
  std::shared_ptr<const std::string> last_raw, last_safe;
  for (auto& e : p.elements) {
    if (!e.loc.file) continue;
    if (e.loc.file != last_raw) {
      last_raw = e.loc.file;
      last_safe = std::make_shared<const std::string>(percent_encode_unsafe(*e.loc.file));
    }
    e.loc.file = last_safe;
  }
}
}  // namespace

Catalog make_catalog(const Analysis& a, const Library& lib, const std::string& lang) {
  SynthOptions opt;
  opt.lang = lang;
  opt.engine_version = engine_version();
  Catalog c = synthesize(*a.facts, lib, a.matches, opt);
  c.model_path = percent_encode_unsafe(a.model->path);  // a file name cannot inject markup or break JSON
  c.model_sha256 = a.model->sha256;
  for (auto& x : c.assumptions) relativize(x.provenance, lib.root);
  for (auto& x : c.failure_modes) relativize(x.provenance, lib.root);
  for (auto& x : c.policies) relativize(x.provenance, lib.root);
  for (auto& x : c.ledger_map) relativize(x.provenance, lib.root);
  for (auto& x : c.questions) relativize(x.provenance, lib.root);
  return c;
}

}  // namespace pf
