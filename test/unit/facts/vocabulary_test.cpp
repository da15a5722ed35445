// docs/rule-language.md declares the attributes of every element kind (the engine's vocabulary
// table is generated from it); the fact builder sets them. On the samples, the two must agree:
// nothing set that the document does not declare, nothing declared that is not set, and every
// value of the declared type.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "../support.h"
#include "facts/vocabulary.h"

using namespace pf;
using namespace pf::test;

namespace {

std::vector<std::string> sample_models() {
  std::vector<std::string> out;
  for (const auto& dir : std::filesystem::directory_iterator(repo_root() + "/samples")) {
    auto model = dir.path() / "model.yaml";
    if (std::filesystem::exists(model)) out.push_back(model.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const char* shape_name(Value::Type t) {
  switch (t) {
    case Value::Type::Null: return "null";
    case Value::Type::Bool: return "bool";
    case Value::Type::Num: return "num";
    case Value::Type::Str: return "str";
    case Value::Type::Dur: return "dur";
    case Value::Type::Ref: return "ref";
    case Value::Type::List: return "list";
  }
  return "?";
}

/// Empty when `v` fits `t`; else why not.
std::string mismatch(const Value& v, const AttrType& t) {
  using S = AttrType::Shape;
  auto fits_item = [&](const Value& x) {
    if (!t.of) return x.type == Value::Type::Str || x.type == Value::Type::Ref;  // list<str> or untyped list
    return x.type == Value::Type::Ref && x.ref && x.ref->kind == *t.of;
  };
  switch (t.shape) {
    case S::Any: return {};
    case S::Bool: return v.type == Value::Type::Bool ? "" : std::string("a ") + shape_name(v.type);
    case S::Str: return v.is_null() || v.type == Value::Type::Str ? "" : std::string("a ") + shape_name(v.type);
    case S::Num: return v.is_null() || v.type == Value::Type::Num ? "" : std::string("a ") + shape_name(v.type);
    case S::Dur: return v.is_null() || v.type == Value::Type::Dur ? "" : std::string("a ") + shape_name(v.type);
    case S::Ref:
      if (v.is_null()) return {};
      if (v.type != Value::Type::Ref) return std::string("a ") + shape_name(v.type);
      if (t.of && v.ref->kind != *t.of) return "a ref to a " + std::string(kind_name(v.ref->kind));
      return {};
    case S::List:
      if (v.type != Value::Type::List) return std::string("a ") + shape_name(v.type);
      for (const auto& x : v.list)
        if (!fits_item(x)) return std::string("a list holding a ") + shape_name(x.type);
      return {};
  }
  return "?";
}

constexpr Kind kAllKinds[] = {Kind::Service,   Kind::Ledger,     Kind::Integration, Kind::Operation, Kind::Event,
                              Kind::Flow,      Kind::Step,       Kind::Lifecycle,   Kind::Transition, Kind::Tool,
                              Kind::Job,       Kind::Bottleneck, Kind::Breach,      Kind::LedgerPair};

}  // namespace

TEST_CASE("vocabulary: the table is sorted and every name resolves", "[vocabulary]") {
  for (Kind k : kAllKinds) {
    INFO(kind_name(k));
    const auto& v = vocabulary(k);
    CHECK_FALSE(v.empty());
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) CHECK(v[i - 1].name < v[i].name);  // sorted, no name twice
      CHECK(find_attr(k, v[i].name) == &v[i]);
    }
    CHECK(find_attr(k, "no_such_attribute") == nullptr);
  }
  CHECK(type_name(find_attr(Kind::Step, "call")->type) == "ref<operation>");
  CHECK(type_name(find_attr(Kind::Step, "ledgers")->type) == "list<ledger>");
  CHECK(type_name(find_attr(Kind::Step, "ttl")->type) == "dur");
  CHECK(type_name(find_attr(Kind::Service, "jurisdictions")->type) == "list<str>");
  CHECK(type_name(find_attr(Kind::LedgerPair, "source")->type) == "ref<ledger>");
  CHECK(type_name(find_attr(Kind::Flow, "step_count")->type) == "num");
  CHECK(type_name(find_attr(Kind::Integration, "critical")->type) == "bool");
  CHECK(type_name(find_attr(Kind::Transition, "by_kind")->type) == "str");
}

TEST_CASE("vocabulary: kind names round-trip", "[vocabulary]") {
  for (Kind k : kAllKinds) CHECK(parse_kind(kind_name(k)) == k);
  CHECK(kind_names().size() == kKindCount);
  CHECK(kind_name(Kind::LedgerPair) == "ledger_pair");
  CHECK_FALSE(parse_kind("steps").has_value());
}

TEST_CASE("vocabulary: the samples' facts and the document agree", "[vocabulary][samples]") {
  auto models = sample_models();
  REQUIRE(models.size() >= 4);
  std::set<Kind> seen_kinds;
  for (const auto& path : models) {
    INFO(path);
    Analysis a = facts_of(read(path));
    for (Kind k : kAllKinds) {
      const auto& elements = a.facts->of(k);
      if (!elements.empty()) seen_kinds.insert(k);
      for (const Element* e : elements) {
        INFO(std::string(kind_name(k)) + " " + e->key);
        CHECK(e->kind == k);
        CHECK(a.facts->find(k, e->key) == e);
        // Everything the builder sets is declared, with a value of the declared type.
        for (const auto& [name, value] : e->attributes()) {
          const AttrDef* def = find_attr(k, name);
          INFO("attribute '" << name << "'");
          CHECK(def != nullptr);
          if (def) CHECK(mismatch(*value, def->type) == "");
        }
        // Everything declared is set (possibly to null).
        for (const auto& def : vocabulary(k)) {
          INFO("declared attribute '" << def.name << "' is not set");
          CHECK(e->get(def.name) != nullptr);
        }
      }
    }
  }
  // The samples between them show every kind, so the checks above cover the whole vocabulary.
  for (Kind k : kAllKinds) {
    INFO(kind_name(k));
    CHECK(seen_kinds.count(k) == 1);
  }
}

TEST_CASE("vocabulary: a model with every optional section empty still sets every attribute", "[vocabulary]") {
  Analysis a = facts_of(R"(version: 1
service: {name: S}
ledgers: [{id: l, kind: other}]
flows: [{id: f, steps: [{id: s, do: notify}]}]
)");
  for (Kind k : kAllKinds)
    for (const Element* e : a.facts->of(k))
      for (const auto& def : vocabulary(k)) {
        INFO(std::string(kind_name(k)) + " " + e->key + "." + std::string(def.name));
        CHECK(e->get(def.name) != nullptr);
      }
  CHECK(a.facts->of(Kind::Service).size() == 1);
  CHECK(a.facts->of(Kind::LedgerPair).empty());
}
