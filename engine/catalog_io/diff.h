#pragma once
// Two catalogs compared item by item: paired by stable id, else by surfaces, the model elements
// they name and name similarity; added, removed, changed field by field, severity changes.
// Paths, line numbers, numbering and the library digest are not compared.
#include <string>
#include <vector>

#include "catalog_io/document.h"

namespace pf::cio {

/// One catalog item reduced to what is compared.
struct Item {
  std::string kind;  ///< policy, failure_mode, ledger_row, assumption, question
  std::string id, name;
  std::vector<int> surfaces;
  std::vector<std::string> elements;  ///< names written in backticks
  std::vector<std::pair<std::string, std::string>> fields;  ///< field key, text
  int severity = 0;
  /// Only the id, name and severity are known (an appendix line): the fields are not compared.
  bool summary = false;
  /// Another form of the fields that counts as the same (a failure mode's short form).
  std::vector<std::pair<std::string, std::string>> alt_fields;
};

/// A word of a changed field: '=' kept, '-' removed, '+' added.
struct WordOp {
  char op = '=';
  std::string text;
};

struct FieldChange {
  std::string field, old_text, new_text;
  std::vector<WordOp> words;
};

struct Pairing {
  Item old_item, new_item;
  std::string method;  ///< "id", or "similarity (surfaces 1.00, elements 0.50, name 0.80)"
  std::vector<FieldChange> changes;
};

struct DiffResult {
  std::vector<Item> added, removed;
  std::vector<Pairing> changed;     ///< paired items whose fields differ
  std::vector<Pairing> severity;    ///< paired items whose severity differs (also when fields do not)
  std::vector<Pairing> similar;     ///< unchanged items that were paired without an id
  std::size_t unchanged = 0;
  bool same() const { return added.empty() && removed.empty() && changed.empty() && severity.empty(); }
  bool severity_up() const;
};

std::vector<Item> items_of(const Document& doc);
DiffResult diff_documents(const Document& old_doc, const Document& new_doc);
/// Word-level difference of two texts (longest common subsequence of words).
std::vector<WordOp> word_diff(const std::string& a, const std::string& b);
/// Similarity of two word sets in [0, 1] (Jaccard of lower-cased words).
double name_similarity(const std::string& a, const std::string& b);

std::string render_diff_markdown(const DiffResult& r, const std::string& old_name, const std::string& new_name);
std::string render_diff_json(const DiffResult& r, const std::string& old_name, const std::string& new_name);

}  // namespace pf::cio
