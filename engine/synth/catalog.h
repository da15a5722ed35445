#pragma once
// The catalog as data: what render/ turns into Markdown or JSON.
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace pf {

/// Why an item is in the catalog.
struct Provenance {
  std::string rule, rule_file, template_id, template_file;
  std::string each;  ///< the kind the rule matches (its `each`); its matches are bound under that name
  struct Bound {
    std::string name, kind, key;
    Loc loc;
  };
  std::vector<Bound> elements;
  std::vector<std::pair<std::string, std::string>> facts;
  std::vector<std::string> references;
};

/// How much an item matters in this model (docs/severity.md): derived from the rule's class
/// and severity and from the facts of the elements it matched.
struct Rating {
  std::string severity = "medium";       ///< critical | high | medium | low (derived)
  std::string rule_severity = "medium";  ///< the rule's fixed severity
  int score = 0;
  int rank = 0;          ///< 1-based position among the items of its section, all items
  bool in_body = true;   ///< rendered in full in sections 0-4 (else one line in the appendix)
  std::vector<std::string> reasons;  ///< language-neutral: "class=defect", "money=payments", ...
};

struct FailureModeItem {
  std::string id, failure, impact, user_impact, signal;
  /// The template's short form (failure, impact, user impact, signal) for the one-line body
  /// entry; empty when the template has none.
  std::vector<std::string> brief;
  Rating rating;
  std::vector<std::string> breaches;
  Provenance provenance;
};

struct PolicyItem {
  std::string id, name;
  std::vector<int> surfaces;
  std::string intent, protects, trigger, enforcement, idempotency, retry, reconciliation, compensation, exceptions,
      metrics;
  std::vector<std::string> runbook;
  bool uncertain = false;
  std::string uncertain_text;
  std::vector<std::string> questions;
  Rating rating;
  std::vector<std::string> breaches;
  Provenance provenance;
};

struct LedgerRow {
  std::string id, ledger, invariant1, invariant2, signal, recovery;
  Provenance provenance;
};

struct TextItem {
  std::string id, text;
  Provenance provenance;
  Rating rating;  ///< questions: ranked and capped like the other items
};

/// One row of the top-risk table before section 0.
struct TopRisk {
  int rank = 0;
  std::string severity, risk, where, action;
  std::string failure_mode_id;  ///< the failure mode the row is, or empty
  std::string policy_id;        ///< the policy that handles it, or empty when none does
  int policy_number = 0;        ///< 1-based; 0 when no policy handles it
};

struct BreachCoverage {
  std::string breach, kind, title;
  std::vector<std::string> failure_modes, policies;  ///< item ids
  bool gap = false;                                  ///< covered only by the gap policy
};

/// A review decision as shown beside its item (generate --decisions; engine/review/).
struct ReviewMark {
  std::string status;                                       ///< open, accepted, mitigated, ...
  std::vector<std::pair<std::string, std::string>> fields;  ///< owner, due, evidence, ... as written
  std::string line;                                         ///< the Markdown line, in the catalog's language
};

struct Catalog {
  std::string lang, engine_version, library_digest, model_sha256, model_path, service_name;
  std::vector<TextItem> assumptions;
  std::string no_assumptions;  ///< the line written when no assumption was needed
  std::vector<FailureModeItem> failure_modes;
  std::vector<PolicyItem> policies;
  std::vector<LedgerRow> ledger_map;
  std::vector<TextItem> questions;
  std::vector<BreachCoverage> coverage;
  /// generate's options (format, lang, detail, decisions), recorded so that verify can regenerate.
  std::vector<std::pair<std::string, std::string>> options;
  std::map<std::string, ReviewMark> review;  ///< by item id; empty without --decisions
  std::vector<TopRisk> top_risks;
  bool full_detail = false;  ///< --detail full: every item in full, no appendix
  /// The fixed words of the format in this catalog's language (catalogs/format.yaml), by key.
  std::map<std::string, std::string> words;
  const std::string& word(const std::string& key) const {
    static const std::string none;
    auto it = words.find(key);
    return it == words.end() ? none : it->second;
  }
};

}  // namespace pf
