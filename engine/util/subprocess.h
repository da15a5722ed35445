#pragma once
// Running a helper program (Graphviz `dot`) as a subprocess: no shell, input on stdin,
// output and errors captured whole.
#include <string>
#include <vector>

namespace pf {

struct ProcessResult {
  bool started = false;  ///< false when the program could not be run at all (see `error`)
  int exit_code = -1;    ///< the exit status, or 128 + signal when killed by one
  std::string out, err;  ///< everything written to stdout and stderr
  std::string error;     ///< why it did not start
};

/// The full path of `name` found on $PATH (or `name` itself when it holds a '/' and is
/// executable); empty when there is none.
std::string find_program(const std::string& name);

/// Runs argv[0] (a path) with argv, writes `input` to its stdin, and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input);

}  // namespace pf
