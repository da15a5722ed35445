#!/usr/bin/env bash
# The review workflow end to end: decisions skeleton, decisions shown in the catalog, open items
# first, stale decisions at their line after a model change, review gates, verify, explain,
# and a catalog that does not depend on the path the model was opened from.
set -u
bin=${1:?usage: review_workflow.sh BINARY}
source "$(dirname "$0")/lib.sh"
model=samples/ticketing/model.yaml
mkdir -p "$tmp/svc"
cp "$model" "$tmp/svc/model.yaml"

# Noise-free: the same model opened from another path gives the same bytes.
"$bin" generate "$model" --format json >"$tmp/a.json"
"$bin" generate "$(cd "$tmp/svc" && pwd)/model.yaml" --format json >"$tmp/b.json"
check "the JSON does not depend on the model's path" cmp -s "$tmp/a.json" "$tmp/b.json"
check "no absolute path in the JSON" bash -c "! grep -q '\"/' '$tmp/b.json'"
check "the JSON records its options" python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["header"]
assert h["options"] == {"format": "json", "lang": "ko"}, h
assert h["model"]["path"] == "model.yaml", h["model"]' "$tmp/a.json"

# A decisions skeleton: one open entry per item with its fingerprint, valid against the schema.
"$bin" decisions init "$tmp/svc/model.yaml" -o "$tmp/skeleton.yaml"
check "decisions init writes a schema-valid skeleton" python3 -c '
import json, sys, yaml, jsonschema
d = yaml.safe_load(open(sys.argv[1]))
jsonschema.Draft202012Validator(json.load(open("schemas/decisions.schema.json"))).validate(d)
assert len(d["decisions"]) > 50 and all(x["status"] == "open" and len(x["fingerprint"]) == 16 for x in d["decisions"])
' "$tmp/skeleton.yaml"
fp() { python3 -c 'import sys, yaml
print(next(x["fingerprint"] for x in yaml.safe_load(open(sys.argv[1]))["decisions"] if x["id"] == sys.argv[2]))' "$tmp/skeleton.yaml" "$1"; }

cat >"$tmp/svc/decisions.yaml" <<YAML
decisions:
  - id: "hold-ttl-shorter-than-wait@checkout_vbank.hold_seats"
    status: accepted
    owner: payments-team
    due: 2027-01-31
    reviewer: kim
    date: 2026-11-30
    fingerprint: "$(fp hold-ttl-shorter-than-wait@checkout_vbank.hold_seats)"
  - id: "bottleneck-peak-over-stated-limit@bottleneck:seats"
    status: mitigated
    evidence: NetFUNNEL queue in front of seat selection
    reviewer: kim
    date: 2026-11-30
    fingerprint: "$(fp bottleneck-peak-over-stated-limit@bottleneck:seats)"
  - id: "idempotency-key-retention-window@*"
    status: risk_accepted
    approver: cto
    expires: 2026-12-31
    reviewer: lee
    date: 2026-11-30
  - id: "refund-window-gone@nothing"
    status: not_applicable
    note: the refund flow was removed
    reviewer: lee
    date: 2026-11-30
YAML
d=$tmp/svc/decisions.yaml

# Decisions shown in Markdown and JSON; open items before decided ones within a severity.
"$bin" generate "$tmp/svc/model.yaml" --lang en --decisions "$d" --today 2026-12-04 >"$tmp/r.md" 2>"$tmp/err"
check "decisions appear in the Markdown" grep -q '^- Review: accepted (to be done) (payments-team, 2027-01-31, kim, 2026-11-30)$' "$tmp/r.md"
check "the Markdown header records the decisions file" grep -q '| decisions decisions.yaml | today 2026-12-04 -->' "$tmp/r.md"
check "a decision whose item is gone is stale at its line" \
  grep -qx "$d:21: warning: decision on 'refund-window-gone@nothing' is stale: no item of the catalog has that id" "$tmp/err"
check "only that decision is stale" test "$(grep -c warning "$tmp/err")" -eq 1
"$bin" generate "$tmp/svc/model.yaml" --format json --decisions "$d" --today 2026-12-04 >"$tmp/r.json" 2>/dev/null
check "decisions appear in the JSON; open items first within a severity" python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
by = {p["id"]: p for p in c["policies"]}
assert by["hold-ttl-shorter-than-wait@checkout_vbank.hold_seats"]["review"]["status"] == "accepted"
assert by["hold-ttl-shorter-than-wait@checkout_vbank.hold_seats"]["review"]["owner"] == "payments-team"
assert by["idempotency-key-retention-window@*"]["review"]["status"] == "risk_accepted"
for items in (c["policies"], c["failure_modes"]):
    for a, b in zip(items, items[1:]):
        # within a severity and within the body or the appendix (body items come first)
        if a["severity"] == b["severity"] and a["in_body"] == b["in_body"]:
            assert not (a["review"]["status"] != "open" and b["review"]["status"] == "open"), (a["id"], b["id"])
' "$tmp/r.json"

# Decisions from standard input: the same catalog but for the recorded file name.
"$bin" generate "$tmp/svc/model.yaml" --lang en --decisions - --today 2026-12-04 <"$d" >"$tmp/r-stdin.md" 2>/dev/null
check "--decisions - reads standard input" \
  diff <(sed 1d "$tmp/r.md") <(sed 1d "$tmp/r-stdin.md")
"$bin" generate - --decisions - <"$d" >/dev/null 2>"$tmp/err"; code=$?
check "the model and the decisions cannot both come from standard input" \
  bash -c "test $code -eq 2 && grep -q 'cannot both be read from standard input' '$tmp/err'"

# After expiry, the risk acceptance is stale.
"$bin" generate "$tmp/svc/model.yaml" --decisions "$d" --today 2027-01-05 >/dev/null 2>"$tmp/err"
check "an expired decision is stale at its line" \
  grep -qx "$d:15: warning: decision on 'idempotency-key-retention-window@\*' is stale: it expired on 2026-12-31" "$tmp/err"

# The model changes: the peak rate behind bottleneck-abuse-flood moves; its decision goes stale.
sed -i 's/peak_rps: 25000/peak_rps: 30000/' "$tmp/svc/model.yaml"
"$bin" generate "$tmp/svc/model.yaml" --decisions "$d" --today 2026-12-04 >/dev/null 2>"$tmp/err"
check "a decision whose item changed is stale at its line" \
  grep -q "^$d:9: warning: decision on 'bottleneck-peak-over-stated-limit@bottleneck:seats' is stale: the item changed" "$tmp/err"
check "the unchanged item keeps its decision" bash -c "! grep -q 'hold-ttl-shorter-than-wait' '$tmp/err'"

# review: open items, and gates.
"$bin" review "$tmp/svc/model.yaml" --decisions "$d" --today 2026-12-04 >"$tmp/out" 2>"$tmp/err"; code=$?
check "review without gates exits 0" test $code -eq 0
check "review lists open items, not decided ones" bash -c "grep -q 'scarce-ledger-hot-key-oversell@seats' '$tmp/out' && ! grep -q 'hold-ttl-shorter-than-wait@checkout_vbank.hold_seats' '$tmp/out'"
check "review lists the stale item as open" grep -q 'stale  bottleneck-peak-over-stated-limit@bottleneck:seats' "$tmp/out"
"$bin" review "$tmp/svc/model.yaml" --decisions "$d" --today 2026-12-04 --fail-on stale >/dev/null 2>"$tmp/err"; code=$?
check "--fail-on stale trips" test $code -eq 1
check "the tripped gate is named" grep -q "review gate 'stale' tripped (2)" "$tmp/err"
"$bin" review "$tmp/svc/model.yaml" --decisions "$d" --fail-on open-critical >/dev/null 2>&1
check "--fail-on open-critical trips" test $? -eq 1
"$bin" review "$tmp/svc/model.yaml" --decisions "$d" --fail-on open-critcal >/dev/null 2>&1
check "an unknown gate is a usage error" test $? -eq 2
printf 'decisions:\n  - id: x\n    status: acepted\n' >"$tmp/bad.yaml"
"$bin" review "$model" --decisions "$tmp/bad.yaml" >/dev/null 2>"$tmp/err"; code=$?
check "a malformed decisions file exits 2" test $code -eq 2
check "a malformed decisions file is reported at its line" grep -q "bad.yaml:3:13: error: unknown status 'acepted'" "$tmp/err"

# verify: the same catalog passes, a tampered one fails with the line shown.
for fmt in md json; do
  "$bin" generate "$model" --format $fmt --lang en -o "$tmp/v.$fmt"
  "$bin" verify "$tmp/v.$fmt" "$model" >"$tmp/out"
  check "verify $fmt: same" test $? -eq 0
done
sed -i '5s/$/ (edited)/' "$tmp/v.md"
"$bin" verify "$tmp/v.md" "$model" >"$tmp/out"; code=$?
check "verify: a tampered catalog differs" test $code -eq 1
check "verify shows the first difference" grep -q "v.md:5: differs" "$tmp/out"
"$bin" generate "$tmp/svc/model.yaml" --decisions "$d" --today 2026-12-04 -o "$tmp/svc/c.md" 2>/dev/null
(cd "$tmp" && "$bin" verify svc/c.md svc/model.yaml >/dev/null 2>&1)
check "verify regenerates with the recorded decisions" test $? -eq 0

# explain: a fired id, an unfired id, an id no rule can produce.
"$bin" explain "$model" hold-ttl-shorter-than-wait@checkout_vbank.hold_seats --lang en >"$tmp/out"
check "explain names the rule and its file" grep -q '^rule: hold-ttl-shorter-than-wait .*(rules/scarce/hold-ttl-shorter-than-wait.yaml)$' "$tmp/out"
check "explain shows matched elements at file:line with the source line" grep -q '^  model.yaml:110:5: flow checkout_vbank' "$tmp/out"
check "explain shows the facts" grep -q '^  do = reserve$' "$tmp/out"
"$bin" explain "$model" hold-before-payment@checkout_card.pay >"$tmp/out"; code=$?
check "explain of an unfired id exits 0" test $code -eq 0
check "explain of an unfired id names the false condition" grep -q 'hold-before-payment.yaml:[0-9]*:[0-9]*: note: this condition is false for step' "$tmp/out"
"$bin" explain "$model" no-such-rule@seats 2>"$tmp/err" >/dev/null; code=$?
check "explain of an id no rule can produce exits 2" test $code -eq 2

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
