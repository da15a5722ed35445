#include "library/template_loader.h"

#include <cstring>
#include <fmt/format.h>

#include "library/rule_loader.h"
#include "util/yaml_reader.h"

namespace pf {

namespace {

Text text_field(YamlCtx& ctx, MapReader& r, const char* key) {
  auto s = r.str(key, true);
  return s ? parse_text(*s, r.value_loc(key), ctx.diags()) : Text{};
}

std::vector<Text> text_list(YamlCtx& ctx, MapReader& r, const char* key, bool required) {
  std::vector<Text> out;
  for (const auto& n : r.seq(key, required)) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      ctx.diags().error(ctx.loc(n), fmt::format("'{}' of {} holds a non-text entry", key, r.what()));
      continue;
    }
    out.push_back(parse_text(n.Scalar(), ctx.loc(n), ctx.diags()));
  }
  return out;
}

std::string check_id(MapReader& r, const std::string& path, Diagnostics& diags) {
  std::string id = r.str("id", true).value_or("");
  std::string base = path.substr(path.find_last_of('/') + 1);
  if (base.size() > 5) base = base.substr(0, base.size() - 5);
  // A template beside its rule is named after the rule (<rule-id>.policy.yaml); the library
  // checks that the rule emits it.
  for (const char* kind : {".policy", ".failure-mode", ".ledger-map"})
    if (base.size() > std::strlen(kind) && base.compare(base.size() - std::strlen(kind), std::string::npos, kind) == 0)
      return id;
  if (!id.empty() && id != base)
    diags.error(r.value_loc("id"), fmt::format("template id '{}' differs from its file name '{}'", id, base));
  return id;
}

}  // namespace

std::optional<PolicyTemplate> load_policy_template_text(const std::string& path, const std::string& text, Diagnostics& diags, int& serial) {
  auto o = open_yaml_text(path, text, diags);
  if (!o) return std::nullopt;
  YamlCtx& ctx = *o->ctx;
  MapReader r(ctx, o->root, "policy template", {"id", "references", "ko", "en", "uncertain_when"});
  if (!r.ok()) return std::nullopt;
  PolicyTemplate t;
  t.file = path;
  t.loc = r.loc();
  t.id = check_id(r, path, diags);
  t.references = r.str_list("references");
  bool unc[2] = {false, false};
  int li = 0;
  for (const char* lang : {"ko", "en"}) {
    PolicyText& p = std::string(lang) == "ko" ? t.ko : t.en;
    MapReader m(ctx, r.get(lang), fmt::format("the '{}' text of policy template '{}'", lang, t.id),
                {"name", "intent", "protects", "trigger", "enforcement", "idempotency", "retry", "reconciliation",
                 "compensation", "exceptions", "metrics", "runbook", "uncertain"});
    if (!m.ok()) continue;
    p.name = text_field(ctx, m, "name");
    p.intent = text_field(ctx, m, "intent");
    p.protects = text_field(ctx, m, "protects");
    p.trigger = text_field(ctx, m, "trigger");
    p.enforcement = text_field(ctx, m, "enforcement");
    p.idempotency = text_field(ctx, m, "idempotency");
    p.retry = text_field(ctx, m, "retry");
    p.reconciliation = text_field(ctx, m, "reconciliation");
    p.compensation = text_field(ctx, m, "compensation");
    p.exceptions = text_field(ctx, m, "exceptions");
    p.metrics = text_field(ctx, m, "metrics");
    p.runbook = text_list(ctx, m, "runbook", true);
    if (!p.runbook.empty() && (p.runbook.size() < 3 || p.runbook.size() > 7))
      diags.error(m.value_loc("runbook"), fmt::format("the runbook of policy template '{}' ({}) has {} steps; 3 to 7 are required",
                                                      t.id, lang, p.runbook.size()));
    if (!p.metrics.empty() && p.metrics.raw.find("leading") == std::string::npos)
      diags.error(m.value_loc("metrics"),
                  fmt::format("the metrics of policy template '{}' ({}) name no indicator marked 'leading'", t.id, lang));
    if (m.has("uncertain")) {
      unc[li] = true;
      MapReader u(ctx, m.get("uncertain"), fmt::format("the uncertain part of policy template '{}'", t.id),
                  {"text", "questions"});
      if (u.ok()) {
        p.uncertain = text_field(ctx, u, "text");
        p.uncertain_questions = text_list(ctx, u, "questions", true);
        if (p.uncertain_questions.size() > 3)
          diags.error(u.value_loc("questions"), fmt::format("policy template '{}' ({}) has {} uncertain questions; at most 3",
                                                            t.id, lang, p.uncertain_questions.size()));
        for (const auto& q : p.uncertain_questions)
          if (q.raw.find('?') == std::string::npos)
            diags.error(q.loc, fmt::format("an uncertain question of policy template '{}' does not end in '?'", t.id));
      }
    }
    ++li;
  }
  if (unc[0] != unc[1])
    diags.error(t.loc, fmt::format("policy template '{}' has an uncertain part in one language only", t.id));
  t.has_uncertain = unc[0] && unc[1];
  t.uncertain_when = parse_conditions(ctx, r.get("uncertain_when"), fmt::format("policy template '{}'", t.id), serial);
  if (!t.uncertain_when.empty() && !t.has_uncertain)
    diags.error(r.key_loc("uncertain_when"), fmt::format("policy template '{}' has uncertain_when but no uncertain part", t.id));
  return t;
}

std::optional<FailureModeTemplate> load_failure_mode_template_text(const std::string& path, const std::string& text, Diagnostics& diags) {
  auto o = open_yaml_text(path, text, diags);
  if (!o) return std::nullopt;
  YamlCtx& ctx = *o->ctx;
  MapReader r(ctx, o->root, "failure-mode template", {"id", "references", "ko", "en"});
  if (!r.ok()) return std::nullopt;
  FailureModeTemplate t;
  t.file = path;
  t.loc = r.loc();
  t.id = check_id(r, path, diags);
  for (const char* lang : {"ko", "en"}) {
    FailureModeText& f = std::string(lang) == "ko" ? t.ko : t.en;
    MapReader m(ctx, r.get(lang), fmt::format("the '{}' text of failure-mode template '{}'", lang, t.id),
                {"failure", "impact", "user_impact", "signal", "short"});
    if (!m.ok()) continue;
    f.failure = text_field(ctx, m, "failure");
    f.impact = text_field(ctx, m, "impact");
    f.user_impact = text_field(ctx, m, "user_impact");
    f.signal = text_field(ctx, m, "signal");
    if (m.has("short")) {
      MapReader b(ctx, m.get("short"), fmt::format("the '{}' short form of failure-mode template '{}'", lang, t.id),
                  {"failure", "impact", "user_impact", "signal"});
      if (b.ok()) {
        f.brief_failure = text_field(ctx, b, "failure");
        f.brief_impact = text_field(ctx, b, "impact");
        f.brief_user_impact = text_field(ctx, b, "user_impact");
        f.brief_signal = text_field(ctx, b, "signal");
        for (const Text* x : {&f.brief_failure, &f.brief_impact, &f.brief_user_impact, &f.brief_signal})
          f.brief += x->raw + " ";
      }
    }
    for (const Text* x : {&f.failure, &f.impact, &f.user_impact, &f.signal, &f.brief_failure, &f.brief_impact,
                          &f.brief_user_impact, &f.brief_signal})
      if (x->raw.find(" / ") != std::string::npos)
        diags.error(x->loc, fmt::format("failure-mode template '{}' uses ' / ', the part separator, inside a part", t.id));
  }
  return t;
}

std::optional<LedgerRowTemplate> load_ledger_row_template_text(const std::string& path, const std::string& text, Diagnostics& diags) {
  auto o = open_yaml_text(path, text, diags);
  if (!o) return std::nullopt;
  YamlCtx& ctx = *o->ctx;
  MapReader r(ctx, o->root, "ledger-map template", {"id", "references", "ko", "en"});
  if (!r.ok()) return std::nullopt;
  LedgerRowTemplate t;
  t.file = path;
  t.loc = r.loc();
  t.id = check_id(r, path, diags);
  for (const char* lang : {"ko", "en"}) {
    LedgerRowText& f = std::string(lang) == "ko" ? t.ko : t.en;
    MapReader m(ctx, r.get(lang), fmt::format("the '{}' text of ledger-map template '{}'", lang, t.id),
                {"invariant1", "invariant2", "signal", "recovery"});
    if (!m.ok()) continue;
    f.invariant1 = text_field(ctx, m, "invariant1");
    f.invariant2 = text_field(ctx, m, "invariant2");
    f.signal = text_field(ctx, m, "signal");
    f.recovery = text_field(ctx, m, "recovery");
  }
  return t;
}

std::optional<FormatText> load_format_text_text(const std::string& path, const std::string& text, Diagnostics& diags) {
  auto o = open_yaml_text(path, text, diags);
  if (!o) return std::nullopt;
  YamlCtx& ctx = *o->ctx;
  if (!o->root.IsMap()) {
    diags.error(ctx.loc(o->root), "the format file must map keys to ko/en texts");
    return std::nullopt;
  }
  FormatText f;
  for (auto it = o->root.begin(); it != o->root.end(); ++it) {
    std::string key = it->first.Scalar();
    MapReader m(ctx, it->second, fmt::format("format text '{}'", key), {"ko", "en"});
    if (!m.ok()) continue;
    LangText t;
    // An empty text means "not used in this language" (e.g. a Korean-only noun form).
    if (auto ko = m.str("ko")) t.ko = parse_text(*ko, m.value_loc("ko"), diags);
    if (auto en = m.str("en")) t.en = parse_text(*en, m.value_loc("en"), diags);
    if (!m.has("ko") && !m.has("en")) diags.error(m.loc(), fmt::format("format text '{}' has neither ko nor en", key));
    f.texts[key] = std::move(t);
  }
  return f;
}

}  // namespace pf
