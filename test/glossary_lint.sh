#!/usr/bin/env bash
# `rules lint` checks every library text against catalogs/glossary.yaml: a variant of a term
# (생명주기 for 라이프사이클) and SQL in a policy text are errors with the text's location.
set -u
bin=${1:?usage: glossary_lint.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
mkdir -p "$tmp/extra/policies"
# A copy of a real template with one forbidden variant (ko) and one SQL statement (en).
sed -e 's/^id: pol-generic-record-state-machine/id: pol-glossary-probe/' \
    -e '0,/  name: "/s//  name: "생명주기 /' \
    -e '/^en:/,$ s/^  enforcement: "/  enforcement: "SELECT * FROM orders FOR UPDATE; /' \
    rules/generic/generic-record-state-machine.policy.yaml > "$tmp/extra/policies/pol-glossary-probe.yaml"
"$bin" --rules "$tmp/extra" rules lint >"$tmp/out" 2>"$tmp/err"
rc=$?
f="$tmp/extra/policies/pol-glossary-probe.yaml"
if [ "$rc" -ne 1 ]; then echo "FAIL: rules lint exit $rc, expected 1"; fail=1; fi
term="$(grep -n '  name: "생명주기' "$f" | head -1 | cut -d: -f1)"
code="$(grep -n 'SELECT \* FROM' "$f" | cut -d: -f1)"
want1="$f:$term:9: error: policy template 'pol-glossary-probe': '생명주기' is not the glossary's term: write '라이프사이클'"
want2="$f:$code:16: error: policy template 'pol-glossary-probe': policy, not code: the text matches"
grep -qF -- "$want1" "$tmp/err" || { echo "FAIL: missing: $want1"; fail=1; }
grep -qF -- "$want2" "$tmp/err" || { echo "FAIL: missing: $want2"; fail=1; }
# The shipped library is clean.
"$bin" rules lint >/dev/null 2>"$tmp/err2" || { echo "FAIL: the library itself does not lint:"; cat "$tmp/err2"; fail=1; }
# The model's unit is written as the glossary's noun: `unit: seat` reads 좌석 in Korean.
"$bin" generate test/contradictions/long-wait-hold.yaml --lang ko -o "$tmp/ko.md" 2>/dev/null || { echo "FAIL: generate"; fail=1; }
grep -q "좌석당\|좌석 하나" "$tmp/ko.md" || { echo "FAIL: the unit noun 좌석 is missing from the Korean catalog"; fail=1; }
[ "$fail" -eq 0 ] && echo "glossary lint: ok"
[ "$fail" -eq 0 ]
