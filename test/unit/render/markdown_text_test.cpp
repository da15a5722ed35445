// Escaping for Markdown (render/markdown_text.h): model text cannot break the page.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "render/markdown_text.h"

using namespace pf;

TEST_CASE("md_inline: one line, no markup from model text", "[markdown_text]") {
  CHECK(md_inline("two\nlines\r\n\tand  tabs") == "two lines and tabs");
  CHECK(md_inline("{step} | x") == "(step) \\| x");
  CHECK(md_inline("a --> b <!-- c") == "a -> b \\<!- c");
  CHECK(md_inline("a ----> b <!---- c") == "a -> b \\<!- c");
  CHECK(md_inline("<!-->") == "\\<!->");
  CHECK(md_inline("24~72 hours, *x*, a_b, _c_, <script>, &amp;, [a](b)") ==
        "24\\~72 hours, \\*x\\*, a_b, \\_c\\_, \\<script>, \\&amp;, [a\\](b)");
  CHECK(md_inline("`a*b|c` and ``x`y``") == "`a*b\\|c` and ``x`y``");  // code spans keep their text
  CHECK(md_inline("an open ` tick") == "an open \\` tick");
  CHECK(md_inline("trailing  ") == "trailing");
}

TEST_CASE("md_inline: linear on hostile input (300 KB of comment markers)", "[markdown_text]") {
  std::string hostile;
  while (hostile.size() < 300 * 1024) hostile += "<!--->-->";
  auto t0 = std::chrono::steady_clock::now();
  std::string out = md_inline(hostile);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  CHECK(ms < 500);
  CHECK(out.find("-->") == std::string::npos);
  CHECK(out.find("<!--") == std::string::npos);
}
