#!/usr/bin/env bash
# The hostile-input job (issue 14): clang with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/, the suite under it, then a short run of every libFuzzer target (fuzz/run.sh).
# usage: test/sanitize.sh [SECONDS_PER_FUZZ_TARGET]   (from a clone, as root on Debian 12)
#
# Under the sanitizers the suite leaves out the tests that only compare or package whole
# outputs of code paths the other tests already run (golden, conformance, schemas,
# distinct-policies, cmark-render, html-report, packaging, citations-installed,
# model-reference-current, library-lookup). Measured on two cores: the sanitized suite takes
# about 2 minutes and the fuzz run about 1 minute; the clang build compiles about 15 files a
# minute (the -O1 build of test/all.sh about 50), so the whole job takes 15 to 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DPOLICYFORGE_SANITIZE=ON -DPOLICYFORGE_FUZZ=ON
cmake --build build-asan -j2
ctest --test-dir build-asan -j2 --output-on-failure -E \
  '^(golden|conformance|schemas|distinct-policies|cmark-render|html-report|packaging|citations-installed|model-reference-current|library-lookup)$'
bash fuzz/run.sh build-asan "${1:-20}"
