#pragma once
#include <string>

namespace pf {
/// Writes `data` to `path` whole or not at all: a temporary file beside it, then rename.
/// Returns an error message, or empty on success.
std::string write_file_atomically(const std::string& path, const std::string& data);
}  // namespace pf
