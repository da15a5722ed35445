#!/usr/bin/env bash
# Command-line conventions: usage errors exit 2 with a "did you mean", global options work
# after the command, - is standard input and output, every command's --help has examples.
set -u
bin=${1:?usage: cli_conventions.sh BINARY}
source "$(dirname "$0")/lib.sh"
model=samples/ticketing/model.yaml

"$bin" genrate "$model" 2>"$tmp/err"; code=$?
check "a misspelt command exits 2" test $code -eq 2
check "a misspelt command gets a did-you-mean" grep -q "did you mean 'generate'" "$tmp/err"

"$bin" generate "$model" --lnag en 2>"$tmp/err" >/dev/null; code=$?
check "a misspelt option exits 2" test $code -eq 2
check "a misspelt option gets a did-you-mean" grep -q "did you mean '--lang'" "$tmp/err"

"$bin" generate "$model" --lang fr 2>/dev/null >/dev/null; code=$?
check "a bad option value exits 2" test $code -eq 2
"$bin" generate 2>/dev/null >/dev/null; code=$?
check "a missing argument exits 2" test $code -eq 2
"$bin" 2>/dev/null >/dev/null; code=$?
check "no command exits 2" test $code -eq 2

"$bin" --library . generate "$model" --lang en >"$tmp/before.md"
"$bin" generate "$model" --lang en --library . >"$tmp/after.md"
check "a global option works after the command" cmp -s "$tmp/before.md" "$tmp/after.md"

"$bin" generate - --lang en <"$model" >"$tmp/stdin.md"
"$bin" generate "$model" --lang en -o - >"$tmp/dash.md"
check "- reads the model from standard input" test -s "$tmp/stdin.md"
check "-o - writes to standard output" cmp -s "$tmp/before.md" "$tmp/dash.md"
# The same but for the model's name: the header and the top-risk table's file:line say <stdin>.
check "a model from standard input gives the same catalog" \
  diff <(grep -v '^<!-- policyforge' "$tmp/stdin.md") \
       <(grep -v '^<!-- policyforge' "$tmp/dash.md" | sed 's/`model\.yaml:\([0-9]*\)`/`<stdin>:\1`/')
"$bin" validate - <"$model" >/dev/null
check "validate - reads standard input" test $? -eq 0

# Every command (and subcommand) has examples in its --help.
"$bin" --help >"$tmp/help" 2>&1
check "--help exits 0" test $? -eq 0
commands=$(sed -n '/^Subcommands:/,/^$/p' "$tmp/help" | awk 'NR > 1 && NF { print $1 }')
check "--help lists commands" test -n "$commands"
for c in $commands; do
  "$bin" "$c" --help >"$tmp/h" 2>&1
  check "$c --help has examples" grep -q '^examples:' "$tmp/h"
  for s in $(sed -n '/^Subcommands:/,/^$/p' "$tmp/h" | awk 'NR > 1 && NF { print $1 }'); do
    "$bin" "$c" "$s" --help >"$tmp/hs" 2>&1
    check "$c $s --help has examples" grep -q '^examples:' "$tmp/hs"
  done
done

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
