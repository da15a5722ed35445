#!/usr/bin/env bash
# The command line as a user meets it: output to stdout or a file, atomic replacement,
# determinism across working directories and locales, reordered model lists, json output.
set -u
bin=${1:?usage: cli_behaviour.sh BINARY}
source "$(dirname "$0")/lib.sh"
model=samples/ticketing/model.yaml

"$bin" generate "$model" >"$tmp/stdout.md"
"$bin" generate "$model" -o "$tmp/file.md"
check "stdout and -o give the same bytes" cmp -s "$tmp/stdout.md" "$tmp/file.md"

# The binary finds its library from any working directory.
(cd "$tmp" && "$bin" generate "$OLDPWD/$model" -o "$tmp/elsewhere.md")
check "works from another directory" test -s "$tmp/elsewhere.md"

LC_ALL=C "$bin" generate "$model" -o "$tmp/c.md"
LC_ALL=C.UTF-8 "$bin" generate "$model" -o "$tmp/utf8.md"
check "locale does not change the bytes" cmp -s "$tmp/c.md" "$tmp/utf8.md"

# Reordering list entries (ledgers, flows, jobs) changes neither ids nor content.
python3 - "$model" "$tmp/reordered.yaml" <<'PY'
import sys, yaml
m = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for key in ("ledgers", "integrations", "flows", "lifecycles", "operations", "jobs", "breaches"):
    if isinstance(m.get(key), list):
        m[key] = list(reversed(m[key]))
for lc in m.get("lifecycles") or []:
    lc["transitions"] = list(reversed(lc.get("transitions") or []))
for g in m.get("integrations") or []:
    for key in ("operations", "events"):
        if isinstance(g.get(key), list):
            g[key] = list(reversed(g[key]))
yaml.safe_dump(m, open(sys.argv[2], "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PY
"$bin" generate "$tmp/reordered.yaml" -o "$tmp/reordered.md"
# Steps listed in another order with the same `after:` edges: the flows are the same graphs.
python3 - "$model" "$tmp/shuffled.yaml" <<'PY'
import sys, yaml
m = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for f in m.get("flows") or []:
    steps = f.get("steps") or []
    for i, s in enumerate(steps):
        if i > 0 and "after" not in s:
            s["after"] = [steps[i - 1]["id"]]  # the listed order, made explicit
    f["steps"] = steps[:1] + steps[:0:-1]  # the first stays first: a step without after: follows the one listed before it
yaml.safe_dump(m, open(sys.argv[2], "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PY
"$bin" generate "$tmp/shuffled.yaml" -o "$tmp/shuffled.md"
# The top-risk table says where in the model file each risk stands: lines move when lists do.
strip() { grep -v '^<!-- policyforge' "$1" | sed -E 's/`[^`]*\.yaml:[0-9]+`/`MODEL:LINE`/'; }
check "reordered model gives the same catalog" diff <(strip "$tmp/file.md") <(strip "$tmp/reordered.md")
check "steps shuffled with their after: edges give the same catalog" diff <(strip "$tmp/file.md") <(strip "$tmp/shuffled.md")

# A failed run leaves an existing output file untouched.
echo "previous" >"$tmp/keep.md"
"$bin" generate test/broken/unknown-key.yaml -o "$tmp/keep.md" 2>/dev/null
check "a refused model leaves the old output in place" grep -qx previous "$tmp/keep.md"

"$bin" generate "$model" --format json -o "$tmp/c.json"
check "json parses and carries provenance" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
assert c["header"]["model"]["sha256"] and len(c["header"]["library_sha256"]) == 64
assert c["policies"] and all(p["provenance"]["rule"] and p["provenance"]["elements"] for p in c["policies"])
ids = [p["id"] for p in c["policies"]]
assert len(ids) == len(set(ids)), "policy ids are not unique"
' "$tmp/c.json"

"$bin" validate "$model" >/dev/null
check "validate accepts a sample" test $? -eq 0
"$bin" --version | grep -q '^policyforge '
check "--version" test $? -eq 0
"$bin" generate "$model" --lang fr >/dev/null 2>&1
check "an unknown language is refused" test $? -ne 0

# docs/rules.md is generated from the rules' metadata and must be current.
"$bin" rules list --format md >"$tmp/rules.md"
check "docs/rules.md is current (regenerate: build/policyforge rules list --format md > docs/rules.md)" \
  cmp -s "$tmp/rules.md" docs/rules.md

# A custom rule folder adds its rules and templates to the library.
mkdir -p "$tmp/extra/local" "$tmp/extra/policies"
cat >"$tmp/extra/local/ticket-transfer-cap.yaml" <<'YAML'
id: ticket-transfer-cap
title: Our own rule, from a folder given with --rules
severity: high
surfaces: [8]
match:
  each: ledger
  where: [{kind: entitlement}]
emit:
  policy: pol-local-ticket-transfer-cap
YAML
cat >"$tmp/extra/policies/pol-local-ticket-transfer-cap.yaml" <<'YAML'
id: pol-local-ticket-transfer-cap
ko: {name: "{ledger} 양도 횟수 제한", intent: "의도", protects: "보호", trigger: "조건", enforcement: "위치",
     idempotency: "멱등", retry: "재시도", reconciliation: "대사", compensation: "보상", exceptions: "예외",
     metrics: "leading: 양도 횟수", runbook: ["하나", "둘", "셋"]}
en: {name: "Transfer cap on {ledger}", intent: "intent", protects: "protects", trigger: "trigger",
     enforcement: "where", idempotency: "idempotency", retry: "retry", reconciliation: "reconciliation",
     compensation: "compensation", exceptions: "exceptions", metrics: "leading: transfers per ticket",
     runbook: ["one", "two", "three"]}
YAML
"$bin" --rules "$tmp/extra" generate "$model" --lang en --detail full -o "$tmp/extra.md"
check "--rules DIR adds a rule and its template" grep -q 'Name: Transfer cap on `tickets`' "$tmp/extra.md"
"$bin" --rules "$tmp/extra" rules list | grep -q '^ticket-transfer-cap'
check "--rules DIR rules are listed" test $? -eq 0

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
