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

namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

bool write_all(int fd, std::string_view data) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(w);
  }
  return true;
}

// The file a path finally names: symbolic links are followed (even to a file not yet created),
// so that `-o link` updates what the link points to and the link stays a link.
std::string follow_links(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p(path);
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec)) || ec) break;
    fs::path t = fs::read_symlink(p, ec);
    if (ec) break;
    p = t.is_absolute() ? t : p.parent_path() / t;
  }
  return p.string();
}

// The mode of a new file: what open(2) would give, 0666 less the process's umask.
mode_t new_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// A FIFO, a terminal or /dev/null cannot be replaced by a rename: write into it as it is.
std::string write_in_place(const std::string& path, const std::string& data) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno_text("cannot open");
  if (!write_all(fd, data)) {
    std::string err = errno_text("cannot write");
    ::close(fd);
    return err;
  }
  if (::close(fd) != 0) return errno_text("cannot close");
  return {};
}

}  // namespace

std::string write_file_atomically(const std::string& requested, const std::string& data) {
  return write_file_atomically(requested, [&](const std::function<void(std::string_view)>& write) { write(data); });
}

std::string write_file_atomically(const std::string& requested, const Producer& produce) {
  namespace fs = std::filesystem;
  std::string path = follow_links(requested);
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return "is a directory";
  if (exists && !S_ISREG(st.st_mode)) {
    std::string data;
    produce([&](std::string_view piece) { data.append(piece); });
    return write_in_place(path, data);
  }
  // An existing file keeps its permissions; a new one gets those the umask allows.
  mode_t mode = exists ? (st.st_mode & 07777) : new_file_mode();

  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) return errno_text("cannot create a temporary file");
  std::string err;  // the first write that failed; later pieces are dropped
  try {
    produce([&](std::string_view piece) {
      if (err.empty() && !write_all(fd, piece)) err = errno_text("cannot write");
    });
  } catch (...) {
    ::close(fd);
    ::unlink(name.data());
    throw;
  }
  if (!err.empty()) {
    ::close(fd);
    ::unlink(name.data());
    return err;
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    std::string err = errno_text("cannot flush");
    ::close(fd);
    ::unlink(name.data());
    return err;
  }
  if (::close(fd) != 0) {
    std::string err = errno_text("cannot flush");
    ::unlink(name.data());
    return err;
  }
  if (std::rename(name.data(), path.c_str()) != 0) {
    std::string err = errno_text("cannot rename into place");
    ::unlink(name.data());
    return err;
  }
  return {};
}

}  // namespace pf
