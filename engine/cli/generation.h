#pragma once
// What generate, verify, review and explain share: the options that make a catalog, the
// catalog made from them (with decisions applied), and its rendering.
#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/pipeline.h"
#include "review/apply.h"

namespace pf::cli {

struct GenOptions {
  std::string model, format = "md", lang = "ko", decisions, today;
  std::string detail = "body";  ///< body (ranked, capped, appendix) or full
  /// Whether the caller reads the items beyond render() (explain, review and decisions read
  /// provenance and fingerprints). generate and verify only render: their Markdown without
  /// --decisions is made without provenance, which it does not print.
  bool reads_items = true;
};

/// Adds --lang, --decisions and --today (and --format with the given choices when not empty).
void add_gen_options(CLI::App* app, GenOptions& o, const std::vector<std::string>& formats);

struct Generation {
  Library lib;
  Analysis analysis;
  Catalog catalog;
  review::Applied applied;  ///< empty without --decisions
  bool has_decisions = false;
};

/// Loads the library and the model, makes the catalog in o.lang, records the options in it and
/// applies the decisions (printing stale ones as FILE:LINE: warning:). Null (diagnostics
/// printed) on bad input.
std::unique_ptr<Generation> generate(const Globals& g, const GenOptions& o);

/// Keeps a generation until the process ends, never freed: returning its millions of small
/// blocks one by one just before exit took a few percent of a large model's run. It stays
/// reachable from a static pointer, so LeakSanitizer does not report it.
void keep_until_exit(std::unique_ptr<Generation> gen);

/// The catalog in o.format: md, json, sarif or html; nothing (the reason printed) when the
/// HTML report cannot draw its diagrams.
std::optional<std::string> render(const Generation& gen, const GenOptions& o);
/// render() written to FILE (or standard output for "" or "-") with write_output; JSON is
/// streamed into the file as it is written. Returns the exit code.
int write_rendered(const Generation& gen, const GenOptions& o, const std::string& path);

}  // namespace pf::cli
