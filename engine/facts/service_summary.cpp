// The service as a whole: lists, the main flow and ledgers, missing inputs.
#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <tuple>

#include "facts/fact_builder.h"
#include "graph/state_graph.h"

namespace pf::facts_detail {

// --- the service as a whole ------------------------------------------------------------------
void FactBuilder::service_summary() {
  Element& s = *service_;
  auto all = [&](auto& map) {
    Refs v;
    for (auto& [k, e] : map) v.push_back(e);
    return Value::elements(sorted(v));
  };
  s.set("ledgers", all(ledger_));
  s.set("flows", all(flow_));
  s.set("integrations", all(integ_));
  s.set("tools", all(tool_));
  s.set("jobs", all(job_));
  s.set("lifecycles", all(lifecycle_));
  s.set("breaches", all(breach_));
  s.set("bottlenecks", Value::elements(sorted({bottlenecks_.begin(), bottlenecks_.end()})));
  Refs money, scarce, pii, audit;
  for (const auto& l : m_.ledgers) {
    const Element* e = ledger_[l.id];
    if (l.money) money.push_back(e);
    if (l.scarce) scarce.push_back(e);
    if (l.pii) pii.push_back(e);
    if (ledger_kind_audit(l.kind)) audit.push_back(e);
  }
  money = sorted(money), scarce = sorted(scarce), pii = sorted(pii), audit = sorted(audit);
  s.set("money_ledgers", Value::elements(money));
  s.set("scarce_ledgers", Value::elements(scarce));
  s.set("pii_ledgers", Value::elements(pii));
  s.set("audit_ledgers", Value::elements(audit));
  s.set("main_money_ledger", Value::element(money.empty() ? nullptr : money.front()));
  s.set("main_scarce_ledger", Value::element(scarce.empty() ? nullptr : scarce.front()));
  s.set("main_pii_ledger", Value::element(pii.empty() ? nullptr : pii.front()));
  s.set("audit_ledger", Value::element(audit.empty() ? nullptr : audit.front()));
  // main_flow: highest peak_rps, then most steps, then id.
  const Element* main_flow = nullptr;
  auto better_flow = [&](const Element* a, const Element* b) {
    double pa = num_of(a, "peak_rps").value_or(-1), pb = num_of(b, "peak_rps").value_or(-1);
    if (pa != pb) return pa > pb;
    double sa = *num_of(a, "step_count"), sb = *num_of(b, "step_count");
    if (sa != sb) return sa > sb;
    return a->key < b->key;
  };
  for (auto& [id, fe] : flow_)
    if (!main_flow || better_flow(fe, main_flow)) main_flow = fe;
  s.set("main_flow", Value::element(main_flow));
  const Element* main_ledger = nullptr;
  auto better_ledger = [&](const Element* a, const Element* b) {
    bool ma = bool_of(a, "money"), mb = bool_of(b, "money");
    if (ma != mb) return ma;
    std::size_t wa = a->get("writers")->list.size(), wb = b->get("writers")->list.size();
    if (wa != wb) return wa > wb;
    return a->key < b->key;
  };
  for (auto& [id, le] : ledger_)
    if (!main_ledger || better_ledger(le, main_ledger)) main_ledger = le;
  s.set("main_ledger", Value::element(main_ledger));
  const Element* main_integ = nullptr;
  for (auto& [id, ie] : integ_) {
    if (!main_integ) {
      main_integ = ie;
      continue;
    }
    double a = *num_of(ie, "dependent_flow_count"), b = *num_of(main_integ, "dependent_flow_count");
    if (a > b || (a == b && ie->key < main_integ->key)) main_integ = ie;
  }
  s.set("main_integration", Value::element(main_integ));
  Refs recon, purge;
  for (auto& [id, je] : job_) {
    const std::string& k = je->get("kind")->str;
    if (job_kind_reconciles(k)) recon.push_back(je);
    if (job_kind_purges(k)) purge.push_back(je);
  }
  s.set("reconciliation_jobs", Value::elements(sorted(recon)));
  s.set("purge_jobs", Value::elements(sorted(purge)));
  std::set<std::string> ents;
  for (const auto& l : m_.ledgers)
    if (!l.entity.empty() && !lifecycle_.count(l.entity)) ents.insert(l.entity);
  for (const auto& f : m_.flows)
    for (const auto& st : f.steps)
      if (!st.entity.empty() && !lifecycle_.count(st.entity)) ents.insert(st.entity);
  s.set("entities_without_lifecycle", Value::strings({ents.begin(), ents.end()}));
  s.set("uncovered_breaches", Value::elements({}));
}

}  // namespace pf::facts_detail
