#include "match/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "match/resolve.h"

namespace pf {

std::string MatchResult::id() const { return rule->id + "@" + (rule->group ? std::string("*") : element->key); }

std::string neutral(const Value& v) {
  switch (v.type) {
    case Value::Type::Null: return "null";
    case Value::Type::Bool: return v.b ? "true" : "false";
    // Whole numbers without decimals; no cast, so values beyond long long stay exact.
    case Value::Type::Num: return std::isfinite(v.num) && v.num == std::trunc(v.num)
                                      ? fmt::format("{:.0f}", v.num + 0.0)
                                      : fmt::format("{:.3f}", v.num);
    case Value::Type::Str: return v.str;
    case Value::Type::Dur: return fmt::format("{}ms", v.dur.total_ms());
    case Value::Type::Ref: return v.ref->key;
    case Value::Type::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.list.size() && i < 20; ++i) out += (i ? ", " : "") + neutral(v.list[i]);
      if (v.list.size() > 20) out += fmt::format(", +{}", v.list.size() - 20);
      return out + "]";
    }
  }
  return "";
}

const std::vector<int>& Matcher::order_answer(const Condition& c, const Element* flow) {
  auto key = std::make_pair(c.serial, flow);
  auto it = order_cache_.find(key);
  if (it != order_cache_.end()) return it->second;
  const auto& steps = fb_.flow_steps(flow);
  std::vector<char> hit(steps.size(), 0);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    // The other step's conditions see only `service`, so one answer serves every step.
    Bindings inner{{"service", Value::element(fb_.service())}};
    hit[i] = eval(c.children, steps[i], inner, nullptr);
  }
  std::vector<int> ans;
  const FlowGraph* g = fb_.graph(flow);
  if (g) {
    if (c.type == Condition::Type::Before) ans = c.every ? nearest_later_every(*g, hit) : nearest_later_some(*g, hit);
    else ans = c.every ? nearest_earlier_every(*g, hit) : nearest_earlier_some(*g, hit);
  } else {
    ans.assign(steps.size(), -1);
  }
  return order_cache_.emplace(key, std::move(ans)).first->second;
}

bool Matcher::eval_one(const Condition& c, const Element* self, Bindings& b,
                       std::vector<std::pair<std::string, std::string>>* facts) {
  switch (c.type) {
    case Condition::Type::Test: {
      Value scratch;
      const Value& v = *resolve_in_place(self, b, c.path, scratch);
      bool ok = check_tests(v, c.tests);
      if (ok && facts) facts->emplace_back(c.path.text, neutral(v));
      return ok;
    }
    case Condition::Type::Any:
      for (const auto& ch : c.children)
        if (eval_one(ch, self, b, facts)) return true;
      return false;
    case Condition::Type::Not: {
      Bindings scratch = b;
      return !eval(c.children, self, scratch, nullptr);
    }
    case Condition::Type::Before:
    case Condition::Type::After: {
      if (self->kind != Kind::Step) return false;
      const Element* flow = fb_.flow_of(self);
      if (!flow) return false;
      const auto& ans = order_answer(c, flow);
      int j = self->ordinal >= 0 && self->ordinal < static_cast<int>(ans.size()) ? ans[self->ordinal] : -1;
      if (j < 0) return false;
      const Element* other = fb_.flow_steps(flow)[j];
      if (!c.bind.empty()) b[c.bind] = Value::element(other);
      if (facts)
        facts->emplace_back(fmt::format("{}({})", c.type == Condition::Type::Before ? "before" : "after",
                                        c.every ? "every" : "some"),
                            other->key);
      return true;
    }
  }
  return false;
}

bool Matcher::eval(const std::vector<Condition>& cs, const Element* self, Bindings& b,
                   std::vector<std::pair<std::string, std::string>>* facts) {
  for (const auto& c : cs)
    if (!eval_one(c, self, b, facts)) return false;
  return true;
}

bool Matcher::holds(const std::vector<Condition>& cs, const MatchResult& m) {
  if (cs.empty()) return true;
  Bindings scratch = m.bindings;
  return eval(cs, m.element, scratch, nullptr);
}

void Matcher::finish_conditions(const Rule& rule, MatchResult& m) {
  m.uncertain = rule.may_be_uncertain && holds(rule.uncertain_when, m);
  for (const auto& q : rule.questions) m.questions_hold.push_back(holds(q.when, m));
  for (const auto& a : rule.assumptions) m.assumptions_hold.push_back(holds(a.when, m));
}

std::vector<MatchResult> Matcher::run(const Rule& rule) {
  std::vector<MatchResult> out;
  // One set of bindings and facts serves every element that does not match; a match takes
  // them over. Conditions that fail may leave a `bind` behind: then the set starts afresh.
  const std::string self_name(kind_name(rule.each));
  Bindings b;
  std::vector<std::pair<std::string, std::string>> facts;
  for (const Element* e : fb_.of(rule.each)) {
    if (b.size() != 2 || !b.count(self_name)) b.clear();
    b["service"] = Value::element(fb_.service());
    b[self_name] = Value::element(e);
    facts.clear();
    if (!eval(rule.where, e, b, &facts)) continue;
    MatchResult m;
    m.rule = &rule;
    m.element = e;
    m.bindings = std::move(b);
    m.facts = std::move(facts);
    b.clear();
    facts.clear();
    for (const auto& [name, path] : rule.let) m.bindings[name] = resolve(e, m.bindings, path);
    finish_conditions(rule, m);
    out.push_back(std::move(m));
  }
  if (rule.group && !out.empty()) {
    MatchResult first = std::move(out.front());
    std::vector<const Element*> all;
    for (const auto& m : out) all.push_back(m.element);
    all.front() = first.element;
    first.group = all;
    first.bindings["matches"] = Value::elements(all);
    out.clear();
    out.push_back(std::move(first));
  }
  return out;
}

void decide_uncertain(const FactBase& fb, std::vector<MatchResult>& matches) {
  Matcher m(fb);
  for (auto& x : matches) x.uncertain = x.rule->may_be_uncertain && m.holds(x.rule->uncertain_when, x);
}

const std::vector<const Element*>& touched(const MatchResult& m) {
  if (m.touched_cache) return *m.touched_cache;
  static const AttrId kLinks[] = {attr_id("flow"), attr_id("ledger"), attr_id("integration"),
                                  attr_id("a"),    attr_id("b"),      attr_id("lifecycle")};
  static const AttrId kLedger = attr_id("ledger"), kLedgers = attr_id("ledgers");
  std::vector<const Element*> out;
  auto add = [&](const Element* e) {
    if (!e) return;
    out.push_back(e);
    for (std::size_t i = 0; i < std::size(kLinks); ++i) {
      const Value* v = e->get(kLinks[i]);
      if (v && v->type == Value::Type::Ref) {
        out.push_back(v->ref);
        if (i != 5) continue;  // only a lifecycle brings its ledger along
        const Value* li = v->ref->get(kLedger);
        if (li && li->type == Value::Type::Ref) out.push_back(li->ref);
      }
    }
    const Value* ls = e->get(kLedgers);
    if (e->kind == Kind::Step && ls)
      for (const auto& x : ls->list) out.push_back(x.ref);
  };
  for (const auto& [name, v] : m.bindings) {
    if (name == "service") continue;
    if (v.type == Value::Type::Ref) add(v.ref);
    if (v.type == Value::Type::List && name == "matches")
      for (const auto& x : v.list)
        if (x.type == Value::Type::Ref) add(x.ref);
  }
  std::sort(out.begin(), out.end(), std::less<const Element*>());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return m.touched_cache.emplace(std::move(out));
}

namespace {

/// Annotate step: which breaches some first-pass match covers, written into the fact base
/// before the rules over breaches run.
void annotate_coverage(FactBase& fb, std::vector<MatchResult>& out) {
  // Breach coverage: a match covers a breach when its rule addresses the breach's kind and it
  // touches one of the breach's targets.
  for (const Element* be : fb.of(Kind::Breach)) {
    const std::string& kind = be->get("kind")->str;
    std::set<const Element*> targets;
    for (const auto& v : be->get("targets")->list) targets.insert(v.ref);
    bool covered = false;
    for (auto& m : out) {
      const auto& addr = m.rule->addresses;
      if (std::find(addr.begin(), addr.end(), kind) == addr.end()) continue;
      auto t = touched(m);
      bool related = false;
      for (const Element* x : t) related = related || targets.count(x);
      if (!related) continue;
      m.breaches.push_back(be);
      covered = true;
    }
    fb.annotate(be, "covered", Value::boolean(covered));
  }
  std::vector<const Element*> uncovered;
  for (const Element* be : fb.of(Kind::Breach))
    if (!be->get("covered")->b) uncovered.push_back(be);
  fb.annotate(fb.service(), "uncovered_breaches", Value::elements(uncovered));
}

}  // namespace

std::vector<MatchResult> match_all(FactBase& fb, const std::vector<Rule>& rules) {
  std::vector<MatchResult> out;
  // Pass 1: every rule that is not about breaches.
  {
    Matcher m(fb);
    for (const auto& r : rules)
      if (r.each != Kind::Breach)
        for (auto& x : m.run(r)) out.push_back(std::move(x));
  }
  annotate_coverage(fb, out);
  // Pass 2: rules about breaches, which may ask whether a breach is covered.
  {
    Matcher m(fb);
    for (const auto& r : rules)
      if (r.each == Kind::Breach)
        for (auto& x : m.run(r)) {
          x.breaches.push_back(x.element);
          out.push_back(std::move(x));
        }
  }
  return out;
}

}  // namespace pf
