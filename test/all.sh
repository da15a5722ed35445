#!/usr/bin/env bash
# Everything the project tests, from a clean clone on Debian 12 as root (the README's test
# command; .ci/run runs it): install what is needed, build, run the whole suite; then the
# hostile-input job (issue 14): clang with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/, the suite under it, and a short run of every libFuzzer target.
#
# Under the sanitizers the suite leaves out the tests that only compare or package whole
# outputs of code paths the other tests already run (golden, conformance, schemas,
# distinct-policies, cmark-render, html-report, packaging, citations-installed,
# model-reference-current, library-lookup): they take most of the time under ASan and find no
# memory error the others would miss. Timings are in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j2
ctest --test-dir build --output-on-failure

export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" -DPOLICYFORGE_SANITIZE=ON -DPOLICYFORGE_FUZZ=ON
cmake --build build-asan -j2
ctest --test-dir build-asan -j2 --output-on-failure -E \
  '^(golden|conformance|schemas|distinct-policies|cmark-render|html-report|packaging|citations-installed|model-reference-current|library-lookup)$'
bash fuzz/run.sh build-asan 20
