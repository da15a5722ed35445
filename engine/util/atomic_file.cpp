#include "util/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace pf {

std::string write_file_atomically(const std::string& path, const std::string& data) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return std::string("cannot create a temporary file: ") + std::strerror(errno);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      std::string err = std::string("cannot write: ") + std::strerror(errno);
      ::close(fd);
      ::unlink(name.data());
      return err;
    }
    done += static_cast<std::size_t>(w);
  }
  fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(name.data());
    return std::string("cannot flush: ") + std::strerror(errno);
  }
  if (std::rename(name.data(), path.c_str()) != 0) {
    std::string err = std::string("cannot rename into place: ") + std::strerror(errno);
    ::unlink(name.data());
    return err;
  }
  return {};
}

}  // namespace pf
