#include "cli/fixtures.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>
#include <set>

#include "cli/pipeline.h"
#include "library/fixture_loader.h"
#include "synth/synthesizer.h"

namespace pf {

std::vector<FixtureOutcome> run_fixtures(const Library& lib, const std::string& only_rule, Diagnostics& diags) {
  std::vector<FixtureOutcome> out;
  for (const auto& file : lib.fixtures) {
    auto f = read_fixture(lib, file, diags);
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

std::map<std::string, std::vector<std::pair<std::string, std::string>>> fixture_cases(const Library& lib,
                                                                                     Diagnostics& diags) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  for (const auto& file : lib.fixtures) {
    auto f = read_fixture(lib, file, diags);
    if (!f) continue;
    for (const auto& c : f->cases) out[f->rule].emplace_back(c.expect, c.name);
  }
  return out;
}

std::map<std::string, std::pair<int, int>> fixture_counts(const Library& lib, Diagnostics& diags) {
  std::map<std::string, std::pair<int, int>> counts;
  for (const auto& file : lib.fixtures) {
    auto f = read_fixture(lib, file, diags);
    if (!f) continue;
    for (const auto& c : f->cases) {
      if (c.expect == "fire") ++counts[f->rule].first;
      if (c.expect == "quiet") ++counts[f->rule].second;
    }
  }
  return counts;
}

}  // namespace pf
