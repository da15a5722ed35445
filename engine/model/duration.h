#pragma once
// ISO-8601 durations (PT10M, P5Y, P1DT12H) as the model writes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pf {

/// A duration kept both as seconds (to compare) and as its components (to print as written).
struct Duration {
  std::int64_t years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  std::int64_t millis = 0;  ///< only from timeout_ms
  /// Total in milliseconds; a year counts 365 days, a month 30.
  std::int64_t total_ms() const;
  static Duration from_ms(std::int64_t ms);
  static Duration from_seconds(std::int64_t s);
};

/// Parses an ISO-8601 duration; nullopt when the text is not one.
std::optional<Duration> parse_duration(std::string_view text);
// In words, a duration is written by the fill stage (synth/fill.h) with the library's words.

}  // namespace pf
