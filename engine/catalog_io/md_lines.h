#pragma once
// Markdown, line by line: HTML comments out (their "id:" kept), headings, list items, tables.
#include <string>
#include <string_view>
#include <vector>

namespace pf::cio {

struct MdLine {
  int number = 0;       ///< 1-based line in the file
  std::string text;     ///< comments removed, trailing spaces and \r removed
  std::string id;       ///< from an "<!-- id: X -->" comment on this line
  int heading = -1;     ///< -1 not a heading; 1..6 '#' level; 0 a line that is bold and nothing else
  std::string title;    ///< heading text without '#' or bold markers
  bool item = false;    ///< a list item
  bool numbered = false;
  int indent = 0;       ///< columns before the marker
  std::string body;     ///< the item's text after its marker
  bool table = false;   ///< "| ... |"
  bool blank = true;
};

/// Splits the text into lines and classifies each.
std::vector<MdLine> md_lines(std::string_view text);
/// Removes "**" and "__" emphasis markers.
std::string unbold(std::string_view s);
/// Trims spaces at both ends.
std::string trim(std::string_view s);
/// Text as written, with CommonMark's backslash escapes (`\~`, `\*`, `\|`, ...) undone outside
/// code spans: what the catalog's writer escaped reads back as the text it escaped.
std::string md_unescape(std::string_view s);
/// Cells of a table row, trimmed; empty for a separator row ("| --- |").
std::vector<std::string> table_cells(const std::string& row, bool& separator);
/// ASCII lower case.
std::string lower(std::string_view s);

}  // namespace pf::cio
