// Three analyses across elements: retention periods of ledgers that reference each other (a pair
// written together, whose sides are kept for different periods), and side-effecting external
// calls as steps the saga must compensate (a call that creates something at a provider), and
// which steps undo each step wherever they live.
#include <algorithm>

#include "facts/fact_builder.h"

namespace pf::facts_detail {

namespace {
std::optional<double> retention_ms(const Element* l) {
  const Value* r = l ? l->get("retention") : nullptr;
  return r && !r->is_null() ? r->as_number() : std::nullopt;
}
}  // namespace

// --- retention across referencing ledgers ------------------------------------------------
// Two ledgers written by the same step, flow or tool hold records that refer to each other (a
// payment to its order, a ticket to its seat). When one side is deleted before the other, the
// side kept longer points at records that no longer exist: a dispute, an audit or a refund
// within the longer period cannot be traced. The pair names `retained_shorter` (the side deleted
// first) and `retained_longer`.
// A side counts as deleted first when both declare a retention and its own is shorter, or when
// it declares none and a retention_purge job deletes it while the other side declares one.
void FactBuilder::retention_across_ledgers() {
  for (const Element* pe : fb_->of(Kind::LedgerPair)) {
    const Element* a = ref_of(pe, "a");
    const Element* b = ref_of(pe, "b");
    auto ra = retention_ms(a), rb = retention_ms(b);
    const Element *shorter = nullptr, *longer = nullptr;
    if (ra && rb && *ra != *rb) {
      shorter = *ra < *rb ? a : b;
      longer = shorter == a ? b : a;
    } else if (ra && !rb && bool_of(b, "purged")) {
      shorter = b, longer = a;
    } else if (rb && !ra && bool_of(a, "purged")) {
      shorter = a, longer = b;
    }
    fb_->annotate(pe, "retained_shorter", Value::element(shorter));
    fb_->annotate(pe, "retained_longer", Value::element(longer));
  }
}

// --- side-effecting external calls in the saga --------------------------------------------
// A step that changes no ledger of the service but calls an operation with `side_effect: true`
// (a shipment booked at a carrier, an account opened at a bank) creates something outside the
// service. When a later step of its flow can fail and nothing undoes the call, the failure
// leaves the external thing behind: a parcel shipped for a failed order. After the pivot the
// saga retries forward, so only calls before the pivot count. Notifications are best effort and
// never compensated, so they do not count.
void FactBuilder::side_effect_compensation() {
  // The reverse of `compensates`: which steps undo each step, by a flow's compensations or by
  // their own `undoes:` (a cancel flow's refund of a checkout's charge).
  std::map<const Element*, Refs> undone_by;
  for (const Element* s : fb_->of(Kind::Step))
    if (const Value* c = s->get("compensates"))
      for (const auto& v : c->list) add_unique(undone_by[v.ref], s);
  for (const Element* s : fb_->of(Kind::Step)) fb_->annotate(s, "undone_by", Value::elements(sorted(undone_by[s])));
  for (const Element* fe : fb_->of(Kind::Flow)) {
    Refs gaps;
    for (const Element* s : fb_->flow_steps(fe)) {
      const Element* op = ref_of(s, "call");
      const std::string& d = s->get("do")->str;
      bool external = op && bool_of(op, "side_effect") && !bool_of(s, "state_changing") && d != "notify";
      bool gap = external && !bool_of(s, "compensated") && !ref_of(s, "undoes") && ref_of(s, "later_failure") &&
                 !ref_of(s, "pivot");
      fb_->annotate(s, "external_side_effect", Value::boolean(external));
      fb_->annotate(s, "side_effect_uncompensated", Value::boolean(gap));
      if (gap) gaps.push_back(s);
    }
    fb_->annotate(fe, "uncompensated_calls", Value::elements(gaps));
  }
}

}  // namespace pf::facts_detail
