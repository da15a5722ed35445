#include "cli/cmd_diff.h"

#include <fmt/format.h>

#include <iostream>
#include <set>

#include "catalog_io/diff.h"
#include "catalog_io/import_json.h"
#include "catalog_io/read_file.h"
#include "cli/command.h"
#include "cli/pipeline.h"
#include "render/json.h"

namespace pf::cli {

namespace {

bool is_model(const std::string& path) {
  auto ends = [&](const char* s) {
    std::string e(s);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

struct Loader {
  const Globals& g;
  const std::string& lang;
  std::optional<Library> lib;

  /// The catalog of a file: imported as it is, or generated from a model.
  std::optional<cio::Document> load(const std::string& path) {
    if (is_model(path)) {
      Diagnostics d;
      if (!lib) lib = load_library(g, d);
      if (!lib) {
        std::cerr << d.format();
        return std::nullopt;
      }
      Analysis a = analyse(path, nullptr, lib->rules, d);
      if (d.has_errors() || !a.facts) {
        std::cerr << d.format();
        return std::nullopt;
      }
      auto r = cio::import_json(render_json(make_catalog(a, *lib, lang)), path);
      return r.doc;
    }
    std::string text, err;
    if (!cio::read_whole_file(path, text, err)) {
      std::cerr << fmt::format("{}: error: cannot read: {}\n", path, err);
      return std::nullopt;
    }
    cio::ImportResult r = cio::import_catalog(text, path);
    for (const auto& e : r.errors)
      std::cerr << fmt::format("{}:{}:{}: error: {}\n", path, std::max(1, e.pos.line), std::max(1, e.pos.col), e.message);
    if (!r.errors.empty()) return std::nullopt;
    return r.doc;
  }
};

}  // namespace

DiffCommand::DiffCommand(CLI::App& app) {
  sub = app.add_subcommand("diff", "compare two catalogs (JSON or Markdown, ko or en) or two models; exit 0 same, "
                                   "1 different, 2 bad input")
            ->footer("examples:\n"
                    "  policyforge diff old/model.yaml new/model.yaml --fail-on removed,severity-up\n"
                    "  policyforge diff before.catalog.md after.catalog.json --format json");
  sub->add_option("OLD", old_path, "the earlier model (YAML) or catalog (.md or .json)")->required();
  sub->add_option("NEW", new_path, "the later model or catalog")->required();
  sub->add_option("--format", format, "md (default) or json");
  sub->add_option("--lang", lang, "language of catalogs generated from models: ko (default) or en");
  sub->add_option("--fail-on", fail_on,
                  "exit 1 only for these differences: comma-separated added, removed, changed, severity-up");
}

int DiffCommand::run(const Globals& g) const {
  static const std::set<std::string> gates = {"added", "removed", "changed", "severity-up"};
  std::set<std::string> wanted;
  for (std::size_t s = 0; !fail_on.empty() && s <= fail_on.size();) {
    std::size_t c = fail_on.find(',', s);
    std::string g = fail_on.substr(s, c == std::string::npos ? std::string::npos : c - s);
    if (!gates.count(g)) {
      std::cerr << fmt::format("error: --fail-on: unknown gate '{}' (expected added, removed, changed, severity-up)\n", g);
      return 2;
    }
    wanted.insert(g);
    if (c == std::string::npos) break;
    s = c + 1;
  }
  if (format != "md" && format != "json") {
    std::cerr << fmt::format("error: --format: '{}' is not md or json\n", format);
    return 2;
  }
  if (lang != "ko" && lang != "en") {
    std::cerr << fmt::format("error: --lang: '{}' is not ko or en\n", lang);
    return 2;
  }
  Loader loader{g, lang, std::nullopt};
  auto a = loader.load(old_path);
  if (!a) return 2;
  auto b = loader.load(new_path);
  if (!b) return 2;
  cio::DiffResult r = cio::diff_documents(*a, *b);
  std::cout << (format == "json" ? cio::render_diff_json(r, old_path, new_path)
                                 : cio::render_diff_markdown(r, old_path, new_path));
  if (wanted.empty()) return r.same() ? 0 : 1;
  bool trip = (wanted.count("added") && !r.added.empty()) || (wanted.count("removed") && !r.removed.empty()) ||
              (wanted.count("changed") && !r.changed.empty()) || (wanted.count("severity-up") && r.severity_up());
  return trip ? 1 : 0;
}

}  // namespace pf::cli

// Registered in cli/commands.def as PF_COMMAND(diff).
#include <memory>

#include "cli/command.h"

namespace pf::cli {

Command add_diff(CLI::App& parent) {
  auto c = std::make_shared<DiffCommand>(parent);
  return {c->sub, [c](const Globals& g) { return c->run(g); }};
}

}  // namespace pf::cli
