#!/usr/bin/env bash
# Everything the project tests, from a clean clone on Debian 12 as root (the README's test
# command; .ci/run runs it): install what is needed, build once with clang under
# AddressSanitizer and UndefinedBehaviorSanitizer (with the libFuzzer targets), run the whole
# suite on that build, then a short run of every fuzz target (fuzz/run.sh).
#
# One build, not two: on CI's two cores a second (unsanitized) build of the suite would push the
# run past 20 minutes, and every test, golden catalogs included, must give the same bytes under
# the sanitizers. The build is at -O1 with line tables only (for readable sanitizer reports).
# Measured from a clean clone on the project's 2-core machine: see docs/performance.md ("CI").
# usage: test/all.sh [SECONDS_PER_FUZZ_TARGET]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
start=$(date +%s)
cmake -S . -B build-ci -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DPOLICYFORGE_SANITIZE=ON -DPOLICYFORGE_FUZZ=ON
cmake --build build-ci -j2
built=$(date +%s)
ctest --test-dir build-ci -j2 --output-on-failure
tested=$(date +%s)
bash fuzz/run.sh build-ci "${1:-15}"
echo "test/all.sh: build $((built - start)) s, suite $((tested - built)) s, fuzz $(($(date +%s) - tested)) s"
