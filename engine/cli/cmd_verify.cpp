// policyforge verify CATALOG MODEL: regenerates with the options the catalog records and
// compares, for audits.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <regex>
#include <sstream>

#include "cli/command.h"
#include "cli/generation.h"

namespace pf::cli {

namespace {

struct Recorded {
  GenOptions gen;
  std::string engine, library, model_sha;
};

/// The options and digests a catalog's header records (JSON header, or the Markdown's first line).
std::optional<Recorded> recorded(const std::string& text) {
  Recorded r;
  r.gen.reads_items = false;  // verify only renders
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && text[start] == '{') {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.contains("header")) return std::nullopt;
    const auto& h = j["header"];
    r.gen.format = "json";
    r.gen.lang = h.value("lang", "ko");
    r.engine = h.value("engine_version", "");
    r.library = h.value("library_sha256", "");
    if (h.contains("model")) r.model_sha = h["model"].value("sha256", "");
    if (h.contains("options")) {
      const auto& o = h["options"];
      r.gen.format = o.value("format", r.gen.format);
      r.gen.lang = o.value("lang", r.gen.lang);
      r.gen.decisions = o.value("decisions", "");
      r.gen.today = o.value("today", "");
      r.gen.detail = o.value("detail", "body");
    }
    return r;
  }
  static const std::regex head(
      R"(^<!-- policyforge (\S+) \| model .* sha256:([0-9a-f]+) \| library sha256:([0-9a-f]+) \| lang (\w+)(.*) -->)");
  std::smatch m;
  std::string first = text.substr(0, text.find('\n'));
  if (!std::regex_match(first, m, head)) return std::nullopt;
  r.engine = m[1];
  r.model_sha = m[2];
  r.library = m[3];
  r.gen.lang = m[4];
  std::string rest = m[5];
  static const std::regex opt(R"( \| (\w+) (\S+))");
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), opt); it != std::sregex_iterator(); ++it) {
    if ((*it)[1] == "decisions") r.gen.decisions = (*it)[2];
    if ((*it)[1] == "today") r.gen.today = (*it)[2];
    if ((*it)[1] == "detail") r.gen.detail = (*it)[2];
  }
  return r;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

int run(const Globals& g, const std::string& catalog, const std::string& model) {
  Diagnostics d;
  auto text = read_input(catalog, d);
  if (!text) return fail(d);
  auto rec = recorded(*text);
  if (!rec) {
    std::cerr << fmt::format("{}:1: error: not a policyforge catalog (no header recording how it was made)\n", catalog);
    return kBadInput;
  }
  rec->gen.model = model;
  if (!rec->gen.decisions.empty() && model != "-")
    rec->gen.decisions = (std::filesystem::path(model).parent_path() / rec->gen.decisions).lexically_normal().string();
  auto gen = generate(g, rec->gen);
  if (!gen) return kBadInput;
  const Catalog& c = gen->catalog;
  if (rec->engine != c.engine_version)
    std::cout << fmt::format("note: the catalog was made by engine {}, this is {}\n", rec->engine, c.engine_version);
  if (rec->library != c.library_digest)
    std::cout << fmt::format("note: the rule and template library differs (catalog {}, now {})\n", rec->library,
                             c.library_digest);
  if (rec->model_sha != c.model_sha256)
    std::cout << fmt::format("note: the model differs (catalog sha256:{}, now sha256:{})\n", rec->model_sha,
                             c.model_sha256);
  auto rendered = render(*gen, rec->gen);
  if (!rendered) return kBadInput;
  const std::string& now = *rendered;
  if (now == *text) {
    std::cout << fmt::format("{}: same as regenerated from {} ({}, {})\n", catalog, model, rec->gen.format, rec->gen.lang);
    return kOk;
  }
  auto a = split_lines(*text), b = split_lines(now);
  int shown = 0, differ = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string& x = i < a.size() ? a[i] : std::string();
    const std::string& y = i < b.size() ? b[i] : std::string();
    if (x == y) continue;
    ++differ;
    if (shown++ >= 5) continue;
    std::cout << fmt::format("{}:{}: differs\n  - {}\n  + {}\n", catalog, i + 1, x, y);
  }
  std::cout << fmt::format("{}: differs from the catalog regenerated from {} ({} lines)\n", catalog, model, differ);
  return kDefect;
}

}  // namespace

Command add_verify(CLI::App& parent) {
  auto catalog = std::make_shared<std::string>(), model = std::make_shared<std::string>();
  auto* app = parent.add_subcommand("verify", "regenerate with the options a catalog records and compare; exit 1 if different");
  app->footer(
      "examples:\n"
      "  policyforge verify catalog.md samples/ticketing/model.yaml\n"
      "  policyforge verify catalog.json model.yaml || echo 'the catalog was edited or is out of date'");
  app->add_option("CATALOG", *catalog, "a catalog policyforge wrote (Markdown or JSON); - reads standard input")
      ->required();
  app->add_option("MODEL", *model, "the service model it was made from")->required();
  return {app, [catalog, model](const Globals& g) { return run(g, *catalog, *model); }};
}

}  // namespace pf::cli
