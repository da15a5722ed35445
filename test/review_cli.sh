#!/usr/bin/env bash
# The review commands on the command line: lint and diff, their exit codes, standard input, help.
#   test/review_cli.sh BINARY   (from the repository root)
set -u
bin=${1:?usage: review_cli.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() {  # expect EXIT DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ $rc -ne "$want" ]; then echo "FAIL $what: exit $rc, expected $want"; head -5 "$tmp/out" "$tmp/err"; fail=$((fail + 1)); fi
}
has() {  # has FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$1" || { echo "FAIL $3: no '$2' in"; head -5 "$1"; fail=$((fail + 1)); }
}
model=samples/minimal/model.yaml
"$bin" generate $model -o "$tmp/c.md" && "$bin" generate $model --lang en -o "$tmp/c.en.md"

expect 0 "lint a generated catalog" -- "$bin" lint "$tmp/c.md" --model $model
has "$tmp/out" "lint: conforms, 0 warnings" "lint summary"
expect 0 "lint from standard input" -- bash -c "\"$bin\" lint - <\"$tmp/c.en.md\""
has "$tmp/out" "lang en" "language detected from standard input"
sed 's/leading/trailing/' "$tmp/c.md" >"$tmp/bad.md"
expect 1 "lint a catalog with defects" -- "$bin" lint "$tmp/bad.md"
has "$tmp/out" "bad.md:" "findings name the file"
has "$tmp/out" ": error: policy #1: monitoring names no indicator marked 'leading' [leading-indicator]" "finding text"
expect 2 "lint a missing file" -- "$bin" lint "$tmp/none.md"
has "$tmp/err" "none.md: error: cannot read" "unreadable message"
expect 2 "lint with a broken model" -- "$bin" lint "$tmp/c.md" --model test/diff/expected.txt
expect 2 "lint a directory" -- "$bin" lint "$tmp"
expect 0 "lint --help" -- "$bin" lint --help
has "$tmp/out" "  policyforge lint catalog.md" "lint help example"

expect 0 "diff a catalog with itself" -- "$bin" diff "$tmp/c.md" "$tmp/c.md"
has "$tmp/out" "The catalogs are the same." "same message"
expect 1 "diff ko against en" -- "$bin" diff "$tmp/c.md" "$tmp/c.en.md" --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['summary']['added']==0 and d['summary']['removed']==0 and d['changed'] else 1)" "$tmp/out" \
  || { echo "FAIL ko/en: items should pair by id and differ only in text"; fail=$((fail + 1)); }
expect 0 "diff with a gate that does not trip" -- "$bin" diff "$tmp/c.md" "$tmp/c.en.md" --fail-on added,removed
expect 1 "diff with a gate that trips" -- "$bin" diff "$tmp/c.md" "$tmp/c.en.md" --fail-on changed
expect 2 "diff with a bad --format" -- "$bin" diff "$tmp/c.md" "$tmp/c.md" --format xml
expect 2 "diff with an invalid model" -- "$bin" diff test/models/../diff/expected.txt.yaml "$tmp/c.md"
expect 0 "diff --help" -- "$bin" diff --help
has "$tmp/out" "--fail-on" "diff help lists --fail-on"

[ "$fail" -eq 0 ] && echo "review cli: all passed"
[ "$fail" -eq 0 ]
