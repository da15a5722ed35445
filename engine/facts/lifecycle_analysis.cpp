// Lifecycles as state graphs: unreachable states, dead ends, exits from terminal states, backward
// transitions, cancellations after fulfilment or after money moved, undeclared transition steps.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

namespace {
/// States a failed payment waits in for another attempt: not terminal, not money-taken, entered
/// from a state that also has a transition straight into a money-taken state, and from which
/// some path still reaches a money-taken state.
std::vector<std::string> retry_states(const StateGraph& g, const std::set<std::string>& paid,
                                      const std::set<std::string>& terminal) {
  const std::size_t n = g.states.size();
  auto is_paid = [&](int s) { return s >= 0 && paid.count(g.states[static_cast<std::size_t>(s)]) > 0; };
  // Reverse reachability from the money-taken states.
  std::vector<std::vector<int>> into(n);
  for (std::size_t t = 0; t < g.from.size(); ++t)
    if (g.from[t] >= 0 && g.to[t] >= 0) into[static_cast<std::size_t>(g.to[t])].push_back(g.from[t]);
  std::vector<char> reaches_paid(n, 0);
  std::vector<int> todo;
  for (std::size_t s = 0; s < n; ++s)
    if (is_paid(static_cast<int>(s))) reaches_paid[s] = 1, todo.push_back(static_cast<int>(s));
  while (!todo.empty()) {
    int at = todo.back();
    todo.pop_back();
    for (int p : into[static_cast<std::size_t>(at)])
      if (!reaches_paid[static_cast<std::size_t>(p)]) reaches_paid[static_cast<std::size_t>(p)] = 1, todo.push_back(p);
  }
  std::vector<char> pays_directly(n, 0);
  for (std::size_t t = 0; t < g.from.size(); ++t)
    if (g.from[t] >= 0 && is_paid(g.to[t])) pays_directly[static_cast<std::size_t>(g.from[t])] = 1;
  std::vector<char> retry(n, 0);
  for (std::size_t t = 0; t < g.from.size(); ++t) {
    int f = g.from[t], to = g.to[t];
    if (f < 0 || to < 0 || f == to || !pays_directly[static_cast<std::size_t>(f)]) continue;
    const std::string& st = g.states[static_cast<std::size_t>(to)];
    if (!is_paid(to) && !terminal.count(st) && reaches_paid[static_cast<std::size_t>(to)]) retry[static_cast<std::size_t>(to)] = 1;
  }
  std::vector<std::string> out;
  for (std::size_t s = 0; s < n; ++s)
    if (retry[s]) out.push_back(g.states[s]);
  return out;
}
}  // namespace

// --- lifecycles as state graphs ------------------------------------------------------------
void FactBuilder::lifecycles() {
  std::unordered_map<std::string, bool> declared_by;  // "flow.step" named in some `by`
  std::unordered_map<std::string, bool> fulfilling;   // "flow.step" moving an entity into a fulfilled state
  for (const auto& lc : m_.lifecycles) {
    Element* le = lifecycle_[lc.entity];
    StateGraph g = build_state_graph(lc);
    std::set<std::string> terminal;
    for (const auto& t : lc.terminal) terminal.insert(t.name);
    // The states playing each role: declared under `roles:`, else guessed from their names.
    std::set<std::string> role_states[3];
    if (lc.has_roles) {
      for (const auto& rs : lc.roles)
        for (const auto& st : rs.states) role_states[static_cast<int>(rs.role)].insert(st.name);
    } else {
      for (const auto& row : state_role_rows())
        for (const auto& st : g.states)
          if (name_suggests(row.role, st)) role_states[static_cast<int>(row.role)].insert(st);
    }
    const auto& paid = role_states[static_cast<int>(StateRole::MoneyTaken)];
    const auto& cancelled = role_states[static_cast<int>(StateRole::Cancelled)];
    // Money transitions: by a money-moving step, by a payment/bank event, or into a money-taken state.
    std::vector<char> money(lc.transitions.size(), 0);
    std::vector<const Element*> trs;
    for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
      const Transition& t = lc.transitions[i];
      const Element* by_step = look(step_, t.by.name);
      if (by_step) declared_by[t.by.name] = true;
      const Element* by_event = t.by.name.rfind("event:", 0) == 0 ? look(ev_, t.by.name.substr(6)) : nullptr;
      const Element* ev_integ = by_event ? ref_of(by_event, "integration") : nullptr;
      const Value* ik = ev_integ ? ev_integ->get("kind") : nullptr;
      money[i] = bool_of(by_step, "money_moving") || (ik && integration_kind_moves_money(ik->str)) ||
                 paid.count(t.to.name);
    }
    std::vector<int> depth = state_depths(g, {});
    std::vector<int> depth_no_money = state_depths(g, money);
    // Fulfilment states: declared or guessed so, or entered by a step that allocates.
    std::set<std::string> fulfil = role_states[static_cast<int>(StateRole::Fulfilled)];
    for (const auto& t : lc.transitions) {
      const Element* by_step = look(step_, t.by.name);
      const Value* d = by_step ? by_step->get("do") : nullptr;
      if (d && d->str == "allocate") fulfil.insert(t.to.name);
    }
    auto cancel_like = [&](const std::string& st) { return cancelled.count(st) > 0; };
    // A step that moves the entity into a fulfilled state is a pivot of its flow: after it the
    // saga retries forward (a delivered order is not undone because its capture failed).
    for (const auto& t : lc.transitions)
      if (fulfil.count(t.to.name)) fulfilling[t.by.name] = true;
    // Retry states: a failed payment kept open for another attempt (dunning). A state entered
    // from a state that also leads straight to a money-taken state, from which a money-taken
    // state can still be reached (finalized -> payment_failed -> paid).
    std::vector<std::string> retry = retry_states(g, paid, terminal);
    Refs terminal_exits, backward, cancel_after;
    for (std::size_t i = 0; i < lc.transitions.size(); ++i) {
      const Transition& t = lc.transitions[i];
      std::string key = fmt::format("{}:{}->{}", lc.entity, t.from.name, t.to.name);
      // Several transitions between the same states differ by what drives them; naming the
      // driver keeps keys independent of the order they are listed in.
      std::size_t same = 0;
      for (const auto& u : lc.transitions) same += u.from.name == t.from.name && u.to.name == t.to.name;
      if (same > 1) key += "#" + t.by.name;
      Element* te = &fb_->add(Kind::Transition, key, t.loc);
      trs.push_back(te);
      transition_[key] = te;
      std::string by_kind = t.by.name.rfind("event:", 0) == 0 ? "event"
                            : in(t.by.name, {"timer", "user", "operator"}) ? t.by.name
                                                                             : "step";
      int f = g.from[i], to = g.to[i];
      bool from_terminal = terminal.count(t.from.name) > 0;
      // Into a terminal state is an ending, not a step back (returned -> refunded).
      bool back = f >= 0 && to >= 0 && depth[f] >= 0 && depth[to] >= 0 && depth[to] < depth[f] &&
                  !terminal.count(t.to.name);
      bool after_money = f >= 0 && depth[f] >= 0 && depth_no_money[f] < 0 && cancel_like(t.to.name);
      bool cancel_fulfil = fulfil.count(t.from.name) && cancel_like(t.to.name);
      te->set("from", Value::string(t.from.name));
      te->set("to", Value::string(t.to.name));
      te->set("by", Value::string(t.by.name));
      te->set("by_kind", Value::string(by_kind));
      te->set("lifecycle", Value::element(le));
      te->set("by_step", Value::element(look(step_, t.by.name)));
      te->set("from_terminal", Value::boolean(from_terminal));
      te->set("backward", Value::boolean(back));
      te->set("after_money", Value::boolean(after_money));
      te->set("cancel_after_fulfilment", Value::boolean(cancel_fulfil));
      if (from_terminal) terminal_exits.push_back(te);
      if (back) backward.push_back(te);
      if (cancel_fulfil) cancel_after.push_back(te);
    }
    std::vector<std::string> unreachable, dead_ends, states;
    for (std::size_t i = 0; i < g.states.size(); ++i) {
      states.push_back(g.states[i]);
      if (depth[i] < 0) unreachable.push_back(g.states[i]);
      else if (!terminal.count(g.states[i]) && g.out[i].empty()) dead_ends.push_back(g.states[i]);
    }
    le->set("entity", Value::string(lc.entity));
    le->set("initial", Value::string(lc.initial.name));
    le->set("ledger", Value::element(L(lc.ledger)));
    le->set("states", Value::strings(sorted_strings(states)));
    le->set("terminal", Value::strings({terminal.begin(), terminal.end()}));
    le->set("transitions", Value::elements(sorted(trs)));
    le->set("unreachable", Value::strings(sorted_strings(unreachable)));
    le->set("dead_ends", Value::strings(sorted_strings(dead_ends)));
    le->set("terminal_exits", Value::elements(sorted(terminal_exits)));
    le->set("backward", Value::elements(sorted(backward)));
    le->set("cancel_after_fulfilment", Value::elements(sorted(cancel_after)));
    le->set("roles_declared", Value::boolean(lc.has_roles));
    le->set("money_states", Value::strings({paid.begin(), paid.end()}));
    le->set("fulfilled_states", Value::strings({fulfil.begin(), fulfil.end()}));
    le->set("cancelled_states", Value::strings({cancelled.begin(), cancelled.end()}));
    le->set("retry_states", Value::strings(sorted_strings(retry)));
  }
  for (auto& [key, se] : step_) {
    // Everything is read before the first set(): setting an attribute can move the element's
    // values, and a pointer from get() would dangle.
    const Value* d = se->get("do");
    const bool transition = d && d->str == "transition";
    bool undeclared = transition && ref_of(se, "lifecycle") && !declared_by.count(key);
    // A transition step into a cancelled state of its entity's lifecycle is the purpose of its
    // flow (a cancellation): a later failure there is retried or written off, never answered by
    // un-cancelling.
    const Element* lc = ref_of(se, "lifecycle");
    const Value* to = se->get("to");
    const Value* cs = lc ? lc->get("cancelled_states") : nullptr;
    bool cancels = transition && to && cs &&
                   std::any_of(cs->list.begin(), cs->list.end(), [&](const Value& x) { return x.str == to->str; });
    se->set("undeclared_transition", Value::boolean(undeclared));
    se->set("fulfils", Value::boolean(fulfilling.count(key) > 0));
    se->set("cancels", Value::boolean(cancels));
  }
}

}  // namespace pf::facts_detail
