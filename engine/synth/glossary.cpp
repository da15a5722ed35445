#include "synth/glossary.h"

#include <fmt/format.h>

#include "library/library.h"

namespace pf {

const GlossaryCheck* glossary_violation(const Glossary& g, const std::string& raw, const std::string& lang,
                                        bool& is_code) {
  for (const auto& c : g.code)
    if (std::regex_search(raw, c.re)) {
      is_code = true;
      return &c;
    }
  for (const auto& a : g.avoid)
    if ((a.lang.empty() || a.lang == lang) && raw.find(a.text) != std::string::npos) {
      is_code = false;
      return &a;
    }
  return nullptr;
}

void check_glossary(const Library& lib, Diagnostics& diags) {
  auto check = [&](const Text& t, const std::string& lang, const std::string& owner) {
    if (t.raw.empty()) return;
    bool is_code = false;
    const GlossaryCheck* v = glossary_violation(lib.glossary, t.raw, lang, is_code);
    if (!v) return;
    if (is_code)
      diags.error(t.loc, fmt::format("{}: policy, not code: the text matches '{}'; {}", owner, v->text, v->instead));
    else
      diags.error(t.loc, fmt::format("{}: '{}' is not the glossary's term: write '{}'", owner, v->text, v->instead));
  };
  for (const std::string lang : {"ko", "en"}) {
    for (const auto& [id, p] : lib.policies)
      for (const Text* t : p.in(lang).all()) check(*t, lang, fmt::format("policy template '{}'", id));
    for (const auto& [id, f] : lib.failure_modes) {
      const auto& x = f.in(lang);
      for (const Text* t : {&x.failure, &x.impact, &x.user_impact, &x.signal})
        check(*t, lang, fmt::format("failure-mode template '{}'", id));
    }
    for (const auto& [id, l] : lib.ledger_rows) {
      const auto& x = l.in(lang);
      for (const Text* t : {&x.invariant1, &x.invariant2, &x.signal, &x.recovery})
        check(*t, lang, fmt::format("ledger-map template '{}'", id));
    }
    for (const auto& r : lib.rules) {
      std::string owner = fmt::format("rule '{}'", r.id);
      if (r.finding) check(r.finding->in(lang), lang, owner);
      for (const auto& q : r.questions) check(q.text.in(lang), lang, owner);
      for (const auto& a : r.assumptions) check(a.text.in(lang), lang, owner);
    }
    for (const auto& [key, t] : lib.format.texts) check(t.in(lang), lang, fmt::format("format text '{}'", key));
  }
}

}  // namespace pf
