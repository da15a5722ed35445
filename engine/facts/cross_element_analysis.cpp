// Analyses that read the model as a whole: lifecycles against the flows and jobs that drive them,
// compensations against the lifecycle and the action they undo, load against limits before any retry.
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <regex>
#include <set>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

namespace {
/// The steps some path leads to from `from` (succ), or from which some path leads to `to` (pred).
std::vector<char> walk(const std::vector<std::vector<int>>& next, std::vector<int> todo) {
  std::vector<char> seen(next.size(), 0);
  while (!todo.empty()) {
    int at = todo.back();
    todo.pop_back();
    for (int n : next[static_cast<std::size_t>(at)])
      if (!seen[static_cast<std::size_t>(n)]) {
        seen[static_cast<std::size_t>(n)] = 1;
        todo.push_back(n);
      }
  }
  return seen;
}
std::vector<char> descendants(const FlowGraph& g, int from) { return walk(g.succ, {from}); }
std::vector<char> ancestors(const FlowGraph& g, int to) { return walk(g.pred, {to}); }
/// The steps from which some path leads to one of `to`.
std::vector<char> ancestors_of_any(const FlowGraph& g, std::vector<int> to) { return walk(g.pred, std::move(to)); }

std::set<std::string> strings_of(const Element* e, const char* attr) {
  std::set<std::string> out;
  if (const Value* v = e ? e->get(attr) : nullptr)
    for (const auto& x : v->list) out.insert(x.str);
  return out;
}
}  // namespace

// --- lifecycles against the flows and jobs that drive them ---------------------------------
void FactBuilder::lifecycle_drivers() {
  // The flows whose steps write each ledger, in flow order: a lifecycle's money is held only
  // by flows that write its ledger (one pass over the steps instead of one per lifecycle).
  std::map<const Element*, std::vector<std::size_t>> writing;
  for (std::size_t fi = 0; fi < m_.flows.size(); ++fi) {
    const Element* fe = look(flow_, m_.flows[fi].id);
    if (!fe) continue;
    std::set<const Element*> written;
    for (const Element* s : fb_->flow_steps(fe))
      if (const Value* ls = s ? s->get("ledgers") : nullptr)
        for (const Value& x : ls->list) written.insert(x.ref);
    for (const Element* l : written) writing[l].push_back(fi);
  }
  static const std::vector<std::size_t> none;
  for (const auto& lc : m_.lifecycles) {
    Element* le = lifecycle_[lc.entity];
    const Element* led = L(lc.ledger);
    bool sweep = false;  // a job that fires timers on this lifecycle's ledger (any, when it has none)
    for (const auto& j : m_.jobs) {
      if (!job_kind_fires_timers(j.kind)) continue;
      if (!led) sweep = true;
      for (const auto& r : j.ledgers) sweep = sweep || L(r) == led;
    }
    StateGraph g = build_state_graph(lc);
    std::set<std::string> terminal, cancelled = strings_of(le, "cancelled_states"),
                                    fulfilled = strings_of(le, "fulfilled_states"), money = strings_of(le, "money_states");
    for (const auto& t : lc.terminal) terminal.insert(t.name);
    std::vector<char> blocked(lc.transitions.size());
    std::set<std::string> entered_by_step;
    for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
      const Transition& t = lc.transitions[i];
      const std::string& by = t.by.name;
      const Element* step = look(step_, by);
      if (step) entered_by_step.insert(t.to.name);
      blocked[i] = money.count(t.to.name) || fulfilled.count(t.to.name) || bool_of(step, "money_moving");
    }
    for (const Value& v : le->get("transitions")->list) {
      const Element* te = v.ref;
      Element* tm = transition_[te->key];
      const Element* step = ref_of(te, "by_step");
      bool skips = step && led && std::none_of(step->get("ledgers")->list.begin(), step->get("ledgers")->list.end(),
                                               [&](const Value& x) { return x.ref == led; });
      tm->set("by_step_skips_ledger", Value::boolean(skips));
      tm->set("timer_without_job", Value::boolean(te->get("by")->str == "timer" && !sweep));
    }
    auto w = led ? writing.find(led) : writing.end();
    const std::vector<std::size_t>& writers = w == writing.end() ? none : w->second;
    left_held(kMoneyHeld, lc, le, led, cancelled, writers);
    left_held(kCreditSpent, lc, le, led, cancelled, writers);
    left_held(kSentOut, lc, le, led, cancelled, writers);
    std::vector<int> before_money = state_depths(g, blocked);
    std::vector<std::string> pending, no_exit;
    for (std::size_t s = 0; s < g.states.size(); ++s) {
      const std::string& st = g.states[s];
      if (terminal.count(st)) continue;
      bool exit = false;
      for (int ti : g.out[s]) {
        exit = exit || cancelled.count(lc.transitions[ti].to.name) || lc.transitions[ti].by.name == "timer";
      }
      // A dead end a flow's own step drives entities into: it happens on every such run.
      if (entered_by_step.count(st) && g.out[s].empty()) pending.push_back(st);
      // A state the entity waits in before money is taken or anything is fulfilled, with no way
      // out by cancellation or timeout: it can wait forever.
      if (before_money[s] >= 0 && !fulfilled.count(st) && !money.count(st) && !g.out[s].empty() && !exit)
        no_exit.push_back(st);
    }
    le->set("pending_states", Value::strings(sorted_strings(pending)));
    le->set("states_without_exit", Value::strings(sorted_strings(no_exit)));
  }
}

// --- money a flow moved for the entity, still held when the entity is cancelled ---------------
// A flow that writes the lifecycle's ledger and authorises or charges leaves the entity, at that
// step, in the `to` of a transition it drives itself, else in the state its last earlier
// transition step entered (else, for its next transition
// step, the `from` when the flow awaits something before it and the `to` when not; else `initial`
// when it wrote the ledger before); the money stays held in every
// state reached from there until a cancellation. A transition into a cancelled state from such a
// state leaves the money held unless its `by` step's flow voids or refunds on the money's ledger
// (a timer, a person or an event runs no step; jobs carry none).
//
// The same walk finds credit spent for the entity: a flow that debits a wallet or applies a
// discount on another ledger than the lifecycle's (prepaid credits, points, a coupon) before a
// cancellation that credits nothing back. A person may give it back by hand, so a cancellation
// `by: operator` counts only when no manual tool touches both the lifecycle's ledger and the
// credit's.
//
// And money sent out for the entity through a provider (a transfer that calls one): a cancellation
// whose flow credits or refunds the customer with no step asking that provider first gives the
// money back while the transfer may still complete (Mt. Gox, 2014: a withdrawal declared failed
// by its own transaction id was credited back and paid twice).
const FactBuilder::LeftHeld FactBuilder::kMoneyHeld{
    {Action::Authorize, Action::Charge, Action::Capture}, {Action::Void, Action::Refund}, true, false,
    "money_left_held"};
const FactBuilder::LeftHeld FactBuilder::kCreditSpent{
    {Action::Debit, Action::ApplyDiscount}, {Action::Credit, Action::Refund, Action::Release, Action::Write}, false,
    false, "credit_left_spent"};
const FactBuilder::LeftHeld FactBuilder::kSentOut{
    {Action::Transfer}, {Action::Credit, Action::Refund}, false, true, "credited_while_sent"};

void FactBuilder::left_held(const LeftHeld& spec, const Lifecycle& lc, const Element* le, const Element* led,
                            const std::set<std::string>& cancelled, const std::vector<std::size_t>& writing) {
  auto writes = [](const Element* s, const Element* l) {
    const Value* ls = s ? s->get("ledgers") : nullptr;
    if (!ls) return false;
    for (const Value& x : ls->list)
      if (x.ref == l) return true;
    return false;
  };
  // state -> the money step held there (the smallest key when several)
  // The hold named for a state: one the state's own flows left there comes before one carried in
  // from an earlier state, money taken (a charge or capture) before money only authorised, then
  // the smallest key. A shipped order whose capture ran on the way names the capture, not the
  // authorisation it came from: the remedy is a refund, not a void.
  struct Held {
    const Element* step;
    bool direct;
  };
  auto taken = [](const Element* m) {
    const std::string& d = m->get("do")->str;
    return d == "charge" || d == "capture";
  };
  auto better = [&](const Held& a, const Held& b) {
    if (a.direct != b.direct) return a.direct;
    if (taken(a.step) != taken(b.step)) return taken(a.step);
    return a.step->key < b.step->key;
  };
  std::map<std::string, Held> held;
  auto hold = [&](const std::string& st, const Element* m) {
    Held h{m, true};
    auto it = held.find(st);
    if (it == held.end() || better(h, it->second)) held[st] = h;
  };
  if (led)
    for (std::size_t fi : writing) {
      const Flow& f = m_.flows[fi];
      const auto& steps = fb_->flow_steps(look(flow_, f.id));
      if (steps.size() != f.steps.size()) continue;
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const auto act = f.steps[i].action;
        if (!act || std::find(spec.taken.begin(), spec.taken.end(), *act) == spec.taken.end()) continue;
        if (spec.sent_out ? !ref_of(steps[i], "call")
            : spec.money  ? !bool_of(steps[i], "money_moving")
                          : writes(steps[i], led))
          continue;
        std::vector<std::string> at;
        // A money step named as a transition's `by` moves the entity itself: its `to`.
        for (const auto& t : lc.transitions)
          if (t.by.name == steps[i]->key) at.push_back(t.to.name);
        const bool moves_itself = !at.empty();
        bool wrote_before = false;
        for (std::size_t k = 0; k < i; ++k) {
          if (f.steps[k].action == Action::Transition && f.steps[k].entity == lc.entity &&
              !f.steps[k].to.name.empty() && !moves_itself)
            at = {f.steps[k].to.name};
          wrote_before = wrote_before || writes(steps[k], led);
        }
        // No earlier transition: the next one. The entity waits with the money moved in its
        // `from` state when the flow awaits something in between, or runs a step that can fail
        // and nothing compensates the money step (a failed allocation leaves it there); else
        // the money moves with the transition (a failed charge stops the flow and holds nothing).
        const bool compensated = bool_of(steps[i], "compensated");
        bool waits = false;
        if (at.empty())
          for (std::size_t k = i + 1; k < steps.size() && at.empty(); ++k) {
            waits = waits || f.steps[k].action == Action::Await || (!compensated && bool_of(steps[k], "can_fail"));
            if (f.steps[k].action == Action::Transition && f.steps[k].entity == lc.entity)
              for (const auto& t : lc.transitions)
                if (t.by.name == steps[k]->key) at.push_back(waits ? t.from.name : t.to.name);
          }
        if (at.empty() && wrote_before) at = {lc.initial.name};
        for (const auto& st : at) hold(st, steps[i]);
      }
    }
  // Carry the hold forward along transitions that do not cancel. Money is not carried into a
  // retry state: the entity enters it because the payment failed, so nothing was taken (credit
  // spent before the payment stays spent there).
  std::set<std::string> retry;
  if (const Value* rs = le ? le->get("retry_states") : nullptr)
    for (const Value& x : rs->list) retry.insert(x.str);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& t : lc.transitions) {
      auto it = held.find(t.from.name);
      if (it == held.end() || cancelled.count(t.to.name) || (spec.money && retry.count(t.to.name))) continue;
      Held carried{it->second.step, false};
      auto jt = held.find(t.to.name);
      if (jt == held.end() || better(carried, jt->second)) {
        held[t.to.name] = carried;
        grew = true;
      }
    }
  }
  const Value* trs = le ? le->get("transitions") : nullptr;
  if (!trs) return;
  for (const Value& v : trs->list) {
    const Element* te = v.ref;
    Element* tm = te ? transition_[te->key] : nullptr;
    if (!tm) continue;
    const Element* m = nullptr;
    auto it = held.find(te->get("from")->str);
    if (it != held.end() && cancelled.count(te->get("to")->str)) {
      m = it->second.step;
      const Element* by = ref_of(te, "by_step");
      const Element* by_flow = by ? fb_->flow_of(by) : nullptr;
      if (spec.sent_out) {
        // Money sent out stays flagged only when the cancelling flow credits or refunds the
        // customer with no step asking the provider the transfer went through first.
        const Element* op = ref_of(m, "call");
        const Element* integ = op ? ref_of(op, "integration") : nullptr;
        bool credits = false, looks_up = false;
        if (by_flow)
          for (const Element* s : fb_->flow_steps(by_flow)) {
            auto a = parse_action(s->get("do")->str);
            credits = credits || (a && std::find(spec.undo.begin(), spec.undo.end(), *a) != spec.undo.end());
            const Element* sop = ref_of(s, "call");
            looks_up = looks_up || (sop && integ && ref_of(sop, "integration") == integ && a != Action::Transfer);
          }
        if (!credits || looks_up) m = nullptr;
      } else if (by_flow) {
        // An authorisation is also settled by a capture (a cancellation fee): the rest is released.
        const bool authorised = m->get("do")->str == "authorize";
        for (const Element* s : fb_->flow_steps(by_flow)) {
          const Value* d = s ? s->get("do") : nullptr;
          auto a = d ? parse_action(d->str) : std::nullopt;
          bool shares = false;
          for (const Value& x : m->get("ledgers")->list) shares = shares || writes(s, x.ref);
          bool undoes = a && (std::find(spec.undo.begin(), spec.undo.end(), *a) != spec.undo.end() ||
                              (spec.money && authorised && *a == Action::Capture));
          if (undoes && shares) {
            m = nullptr;
            break;
          }
        }
      }
    }
    if (m && !spec.money && !spec.sent_out && te->get("by")->str == "operator")
      for (const Element* t : fb_->of(Kind::Tool)) {
        bool touches_entity = false, touches_credit = false;
        for (const Value& x : t->get("touches")->list) {
          touches_entity = touches_entity || x.ref == led;
          touches_credit = touches_credit || writes(m, x.ref);
        }
        if (touches_entity && touches_credit) m = nullptr;
        if (!m) break;
      }
    tm->set(spec.attr, Value::element(m));
  }
}

// --- compensations against the pivot, the action they undo and the lifecycle -----------------
// "Before" and "after" are paths of the flow's graph, never positions in the list: listing the
// same steps in another order with the same `after:` edges gives the same facts.
void FactBuilder::compensation_checks() {
  std::set<const Element*> voided;  // ledgers some step voids
  for (const auto& f : m_.flows)
    for (const Element* s : fb_->flow_steps(flow_[f.id]))
      if (s->get("do")->str == "void")
        for (const Value& l : s->get("ledgers")->list) voided.insert(l.ref);
  auto voided_ledger = [&](const Element* s) {
    const Value* ls = s->get("ledgers");
    return ls && std::any_of(ls->list.begin(), ls->list.end(), [&](const Value& l) { return voided.count(l.ref) > 0; });
  };
  for (const auto& f : m_.flows) {
    const Element* fe = flow_[f.id];
    const auto& steps = fb_->flow_steps(fe);
    const FlowGraph* g = fb_->graph(fe);
    if (!g || g->topo.size() != steps.size()) continue;
    // The pivot: a step that moves money and is not itself an undo, or that moves an entity into
    // a fulfilled state. A debit or credit of the service's own balance ledger that calls no
    // provider (store credit, a gift card) is an internal entry the service can post back: no
    // pivot. A step with a pivot on some path before it runs after the pivot: it is retried
    // forward, never compensated.
    std::vector<char> pivot(steps.size(), 0);
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const auto act = f.steps[i].action;
      bool internal = act && (*act == Action::Debit || *act == Action::Credit) && !ref_of(steps[i], "call");
      // An authorisation some step of the model voids can be undone: no pivot.
      bool voidable = act && *act == Action::Authorize && voided_ledger(steps[i]);
      pivot[i] = (bool_of(steps[i], "money_moving") && act && !traits(*act).undoes && !internal && !voidable) ||
                 bool_of(steps[i], "fulfils");
    }
    const std::vector<int> earlier_pivot = nearest_earlier_some(*g, pivot);
    // Whether the flow writes a ledger whose lifecycle keeps a failed payment open (retry states).
    bool flow_retry = false;
    for (const Element* st : steps)
      for (const Value& l : st->get("ledgers")->list) {
        const Element* lc = ref_of(l.ref, "lifecycle");
        const Value* rs = lc ? lc->get("retry_states") : nullptr;
        flow_retry = flow_retry || (rs && !rs->list.empty());
      }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Element* s = steps[i];
      Element* sm = step_[s->key];
      const auto act = f.steps[i].action;
      const Element* p = earlier_pivot[i] >= 0 ? steps[static_cast<std::size_t>(earlier_pivot[i])] : nullptr;
      sm->set("pivot", Value::element(p));
      sm->set("compensated_after_pivot", Value::boolean(p && bool_of(s, "compensated")));
      // A failed payment later in the flow leaves the flow's entity standing, owed, in a retry
      // state of its lifecycle (an invoice goes to payment_failed and dunning), with what the flow
      // did for it (credits applied to the invoice): not left behind.
      const Element* lf = ref_of(s, "later_failure");
      const auto lf_act = lf ? parse_action(lf->get("do")->str) : std::nullopt;
      bool kept_open = lf && bool_of(lf, "money_moving") && lf_act && !traits(*lf_act).undoes;
      sm->set("kept_open_on_failure", Value::boolean(kept_open && flow_retry));
      // Undo steps whose action does not undo this one, or that touch none of its ledgers.
      Refs wrong;
      for (const Value& u : s->get("compensations")->list) {
        auto ua = parse_action(u.ref->get("do")->str);
        bool fits = act && ua && (std::find(traits(*act).undone_by.begin(), traits(*act).undone_by.end(), *ua) !=
                                  traits(*act).undone_by.end());
        bool shares = s->get("ledgers")->list.empty();
        for (const Value& a : s->get("ledgers")->list)
          for (const Value& b : u.ref->get("ledgers")->list) shares = shares || a.ref == b.ref;
        if (!fits || !shares) wrong.push_back(u.ref);
      }
      sm->set("wrong_compensations", Value::elements(sorted(wrong)));
    }
  }
  // Compensations run in reverse: when a runs before b and both are undone by steps of one undo
  // flow, the undo of b must run before the undo of a. And a scarce ledger checked and then
  // taken with no hold between. Each step's undo list is read once and each reachability set
  // is walked once per step, so a flow of n steps costs O(n) walks, not O(n^2) (test/hostile).
  for (const auto& f : m_.flows) {
    const Element* fe = flow_[f.id];
    const auto& steps = fb_->flow_steps(fe);
    const FlowGraph* g = fb_->graph(fe);
    if (!g || g->topo.size() != steps.size()) continue;
    std::vector<const std::vector<Value>*> undos(steps.size());
    std::vector<std::size_t> undone;  // the steps that have an undo
    for (std::size_t i = 0; i < steps.size(); ++i) {
      undos[i] = &steps[i]->get("compensations")->list;
      if (!undos[i]->empty()) undone.push_back(i);
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Element* early_undo = nullptr;
      if (!undos[i]->empty()) {
        std::vector<char> later = descendants(*g, static_cast<int>(i));
        for (const Value& ua : *undos[i]) {
          const FlowGraph* ug = fb_->graph(fb_->flow_of(ua.ref));
          if (!ug || ua.ref->ordinal < 0 || static_cast<std::size_t>(ua.ref->ordinal) >= ug->succ.size()) continue;
          if (early_undo && !(ua.ref->key < early_undo->key)) continue;
          std::vector<char> after_ua = descendants(*ug, ua.ref->ordinal);
          for (std::size_t j : undone) {
            if (!later[j]) continue;
            bool found = false;
            for (const Value& ub : *undos[j])
              // A refund or void last is the usual shape (mark cancelled, then give the money
              // back, retried forward), so only undos that do not move money count as the later one.
              found = found || (ub.ref->ordinal >= 0 && static_cast<std::size_t>(ub.ref->ordinal) < after_ua.size() &&
                                after_ua[static_cast<std::size_t>(ub.ref->ordinal)] &&
                                fb_->flow_of(ub.ref) == fb_->flow_of(ua.ref) && !bool_of(ub.ref, "money_moving"));
            if (found) {
              early_undo = ua.ref;
              break;
            }
          }
        }
      }
      step_[steps[i]->key]->set("undone_too_early", Value::element(early_undo));
      const Element* check = nullptr;
      const Element* led = ref_of(steps[i], "ledger");
      bool take = (f.steps[i].action == Action::Allocate || f.steps[i].action == Action::Debit) && bool_of(led, "scarce");
      if (take) {
        std::vector<char> before = ancestors(*g, static_cast<int>(i));
        // held in between: a reserve of the same ledger after the check and before the take,
        // i.e. the check is an ancestor of such a reserve
        std::vector<int> holds;
        for (std::size_t r = 0; r < steps.size(); ++r)
          if (before[r] && f.steps[r].action == Action::Reserve && ref_of(steps[r], "ledger") == led)
            holds.push_back(static_cast<int>(r));
        std::vector<char> held = ancestors_of_any(*g, holds);
        for (std::size_t k = 0; k < steps.size(); ++k) {
          if (!before[k] || ref_of(steps[k], "ledger") != led) continue;
          if (f.steps[k].action != Action::Verify && f.steps[k].action != Action::Compute) continue;
          if (!held[k] && (!check || steps[k]->key < check->key)) check = steps[k];
        }
      }
      step_[steps[i]->key]->set("checked_without_hold", Value::element(check));
    }
  }
  // A compensation that moves an entity to a state: the lifecycle must allow it from where the
  // compensated step left the entity (or, when that step is no transition, from some state).
  for (const auto& f : m_.flows)
    for (const auto& s : f.steps) {
      Element* se = step_[f.id + "." + s.id];
      bool missing = false;
      auto lc_it = std::find_if(m_.lifecycles.begin(), m_.lifecycles.end(),
                                [&](const Lifecycle& l) { return l.entity == s.entity; });
      if (s.action == Action::Transition && lc_it != m_.lifecycles.end() && !s.to.empty())
        for (const Value& c : se->get("compensates")->list) {
          const Step* cs = ix_.steps.count(c.ref->key) ? ix_.steps.at(c.ref->key) : nullptr;
          std::string from = cs && cs->action == Action::Transition && cs->entity == s.entity ? cs->to.name : "";
          bool allowed = false;
          for (const auto& t : lc_it->transitions)
            allowed = allowed || (t.to.name == s.to.name && (from.empty() || t.from.name == from));
          missing = missing || !allowed;
        }
      se->set("compensation_missing_transition", Value::boolean(missing));
    }
}

// --- load against limits before any retry ---------------------------------------------------
void FactBuilder::load_before_retries() {
  for (const auto& f : m_.flows) {
    std::map<std::string, int> calls;  // operation -> steps of this flow calling it
    for (const auto& s : f.steps)
      if (!s.call.empty()) ++calls[s.call.name];
    for (const auto& s : f.steps) {
      Element* se = step_[f.id + "." + s.id];
      const Element* op = ref_of(se, "call");
      auto limit = num_of(op, "rate_limit_rps");
      Value rps = f.peak_rps && op ? Value::number(*f.peak_rps * calls[s.call.name]) : Value{};
      se->set("calls_per_request", Value::number(op ? calls[s.call.name] : 0));
      se->set("call_rps", rps);
      se->set("over_rate_limit_before_retries",
              Value::boolean(f.peak_rps && op && limit && *f.peak_rps * calls[s.call.name] > *limit));
    }
  }
  // The charter's `limit` is prose; a number followed by "per second", "/s" or "rps" within a few
  // words is the stated rate (the smallest, when several are stated).
  static const std::regex rate(R"(([0-9][0-9,]*(?:\.[0-9]+)?)\s*(?:[A-Za-z-]+\s+){0,4}?(?:per\s+second|/\s*s\b|rps\b))");
  // "50 holds per second per property group" limits each group, not the total: not compared with
  // the whole peak.
  static const std::regex scoped(R"(^\s*(?:per|for each|each)\s+[A-Za-z])", std::regex::icase);
  for (std::size_t i = 0; i < m_.bottlenecks.size(); ++i) {
    Element* b = bottlenecks_[i];
    std::optional<double> stated;
    const std::string& text = m_.bottlenecks[i].limit;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), rate); it != std::sregex_iterator(); ++it) {
      const std::string after = it->suffix().str();
      if (std::regex_search(after, scoped)) continue;
      std::string digits = (*it)[1].str();
      digits.erase(std::remove(digits.begin(), digits.end(), ','), digits.end());
      double v = std::stod(digits);
      stated = stated ? std::min(*stated, v) : v;
    }
    auto peak = num_of(b, "peak_rps");
    b->set("stated_limit_rps", Value::maybe(stated));
    b->set("over_stated_limit", Value::boolean(peak && stated && *peak > *stated));
    // The charter may restate a provider's limit that an operation declares too: a step of a flow
    // writing the bottleneck's ledger calls that operation over its limit before any retry. One
    // risk, which the step's load item states with its operation and arithmetic.
    const Element* restated = nullptr;
    const Value* flows = b->get("flows");
    if (stated && flows)
      for (const Value& fv : flows->list) {
        for (const Element* st : fb_->flow_steps(fv.ref)) {
          auto lim = num_of(ref_of(st, "call"), "rate_limit_rps");
          if (lim && *lim == *stated && bool_of(st, "over_rate_limit_before_retries")) {
            restated = st;
            break;
          }
        }
        if (restated) break;
      }
    b->set("restates_rate_limit", Value::element(restated));
  }
}

}  // namespace pf::facts_detail
