#!/usr/bin/env bash
# The compiled library cache (engine/library/cache.h, docs/architecture.md): the build writes
# one beside the binary and generate uses it; the catalog and the messages are the same bytes
# with and without it (POLICYFORGE_LIBRARY_CACHE=off); an edited library never uses a cache
# compiled before the edit; a truncated, corrupted or forged cache never crashes and is never
# used unless it decodes whole.
# usage: library_cache.sh BUILD/policyforge   (run from the source tree)
set -eu  # no pipefail: `ls | head -1` and the like end their producer early
pf=$(realpath "$1")
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
built=$(dirname "$pf")/policyforge-library.cache
[ -s "$built" ] || fail "the build wrote no cache at $built"

# 1. The build's cache is used, and changes nothing: every sample and test model, every
#    format and language, standard output and standard error.
POLICYFORGE_LIBRARY_CACHE=report "$pf" generate samples/minimal/model.yaml 2>"$tmp/err" >/dev/null
grep -q "library cache: hit $built" "$tmp/err" || fail "the build's cache was not used: $(cat "$tmp/err")"
same() {  # ARGS...: generate with and without the cache, byte for byte
  local rc1=0 rc2=0
  "$pf" "$@" >"$tmp/with.out" 2>"$tmp/with.err" || rc1=$?
  POLICYFORGE_LIBRARY_CACHE=off "$pf" "$@" >"$tmp/without.out" 2>"$tmp/without.err" || rc2=$?
  [ $rc1 -eq $rc2 ] || fail "$*: exit $rc1 with the cache, $rc2 without"
  cmp -s "$tmp/with.out" "$tmp/without.out" || fail "$*: the output differs with the cache"
  cmp -s "$tmp/with.err" "$tmp/without.err" || fail "$*: the messages differ with the cache"
}
n=0
for model in samples/*/model.yaml test/models/*.yaml; do
  for args in "--lang ko" "--lang en" "--lang ko --format json" "--lang en --format sarif" "--lang en --detail full"; do
    same generate "$model" $args
    n=$((n + 1))
  done
done
same generate samples/ticketing/model.yaml --format html
for model in test/broken/*.yaml; do same generate "$model"; n=$((n + 1)); done

# 2. A copy of the library elsewhere uses a cache compiled from the same files (paths in the
#    messages are the copy's); `rules compile` writes one into the library.
mkdir -p "$tmp/lib"
cp -r rules catalogs "$tmp/lib/"
cp "$built" "$tmp/lib/library.cache"
model=samples/ticketing/model.yaml
POLICYFORGE_LIBRARY_CACHE=report "$pf" --library "$tmp/lib" generate "$model" --lang en >"$tmp/copy.md" 2>"$tmp/err"
grep -q "library cache: hit $tmp/lib/library.cache" "$tmp/err" || fail "a copied library did not use its cache: $(cat "$tmp/err")"
POLICYFORGE_LIBRARY_CACHE=off "$pf" --library "$tmp/lib" generate "$model" --lang en | cmp -s - "$tmp/copy.md" ||
  fail "the copied library's catalog differs with the cache"
rm "$tmp/lib/library.cache"
"$pf" --library "$tmp/lib" rules compile || fail "rules compile"
[ -s "$tmp/lib/library.cache" ] || fail "rules compile wrote no ROOT/library.cache"
POLICYFORGE_LIBRARY_CACHE=report "$pf" --library "$tmp/lib" generate "$model" --lang en 2>"$tmp/err" | cmp -s - "$tmp/copy.md" ||
  fail "the compiled cache gives another catalog"
grep -q "hit $tmp/lib/library.cache" "$tmp/err" || fail "rules compile's cache was not used: $(cat "$tmp/err")"
cp "$tmp/lib/library.cache" "$tmp/good.cache"

# 3. Stale: an edited template, rule or glossary is never served from the cache.


for edit in template rule format; do
  rm -rf "$tmp/lib" && mkdir -p "$tmp/lib" && cp -r rules catalogs "$tmp/lib/" && cp "$tmp/good.cache" "$tmp/lib/library.cache"
  case $edit in
    template) f=$(ls "$tmp"/lib/rules/*/*.policy.yaml | head -1) ;;
    rule) f=$(ls "$tmp"/lib/rules/*/*.yaml | grep -v -e '\.policy\.' -e '\.failure-mode\.' -e '\.ledger-map\.' -e '\.test\.' -e 'fixture-base' | head -1) ;;
    format) f=$tmp/lib/catalogs/format.yaml ;;
  esac
  printf '# edited\n' >>"$f"
  POLICYFORGE_LIBRARY_CACHE=report "$pf" --library "$tmp/lib" generate "$model" --lang en >"$tmp/edited.md" 2>"$tmp/err"
  grep -q "library cache: miss: .*stale" "$tmp/err" || fail "a cache was used after an edited $edit: $(cat "$tmp/err")"
  POLICYFORGE_LIBRARY_CACHE=off "$pf" --library "$tmp/lib" generate "$model" --lang en | cmp -s - "$tmp/edited.md" ||
    fail "after an edited $edit the catalog is not the parsed library's"
  # The digest in the header follows the edit.
  cmp -s "$tmp/edited.md" "$tmp/copy.md" && fail "an edited $edit did not change the library digest"
done
# A real edit of a text that reaches the catalog.
rm -rf "$tmp/lib" && mkdir -p "$tmp/lib" && cp -r rules catalogs "$tmp/lib/" && cp "$tmp/good.cache" "$tmp/lib/library.cache"
word=$(grep -o 'Name: [A-Z][a-z]*' "$tmp/copy.md" | head -1 | cut -d' ' -f2)
[ -n "$word" ] || fail "no policy name in the catalog"
grep -rl --include='*.policy.yaml' -- "name: .*\\b$word\\b" "$tmp"/lib/rules | head -1 >"$tmp/which"
f=$(cat "$tmp/which")
[ -n "$f" ] || fail "no template names '$word'"
sed -i "0,/\\b$word\\b/s//Zebrafied/" "$f"
"$pf" --library "$tmp/lib" generate "$model" --lang en | grep Zebrafied >/dev/null || fail "an edited template text did not reach the catalog"

# 4. Corrupted caches: truncated, bytes flipped, garbage, empty. Never a crash, never used,
#    the catalog is the parsed library's.
#    The copy differs from the source tree by a comment, so that the build's cache beside the
#    binary (tried second) does not match it either.
rm -rf "$tmp/lib" && mkdir -p "$tmp/lib" && cp -r rules catalogs "$tmp/lib/"
printf '# a copy\n' >>"$tmp/lib/catalogs/format.yaml"
"$pf" --library "$tmp/lib" rules compile -o "$tmp/good.cache"
POLICYFORGE_LIBRARY_CACHE=off "$pf" --library "$tmp/lib" generate "$model" --lang en >"$tmp/parsed.md"
size=$(stat -c %s "$tmp/good.cache")
python3 - "$tmp/good.cache" "$tmp/bad" <<'PY'
import os, random, sys
M = (1 << 64) - 1
def mix(h, w):
    h ^= w
    h = (h * 0xFF51AFD7ED558CCD) & M
    return h ^ (h >> 32)
def checksum(b):  # engine/library/cache.cpp, payload_checksum
    k = 0x9E3779B97F4A7C15
    lane = [k, k ^ 1, k ^ 2, k ^ 3]
    i = 0
    while i + 32 <= len(b):
        for l in range(4):
            lane[l] = mix(lane[l], int.from_bytes(b[i + 8 * l:i + 8 * l + 8], 'little'))
        i += 32
    h = len(b)
    for x in lane:
        h = mix(h, x)
    while i < len(b):
        h = mix(h, b[i] + 0x100)
        i += 1
    return ('%016x' % mix(h, h >> 29)).rjust(64, '0').encode()
good = open(sys.argv[1], 'rb').read()
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
rnd = random.Random(14)
cases = {'empty': b'', 'garbage': bytes(rnd.randrange(256) for _ in range(4096)), 'header-only': good[:152]}
for i, cut in enumerate([1, 8, 16, 80, 151, 152, 153, len(good) // 2, len(good) - 1]):
    cases[f'truncated-{i}'] = good[:cut]
cases['padded'] = good + b'\0'
for i in range(12):
    b = bytearray(good)
    at = rnd.randrange(len(b)) if i else 20
    b[at] ^= 1 << rnd.randrange(8)
    cases[f'flipped-{i}'] = bytes(b)
# Forged: a corrupted payload framed again with its own digest, so that only the decoder's
# checks stand between it and the catalog (bounds, counts, enums, file indexes).
head, payload = good[:152], good[152:]
for i in range(20):
    p = bytearray(payload)
    for _ in range(1 + i % 4):
        at = rnd.randrange(len(p))
        p[at] = rnd.choice([0, 0xff, 0x7f, p[at] ^ (1 << rnd.randrange(8))])
    if i % 5 == 4:
        p = p[: rnd.randrange(len(p))]
    h = head[:80] + checksum(bytes(p)) + len(p).to_bytes(8, 'little')
    cases[f'forged-{i}'] = h + bytes(p)
for name, data in cases.items():
    open(os.path.join(out, name), 'wb').write(data)
PY
for bad in "$tmp"/bad/*; do
  name=$(basename "$bad")
  cp "$bad" "$tmp/lib/library.cache"
  rc=0
  POLICYFORGE_LIBRARY_CACHE=report "$pf" --library "$tmp/lib" generate "$model" --lang en >"$tmp/out.md" 2>"$tmp/err" || rc=$?
  [ $rc -le 2 ] || fail "cache '$name': exit $rc (a crash?): $(tail -3 "$tmp/err")"
  case $name in
    forged-*) ;;  # framed as valid: it may decode; it must not crash
    *)
      [ $rc -eq 0 ] || fail "cache '$name': exit $rc"
      grep -q "library cache: miss: $tmp/lib/library.cache" "$tmp/err" || fail "cache '$name' was used: $(cat "$tmp/err")"
      cmp -s "$tmp/out.md" "$tmp/parsed.md" || fail "cache '$name': the catalog differs from the parsed library's"
      ;;
  esac
done
echo "library cache: ok ($n comparisons, $(ls "$tmp"/bad | wc -l) damaged caches, cache $size bytes)"
