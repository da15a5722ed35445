#!/usr/bin/env bash
# Broken models: each must be refused with exit 2, a FILE:LINE:COLUMN location for every
# problem listed in its `# expect:` lines, and no output file.
set -u
bin=${1:?usage: cli_errors.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for model in test/broken/*.yaml; do
  n=$((n + 1))
  out=$tmp/out.md
  "$bin" generate "$model" -o "$out" >/dev/null 2>"$tmp/err"
  code=$?
  ok=1
  [ "$code" -eq 2 ] || { echo "FAIL $model: exit $code, expected 2"; ok=0; }
  [ ! -e "$out" ] || { echo "FAIL $model: an output file was written"; ok=0; }
  ls "$tmp" | grep -q '\.tmp\.' && { echo "FAIL $model: a temporary file was left behind"; ok=0; }
  while IFS= read -r want; do
    grep -qF -- "$want" "$tmp/err" || { echo "FAIL $model: missing '$want' in:"; sed 's/^/    /' "$tmp/err"; ok=0; }
  done < <(sed -n 's/^# expect: //p' "$model")
  "$bin" validate "$model" >/dev/null 2>&1
  [ $? -eq 2 ] || { echo "FAIL $model: validate did not exit 2"; ok=0; }
  [ $ok -eq 1 ] || fail=$((fail + 1))
done
# A file that does not exist, and an empty one.
n=$((n + 1))
"$bin" generate "$tmp/none.yaml" -o "$tmp/o.md" 2>"$tmp/err"; code=$?
if [ $code -ne 2 ] || ! grep -q "none.yaml: error: cannot open file" "$tmp/err"; then echo "FAIL missing file"; fail=$((fail + 1)); fi
n=$((n + 1))
: >"$tmp/empty.yaml"
"$bin" generate "$tmp/empty.yaml" -o "$tmp/o.md" 2>"$tmp/err"; code=$?
if [ $code -ne 2 ] || ! grep -q "empty.yaml:1:1: error: empty document" "$tmp/err" || [ -e "$tmp/o.md" ]; then
  echo "FAIL empty file"; cat "$tmp/err"; fail=$((fail + 1))
fi
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
