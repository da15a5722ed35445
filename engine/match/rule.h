#pragma once
// Rules as data: one YAML file per rule (docs/rule-language.md). Loaded and checked by the
// library stage (library/); nothing here knows YAML.
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "facts/value.h"
#include "match/condition.h"
#include "match/text.h"

namespace pf {

/// A question or assumption a rule emits, gated by optional conditions.
struct EmitText {
  LangText text;
  std::vector<Condition> when;
};

struct Rule {
  std::string id, title, area, severity = "medium";
  /// What the rule is for, in the author's words (optional; printed in the rule reference).
  std::string intent;
  int severity_rank = 2;  ///< critical 4, high 3, medium 2, low 1
  std::vector<int> surfaces;
  std::vector<std::string> addresses, references;
  /// What kind of item the rule states: a defect found in this model, a recommended control,
  /// or hygiene every service needs. Ranking puts defects first (docs/rule-language.md).
  std::string rule_class = "control";
  /// Ids of rules this one replaces when both fire on the same elements (one risk, one item).
  std::vector<std::string> supersedes;
  Kind each = Kind::Service;
  std::vector<Condition> where;
  std::vector<std::pair<std::string, Path>> let;
  bool group = false;
  std::string failure_mode, policy, ledger_row;  ///< template ids, possibly empty
  std::vector<EmitText> questions, assumptions;
  /// One line per match, collected into `{findings}` when a rule's matches are merged.
  std::optional<LangText> finding;
  /// The policy template's `uncertain_when`, set by the library so that match evaluates it;
  /// `may_be_uncertain` when the template has an [UNCERTAIN] part at all.
  std::vector<Condition> uncertain_when;
  bool may_be_uncertain = false;
  std::string file;
  Loc loc;
};

}  // namespace pf
