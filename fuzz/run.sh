#!/usr/bin/env bash
# A short run of every libFuzzer target built in BUILD/fuzz, each from its seed corpus:
# the samples, the broken and hostile models for the model target, fuzz/seeds/render for the
# render target, the golden catalogs for the importer. A crash, a leak, a timeout (10 s per
# input) or 2 GB of memory fails the run; the input that did it is kept in BUILD/fuzz/findings
# and becomes a test case under test/hostile/.
# usage: fuzz/run.sh BUILD [SECONDS_PER_TARGET]
set -euo pipefail
build=${1:?usage: fuzz/run.sh BUILD [SECONDS_PER_TARGET]}
seconds=${2:-30}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/model" "$work/render" "$work/import" "$build/fuzz/findings"
for f in "$src"/samples/*/model.yaml "$src"/test/broken/*.yaml "$src"/test/hostile/*.yaml; do
  cp "$f" "$work/model/$(echo "$f" | sha256sum | cut -c1-16).yaml"
done
cp "$src"/fuzz/seeds/render/* "$work/render/"
for f in "$src"/test/golden/*/*.md; do cp "$f" "$work/import/$(echo "$f" | sha256sum | cut -c1-16).md"; done
status=0
for target in model render import; do
  bin=$build/fuzz/fuzz_$target
  [ -x "$bin" ] || { echo "fuzz: $target: not built, skipped"; continue; }
  echo "fuzz: $target for $seconds s"
  if ! "$bin" "$work/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -print_final_stats=1 -artifact_prefix="$build/fuzz/findings/$target-" >"$build/fuzz/$target.log" 2>&1; then
    echo "fuzz: $target FAILED; the input is in $build/fuzz/findings:"
    tail -40 "$build/fuzz/$target.log"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/fuzz/$target.log" | sed "s/^/  /"
  fi
done
exit $status
