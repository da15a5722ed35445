#!/usr/bin/env bash
# Packaging: `cmake --install` into a prefix, and the Debian package CPack builds, inspected
# with dpkg-deb: binary, library under /usr/share/policyforge, schemas, man page, bash
# completion, dependencies; the unpacked binary finds its library and writes the same catalog.
# usage: packaging.sh BUILD_DIR   (run from the source tree)
set -euo pipefail
# (Under pipefail a `grep -q` that stops reading early can kill the writer with SIGPIPE and fail
# the pipeline at random; the checks below let grep read everything and drop its output.)
build=$(realpath "$1")
pf=$build/policyforge
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
model=samples/minimal/model.yaml
"$pf" generate "$model" >"$tmp/expected.md"

check_tree() {  # ROOT: the files every installation carries
  local root=$1 f
  for f in bin/policyforge share/policyforge/rules share/policyforge/catalogs/format.yaml \
           share/policyforge/schemas/service-model.schema.json share/policyforge/schemas/catalog.schema.json \
           share/man/man1/policyforge.1.gz share/bash-completion/completions/policyforge; do
    [ -e "$root/$f" ] || fail "$root: missing $f"
  done
  [ ! -e "$root/bin/policyforge-library.path" ] || fail "$root: the build tree's marker was installed"
  (cd "$tmp" && "$root/bin/policyforge" rules lint >/dev/null) || fail "$root: rules lint"
  (cd "$src" && "$root/bin/policyforge" generate "$model") | cmp -s - "$tmp/expected.md" ||
    fail "$root: the installed binary writes a different catalog"
  # The compiled library cache is installed with the library and used.
  [ -s "$root/share/policyforge/library.cache" ] || fail "$root: no share/policyforge/library.cache"
  (cd "$src" && POLICYFORGE_LIBRARY_CACHE=report "$root/bin/policyforge" generate "$model" 2>&1 >/dev/null) |
    grep -q "library cache: hit .*share/policyforge/library.cache" || fail "$root: the installed library cache is not used"
}

# 1. cmake --install keeps working.
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
check_tree "$tmp/prefix"

# 2. The Debian package.
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack"; }
debs=("$tmp"/pkg/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no single .deb: ${debs[*]}"
deb=${debs[0]}
[ "$(dpkg-deb -f "$deb" Package)" = policyforge ] || fail "Package: $(dpkg-deb -f "$deb" Package)"
grep -q "^project(policyforge VERSION $(dpkg-deb -f "$deb" Version) " "$src/CMakeLists.txt" ||
  fail "Version $(dpkg-deb -f "$deb" Version) is not the project's"
dpkg-deb -f "$deb" Depends | grep "libyaml-cpp" >/dev/null || fail "Depends lacks yaml-cpp: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -f "$deb" Recommends | grep "graphviz" >/dev/null || fail "Recommends lacks graphviz"
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/contents"
for f in ./usr/bin/policyforge ./usr/share/policyforge/catalogs/format.yaml ./usr/share/policyforge/schemas/service-model.schema.json \
         ./usr/share/man/man1/policyforge.1.gz ./usr/share/bash-completion/completions/policyforge; do
  grep -qx -- "$f" "$tmp/contents" || fail "the package lacks $f"
done
grep -q '^\./usr/share/policyforge/rules/.*\.yaml$' "$tmp/contents" || fail "the package carries no rules"
if grep -v '^\./usr/' "$tmp/contents" | grep -v '^\./$' >/dev/null; then fail "files outside /usr: $(grep -v '^\./usr/' "$tmp/contents")"; fi
if grep -q "$build\|policyforge-library.path" "$tmp/contents"; then fail "build-tree files in the package"; fi
mode=$(dpkg-deb -c "$deb" | awk '$6 == "./usr/bin/policyforge" {print $1}')
[ "$mode" = "-rwxr-xr-x" ] || fail "/usr/bin/policyforge has mode $mode"

dpkg-deb -x "$deb" "$tmp/root"
file "$tmp/root/usr/bin/policyforge" | grep "ELF 64-bit.*stripped" >/dev/null || fail "$(file "$tmp/root/usr/bin/policyforge")"
if file "$tmp/root/usr/bin/policyforge" | grep "not stripped" >/dev/null; then fail "the packaged binary is not stripped"; fi
check_tree "$tmp/root/usr"

# The man page renders without warnings and documents every command and the environment.
man_out=$(MANWIDTH=100 LC_ALL=C.UTF-8 man --warnings -l "$tmp/root/usr/share/man/man1/policyforge.1.gz" 2>"$tmp/man.err")
[ ! -s "$tmp/man.err" ] || fail "man warnings: $(cat "$tmp/man.err")"
for word in NAME SYNOPSIS "policyforge generate" "policyforge rules lint" POLICYFORGE_LIBRARY /usr/share/policyforge; do
  grep -q -- "$word" <<<"$man_out" || fail "the man page lacks '$word'"
done

# The bash completion completes commands and option values.
complete_words() {  # WORDS...: the candidates for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _policyforge; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$tmp/root/usr/share/bash-completion/completions/policyforge" "$@"
}
complete_words policyforge ge | grep -x generate >/dev/null || fail "completion of 'ge'"
complete_words policyforge generate --format "" | grep -x html >/dev/null || fail "completion of generate --format"
complete_words policyforge rules "" | grep -x lint >/dev/null || fail "completion of rules subcommands"
echo "packaging: ok ($(basename "$deb"))"
