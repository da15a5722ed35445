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
# A code span takes no Korean particle that depends on the final consonant: "`a.b`가" cannot be
# right for every key, so the template writes the kind's noun in between ("{step} 단계가").
# test/josa_lint.py finds them (the placeholders that render as code, from the rules' bindings
# and docs/rule-language.md). First a probe library with known hits and near misses.
p="$tmp/josa/rules/probe"
mkdir -p "$p"
cat > "$p/josa-probe.yaml" <<'PROBE'
id: josa-probe
match:
  each: step
  let: {flow: flow}
emit:
  policy: pol-josa-probe
  questions:
    - ko: "{step}가 {flow}에서 {step.ttl|미정}이 지나도 {step.retries}회 재시도하는가?"
      en: "{step}가 is English text and not checked"
    - ko: "{step} 단계가 {flow} 흐름을 {flow}까지, {flow}부터, {flow}처럼, {flow}보다, {step}의 {step}도 {step}만 쓰는가?"
      en: "near misses"
PROBE
cat > "$p/josa-probe.policy.yaml" <<'PROBE'
id: pol-josa-probe
ko:
  name: "{flow|대상 흐름}을 지키는 정책"
  intent: "{step.ledgers}와 {step.to|상태}로 옮기는 {step.flow}로의 쓰기"
  trigger: "{step}({step.do})가 돌 때, {flow} 흐름({flow.trigger_kind})이 멈출 때"
en:
  name: "{flow}을 in English"
PROBE
python3 test/josa_lint.py "$tmp/josa" >"$tmp/josa.out"
rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: josa_lint.py on the probe: exit $rc, expected 1"; fail=1; }
for want in "rules/probe/josa-probe.yaml:8: {step}가" "rules/probe/josa-probe.policy.yaml:3: {flow|대상 흐름}을" \
            "rules/probe/josa-probe.policy.yaml:4: {step.ledgers}와" "rules/probe/josa-probe.policy.yaml:4: {step.flow}로의" \
            "rules/probe/josa-probe.policy.yaml:5: {step}({step.do})가"; do
  grep -qF -- "$want" "$tmp/josa.out" || { echo "FAIL: josa_lint.py missed: $want"; fail=1; }
done
[ "$(grep -c '^rules/' "$tmp/josa.out")" -eq 5 ] || { echo "FAIL: josa_lint.py should flag the probe's 5 places only:"; cat "$tmp/josa.out"; fail=1; }
# The library the binary reads (POLICYFORGE_LIBRARY, else this tree) has none.
python3 test/josa_lint.py "${POLICYFORGE_LIBRARY:-.}" || { echo "FAIL: code spans followed by a consonant-dependent particle (above)"; fail=1; }
[ "$fail" -eq 0 ] && echo "glossary lint: ok"
[ "$fail" -eq 0 ]
