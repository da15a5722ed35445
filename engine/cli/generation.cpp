#include "cli/generation.h"

#include <filesystem>
#include <iostream>
#include <vector>

#include "render/html_report.h"
#include "render/json.h"
#include "render/markdown.h"
#include "render/sarif.h"

namespace pf::cli {

namespace fs = std::filesystem;

void add_gen_options(CLI::App* app, GenOptions& o, const std::vector<std::string>& formats) {
  if (!formats.empty()) {
    std::string choices;
    for (const auto& f : formats) choices += (choices.empty() ? "" : ", ") + f;
    app->add_option("--format", o.format, choices)->check(CLI::IsMember(formats));
  }
  app->add_option("--lang", o.lang, "ko (the prompt's labels) or en")->check(CLI::IsMember({"ko", "en"}));
  app->add_option("--decisions", o.decisions, "review decisions (YAML, schemas/decisions.schema.json) to show per item");
  app->add_option("--today", o.today, "the date for expiry checks, YYYY-MM-DD (default: today, UTC)")
      ->check(CLI::Validator(
          [](const std::string& s) {
            bool ok = s.size() == 10 && s[4] == '-' && s[7] == '-';
            for (std::size_t i = 0; ok && i < s.size(); ++i) ok = i == 4 || i == 7 || (s[i] >= '0' && s[i] <= '9');
            return ok ? std::string() : "not a date (YYYY-MM-DD): " + s;
          },
          "DATE"));
}

namespace {

/// The decisions file as the catalog records it: relative to the model's folder.
std::string relative_to_model(const std::string& file, const std::string& model) {
  if (file == "-") return "-";
  if (model == "-") return fs::path(file).lexically_normal().string();
  std::error_code ec;
  fs::path base = fs::absolute(fs::path(model), ec).parent_path();
  fs::path rel = fs::absolute(fs::path(file), ec).lexically_relative(base);
  return rel.empty() ? file : rel.string();
}

}  // namespace

std::unique_ptr<Generation> generate(const Globals& g, const GenOptions& o) {
  Diagnostics d;
  auto lib = load_library(g, d, LibraryScope::Generate);
  if (!lib) {
    fail(d);
    return nullptr;
  }
  if (o.model == "-" && o.decisions == "-") {
    std::cerr << "policyforge: error: the model and --decisions cannot both be read from standard input\n";
    return nullptr;
  }
  auto gen = std::make_unique<Generation>();
  gen->lib = std::move(*lib);
  gen->analysis = analyse_input(o.model, gen->lib.rules, d);
  if (d.has_errors() || !gen->analysis.facts || !load_matched_templates(gen->analysis, gen->lib, d)) {
    fail(d);
    return nullptr;
  }
  std::vector<review::Decision> decisions;
  if (!o.decisions.empty()) {
    auto loaded = review::load_decisions(o.decisions, d);
    if (!loaded) {
      fail(d);
      return nullptr;
    }
    decisions = std::move(*loaded);
  }
  std::cerr << d.format();
  bool provenance = o.reads_items || o.format != "md" || !o.decisions.empty();  // fingerprints read it
  gen->catalog = make_catalog(gen->analysis, gen->lib, o.lang, o.detail == "full", provenance);
  Catalog& c = gen->catalog;
  c.options = {{"format", o.format}, {"lang", o.lang}};
  if (o.detail != "body") c.options.emplace_back("detail", o.detail);
  if (!o.decisions.empty()) {
    c.options.emplace_back("decisions", relative_to_model(o.decisions, o.model));
    if (!o.today.empty()) c.options.emplace_back("today", o.today);
    gen->has_decisions = true;
    gen->applied = review::apply_decisions(c, decisions, o.decisions, o.today.empty() ? review::utc_today() : o.today,
                                           gen->lib.format);
    for (const auto& w : gen->applied.warnings) std::cerr << w << "\n";
  }
  return gen;
}

void keep_until_exit(std::unique_ptr<Generation> gen) {
  static auto* kept = new std::vector<std::unique_ptr<Generation>>();
  kept->push_back(std::move(gen));
}

std::optional<std::string> render(const Generation& gen, const GenOptions& o) {
  if (o.format == "html") {
    Diagnostics d;
    auto page = html_report(*gen.analysis.model, gen.catalog, gen.lib, d);
    if (!page) std::cerr << d.format();
    return page;
  }
  if (o.format == "json") return render_json(gen.catalog);
  if (o.format == "sarif") return render_sarif(gen.catalog, gen.lib, o.model == "-" ? gen.catalog.model_path : o.model);
  return render_markdown(gen.catalog);
}

int write_rendered(const Generation& gen, const GenOptions& o, const std::string& path) {
  if (o.format == "json")  // a large catalog's JSON is never held whole
    return write_output(path, [&](const std::function<void(std::string_view)>& write) { render_json(gen.catalog, write); });
  auto text = render(gen, o);
  if (!text) return kBadInput;
  return write_output(path, *text);
}

}  // namespace pf::cli
