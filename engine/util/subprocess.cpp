#include "util/subprocess.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pf {

namespace {

/// A pipe whose ends close themselves.
struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
  void close(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
  ~Pipe() {
    close(0);
    close(1);
  }
};

bool executable(const std::string& path) { return !path.empty() && ::access(path.c_str(), X_OK) == 0; }

/// Feeds `input` to `in` while draining `out` and `err`, so that neither side blocks.
void pump(int in, int out, int err, const std::string& input, ProcessResult& r) {
  std::size_t written = 0;
  // Non-blocking, so that a write never waits for a child that waits for us to read.
  if (in >= 0) ::fcntl(in, F_SETFL, ::fcntl(in, F_GETFL) | O_NONBLOCK);
  if (input.empty()) {
    ::close(in);
    in = -1;
  }
  char buf[65536];
  while (out >= 0 || err >= 0) {
    pollfd fds[3];
    int n = 0;
    int idx_in = -1, idx_out = -1, idx_err = -1;
    if (in >= 0) fds[idx_in = n++] = {in, POLLOUT, 0};
    if (out >= 0) fds[idx_out = n++] = {out, POLLIN, 0};
    if (err >= 0) fds[idx_err = n++] = {err, POLLIN, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (idx_in >= 0 && fds[idx_in].revents) {
      bool writable = (fds[idx_in].revents & POLLOUT) && !(fds[idx_in].revents & (POLLERR | POLLHUP));
      ssize_t w = writable ? ::write(in, input.data() + written, input.size() - written) : -1;
      if (w > 0) written += static_cast<std::size_t>(w);
      bool again = writable && w < 0 && (errno == EAGAIN || errno == EINTR);
      if ((w < 0 && !again) || written == input.size()) {
        ::close(in);
        in = -1;
      }
    }
    auto drain = [&](int idx, int& fd, std::string& into) {
      if (idx < 0 || !fds[idx].revents) return;
      ssize_t got = ::read(fd, buf, sizeof buf);
      if (got > 0) into.append(buf, static_cast<std::size_t>(got));
      else if (got == 0 || errno != EINTR) {
        ::close(fd);
        fd = -1;
      }
    };
    drain(idx_out, out, r.out);
    drain(idx_err, err, r.err);
  }
  if (in >= 0) ::close(in);
}

}  // namespace

std::string find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return executable(name) ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + name;
    if (executable(candidate)) return candidate;
    start = end + 1;
  }
  return {};
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input) {
  ProcessResult r;
  if (argv.empty()) {
    r.error = "no program to run";
    return r;
  }
  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    r.error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err.fd[1], 2);
  std::vector<char*> args;
  std::vector<std::string> copy = argv;
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, copy[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    r.error = std::string("cannot run ") + argv[0] + ": " + std::strerror(rc);
    return r;
  }
  r.started = true;
  in.close(0);
  out.close(1);
  err.close(1);
  // A child that exits early must not kill us with SIGPIPE while we write its input.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old);
  pump(in.fd[1], out.fd[0], err.fd[0], input, r);
  in.fd[1] = out.fd[0] = err.fd[0] = -1;  // closed by pump
  ::sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace pf
