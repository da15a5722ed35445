#pragma once
// How text lands on a terminal: characters, display width (wide Hangul and CJK take two
// cells, combining marks none) and control characters made visible, for diagnostics.
#include <cstddef>
#include <string>
#include <string_view>

namespace pf {

/// Decodes one UTF-8 character at `i`; returns its code point and advances `i` (an invalid
/// byte is returned as itself, negated, and `i` moves by one).
long next_code_point(std::string_view s, std::size_t& i);
/// Terminal cells of one code point: 0 (combining), 1 or 2 (East Asian wide and fullwidth).
int code_point_width(long cp);
/// Terminal cells of a UTF-8 string (a tab counts as one; callers keep tabs as tabs).
std::size_t display_width(std::string_view s);
/// The 1-based column in characters of a 1-based column in bytes, on one line.
int char_column(std::string_view line, int byte_col);
/// The text with control characters, DEL, C1 controls and invalid UTF-8 written as escapes
/// (\n, \t, \x1b), so that no input can move the cursor or fake a line on standard error.
/// `keep_tabs` leaves tabs as they are (source lines under which a caret is drawn).
std::string escape_controls(std::string_view s, bool keep_tabs = false);
/// A file name safe to print inside any output: control characters, DEL, invalid UTF-8 and
/// the bytes % < > | ` percent-encoded (RFC 3986 style), valid UTF-8 text kept as it is.
std::string percent_encode_unsafe(std::string_view s);
/// The blanks (tabs kept as tabs) that put a caret under the character at a 1-based byte
/// column of `line`, as the line is shown after escape_controls(line, true).
std::string caret_pad(std::string_view line, int byte_col);

}  // namespace pf
