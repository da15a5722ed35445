#pragma once
// Path resolution without copying: the value a path reaches, in place when it is an attribute
// or a binding (the common case), else built in `scratch` (lists mapped over, nulls).
#include "match/condition.h"

namespace pf {

/// Like resolve(), but returns a pointer valid while the element, the bindings and `scratch` are.
const Value* resolve_in_place(const Element* self, const Bindings& b, const Path& p, Value& scratch);

}  // namespace pf
