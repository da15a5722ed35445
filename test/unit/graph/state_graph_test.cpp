#include <catch2/catch.hpp>

#include "graph/state_graph.h"

using namespace pf;

namespace {

Lifecycle lifecycle(std::vector<const char*> states, const char* initial,
                    std::vector<std::pair<const char*, const char*>> transitions) {
  Lifecycle lc;
  lc.entity = "order";
  for (const char* s : states) lc.states.push_back(Ref{s, {}});
  lc.initial = Ref{initial, {}};
  for (auto [f, t] : transitions) {
    Transition tr;
    tr.from = Ref{f, {}};
    tr.to = Ref{t, {}};
    tr.by = Ref{"user", {}};
    lc.transitions.push_back(tr);
  }
  return lc;
}

using V = std::vector<int>;

}  // namespace

TEST_CASE("state graph: states, transitions and the initial state by index", "[state_graph]") {
  Lifecycle lc = lifecycle({"pending", "paid", "shipped", "pending"}, "pending",
                           {{"pending", "paid"}, {"paid", "shipped"}, {"paid", "nowhere"}, {"pending", "shipped"}});
  StateGraph g = build_state_graph(lc);
  CHECK(g.states == std::vector<std::string>{"pending", "paid", "shipped"});  // duplicates kept once
  CHECK(g.initial == 0);
  CHECK(g.from == V{0, 1, 1, 0});
  CHECK(g.to == V{1, 2, -1, 2});
  CHECK(g.out == std::vector<V>{{0, 3}, {1}, {}});  // transition indices; unknown ends are left out
}

TEST_CASE("state graph: an unknown initial state reaches nothing", "[state_graph]") {
  StateGraph g = build_state_graph(lifecycle({"a", "b"}, "zzz", {{"a", "b"}}));
  CHECK(g.initial == -1);
  CHECK(state_depths(g, {}) == V{-1, -1});
}

TEST_CASE("state graph: depths are shortest paths from the initial state", "[state_graph]") {
  // pending -> paid -> issued -> used; pending -> expired; paid -> cancelled; issued -> cancelled;
  // cancelled -> refunded; refunded -> paid (back); orphan has no way in.
  Lifecycle lc = lifecycle({"pending", "paid", "issued", "used", "expired", "cancelled", "refunded", "orphan"},
                           "pending",
                           {{"pending", "paid"},
                            {"paid", "issued"},
                            {"issued", "used"},
                            {"pending", "expired"},
                            {"paid", "cancelled"},
                            {"issued", "cancelled"},
                            {"cancelled", "refunded"},
                            {"refunded", "paid"},
                            {"orphan", "pending"}});
  StateGraph g = build_state_graph(lc);
  CHECK(state_depths(g, {}) == V{0, 1, 2, 3, 1, 2, 3, -1});
  SECTION("blocked transitions are skipped") {
    std::vector<char> blocked(lc.transitions.size(), 0);
    blocked[0] = 1;  // pending -> paid
    CHECK(state_depths(g, blocked) == V{0, -1, -1, -1, 1, -1, -1, -1});
  }
  SECTION("blocking one route lengthens the path through another") {
    std::vector<char> blocked(lc.transitions.size(), 0);
    blocked[4] = 1;  // paid -> cancelled
    CHECK(state_depths(g, blocked) == V{0, 1, 2, 3, 1, 3, 4, -1});
  }
  SECTION("a short blocked vector blocks only what it covers") {
    CHECK(state_depths(g, std::vector<char>{0, 0, 0, 1}) == V{0, 1, 2, 3, -1, 2, 3, -1});
  }
}

TEST_CASE("state graph: cycles and self-loops terminate", "[state_graph]") {
  StateGraph g = build_state_graph(lifecycle({"a", "b", "c"}, "a", {{"a", "a"}, {"a", "b"}, {"b", "a"}, {"b", "c"}}));
  CHECK(state_depths(g, {}) == V{0, 1, 2});
  CHECK(g.out[0] == V{0, 1});
}
