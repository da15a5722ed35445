#pragma once
// The typed service model (spec/service-model.md, version 1). Nothing after model/ sees YAML.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "model/duration.h"
#include "model/enums.h"

namespace pf {

/// A name that refers to another element, with where it was written.
struct Ref {
  std::string name;
  Loc loc;
  bool empty() const { return name.empty(); }
};

struct Invariant {
  std::string id, text;
  Loc loc;
};

struct Ledger {
  std::string id, kind, description, unit, currency, entity;
  Ref source_of_truth;  ///< "internal", or an integration id
  bool scarce = false, money = false, pii = false;
  std::optional<Duration> retention;
  std::vector<Invariant> invariants;
  Loc loc;
};

struct Operation {
  std::string id, mode = "sync", idempotency = "none";
  std::optional<std::int64_t> timeout_ms;
  std::int64_t retries = 0;
  bool side_effect = true;
  std::optional<double> rate_limit_rps;
  Loc loc;
};

struct Event {
  std::string id, delivery = "webhook";
  bool duplicates = true, ordered = false, is_signed = false;
  std::optional<Duration> max_delay;
  Loc loc;
};

struct Report {
  std::string kind, cadence;
  Loc loc;
};

struct Integration {
  std::string id, kind, provider, criticality = "critical";
  Ref fallback;
  std::vector<Operation> operations;
  std::vector<Event> events;
  std::optional<Report> report;
  Loc loc;
};

struct Step {
  std::string id, idempotency_key, entity;
  std::optional<Action> action;  ///< `do:`; empty only when the model had an error there
  Ref ledger, to_ledger, call, event, to;
  Ref undoes;              ///< `undoes:`: the step ("step" or "flow.step") whose change this one undoes
  std::vector<Ref> ledgers, after;
  bool has_after = false;
  std::optional<Duration> ttl, timeout;
  std::optional<std::int64_t> timeout_ms;
  std::int64_t retries = 0;
  Loc loc;
};

struct Compensation {
  Ref step;                ///< the step it undoes (a step of this flow)
  std::vector<Ref> undo;   ///< the undoing steps
};

struct Flow {
  std::string id, description;
  Ref trigger;             ///< user | operator | schedule | event:<integration>.<event>
  std::optional<double> peak_rps;
  std::vector<Step> steps;
  std::vector<Compensation> compensations;
  Loc loc;
};

struct Transition {
  Ref from, to, by;
  Loc loc;
};

/// `roles:` of a lifecycle: the states declared to play a role (money taken, fulfilled, cancelled).
struct RoleStates {
  StateRole role;
  std::vector<Ref> states;
};

struct Lifecycle {
  std::string entity;
  Ref ledger, initial;
  std::vector<Ref> states, terminal;
  bool has_roles = false;          ///< `roles:` given: no role is guessed from state names
  std::vector<RoleStates> roles;
  std::vector<Transition> transitions;
  Loc loc;
};

struct Access {
  Ref auth;
  std::string fail_mode;
  std::vector<std::string> roles;
  Loc loc;
};

struct Tool {
  std::string id, actor, description;
  std::vector<Ref> touches;
  std::int64_t approvals = 0;
  Loc loc;
};

struct Job {
  std::string id, kind, schedule;
  std::vector<Ref> ledgers;
  Ref integration;
  Loc loc;
};

struct Bottleneck {
  std::string resource, hot_keys, limit;
  std::optional<double> peak_rps, capacity;
  Loc loc;
};

struct Breach {
  std::string id, kind, title, description;
  std::vector<Ref> targets;
  Loc loc;
};

struct Service {
  std::string name, domain, description;
  std::vector<std::string> jurisdictions;
};

/// A whole model as loaded; `present_*` say whether an optional section was given and non-empty.
struct Model {
  std::string path;
  std::string sha256;      ///< of the input bytes
  Service service;
  std::vector<Ledger> ledgers;
  std::vector<Integration> integrations;
  std::vector<Flow> flows;
  std::vector<Lifecycle> lifecycles;
  std::optional<Access> access;
  std::vector<Tool> tools;
  std::vector<Job> jobs;
  std::vector<Bottleneck> bottlenecks;
  std::vector<std::string> limits;
  bool has_charter = false;
  std::vector<Breach> breaches;
  Loc loc;
};

}  // namespace pf
