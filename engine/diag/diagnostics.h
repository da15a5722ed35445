#pragma once
// Diagnostics: every stage reports problems here; only cli/ decides to exit.
#include <memory>
#include <string>
#include <vector>

namespace pf {

/// A position in an input file, 1-based; line 0 means "the whole file".
struct Loc {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int col = 0;
  std::string str() const;  ///< "file:line:col"
};

enum class Severity { Error, Warning, Note };

/// One problem with its location and optional follow-up notes ("did you mean").
struct Diagnostic {
  Loc loc;
  Severity severity = Severity::Error;
  std::string message;
  std::vector<std::string> notes;
};

/// Collects diagnostics; printing sorts them by file, line and column.
class Diagnostics {
 public:
  void error(const Loc& loc, std::string message, std::string note = {});
  void warning(const Loc& loc, std::string message, std::string note = {});
  bool has_errors() const { return errors_ > 0; }
  int error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return items_; }
  /// Registers the text of a file so that printing can show the offending line.
  void add_source(const std::string& file, std::string text);
  /// Formats all diagnostics, sorted and de-duplicated, with source lines and carets.
  std::string format() const;

 private:
  std::vector<Diagnostic> items_;
  std::vector<std::pair<std::string, std::string>> sources_;
  int errors_ = 0;
  int dropped_ = 0;
  static constexpr std::size_t kMaxStored = 1000;
};

/// Edit distance, for "did you mean" hints.
std::size_t edit_distance(const std::string& a, const std::string& b);
/// The closest candidate within a sensible distance, or empty.
std::string closest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace pf
