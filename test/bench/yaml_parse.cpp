// The benchmark's baseline: yaml-cpp parsing a file and visiting every node, nothing else.
// Every PolicyForge timing in docs/performance.md is a multiple of this program's time on
// the same file in the same run.
#include <yaml-cpp/yaml.h>

#include <cstdio>

namespace {

/// Visits every node so that lazily built parts of the tree are built too.
std::size_t visit(const YAML::Node& n) {
  std::size_t count = 1;
  if (n.IsSequence()) {
    for (const auto& x : n) count += visit(x);
  } else if (n.IsMap()) {
    for (const auto& kv : n) count += visit(kv.first) + visit(kv.second);
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: yaml_parse FILE.yaml\n");
    return 2;
  }
  try {
    YAML::Node root = YAML::LoadFile(argv[1]);
    std::printf("%zu nodes\n", visit(root));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return 0;
}
