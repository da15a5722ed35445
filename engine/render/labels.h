#pragma once
// The catalog format's fixed words (spec/catalog.md): surfaces, section headings, field labels.
// They live in catalogs/format.yaml (keys label_*), ko as the prompt writes them, letter for
// letter; a catalog carries them in its language (Catalog::words).
#include <array>
#include <map>
#include <string>

namespace pf {

struct Labels {
  std::array<std::string, 13> surfaces;  ///< [1..12]
  std::array<std::string, 5> sections;
  std::string policy_heading;            ///< "정책명:" / "Name:"
  std::string policy_marker;             ///< "[Policy #{n}]"
  std::array<std::string, 12> fields;    ///< SurfaceTag .. Runbook
  std::string uncertain;
  std::array<std::string, 4> fm_parts;
  std::array<std::string, 5> ledger_columns;
  std::string title;                     ///< document title suffix
  std::string coverage_heading;
  std::array<std::string, 5> coverage_columns;
  std::string gap;
};

/// The labels among a catalog's words (format.yaml's label_* keys in one language).
Labels labels(const std::map<std::string, std::string>& words);
/// A policy's heading marker (label_policy_marker) with its number: "[Policy #3]".
std::string policy_marker(long long n, const std::string& marker);
/// "[6] 정합성/조정"; a number outside 1..12 is written alone.
std::string surface_tag(int n, const Labels& labels);

}  // namespace pf
