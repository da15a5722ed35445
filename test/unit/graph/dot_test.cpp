// Flows and lifecycles as DOT (engine/graph/dot.*): quoting, marks, and SVG from Graphviz.
#include <catch2/catch.hpp>

#include <tuple>

#include "graph/dot.h"
#include "util/subprocess.h"

using namespace pf;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

Flow flow() {
  Flow f;
  f.id = "checkout";
  f.trigger = Ref{"user", {}};
  for (auto [id, action] : std::vector<std::pair<const char*, const char*>>{
           {"hold", "reserve"}, {"say \"hi\"", "notify"}, {"release", "release"}}) {
    Step s;
    s.id = id;
    s.action = parse_action(action);
    f.steps.push_back(s);
  }
  f.compensations.push_back(Compensation{Ref{"hold", {}}, {Ref{"release", {}}}});
  return f;
}

Lifecycle lifecycle() {
  Lifecycle lc;
  lc.entity = "order";
  for (const char* s : {"new", "paid", "done"}) lc.states.push_back(Ref{s, {}});
  lc.initial = Ref{"new", {}};
  lc.terminal = {Ref{"done", {}}};
  for (auto [from, to, by] : std::vector<std::tuple<const char*, const char*, const char*>>{
           {"new", "paid", "user"}, {"paid", "done", "timer"}}) {
    Transition t;
    t.from = Ref{from, {}};
    t.to = Ref{to, {}};
    t.by = Ref{by, {}};
    lc.transitions.push_back(t);
  }
  return lc;
}

}  // namespace

TEST_CASE("dot: quoting keeps user text inside one string", "[dot]") {
  CHECK(dot_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(dot_quote("<script>") == "\"<script>\"");  // DOT strings are not markup; Graphviz escapes for SVG
}

TEST_CASE("dot: a flow's steps in order, compensations dashed, failure points marked", "[dot]") {
  Flow f = flow();
  Diagnostics d;
  FlowGraph g = build_flow_graph(f, d);
  std::string dot = flow_dot(f, g, {{0, DotMark{"#policy-2", "shop.checkout.hold"}}}, "flow-1");
  CHECK(has(dot, "id=\"flow-1\""));
  CHECK(has(dot, "start -> s0;"));
  CHECK(has(dot, "s0 -> s1;"));
  CHECK(has(dot, "s1 -> s2;"));
  CHECK(has(dot, "label=\"say \\\"hi\\\"\\nnotify\""));
  CHECK(has(dot, "s0 -> s2 [style=dashed"));
  CHECK(has(dot, "URL=\"#policy-2\""));
  CHECK(has(dot, "class=\"failure-point\""));
  // Only the marked step is a failure point.
  std::size_t first = dot.find("failure-point");
  CHECK(dot.find("failure-point", first + 1) == std::string::npos);
}

TEST_CASE("dot: a lifecycle with its defective transition highlighted and terminal states doubled", "[dot]") {
  Lifecycle lc = lifecycle();
  StateGraph g = build_state_graph(lc);
  std::string dot = lifecycle_dot(lc, g, {{1, DotMark{"#fm-1", "x"}}}, "lifecycle-1");
  CHECK(has(dot, "start -> q0;"));
  CHECK(has(dot, "q2 [label=\"done\", shape=doublecircle"));
  CHECK(has(dot, "q0 -> q1 [label=\"user\", id=\"lifecycle-1-t0\"];"));
  CHECK(has(dot, "q1 -> q2 [label=\"timer\", id=\"lifecycle-1-t1\", color=\"#c62828\""));
  CHECK(has(dot, "class=\"defective\""));
}

TEST_CASE("dot: Graphviz renders inline SVG with no prolog and escaped labels", "[dot][graphviz]") {
  std::string dot_path = find_program("dot");
  if (dot_path.empty()) {
    WARN("Graphviz 'dot' is not installed; skipping the rendering check");
    return;
  }
  SvgResult r = dot_to_svg(dot_path, "digraph g { a [label=\"<b>&\"]; a -> b; }\n");
  REQUIRE(r.error.empty());
  CHECK(r.svg.rfind("<svg", 0) == 0);
  CHECK_FALSE(has(r.svg, "<?xml"));
  CHECK_FALSE(has(r.svg, "<!--"));
  CHECK(has(r.svg, "&lt;b&gt;&amp;"));
  SvgResult bad = dot_to_svg(dot_path, "digraph { -> }");
  CHECK_FALSE(bad.error.empty());
}

TEST_CASE("subprocess: output, errors and exit status of a program", "[subprocess]") {
  std::string sh = find_program("sh");
  REQUIRE_FALSE(sh.empty());
  ProcessResult r = run_process({sh, "-c", "cat; echo oops >&2; exit 3"}, std::string(200000, 'x'));
  CHECK(r.started);
  CHECK(r.exit_code == 3);
  CHECK(r.out.size() == 200000);
  CHECK(r.err == "oops\n");
  CHECK(find_program("no-such-program-for-policyforge").empty());
  ProcessResult missing = run_process({"/nonexistent/dot"}, "");
  CHECK_FALSE(missing.started);
  CHECK_FALSE(missing.error.empty());
}
