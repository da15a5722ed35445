#pragma once
// Stage 7c: the catalog as one self-contained HTML page (no external requests): top-risk table,
// contents by surface, filters (surface, severity, review status), flow and lifecycle diagrams.
// The page's words come from the page data (HtmlPage::words), never from this code.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "synth/catalog.h"

namespace pf {

/// Text escaped for HTML element content and quoted attribute values.
std::string html_escape(std::string_view text);

/// What the filters and the contents know of a failure mode or a policy.
struct HtmlItemMeta {
  std::vector<int> surfaces;
  int severity = 2;                ///< 1 low .. 4 critical
  std::string status;              ///< review status key ("unreviewed", ...)
};

/// One row of the top-risk table.
struct HtmlRisk {
  int rank = 0, severity = 2;
  std::string risk, where, first_action;
  int failure_mode = -1;  ///< index into Catalog::failure_modes, -1 when none
  int policy = -1;        ///< index into Catalog::policies, -1 when none
};

/// A diagram already rendered to inline SVG.
struct HtmlDiagram {
  std::string anchor, title, caption, svg;
  std::vector<int> policies;  ///< items that name one of its elements (indexes into policies)
};

/// Everything the page shows, assembled by the report adapter (render/html_report.cpp).
struct HtmlPage {
  const Catalog* catalog = nullptr;
  /// Page words by key (catalogs/format.yaml html_* keys, plus the catalog's own labels).
  std::map<std::string, std::string> words;
  std::vector<std::string> surface_names;  ///< [1..12], with [0] unused
  std::vector<HtmlItemMeta> failure_modes, policies;  ///< parallel to the catalog's lists
  std::vector<std::string> statuses;                  ///< offered by the status filter, in order
  std::vector<HtmlRisk> top_risk;
  std::vector<HtmlDiagram> flows, lifecycles;
};

std::string render_html(const HtmlPage& page);

}  // namespace pf
