#pragma once
// Escaping for the Markdown format: every text of the catalog passes through here once, at
// render time, so that no model text can break the page (a line break in a list item, a table
// pipe, an HTML comment closed early, something that reads as a placeholder).
#include <string>

namespace pf {

/// One line of text that stays text: line breaks and tabs become spaces, runs of spaces one
/// space, no trailing space; outside code spans every character GFM would read as markup is
/// backslash-escaped ("24~72" would start a strikethrough, "<script>" raw HTML, "*x*" emphasis,
/// "|" a table cell); `{`/`}` become `(`/`)`; `-->` and `<!--` are cut (`->`, `<!-`).
std::string md_inline(const std::string& s);

/// A code span holding `s` as it is (a file:line, an id): blanks folded, and fenced with one
/// more backtick than the longest run inside.
std::string md_code(const std::string& s);

}  // namespace pf
