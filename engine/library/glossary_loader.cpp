#include "library/glossary_loader.h"

#include <fmt/format.h>

#include "util/yaml_reader.h"

namespace pf {

namespace {

void add_checks(YamlCtx& ctx, MapReader& m, const char* key, const std::string& lang, const std::string& instead,
                std::vector<GlossaryCheck>& out) {
  for (const auto& n : m.seq(key)) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      ctx.diags().error(ctx.loc(n), fmt::format("'{}' of {} holds a non-text entry", key, m.what()));
      continue;
    }
    out.push_back(GlossaryCheck{n.Scalar(), lang, instead, {}, false});
  }
}

}  // namespace

std::optional<Glossary> load_glossary(const std::string& path, Diagnostics& diags) {
  auto o = open_yaml_file(path, diags);
  if (!o) return std::nullopt;
  YamlCtx& ctx = *o->ctx;
  MapReader r(ctx, o->root, "glossary", {"terms", "units", "code"});
  if (!r.ok()) return std::nullopt;
  Glossary g;
  for (const auto& n : r.seq("terms")) {
    MapReader t(ctx, n, "glossary term", {"concept", "ko", "en", "avoid_ko", "avoid_en"});
    if (!t.ok()) continue;
    auto concept_name = t.str("concept", true).value_or("");
    t.set_what(fmt::format("glossary term '{}'", concept_name));
    auto ko = t.str("ko", true).value_or(""), en = t.str("en", true).value_or("");
    add_checks(ctx, t, "avoid_ko", "ko", ko, g.avoid);
    add_checks(ctx, t, "avoid_en", "en", en, g.avoid);
  }
  YAML::Node units = r.get("units");
  if (units && !units.IsNull()) {
    if (!units.IsMap()) diags.error(ctx.loc(units), "'units' of the glossary must map a model unit to ko/en nouns");
    else
      for (auto it = units.begin(); it != units.end(); ++it) {
        MapReader u(ctx, it->second, fmt::format("glossary unit '{}'", it->first.Scalar()), {"ko", "en"});
        if (!u.ok()) continue;
        LangText t;
        t.ko = parse_text(u.str("ko", true).value_or(""), u.value_loc("ko"), diags);
        t.en = parse_text(u.str("en", true).value_or(""), u.value_loc("en"), diags);
        g.units[it->first.Scalar()] = std::move(t);
      }
  }
  for (const auto& n : r.seq("code")) {
    MapReader c(ctx, n, "glossary code pattern", {"pattern", "instead"});
    if (!c.ok()) continue;
    GlossaryCheck k;
    k.text = c.str("pattern", true).value_or("");
    k.instead = c.str("instead", true).value_or("");
    k.is_regex = true;
    try {
      k.re = std::regex(k.text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      diags.error(c.value_loc("pattern"), fmt::format("glossary code pattern '{}' is not a valid regular expression", k.text));
      continue;
    }
    g.code.push_back(std::move(k));
  }
  return g;
}

}  // namespace pf
