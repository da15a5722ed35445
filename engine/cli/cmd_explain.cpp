// policyforge explain MODEL ID: why an item is in the catalog, or why it is not.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/generation.h"
#include "match/matcher.h"
#include "review/items.h"

namespace pf::cli {

namespace {

struct Options {
  GenOptions gen;
  std::string id;
};

std::vector<std::string> lines_of(const std::string& model) {
  std::vector<std::string> out;
  if (model == "-") return out;
  std::ifstream in(model);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

/// A library file relative to the library's root, as catalogs record it.
std::string rel(const Library& lib, const std::string& file) {
  std::string root = lib.root.empty() || lib.root.back() == '/' ? lib.root : lib.root + "/";
  return !root.empty() && file.rfind(root, 0) == 0 ? file.substr(root.size()) : file;
}

const Rule* find_rule(const Library& lib, const std::string& id) {
  for (const auto& r : lib.rules)
    if (r.id == id) return &r;
  return nullptr;
}

void explain_fired(const Generation& gen, const Options& o, const review::Found& f) {
  const Provenance& p = *f.provenance;
  const Rule* r = find_rule(gen.lib, p.rule);
  std::cout << fmt::format("{} ({})\n  {}\n", o.id, f.section, f.text);
  std::cout << fmt::format("rule: {} — {} ({})\n", p.rule, r ? r->title : "", p.rule_file);
  if (!p.template_id.empty()) std::cout << fmt::format("template: {} ({})\n", p.template_id, p.template_file);
  if (f.rating) {  // docs/severity.md: the score and what made it
    const Rating& x = *f.rating;
    std::cout << fmt::format("severity: {} (score {}; the rule's severity {}; rank {} in {}, {})\n", x.severity, x.score,
                             x.rule_severity, x.rank, f.section, x.in_body ? "in the body" : "in the appendix");
    if (!x.reasons.empty()) std::cout << fmt::format("  because: {}\n", fmt::join(x.reasons, ", "));
    if (!f.breaches.empty()) std::cout << fmt::format("  addresses breach {}\n", fmt::join(f.breaches, ", "));
  }
  auto lines = lines_of(o.gen.model);
  std::cout << "matched elements:\n";
  for (const auto& e : p.elements) {
    std::string file = e.loc.file ? *e.loc.file : gen.catalog.model_path;
    std::cout << fmt::format("  {}:{}:{}: {} {} ({})\n", file, e.loc.line, e.loc.col, e.kind, e.key, e.name);
    if (e.loc.line > 0 && e.loc.line <= static_cast<int>(lines.size()))
      std::cout << fmt::format("    {:>5} | {}\n", e.loc.line, lines[static_cast<std::size_t>(e.loc.line - 1)]);
  }
  std::cout << "facts:\n";
  for (const auto& [k, v] : p.facts) std::cout << fmt::format("  {} = {}\n", k, v);
  auto rv = gen.catalog.review.find(o.id);
  if (rv != gen.catalog.review.end()) std::cout << fmt::format("decision: {}\n", rv->second.line);
}

/// For an id that did not fire: which condition of its rule is false for its element.
int explain_unfired(const Generation& gen, const Options& o) {
  std::string rule_id = o.id.substr(0, o.id.find('@'));
  std::string key = o.id.find('@') == std::string::npos ? "" : o.id.substr(o.id.find('@') + 1);
  key = key.substr(0, key.find('#'));
  const Rule* r = find_rule(gen.lib, rule_id);
  if (!r) {
    std::string near = closest(o.id, review::all_ids(gen.catalog));
    std::cerr << fmt::format("policyforge: error: no rule can produce '{}' (no rule '{}')\n", o.id, rule_id);
    if (!near.empty()) std::cerr << fmt::format("policyforge: note: did you mean '{}'?\n", near);
    return kBadInput;
  }
  const FactBase& fb = *gen.analysis.facts;
  const Element* e = fb.find(r->each, key);
  std::cout << fmt::format("{}: not in the catalog\nrule: {} — {} ({})\n", o.id, r->id, r->title, rel(gen.lib, r->file));
  if (!e) {
    std::cout << fmt::format("note: the model has no {} '{}'; rule '{}' looks at every {}\n", kind_name(r->each), key,
                             r->id, kind_name(r->each));
    return kOk;
  }
  Matcher m(fb);
  Bindings b;
  b["service"] = Value::element(fb.service());
  b[std::string(kind_name(r->each))] = Value::element(e);
  for (const auto& c : r->where) {
    if (m.eval({c}, e, b, nullptr)) continue;
    std::string actual = c.path.text.empty() ? "" : fmt::format(" (here {} = {})", c.path.text, neutral(resolve(e, b, c.path)));
    std::cout << fmt::format("{}:{}:{}: note: this condition is false for {} '{}'{}\n",
                             rel(gen.lib, c.loc.file ? *c.loc.file : r->file), c.loc.line, c.loc.col,
                             kind_name(r->each), key, actual);
    return kOk;
  }
  std::cout << fmt::format("note: every condition holds for {} '{}'; another rule superseded it, or it was merged\n",
                           kind_name(r->each), key);
  return kOk;
}

}  // namespace

Command add_explain(CLI::App& parent) {
  auto o = std::make_shared<Options>();
  auto* app = parent.add_subcommand("explain", "why an item is in the catalog (or why not); exit 2 for an unknown id");
  app->footer(
      "examples:\n"
      "  policyforge explain samples/ticketing/model.yaml scarce-ledger-hot-key-oversell@seats\n"
      "  policyforge explain model.yaml hold-ttl-shorter-than-wait@checkout_vbank.hold_seats --lang en --decisions d.yaml");
  app->add_option("MODEL", o->gen.model, "the service model (YAML); - reads standard input")->required();
  app->add_option("ID", o->id, "an item's stable id (the catalog's <!-- id: ... --> or JSON id)")->required();
  add_gen_options(app, o->gen, {});
  return {app, [o](const Globals& g) {
            auto gen = generate(g, o->gen);
            if (!gen) return kBadInput;
            if (auto f = review::find_item(gen->catalog, o->id)) {
              explain_fired(*gen, *o, *f);
              return kOk;
            }
            return explain_unfired(*gen, *o);
          }};
}

}  // namespace pf::cli
