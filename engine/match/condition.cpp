#include "match/condition.h"

#include "match/resolve.h"

#include <cmath>
#include <cstdlib>

namespace pf {

Literal make_literal(const std::string& text) {
  Literal l;
  l.text = text;
  if (text == "true") l.b = true;
  if (text == "false") l.b = false;
  char* end = nullptr;
  double d = text.empty() ? 0 : std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(d)) l.num = d;
  l.dur = parse_duration(text);
  return l;
}

namespace {
constexpr std::pair<Test::Op, std::string_view> kOps[] = {
    {Test::Op::Eq, "eq"},           {Test::Op::Ne, "ne"},           {Test::Op::In, "in"},
    {Test::Op::NotIn, "not_in"},    {Test::Op::Lt, "lt"},           {Test::Op::Le, "le"},
    {Test::Op::Gt, "gt"},           {Test::Op::Ge, "ge"},           {Test::Op::Exists, "exists"},
    {Test::Op::Empty, "empty"},     {Test::Op::Contains, "contains"}, {Test::Op::CountGe, "count_ge"},
    {Test::Op::CountLe, "count_le"}, {Test::Op::CountEq, "count_eq"}};
}

std::string_view op_name(Test::Op op) {
  for (auto& [o, n] : kOps)
    if (o == op) return n;
  return "?";
}

namespace {

std::string literal_list(const std::vector<Literal>& args) {
  std::string out = "[";
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i].text;
  return out + "]";
}

std::string conditions_text(const std::vector<Condition>& cs) {
  std::string out = "[";
  for (std::size_t i = 0; i < cs.size(); ++i) out += (i ? ", " : "") + std::string("{") + condition_text(cs[i]) + "}";
  return out + "]";
}

}  // namespace

std::string condition_text(const Condition& c) {
  switch (c.type) {
    case Condition::Type::Any: return "any: " + conditions_text(c.children);
    case Condition::Type::Not:
      return "not: " + (c.children.size() == 1 ? "{" + condition_text(c.children[0]) + "}" : conditions_text(c.children));
    case Condition::Type::Before:
    case Condition::Type::After: {
      std::string out = std::string(c.type == Condition::Type::Before ? "before" : "after") + ": {where: " +
                        conditions_text(c.children) + ", path: " + (c.every ? "every" : "some");
      if (!c.bind.empty()) out += ", bind: " + c.bind;
      return out + "}";
    }
    case Condition::Type::Test: break;
  }
  const std::string& path = c.path.text;  // as written, `$` included
  if (c.tests.size() == 1 && c.tests[0].op == Test::Op::Eq && c.tests[0].args.size() == 1)
    return path + ": " + c.tests[0].args[0].text;
  if (c.tests.size() == 1 && c.tests[0].op == Test::Op::In) return path + ": " + literal_list(c.tests[0].args);
  std::string ops;
  for (const auto& t : c.tests) {
    ops += (ops.empty() ? "" : ", ") + std::string(op_name(t.op)) + ": ";
    ops += t.args.size() == 1 && t.op != Test::Op::In && t.op != Test::Op::NotIn ? t.args[0].text : literal_list(t.args);
  }
  return path + ": {" + ops + "}";
}

std::optional<Test::Op> parse_op(std::string_view s) {
  for (auto& [o, n] : kOps)
    if (n == s) return o;
  return std::nullopt;
}

namespace {

void step_into(const Value& v, AttrId part, std::vector<Value>& out) {
  if (v.type == Value::Type::Ref) {
    const Value* x = v.ref->get(part);
    if (x) out.push_back(*x);
  } else if (v.type == Value::Type::List) {
    for (const auto& item : v.list) step_into(item, part, out);
  }
}

}  // namespace

const std::vector<AttrId>& Path::ids() const {
  if (ids_.size() != parts.size()) {
    ids_.clear();
    for (const auto& part : parts) ids_.push_back(attr_id(part));
  }
  return ids_;
}

const Value* resolve_in_place(const Element* self, const Bindings& b, const Path& p, Value& scratch) {
  static const Value null{};
  if (p.parts.empty()) return &null;
  const auto& ids = p.ids();
  std::size_t i = 0;
  const Value* at = nullptr;
  if (p.from_binding) {
    auto it = b.find(p.parts[0]);
    if (it == b.end()) return &null;
    at = &it->second;
    i = 1;
  } else {
    if (!self) return &null;
    at = self->get(ids[0]);
    if (!at) return &null;
    i = 1;
  }
  // Along single references nothing is copied: only a value reached through a list is built.
  // A missing attribute makes the whole path null.
  for (; i < p.parts.size() && at->type == Value::Type::Ref; ++i) {
    at = at->ref->get(ids[i]);
    if (!at) return &null;
  }
  if (i == p.parts.size()) return at;
  if (at->type != Value::Type::List) return &null;
  Value cur = *at;
  for (; i < p.parts.size(); ++i) {
    std::vector<Value> next;
    bool was_list = cur.type == Value::Type::List;
    step_into(cur, ids[i], next);
    if (was_list) {
      Value l;
      l.type = Value::Type::List;
      for (auto& n : next) {
        if (n.type == Value::Type::List) l.list.insert(l.list.end(), n.list.begin(), n.list.end());
        else if (!n.is_null()) l.list.push_back(std::move(n));
      }
      cur = std::move(l);
    } else {
      cur = next.empty() ? Value{} : std::move(next.front());
    }
  }
  scratch = std::move(cur);
  return &scratch;
}

Value resolve(const Element* self, const Bindings& b, const Path& p) {
  Value scratch;
  const Value* v = resolve_in_place(self, b, p, scratch);
  return v == &scratch ? std::move(scratch) : *v;
}

namespace {

bool equals(const Value& v, const Literal& l) {
  switch (v.type) {
    case Value::Type::Null: return false;
    case Value::Type::Bool: return l.b && *l.b == v.b;
    case Value::Type::Num: return l.num && *l.num == v.num;
    case Value::Type::Str: return v.str == l.text;
    case Value::Type::Dur: return l.dur && l.dur->total_ms() == v.dur.total_ms();
    case Value::Type::Ref: return v.ref->key == l.text;
    case Value::Type::List:
      for (const auto& x : v.list)
        if (equals(x, l)) return true;
      return false;
  }
  return false;
}

std::optional<double> literal_number(const Value& v, const Literal& l) {
  if (v.type == Value::Type::Dur) return l.dur ? std::optional<double>(static_cast<double>(l.dur->total_ms())) : std::nullopt;
  return l.num;
}

double count(const Value& v) {
  if (v.type == Value::Type::List) return static_cast<double>(v.list.size());
  return v.is_null() ? 0 : 1;
}

bool one(const Value& v, const Test& t) {
  const Literal& a = t.args.front();
  switch (t.op) {
    case Test::Op::Eq: return equals(v, a);
    case Test::Op::Ne: return !equals(v, a);
    case Test::Op::In:
      for (const auto& x : t.args)
        if (equals(v, x)) return true;
      return false;
    case Test::Op::NotIn:
      for (const auto& x : t.args)
        if (equals(v, x)) return false;
      return true;
    case Test::Op::Lt:
    case Test::Op::Le:
    case Test::Op::Gt:
    case Test::Op::Ge: {
      auto x = v.as_number();
      auto y = literal_number(v, a);
      if (!x || !y) return false;
      if (t.op == Test::Op::Lt) return *x < *y;
      if (t.op == Test::Op::Le) return *x <= *y;
      if (t.op == Test::Op::Gt) return *x > *y;
      return *x >= *y;
    }
    case Test::Op::Exists: return (a.b && *a.b) == !v.is_null();
    case Test::Op::Empty: return (a.b && *a.b) == (count(v) == 0);
    case Test::Op::Contains: return v.type == Value::Type::List && equals(v, a);
    case Test::Op::CountGe: return a.num && count(v) >= *a.num;
    case Test::Op::CountLe: return a.num && count(v) <= *a.num;
    case Test::Op::CountEq: return a.num && count(v) == *a.num;
  }
  return false;
}

}  // namespace

bool check_tests(const Value& v, const std::vector<Test>& tests) {
  for (const auto& t : tests)
    if (!one(v, t)) return false;
  return true;
}

}  // namespace pf
