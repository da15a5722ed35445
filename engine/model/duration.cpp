#include "model/duration.h"

namespace pf {

std::int64_t Duration::total_ms() const {
  std::int64_t s = ((((years * 365 + months * 30 + weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60) + seconds;
  return s * 1000 + millis;
}

Duration Duration::from_ms(std::int64_t ms) {
  Duration d;
  if (ms % 1000 != 0) {
    d.millis = ms;
    return d;
  }
  return from_seconds(ms / 1000);
}

Duration Duration::from_seconds(std::int64_t s) {
  // Derived durations (sums of waits) are split into days, hours, minutes and seconds.
  Duration d;
  d.days = s / 86400;
  d.hours = s % 86400 / 3600;
  d.minutes = s % 3600 / 60;
  d.seconds = s % 60;
  return d;
}

std::optional<Duration> parse_duration(std::string_view t) {
  if (t.size() < 3 || t.size() > 64 || t[0] != 'P') return std::nullopt;
  Duration d;
  bool in_time = false, any = false;
  std::size_t i = 1;
  char last_unit = 0;
  static const std::string_view date_order = "YMWD", time_order = "HMS";
  while (i < t.size()) {
    if (t[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      last_unit = 0;
      ++i;
      if (i == t.size()) return std::nullopt;
      continue;
    }
    std::int64_t n = 0;
    std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      n = n * 10 + (t[i] - '0');
      if (n > 1000000000) return std::nullopt;
      ++i;
    }
    if (i == start || i == t.size()) return std::nullopt;
    char u = t[i++];
    std::string_view order = in_time ? time_order : date_order;
    std::size_t pos = order.find(u);
    if (pos == std::string_view::npos) return std::nullopt;
    if (last_unit && order.find(last_unit) >= pos) return std::nullopt;
    last_unit = u;
    any = true;
    if (!in_time) {
      if (u == 'Y') d.years = n;
      else if (u == 'M') d.months = n;
      else if (u == 'W') d.weeks = n;
      else d.days = n;
    } else {
      if (u == 'H') d.hours = n;
      else if (u == 'M') d.minutes = n;
      else d.seconds = n;
    }
  }
  if (!any) return std::nullopt;
  // total_ms() must fit in int64 (about 290 million years); larger totals are refused.
  double s = ((((static_cast<double>(d.years) * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 + d.hours) * 60 +
               d.minutes) * 60) + d.seconds;
  if (s * 1000 > 9.2e18) return std::nullopt;
  return d;
}

}  // namespace pf
