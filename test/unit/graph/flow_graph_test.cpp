#include <catch2/catch.hpp>

#include <optional>

#include "../support.h"
#include "graph/flow_graph.h"

using namespace pf;
using namespace pf::test;

namespace {

struct S {
  const char* id;
  std::optional<std::vector<const char*>> after;  ///< nullopt: no `after:` key at all
};

Flow flow(std::initializer_list<S> steps) {
  Flow f;
  f.id = "f";
  auto file = std::make_shared<const std::string>("m.yaml");
  int line = 1;
  for (const auto& s : steps) {
    Step st;
    st.id = s.id;
    st.loc = Loc{file, ++line, 7};
    if (s.after) {
      st.has_after = true;
      int col = 40;
      for (const char* a : *s.after) st.after.push_back(Ref{a, Loc{file, line, col += 3}});
    }
    f.steps.push_back(st);
  }
  return f;
}

FlowGraph graph(const Flow& f) {
  Diagnostics d;
  FlowGraph g = build_flow_graph(f, d);
  INFO(d.format());
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(g.acyclic);
  return g;
}

std::vector<char> hits(std::size_t n, std::initializer_list<int> on) {
  std::vector<char> h(n, 0);
  for (int i : on) h[i] = 1;
  return h;
}

/// Every edge goes forward in the topological order, and rank is its inverse.
void check_topological(const FlowGraph& g) {
  REQUIRE(g.topo.size() == g.succ.size());
  for (std::size_t i = 0; i < g.topo.size(); ++i) CHECK(g.rank[g.topo[i]] == static_cast<int>(i));
  for (std::size_t v = 0; v < g.succ.size(); ++v)
    for (int w : g.succ[v]) CHECK(g.rank[v] < g.rank[w]);
}

using V = std::vector<int>;

// a -> b, a -> c, b -> d, c -> d
Flow diamond() { return flow({{"a"}, {"b"}, {"c", std::vector<const char*>{"a"}}, {"d", std::vector<const char*>{"b", "c"}}}); }

}  // namespace

TEST_CASE("flow graph: steps run in the listed order by default", "[flow_graph]") {
  FlowGraph g = graph(flow({{"a"}, {"b"}, {"c"}}));
  CHECK(g.flow != nullptr);
  CHECK(g.succ == std::vector<V>{{1}, {2}, {}});
  CHECK(g.pred == std::vector<V>{{}, {0}, {1}});
  CHECK(g.topo == V{0, 1, 2});
  CHECK(g.rank == V{0, 1, 2});
}

TEST_CASE("flow graph: `after:` replaces the implicit predecessor", "[flow_graph]") {
  SECTION("a diamond") {
    FlowGraph g = graph(diamond());
    CHECK(g.succ == std::vector<V>{{1, 2}, {3}, {3}, {}});
    CHECK(g.pred == std::vector<V>{{}, {0}, {0}, {1, 2}});
    CHECK(g.topo.front() == 0);
    CHECK(g.topo.back() == 3);
    check_topological(g);
  }
  SECTION("a step after a later-listed one") {
    FlowGraph g = graph(flow({{"a", std::vector<const char*>{"c"}}, {"b"}, {"c", std::vector<const char*>{}}}));
    CHECK(g.succ == std::vector<V>{{1}, {}, {0}});
    CHECK(g.pred == std::vector<V>{{2}, {0}, {}});
    CHECK(g.topo == V{2, 0, 1});
    check_topological(g);
  }
  SECTION("an empty `after:` makes a second start") {
    FlowGraph g = graph(flow({{"a"}, {"b", std::vector<const char*>{}}, {"c"}}));
    CHECK(g.succ == std::vector<V>{{}, {2}, {}});
    CHECK(g.pred == std::vector<V>{{}, {}, {1}});
    check_topological(g);
  }
  SECTION("duplicate and unknown names in `after:` are ignored by the graph") {
    FlowGraph g = graph(flow({{"a"}, {"b", std::vector<const char*>{"a", "a", "zzz"}}}));
    CHECK(g.succ == std::vector<V>{{1}, {}});
    CHECK(g.pred == std::vector<V>{{}, {0}});
  }
}

TEST_CASE("flow graph: a cycle is reported, spelled out, at the `after:` entry", "[flow_graph]") {
  SECTION("three steps") {
    Flow f = flow({{"a", std::vector<const char*>{"c"}}, {"b"}, {"c"}});
    Diagnostics d;
    FlowGraph g = build_flow_graph(f, d);
    CHECK_FALSE(g.acyclic);
    REQUIRE(d.error_count() == 1);
    CHECK(d.all()[0].message == "cycle in the 'after' order of flow 'f': a -> b -> c -> a");
    CHECK(d.all()[0].loc.str() == "m.yaml:2:43");  // the `c` in a's `after:`
    CHECK(g.topo == V{0, 1, 2});
    std::vector<char> all(3, 1);
    CHECK(nearest_later_some(g, all) == V{-1, -1, -1});
    CHECK(nearest_earlier_every(g, all) == V{-1, -1, -1});
    CHECK(longest_wait_to(g, {1, 1, 1}, all) == std::vector<std::int64_t>{-1, -1, -1});
  }
  SECTION("a step after itself") {
    Diagnostics d;
    FlowGraph g = build_flow_graph(flow({{"a"}, {"b", std::vector<const char*>{"b"}}}), d);
    CHECK_FALSE(g.acyclic);
    REQUIRE(d.error_count() == 1);
    CHECK(d.all()[0].message == "cycle in the 'after' order of flow 'f': b -> b");
    CHECK(d.all()[0].loc.str() == "m.yaml:3:43");
  }
  SECTION("in a model, through the whole pipeline") {
    std::string out = errors_of(R"(version: 1
service: {name: Shop}
ledgers:
  - {id: orders, kind: order}
flows:
  - id: checkout
    steps:
      - {id: a, do: write, ledger: orders, after: [c]}
      - {id: b, do: write, ledger: orders}
      - {id: c, do: write, ledger: orders}
)");
    CHECK(out ==
          "m.yaml:8:52: error: cycle in the 'after' order of flow 'checkout': a -> b -> c -> a\n"
          "        - {id: a, do: write, ledger: orders, after: [c]}\n"
          "                                                     ^\n"
          "1 error\n");
  }
}

TEST_CASE("flow graph: nearest later step on some path / on every path", "[flow_graph]") {
  SECTION("a chain picks the nearest") {
    FlowGraph g = graph(flow({{"a"}, {"b"}, {"c"}, {"d"}}));
    auto h = hits(4, {2, 3});
    CHECK(nearest_later_some(g, h) == V{2, 2, 3, -1});
    CHECK(nearest_later_every(g, h) == V{2, 2, 3, -1});
    CHECK(nearest_later_some(g, hits(4, {})) == V{-1, -1, -1, -1});
  }
  SECTION("a diamond with a hit on one branch") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {1});
    CHECK(nearest_later_some(g, h) == V{1, -1, -1, -1});
    CHECK(nearest_later_every(g, h) == V{-1, -1, -1, -1});  // a -> c -> d avoids b
  }
  SECTION("a diamond with a hit where the branches join") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {3});
    CHECK(nearest_later_some(g, h) == V{3, 3, 3, -1});
    CHECK(nearest_later_every(g, h) == V{3, 3, 3, -1});
  }
  SECTION("a diamond with a hit on both branches: every path meets one") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {1, 2});
    V every = nearest_later_every(g, h);
    CHECK((every[0] == 1 || every[0] == 2));
    CHECK(every[0] == nearest_later_some(g, h)[0]);
    CHECK(g.rank[every[0]] == std::min(g.rank[1], g.rank[2]));  // the nearer in the order
    CHECK(every[1] == -1);
    CHECK(every[3] == -1);
  }
  SECTION("the step itself never counts as its own later step") {
    FlowGraph g = graph(flow({{"a"}, {"b"}}));
    CHECK(nearest_later_some(g, hits(2, {0})) == V{-1, -1});
  }
}

TEST_CASE("flow graph: nearest earlier step on some path / on every path", "[flow_graph]") {
  SECTION("a chain picks the nearest") {
    FlowGraph g = graph(flow({{"a"}, {"b"}, {"c"}, {"d"}}));
    auto h = hits(4, {0, 1});
    CHECK(nearest_earlier_some(g, h) == V{-1, 0, 1, 1});
    CHECK(nearest_earlier_every(g, h) == V{-1, 0, 1, 1});
  }
  SECTION("a diamond with a hit on one branch") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {2});
    CHECK(nearest_earlier_some(g, h) == V{-1, -1, -1, 2});
    CHECK(nearest_earlier_every(g, h) == V{-1, -1, -1, -1});  // a -> b -> d avoids c
  }
  SECTION("a diamond with a hit at the start") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {0});
    CHECK(nearest_earlier_some(g, h) == V{-1, 0, 0, 0});
    CHECK(nearest_earlier_every(g, h) == V{-1, 0, 0, 0});
  }
  SECTION("a diamond with a hit on both branches") {
    FlowGraph g = graph(diamond());
    auto h = hits(4, {1, 2});
    V every = nearest_earlier_every(g, h);
    CHECK((every[3] == 1 || every[3] == 2));
    CHECK(g.rank[every[3]] == std::max(g.rank[1], g.rank[2]));  // the nearer: later in the order
    CHECK(every[0] == -1);
  }
}

TEST_CASE("flow graph: longest wait to a target", "[flow_graph]") {
  SECTION("a chain sums the steps strictly between") {
    FlowGraph g = graph(flow({{"a"}, {"b"}, {"c"}, {"d"}}));
    std::vector<std::int64_t> w{1000, 5, 7, 2000};
    CHECK(longest_wait_to(g, w, hits(4, {3})) == std::vector<std::int64_t>{12, 7, 0, -1});
    CHECK(longest_wait_to(g, w, hits(4, {1})) == std::vector<std::int64_t>{0, -1, -1, -1});
    CHECK(longest_wait_to(g, w, hits(4, {})) == std::vector<std::int64_t>{-1, -1, -1, -1});
  }
  SECTION("a diamond takes the longer branch") {
    FlowGraph g = graph(diamond());
    std::vector<std::int64_t> w{0, 10, 30, 0};
    CHECK(longest_wait_to(g, w, hits(4, {3})) == std::vector<std::int64_t>{30, 0, 0, -1});
    CHECK(longest_wait_to(g, std::vector<std::int64_t>{0, 50, 30, 0}, hits(4, {3})) ==
          std::vector<std::int64_t>{50, 0, 0, -1});
  }
  SECTION("sums saturate at the largest value instead of wrapping around") {
    FlowGraph g = graph(flow({{"a"}, {"b"}, {"c"}, {"d"}}));
    std::vector<std::int64_t> w{0, INT64_MAX - 1, INT64_MAX - 1, 0};
    CHECK(longest_wait_to(g, w, hits(4, {3})) == std::vector<std::int64_t>{INT64_MAX, INT64_MAX - 1, 0, -1});
  }
  SECTION("a diamond with the target on one branch only") {
    FlowGraph g = graph(diamond());
    std::vector<std::int64_t> w{0, 10, 30, 0};
    CHECK(longest_wait_to(g, w, hits(4, {1})) == std::vector<std::int64_t>{0, -1, -1, -1});
  }
}
