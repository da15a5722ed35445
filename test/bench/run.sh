#!/usr/bin/env bash
# Benchmark: wall time and peak RSS of validate and generate (md, json) across model sizes.
#   test/bench/run.sh [BINARY] [SIZES...]     e.g. test/bench/run.sh build/policyforge 10 100 1000 10000
set -eu
bin=${1:-build/policyforge}
shift || true
sizes=${*:-10 100 1000 10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(dirname "$0")
printf "%8s %10s %14s %12s %14s %12s %14s %12s\n" steps input_kb validate_s validate_mb gen_md_s gen_md_mb gen_json_s gen_json_mb
for n in $sizes; do
  python3 "$here/gen_model.py" "$n" "$tmp/m.yaml"
  kb=$(( $(stat -c %s "$tmp/m.yaml") / 1024 ))
  run() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
  v=$(run "$bin" validate "$tmp/m.yaml")
  m=$(run "$bin" generate "$tmp/m.yaml" -o "$tmp/c.md")
  j=$(run "$bin" generate "$tmp/m.yaml" --format json -o "$tmp/c.json")
  set -- $v $m $j
  printf "%8s %10s %14s %12s %14s %12s %14s %12s\n" "$n" "$kb" "$1" "$(( $2 / 1024 ))" "$3" "$(( $4 / 1024 ))" "$5" "$(( $6 / 1024 ))"
done
