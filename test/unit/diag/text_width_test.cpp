#include <catch2/catch.hpp>

#include <memory>

#include "diag/diagnostics.h"
#include "diag/text_width.h"

using namespace pf;

TEST_CASE("display width: Hangul and CJK take two cells, combining marks none", "[diag]") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("결제") == 4);              // two Hangul syllables, 6 bytes
  CHECK(display_width("24~72시간") == 9);
  CHECK(display_width("e\xCC\x81") == 1);         // e + combining acute accent
  CHECK(display_width("ｆｕｌｌ") == 8);          // fullwidth Latin
  CHECK(display_width("\xff") == 4);              // an invalid byte is shown as \xff
}

TEST_CASE("char_column turns a byte column into a character column", "[diag]") {
  CHECK(char_column("name: 결제 서비스", 7) == 7);
  CHECK(char_column("name: 결제 서비스", 14) == 10);  // after "결제 " (6 + 1 bytes)
  CHECK(char_column("abc", 1) == 1);
  CHECK(char_column("abc", 5) == 5);               // past the end: bytes count on
}

TEST_CASE("escape_controls makes control characters visible and keeps text", "[diag]") {
  CHECK(escape_controls("plain 결제") == "plain 결제");
  CHECK(escape_controls("a\nb\r\tc") == "a\\nb\\r\\tc");
  CHECK(escape_controls("\x1b[31mred") == "\\x1b[31mred");
  CHECK(escape_controls("\x7f") == "\\x7f");
  CHECK(escape_controls("\xC2\x85") == "\\u0085");  // NEL, a C1 control
  CHECK(escape_controls("caf\xe9") == "caf\\xe9");   // not UTF-8
  CHECK(escape_controls("a\tb", true) == "a\tb");
}

TEST_CASE("percent_encode_unsafe keeps readable names and encodes markup and controls", "[diag]") {
  CHECK(percent_encode_unsafe("samples/ticketing/model.yaml") == "samples/ticketing/model.yaml");
  CHECK(percent_encode_unsafe("모델 1.yaml") == "모델 1.yaml");
  CHECK(percent_encode_unsafe("x -->\n# h.yaml") == "x --%3E%0A# h.yaml");
  CHECK(percent_encode_unsafe("100%|<a>`") == "100%25%7C%3Ca%3E%60");
  CHECK(percent_encode_unsafe("caf\xe9.yaml") == "caf%E9.yaml");
}

TEST_CASE("the caret sits under the character on Korean lines and after tabs", "[diag]") {
  Diagnostics d;
  auto file = std::make_shared<const std::string>("m.yaml");
  // bytes: "  name: " is 8, "결제 " is 7, so '서' starts at byte column 16
  d.add_source("m.yaml", "service:\n  name: 결제 서비스\n\tkey: x\n");
  d.error(Loc{file, 2, 16}, "here");
  d.error(Loc{file, 3, 7}, "after a tab");
  CHECK(d.format() ==
        "m.yaml:2:12: error: here\n"
        "    name: 결제 서비스\n"
        "               ^\n"
        "m.yaml:3:7: error: after a tab\n"
        "  \tkey: x\n"
        "  \t     ^\n"
        "2 errors\n");
}

TEST_CASE("diagnostics escape control characters in file names, messages and source lines", "[diag]") {
  Diagnostics d;
  auto file = std::make_shared<const std::string>("evil\nFAKE.yaml:1:1: error: x.yaml");
  d.add_source(*file, "k: \x1b[2Jv\n");
  d.error(Loc{file, 1, 8}, "unknown value '\x1b[2Jv'");
  CHECK(d.format() ==
        "evil\\nFAKE.yaml:1:1: error: x.yaml:1:8: error: unknown value '\\x1b[2Jv'\n"
        "  k: \\x1b[2Jv\n"
        "            ^\n"
        "1 error\n");
}
