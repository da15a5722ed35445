// Reconciliation and retention: reconcile and purge jobs per ledger, purge against legal retention,
// the creating step of each ledger, peak load per ledger, and breaches per step.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- reconciliation and retention ---------------------------------------------------------
void FactBuilder::data_lifecycle() {
  std::map<const Element*, Refs> recon, purge;
  for (const auto& j : m_.jobs) {
    Element* je = job_[j.id];
    Refs conflicts;
    for (const auto& v : je->get("ledgers")->list) {
      if (job_kind_reconciles(j.kind)) add_unique(recon[v.ref], je);
      if (job_kind_purges(j.kind)) {
        add_unique(purge[v.ref], je);
        const Value* r = v.ref->get("retention");
        if (r && !r->is_null()) conflicts.push_back(v.ref);
      }
    }
    je->set("retention_conflicts", Value::elements(conflicts));
  }
  for (const auto& l : m_.ledgers) {
    Element* le = ledger_[l.id];
    // The step that most likely creates the records: not a transition, a capture or an undo
    // (by action, or by a step or flow named for cancelling, voiding, refunding, revoking,
    // returning or expiring), in a flow a person starts rather than an event or a schedule, in
    // the busiest such flow, earliest in it, then by key.
    const Element* creator = nullptr;
    auto undo_name = [](const std::string& id) {
      return starts_with_any(id, {"cancel", "void", "refund", "revoke", "return", "expire", "reverse"});
    };
    auto rank = [&](const Element* st) {
      const std::string& d = st->get("do")->str;
      const Element* fl = fb_->flow_of(st);
      auto act = parse_action(d);
      bool later = (act && !traits(*act).creates_records) || ref_of(st, "undoes") ||
                   undo_name(st->get("id")->str) || (fl && undo_name(fl->key));
      const Value* tk = fl ? fl->get("trigger_kind") : nullptr;
      bool reactive = tk && (tk->str == "event" || tk->str == "schedule");
      double peak = fl ? num_of(fl, "peak_rps").value_or(0) : 0;
      return std::make_tuple(later ? 1 : 0, reactive ? 1 : 0, -peak, st->ordinal, st->key);
    };
    for (const auto& v : le->get("writers")->list)
      if (!creator || rank(v.ref) < rank(creator)) creator = v.ref;
    le->set("first_writer", Value::element(creator));
    Refs reports;
    const Element* auth = ref_of(le, "authority");
    if (auth && bool_of(auth, "has_report")) add_unique(reports, auth);
    for (const auto& v : le->get("writers")->list) {
      const Element* integ = ref_of(v.ref, "integration");
      if (integ && bool_of(integ, "has_report")) add_unique(reports, integ);
    }
    Refs rj = sorted(recon[le]), pj = sorted(purge[le]);
    le->set("reconcile_jobs", Value::elements(rj));
    le->set("report_integrations", Value::elements(sorted(reports)));
    le->set("reconciled", Value::boolean(!rj.empty() || !reports.empty()));
    le->set("purge_jobs", Value::elements(pj));
    le->set("purged", Value::boolean(!pj.empty()));
    le->set("purge_before_retention", Value::boolean(!pj.empty() && l.retention.has_value()));
    std::optional<double> peak;
    const Element* bn = ref_of(le, "bottleneck");
    if (bn) peak = num_of(bn, "peak_rps");
    if (!peak) {
      double sum = 0;
      bool any = false;
      for (const auto& v : le->get("writer_flows")->list)
        if (auto p = num_of(v.ref, "peak_rps")) {
          sum += *p;
          any = true;
        }
      if (any) peak = sum;
    }
    le->set("peak_rps", Value::maybe(peak));
  }
  for (Element* b : bottlenecks_) {
    const Element* led = ref_of(b, "ledger");
    b->set("flows", led ? *led->get("writer_flows") : Value::elements({}));
  }
  // Breaches that target a step, its flow or its ledger.
  std::map<const Element*, Refs> hits;
  for (const auto& [id, be] : breach_)
    for (const auto& v : be->get("targets")->list) add_unique(hits[v.ref], be);
  for (auto& [key, se] : step_) {
    Refs bs = hits[se];
    for (const Element* b : hits[fb_->flow_of(se)]) add_unique(bs, b);
    for (const auto& v : se->get("ledgers")->list)
      for (const Element* b : hits[v.ref]) add_unique(bs, b);
    se->set("breaches", Value::elements(sorted(bs)));
    const Element* bn = nullptr;
    for (const auto& v : se->get("ledgers")->list)
      if (!bn) bn = ref_of(v.ref, "bottleneck");
    se->set("bottleneck", Value::element(bn));
  }
  const Element* audit = nullptr;
  for (const auto& l : m_.ledgers)
    if (ledger_kind_audit(l.kind) && (!audit || l.id < audit->key)) audit = ledger_[l.id];
  for (auto& [id, te] : tool_) te->set("audit_ledger", Value::element(audit));
}

}  // namespace pf::facts_detail
