#include "model/model_reader.h"

#include <fmt/format.h>

namespace pf {

std::optional<Duration> ModelReader::duration(std::string_view key) {
  auto s = scalar(key);
  if (!s) return std::nullopt;
  auto d = parse_duration(*s);
  if (!d) {
    ctx().diags().error(value_loc(key), fmt::format("'{}' of {} is not an ISO-8601 duration: '{}'", key, what(), *s),
                        "write durations like PT10M, PT72H, P5Y or P1DT12H");
  }
  return d;
}

std::optional<std::string> ModelReader::enumeration(std::string_view key, const EnumTable& table, bool required) {
  return one_of(key, table.name, table.strings(), required);
}

Ref ModelReader::ref(std::string_view key, bool required) {
  auto s = scalar(key, required);
  if (!s) return {};
  return Ref{*s, value_loc(key)};
}

std::vector<Ref> ModelReader::ref_list(std::string_view key, bool required) {
  std::vector<Ref> out;
  for (auto& [name, loc] : scalar_list(key, required)) out.push_back(Ref{std::move(name), std::move(loc)});
  return out;
}

Ref scalar_ref(YamlCtx& ctx, const YAML::Node& n, const std::string& what) {
  auto s = scalar_name(ctx, n, what);
  return s ? Ref{std::move(s->first), std::move(s->second)} : Ref{};
}

}  // namespace pf
