#pragma once
// Name lookups over a loaded model, shared by validation and fact derivation.
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.h"

namespace pf {

/// Pointers into a Model by id; valid while the Model lives and is not modified.
struct ModelIndex {
  std::unordered_map<std::string, const Ledger*> ledgers;
  std::unordered_map<std::string, const Integration*> integrations;
  std::unordered_map<std::string, const Operation*> operations;  ///< "integration.operation"
  std::unordered_map<std::string, const Integration*> operation_owner;
  std::unordered_map<std::string, const Event*> events;          ///< "integration.event"
  std::unordered_map<std::string, const Integration*> event_owner;
  std::unordered_map<std::string, const Flow*> flows;
  std::unordered_map<std::string, const Step*> steps;            ///< "flow.step"
  std::unordered_map<std::string, const Flow*> step_flow;        ///< "flow.step" -> its flow
  std::unordered_map<std::string, std::vector<std::string>> bare_steps;  ///< "step" -> ["flow.step", ...]
  std::unordered_map<std::string, const Lifecycle*> lifecycles;  ///< by entity
  std::unordered_map<std::string, const Tool*> tools;
  std::unordered_map<std::string, const Job*> jobs;

  /// Builds the index; the first of duplicate ids wins (validation reports the rest).
  explicit ModelIndex(const Model& m);
  /// Resolves a compensation or bare step reference from `flow`: "step", "flow.step" or a
  /// bare id unique in the model. Empty when it names none or several.
  std::string resolve_step(const std::string& flow, const std::string& name) const;
};

}  // namespace pf
