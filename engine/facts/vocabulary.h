#pragma once
// The attributes each element kind exposes to rules and templates, with their types. Rules and
// templates are checked against this table at load time; docs/rule-language.md lists the same.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/value.h"

namespace pf {

/// An attribute's type: scalar, ref to a kind, or list of a kind (or of strings).
struct AttrType {
  enum class Shape { Str, Num, Bool, Dur, Ref, List, Any };
  Shape shape = Shape::Str;
  std::optional<Kind> of;  ///< Ref/List: the element kind (List without kind: strings)
};

struct AttrDef {
  std::string_view name;
  AttrType type;
};

/// The attributes of a kind, sorted by name.
const std::vector<AttrDef>& vocabulary(Kind k);
/// The attribute's definition, or nullptr.
const AttrDef* find_attr(Kind k, std::string_view name);
std::string type_name(const AttrType& t);

}  // namespace pf
