#!/usr/bin/env bash
# policyforge diff on two versions of a model (test/diff/v1.yaml -> v2.yaml: a points ledger added,
# the provider's webhook removed, the charge timeout raised from 10 s to 30 s).
#   - the added and removed items are exactly those in expected.txt (kind and stable id);
#   - the timeout change is marked word for word in the changed policy;
#   - the same model opened from two paths, and a JSON catalog against its Markdown, are the same;
#   - exit codes: 0 same, 1 different, 2 bad input; --fail-on gates.
#   test/diff/run.sh BINARY [--update]   (from the repository root)
set -u
bin=${1:?usage: run.sh BINARY [--update]}
here=test/diff
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { if [ "$1" != "$2" ]; then echo "FAIL $3: expected $2, got $1"; fail=$((fail + 1)); fi; }

"$bin" diff $here/v1.yaml $here/v2.yaml --lang en --format json >"$tmp/d.json"; check $? 1 "v1 -> v2 exit"
python3 - "$tmp/d.json" >"$tmp/items.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for what in ("added", "removed"):
    for it in d[what]:
        print(what, it["kind"], it["id"])
PY
if [ "${2:-}" = "--update" ]; then cp "$tmp/items.txt" $here/expected.txt; echo "expected.txt regenerated"; fi
if ! diff -u $here/expected.txt "$tmp/items.txt"; then echo "FAIL added/removed items differ from expected.txt"; fail=$((fail + 1)); fi
python3 - "$tmp/d.json" <<'PY' || fail=$((fail + 1))
import json, sys
d = json.load(open(sys.argv[1]))
marked = [c for p in d["changed"] for c in p["changes"]
          if {"op": "-", "text": "10"} in c["words"] and {"op": "+", "text": "30"} in c["words"]]
if not marked:
    sys.exit("FAIL the charge timeout change (10 -> 30 s) is not marked in any changed field")
if any(p["paired_by"] != "id" for p in d["changed"]):
    sys.exit("FAIL engine catalogs carry ids: every pair should be made by id")
PY
"$bin" diff $here/v1.yaml $here/v2.yaml --lang en >"$tmp/d.md"; check $? 1 "markdown exit"
grep -q '~~10~~ \*\*30\*\* s' "$tmp/d.md" || { echo "FAIL markdown does not mark 10 -> 30"; fail=$((fail + 1)); }

# the same model from another path: no difference at all
mkdir -p "$tmp/elsewhere/deeper" && cp $here/v1.yaml "$tmp/elsewhere/deeper/model.yaml"
"$bin" diff $here/v1.yaml "$tmp/elsewhere/deeper/model.yaml" --format json >"$tmp/same.json"; check $? 0 "same model, two paths"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['same'] and d['summary']['unchanged']>0 else 'FAIL not same')" "$tmp/same.json" || fail=$((fail + 1))
# a catalog as JSON and as Markdown (and from another directory): the same
"$bin" generate $here/v1.yaml --format json -o "$tmp/c.json" && "$bin" generate "$tmp/elsewhere/deeper/model.yaml" -o "$tmp/c.md"
"$bin" diff "$tmp/c.json" "$tmp/c.md" >/dev/null; check $? 0 "JSON against Markdown of the same model"
"$bin" diff "$tmp/c.md" $here/v1.yaml >/dev/null; check $? 0 "Markdown catalog against its model"
# the library digest, the model's path and the elements' line numbers alone never make a difference
python3 - "$tmp/c.json" "$tmp/noise.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["header"]["library_sha256"] = "0" * 64
d["header"]["model"]["path"] = "/somewhere/else/model.yaml"
for p in d["policies"]:
    p["number"] += 100
    for e in p["provenance"]["elements"]:
        e["line"] += 7
        e["file"] = "/somewhere/else/model.yaml"
json.dump(d, open(sys.argv[2], "w"))
PY
"$bin" diff "$tmp/c.json" "$tmp/noise.json" >/dev/null; check $? 0 "digest, path, numbering and line numbers only"

# gates and bad input
"$bin" diff $here/v1.yaml $here/v2.yaml --fail-on severity-up >/dev/null; check $? 0 "--fail-on severity-up (none)"
"$bin" diff $here/v1.yaml $here/v2.yaml --fail-on removed >/dev/null; check $? 1 "--fail-on removed"
"$bin" diff $here/v1.yaml $here/v2.yaml --fail-on moved >/dev/null 2>"$tmp/err"; check $? 2 "--fail-on unknown gate"
"$bin" diff $here/v1.yaml "$tmp/missing.md" >/dev/null 2>"$tmp/err"; check $? 2 "missing file"
grep -q "missing.md: error: cannot read" "$tmp/err" || { echo "FAIL missing file message"; cat "$tmp/err"; fail=$((fail + 1)); }
printf 'just text\n' >"$tmp/x.md"
"$bin" diff "$tmp/x.md" "$tmp/c.md" >/dev/null 2>"$tmp/err"; check $? 2 "not a catalog"
grep -q "x.md:1:1: error: no section of the catalog format found" "$tmp/err" || { echo "FAIL not-a-catalog message"; fail=$((fail + 1)); }

[ "$fail" -eq 0 ] && echo "diff: all passed"
[ "$fail" -eq 0 ]
