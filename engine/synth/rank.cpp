#include "synth/rank.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <vector>

namespace pf {

namespace {

// The weights of docs/severity.md. Class dominates: a defect found in this model outranks a
// recommended control, which outranks hygiene, unless the facts around them differ a lot.
constexpr int kClassDefect = 40, kClassControl = 20, kClassHygiene = 0;
constexpr int kPerRuleSeverity = 4;  // x 1 (low) .. 4 (critical)
constexpr int kMoney = 10, kScarce = 8, kOverLimit = 15, kBreach = 15, kUndeclared = 3;
constexpr int kPerExtraFlow = 2, kMaxFlows = 8;

int class_weight(const std::string& c) {
  if (c == "defect") return kClassDefect;
  if (c == "hygiene") return kClassHygiene;
  return kClassControl;
}

int peak_weight(double rps) {
  if (rps >= 1000) return 8;
  if (rps >= 100) return 5;
  if (rps >= 10) return 2;
  return 0;
}

bool flag(const Element* e, const char* name) {
  const Value* v = e->get(name);
  return v && v->type == Value::Type::Bool && v->b;
}

double number(const Element* e, const char* name) {
  const Value* v = e->get(name);
  return v && v->type == Value::Type::Num ? v->num : 0;
}

const Element* ref(const Element* e, const char* name) {
  const Value* v = e->get(name);
  return v && v->type == Value::Type::Ref ? v->ref : nullptr;
}

/// What is at stake around the matched elements.
struct Stakes {
  std::set<std::string> money, scarce, flows;
  double peak = 0;
  std::set<std::string> over_limit;
};

Stakes stakes_of(const Group& g) {
  Stakes s;
  std::vector<const Element*> all;  // distinct, by address (as a set would hold them)
  for (const MatchResult* m : g.matches) {
    const auto& t = touched(*m);
    all.insert(all.end(), t.begin(), t.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  // A flow an event starts or resumes is at stake with the event: an unsigned or duplicated
  // webhook matters by the ledgers its handler writes.
  auto reached_flow = [&](const Element* f) {
    if (!f) return;
    s.flows.insert(f->key);
    s.peak = std::max(s.peak, number(f, "peak_rps"));
    const Value* ls = f->get("ledgers");
    if (ls && ls->type == Value::Type::List)
      for (const auto& v : ls->list) {
        if (v.type != Value::Type::Ref) continue;
        if (flag(v.ref, "money")) s.money.insert(v.ref->key);
        if (flag(v.ref, "scarce")) s.scarce.insert(v.ref->key);
      }
  };
  for (const Element* e : all) {
    switch (e->kind) {
      case Kind::Event:
        if (const Value* t = e->get("triggers"); t && t->type == Value::Type::List)
          for (const auto& v : t->list) reached_flow(v.ref);
        if (const Value* a = e->get("awaited_by"); a && a->type == Value::Type::List)
          for (const auto& v : a->list)
            if (v.ref) reached_flow(ref(v.ref, "flow"));
        break;
      case Kind::Ledger:
        if (flag(e, "money")) s.money.insert(e->key);
        if (flag(e, "scarce")) s.scarce.insert(e->key);
        s.peak = std::max(s.peak, number(e, "peak_rps"));
        break;
      case Kind::Flow:
        s.flows.insert(e->key);
        s.peak = std::max(s.peak, number(e, "peak_rps"));
        break;
      case Kind::Step:
        if (const Element* f = ref(e, "flow")) s.flows.insert(f->key);
        s.peak = std::max(s.peak, number(e, "peak_rps"));
        if (flag(e, "over_rate_limit")) s.over_limit.insert(e->key);
        break;
      case Kind::Operation:
        if (number(e, "rate_ratio") > 1) s.over_limit.insert(e->key);
        break;
      case Kind::Bottleneck: s.peak = std::max(s.peak, number(e, "peak_rps")); break;
      default: break;
    }
  }
  return s;
}

// The attributes that say a step or operation is over its provider's limit (docs/rule-language.md).
bool is_limit_attribute(const std::string& name) {
  return name == "over_rate_limit" || name == "over_rate_limit_before_retries" || name == "rate_ratio" ||
         name == "rate_limit_rps";
}

// Whether a rule's conditions test the provider limit: some path, outside a `not`, ends in or
// passes through one of its attributes.
bool tests_limit(const std::vector<Condition>& cs) {
  for (const Condition& c : cs) {
    if (c.type == Condition::Type::Not) continue;
    for (const auto& part : c.path.parts)
      if (is_limit_attribute(part)) return true;
    if (tests_limit(c.children)) return true;
  }
  return false;
}

std::string first_of(const std::set<std::string>& s) {
  std::string out = *s.begin();
  if (s.size() > 1) out += fmt::format(" +{}", s.size() - 1);
  return out;
}

}  // namespace

std::string severity_of_score(int score) {
  if (score >= 75) return "critical";
  if (score >= 58) return "high";
  if (score >= 40) return "medium";
  return "low";
}

Rating rate(const Group& g) {
  const Rule& r = *g.rule;
  Rating x;
  x.rule_severity = r.severity;
  int s = class_weight(r.rule_class) + kPerRuleSeverity * r.severity_rank;
  x.reasons.push_back("class=" + r.rule_class);
  x.reasons.push_back("rule_severity=" + r.severity);
  Stakes st = stakes_of(g);
  if (!st.money.empty()) {
    s += kMoney;
    x.reasons.push_back("money=" + first_of(st.money));
  }
  if (!st.scarce.empty()) {
    s += kScarce;
    x.reasons.push_back("scarce=" + first_of(st.scarce));
  }
  if (int w = peak_weight(st.peak)) {
    s += w;
    x.reasons.push_back(fmt::format("peak_rps={:.0f}", st.peak));
  }
  // Being over a provider's limit is what a defect found there or a rule testing the limit is
  // about; a control that only touches the same step does not inherit it.
  if (!st.over_limit.empty() && (r.rule_class == "defect" || tests_limit(r.where))) {
    s += kOverLimit;
    x.reasons.push_back("over_rate_limit=" + first_of(st.over_limit));
  }
  if (st.flows.size() > 1) {
    s += std::min(kPerExtraFlow * static_cast<int>(st.flows.size() - 1), kMaxFlows);
    x.reasons.push_back(fmt::format("flows={}", st.flows.size()));
  }
  if (!g.breaches.empty()) {
    s += kBreach;
    x.reasons.push_back("breach=" + first_of(std::set<std::string>(g.breaches.begin(), g.breaches.end())));
  }
  if (g.uncertain) {
    s += kUndeclared;
    x.reasons.push_back("undeclared_input");
  }
  for (const auto& id : g.superseded) x.reasons.push_back("supersedes=" + id);
  x.score = s;
  x.severity = severity_of_score(s);
  return x;
}

Rating without_superseded(Rating r, const Group& g) {
  r.reasons.resize(r.reasons.size() - g.superseded.size());
  return r;
}

bool ranks_before(const Rating& a, int surface_a, const std::string& id_a, const Rating& b, int surface_b,
                  const std::string& id_b) {
  if (a.score != b.score) return a.score > b.score;
  if (surface_a != surface_b) return surface_a < surface_b;
  return id_a < id_b;
}

}  // namespace pf
