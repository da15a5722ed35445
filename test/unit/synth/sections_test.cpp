// Where the top-risk table points (synth/sections.h where_of): the element the item is keyed on.
#include <catch2/catch.hpp>

#include <memory>

#include "synth/sections.h"

using namespace pf;

namespace {

Provenance::Bound bound(const std::string& name, const std::string& key, int line) {
  Provenance::Bound b;
  b.name = name;
  b.kind = "step";
  b.key = key;
  b.loc.file = std::make_shared<const std::string>("m.yaml");
  b.loc.line = line;
  return b;
}

}  // namespace

TEST_CASE("top risks: the location is the element the item is keyed on", "[synth][sections]") {
  Provenance p;
  p.each = "step";
  // bindings come in name order: the capture in another flow sorts before the step itself
  p.elements = {bound("capture", "ship.capture", 40), bound("flow", "order", 10), bound("step", "order.auth", 12)};
  CHECK(where_of(p, "authorization-captured-elsewhere@order.auth") == "m.yaml:12");
  // a merged item (@*) points at its first match, bound under its kind's name (not at a
  // `let:` name that happens to be a kind's name, like `ledger` in a rule over transitions)
  CHECK(where_of(p, "some-rule@*") == "m.yaml:12");
  Provenance t;
  t.each = "transition";
  t.elements = {bound("ledger", "orders", 29), bound("transition", "order:a->b", 157)};
  t.elements[0].kind = "ledger";
  t.elements[1].kind = "transition";
  CHECK(where_of(t, "r@*") == "m.yaml:157");
  // else at the first element it covers
  Provenance m;
  m.elements = {bound("capture", "ship.capture", 40), bound("matches", "order.auth2", 14)};
  CHECK(where_of(m, "some-rule@*") == "m.yaml:14");
  // no element with the key, no own binding, no matches: the first located element
  m.elements.pop_back();
  CHECK(where_of(m, "some-rule@elsewhere") == "m.yaml:40");
  // an element without a location is skipped
  Provenance q;
  q.elements = {bound("step", "order.auth", 0), bound("flow", "order", 10)};
  CHECK(where_of(q, "r@order.auth") == "m.yaml:10");
  CHECK(where_of(Provenance{}, "r@x").empty());
}
