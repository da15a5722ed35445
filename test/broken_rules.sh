#!/usr/bin/env bash
# Broken rules: each folder of test/broken-rules/ is loaded beside the library with --rules;
# `rules lint` must print exactly the lines of its `expect` file (located messages and notes,
# source excerpts aside) and exit with the code of its `# exit:` line.
set -u
bin=${1:?usage: broken_rules.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for dir in test/broken-rules/*/; do
  dir=${dir%/}
  n=$((n + 1))
  "$bin" --rules "$dir" rules lint >/dev/null 2>"$tmp/err"
  code=$?
  want_code=$(sed -n 's/^# exit: //p' "$dir/expect")
  grep -v '^# exit: ' "$dir/expect" >"$tmp/want"
  grep -v '^  ' "$tmp/err" | grep -v '^[0-9]* errors\?$' >"$tmp/got"
  ok=1
  [ "$code" = "$want_code" ] || { echo "FAIL $dir: exit $code, expected $want_code"; ok=0; }
  diff -u "$tmp/want" "$tmp/got" >"$tmp/diff" || { echo "FAIL $dir: messages differ:"; cat "$tmp/diff"; ok=0; }
  [ $ok -eq 1 ] || fail=$((fail + 1))
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
