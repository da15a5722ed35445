#pragma once
// Templates as data: policies, failure modes and ledger-map rows, ko and en (loaded by
// library/template_loader.h).
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "match/condition.h"
#include "match/text.h"

namespace pf {

/// One language of a policy template.
struct PolicyText {
  Text name, intent, protects, trigger, enforcement, idempotency, retry, reconciliation, compensation, exceptions,
      metrics;
  std::vector<Text> runbook;
  Text uncertain;
  std::vector<Text> uncertain_questions;
  /// Every text of this language, for checks that walk them all.
  std::vector<const Text*> all() const;
};

struct PolicyTemplate {
  std::string id, file;
  PolicyText ko, en;
  std::vector<Condition> uncertain_when;
  bool has_uncertain = false;
  std::vector<std::string> references;
  Loc loc;
  const PolicyText& in(const std::string& lang) const { return lang == "en" ? en : ko; }
};

struct FailureModeText {
  Text failure, impact, user_impact, signal;
  /// Optional `short:` form of the four parts, for the one-line entry of the body (at most
  /// about 40 words together); `brief` holds its raw text, empty when there is none.
  Text brief_failure, brief_impact, brief_user_impact, brief_signal;
  std::string brief;
};
struct FailureModeTemplate {
  std::string id, file;
  FailureModeText ko, en;
  Loc loc;
  const FailureModeText& in(const std::string& lang) const { return lang == "en" ? en : ko; }
};

struct LedgerRowText {
  Text invariant1, invariant2, signal, recovery;
};
struct LedgerRowTemplate {
  std::string id, file;
  LedgerRowText ko, en;
  Loc loc;
  const LedgerRowText& in(const std::string& lang) const { return lang == "en" ? en : ko; }
};

/// Fixed sentences of the catalog that are not tied to a rule (catalogs/format.yaml).
struct FormatText {
  std::map<std::string, LangText> texts;  ///< by key
  const Text* get(const std::string& key, const std::string& lang) const;
};

}  // namespace pf
