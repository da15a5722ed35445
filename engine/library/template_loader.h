#pragma once
// Loads the templates of the library (policies, failure modes, ledger-map rows) and the
// catalog's fixed sentences (format.yaml) from YAML files.
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "synth/templates.h"

namespace pf {

std::optional<PolicyTemplate> load_policy_template_text(const std::string& path, const std::string& text, Diagnostics& diags, int& serial);
std::optional<FailureModeTemplate> load_failure_mode_template_text(const std::string& path, const std::string& text, Diagnostics& diags);
std::optional<LedgerRowTemplate> load_ledger_row_template_text(const std::string& path, const std::string& text, Diagnostics& diags);
std::optional<FormatText> load_format_text_text(const std::string& path, const std::string& text, Diagnostics& diags);

}  // namespace pf
