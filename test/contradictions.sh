#!/usr/bin/env bash
# Nothing the model contradicts (issue 11, item 5): for each class of claim, a model carrying the
# contradicting element (test/contradictions/*.yaml) and the claim that must be absent from its
# catalog, plus near misses where the model allows the claim and it must be present (so the
# absence checks are known to look at the right text).
set -u
bin=${1:?usage: contradictions.sh BINARY}
dir=test/contradictions
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# expect MODEL LANG absent|present ERE WHY
expect() {
  local model=$1 lang=$2 mode=$3 re=$4 why=$5 out="$tmp/$1.$2.md"
  n=$((n + 1))
  if [ ! -s "$out" ] && ! "$bin" generate "$dir/$model.yaml" --lang "$lang" --detail full -o "$out" 2>"$tmp/err"; then
    echo "FAIL $model ($lang): generate failed"; cat "$tmp/err"; fail=$((fail + 1)); return
  fi
  if [ "$mode" = absent ] && grep -n -E -- "$re" "$out" >"$tmp/hits"; then
    echo "FAIL $model ($lang): $why; found /$re/:"; cut -c1-300 "$tmp/hits" | head -3 | sed 's/^/    /'
    fail=$((fail + 1))
  elif [ "$mode" = present ] && ! grep -q -E -- "$re" "$out"; then
    echo "FAIL $model ($lang): $why; /$re/ not found"; fail=$((fail + 1))
  fi
}

# Signed webhooks: no HMAC or signature-failure metric for a webhook declared unsigned.
expect unsigned-webhook en absent 'HMAC|bad_signature|[Ss]ignature[- ]failure' "signature checks on an unsigned webhook"
expect unsigned-webhook ko absent 'HMAC|bad_signature|서명 검증 실패' "signature checks on an unsigned webhook"
expect signed-webhook en present 'bad_signature' "a signed webhook gets its signature-failure monitor"

# Currency: no KRW assumed when the ledgers declare USD, EUR and nothing.
expect currencies en absent 'KRW|single currency|one unit and currency' "KRW or one currency assumed for USD/EUR ledgers"
expect currencies ko absent 'KRW|단일 통화|단위 일치' "KRW or one currency assumed for USD/EUR ledgers"

# Jurisdiction: Korean statutes only with KR, EU law only with EU.
for m in no-jurisdiction us-jurisdiction; do
  expect $m en absent 'PIPA|Electronic Financial Transactions|e-commerce (act|decree)|Korea|GDPR' "a statute of an undeclared jurisdiction"
  expect $m ko absent '전자금융거래법|전자상거래법|개인정보 ?보호법|정보통신망법|GDPR' "a statute of an undeclared jurisdiction"
done
expect kr-jurisdiction ko present '전자금융거래법|전자상거래법' "KR declared: the Korean retention schedule"

# Who writes which ledger: two flows write payments and seats, so the tool is not their only writer.
expect two-writers en absent 'changed together only by|Only `manual_refund` changes' "a tool called the only writer of a pair flows write too"
expect two-writers ko absent '`manual_refund`만|`manual_refund`로만' "a tool called the only writer of a pair flows write too"

# Provider facts: only for the provider the model names.
expect toss-provider en absent 'Stripe|Adyen|PayPal|Checkout\.com' "another provider's facts in a Toss Payments catalog"
expect toss-provider ko absent 'Stripe|Adyen|PayPal|Checkout\.com' "another provider's facts in a Toss Payments catalog"
expect toss-provider en present '15 days after first use' "Toss Payments' own key window, stated for its integration"
expect other-provider en absent 'Toss|Stripe|Adyen|PayPal|Checkout\.com|Mastercard Send' "a named provider's facts for an unnamed one"
expect other-provider ko absent 'Toss|Stripe|Adyen|PayPal|Checkout\.com|Mastercard Send' "a named provider's facts for an unnamed one"

# Provider names: the text before a parenthesised remark, the remark never pasted into sentences.
for l in en ko; do
  expect provider-remark $l absent 'cards and virtual accounts|fixed-length messages' "a provider's remark printed where its name belongs"
done
expect provider-remark en present 'Hana Bank payout API' "the provider named by its name"
expect provider-remark en present '15 days after first use' "Toss Payments' key window, found through the name before the remark"

# Money-specific text only where a money ledger exists.
expect no-money en absent 'the money ledger|money ledgers? `|payment ledger' "money text without a money ledger"
expect no-money ko absent '금전 원장[의에을과]|돈 원장|결제 원장' "money text without a money ledger"

# Direction of recovery: a failed refund after the release is completed, not answered by undoing
# the release or the cancellation that came before it.
expect refund-after-release en absent 'what undoes the change `cancel_booking\.(release_seats|mark_cancelled)`|`cancel_booking\.(release_seats|mark_cancelled)` \([a-z]+ on `[a-z_]+`\) is left behind' "undoing an earlier step of a cancellation"
expect refund-after-release en absent '`checkout\.mark_paid` \([a-z]+ on `[a-z_]+`\) is left behind|what undoes the change `checkout\.mark_paid`' "undoing a step after the pivot"
expect refund-after-release ko absent '`cancel_booking\.(release_seats|mark_cancelled)`\([a-z]+, `[a-z_]+`\) →' "undoing an earlier step of a cancellation"

# Fixes that fit the numbers: never stretch a seat hold over a 24-hour wait.
expect long-wait-hold en absent '1\.2 ×|Raise the `checkout\.hold_seats` TTL|TTL to at least' "a hold stretched to cover a day-long wait"
expect long-wait-hold ko absent '1\.2배|TTL을 .{0,40} 이상으로 올리' "a hold stretched to cover a day-long wait"

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
