#pragma once
// Escaping for the Markdown format: every text of the catalog passes through here once, at
// render time, so that no model text can break the page (a line break in a list item, a table
// pipe, an HTML comment closed early, something that reads as a placeholder).
#include <string>

namespace pf {

/// One line: line breaks and tabs become spaces, runs of spaces one space, no trailing space;
/// `{`/`}` become `(`/`)`, `|` becomes `/`; `-->` and `<!--` are neutralised (`->`, `<!-`).
/// Linear in the length of the text.
std::string md_inline(const std::string& s);

}  // namespace pf
