# Shared by the shell tests: an absolute $bin, a scratch $tmp removed on exit, and check().
# Source it after setting bin=${1:?usage: ...}; finish with the script's own summary.
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
check() {  # check NAME COMMAND...
  n=$((n + 1))
  local name=$1; shift
  if ! "$@"; then echo "FAIL $name"; fail=$((fail + 1)); fi
}
