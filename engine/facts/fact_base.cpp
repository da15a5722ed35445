#include "facts/fact_base.h"

#include <algorithm>

namespace pf {

Element& FactBase::add(Kind kind, std::string key, Loc loc) {
  auto& idx = index_[static_cast<std::size_t>(kind)];
  // Derived keys can collide (two transitions between the same states): number the rest.
  std::string unique = key;
  for (int n = 2; idx.count(unique); ++n) unique = key + "#" + std::to_string(n);
  Element& e = store_.emplace_back();
  e.kind = kind;
  e.key = unique;
  e.loc = std::move(loc);
  idx.emplace(e.key, &e);
  by_kind_[static_cast<std::size_t>(kind)].push_back(&e);
  if (kind == Kind::Service) service_ = &e;
  return e;
}

void FactBase::annotate(const Element* e, const std::string& name, Value v) {
  index_[static_cast<std::size_t>(e->kind)].at(e->key)->set(name, std::move(v));
}

const Element* FactBase::find(Kind k, const std::string& key) const {
  const auto& idx = index_[static_cast<std::size_t>(k)];
  auto it = idx.find(key);
  return it == idx.end() ? nullptr : it->second;
}

const FlowGraph* FactBase::graph(const Element* flow) const {
  auto it = graphs.find(flow);
  return it == graphs.end() ? nullptr : &it->second;
}

const std::vector<const Element*>& FactBase::flow_steps(const Element* flow) const {
  static const std::vector<const Element*> none;
  auto it = steps_of_flow.find(flow);
  return it == steps_of_flow.end() ? none : it->second;
}

const Element* FactBase::flow_of(const Element* step) const {
  static const AttrId flow = attr_id("flow");
  const Value* v = step->get(flow);
  return v && v->type == Value::Type::Ref ? v->ref : nullptr;
}

void FactBase::finish() {
  for (auto& e : store_) e.compact();
  for (auto& list : by_kind_)
    std::sort(list.begin(), list.end(), [](const Element* a, const Element* b) { return a->key < b->key; });
}

}  // namespace pf
