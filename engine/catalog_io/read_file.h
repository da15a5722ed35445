#pragma once
// Reads a whole file ("-" is standard input) for the importers; false with a reason on failure.
#include <string>

namespace pf::cio {

bool read_whole_file(const std::string& path, std::string& text, std::string& error);

}  // namespace pf::cio
