#include "library/citations.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "library/library.h"
#include "util/yaml_reader.h"

namespace pf {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPrefix = "docs/references.md#";

std::vector<fs::path> citing_files(const Library& lib) {
  std::vector<fs::path> dirs = {fs::path(lib.root) / "catalogs"};
  for (const auto& d : lib.rule_dirs) dirs.emplace_back(d);
  std::vector<fs::path> out;
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      bool yaml = name.size() > 5 && name.ends_with(".yaml") && !name.ends_with(".test.yaml");
      if (it->is_regular_file(ec) && yaml) out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void check_file(const fs::path& f, const std::set<std::string>& anchors, const std::vector<std::string>& names,
                Diagnostics& diags) {
  Diagnostics local;  // parse problems are the loaders' to report
  auto doc = open_yaml_file(f.string(), local);
  if (!doc || !doc->root.IsMap() || !doc->root["references"]) return;
  YAML::Node refs = doc->root["references"];
  if (!refs.IsSequence()) return;
  bool registered = false;
  for (const auto& n : refs) {
    std::string text = n.IsScalar() ? n.Scalar() : std::string{};
    std::string message, note;
    if (!text.starts_with(kPrefix)) {
      message = fmt::format("citation '{}' is not of the form 'docs/references.md#<anchor>'", text);
    } else if (!anchors.count(text.substr(kPrefix.size()))) {
      std::string anchor = text.substr(kPrefix.size());
      message = fmt::format("citation '{}' does not resolve: no heading '### {}' in docs/references.md", text, anchor);
      std::string near = closest(anchor, names);
      if (!near.empty()) note = fmt::format("did you mean '{}'?", near);
    } else {
      continue;
    }
    if (!registered) {
      if (auto t = read_file(f.string(), local)) diags.add_source(f.string(), *t);
      registered = true;
    }
    diags.error(doc->ctx->loc(n), message, note);
  }
}

}  // namespace

std::optional<std::set<std::string>> reference_anchors(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::set<std::string> anchors;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("### ")) continue;
    std::string a = line.substr(4);
    while (!a.empty() && (a.back() == ' ' || a.back() == '\r')) a.pop_back();
    anchors.insert(a);
  }
  return anchors;
}

void check_citations(const Library& lib, Diagnostics& diags) {
  std::string path = (fs::path(lib.root) / "docs" / "references.md").string();
  auto anchors = reference_anchors(path);
  if (!anchors) {
    diags.error(Loc{std::make_shared<const std::string>(path), 0, 0},
                "the library's references file cannot be read: every citation is unresolved");
    return;
  }
  std::vector<std::string> names(anchors->begin(), anchors->end());
  for (const auto& f : citing_files(lib)) check_file(f, *anchors, names, diags);
}

}  // namespace pf
