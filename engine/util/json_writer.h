#pragma once
// A streaming JSON writer: appends to a string exactly what nlohmann::json::dump(2) prints for
// the same values (two-space indent, `"key": value`, `[]` and `{}` when empty, control
// characters as \u00xx, other UTF-8 as is), without building a document tree first.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pf {

class JsonWriter {
 public:
  /// Hands the text written so far to a consumer and empties it.
  using Spill = std::function<void(std::string& text)>;
  explicit JsonWriter(std::string& out) : out_(out) {}
  /// With `spill`: `out` is handed over (and emptied) whenever it holds about a megabyte, so
  /// that a large document is never held whole. The caller hands over the rest at the end.
  JsonWriter(std::string& out, Spill spill) : out_(out), spill_(std::move(spill)) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next value written belongs to this key of the enclosing object.
  JsonWriter& key(std::string_view k);

  /// Throws std::runtime_error on text that is not valid UTF-8 (as nlohmann does).
  void string(std::string_view s);
  void integer(std::int64_t n);
  void boolean(bool b);
  void null();

  // Shorthands for a key and its value.
  void field(std::string_view k, std::string_view v) { key(k).string(v); }
  void field(std::string_view k, const char* v) { key(k).string(v); }
  void field(std::string_view k, const std::string& v) { key(k).string(v); }
  void field(std::string_view k, int v) { key(k).integer(v); }
  void field(std::string_view k, bool v) { key(k).boolean(v); }
  void field(std::string_view k, const std::vector<std::string>& v);
  void field(std::string_view k, const std::vector<int>& v);

 private:
  void value_prefix();
  void close(char c);
  void quote(std::string_view s);

  std::string& out_;
  Spill spill_;
  std::vector<bool> has_items_;  ///< per open container: something written in it yet
  bool after_key_ = false;
};

}  // namespace pf
