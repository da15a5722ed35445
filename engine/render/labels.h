#pragma once
// The catalog format's fixed words (spec/catalog.md): surfaces, section headings, field labels.
// ko labels are the prompt's own, letter for letter.
#include <array>
#include <string>
#include <string_view>

namespace pf {

struct Labels {
  std::array<std::string_view, 13> surfaces;  ///< [1..12]
  std::array<std::string_view, 5> sections;
  std::string_view policy_heading;            ///< "정책명:" / "Name:"
  std::array<std::string_view, 12> fields;    ///< SurfaceTag .. Runbook
  std::string_view uncertain;
  std::array<std::string_view, 4> fm_parts;
  std::array<std::string_view, 5> ledger_columns;
  std::string_view title;                     ///< document title suffix
  std::string_view coverage_heading;
  std::array<std::string_view, 5> coverage_columns;
  std::string_view gap;
};

const Labels& labels(const std::string& lang);
/// "[6] 정합성/조정"
std::string surface_tag(int n, const std::string& lang);

}  // namespace pf
