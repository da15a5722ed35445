#include "review/decisions.h"

#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <regex>

#include "util/yaml_reader.h"

namespace pf::review {

const std::vector<std::string>& statuses() {
  static const std::vector<std::string> s{"open", "accepted", "mitigated", "not_applicable", "risk_accepted"};
  return s;
}

bool id_matches(const std::string& pattern, const std::string& id) {
  // Iterative glob with backtracking to the last '*'.
  std::size_t p = 0, i = 0, star = std::string::npos, mark = 0;
  while (i < id.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (p < pattern.size() && pattern[p] == id[i]) {
      ++p;
      ++i;
    } else if (star != std::string::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {

/// The fields each status needs besides id, status, reviewer and date.
std::vector<std::string> needs(const std::string& status) {
  if (status == "accepted") return {"owner", "due"};
  if (status == "mitigated") return {"evidence"};
  if (status == "not_applicable") return {"note"};
  if (status == "risk_accepted") return {"approver", "expires"};
  return {};
}

std::optional<Decision> read_one(YamlCtx& ctx, const YAML::Node& n) {
  MapReader r(ctx, n, "decision",
              {"id", "status", "owner", "due", "evidence", "approver", "expires", "reviewer", "date", "note",
               "fingerprint"});
  if (!r.ok()) return std::nullopt;
  Decision d;
  d.loc = r.loc();
  d.id = r.str("id", true).value_or("");
  if (!d.id.empty()) r.set_what(fmt::format("decision '{}'", d.id));
  d.status = r.str("status", true).value_or("");
  bool decided = d.status != "open";
  if (!d.status.empty() && std::find(statuses().begin(), statuses().end(), d.status) == statuses().end())
    ctx.diags().error(r.value_loc("status"), fmt::format("unknown status '{}' in {}", d.status, r.what()),
                      fmt::format("the statuses are: {}", fmt::join(statuses(), ", ")));
  std::string* fields[] = {&d.owner, &d.due, &d.evidence, &d.approver, &d.expires, &d.reviewer, &d.date, &d.note,
                           &d.fingerprint};
  const char* names[] = {"owner", "due", "evidence", "approver", "expires", "reviewer", "date", "note", "fingerprint"};
  for (std::size_t i = 0; i < 9; ++i) *fields[i] = r.str(names[i]).value_or("");
  std::vector<std::string> required = needs(d.status);
  if (decided) required.insert(required.end(), {"reviewer", "date"});
  for (const auto& k : required)
    if (!r.has(k)) ctx.diags().error(r.loc(), fmt::format("{} with status '{}' needs '{}'", r.what(), d.status, k));
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  for (const char* k : {"due", "expires", "date"})
    if (r.has(k) && !std::regex_match(r.str(k).value_or(""), date))
      ctx.diags().error(r.value_loc(k), fmt::format("'{}' of {} is not a date (YYYY-MM-DD)", k, r.what()));
  return d;
}

}  // namespace

std::optional<std::vector<Decision>> load_decisions(const std::string& path, Diagnostics& d) {
  std::optional<YamlDoc> doc;
  if (path == "-") {  // standard input
    std::ostringstream text;
    text << std::cin.rdbuf();
    doc = open_yaml_text("<stdin>", text.str(), d);
  } else {
    doc = open_yaml_file(path, d);
  }
  if (!doc) return std::nullopt;
  int before = d.error_count();
  MapReader top(*doc->ctx, doc->root, "decisions file", {"decisions"});
  std::vector<Decision> out;
  if (top.ok())
    for (const auto& n : top.seq("decisions", true))
      if (auto one = read_one(*doc->ctx, n)) out.push_back(std::move(*one));
  if (d.error_count() > before) return std::nullopt;
  return out;
}

}  // namespace pf::review
