#!/usr/bin/env bash
# policyforge lint and import on handwritten catalogs (test/catalogs, from the minimal sample's model):
#   engine.{ko,en}.md   the engine's format, letter for letter: conforms, no warnings
#   llm.{ko,en}.md      the same content as people and LLMs write it (bold labels, bold lines or
#                       #### for headings, "1)" numbering, extra blank lines, no ids): conforms with
#                       style warnings only, and imports to the same items (diff against engine.*: same,
#                       every pair made by similarity since there are no ids)
#   defects.{ko,en}.md  planted defects; the findings are exactly defects.*.expected, exit 1
# Where the shared reference checker exists (../shared/tools/check-catalog, optional), lint must be at
# least as strict: it fails wherever the reference fails, on engine.*, defects.* and on single-line
# deletions of engine.ko.md and engine.en.md (the reference is strict on form, so llm.* are not compared).
#   test/catalogs/run.sh BINARY   (from the repository root)
set -u
bin=${1:?usage: run.sh BINARY}
dir=test/catalogs
model=samples/minimal/model.yaml
ref=../shared/tools/check-catalog
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for lang in ko en; do
  out=$("$bin" lint $dir/engine.$lang.md --model $model); rc=$?
  [ $rc -eq 0 ] || { echo "FAIL engine.$lang.md: exit $rc"; echo "$out"; fail=$((fail + 1)); }
  grep -q ": warning: " <<<"$out" && { echo "FAIL engine.$lang.md: warnings"; echo "$out"; fail=$((fail + 1)); }

  out=$("$bin" lint $dir/llm.$lang.md --model $model); rc=$?
  [ $rc -eq 0 ] || { echo "FAIL llm.$lang.md: exit $rc"; echo "$out" | grep error; fail=$((fail + 1)); }
  grep -q ": error: " <<<"$out" && { echo "FAIL llm.$lang.md: errors"; fail=$((fail + 1)); }
  grep -q "\[field-style\]" <<<"$out" || { echo "FAIL llm.$lang.md: bold labels not reported as style"; fail=$((fail + 1)); }
  "$bin" diff $dir/llm.$lang.md $dir/engine.$lang.md --format json >"$tmp/d.json"; rc=$?
  [ $rc -eq 0 ] || { echo "FAIL diff llm.$lang.md engine.$lang.md: exit $rc"; fail=$((fail + 1)); }
  python3 - "$tmp/d.json" <<'PY' || fail=$((fail + 1))
import json, sys
d = json.load(open(sys.argv[1]))
n, paired = d["summary"]["unchanged"], len(d["paired_without_id"])
# 69 items; the 3 ledger-map rows pair by their ledger, the other 66 by similarity
if n != 69 or paired != 66:
    sys.exit(f"FAIL import: expected 69 items the same, 66 paired by similarity, got {n} unchanged, {paired} paired")
PY

  "$bin" lint $dir/defects.$lang.md --model $model >"$tmp/out"; rc=$?
  [ $rc -eq 1 ] || { echo "FAIL defects.$lang.md: exit $rc, expected 1"; fail=$((fail + 1)); }
  diff -u $dir/defects.$lang.expected "$tmp/out" || { echo "FAIL defects.$lang.md: findings differ"; fail=$((fail + 1)); }
done

# unreadable input: exit 2
"$bin" lint $dir/no-such-file.md >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "no-such-file.md: error: cannot read" "$tmp/err" || { echo "FAIL missing file: exit $rc"; fail=$((fail + 1)); }
printf '{"format": "other"}\n' >"$tmp/x.json"
"$bin" lint "$tmp/x.json" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "x.json:1:1: error: not a policyforge catalog" "$tmp/err" || { echo "FAIL foreign JSON: exit $rc"; fail=$((fail + 1)); }

if [ -x "$ref" ] && python3 -c 'import yaml' 2>/dev/null; then
  stricter() {  # $1 catalog: if the reference fails, lint must fail too
    if ! "$ref" "$1" --model $model >/dev/null 2>&1; then
      if "$bin" lint "$1" --model $model >/dev/null 2>&1; then
        echo "FAIL $2: the reference checker fails it, lint passes it"; "$ref" "$1" --model $model | head -5
        fail=$((fail + 1))
      fi
    fi
  }
  n=0
  for f in $dir/engine.*.md $dir/defects.*.md; do stricter "$f" "$f"; n=$((n + 1)); done
  for lang in ko en; do
    total=$(wc -l <$dir/engine.$lang.md)
    for ((i = 3; i <= total; i += 37)); do
      sed "${i}d" $dir/engine.$lang.md >"$tmp/cut.md"
      stricter "$tmp/cut.md" "engine.$lang.md without line $i"; n=$((n + 1))
    done
  done
  echo "compared with the reference checker on $n catalogs"
else
  echo "reference checker not available: strictness comparison skipped"
fi
[ "$fail" -eq 0 ] && echo "catalogs: all passed"
[ "$fail" -eq 0 ]
