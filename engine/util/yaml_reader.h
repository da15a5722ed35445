#pragma once
// Strict reading of YAML mappings: known keys only (with "did you mean"), no duplicate keys,
// typed scalars, locations for every problem. Shared by the model, rule and template loaders.
// This is the input layer: it knows YAML and nothing of the model (model/model_reader.h adds
// the model's value types on top).
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "model/limits.h"

namespace pf {

/// The state of one file's reading: its name, the diagnostics sink and a node budget that
/// stops alias expansion ("billion laughs") from making the walk explode.
class YamlCtx {
 public:
  YamlCtx(Diagnostics& diags, std::string file, std::size_t node_budget = limits::kMaxNodes);
  Loc loc(const YAML::Node& n) const;
  Loc file_loc(int line = 1, int col = 1) const;
  Diagnostics& diags() { return diags_; }
  const std::shared_ptr<const std::string>& file() const { return file_; }
  /// Counts one visited node; false (with one error) once the budget is spent.
  bool visit(const YAML::Node& n);
  bool exhausted() const { return exhausted_; }

 private:
  Diagnostics& diags_;
  std::shared_ptr<const std::string> file_;
  std::size_t budget_;
  bool exhausted_ = false;
};

/// Reads a YAML mapping whose keys are known in advance.
class MapReader {
 public:
  /// `what` names the object in messages ("ledger 'seats'"); unknown keys are reported here.
  /// The value of `name_key` (an id), when present, is added to `what`.
  MapReader(YamlCtx& ctx, const YAML::Node& node, std::string what, std::vector<std::string> allowed,
            std::string_view name_key = "id");
  bool ok() const { return ok_; }
  bool has(std::string_view key) const;
  YAML::Node get(std::string_view key) const;  ///< a Null node when absent
  Loc loc() const { return loc_; }
  Loc key_loc(std::string_view key) const;
  Loc value_loc(std::string_view key) const;
  const std::string& what() const { return what_; }
  /// Renames the object once its id is known ("ledger" -> "ledger 'seats'").
  void set_what(std::string what) { what_ = std::move(what); }
  std::vector<std::string> keys() const;

  /// Text: a plain scalar that YAML reads as a number or boolean is an error (quote it).
  std::optional<std::string> str(std::string_view key, bool required = false);
  /// Booleans and numbers: a quoted value is text, and an error.
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min = 0);
  std::optional<double> number(std::string_view key, double min = 0);
  /// One of `values`; `name` says what kind of value it is in messages ("ledger kind").
  std::optional<std::string> one_of(std::string_view key, std::string_view name, const std::vector<std::string>& values,
                                    bool required = false);
  /// An id: required, matching [a-z][a-z0-9_]*.
  std::string id(std::string_view key = "id");
  /// A list of non-empty scalars, each with its location.
  std::vector<std::pair<std::string, Loc>> scalar_list(std::string_view key, bool required = false);
  std::vector<std::string> str_list(std::string_view key);
  /// The items of a sequence (empty when absent; an error when not a sequence).
  std::vector<YAML::Node> seq(std::string_view key, bool required = false);

 protected:
  YamlCtx& ctx() { return ctx_; }
  /// The raw scalar text (no typing check); an error when present but null or not a scalar.
  std::optional<std::string> scalar(std::string_view key, bool required = false);

 private:
  struct Entry {
    std::string key;
    YAML::Node k, v;
  };
  const Entry* find(std::string_view key) const;
  void missing(std::string_view key);
  /// False (with an error) when the value of `key` is quoted where `expected` is not text.
  bool not_quoted(std::string_view key, const char* expected);
  YamlCtx& ctx_;
  std::string what_;
  Loc loc_;
  bool ok_ = false;
  std::vector<Entry> entries_;
};

/// What a plain (unquoted) scalar reads as when YAML does not read it as text: "a number" or
/// "a boolean"; null for text, quoted scalars and non-scalars (yaml_scalars.cpp).
const char* plain_non_text(const YAML::Node& n);
/// True when `s` matches [a-z][a-z0-9_]*.
bool valid_id(std::string_view s);
/// A scalar's non-empty text and location, reporting anything else as not a name.
std::optional<std::pair<std::string, Loc>> scalar_name(YamlCtx& ctx, const YAML::Node& n, const std::string& what);
/// Parses YAML text after the byte-level checks (size, NUL, UTF-8, nesting depth); null on error.
std::optional<YAML::Node> parse_yaml(YamlCtx& ctx, const std::string& text);
/// Reads a whole file; nullopt when it cannot be opened or read.
std::optional<std::string> read_whole_file(const std::string& path);
/// Reads a whole file; nullopt with a diagnostic when it cannot be read.
std::optional<std::string> read_file(const std::string& path, Diagnostics& diags);

/// A parsed YAML file with the context its readers report through.
struct YamlDoc {
  std::unique_ptr<YamlCtx> ctx;
  YAML::Node root;
};
/// Reads, registers (for carets in messages) and parses a YAML file; nullopt on any error.
std::optional<YamlDoc> open_yaml_file(const std::string& path, Diagnostics& diags);
/// The same for a file's text already read.
std::optional<YamlDoc> open_yaml_text(const std::string& path, const std::string& text, Diagnostics& diags);

}  // namespace pf
