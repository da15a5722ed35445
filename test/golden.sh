#!/usr/bin/env bash
# Golden catalogs per sample: samples/<name>/model.yaml -> test/golden/<name>/catalog.{ko.md,en.md,json}.
# Compares byte for byte with the library digest left out (a rule edit changes it in every file; the
# items that edit changes are what a reviewer needs), and for a sample that differs prints the diff
# item by item, keyed by item id with numbering normalised (test/golden_diff.py), then the first
# lines of the text diff. Every catalog (Markdown and JSON) must also pass the project's own format
# checker (policyforge lint --model), and generating twice must give the same bytes.
#   test/golden.sh BINARY                  compare (run from the repository root)
#   test/golden.sh BINARY --update-golden  regenerate the expected files, explicitly
set -u
bin=${1:?usage: golden.sh BINARY [--update-golden]}
update=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
# The library digest, written in the Markdown header and the JSON field, as one fixed word.
undigest() {
  sed -E -e 's/(library sha256:)[0-9a-f]{64}/\1(digest)/' \
    -e 's/("library_sha256": ")[0-9a-f]{64}/\1(digest)/' "$1"
}
for model in samples/*/model.yaml; do
  name=$(basename "$(dirname "$model")")
  want=test/golden/$name
  mkdir -p "$want"
  changed=0
  for out in catalog.ko.md catalog.en.md catalog.json; do
    case $out in
      catalog.ko.md) args=(--lang ko) ;;
      catalog.en.md) args=(--lang en) ;;
      catalog.json) args=(--lang ko --format json) ;;
    esac
    n=$((n + 1))
    if ! "$bin" generate "$model" "${args[@]}" -o "$tmp/$out" 2>"$tmp/err"; then
      echo "FAIL $name/$out: generate failed"; cat "$tmp/err"; fail=$((fail + 1)); continue
    fi
    "$bin" generate "$model" "${args[@]}" -o "$tmp/again" 2>/dev/null
    if ! cmp -s "$tmp/$out" "$tmp/again"; then
      echo "FAIL $name/$out: two runs gave different bytes"; fail=$((fail + 1))
    fi
    if ! "$bin" lint "$tmp/$out" --model "$model" >"$tmp/check" 2>&1; then
      echo "FAIL $name/$out: policyforge lint"; cat "$tmp/check"; fail=$((fail + 1))
    fi
    if [ "$update" = "--update-golden" ]; then
      cp "$tmp/$out" "$want/$out"
    elif [ ! -f "$want/$out" ]; then
      echo "FAIL $name/$out: no golden file (run test/golden.sh $bin --update-golden)"; fail=$((fail + 1))
    elif ! diff -u <(undigest "$want/$out") <(undigest "$tmp/$out") >"$tmp/diff"; then
      echo "FAIL $name/$out differs from the golden file:"; head -60 "$tmp/diff"; fail=$((fail + 1))
      changed=1
    fi
  done
  # What changed, item by item (ids, not numbers), from the JSON catalog of this sample.
  if [ "$changed" = 1 ] && [ -f "$want/catalog.json" ] && command -v python3 >/dev/null; then
    echo "--- $name: items changed (test/golden_diff.py; numbers, ranks and digest ignored)"
    mkdir -p "$tmp/new/$name" && cp "$tmp/catalog.json" "$tmp/new/$name/catalog.json"
    (cd "$tmp/new" && python3 "$OLDPWD/test/golden_diff.py" "$OLDPWD/$want/catalog.json" "$name/catalog.json")
  fi
done
[ "$update" = "--update-golden" ] && echo "golden files regenerated"
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
