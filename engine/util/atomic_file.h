#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace pf {
/// Writes `data` to `path` whole or not at all: a temporary file beside it, then rename.
/// A symbolic link is followed (the file it names is replaced, the link stays); a FIFO or a
/// character device (/dev/stdout) is written in place; an existing file keeps its mode and a
/// new one gets 0666 less the umask. Returns an error message, or empty on success.
std::string write_file_atomically(const std::string& path, const std::string& data);

/// Hands each piece of a text to `write`, in order.
using Producer = std::function<void(const std::function<void(std::string_view)>& write)>;
/// The same for a text made piece by piece, written into the temporary file as it comes (never
/// held whole, except for a FIFO or device, which gets it whole at the end). When `produce`
/// throws, nothing is written and the exception passes on.
std::string write_file_atomically(const std::string& path, const Producer& produce);
}  // namespace pf
