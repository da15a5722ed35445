#include "synth/sections.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "synth/fill.h"
#include "synth/rank.h"

namespace pf {

namespace {

// How many values a list names in a failure mode's short form before "and N more".
constexpr std::size_t kBriefListShown = 2;

Provenance provenance_of(const MatchResult& m, const std::string& tid, const std::string& tfile,
                         const std::vector<std::string>& trefs) {
  Provenance p;
  p.rule = m.rule->id;
  p.rule_file = m.rule->file;
  p.each = std::string(kind_name(m.rule->each));
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

}  // namespace

/// Where an item sits in the model: the element it is keyed on (`rule@key`), else its first
/// matched element (bound under its kind's name), else the first element it covers, else the
/// first bound element with a location; "" when none has one.
std::string where_of(const Provenance& prov, const std::string& item_id) {
  auto at = item_id.rfind('@');
  std::string key = at == std::string::npos ? "" : item_id.substr(at + 1);
  auto located = [](const Provenance::Bound& e) { return e.loc.file && e.loc.line > 0; };
  const Provenance::Bound* pick = nullptr;
  for (const auto& e : prov.elements)
    if (located(e) && !key.empty() && e.key == key) {
      pick = &e;
      break;
    }
  // A merged item (`@*`): its first match, bound under its own kind's name, else what it covers.
  for (const auto& e : prov.elements)
    if (!pick && located(e) && !prov.each.empty() && e.name == prov.each && e.kind == prov.each) pick = &e;
  for (const auto& e : prov.elements)
    if (!pick && located(e) && e.name == "matches") pick = &e;
  for (const auto& e : prov.elements)
    if (!pick && located(e)) pick = &e;
  return pick ? fmt::format("{}:{}", *pick->loc.file, pick->loc.line) : std::string();
}

Provenance provenance_of(const std::vector<const MatchResult*>& ms, const std::string& tid, const std::string& tfile,
                         const std::vector<std::string>& trefs) {
  // The union of each match's provenance (as provenance_of(MatchResult) gives it), built in
  // place: the first match gives rule, template and references; elements once by name and key;
  // facts prefixed with the match's element when there are several.
  Provenance p;
  if (ms.empty()) return p;
  const Rule& r = *ms.front()->rule;
  p.rule = r.id;
  p.rule_file = r.file;
  p.each = std::string(kind_name(r.each));
  p.template_id = tid;
  p.template_file = tfile;
  p.references = r.references;
  p.references.insert(p.references.end(), trefs.begin(), trefs.end());
  std::set<std::string> seen;
  std::string seen_key;
  auto add = [&](const std::string& name, const Element* e) {
    seen_key.assign(name).append("=").append(e->key);
    if (seen.insert(seen_key).second) p.elements.push_back({name, std::string(kind_name(e->kind)), e->key, e->loc});
  };
  for (const MatchResult* m : ms) {
    for (const auto& [name, v] : m->bindings) {
      if (v.type == Value::Type::Ref) {
        add(name, v.ref);
      } else if (v.type == Value::Type::List && name == "matches") {
        for (const auto& x : v.list)
          if (x.type == Value::Type::Ref) add(name, x.ref);
      }
    }
    if (ms.size() > 1) {
      std::string who = m->element->key + ": ";
      for (const auto& [k, v] : m->facts) p.facts.emplace_back(who + k, v);
    } else {
      p.facts.insert(p.facts.end(), m->facts.begin(), m->facts.end());
    }
  }
  return p;
}

Provenance failure_mode_provenance(const std::vector<const MatchResult*>& ms, const Library& lib) {
  const auto& t = lib.failure_modes.at(ms.front()->rule->failure_mode);
  return provenance_of(ms, t.id, t.file, {});
}

Provenance policy_provenance(const std::vector<const MatchResult*>& ms, const Library& lib) {
  const auto& t = lib.policies.at(ms.front()->rule->policy);
  return provenance_of(ms, t.id, t.file, t.references);
}

std::optional<FailureModeItem> build_failure_mode(const Group& g, const Rating& rating, const BuildContext& cx) {
  const Rule& r = *g.rule;
  if (r.failure_mode.empty()) return std::nullopt;
  const auto& t = cx.lib.failure_modes.at(r.failure_mode);
  const auto& x = t.in(cx.lang);
  Bindings b = item_bindings(g, cx.lang, cx.lib.format, &cx.findings);
  RenderState state;
  state.max_findings = cx.max_findings;
  auto txt = [&](const Text& s) { return render_text(s, b, cx.lang, cx.lib.format, state); };
  FailureModeItem f;
  f.id = g.id;
  f.failure = txt(x.failure);
  f.impact = txt(x.impact);
  f.user_impact = txt(x.user_impact);
  f.signal = txt(x.signal);
  if (!x.brief.empty()) {
    // The short form is one line (the body's failure-mode line and the top-risk row): a list
    // in it names two values, then "and N more".
    RenderState fresh;
    fresh.max_findings = cx.max_findings;
    fresh.max_list = kBriefListShown;
    for (const Text* part : {&x.brief_failure, &x.brief_impact, &x.brief_user_impact, &x.brief_signal})
      f.brief.push_back(render_text(*part, b, cx.lang, cx.lib.format, fresh));
  }
  f.rating = rating;
  f.breaches = g.breaches;
  if (cx.provenance) f.provenance = failure_mode_provenance(g.matches, cx.lib);
  return f;
}

std::optional<PolicyItem> build_policy(const Group& g, const Rating& rating, const BuildContext& cx) {
  const Rule& r = *g.rule;
  if (r.policy.empty()) return std::nullopt;
  const FormatText& fx = cx.lib.format;
  const auto& t = cx.lib.policies.at(r.policy);
  const auto& x = t.in(cx.lang);
  Bindings b = item_bindings(g, cx.lang, fx, &cx.findings);
  RenderState state;
  state.max_findings = cx.max_findings;
  auto txt = [&](const Text& s) { return render_text(s, b, cx.lang, fx, state); };
  PolicyItem p;
  p.id = g.id;
  state.in_name = true;
  p.name = txt(x.name);
  state.in_name = false;
  p.surfaces = r.surfaces;
  p.intent = txt(x.intent);
  if (!g.breaches.empty())
    if (const Text* cite = fx.get("breach_cited", cx.lang)) p.intent += " " + txt(*cite);
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
  if (g.uncertain) {
    p.uncertain = true;
    p.uncertain_text = txt(x.uncertain);
    for (const auto& q : x.uncertain_questions) p.questions.push_back(txt(q));
  }
  p.rating = rating;
  p.breaches = g.breaches;
  if (cx.provenance) p.provenance = policy_provenance(g.matches, cx.lib);
  return p;
}

std::vector<TextItem> build_texts(const std::vector<const MatchResult*>& ms, bool assumptions, const Group& whole,
                                  const Rating& whole_rating, const BuildContext& cx) {
  const Rule& r = *ms.front()->rule;
  const auto& texts = assumptions ? r.assumptions : r.questions;
  const char* tag = assumptions ? "a" : "q";
  std::vector<TextItem> out;
  std::optional<Bindings> whole_bindings;  // made on first use, for every text that holds everywhere
  for (std::size_t n = 0; n < texts.size(); ++n) {
    std::vector<const MatchResult*> hold;
    for (const MatchResult* m : ms) {
      const auto& holds = assumptions ? m->assumptions_hold : m->questions_hold;
      if (n < holds.size() && holds[n]) hold.push_back(m);
    }
    if (hold.empty()) continue;
    std::optional<Group> part;  // the matches where the text holds, when not all of them
    std::optional<Bindings> part_bindings;
    if (hold.size() != ms.size()) {
      part = merge(hold);
      part_bindings = item_bindings(*part, cx.lang, cx.lib.format, &cx.findings);
    } else if (!whole_bindings) {
      whole_bindings = item_bindings(whole, cx.lang, cx.lib.format, &cx.findings);
    }
    const Group& g = part ? *part : whole;
    const Bindings& b = part ? *part_bindings : *whole_bindings;
    RenderState state;
    state.max_findings = cx.max_findings;
    TextItem item{fmt::format("{}#{}{}", g.id, tag, n + 1),
                  render_text(texts[n].text.in(cx.lang), b, cx.lang, cx.lib.format, state),
                  cx.provenance ? provenance_of(g.matches, "", r.file, {}) : Provenance{},
                  part ? rate(*part) : without_superseded(whole_rating, whole)};
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<LedgerRow> build_ledger_map(const FactBase& fb, const std::vector<MatchResult>& matches,
                                        const BuildContext& cx) {
  std::map<std::string, std::pair<int, LedgerRow>> rows;  // ledger -> best row
  for (const auto& m : matches) {
    const Rule& r = *m.rule;
    if (r.ledger_row.empty() || m.element->kind != Kind::Ledger) continue;
    const auto& t = cx.lib.ledger_rows.at(r.ledger_row);
    const auto& x = t.in(cx.lang);
    auto txt = [&](const Text& s) { return render_text(s, m.bindings, cx.lang, cx.lib.format); };
    LedgerRow row{m.id(), m.element->key, txt(x.invariant1), txt(x.invariant2), txt(x.signal), txt(x.recovery),
                  cx.provenance ? provenance_of(m, t.id, t.file, {}) : Provenance{}};
    // Invariants the model declares take the place of the template's, in order.
    const Value* declared = m.element->get("invariants");
    if (declared && !declared->list.empty()) row.invariant1 = render_value(declared->list[0], cx.lang, cx.lib.format);
    if (declared && declared->list.size() > 1) row.invariant2 = render_value(declared->list[1], cx.lang, cx.lib.format);
    auto it = rows.find(m.element->key);
    if (it == rows.end() || r.severity_rank > it->second.first) rows[m.element->key] = {r.severity_rank, row};
  }
  std::vector<LedgerRow> out;
  for (const Element* l : fb.of(Kind::Ledger)) {
    auto it = rows.find(l->key);
    if (it != rows.end()) out.push_back(std::move(it->second.second));
  }
  return out;
}

std::vector<BreachCoverage> build_coverage(const FactBase& fb, const Catalog& c, const BuildContext& cx) {
  std::vector<BreachCoverage> out;
  for (const Element* be : fb.of(Kind::Breach)) {
    BreachCoverage bc;
    bc.breach = be->key;
    bc.kind = be->get("kind")->str;
    bc.title = render_value(*be->get("title"), cx.lang, cx.lib.format);
    for (const auto& f : c.failure_modes)
      if (std::find(f.breaches.begin(), f.breaches.end(), be->key) != f.breaches.end()) bc.failure_modes.push_back(f.id);
    for (const auto& p : c.policies)
      if (std::find(p.breaches.begin(), p.breaches.end(), be->key) != p.breaches.end()) bc.policies.push_back(p.id);
    bc.gap = !be->get("covered")->b;
    out.push_back(std::move(bc));
  }
  return out;
}

std::vector<TopRisk> build_top_risks(const Catalog& c, std::size_t rows, const SupersedesMap& supersedes,
                                     const ProvenanceLookup& lookup) {
  // Rows come from the body's failure modes and policies together, by score: a structural
  // defect with no policy of its own (a failure mode only) ranks like any other risk. A failure
  // mode names the policy of the same item, or the one of an item its rule superseded.
  auto policy_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < c.policies.size(); ++i)
      if (c.policies[i].id == id) return static_cast<int>(i);
    return -1;
  };
  struct Row {
    int score, order;
    const FailureModeItem* f;
    int policy;  ///< index into c.policies, -1 when none
  };
  std::vector<Row> cand;
  std::set<int> named;
  int order = 0;
  for (const auto& f : c.failure_modes) {
    if (!f.rating.in_body) continue;
    int pi = policy_index(f.id);
    for (const auto& r : f.rating.reasons)
      if (pi < 0 && r.rfind("supersedes=", 0) == 0) pi = policy_index(r.substr(11));
    if (pi >= 0) named.insert(pi);
    cand.push_back({f.rating.score, order++, &f, pi});
  }
  for (std::size_t i = 0; i < c.policies.size(); ++i)
    if (c.policies[i].rating.in_body && !named.count(static_cast<int>(i)))
      cand.push_back({c.policies[i].rating.score, order++, nullptr, static_cast<int>(i)});
  std::stable_sort(cand.begin(), cand.end(), [](const Row& a, const Row& b) {
    return a.score != b.score ? a.score > b.score : a.order < b.order;
  });
  // What makes two rows one risk: related rules (the same, or one supersedes the other) that
  // matched a shared element (not the elements they only name, like a later step that fails).
  struct Kept {
    std::string rule;
    std::set<std::string> at;  ///< "kind:key" of the elements the item matched
    std::size_t index;         ///< into out
  };
  auto covered = [](const Provenance& prov) {
    std::set<std::string> at;
    for (const auto& e : prov.elements)
      if (((e.name == prov.each && e.kind == prov.each) || e.name == "matches") && e.kind != "service")
        at.insert(e.kind + ":" + e.key);
    return at;
  };
  auto supersedes_rule = [&](const std::string& a, const std::string& b) {
    auto it = supersedes.find(a);
    return it != supersedes.end() && std::find(it->second.begin(), it->second.end(), b) != it->second.end();
  };
  std::vector<Kept> kept;
  std::vector<TopRisk> out;
  for (const Row& row : cand) {
    if (out.size() >= rows) break;
    const PolicyItem* p = row.policy >= 0 ? &c.policies[static_cast<std::size_t>(row.policy)] : nullptr;
    Provenance built;
    if (lookup) built = lookup(row.f ? row.f->id : p->id, row.f != nullptr);
    const Provenance& prov = lookup ? built : row.f ? row.f->provenance : p->provenance;
    std::set<std::string> at = covered(prov);
    Kept* same = nullptr;
    for (Kept& k : kept) {
      bool related = k.rule == prov.rule || supersedes_rule(k.rule, prov.rule) || supersedes_rule(prov.rule, k.rule);
      bool shared = std::any_of(at.begin(), at.end(), [&](const std::string& x) { return k.at.count(x) > 0; });
      if (related && shared) {
        same = &k;
        break;
      }
    }
    if (same) {  // the higher row now stands for this risk on these elements too
      same->at.insert(at.begin(), at.end());
      TopRisk& higher = out[same->index];
      if (higher.policy_number == 0 && p) {
        higher.policy_id = p->id;
        higher.policy_number = row.policy + 1;
      }
      continue;
    }
    kept.push_back({prov.rule, std::move(at), out.size()});
    TopRisk t;
    t.rank = static_cast<int>(out.size()) + 1;
    t.severity = row.f ? row.f->rating.severity : p->rating.severity;
    if (p) {
      t.policy_id = p->id;
      t.policy_number = row.policy + 1;
      t.action = p->name;
      t.risk = p->intent;
    }
    if (row.f) {
      t.failure_mode_id = row.f->id;
      t.risk = row.f->brief.empty() ? row.f->failure : row.f->brief.front();
      if (!p) {  // no policy: the first thing to do is to settle the rule's question, else watch its signal
        t.action = row.f->brief.empty() ? row.f->signal : row.f->brief.back();
        for (const auto& q : c.questions)
          if (q.id.rfind(row.f->id + "#q", 0) == 0) {
            t.action = q.text;
            break;
          }
      }
    }
    t.where = where_of(prov, row.f ? row.f->id : p->id);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace pf
