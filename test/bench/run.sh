#!/usr/bin/env bash
# Benchmark: wall time and peak RSS of validate and generate (md, json) across model sizes,
# each against yaml-cpp parsing the same file in the same run (build/bench_yaml_parse).
#   test/bench/run.sh [BUILD_DIR] [SIZES...]     e.g. test/bench/run.sh build 1000 10000
# Times are the best of 3 runs; memory is peak RSS. A ticketing-sample row compares generate
# with validate on a real-size model (the library load dominates there).
# BENCH_TIME=cpu measures user+system CPU seconds instead of wall time: on a machine shared
# with other work the wall time mostly measures waiting for a core, the CPU time does not.
set -eu
build=${1:-build}
shift || true
sizes=${*:-100 1000 10000}
bin=$build/policyforge
base=$build/bench_yaml_parse
[ -x "$bin" ] && [ -x "$base" ] || { echo "build $bin and $base first (cmake --build $build)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
here=$(dirname "$0")

# best of 3: "seconds peak_kb"
measure() {
  local best_t="" best_m=0
  for _ in 1 2 3; do
    if [ "${BENCH_TIME:-wall}" = cpu ]; then
      read -r u s m < <(/usr/bin/time -f "%U %S %M" "$@" 2>&1 >/dev/null | tail -1)
      t=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    else
      read -r t m < <(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    fi
    if [ -z "$best_t" ] || awk "BEGIN{exit !($t < $best_t)}"; then best_t=$t; fi
    [ "$m" -gt "$best_m" ] && best_m=$m
  done
  echo "$best_t $best_m"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) b = 0.0005; printf "%.1fx", a / b }'; }

printf "%7s %8s | %13s | %20s | %20s | %20s\n" steps input parse "validate" "generate md" "generate json"
for n in $sizes; do
  python3 "$here/gen_model.py" "$n" "$tmp/m.yaml"
  kb=$(( $(stat -c %s "$tmp/m.yaml") / 1024 ))
  read -r pt pm < <(measure "$base" "$tmp/m.yaml")
  read -r vt vm < <(measure "$bin" validate "$tmp/m.yaml")
  read -r mt mm < <(measure "$bin" generate "$tmp/m.yaml" -o "$tmp/c.md")
  read -r jt jm < <(measure "$bin" generate "$tmp/m.yaml" --format json -o "$tmp/c.json")
  printf "%7s %6sKB | %5ss %5sMB | %5ss %4sMB %4s %4s | %5ss %4sMB %4s %4s | %5ss %4sMB %4s %4s\n" \
    "$n" "$kb" "$pt" $((pm / 1024)) \
    "$vt" $((vm / 1024)) "$(ratio "$vt" "$pt")" "$(ratio "$vm" "$pm")" \
    "$mt" $((mm / 1024)) "$(ratio "$mt" "$pt")" "$(ratio "$mm" "$pm")" \
    "$jt" $((jm / 1024)) "$(ratio "$jt" "$pt")" "$(ratio "$jm" "$pm")"
done
# A real-size model runs in milliseconds, below the timer's 10 ms steps: each command runs 20
# times in one measured shell, and the time shown is one run's share (CPU or wall as above).
measure20() {
  local out
  out=$(measure bash -c 'for _ in $(seq 20); do "$@" >/dev/null; done' _ "$@")
  awk -v t="${out% *}" -v m="${out#* }" 'BEGIN { printf "%.4f %d\n", t / 20, m }'
}
sample=$here/../../samples/ticketing/model.yaml
read -r vt vm < <(measure20 "$bin" validate "$sample")
read -r mt mm < <(measure20 "$bin" generate "$sample" -o "$tmp/c.md")
echo "ticketing sample (mean of 20 runs): validate ${vt}s ${vm}KB, generate md ${mt}s ${mm}KB ($(ratio "$mt" "$vt") of validate)"
