#!/usr/bin/env bash
# Models the samples do not cover (test/models/*.yaml: thin, unusual, one-of-a-kind) must still
# give a catalog that passes the project's format checker (policyforge lint --model), in both languages.
set -u
bin=${1:?usage: conformance.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for model in test/models/*.yaml; do
  for lang in ko en; do
    n=$((n + 1))
    if ! "$bin" generate "$model" --lang "$lang" -o "$tmp/c.md" 2>"$tmp/err"; then
      echo "FAIL $model ($lang): generate failed"; cat "$tmp/err"; fail=$((fail + 1)); continue
    fi
    if ! "$bin" lint "$tmp/c.md" --model "$model" >"$tmp/out" 2>&1; then
      echo "FAIL $model ($lang):"; sed 's/^/    /' "$tmp/out"; fail=$((fail + 1))
    fi
  done
done
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
