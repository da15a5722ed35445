#pragma once
// The model's value types read from YAML: durations, enumerations, references. A MapReader
// (util/yaml_reader.h, which knows YAML only) with the model's vocabulary on top.
#include <optional>
#include <string>
#include <vector>

#include "model/duration.h"
#include "model/enums.h"
#include "model/model.h"
#include "util/yaml_reader.h"

namespace pf {

class ModelReader : public MapReader {
 public:
  using MapReader::MapReader;
  std::optional<Duration> duration(std::string_view key);
  std::optional<std::string> enumeration(std::string_view key, const EnumTable& table, bool required = false);
  Ref ref(std::string_view key, bool required = false);
  std::vector<Ref> ref_list(std::string_view key, bool required = false);
};

/// A scalar's text as a ref, reporting non-scalars.
Ref scalar_ref(YamlCtx& ctx, const YAML::Node& n, const std::string& what);

}  // namespace pf
