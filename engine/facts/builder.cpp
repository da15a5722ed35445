// Derives the facts of every element: the analyses run in dependency order, each linear in the
// model's size, each iterating in the model's (then key-sorted) order only.
#include "facts/fact_builder.h"

namespace pf {

namespace facts_detail {

std::unique_ptr<FactBase> FactBuilder::run() {
  create();
  basics();
  writers();
  flows_and_retries();
  saga();
  timing();
  lifecycles();
  captures_elsewhere();
  coupling();
  data_lifecycle();
  lifecycle_drivers();
  compensation_checks();
  load_before_retries();
  retention_across_ledgers();
  side_effect_compensation();
  service_summary();
  fb_->finish();
  return std::move(fb_);
}

}  // namespace facts_detail

std::unique_ptr<FactBase> derive_facts(const Model& m, std::vector<FlowGraph> graphs) {
  return facts_detail::FactBuilder(m, std::move(graphs)).run();
}

}  // namespace pf
