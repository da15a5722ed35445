#include "util/json_writer.h"

#include <fmt/format.h>

#include <stdexcept>

namespace pf {

void JsonWriter::value_prefix() {
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  if (spill_ && out_.size() >= kChunk) {
    spill_(out_);
    out_.clear();
  }
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;  // the top-level value
  if (has_items_.back()) out_ += ',';
  out_ += '\n';
  out_.append(2 * has_items_.size(), ' ');
  has_items_.back() = true;
}

void JsonWriter::close(char c) {
  bool any = has_items_.back();
  has_items_.pop_back();
  if (any) {
    out_ += '\n';
    out_.append(2 * has_items_.size(), ' ');
  }
  out_ += c;
}

void JsonWriter::begin_object() {
  value_prefix();
  out_ += '{';
  has_items_.push_back(false);
}

void JsonWriter::end_object() { close('}'); }

void JsonWriter::begin_array() {
  value_prefix();
  out_ += '[';
  has_items_.push_back(false);
}

void JsonWriter::end_array() { close(']'); }

JsonWriter& JsonWriter::key(std::string_view k) {
  value_prefix();
  quote(k);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

namespace {

/// Length of the valid UTF-8 sequence at s[i] (1 to 4), or 0 when it is not valid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;   // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;   // beyond U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

void JsonWriter::string(std::string_view s) {
  value_prefix();
  quote(s);
}

void JsonWriter::quote(std::string_view s) {
  out_ += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out_ += "\\\""; ++i; continue;
      case '\\': out_ += "\\\\"; ++i; continue;
      case '\b': out_ += "\\b"; ++i; continue;
      case '\f': out_ += "\\f"; ++i; continue;
      case '\n': out_ += "\\n"; ++i; continue;
      case '\r': out_ += "\\r"; ++i; continue;
      case '\t': out_ += "\\t"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      out_ += fmt::format("\\u{:04x}", c);
      ++i;
      continue;
    }
    std::size_t n = utf8_length(s, i);
    if (n == 0)
      throw std::runtime_error(fmt::format("invalid UTF-8 byte at index {}: 0x{:02X}", i, c));
    out_.append(s.substr(i, n));
    i += n;
  }
  out_ += '"';
}

void JsonWriter::integer(std::int64_t n) {
  value_prefix();
  out_ += std::to_string(n);
}

void JsonWriter::boolean(bool b) {
  value_prefix();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  value_prefix();
  out_ += "null";
}

void JsonWriter::field(std::string_view k, const std::vector<std::string>& v) {
  key(k).begin_array();
  for (const auto& s : v) string(s);
  end_array();
}

void JsonWriter::field(std::string_view k, const std::vector<int>& v) {
  key(k).begin_array();
  for (int n : v) integer(n);
  end_array();
}

}  // namespace pf
