#!/usr/bin/env bash
# The installed package carries the facts its rules cite: `cmake --install` into a temporary
# prefix, then the installed binary (which finds its library in ../share/policyforge) must
# pass `rules lint`, every citation resolving in share/policyforge/docs/references.md.
# usage: citations.sh BUILD_DIR   (from the repository root)
set -u
build=${1:?usage: citations.sh BUILD_DIR}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
[ -f "$tmp/share/policyforge/docs/references.md" ] || { echo "FAIL: references.md is not installed"; exit 1; }
out=$("$tmp/bin/policyforge" --library "$tmp/share/policyforge" rules lint 2>&1) || {
  echo "FAIL: rules lint of the installed library:"; echo "$out" | head -20; exit 1; }
echo "installed library: $(echo "$out" | tail -1)"
