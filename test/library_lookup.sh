#!/usr/bin/env bash
# A binary finds its rule library by --library, POLICYFORGE_LIBRARY, share/policyforge beside
# it, ../share/policyforge, or (build tree) the marker CMake writes next to it; moved away from
# all of them it says so and how to point at one. No source path is compiled in.
# usage: library_lookup.sh BUILD/policyforge   (run from the source tree)
set -euo pipefail
pf=$(realpath "$1")
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
model=samples/minimal/model.yaml

# The build tree's marker names this source tree.
marker=$(dirname "$pf")/policyforge-library.path
[ "$(cat "$marker")" = "$src" ] || fail "marker $marker does not name $src"

# Moved away from its library: a clear error, exit 2, nothing on stdout.
mkdir -p "$tmp/alone"
cp "$pf" "$tmp/alone/policyforge"
for cmd in "rules lint" "generate $model"; do
  set +e
  "$tmp/alone/policyforge" $cmd >"$tmp/out" 2>"$tmp/err"
  rc=$?
  set -e
  [ $rc -eq 2 ] || fail "$cmd away from the library: exit $rc, expected 2"
  [ ! -s "$tmp/out" ] || fail "$cmd away from the library wrote to stdout"
  grep -q "cannot find the rule library" "$tmp/err" || fail "no clear error: $(cat "$tmp/err")"
  grep -q -- "--library DIR" "$tmp/err" || fail "the error does not mention --library"
  grep -q "POLICYFORGE_LIBRARY" "$tmp/err" || fail "the error does not mention POLICYFORGE_LIBRARY"
  grep -q "$tmp/alone/share/policyforge" "$tmp/err" || fail "the error does not say where it looked"
done
if grep -q "$src" "$tmp/err"; then fail "the error names the source tree: $(cat "$tmp/err")"; fi

# Pointed at one, it works: --library, then the environment.
"$tmp/alone/policyforge" --library "$src" rules lint >/dev/null || fail "--library $src"
POLICYFORGE_LIBRARY="$src" "$tmp/alone/policyforge" rules lint >/dev/null || fail "POLICYFORGE_LIBRARY=$src"
# --library wins over the environment.
POLICYFORGE_LIBRARY=/nonexistent "$tmp/alone/policyforge" --library "$src" rules lint >/dev/null ||
  fail "--library does not take precedence over POLICYFORGE_LIBRARY"

# A wrong pointer is named as such.
set +e
POLICYFORGE_LIBRARY="$tmp" "$tmp/alone/policyforge" rules lint 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "POLICYFORGE_LIBRARY: not a rule library" "$tmp/err" || fail "bad POLICYFORGE_LIBRARY: $(cat "$tmp/err")"
set +e
"$tmp/alone/policyforge" --library "$tmp" rules lint 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q -- "--library: not a rule library" "$tmp/err" || fail "bad --library: $(cat "$tmp/err")"

# Beside the binary: share/policyforge next to it, and ../share/policyforge (an install prefix).
copy_library() { mkdir -p "$1/docs" && cp -r "$src/rules" "$src/catalogs" "$1/" && cp "$src/docs/references.md" "$1/docs/"; }
mkdir -p "$tmp/bundle" && cp "$pf" "$tmp/bundle/policyforge" && copy_library "$tmp/bundle/share/policyforge"
"$tmp/bundle/policyforge" rules lint >/dev/null || fail "share/policyforge beside the binary"
mkdir -p "$tmp/prefix/bin" && cp "$pf" "$tmp/prefix/bin/policyforge" && copy_library "$tmp/prefix/share/policyforge"
"$tmp/prefix/bin/policyforge" rules lint >/dev/null || fail "../share/policyforge relative to the binary"
"$tmp/prefix/bin/policyforge" generate "$model" | cmp -s - <("$pf" generate "$model") ||
  fail "the installed layout writes a different catalog"

# A marker naming a folder that is gone: the error names it.
echo "$tmp/gone" >"$tmp/alone/policyforge-library.path"
set +e
"$tmp/alone/policyforge" rules lint 2>"$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] && grep -q "$tmp/gone" "$tmp/err" || fail "stale marker: $(cat "$tmp/err")"

# No compiled-in source path: the binary's read-only data does not hold the source tree or its
# library folders as a string of their own. (AddressSanitizer writes the names of the source
# files it instruments, $src/engine/..., into the same section: those are not a fallback.)
objcopy -O binary --only-section=.rodata "$pf" "$tmp/rodata"
if python3 - "$tmp/rodata" "$src" <<'PY'
import sys
data, src = open(sys.argv[1], "rb").read(), sys.argv[2].encode()
tails = (b"\0", b"/\0", b"/rules", b"/catalogs")
sys.exit(0 if any(src + t in data for t in tails) else 1)
PY
then fail "the binary's data holds the source path $src"; fi
echo "library lookup: ok"
