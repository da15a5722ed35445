#include "graph/dot.h"

#include <fmt/format.h>

#include "util/subprocess.h"

namespace pf {

namespace {

// Presentation only: colours and shapes, no words.
constexpr const char* kGraphAttrs =
    "  graph [fontname=\"sans-serif\", fontsize=11, bgcolor=\"transparent\", nodesep=0.3, ranksep=0.35];\n"
    "  node [fontname=\"sans-serif\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6f8\", "
    "color=\"#6b7785\"];\n"
    "  edge [fontname=\"sans-serif\", fontsize=9, color=\"#6b7785\", arrowsize=0.7];\n";
constexpr const char* kMarkedNode = "fillcolor=\"#fde2e1\", color=\"#c62828\", penwidth=2, class=\"failure-point\"";
constexpr const char* kMarkedEdge = "color=\"#c62828\", fontcolor=\"#c62828\", penwidth=2.2, class=\"defective\"";

std::string mark_attrs(const DotMark& m) {
  std::string a;
  if (!m.url.empty()) a += ", URL=" + dot_quote(m.url) + ", target=\"_self\"";
  if (!m.tooltip.empty()) a += ", tooltip=" + dot_quote(m.tooltip);
  return a;
}

std::string strip_comments(std::string s) {
  for (std::size_t at = s.find("<!--"); at != std::string::npos; at = s.find("<!--", at)) {
    std::size_t end = s.find("-->", at);
    if (end == std::string::npos) {
      s.erase(at);
      break;
    }
    std::size_t stop = end + 3;
    if (stop < s.size() && s[stop] == '\n') ++stop;
    s.erase(at, stop - at);
  }
  return s;
}

}  // namespace

std::string dot_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (c != '\r') out += c;
  }
  return out + "\"";
}

std::string flow_dot(const Flow& f, const FlowGraph& g, const std::map<int, DotMark>& marked, const std::string& prefix) {
  std::string o = fmt::format("digraph {} {{\n  id={};\n  rankdir=LR;\n{}", dot_quote(prefix), dot_quote(prefix),
                              kGraphAttrs);
  o += fmt::format("  start [shape=circle, label=\"\", width=0.16, style=filled, fillcolor=\"#37474f\", "
                   "color=\"#37474f\", id={}, tooltip={}];\n",
                   dot_quote(prefix + "-start"), dot_quote(f.trigger.name));
  for (std::size_t i = 0; i < f.steps.size(); ++i) {
    const Step& s = f.steps[i];
    std::string label = !s.action ? s.id : s.id + "\n" + std::string(name_of(*s.action));
    std::string attrs = fmt::format("label={}, id={}", dot_quote(label), dot_quote(fmt::format("{}-s{}", prefix, i)));
    if (auto it = marked.find(static_cast<int>(i)); it != marked.end())
      attrs += std::string(", ") + kMarkedNode + mark_attrs(it->second);
    o += fmt::format("  s{} [{}];\n", i, attrs);
  }
  // Steps in topological order so that the drawing follows the flow.
  const std::vector<int>& order = g.topo.size() == f.steps.size() ? g.topo : std::vector<int>{};
  for (std::size_t i = 0; i < f.steps.size(); ++i) {
    int s = order.empty() ? static_cast<int>(i) : order[i];
    if (g.pred.size() > static_cast<std::size_t>(s) && g.pred[s].empty()) o += fmt::format("  start -> s{};\n", s);
    if (g.succ.size() > static_cast<std::size_t>(s))
      for (int t : g.succ[s]) o += fmt::format("  s{} -> s{};\n", s, t);
  }
  auto index_of = [&](const std::string& id) {
    for (std::size_t i = 0; i < f.steps.size(); ++i)
      if (f.steps[i].id == id) return static_cast<int>(i);
    return -1;
  };
  for (const auto& c : f.compensations) {
    int from = index_of(c.step.name);
    for (const auto& u : c.undo) {
      int to = index_of(u.name);
      if (from >= 0 && to >= 0)
        o += fmt::format("  s{} -> s{} [style=dashed, constraint=false, color=\"#8d6e63\", class=\"compensation\"];\n",
                         from, to);
    }
  }
  return o + "}\n";
}

std::string lifecycle_dot(const Lifecycle& lc, const StateGraph& g, const std::map<int, DotMark>& marked,
                          const std::string& prefix) {
  std::string o = fmt::format("digraph {} {{\n  id={};\n  rankdir=LR;\n{}", dot_quote(prefix), dot_quote(prefix),
                              kGraphAttrs);
  o += fmt::format("  start [shape=point, width=0.12, color=\"#37474f\", id={}];\n", dot_quote(prefix + "-start"));
  for (std::size_t i = 0; i < g.states.size(); ++i) {
    bool terminal = false;
    for (const auto& t : lc.terminal) terminal = terminal || t.name == g.states[i];
    o += fmt::format("  q{} [label={}, shape={}, style=filled, id={}];\n", i, dot_quote(g.states[i]),
                     terminal ? "doublecircle" : "ellipse", dot_quote(fmt::format("{}-q{}", prefix, i)));
  }
  if (g.initial >= 0) o += fmt::format("  start -> q{};\n", g.initial);
  for (std::size_t i = 0; i < lc.transitions.size() && i < g.from.size(); ++i) {
    if (g.from[i] < 0 || g.to[i] < 0) continue;
    std::string attrs = fmt::format("label={}, id={}", dot_quote(lc.transitions[i].by.name),
                                    dot_quote(fmt::format("{}-t{}", prefix, i)));
    if (auto it = marked.find(static_cast<int>(i)); it != marked.end())
      attrs += std::string(", ") + kMarkedEdge + mark_attrs(it->second);
    o += fmt::format("  q{} -> q{} [{}];\n", g.from[i], g.to[i], attrs);
  }
  return o + "}\n";
}

SvgResult dot_to_svg(const std::string& dot_path, const std::string& dot) {
  SvgResult r;
  ProcessResult p = run_process({dot_path, "-Tsvg"}, dot);
  if (!p.started) {
    r.error = p.error;
    return r;
  }
  if (p.exit_code != 0) {
    r.error = fmt::format("{} exited with status {}: {}", dot_path, p.exit_code, p.err);
    return r;
  }
  std::size_t at = p.out.find("<svg");
  if (at == std::string::npos) {
    r.error = fmt::format("{} wrote no SVG", dot_path);
    return r;
  }
  r.svg = strip_comments(p.out.substr(at));
  return r;
}

}  // namespace pf
