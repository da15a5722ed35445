#include "model/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "model/index.h"
#include "model/limits.h"

namespace pf {

namespace {

class Validator {
 public:
  Validator(const Model& m, Diagnostics& d) : m_(m), d_(d), ix_(m) {}

  void run() {
    unique_ids();
    for (const auto& l : m_.ledgers) ledger(l);
    for (const auto& g : m_.integrations) integration(g);
    for (const auto& f : m_.flows) flow(f);
    for (const auto& lc : m_.lifecycles) lifecycle(lc);
    if (m_.access) access(*m_.access);
    for (const auto& t : m_.tools)
      for (const auto& r : t.touches) need_ledger(r, fmt::format("operation '{}'", t.id));
    for (const auto& j : m_.jobs) {
      for (const auto& r : j.ledgers) need_ledger(r, fmt::format("job '{}'", j.id));
      if (!j.integration.empty()) need_integration(j.integration, fmt::format("job '{}'", j.id));
    }
    for (const auto& b : m_.breaches) breach(b);
    compensation_cycles();
  }

 private:
  // "Did you mean" candidates: sorted once per map, and only while hints are still given, so
  // that thousands of bad references cost no more than one each (test/hostile/).
  template <typename T>
  const std::vector<std::string>& keys(const std::unordered_map<std::string, T>& map) {
    static const std::vector<std::string> none;
    if (hints_ >= limits::kMaxHints) return none;
    auto [it, fresh] = key_cache_.try_emplace(&map);
    if (fresh) {
      it->second.reserve(map.size());
      for (const auto& [k, v] : map) it->second.push_back(k);
      std::sort(it->second.begin(), it->second.end());
    }
    return it->second;
  }
  std::vector<std::string> sorted(const std::unordered_set<std::string>& ids) const {
    if (hints_ >= limits::kMaxHints) return {};
    std::vector<std::string> out(ids.begin(), ids.end());
    std::sort(out.begin(), out.end());
    return out;
  }

  void unknown(const Ref& r, const std::string& kind, const std::string& where, const std::vector<std::string>& cands) {
    std::string hint = hints_ < limits::kMaxHints ? closest(r.name, cands) : std::string();
    ++hints_;
    d_.error(r.loc, fmt::format("unknown {} '{}' in {}", kind, r.name, where),
             hint.empty() ? std::string() : fmt::format("did you mean '{}'?", hint));
  }

  void need_ledger(const Ref& r, const std::string& where) {
    if (!r.empty() && !ix_.ledgers.count(r.name)) unknown(r, "ledger", where, keys(ix_.ledgers));
  }
  void need_integration(const Ref& r, const std::string& where) {
    if (!r.empty() && !ix_.integrations.count(r.name)) unknown(r, "integration", where, keys(ix_.integrations));
  }
  void need_event(const Ref& r, const std::string& where) {
    if (r.empty()) return;
    if (r.name.find('.') == std::string::npos) {
      d_.error(r.loc, fmt::format("event '{}' in {} must be written <integration>.<event>", r.name, where));
    } else if (!ix_.events.count(r.name)) {
      unknown(r, "event", where, keys(ix_.events));
    }
  }

  void unique_ids() {
    // Ledger, integration, flow, operation and job ids share one namespace.
    std::unordered_map<std::string, std::string> seen;
    auto add = [&](const std::string& id, const Loc& loc, const char* kind) {
      if (id.empty()) return;
      auto [it, fresh] = seen.emplace(id, kind);
      if (!fresh) d_.error(loc, fmt::format("duplicate id '{}': already used by {}", id, it->second));
    };
    for (const auto& l : m_.ledgers) add(l.id, l.loc, "a ledger");
    for (const auto& g : m_.integrations) add(g.id, g.loc, "an integration");
    for (const auto& f : m_.flows) add(f.id, f.loc, "a flow");
    for (const auto& t : m_.tools) add(t.id, t.loc, "an operation");
    for (const auto& j : m_.jobs) add(j.id, j.loc, "a job");
    std::unordered_set<std::string> ents, brs;
    for (const auto& lc : m_.lifecycles)
      if (!lc.entity.empty() && !ents.insert(lc.entity).second)
        d_.error(lc.loc, fmt::format("duplicate lifecycle for entity '{}'", lc.entity));
    for (const auto& b : m_.breaches)
      if (!b.id.empty() && !brs.insert(b.id).second) d_.error(b.loc, fmt::format("duplicate breach id '{}'", b.id));
  }

  void ledger(const Ledger& l) {
    std::unordered_set<std::string> inv;
    for (const auto& i : l.invariants)
      if (!i.id.empty() && !inv.insert(i.id).second)
        d_.error(i.loc, fmt::format("duplicate invariant id '{}' in ledger '{}'", i.id, l.id));
    const Ref& s = l.source_of_truth;
    if (!s.empty() && s.name != "internal" && !ix_.integrations.count(s.name)) {
      std::vector<std::string> c = keys(ix_.integrations);
      c.push_back("internal");
      unknown(s, "source of truth", fmt::format("ledger '{}' (use 'internal' or an integration id)", l.id), c);
    }
  }

  void integration(const Integration& g) {
    std::unordered_set<std::string> ops, evs;
    for (const auto& o : g.operations)
      if (!o.id.empty() && !ops.insert(o.id).second)
        d_.error(o.loc, fmt::format("duplicate operation id '{}' in integration '{}'", o.id, g.id));
    for (const auto& e : g.events)
      if (!e.id.empty() && !evs.insert(e.id).second)
        d_.error(e.loc, fmt::format("duplicate event id '{}' in integration '{}'", e.id, g.id));
    if (!g.fallback.empty()) {
      need_integration(g.fallback, fmt::format("the fallback of integration '{}'", g.id));
      if (g.fallback.name == g.id)
        d_.error(g.fallback.loc, fmt::format("integration '{}' names itself as its fallback", g.id));
    }
  }

  void flow(const Flow& f) {
    std::unordered_set<std::string> ids;
    for (const auto& s : f.steps)
      if (!s.id.empty() && !ids.insert(s.id).second)
        d_.error(s.loc, fmt::format("duplicate step id '{}' in flow '{}'", s.id, f.id));
    const std::string& t = f.trigger.name;
    if (!t.empty() && t != "user" && t != "operator" && t != "schedule") {
      if (t.rfind("event:", 0) == 0) {
        if (t.size() == 6)
          d_.error(f.trigger.loc, fmt::format("trigger 'event:' of flow '{}' names no event", f.id),
                   "write event:<integration>.<event>");
        need_event(Ref{t.substr(6), f.trigger.loc}, fmt::format("the trigger of flow '{}'", f.id));
      } else {
        std::string hint = closest(t, {"user", "operator", "schedule"});
        d_.error(f.trigger.loc, fmt::format("unknown trigger '{}' in flow '{}'", t, f.id),
                 hint.empty() ? "expected user, operator, schedule or event:<integration>.<event>"
                              : fmt::format("did you mean '{}'?", hint));
      }
    }
    for (const auto& s : f.steps) step(f, s, ids);
    for (const auto& c : f.compensations) {
      if (!ids.count(c.step.name))
        unknown(c.step, "step", fmt::format("the compensations of flow '{}' (a key must be a step of its own flow)", f.id),
                sorted(ids));
      for (const auto& u : c.undo) {
        if (u.empty()) continue;
        if (!ix_.resolve_step(f.id, u.name).empty()) continue;
        auto it = ix_.bare_steps.find(u.name);
        if (it != ix_.bare_steps.end() && it->second.size() > 1)
          d_.error(u.loc, fmt::format("compensation '{}' in flow '{}' is ambiguous: it names {} steps", u.name, f.id,
                                      it->second.size()),
                   fmt::format("write it as flow.step, e.g. '{}'", it->second.front()));
        else
          unknown(u, "compensation step", fmt::format("flow '{}'", f.id), keys(ix_.steps));
      }
    }
  }

  void step(const Flow& f, const Step& s, const std::unordered_set<std::string>& ids) {
    std::string where = fmt::format("flow '{}' step '{}'", f.id, s.id);
    need_ledger(s.ledger, where);
    need_ledger(s.to_ledger, where);
    for (const auto& r : s.ledgers) need_ledger(r, where);
    if (!s.call.empty()) {
      if (s.call.name.find('.') == std::string::npos)
        d_.error(s.call.loc, fmt::format("call '{}' in {} must be written <integration>.<operation>", s.call.name, where));
      else if (!ix_.operations.count(s.call.name))
        unknown(s.call, "operation", where, keys(ix_.operations));
    }
    need_event(s.event, where);
    for (const auto& a : s.after) {
      if (!ids.count(a.name)) unknown(a, "step", fmt::format("'after' of {}", where), sorted(ids));
    }
    if (!s.action) return;  // the loader reported the missing or unknown `do`
    const Action act = *s.action;
    bool has_ledger = !s.ledger.empty() || !s.ledgers.empty();
    auto need = [&](bool ok, const char* key) {
      if (!ok) d_.error(s.loc, fmt::format("{} (do: {}) needs '{}'", where, name_of(act), key));
    };
    if (traits(act).writes_ledger) need(has_ledger, "ledger");
    // A transfer moves value to another ledger, or out of the service through a call (a bank payout).
    if (act == Action::Transfer && s.to_ledger.empty() && s.call.empty())
      d_.error(s.loc, fmt::format("{} (do: transfer) needs 'to_ledger', or 'call' for a payout out of the service", where));
    if (act == Action::Call || act == Action::Compute) need(!s.call.empty(), "call");
    if (act == Action::Await) need(!s.event.empty(), "event");
    if (!s.undoes.empty() && ix_.resolve_step(f.id, s.undoes.name).empty())
      unknown(s.undoes, "step", fmt::format("'undoes' of {}", where), keys(ix_.steps));
    if (act == Action::Transition) {
      need(!s.entity.empty(), "entity");
      need(!s.to.empty(), "to");
    }
    if (!s.to.empty() && !s.entity.empty()) {
      auto lc = ix_.lifecycles.find(s.entity);
      if (lc != ix_.lifecycles.end()) {
        bool found = false;
        std::vector<std::string> states;
        for (const auto& st : lc->second->states) {
          found = found || st.name == s.to.name;
          states.push_back(st.name);
        }
        if (!found) {
          std::string hint = closest(s.to.name, states);
          d_.error(s.to.loc, fmt::format("unknown state '{}' of '{}' in {}", s.to.name, s.entity, where),
                   hint.empty() ? std::string() : fmt::format("did you mean '{}'?", hint));
        }
      }
    }
  }

  void lifecycle(const Lifecycle& lc) {
    std::string where = fmt::format("lifecycle '{}'", lc.entity);
    need_ledger(lc.ledger, where);
    std::unordered_set<std::string> states;
    std::vector<std::string> names;
    for (const auto& s : lc.states) {
      if (!states.insert(s.name).second) d_.error(s.loc, fmt::format("duplicate state '{}' in {}", s.name, where));
      names.push_back(s.name);
    }
    auto need_state = [&](const Ref& r) {
      if (!r.empty() && !states.count(r.name)) unknown(r, "state", where, names);
    };
    need_state(lc.initial);
    for (const auto& t : lc.terminal) need_state(t);
    for (const auto& rs : lc.roles)
      for (const auto& st : rs.states) need_state(st);
    for (const auto& t : lc.transitions) {
      need_state(t.from);
      need_state(t.to);
      const std::string& by = t.by.name;
      if (by.empty() || by == "timer" || by == "user" || by == "operator") continue;
      if (by.rfind("event:", 0) == 0) {
        if (by.size() == 6) d_.error(t.by.loc, fmt::format("'by: event:' in a transition of {} names no event", where));
        need_event(Ref{by.substr(6), t.by.loc}, where);
      } else if (by.find('.') != std::string::npos) {
        if (!ix_.steps.count(by)) unknown(t.by, "step", fmt::format("'by' of a transition in {}", where), keys(ix_.steps));
      } else {
        std::string hint = closest(by, {"timer", "user", "operator"});
        d_.error(t.by.loc, fmt::format("unknown 'by' '{}' in a transition of {}", by, where),
                 hint.empty() ? "expected flow.step, timer, user, operator or event:<integration>.<event>"
                              : fmt::format("did you mean '{}'?", hint));
      }
    }
  }

  void access(const Access& a) {
    if (a.auth.empty()) return;
    auto it = ix_.integrations.find(a.auth.name);
    if (it == ix_.integrations.end())
      unknown(a.auth, "integration", "access.auth", keys(ix_.integrations));
    else if (it->second->kind != "auth_provider")
      d_.error(a.auth.loc, fmt::format("access.auth names integration '{}' of kind '{}'; an auth_provider is required",
                                       a.auth.name, it->second->kind));
  }

  void breach(const Breach& b) {
    for (const auto& t : b.targets) {
      const std::string& n = t.name;
      if (ix_.ledgers.count(n) || ix_.integrations.count(n) || ix_.flows.count(n) || ix_.steps.count(n) ||
          ix_.tools.count(n) || ix_.jobs.count(n))
        continue;
      std::vector<std::string> c = keys(ix_.ledgers);
      if (hints_ >= limits::kMaxHints) c.clear();
      auto add = [&](const std::vector<std::string>& more) { c.insert(c.end(), more.begin(), more.end()); };
      add(keys(ix_.integrations));
      add(keys(ix_.flows));
      add(keys(ix_.steps));
      unknown(t, "target", fmt::format("breach '{}'", b.id), c);
    }
  }

  // A step that undoes itself, or steps that undo each other in a ring, leave nothing that
  // actually reverses the effect: an error, reported once per ring at the edge that closes it.
  void compensation_cycles() {
    std::unordered_map<std::string, std::vector<std::pair<std::string, const Ref*>>> undo;
    for (const auto& f : m_.flows)
      for (const auto& c : f.compensations) {
        std::string from = ix_.resolve_step(f.id, c.step.name);
        if (from.empty()) continue;
        for (const auto& u : c.undo) {
          std::string to = u.empty() ? std::string() : ix_.resolve_step(f.id, u.name);
          if (to.empty()) continue;
          if (to == from)
            d_.error(u.loc, fmt::format("step '{}' compensates itself in flow '{}'", c.step.name, f.id),
                     "name the step that reverses its effect");
          else
            undo[from].emplace_back(to, &u);
        }
      }
    // Iterative depth-first search (models can hold thousands of steps): 1 = on the path, 2 = done.
    std::unordered_map<std::string, int> state;
    std::vector<std::string> roots;
    for (const auto& [k, v] : undo) roots.push_back(k);
    std::sort(roots.begin(), roots.end());
    for (const auto& root : roots) {
      if (state[root]) continue;
      std::vector<std::pair<std::string, std::size_t>> path{{root, 0}};
      state[root] = 1;
      while (!path.empty()) {
        auto& [node, next] = path.back();
        auto it = undo.find(node);
        if (it == undo.end() || next >= it->second.size()) {
          state[node] = 2;
          path.pop_back();
          continue;
        }
        const auto& [to, ref] = it->second[next++];
        int& st = state[to];
        if (st == 0) {
          st = 1;
          path.emplace_back(to, 0);
        } else if (st == 1) {
          std::string ring;
          bool on = false;
          for (const auto& p : path) {
            on = on || p.first == to;
            if (on) ring += p.first + " -> ";
          }
          d_.error(ref->loc, fmt::format("compensation cycle: {}{}", ring, to),
                   "a compensation must reverse a step, not be undone by the step it reverses");
        }
      }
    }
  }

  const Model& m_;
  Diagnostics& d_;
  ModelIndex ix_;
  int hints_ = 0;
  std::unordered_map<const void*, std::vector<std::string>> key_cache_;
};

}  // namespace

bool validate_model(const Model& m, Diagnostics& diags) {
  int before = diags.error_count();
  Validator(m, diags).run();
  return diags.error_count() == before;
}

}  // namespace pf
