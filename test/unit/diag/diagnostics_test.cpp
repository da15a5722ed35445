#include <catch2/catch.hpp>

#include <memory>

#include "diag/diagnostics.h"

using namespace pf;

namespace {
Loc at(const std::shared_ptr<const std::string>& file, int line, int col) { return Loc{file, line, col}; }
}  // namespace

TEST_CASE("edit_distance counts insertions, deletions and substitutions", "[diag]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("sitting", "kitten") == 3);
  CHECK(edit_distance("scarse", "scarce") == 1);
  CHECK(edit_distance("inventroy", "inventory") == 2);  // a swap is two edits
  CHECK(edit_distance("flaw", "lawn") == 2);
}

TEST_CASE("closest suggests a near candidate, or nothing when all are far", "[diag]") {
  const std::vector<std::string> keys = {"id", "kind", "scarce", "money", "pii", "retention", "entity"};
  CHECK(closest("scarse", keys) == "scarce");
  CHECK(closest("retension", keys) == "retention");
  CHECK(closest("knd", keys) == "kind");
  CHECK(closest("description", keys).empty());
  CHECK(closest("zzzzzz", keys).empty());
  CHECK(closest("anything", {}).empty());
  SECTION("the allowed distance grows with the word: max(2, len/3)") {
    CHECK(closest("abcxx", {"abcde"}) == "abcde");          // distance 2 for a 5-letter word
    CHECK(closest("abxxx", {"abcde"}).empty());             // distance 3 is too far
    CHECK(closest("inventxxx", {"inventory"}) == "inventory");  // 3 for a 9-letter word
  }
  SECTION("ties go to the alphabetically first candidate, whatever the order") {
    CHECK(closest("ab", {"ac", "aa"}) == "aa");
    CHECK(closest("ab", {"aa", "ac"}) == "aa");
  }
  SECTION("a nearer candidate beats an earlier one") {
    CHECK(closest("payment", {"paymentxx", "payments"}) == "payments");
  }
}

TEST_CASE("Loc::str spells file:line:col", "[diag]") {
  auto f = std::make_shared<const std::string>("m.yaml");
  CHECK(at(f, 3, 7).str() == "m.yaml:3:7");
  CHECK(at(f, 3, 0).str() == "m.yaml:3:1");
  CHECK(at(f, 0, 0).str() == "m.yaml");
  CHECK(Loc{}.str() == "<input>");
}

TEST_CASE("format sorts by file, line and column and removes duplicates", "[diag]") {
  auto a = std::make_shared<const std::string>("a.yaml");
  auto b = std::make_shared<const std::string>("b.yaml");
  Diagnostics d;
  d.error(at(b, 1, 1), "in b");
  d.error(at(a, 10, 2), "ten");
  d.error(at(a, 2, 9), "two-nine");
  d.error(at(a, 2, 3), "two-three");
  d.error(at(a, 10, 2), "ten");  // the same problem found twice
  CHECK(d.error_count() == 5);
  CHECK(d.format() ==
        "a.yaml:2:3: error: two-three\n"
        "a.yaml:2:9: error: two-nine\n"
        "a.yaml:10:2: error: ten\n"
        "b.yaml:1:1: error: in b\n"
        "4 errors\n");
}

TEST_CASE("format shows the source line with a caret under the column, then notes", "[diag]") {
  auto f = std::make_shared<const std::string>("m.yaml");
  Diagnostics d;
  d.add_source("m.yaml", "version: 1\nledgers:\n  - id: seats\n    scarse: true\n");
  d.error(at(f, 4, 5), "unknown key 'scarse' in ledger 'seats'", "did you mean 'scarce'?");
  CHECK(d.format() ==
        "m.yaml:4:5: error: unknown key 'scarse' in ledger 'seats'\n"
        "      scarse: true\n"
        "      ^\n"
        "m.yaml:4:5: note: did you mean 'scarce'?\n"
        "1 error\n");
}

TEST_CASE("format keeps tabs in the caret padding and strips CR", "[diag]") {
  auto f = std::make_shared<const std::string>("m.yaml");
  Diagnostics d;
  d.add_source("m.yaml", "a: 1\r\n\tb: x\r\n");
  d.error(at(f, 2, 5), "bad");
  CHECK(d.format() == "m.yaml:2:5: error: bad\n  \tb: x\n  \t   ^\n1 error\n");
}

TEST_CASE("format caps the caret at the end of the line and skips missing lines", "[diag]") {
  auto f = std::make_shared<const std::string>("m.yaml");
  Diagnostics d;
  d.add_source("m.yaml", "ab\n");
  d.error(at(f, 1, 40), "past the end");
  d.error(at(f, 9, 1), "no such line");
  CHECK(d.format() ==
        "m.yaml:1:40: error: past the end\n"
        "  ab\n"
        "    ^\n"
        "m.yaml:9:1: error: no such line\n"
        "2 errors\n");
}

TEST_CASE("format counts only errors in the summary", "[diag]") {
  auto f = std::make_shared<const std::string>("m.yaml");
  Diagnostics d;
  d.warning(at(f, 1, 1), "just so you know", "a note on the warning");
  CHECK_FALSE(d.has_errors());
  CHECK(d.format() == "m.yaml:1:1: warning: just so you know\nm.yaml:1:1: note: a note on the warning\n");
  d.error(Loc{f, 0, 0}, "cannot open file");
  CHECK(d.has_errors());
  CHECK(d.error_count() == 1);
  CHECK(d.format() ==
        "m.yaml: error: cannot open file\n"
        "m.yaml:1:1: warning: just so you know\n"
        "m.yaml:1:1: note: a note on the warning\n"
        "1 error\n");
}

TEST_CASE("format of nothing is empty", "[diag]") {
  Diagnostics d;
  CHECK(d.format().empty());
  CHECK(d.all().empty());
}
