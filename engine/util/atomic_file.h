#pragma once
#include <string>

namespace pf {
/// Writes `data` to `path` whole or not at all: a temporary file beside it, then rename.
/// A symbolic link is followed (the file it names is replaced, the link stays); a FIFO or a
/// character device (/dev/stdout) is written in place; an existing file keeps its mode and a
/// new one gets 0666 less the umask. Returns an error message, or empty on success.
std::string write_file_atomically(const std::string& path, const std::string& data);
}  // namespace pf
