#include "synth/synthesizer.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

namespace pf {

namespace {

// `whole` is a finite whole number, possibly beyond the range of long long (no cast needed).
std::string group_digits(double whole) {
  std::string s = fmt::format("{:.0f}", std::fabs(whole));
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return whole < 0 ? "-" + out : out;
}

// Model text is the user's: keep it on one line and keep it from looking like a placeholder
// or closing an HTML comment.
std::string clean_user_text(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && space) continue;
    space = c == ' ';
    if (c == '{') c = '(';
    if (c == '}') c = ')';
    if (c == '|') c = '/';
    out += c;
  }
  std::size_t p;
  while ((p = out.find("-->")) != std::string::npos) out.replace(p, 3, "->");
  while ((p = out.find("<!--")) != std::string::npos) out.replace(p, 4, "<!-");
  return out;
}

}  // namespace

std::string render_value(const Value& v, const std::string& lang) {
  bool ko = lang != "en";
  switch (v.type) {
    case Value::Type::Null: return "";
    case Value::Type::Bool: return v.b ? (ko ? "예" : "yes") : (ko ? "아니오" : "no");
    case Value::Type::Num: {
      double r = v.num;
      if (std::isfinite(r) && r == std::trunc(r)) return group_digits(r);
      return fmt::format("{:.1f}", r);
    }
    case Value::Type::Str: return clean_user_text(v.str);
    case Value::Type::Dur: return format_duration(v.dur, lang);
    case Value::Type::Ref: return "`" + v.ref->key + "`";
    case Value::Type::List: {
      constexpr std::size_t kShown = 6;
      std::string out;
      std::size_t n = 0;
      std::set<std::string> seen;
      for (const auto& x : v.list) {
        if (x.is_null()) continue;
        std::string r = render_value(x, lang);
        if (r.empty() || !seen.insert(r).second) continue;
        if (n < kShown) out += (n ? ", " : "") + r;
        ++n;
      }
      if (n > kShown) out += ko ? fmt::format(" 외 {}개", n - kShown) : fmt::format(" and {} more", n - kShown);
      return out;
    }
  }
  return "";
}

namespace {

/// The distinct elements of a list of refs, all of one kind; empty otherwise.
std::vector<const Element*> element_list(const Value& v, Kind& kind) {
  std::vector<const Element*> out;
  if (v.type != Value::Type::List) return out;
  std::set<const Element*> seen;
  for (const auto& x : v.list) {
    if (x.type != Value::Type::Ref) return {};
    if (!out.empty() && x.ref->kind != kind) return {};
    kind = x.ref->kind;
    if (seen.insert(x.ref).second) out.push_back(x.ref);
  }
  return out;
}

}  // namespace

std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmtx,
                        RenderState& state) {
  std::string out;
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& part = t.parts[i];
    if (auto* s = std::get_if<std::string>(&part)) {
      out += *s;
      continue;
    }
    const auto& ph = std::get<Placeholder>(part);
    Value v = resolve(nullptr, b, ph.path);
    std::string r;
    Kind kind = Kind::Service;
    auto elems = element_list(v, kind);
    if (elems.size() >= 3 && (state.in_name || state.shown.count(ph.path.text))) {
      std::string key = std::string(state.in_name ? "count_" : "again_") + std::string(kind_name(kind));
      // When the template already names the kind right after ("{step} 단계가"), say the count
      // without the noun ("앞서 든 7개 단계가", not "앞의 단계 7개 단계가").
      const Text* noun = fmtx.get("noun_" + std::string(kind_name(kind)), lang);
      const std::string* next = i + 1 < t.parts.size() ? std::get_if<std::string>(&t.parts[i + 1]) : nullptr;
      if (noun && !noun->raw.empty() && next && next->rfind(" " + noun->raw, 0) == 0) key += "_bare";
      const Text* form = fmtx.get(key, lang);
      if (!form) form = fmtx.get(state.in_name ? "count_element" : "again_element", lang);
      if (form) r = render_text(*form, {{"n", Value::number(static_cast<double>(elems.size()))}}, lang, fmtx);
    }
    if (r.empty()) {
      if (ph.path.text == "findings" && v.type == Value::Type::List) {
        // Findings are sentences: joined by semicolons, each written once, at most kShownFindings.
        constexpr std::size_t kShownFindings = 12;
        std::set<std::string> seen;
        std::size_t shown = 0, more = 0;
        for (const auto& x : v.list) {
          if (x.type != Value::Type::Str || !seen.insert(x.str).second) continue;
          if (shown++ < kShownFindings) r += (r.empty() ? "" : "; ") + x.str;
          else ++more;
        }
        if (more)
          if (const Text* tail = fmtx.get("more_findings", lang))
            r += render_text(*tail, {{"n", Value::number(static_cast<double>(more))}}, lang, fmtx);
      } else if (v.type == Value::Type::Str && ph.path.parts.size() > 1 && ph.path.parts.back() == "unit") {
        // The model's unit is written as the glossary's noun for it (seat -> 좌석), else as is.
        const Text* noun = fmtx.get("unit:" + v.str, lang);
        r = noun && !noun->raw.empty() ? noun->raw : render_value(v, lang);
      } else {
        r = render_value(v, lang);
      }
      if (elems.size() >= 3 && !state.in_name) state.shown.insert(ph.path.text);
    }
    if (r.empty()) {
      if (ph.has_fallback) r = ph.fallback;
      else if (const Text* u = fmtx.get("unspecified", lang)) r = u->raw;
    }
    out += r;
  }
  return out;
}

std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmtx) {
  RenderState fresh;
  return render_text(t, b, lang, fmtx, fresh);
}

namespace {

Provenance provenance(const MatchResult& m, const std::string& tid, const std::string& tfile,
                      const std::vector<std::string>& trefs) {
  Provenance p;
  p.rule = m.rule->id;
  p.rule_file = m.rule->file;
  p.template_id = tid;
  p.template_file = tfile;
  for (const auto& [name, v] : m.bindings) {
    if (v.type == Value::Type::Ref) {
      p.elements.push_back({name, std::string(kind_name(v.ref->kind)), v.ref->key, v.ref->loc});
    } else if (v.type == Value::Type::List && name == "matches") {
      for (const auto& x : v.list)
        if (x.type == Value::Type::Ref)
          p.elements.push_back({name, std::string(kind_name(x.ref->kind)), x.ref->key, x.ref->loc});
    }
  }
  p.facts = m.facts;
  p.references = m.rule->references;
  p.references.insert(p.references.end(), trefs.begin(), trefs.end());
  return p;
}

/// One catalog item per rule: every match of the rule merged. Each bound name holds the
/// distinct values it took across the matches (one value stays a value, several become a
/// list), so a template written for one element names all of them, each number once.
struct Group {
  const Rule* rule = nullptr;
  std::vector<const MatchResult*> matches;
  Bindings bindings;
  std::vector<std::string> breaches;
  std::string id;
};

Group merge(const std::vector<const MatchResult*>& ms, const std::string& lang, const FormatText& fx) {
  Group g;
  g.rule = ms.front()->rule;
  g.matches = ms;
  g.id = ms.size() == 1 && !g.rule->group ? ms.front()->id() : g.rule->id + "@*";
  std::map<std::string, std::vector<Value>> values;
  std::map<std::string, std::set<std::string>> seen;
  std::vector<const Element*> elements;
  for (const MatchResult* m : ms) {
    for (const auto& [name, v] : m->bindings) {
      auto& vs = values[name];
      if (v.is_null()) continue;
      if (seen[name].insert(neutral(v)).second) vs.push_back(v);
    }
    if (m->group.empty()) elements.push_back(m->element);
    else elements.insert(elements.end(), m->group.begin(), m->group.end());
    for (const Element* b : m->breaches) g.breaches.push_back(b->key);
  }
  for (auto& [name, vs] : values) {
    if (vs.empty()) g.bindings[name] = Value{};
    else if (vs.size() == 1) g.bindings[name] = vs.front();
    else {
      Value l;
      l.type = Value::Type::List;
      for (auto& v : vs) {
        if (v.type == Value::Type::List) l.list.insert(l.list.end(), v.list.begin(), v.list.end());
        else l.list.push_back(v);
      }
      g.bindings[name] = l;
    }
  }
  g.bindings["matches"] = Value::elements(elements);
  std::vector<std::string> findings;
  if (g.rule->finding)
    for (const MatchResult* m : ms) findings.push_back(render_text(g.rule->finding->in(lang), m->bindings, lang, fx));
  g.bindings["findings"] = Value::strings(findings);
  std::sort(g.breaches.begin(), g.breaches.end());
  g.breaches.erase(std::unique(g.breaches.begin(), g.breaches.end()), g.breaches.end());
  g.bindings["breaches"] = Value::strings(g.breaches);
  return g;
}

Provenance provenance(const Group& g, const std::string& tid, const std::string& tfile,
                      const std::vector<std::string>& trefs) {
  Provenance p;
  std::set<std::string> seen;
  for (const MatchResult* m : g.matches) {
    Provenance one = provenance(*m, tid, tfile, trefs);
    if (p.rule.empty()) {  // the first match gives rule, template and references
      p = one;
      p.elements.clear();
      p.facts.clear();
    }
    for (auto& e : one.elements)
      if (seen.insert(e.name + "=" + e.key).second) p.elements.push_back(e);
    std::string who = g.matches.size() > 1 ? m->element->key + ": " : std::string();
    for (auto& [k, v] : one.facts) p.facts.emplace_back(who + k, v);
  }
  return p;
}

struct Ranked {
  int score;
  int surface;
  std::string id;
};

// Highest score first (breach-cited, then severity), then by surface, then by id.
bool before(const Ranked& a, const Ranked& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.surface != b.surface) return a.surface < b.surface;
  return a.id < b.id;
}

}  // namespace

Catalog synthesize(const FactBase& fb, const Library& lib, const std::vector<MatchResult>& matches,
                   const SynthOptions& opt) {
  const std::string& lang = opt.lang;
  const FormatText& fx = lib.format;
  Catalog c;
  c.lang = lang;
  c.engine_version = opt.engine_version;
  c.library_digest = lib.digest;
  const Element* svc = fb.service();
  c.service_name = svc->get("name") ? svc->get("name")->str : "";
  Matcher when_eval(fb);

  std::vector<std::pair<Ranked, FailureModeItem>> fms;
  std::vector<std::pair<Ranked, PolicyItem>> pols;
  std::vector<std::pair<Ranked, TextItem>> questions, assumptions;
  std::map<std::string, std::pair<int, LedgerRow>> rows;  // ledger -> best row

  // Policies and failure modes: one item per rule.
  std::map<std::string, std::vector<const MatchResult*>> by_rule;
  for (const auto& m : matches) by_rule[m.rule->id].push_back(&m);
  for (const auto& [rid, ms] : by_rule) {
    Group g = merge(ms, lang, fx);
    const Rule& r = *g.rule;
    const std::string& id = g.id;
    const std::vector<std::string>& breach_ids = g.breaches;
    int score = r.severity_rank + (breach_ids.empty() ? 0 : 10);
    Ranked rank{score, r.surfaces.empty() ? 13 : r.surfaces.front(), id};
    const Bindings& b = g.bindings;
    RenderState state;
    auto txt = [&](const Text& t) { return render_text(t, b, lang, fx, state); };

    if (!r.failure_mode.empty()) {
      const auto& t = lib.failure_modes.at(r.failure_mode);
      const auto& x = t.in(lang);
      state = RenderState{};
      std::string failure = txt(x.failure), impact = txt(x.impact), user = txt(x.user_impact), signal = txt(x.signal);
      FailureModeItem f{id, failure, impact, user, signal, r.severity_rank, breach_ids, provenance(g, t.id, t.file, {})};
      fms.push_back({rank, std::move(f)});
    }
    if (!r.policy.empty()) {
      const auto& t = lib.policies.at(r.policy);
      const auto& x = t.in(lang);
      PolicyItem p;
      p.id = id;
      state = RenderState{};
      state.in_name = true;
      p.name = txt(x.name);
      state.in_name = false;
      p.surfaces = r.surfaces;
      p.intent = txt(x.intent);
      if (!breach_ids.empty())
        if (const Text* cite = fx.get("breach_cited", lang)) p.intent += " " + txt(*cite);
      p.protects = txt(x.protects);
      p.trigger = txt(x.trigger);
      p.enforcement = txt(x.enforcement);
      p.idempotency = txt(x.idempotency);
      p.retry = txt(x.retry);
      p.reconciliation = txt(x.reconciliation);
      p.compensation = txt(x.compensation);
      p.exceptions = txt(x.exceptions);
      p.metrics = txt(x.metrics);
      for (const auto& s : x.runbook) p.runbook.push_back(txt(s));
      if (t.has_uncertain) {
        // Uncertain when any of the merged matches is.
        bool any = t.uncertain_when.empty();
        for (const MatchResult* m : g.matches) {
          if (any) break;
          Bindings scratch = m->bindings;
          any = when_eval.eval(t.uncertain_when, m->element, scratch, nullptr);
        }
        if (any) {
          p.uncertain = true;
          p.uncertain_text = txt(x.uncertain);
          for (const auto& q : x.uncertain_questions) p.questions.push_back(txt(q));
        }
      }
      p.severity = r.severity_rank;
      p.breaches = breach_ids;
      p.provenance = provenance(g, t.id, t.file, t.references);
      pols.push_back({rank, std::move(p)});
    }
  }

  // Ledger-map rows: one per ledger.
  for (const auto& m : matches) {
    const Rule& r = *m.rule;
    std::string id = m.id();
    const Bindings& b = m.bindings;
    auto txt = [&](const Text& t) { return render_text(t, b, lang, fx); };
    if (!r.ledger_row.empty() && m.element->kind == Kind::Ledger) {
      const auto& t = lib.ledger_rows.at(r.ledger_row);
      const auto& x = t.in(lang);
      LedgerRow row{id, m.element->key, txt(x.invariant1), txt(x.invariant2), txt(x.signal), txt(x.recovery),
                    provenance(m, t.id, t.file, {})};
      // Invariants the model declares take the place of the template's, in order.
      const Value* declared = m.element->get("invariants");
      if (declared && !declared->list.empty()) row.invariant1 = render_value(declared->list[0], lang);
      if (declared && declared->list.size() > 1) row.invariant2 = render_value(declared->list[1], lang);
      auto it = rows.find(m.element->key);
      if (it == rows.end() || r.severity_rank > it->second.first) rows[m.element->key] = {r.severity_rank, row};
    }
  }

  // Questions and assumptions: one per rule and text, over the matches where it applies.
  for (const auto& rule_matches : by_rule) {
    const auto& ms = rule_matches.second;  // a plain name: clang 14 cannot capture a structured binding
    const Rule& r = *ms.front()->rule;
    auto emit_texts = [&](const std::vector<EmitText>& texts, const char* tag, auto& out) {
      int n = 0;
      for (const auto& e : texts) {
        ++n;
        std::vector<const MatchResult*> hold;
        for (const MatchResult* m : ms) {
          Bindings scratch = m->bindings;
          if (e.when.empty() || when_eval.eval(e.when, m->element, scratch, nullptr)) hold.push_back(m);
        }
        if (hold.empty()) continue;
        Group g = merge(hold, lang, fx);
        int score = r.severity_rank + (g.breaches.empty() ? 0 : 10);
        Ranked rank{score, r.surfaces.empty() ? 13 : r.surfaces.front(), g.id};
        RenderState state;
        out.push_back({rank, TextItem{fmt::format("{}#{}{}", g.id, tag, n),
                                      render_text(e.text.in(lang), g.bindings, lang, fx, state),
                                      provenance(g, "", r.file, {})}});
      }
    };
    emit_texts(r.questions, "q", questions);
    emit_texts(r.assumptions, "a", assumptions);
  }

  auto by_rank = [](const auto& a, const auto& b) { return before(a.first, b.first); };
  std::stable_sort(fms.begin(), fms.end(), by_rank);
  std::stable_sort(pols.begin(), pols.end(), by_rank);
  std::stable_sort(questions.begin(), questions.end(), by_rank);
  std::stable_sort(assumptions.begin(), assumptions.end(), by_rank);
  for (auto& [r, f] : fms) c.failure_modes.push_back(std::move(f));
  for (auto& [r, p] : pols) c.policies.push_back(std::move(p));

  // Questions: the rules' own, then the open questions of uncertain policies; no repeats.
  std::set<std::string> seen;
  for (auto& [r, q] : questions)
    if (seen.insert(q.text).second) c.questions.push_back(std::move(q));
  for (const auto& p : c.policies)
    for (std::size_t i = 0; i < p.questions.size(); ++i)
      if (seen.insert(p.questions[i]).second) {
        TextItem q{fmt::format("{}#u{}", p.id, i + 1), p.questions[i], p.provenance};
        c.questions.push_back(std::move(q));
      }

  // The prompt asks for 3 to 7 assumptions. Take them round-robin: every rule's first
  // assumption (most important rule first), then every rule's second, and so on, so that each
  // missing input is stated before any one of them is elaborated.
  constexpr std::size_t kMaxAssumptions = 7;
  auto ordinal = [](const TextItem& t) { return std::stoi(t.id.substr(t.id.rfind("#a") + 2)); };
  std::stable_sort(assumptions.begin(), assumptions.end(),
                   [&](const auto& a, const auto& b) { return ordinal(a.second) < ordinal(b.second); });
  std::set<std::string> seen_a;
  for (auto& [r, a] : assumptions)
    if (c.assumptions.size() < kMaxAssumptions && seen_a.insert(a.text).second) c.assumptions.push_back(std::move(a));
  if (c.assumptions.empty())
    if (const Text* none = fx.get("no_assumptions", lang)) c.no_assumptions = render_text(*none, {}, lang, fx);

  for (const Element* l : fb.of(Kind::Ledger)) {
    auto it = rows.find(l->key);
    if (it != rows.end()) c.ledger_map.push_back(std::move(it->second.second));
  }

  for (const Element* be : fb.of(Kind::Breach)) {
    BreachCoverage bc;
    bc.breach = be->key;
    bc.kind = be->get("kind")->str;
    bc.title = render_value(*be->get("title"), lang);
    for (const auto& f : c.failure_modes)
      if (std::find(f.breaches.begin(), f.breaches.end(), be->key) != f.breaches.end()) bc.failure_modes.push_back(f.id);
    for (const auto& p : c.policies)
      if (std::find(p.breaches.begin(), p.breaches.end(), be->key) != p.breaches.end()) bc.policies.push_back(p.id);
    bc.gap = !be->get("covered")->b;
    c.coverage.push_back(std::move(bc));
  }
  return c;
}

}  // namespace pf
