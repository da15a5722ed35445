#include <catch2/catch.hpp>

#include "model/duration.h"

using namespace pf;

namespace {
constexpr long long kSec = 1000, kMin = 60 * kSec, kHour = 60 * kMin, kDay = 24 * kHour;

long long ms(const char* text) {
  auto d = parse_duration(text);
  INFO(text);
  REQUIRE(d.has_value());
  return d->total_ms();
}
}  // namespace

TEST_CASE("parse_duration reads ISO-8601 durations", "[duration]") {
  CHECK(ms("PT10M") == 10 * kMin);
  CHECK(ms("PT72H") == 72 * kHour);
  CHECK(ms("PT30S") == 30 * kSec);
  CHECK(ms("P1D") == kDay);
  CHECK(ms("P2W") == 14 * kDay);
  CHECK(ms("P1M") == 30 * kDay);        // a month counts 30 days
  CHECK(ms("P5Y") == 5 * 365 * kDay);   // a year counts 365 days
  CHECK(ms("P1DT12H") == 36 * kHour);
  CHECK(ms("P3DT19H") == (3 * 24 + 19) * kHour);
  CHECK(ms("PT1H30M15S") == kHour + 30 * kMin + 15 * kSec);
  CHECK(ms("P1Y2M3W4DT5H6M7S") ==
        365 * kDay + 60 * kDay + 21 * kDay + 4 * kDay + 5 * kHour + 6 * kMin + 7 * kSec);
  CHECK(ms("PT0S") == 0);
}

TEST_CASE("parse_duration keeps the components as written", "[duration]") {
  auto d = parse_duration("P1DT12H");
  REQUIRE(d);
  CHECK(d->days == 1);
  CHECK(d->hours == 12);
  CHECK(d->minutes == 0);
  auto m = parse_duration("PT90M");
  REQUIRE(m);
  CHECK(m->minutes == 90);
  CHECK(m->hours == 0);
  auto month = parse_duration("P1M");
  auto minute = parse_duration("PT1M");
  REQUIRE(month);
  REQUIRE(minute);
  CHECK(month->months == 1);
  CHECK(minute->minutes == 1);
}

TEST_CASE("parse_duration refuses what is not an ISO-8601 duration", "[duration]") {
  for (const char* bad : {"",         "P",       "PT",      "10m",     "10",       "pt10m",  "PT10m",  "T10M",
                          "PT0.5S",   "PT1,5S",  "P1DT",    "PT10",    "P-1D",     "PT-5M",  "P1H",    "PT1D",
                          "PT10S5M",  "P1D2Y",   "PT1M2M",  "P1DT1HT1M", "PT10M ", " PT10M", "P1Y1Y", "PXD",
                          "P10000000000D"}) {
    INFO("'" << bad << "'");
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("parse_duration refuses durations whose milliseconds do not fit", "[duration]") {
  // A billion years is 3.15e19 ms, past the int64 range total_ms() computes in.
  auto d = parse_duration("P1000000000Y");
  if (d) CHECK(d->total_ms() > 0);
  CHECK_FALSE(d.has_value());
  // The largest values that still fit are accepted and stay positive.
  auto big = parse_duration("P100000000Y");
  REQUIRE(big);
  CHECK(big->total_ms() == 100000000LL * 365 * kDay);
  auto days = parse_duration("P1000000000D");
  REQUIRE(days);
  CHECK(days->total_ms() == 1000000000LL * kDay);
}

TEST_CASE("Duration::from_ms splits derived durations into days, hours, minutes and seconds", "[duration]") {
  CHECK(Duration::from_ms(1500).millis == 1500);  // not whole seconds: kept as milliseconds
  CHECK(Duration::from_ms(1500).seconds == 0);
  CHECK(Duration::from_ms(10 * kSec).seconds == 10);
  Duration d90 = Duration::from_ms(90 * kSec);
  CHECK(d90.minutes == 1);
  CHECK(d90.seconds == 30);
  CHECK(Duration::from_ms(2 * kMin).minutes == 2);
  Duration d36 = Duration::from_ms(36 * kHour);
  CHECK(d36.days == 1);
  CHECK(d36.hours == 12);
  CHECK(Duration::from_ms(2 * kDay).days == 2);
  CHECK(Duration::from_ms(2 * kDay).hours == 0);
  for (long long x : {0LL, 1LL, 1500LL, 90 * kSec, 36 * kHour, 5 * 365 * kDay})
    CHECK(Duration::from_ms(x).total_ms() == x);
}
