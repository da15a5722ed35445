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
for m in no-jurisdiction us-jurisdiction gb-jurisdiction; do
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

# A refund step elsewhere in the model that names no charge: the charge has no *linked* refund,
# but the model does refund that ledger, so "nothing in the model undoes it" is false.
expect unlinked-refund en absent 'nothing in the model undoes|find no declared refund path|finds no compensation declared' "no refund path claimed where the model refunds the ledger"
expect unlinked-refund ko absent '되돌릴 보상이 모델에 없다|선언된 보상이 없어' "no refund path claimed where the model refunds the ledger"
expect unlinked-refund en present 'The model refunds `payments` in another step' "the unlinked refund asked about"

# Direction of recovery: an authorisation the model voids is compensatable, not the pivot, so a
# compensation declared after it is not "undone instead of retried forward".
expect voided-authorisation en absent 'after the money step|has moved money, yet declares the compensation|paid but cancelled' "an authorisation the model voids treated as the pivot"
expect voided-authorisation ko absent '돈이 움직인 `place_order.authorise_payment`' "an authorisation the model voids treated as the pivot"

# The busiest flow is not the money flow: no claim ties `ingest` (events only) to `payments` or to
# the gateway, and the money questions name the ledger payments go through, not the first by id.
expect busy-flow-no-money en absent 'In `ingest`[^/]*`payments`|outage of `pg`[^?]*does `ingest`|APIs of `ingest` trust the ids in the request and read and change rows|dispute window for `account_credits`|requests per day reach `account_credits`' "the busiest flow tied to money it never touches"
expect busy-flow-no-money ko absent '`ingest`에서 [^/]*`payments`|`pg` 장애가[^?]*`ingest` 흐름을|`account_credits` 원장의 (하루|환불)' "the busiest flow tied to money it never touches"
expect busy-flow-no-money en present 'requests per day reach `payments`' "the refund question names the ledger payments go through"

# A purge job beside a declared retention is a question (does it check the retention?), not a
# statement that it deletes records before the retention ends.
expect purge-after-retention en absent 'deletes `usage_events` records before their retention' "a purge stated to delete early"
expect purge-after-retention ko absent '보존 기간\([^)]*\)이 끝나기 전에 삭제함|보존 기간\([^)]*\) 전에 `usage_events` 기록을 삭제' "a purge stated to delete early"
expect purge-after-retention en present 'check the 90 days retention of `usage_events`' "the purge's retention check asked about"

# An asynchronous call whose outcome event starts a flow is settled by that flow: no "books the
# acceptance as completion and never waits" as a fact.
expect async-capture-event en absent 'as completion and never waits for the completion signal' "an async call settled by an event flow said to be booked as done"
expect async-capture-event ko absent '접수 응답을 완료로 간주하고 완료 신호를 기다리지 않음' "an async call settled by an event flow said to be booked as done"
expect async-capture-event en present 'does one report the outcome of `pg.capture`' "the settling event asked about"

# A buyer's approval awaited before the service authorises at the same provider moves no money:
# an approval arriving after the wait gave up is no "late success" to resume or refund.
expect approval-before-authorize en absent 'arrives late as a success|else refund in full' "an approval awaited before the money step treated as a late payment success"
expect approval-before-authorize ko absent '성공으로 늦게 도착' "an approval awaited before the money step treated as a late payment success"
expect approval-before-authorize en present 'Switch `checkout.await_approval` to status polling' "the overdue approval is still watched"

# An internal wallet debit the service can credit back is not the pivot: an authorisation after it
# may be voided as a compensation, so no "undone instead of retried forward" claim.
expect wallet-debit-before-authorisation en absent 'after `checkout.spend_store_credit` has moved money|after `checkout.spend_store_credit` succeeded, does' "an internal store-credit debit treated as the pivot"
expect wallet-debit-before-authorisation ko absent '돈이 움직인 `checkout.spend_store_credit`' "an internal store-credit debit treated as the pivot"

# Money text only where money moves: a retried shipment call ships twice, it sends no money twice;
# an operator flow moves money in `payments`, not in `stock`; a tool changes amounts in `payments` only.
expect non-money-side-effects en absent 'double payout|debited more than once for the same amount' "a non-money call said to move money twice"
expect non-money-side-effects ko absent '돈이 두 번 나감|이중 송금|같은 금액이 두 번' "a non-money call said to move money twice"
expect non-money-side-effects en absent 'moves money in [^/]*`stock`|changes amounts in [^/]*`orders`' "money said to move in a ledger that holds none"
expect non-money-side-effects ko absent '`stock`[^/]*원장의 돈을 움직여|`orders`[^/]*원장의 금액을' "money said to move in a ledger that holds none"
expect non-money-side-effects en present 'non-idempotent `warehouse.create_shipment` resent|retries non-idempotent `warehouse.create_shipment`' "the unkeyed retry is still found"

# Authorisation windows are the provider's: a PayPal authorisation gets PayPal's 3-day honor period
# within 29 days, not the card networks' 7 days or Visa's 4 days 18 h.
expect paypal-honor-period en absent '7 days customer-initiated|about 7 days for customer-initiated|4 days 18 h Visa' "card-network authorisation windows stated for PayPal"
expect paypal-honor-period ko absent '고객 시작 7일|약 7일|Visa 가맹점 시작' "card-network authorisation windows stated for PayPal"
expect paypal-honor-period en present '3-day honor period' "PayPal's own capture window"

# A payment followed by a day-long deposit wait is not "unallocated after 10 minutes".
expect deposit-before-allocate en absent 'no allocation after 10 minutes|older than 10 min|alert past 10 minutes' "a 10-minute allocation deadline over a 24-hour deposit wait"
expect deposit-before-allocate ko absent '결제 성공 10분 뒤에도 배정이 없을|환불 없음·10분 초과' "a 10-minute allocation deadline over a 24-hour deposit wait"
expect deposit-before-allocate en present 'past the expected allocation time' "the allocation deadline counted from the end of the waits"

# What the model declares: a Toss inquiry operation is declared, so it is not "unsaid"; a charge
# has no card-authorisation validity; a late virtual-account deposit is refunded to an account.
expect toss-inquiry-declared en absent 'does not say whether Toss Payments offers a signature or a transaction inquiry API' "an inquiry API the model declares called unsaid"
expect toss-inquiry-declared ko absent '거래 조회 API를 제공하는지 모델에 없다' "an inquiry API the model declares called unsaid"
expect toss-inquiry-declared en absent 'an online authorisation lasts about 7 days' "card-authorisation validity stated for a charge"
expect toss-inquiry-declared ko absent '온라인 승인은 약 7일 유지' "card-authorisation validity stated for a charge"
expect toss-inquiry-declared en present 'refund account' "a late deposit's refund needs the depositor's account"

# Time zones follow the jurisdiction: no Korean cut-off (KST) for a service that does not declare KR.
for m in no-jurisdiction us-jurisdiction gb-jurisdiction; do
  expect $m en absent 'KST' "a Korean time zone for a service outside KR"
  expect $m ko absent 'KST' "a Korean time zone for a service outside KR"
done

# A signed PayPal webhook is not held to Stripe's 300-second timestamp tolerance.
expect paypal-signed-webhook en absent '300 s default' "another provider's timestamp tolerance for PayPal webhooks"
expect paypal-signed-webhook ko absent '기본 300초' "another provider's timestamp tolerance for PayPal webhooks"
expect paypal-signed-webhook en present 'bad_signature' "the signed webhook keeps its signature-failure monitor"

# Money sent out and its confirmation awaited too briefly: a late success means the money went out,
# so it is recorded as sent, never "refunded" (credited back and paid a second time, as at Mt. Gox).
expect outgoing-transfer-late-confirmation en absent 'else refund in full' "a late confirmation of money sent out answered by a refund"
expect outgoing-transfer-late-confirmation ko absent '자동 전액 환불' "a late confirmation of money sent out answered by a refund"
expect outgoing-transfer-late-confirmation en present 'never credited back' "money sent out is recorded as sent"
expect outgoing-transfer-late-confirmation ko present '잔액에 되돌려 넣지 않음' "money sent out is recorded as sent"
expect outgoing-transfer-late-confirmation en absent '`withdraw\.send_money` \([a-z]+ on `balances`\) is left behind' "money sent out to be undone when its confirmation is late"
expect outgoing-transfer-late-confirmation ko absent '`withdraw\.send_money`\([a-z]+, `balances`\) →' "money sent out to be undone when its confirmation is late"

# An authorisation captured by two other flows: one may be named, never as the only capture.
expect captured-in-two-flows en absent 'waits only for|but only by' "one of two captures named as the only one"
expect captured-in-two-flows ko absent '`[a-z_.]+`(단계)?만 기다려' "one of two captures named as the only one"
expect captured-in-two-flows en present 'such as `cancel_ride\.capture_fee`' "a capturing flow still named"

# A lock whose wait is a chain confirmation, not a payment: no customer "pays and gets nothing".
expect utxo-lock-confirmation-wait en absent 'pays, gets nothing|paid with nothing held|before payment completes|original payment succeeds' "a payment claimed behind a hold no one pays for"
expect utxo-lock-confirmation-wait ko absent '돈 내고 못 받음|결제 후 자원 없음|결제가 끝나기 전에' "a payment claimed behind a hold no one pays for"
expect utxo-lock-confirmation-wait en present 'is shorter than the longest wait before `send_withdrawal.spend_utxos`' "the short lock is still found"

echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
