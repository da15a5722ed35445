#include "model/loader.h"

#include <fmt/format.h>

#include <unordered_set>

#include "model/limits.h"
#include "util/sha256.h"
#include "model/model_reader.h"

namespace pf {

namespace {

std::string named(const char* kind, const std::string& id) {
  return id.empty() ? std::string(kind) : fmt::format("{} '{}'", kind, id);
}

Ledger read_ledger(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "ledger",
              {"id", "kind", "description", "unit", "scarce", "money", "currency", "pii", "retention", "entity",
               "source_of_truth", "invariants"});
  Ledger l;
  l.loc = r.loc();
  if (!r.ok()) return l;
  l.id = r.id();
  ModelReader& m = r;
  std::string what = named("ledger", l.id);
  r.set_what(what);
  l.kind = m.enumeration("kind", ledger_kinds(), true).value_or("other");
  l.description = m.str("description").value_or("");
  l.unit = m.str("unit").value_or("");
  l.currency = m.str("currency").value_or("");
  l.entity = m.str("entity").value_or("");
  l.scarce = m.boolean("scarce").value_or(ledger_kind_scarce(l.kind));
  l.money = m.boolean("money").value_or(ledger_kind_money(l.kind));
  l.pii = m.boolean("pii").value_or(ledger_kind_pii(l.kind));
  l.retention = m.duration("retention");
  l.source_of_truth = m.ref("source_of_truth");
  for (const auto& in : m.seq("invariants")) {
    ModelReader ir(ctx, in, fmt::format("an invariant of {}", what), {"id", "text"});
    if (!ir.ok()) continue;
    Invariant inv;
    inv.loc = ir.loc();
    inv.id = ir.id();
    inv.text = ir.str("text", true).value_or("");
    l.invariants.push_back(std::move(inv));
  }
  return l;
}

Integration read_integration(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "integration",
              {"id", "kind", "provider", "criticality", "fallback", "operations", "events", "report"});
  Integration g;
  g.loc = r.loc();
  if (!r.ok()) return g;
  g.id = r.id();
  std::string what = named("integration", g.id);
  r.set_what(what);
  g.kind = r.enumeration("kind", integration_kinds(), true).value_or("other");
  g.provider = r.str("provider").value_or("");
  g.criticality = r.enumeration("criticality", criticalities()).value_or("critical");
  g.fallback = r.ref("fallback");
  for (const auto& on : r.seq("operations")) {
    std::string oid = on.IsMap() && on["id"] && on["id"].IsScalar() ? on["id"].Scalar() : "";
    ModelReader o(ctx, on, valid_id(oid) ? fmt::format("operation '{}' of {}", oid, what) : fmt::format("an operation of {}", what),
                {"id", "mode", "timeout_ms", "retries", "idempotency", "side_effect", "rate_limit_rps"});
    if (!o.ok()) continue;
    Operation op;
    op.loc = o.loc();
    op.id = o.id();
    op.mode = o.enumeration("mode", op_modes()).value_or("sync");
    op.timeout_ms = o.integer("timeout_ms", 1);
    op.retries = o.integer("retries").value_or(0);
    op.idempotency = o.enumeration("idempotency", idempotencies()).value_or("none");
    op.side_effect = o.boolean("side_effect").value_or(true);
    op.rate_limit_rps = o.number("rate_limit_rps", 0);
    g.operations.push_back(std::move(op));
  }
  for (const auto& en : r.seq("events")) {
    std::string eid = en.IsMap() && en["id"] && en["id"].IsScalar() ? en["id"].Scalar() : "";
    ModelReader e(ctx, en, valid_id(eid) ? fmt::format("event '{}' of {}", eid, what) : fmt::format("an event of {}", what),
                {"id", "delivery", "duplicates", "ordered", "signed", "max_delay"});
    if (!e.ok()) continue;
    Event ev;
    ev.loc = e.loc();
    ev.id = e.id();
    ev.delivery = e.enumeration("delivery", deliveries()).value_or("webhook");
    ev.duplicates = e.boolean("duplicates").value_or(true);
    ev.ordered = e.boolean("ordered").value_or(false);
    ev.is_signed = e.boolean("signed").value_or(false);
    ev.max_delay = e.duration("max_delay");
    g.events.push_back(std::move(ev));
  }
  if (r.has("report")) {
    ModelReader rp(ctx, r.get("report"), fmt::format("the report of {}", what), {"kind", "cadence"});
    if (rp.ok()) {
      Report rep;
      rep.loc = rp.loc();
      rep.kind = rp.enumeration("kind", report_kinds(), true).value_or("event_log");
      rep.cadence = rp.str("cadence").value_or("");
      g.report = rep;
    }
  }
  return g;
}

Step read_step(YamlCtx& ctx, const YAML::Node& n, const std::string& flow) {
  std::string peek = n.IsMap() && n["id"] && n["id"].IsScalar() && valid_id(n["id"].Scalar()) ? n["id"].Scalar() : "";
  ModelReader r(ctx, n, peek.empty() ? fmt::format("a step of flow '{}'", flow) : fmt::format("step '{}' of flow '{}'", peek, flow),
              {"id", "do", "ledger", "ledgers", "to_ledger", "call", "event", "ttl", "timeout", "timeout_ms",
               "retries", "idempotency_key", "entity", "to", "after", "undoes"});
  Step s;
  s.loc = r.loc();
  if (!r.ok()) return s;
  s.id = r.id();
  if (!s.id.empty()) r.set_what(fmt::format("step '{}' of flow '{}'", s.id, flow));
  if (auto a = r.enumeration("do", actions(), true)) s.action = parse_action(*a);
  s.ledger = r.ref("ledger");
  s.ledgers = r.ref_list("ledgers");
  s.to_ledger = r.ref("to_ledger");
  s.call = r.ref("call");
  s.event = r.ref("event");
  s.ttl = r.duration("ttl");
  s.timeout = r.duration("timeout");
  s.timeout_ms = r.integer("timeout_ms", 1);
  s.retries = r.integer("retries").value_or(0);
  s.idempotency_key = r.str("idempotency_key").value_or("");
  s.entity = r.str("entity").value_or("");
  s.to = r.ref("to");
  s.has_after = r.has("after");
  s.after = r.ref_list("after");
  s.undoes = r.ref("undoes");
  return s;
}

Flow read_flow(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "flow", {"id", "description", "trigger", "peak_rps", "steps", "compensations"});
  Flow f;
  f.loc = r.loc();
  if (!r.ok()) return f;
  f.id = r.id();
  std::string what = named("flow", f.id);
  r.set_what(what);
  f.description = r.str("description").value_or("");
  f.trigger = r.ref("trigger");
  f.peak_rps = r.number("peak_rps", 0);
  for (const auto& sn : r.seq("steps", true)) f.steps.push_back(read_step(ctx, sn, f.id));
  if (r.has("compensations")) {
    YAML::Node c = r.get("compensations");
    if (!c.IsMap()) {
      ctx.diags().error(r.value_loc("compensations"),
                        fmt::format("'compensations' of {} must map a step id to the steps that undo it", what));
    } else {
      std::unordered_set<std::string> seen;  // a set, not a scan: a flow may hold thousands of keys
      for (auto it = c.begin(); it != c.end(); ++it) {
        // yaml-cpp's iterator hands out a temporary pair: keep copies (handles), not references.
        const YAML::Node key_node = it->first, val = it->second;
        if (!ctx.visit(val)) break;
        Compensation comp;
        comp.step = scalar_ref(ctx, key_node, fmt::format("a compensation key in {}", what));
        if (!comp.step.empty() && !seen.insert(comp.step.name).second) {
          ctx.diags().error(comp.step.loc, fmt::format("duplicate key '{}' in the compensations of {}",
                                                       comp.step.name, what));
          continue;
        }
        if (val.IsScalar()) {
          comp.undo.push_back(scalar_ref(ctx, val, "a compensation"));
        } else if (val.IsSequence() && val.size() > 0) {
          for (const auto& u : val) comp.undo.push_back(scalar_ref(ctx, u, "a compensation"));
        } else {
          ctx.diags().error(ctx.loc(val), fmt::format("compensation of '{}' in {} must name one or more steps",
                                                             comp.step.name, what));
        }
        if (!comp.step.empty()) f.compensations.push_back(std::move(comp));
      }
    }
  }
  return f;
}

Lifecycle read_lifecycle(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "lifecycle", {"entity", "ledger", "states", "initial", "terminal", "transitions", "roles"}, "entity");
  Lifecycle lc;
  lc.loc = r.loc();
  if (!r.ok()) return lc;
  lc.entity = r.id("entity");
  std::string what = named("lifecycle", lc.entity);
  r.set_what(what);
  lc.ledger = r.ref("ledger");
  lc.states = r.ref_list("states", true);
  lc.initial = r.ref("initial", true);
  lc.terminal = r.ref_list("terminal");
  if (r.has("roles")) {
    lc.has_roles = true;
    ModelReader rr(ctx, r.get("roles"), fmt::format("the roles of {}", what), state_roles().strings());
    if (rr.ok())
      for (const auto& row : state_role_rows())
        if (rr.has(row.name)) lc.roles.push_back({row.role, rr.ref_list(row.name)});
  }
  for (const auto& tn : r.seq("transitions")) {
    ModelReader t(ctx, tn, fmt::format("a transition of {}", what), {"from", "to", "by"});
    if (!t.ok()) continue;
    Transition tr;
    tr.loc = t.loc();
    tr.from = t.ref("from", true);
    tr.to = t.ref("to", true);
    tr.by = t.ref("by", true);
    lc.transitions.push_back(std::move(tr));
  }
  return lc;
}

Tool read_tool(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "operation", {"id", "actor", "touches", "approvals", "description"});
  Tool t;
  t.loc = r.loc();
  if (!r.ok()) return t;
  t.id = r.id();
  r.set_what(named("operation", t.id));
  t.actor = r.str("actor").value_or("operator");
  t.touches = r.ref_list("touches");
  t.approvals = r.integer("approvals").value_or(0);
  t.description = r.str("description").value_or("");
  return t;
}

Job read_job(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "job", {"id", "kind", "schedule", "ledgers", "integration"});
  Job j;
  j.loc = r.loc();
  if (!r.ok()) return j;
  j.id = r.id();
  r.set_what(named("job", j.id));
  j.kind = r.enumeration("kind", job_kinds(), true).value_or("other");
  j.schedule = r.str("schedule").value_or("");
  j.ledgers = r.ref_list("ledgers");
  j.integration = r.ref("integration");
  return j;
}

Breach read_breach(YamlCtx& ctx, const YAML::Node& n) {
  ModelReader r(ctx, n, "breach", {"id", "kind", "title", "targets", "description"});
  Breach b;
  b.loc = r.loc();
  if (!r.ok()) return b;
  b.id = r.id();
  r.set_what(named("breach", b.id));
  b.kind = r.enumeration("kind", breach_kinds(), true).value_or("other");
  b.title = r.str("title").value_or("");
  b.targets = r.ref_list("targets");
  b.description = r.str("description").value_or("");
  return b;
}

void read_root(YamlCtx& ctx, const YAML::Node& root, Model& m) {
  ModelReader r(ctx, root, "the model",
              {"version", "service", "ledgers", "integrations", "flows", "lifecycles", "access", "operations",
               "jobs", "charter", "breaches"});
  m.loc = r.loc();
  if (!r.ok()) return;
  std::optional<std::int64_t> version;
  if (r.has("version"))
    version = r.integer("version");
  else
    ctx.diags().error(r.loc(), "the model has no 'version'");
  if (version && *version != 1)
    ctx.diags().error(r.value_loc("version"), fmt::format("unsupported model version '{}': this engine reads version 1",
                                                          *version));
  if (!r.has("service")) {
    ctx.diags().error(r.loc(), "the model has no 'service'");
  } else {
    ModelReader s(ctx, r.get("service"), "service", {"name", "domain", "description", "jurisdictions"});
    if (s.ok()) {
      m.service.name = s.str("name", true).value_or("");
      m.service.domain = s.str("domain").value_or("");
      m.service.description = s.str("description").value_or("");
      m.service.jurisdictions = s.str_list("jurisdictions");
    }
  }
  for (const auto& n : r.seq("ledgers", true)) m.ledgers.push_back(read_ledger(ctx, n));
  for (const auto& n : r.seq("integrations")) m.integrations.push_back(read_integration(ctx, n));
  for (const auto& n : r.seq("flows", true)) m.flows.push_back(read_flow(ctx, n));
  for (const auto& n : r.seq("lifecycles")) m.lifecycles.push_back(read_lifecycle(ctx, n));
  if (r.has("access")) {
    ModelReader a(ctx, r.get("access"), "access", {"auth", "fail_mode", "roles"});
    if (a.ok()) {
      Access acc;
      acc.loc = a.loc();
      acc.auth = a.ref("auth");
      acc.fail_mode = a.enumeration("fail_mode", fail_modes()).value_or("");
      acc.roles = a.str_list("roles");
      m.access = acc;
    }
  }
  for (const auto& n : r.seq("operations")) m.tools.push_back(read_tool(ctx, n));
  for (const auto& n : r.seq("jobs")) m.jobs.push_back(read_job(ctx, n));
  if (r.has("charter")) {
    ModelReader c(ctx, r.get("charter"), "charter", {"bottlenecks", "limits"});
    if (c.ok()) {
      for (const auto& bn : c.seq("bottlenecks")) {
        ModelReader b(ctx, bn, "a charter bottleneck", {"resource", "peak_rps", "capacity", "hot_keys", "limit"});
        if (!b.ok()) continue;
        Bottleneck bt;
        bt.loc = b.loc();
        bt.resource = b.str("resource", true).value_or("");
        bt.peak_rps = b.number("peak_rps", 0);
        bt.capacity = b.number("capacity", 0);
        bt.hot_keys = b.str("hot_keys").value_or("");
        bt.limit = b.str("limit").value_or("");
        m.bottlenecks.push_back(std::move(bt));
      }
      m.limits = c.str_list("limits");
      m.has_charter = !m.bottlenecks.empty() || !m.limits.empty();
    }
  }
  for (const auto& n : r.seq("breaches")) m.breaches.push_back(read_breach(ctx, n));
}

}  // namespace

std::optional<Model> load_model_text(const std::string& text, const std::string& name, Diagnostics& diags) {
  diags.add_source(name, text);
  YamlCtx ctx(diags, name);
  auto root = parse_yaml(ctx, text);
  if (!root) return std::nullopt;
  Model m;
  m.path = name;
  m.sha256 = sha256_hex(text);
  read_root(ctx, *root, m);
  check_element_limit(m, diags);
  return m;
}

std::optional<Model> load_model_file(const std::string& path, Diagnostics& diags) {
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  return load_model_text(*text, path, diags);
}

}  // namespace pf
