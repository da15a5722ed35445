#pragma once
// One catalog as read back from Markdown (ko or en, as anyone wrote it) or from the engine's
// JSON: the five sections' items with the lines they stand on, for lint and diff.
#include <map>
#include <string>
#include <vector>

namespace pf::cio {

/// Where something stands in the source file; line 0 means "the whole file" (JSON).
struct Pos {
  int line = 0, col = 0;
};

/// One labelled list item of a policy, as it appeared.
struct FieldEntry {
  std::string key;        ///< field key from words.yaml ("trigger"), or empty when unknown
  std::string raw_label;  ///< the label as written
  bool canonical = true;  ///< written letter for letter as the spec's label
  std::string value;      ///< the text after the label (continuation lines joined)
  std::vector<std::string> items;   ///< nested list items (runbook steps, questions)
  std::vector<bool> items_numbered; ///< per nested item: numbered (1.) or bulleted
  Pos pos;
};

struct Policy {
  std::string id;  ///< stable id when the catalog carries one
  int number = 0;
  std::string name;
  std::vector<int> surfaces;
  std::vector<std::pair<int, std::string>> surface_names;  ///< tag number, name as written
  std::vector<FieldEntry> fields;  ///< in the order written
  int severity = 0;                ///< 1..4 when known, else 0
  bool summary = false;            ///< one line of an appendix: id, name and severity only
  std::vector<std::string> elements;  ///< model elements named (JSON provenance)
  bool heading_canonical = true;
  Pos pos;
  /// The field's text with its nested items, or empty.
  const FieldEntry* field(const std::string& key) const;
};

struct FailureMode {
  std::string id, text;               ///< text: the whole line
  std::map<std::string, std::string> parts;  ///< failure, impact, user_impact, signal
  std::vector<std::string> part_order;       ///< keys in the order found
  int severity = 0;
  std::vector<std::string> elements;
  bool numbered = true;
  bool summary = false;  ///< one line of an appendix: id, failure and severity only
  /// The short form (JSON "short"), which a Markdown body shows in place of the full parts.
  std::map<std::string, std::string> short_parts;
  Pos pos;
};

struct LedgerRow {
  std::vector<std::string> cells;
  Pos pos;
};

struct TextItem {
  std::string id, text;
  Pos pos;
  int severity = 0;
  bool summary = false;  ///< one line of an appendix
};

struct Section {
  std::string key;    ///< from words.yaml
  std::string title;  ///< as written
  bool canonical = true;
  Pos pos;
};

struct Document {
  std::string file, lang = "ko", format = "md";
  std::vector<Section> sections;  ///< in the order found
  std::vector<TextItem> assumptions;
  std::string assumptions_text;   ///< non-list text of section 0 (the "none needed" line)
  std::vector<FailureMode> failure_modes;
  std::vector<Policy> policies;
  std::vector<LedgerRow> ledger_map;
  std::vector<TextItem> questions;
  struct Placeholder {
    std::string text;
    Pos pos;
  };
  std::vector<Placeholder> placeholders;  ///< unfilled template markers ({{x}}, TODO)
  bool has(const std::string& section_key) const;
};

/// A problem reading the file (not a format finding).
struct ImportError {
  std::string message;
  Pos pos;
};

/// The document without its appendix lines (items marked `summary`): what the format's rules
/// about the body apply to.
Document body_of(const Document& doc);

}  // namespace pf::cio
