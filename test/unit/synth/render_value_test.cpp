// How values and template texts read in the catalog (docs/rule-language.md, "Templates").
#include <catch2/catch.hpp>

#include "../support.h"
#include <fstream>
#include <sstream>

#include "library/template_loader.h"
#include "synth/fill.h"
#include "synth/synthesizer.h"

using namespace pf;
using namespace pf::test;

namespace {

const char* kModel = R"(version: 1
service: {name: Shop}
ledgers: [{id: stock, kind: inventory}]
flows:
  - id: buy
    peak_rps: 2000
    steps:
      - {id: hold, do: reserve, ledger: stock, ttl: PT10M}
      - {id: a, do: notify}
      - {id: b, do: notify}
      - {id: c, do: notify}
      - {id: d, do: notify}
      - {id: e, do: notify}
      - {id: f, do: notify}
      - {id: g, do: notify}
)";

Value dur(const char* iso) {
  auto d = parse_duration(iso);
  REQUIRE(d);
  return Value::duration(*d);
}

Value strings(int n) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back(std::string(1, static_cast<char>('a' + i)));
  return Value::strings(v);
}

Text text(const std::string& raw) {
  Diagnostics d;
  Text t = parse_text(raw, Loc{}, d);
  INFO(d.format());
  REQUIRE_FALSE(d.has_errors());
  return t;
}

FormatText format_text() {
  FormatText f;
  f.texts["unspecified"] = LangText{text("미정(모델에 없음)"), text("unspecified (not in the model)")};
  f.texts["count_step"] = LangText{text("단계 {n}개"), text("{n} steps")};
  f.texts["again_step"] = LangText{text("앞의 단계 {n}개"), text("the {n} steps above")};
  f.texts["value_yes"] = LangText{text("예"), text("yes")};
  f.texts["value_no"] = LangText{text("아니오"), text("no")};
  f.texts["more_items"] = LangText{text(" 외 {n}개"), text(" and {n} more")};
  f.texts["list_last_separator"] = LangText{text(", "), text(" and ")};
  // Durations in words: the library's own duration_* texts (catalogs/format.yaml).
  std::string path = repo_root() + "/catalogs/format.yaml";
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  Diagnostics d;
  auto lib = load_format_text_text(path, all.str(), d);
  INFO(d.format());
  REQUIRE(lib);
  for (const auto& [key, t] : lib->texts)
    if (key.rfind("duration_", 0) == 0) f.texts[key] = t;
  return f;
}

/// render_value with the words above.
std::string rv(const Value& v, const std::string& lang) {
  static const FormatText fx = format_text();
  return render_value(v, lang, fx);
}

}  // namespace

TEST_CASE("render_value: refs are their key, as code", "[render_value]") {
  Analysis a = facts_of(kModel);
  Value hold = Value::element(&element(a, Kind::Step, "buy.hold"));
  CHECK(rv(hold, "ko") == "`buy.hold`");
  CHECK(rv(hold, "en") == "`buy.hold`");
  CHECK(rv(Value::element(&element(a, Kind::Ledger, "stock")), "en") == "`stock`");
}

TEST_CASE("render_value: numbers are grouped, ratios have one decimal", "[render_value]") {
  for (const char* lang : {"ko", "en"}) {
    INFO(lang);
    CHECK(rv(Value::number(2000), lang) == "2,000");
    CHECK(rv(Value::number(0), lang) == "0");
    CHECK(rv(Value::number(999), lang) == "999");
    CHECK(rv(Value::number(1000), lang) == "1,000");
    CHECK(rv(Value::number(1234567), lang) == "1,234,567");
    CHECK(rv(Value::number(-2000), lang) == "-2,000");
    CHECK(rv(Value::number(3.5), lang) == "3.5");
    CHECK(rv(Value::number(1.26), lang) == "1.3");
    CHECK(rv(Value::number(1e15), lang) == "1,000,000,000,000,000");
  }
}

TEST_CASE("render_value: numbers beyond the integer range still print whole", "[render_value]") {
  // attempt_rps can exceed 2^63 (peak_rps up to 1e15 times a large retry product).
  CHECK(rv(Value::number(1e20), "en") == "100,000,000,000,000,000,000");
  CHECK(rv(Value::number(-1e19), "ko") == "-10,000,000,000,000,000,000");
}

TEST_CASE("render_value: strings as written, kept on one line and out of the markup", "[render_value]") {
  CHECK(rv(Value::string("Seat map per performance"), "ko") == "Seat map per performance");
  CHECK(rv(Value::string("공연 좌석"), "en") == "공연 좌석");
  // Model text stays as written here; each renderer escapes it (render/markdown_text.h).
  CHECK(rv(Value::string("{step} | x"), "en") == "{step} | x");
}

TEST_CASE("render_value: durations in words", "[render_value]") {
  CHECK(rv(dur("PT10M"), "ko") == "10분");
  CHECK(rv(dur("PT10M"), "en") == "10 min");
  CHECK(rv(dur("PT72H"), "ko") == "72시간");
  CHECK(rv(dur("PT72H"), "en") == "72 h");
  CHECK(rv(dur("P5Y"), "ko") == "5년");
  CHECK(rv(dur("P5Y"), "en") == "5 years");
  CHECK(rv(dur("P1DT12H"), "ko") == "1일 12시간");
  CHECK(rv(dur("P1DT12H"), "en") == "1 day 12 h");
  CHECK(rv(dur("PT10S"), "ko") == "10초");
  CHECK(rv(dur("PT10S"), "en") == "10 s");
  CHECK(rv(Value::duration(Duration::from_ms(1500)), "ko") == "1500ms");
  CHECK(rv(Value::duration(Duration::from_ms(1500)), "en") == "1500 ms");
  // Derived durations (sums of waits) are split into units.
  CHECK(rv(Value::duration(Duration::from_ms(36LL * 3600 * 1000)), "en") == "1 day 12 h");
  CHECK(rv(Value::duration(Duration::from_ms(90LL * 1000)), "ko") == "1분 30초");
  // A day or three with minutes or seconds on top reads in hours; whole hours keep the days.
  CHECK(rv(Value::duration(Duration::from_ms((24LL * 3600 + 32) * 1000)), "en") == "24 h 32 s");
  CHECK(rv(Value::duration(Duration::from_ms((24LL * 3600 + 8) * 1000)), "ko") == "24시간 8초");
  CHECK(rv(Value::duration(Duration::from_ms((49LL * 3600 + 60) * 1000)), "en") == "49 h 1 min");
  CHECK(rv(Value::duration(Duration::from_ms((5LL * 86400 + 8) * 1000)), "en") == "5 days 8 s");
}

TEST_CASE("render_value: booleans and null", "[render_value]") {
  CHECK(rv(Value::boolean(true), "ko") == "예");
  CHECK(rv(Value::boolean(false), "ko") == "아니오");
  CHECK(rv(Value::boolean(true), "en") == "yes");
  CHECK(rv(Value::boolean(false), "en") == "no");
  CHECK(rv(Value{}, "ko").empty());
  CHECK(rv(Value{}, "en").empty());
}

TEST_CASE("render_value: lists show six items, then how many more", "[render_value]") {
  CHECK(rv(strings(0), "ko").empty());
  CHECK(rv(strings(1), "en") == "a");
  CHECK(rv(strings(2), "en") == "a and b");
  CHECK(rv(strings(3), "en") == "a, b and c");
  CHECK(rv(strings(3), "ko") == "a, b, c");
  CHECK(rv(strings(6), "en") == "a, b, c, d, e and f");
  CHECK(rv(strings(6), "ko") == "a, b, c, d, e, f");
  CHECK(rv(strings(7), "ko") == "a, b, c, d, e, f, g");  // "and 1 more" would say no less than g
  CHECK(rv(strings(8), "ko") == "a, b, c, d, e, f 외 2개");
  CHECK(rv(strings(9), "ko") == "a, b, c, d, e, f 외 3개");
  CHECK(rv(strings(9), "en") == "a, b, c, d, e, f and 3 more");
  Analysis a = facts_of(kModel);
  CHECK(rv(*element(a, Kind::Flow, "buy").get("steps"), "en") ==
        "`buy.hold`, `buy.a`, `buy.b`, `buy.c`, `buy.d`, `buy.e` and 2 more");
  SECTION("nulls and repeats are left out of the list and the count") {
    Value v = strings(2);
    v.list.push_back(Value{});
    v.list.push_back(Value::string("a"));
    CHECK(rv(v, "en") == "a and b");
  }
  SECTION("durations in a list are in words") {
    Value v;
    v.type = Value::Type::List;
    v.list = {dur("PT10M"), dur("PT8M")};
    CHECK(rv(v, "ko") == "10분, 8분");
  }
}

TEST_CASE("render_value: a short line's lists name two values, then how many more", "[render_value]") {
  FormatText fx = format_text();
  CHECK(render_value(strings(2), "en", fx, 2) == "a and b");
  CHECK(render_value(strings(3), "en", fx, 2) == "a, b and c");
  CHECK(render_value(strings(3), "ko", fx, 2) == "a, b, c");
  CHECK(render_value(strings(6), "en", fx, 2) == "a, b and 4 more");
  CHECK(render_value(strings(6), "ko", fx, 2) == "a, b 외 4개");
  // The short form of a failure mode (the top-risk row): flows named, steps cut after two.
  Analysis a = facts_of(kModel);
  Bindings b{{"flow", Value::element(&element(a, Kind::Flow, "buy"))},
             {"step", *element(a, Kind::Flow, "buy").get("steps")}};
  RenderState brief;
  brief.max_list = 2;
  CHECK(render_text(text("In {flow}, changes by {step} stay behind"), b, "en", fx, brief) ==
        "In `buy`, changes by `buy.hold`, `buy.a` and 6 more stay behind");
}

TEST_CASE("render_text: placeholders, fallbacks and the unspecified word", "[render_text]") {
  Analysis a = facts_of(kModel);
  FormatText fx = format_text();
  Bindings b{{"step", Value::element(&element(a, Kind::Step, "buy.hold"))},
             {"flow", Value::element(&element(a, Kind::Flow, "buy"))},
             {"service", Value::element(a.facts->service())}};
  CHECK(render_text(text("{flow}의 {step} 보류 TTL {step.ttl|미정}"), b, "ko", fx) ==
        "`buy`의 `buy.hold` 보류 TTL 10분");
  CHECK(render_text(text("The {step.ttl|unset} hold of {step} in {flow}"), b, "en", fx) ==
        "The 10 min hold of `buy.hold` in `buy`");
  CHECK(render_text(text("peak {flow.peak_rps} rps, {service.name}"), b, "en", fx) == "peak 2,000 rps, Shop");
  // A null value takes the fallback ...
  CHECK(render_text(text("timeout {step.timeout|10 s}"), b, "en", fx) == "timeout 10 s");
  CHECK(render_text(text("timeout {step.timeout|}!"), b, "en", fx) == "timeout !");
  // ... or, without one, the library's word for "unspecified".
  CHECK(render_text(text("timeout {step.timeout}"), b, "ko", fx) == "timeout 미정(모델에 없음)");
  CHECK(render_text(text("timeout {step.timeout}"), b, "en", fx) == "timeout unspecified (not in the model)");
  CHECK(render_text(text("timeout {step.timeout}"), b, "en", FormatText{}) == "timeout ");
  // Unbound names are null too.
  CHECK(render_text(text("{pay|no payment step}"), b, "en", fx) == "no payment step");
  CHECK(render_text(text("plain text only"), b, "ko", fx) == "plain text only");
}

TEST_CASE("render_text: a long list is written out once, then counted", "[render_text]") {
  Analysis a = facts_of(kModel);
  FormatText fx = format_text();
  Bindings b{{"flow", Value::element(&element(a, Kind::Flow, "buy"))}};
  RenderState state;
  CHECK(render_text(text("{flow.steps}"), b, "en", fx, state) ==
        "`buy.hold`, `buy.a`, `buy.b`, `buy.c`, `buy.d`, `buy.e` and 2 more");
  CHECK(render_text(text("then {flow.steps}"), b, "en", fx, state) == "then the 8 steps above");
  CHECK(render_text(text("{flow.steps}"), b, "ko", fx, state) == "앞의 단계 8개");
  RenderState name;
  name.in_name = true;
  CHECK(render_text(text("Release {flow.steps}"), b, "en", fx, name) == "Release 8 steps");
  // A fresh render (no state) writes the list out.
  CHECK(render_text(text("{flow.steps}"), b, "ko", fx).rfind("`buy.hold`, ", 0) == 0);
}

TEST_CASE("parse_text: placeholders and literal runs; brace errors are reported", "[render_text]") {
  Text t = text("a {x.y|fall back} b {z}");
  REQUIRE(t.parts.size() == 4);
  CHECK(std::get<std::string>(t.parts[0]) == "a ");
  const auto& p = std::get<Placeholder>(t.parts[1]);
  CHECK(p.path.parts == std::vector<std::string>{"x", "y"});
  CHECK(p.path.from_binding);
  CHECK(p.has_fallback);
  CHECK(p.fallback == "fall back");
  CHECK(std::get<std::string>(t.parts[2]) == " b ");
  CHECK_FALSE(std::get<Placeholder>(t.parts[3]).has_fallback);
  for (const char* bad : {"a } b", "a { b", "{a {b}}", "{}", "{Bad.Name}", "{a..b}"}) {
    Diagnostics d;
    parse_text(bad, Loc{}, d);
    INFO(bad);
    CHECK(d.error_count() == 1);
  }
  Diagnostics d;
  parse_text("x } y", Loc{}, d);
  CHECK(d.all()[0].message == "unmatched '}' in template text: \"x } y\"");
  Diagnostics d2;
  parse_text("{Bad}", Loc{}, d2);
  CHECK(d2.all()[0].message == "bad placeholder '{Bad}': write {name.attribute} or {name.attribute|fallback}");
}

TEST_CASE("format_duration: every unit in Korean and English, in the library's words", "[render_value]") {
  auto fmt = [](const char* text, const char* lang) {
    auto d = parse_duration(text);
    REQUIRE(d);
    return rv(Value::duration(*d), lang);
  };
  CHECK(fmt("PT10M", "ko") == "10분");
  CHECK(fmt("PT10M", "en") == "10 min");
  CHECK(fmt("PT72H", "ko") == "72시간");
  CHECK(fmt("PT72H", "en") == "72 h");
  CHECK(fmt("P5Y", "ko") == "5년");
  CHECK(fmt("P5Y", "en") == "5 years");
  CHECK(fmt("P1Y", "en") == "1 year");
  CHECK(fmt("P1DT12H", "ko") == "1일 12시간");
  CHECK(fmt("P1DT12H", "en") == "1 day 12 h");
  CHECK(fmt("P2D", "en") == "2 days");
  CHECK(fmt("P1M", "ko") == "1개월");
  CHECK(fmt("P3M", "en") == "3 months");
  CHECK(fmt("P2W", "ko") == "2주");
  CHECK(fmt("P1W", "en") == "1 week");
  CHECK(fmt("PT10S", "ko") == "10초");
  CHECK(fmt("PT10S", "en") == "10 s");
  CHECK(fmt("PT0S", "ko") == "0초");
  CHECK(fmt("PT0S", "en") == "0 s");
  CHECK(rv(Value::duration(Duration::from_ms(1500)), "ko") == "1500ms");
  CHECK(rv(Value::duration(Duration::from_ms(1500)), "en") == "1500 ms");
  CHECK(rv(Value::duration(Duration::from_ms(15000)), "ko") == "15초");
  CHECK(rv(Value::duration(Duration::from_ms(86400000)), "en") == "1 day");
  // Without the words (an older library), the number stands alone.
  auto d = parse_duration("PT10M");
  REQUIRE(d);
  CHECK(format_duration(*d, "en", FormatText{}) == "10");
  CHECK(format_duration(Duration{}, "en", FormatText{}) == "0");
}
