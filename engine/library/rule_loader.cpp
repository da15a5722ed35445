#include "library/rule_loader.h"

#include <algorithm>
#include <fmt/format.h>

#include "model/enums.h"

namespace pf {

namespace {

Condition parse_condition(YamlCtx& ctx, const YAML::Node& n, const std::string& what, int& serial);

std::vector<Test> parse_tests(YamlCtx& ctx, const YAML::Node& v, const std::string& what) {
  std::vector<Test> out;
  auto lit = [&](const YAML::Node& s) -> std::optional<Literal> {
    if (!s.IsScalar()) {
      ctx.diags().error(ctx.loc(s), fmt::format("{}: expected a single value", what));
      return std::nullopt;
    }
    return make_literal(s.Scalar());
  };
  if (v.IsScalar()) {
    if (auto l = lit(v)) out.push_back(Test{Test::Op::Eq, {*l}});
  } else if (v.IsSequence()) {
    Test t{Test::Op::In, {}};
    for (const auto& x : v)
      if (auto l = lit(x)) t.args.push_back(*l);
    if (t.args.empty()) ctx.diags().error(ctx.loc(v), fmt::format("{}: an empty list matches nothing", what));
    else out.push_back(t);
  } else if (v.IsMap()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      // yaml-cpp's iterator hands out a temporary pair: keep copies (handles), not references.
      const YAML::Node key_node = it->first, val = it->second;
      std::string name = key_node.Scalar();
      auto op = parse_op(name);
      if (!op) {
        std::vector<std::string> names;  // the operator table of match/condition.cpp, in order
        for (int o = 0; o <= static_cast<int>(Test::Op::CountEq); ++o)
          names.emplace_back(op_name(static_cast<Test::Op>(o)));
        std::string hint = closest(name, names);
        ctx.diags().error(ctx.loc(key_node), fmt::format("{}: unknown operator '{}'", what, name),
                          hint.empty() ? "" : fmt::format("did you mean '{}'?", hint));
        continue;
      }
      Test t{*op, {}};
      if (val.IsSequence() && (*op == Test::Op::In || *op == Test::Op::NotIn)) {
        for (const auto& x : val)
          if (auto l = lit(x)) t.args.push_back(*l);
      } else if (auto l = lit(val)) {
        t.args.push_back(*l);
      }
      if (t.args.empty()) continue;
      bool needs_bool = *op == Test::Op::Exists || *op == Test::Op::Empty;
      bool needs_num = *op == Test::Op::CountGe || *op == Test::Op::CountLe || *op == Test::Op::CountEq;
      bool needs_order = *op == Test::Op::Lt || *op == Test::Op::Le || *op == Test::Op::Gt || *op == Test::Op::Ge;
      if (needs_bool && !t.args[0].b)
        ctx.diags().error(ctx.loc(val), fmt::format("{}: '{}' takes true or false", what, name));
      else if (needs_num && !t.args[0].num)
        ctx.diags().error(ctx.loc(val), fmt::format("{}: '{}' takes a number", what, name));
      else if (needs_order && !t.args[0].num && !t.args[0].dur)
        ctx.diags().error(ctx.loc(val), fmt::format("{}: '{}' takes a number or an ISO-8601 duration", what, name));
      else
        out.push_back(std::move(t));
    }
  } else {
    ctx.diags().error(ctx.loc(v), fmt::format("{}: expected a value, a list or operators", what));
  }
  return out;
}

Condition parse_condition(YamlCtx& ctx, const YAML::Node& n, const std::string& what, int& serial) {
  Condition c;
  c.loc = ctx.loc(n);
  c.serial = ++serial;
  if (!ctx.visit(n)) return c;
  if (!n.IsMap() || n.size() != 1) {
    ctx.diags().error(c.loc, fmt::format("{}: each condition is a mapping with one key", what));
    c.type = Condition::Type::Any;  // an empty `any` never holds
    return c;
  }
  auto it = n.begin();
  const YAML::Node key_node = it->first, v = it->second;  // copies: the iterator's pair is a temporary
  std::string key = key_node.IsScalar() ? key_node.Scalar() : std::string();
  if (key == "any" || key == "not") {
    c.type = key == "any" ? Condition::Type::Any : Condition::Type::Not;
    if (v.IsSequence()) c.children = parse_conditions(ctx, v, what, serial);
    else c.children.push_back(parse_condition(ctx, v, what, serial));
    if (c.children.empty()) ctx.diags().error(c.loc, fmt::format("{}: '{}' needs conditions", what, key));
    return c;
  }
  if (key == "before" || key == "after") {
    c.type = key == "before" ? Condition::Type::Before : Condition::Type::After;
    MapReader r(ctx, v, fmt::format("'{}' in {}", key, what), {"where", "path", "bind"});
    if (!r.ok()) return c;
    c.children = parse_conditions(ctx, r.get("where"), what, serial);
    std::string path = r.str("path").value_or("some");
    if (path != "some" && path != "every")
      ctx.diags().error(r.value_loc("path"), fmt::format("{}: path must be 'some' or 'every', not '{}'", what, path));
    c.every = path == "every";
    c.bind = r.str("bind").value_or("");
    if (!c.bind.empty() && !valid_id(c.bind))
      ctx.diags().error(r.value_loc("bind"), fmt::format("{}: invalid bind name '{}'", what, c.bind));
    return c;
  }
  c.type = Condition::Type::Test;
  c.path = parse_path(key, ctx.loc(key_node), false);
  if (c.path.parts.empty()) {
    ctx.diags().error(ctx.loc(key_node), fmt::format("{}: bad attribute path '{}'", what, key));
    return c;
  }
  c.tests = parse_tests(ctx, v, fmt::format("{} '{}'", what, key));
  return c;
}

}  // namespace

std::vector<Condition> parse_conditions(YamlCtx& ctx, const YAML::Node& list, const std::string& what, int& serial) {
  std::vector<Condition> out;
  if (!list.IsDefined() || list.IsNull()) return out;
  if (!list.IsSequence()) {
    ctx.diags().error(ctx.loc(list), fmt::format("{}: conditions are a list", what));
    return out;
  }
  for (const auto& n : list) out.push_back(parse_condition(ctx, n, what, serial));
  return out;
}

namespace {

LangText read_lang_text(YamlCtx& ctx, const YAML::Node& n, const std::string& what, Diagnostics& diags) {
  LangText t;
  MapReader r(ctx, n, what, {"ko", "en", "when"});
  if (!r.ok()) return t;
  auto ko = r.str("ko", true), en = r.str("en", true);
  if (ko) t.ko = parse_text(*ko, r.value_loc("ko"), diags);
  if (en) t.en = parse_text(*en, r.value_loc("en"), diags);
  return t;
}

std::vector<EmitText> read_emit_texts(YamlCtx& ctx, MapReader& r, const char* key, const std::string& what,
                                      Diagnostics& diags, int& serial) {
  std::vector<EmitText> out;
  for (const auto& n : r.seq(key)) {
    EmitText e;
    e.text = read_lang_text(ctx, n, fmt::format("{} in {}", key, what), diags);
    if (n.IsMap() && n["when"]) e.when = parse_conditions(ctx, n["when"], what, serial);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::optional<Rule> load_rule_text(const std::string& path, const std::string& text, const std::string& area,
                                   Diagnostics& diags, int& serial) {
  auto doc = open_yaml_text(path, text, diags);
  if (!doc) return std::nullopt;
  YamlCtx& ctx = *doc->ctx;
  MapReader r(ctx, doc->root, "rule",
              {"id", "title", "class", "severity", "surfaces", "addresses", "references", "supersedes", "match", "emit",
               "intent"});
  if (!r.ok()) return std::nullopt;
  Rule rule;
  rule.file = path;
  rule.area = area;
  rule.loc = r.loc();
  auto id = r.str("id", true);
  rule.id = id.value_or("");
  std::string what = fmt::format("rule '{}'", rule.id);
  rule.title = r.str("title", true).value_or("");
  rule.intent = r.str("intent").value_or("");
  rule.severity = r.str("severity").value_or("medium");
  static const std::vector<std::string> sev = {"low", "medium", "high", "critical"};
  auto s = std::find(sev.begin(), sev.end(), rule.severity);
  if (s == sev.end())
    diags.error(r.value_loc("severity"), fmt::format("unknown severity '{}' in {}", rule.severity, what),
                "expected critical, high, medium or low");
  else
    rule.severity_rank = static_cast<int>(s - sev.begin()) + 1;
  for (const auto& n : r.seq("surfaces")) {
    int k = n.IsScalar() ? std::atoi(n.Scalar().c_str()) : 0;
    if (k < 1 || k > 12) diags.error(ctx.loc(n), fmt::format("surface '{}' in {} is not 1 to 12", n.Scalar(), what));
    else rule.surfaces.push_back(k);
  }
  for (const auto& a : r.str_list("addresses")) {
    if (!breach_kinds().find(a))
      diags.error(r.value_loc("addresses"), fmt::format("unknown breach kind '{}' in {}", a, what),
                  closest(a, breach_kinds().strings()).empty()
                      ? ""
                      : fmt::format("did you mean '{}'?", closest(a, breach_kinds().strings())));
    rule.addresses.push_back(a);
  }
  rule.references = r.str_list("references");
  rule.rule_class = r.str("class").value_or("control");
  static const std::vector<std::string> classes = {"defect", "control", "hygiene"};
  if (std::find(classes.begin(), classes.end(), rule.rule_class) == classes.end())
    diags.error(r.value_loc("class"), fmt::format("unknown class '{}' in {}", rule.rule_class, what),
                "expected defect, control or hygiene");
  rule.supersedes = r.str_list("supersedes");
  MapReader m(ctx, r.get("match"), fmt::format("the match of {}", what), {"each", "where", "let", "group"});
  if (m.ok()) {
    auto each = m.str("each", true);
    if (each) {
      auto k = parse_kind(*each);
      if (!k) {
        std::string hint = closest(*each, kind_names());
        diags.error(m.value_loc("each"), fmt::format("unknown element kind '{}' in {}", *each, what),
                    hint.empty() ? "" : fmt::format("did you mean '{}'?", hint));
      } else {
        rule.each = *k;
      }
    }
    rule.where = parse_conditions(ctx, m.get("where"), what, serial);
    YAML::Node let = m.get("let");
    if (let.IsMap()) {
      for (auto it = let.begin(); it != let.end(); ++it) {
        const YAML::Node key_node = it->first, val = it->second;
        std::string name = key_node.Scalar();
        if (!valid_id(name)) diags.error(ctx.loc(key_node), fmt::format("invalid let name '{}' in {}", name, what));
        Path p = parse_path(val.IsScalar() ? val.Scalar() : "", ctx.loc(val), false);
        if (p.parts.empty()) diags.error(ctx.loc(val), fmt::format("bad path for let '{}' in {}", name, what));
        else rule.let.emplace_back(name, p);
      }
    } else if (!let.IsNull()) {
      diags.error(m.value_loc("let"), fmt::format("'let' of {} must map names to paths", what));
    }
    rule.group = m.boolean("group").value_or(false);
  } else {
    return std::nullopt;
  }
  MapReader e(ctx, r.get("emit"), fmt::format("the emit of {}", what),
              {"failure_mode", "policy", "ledger_row", "questions", "assumptions", "finding"});
  if (e.ok()) {
    rule.failure_mode = e.str("failure_mode").value_or("");
    rule.policy = e.str("policy").value_or("");
    rule.ledger_row = e.str("ledger_row").value_or("");
    rule.questions = read_emit_texts(ctx, e, "questions", what, diags, serial);
    if (e.has("finding")) rule.finding = read_lang_text(ctx, e.get("finding"), fmt::format("the finding of {}", what), diags);
    rule.assumptions = read_emit_texts(ctx, e, "assumptions", what, diags, serial);
  }
  return rule;
}

}  // namespace pf
