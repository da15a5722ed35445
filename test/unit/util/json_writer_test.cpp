// The streaming JSON writer prints exactly what nlohmann::ordered_json::dump(2) prints.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "util/json_writer.h"

using namespace pf;
using J = nlohmann::ordered_json;

TEST_CASE("json writer: nested objects and arrays match dump(2)") {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("s", "a \"q\" \\ /\b\f\n\r\t\x01\x1f\x7f é 한");
  w.field("n", -42);
  w.field("t", true);
  w.key("z").null();
  w.field("empty_list", std::vector<std::string>{});
  w.key("empty_obj").begin_object();
  w.end_object();
  w.field("ints", std::vector<int>{1, 2, 3});
  w.key("list").begin_array();
  w.begin_object();
  w.field("k", "v");
  w.key("inner").begin_array();
  w.string("x");
  w.null();
  w.boolean(false);
  w.end_array();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.end_array();
  w.end_object();

  J j;
  j["s"] = "a \"q\" \\ /\b\f\n\r\t\x01\x1f\x7f é 한";
  j["n"] = -42;
  j["t"] = true;
  j["z"] = nullptr;
  j["empty_list"] = J::array();
  j["empty_obj"] = J::object();
  j["ints"] = {1, 2, 3};
  J inner = {{"k", "v"}, {"inner", {"x", nullptr, false}}};
  j["list"] = J::array({inner, J::array()});
  CHECK(out == j.dump(2));
}

TEST_CASE("json writer: top-level scalars and empty containers") {
  std::string a, b;
  JsonWriter(a).string("x");
  CHECK(a == "\"x\"");
  JsonWriter wb(b);
  wb.begin_array();
  wb.end_array();
  CHECK(b == "[]");
}

TEST_CASE("json writer: text that is not UTF-8 is refused, as nlohmann refuses it") {
  for (std::string bad : {std::string("caf\xe9"), std::string("\xc0\xaf"), std::string("\xed\xa0\x80"),
                          std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82")}) {
    std::string out;
    CHECK_THROWS(JsonWriter(out).string(bad));
    CHECK_THROWS(J(bad).dump());
  }
  std::string ok;
  JsonWriter(ok).string("\xf0\x9f\x98\x80");
  CHECK(ok == J("\xf0\x9f\x98\x80").dump());
}

TEST_CASE("json writer: with a spill, the pieces handed over make the same text") {
  auto write = [](JsonWriter& w) {
    w.begin_object();
    w.key("items").begin_array();
    for (int i = 0; i < 40000; ++i) {  // well over the megabyte that makes a piece
      w.begin_object();
      w.field("id", "item-" + std::to_string(i));
      w.field("n", i);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  };
  std::string whole, rest, spilled;
  int pieces = 0;
  JsonWriter a(whole);
  write(a);
  JsonWriter b(rest, [&](std::string& text) {
    spilled += text;
    ++pieces;
  });
  write(b);
  CHECK(pieces >= 1);
  CHECK(spilled + rest == whole);
}
