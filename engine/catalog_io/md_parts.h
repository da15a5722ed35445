#pragma once
// The pieces of a catalog line recognised with words.yaml: section titles, policy headings,
// field labels, failure-mode parts, surface tags, unfilled placeholders.
#include <optional>
#include <string>

#include "catalog_io/document.h"

namespace pf::cio {

/// The section a heading names, or empty. `canonical` tells whether it is written letter
/// for letter as the spec's heading in `lang`.
std::string section_of(const std::string& title, int level, const std::string& lang, bool& canonical);
/// Whether a heading starts a policy; fills number, name and canonical form.
bool policy_heading(const std::string& title, int level, const std::string& lang, Policy& p);
/// Splits "Label: value" into a field entry (key empty when the label is unknown).
FieldEntry field_entry(const std::string& body, const std::string& lang);
/// Finds the four labelled parts of a failure-mode line.
void failure_mode_parts(FailureMode& fm, const std::string& lang);
/// "[6] 정합성/조정, [10] ..." into numbers and the names as written.
void surface_tags(Policy& p, const std::string& value);
/// Unfilled template markers in a line ({{x}}, ${x}, {x}, TODO, TBD, FIXME), appended to doc.
void find_placeholders(const std::string& line, int number, Document& doc);
/// "ko" or "en" from the labels the text uses.
std::string detect_lang(std::string_view text);

}  // namespace pf::cio
