#!/usr/bin/env bash
# Everything the project tests, from a clean clone on Debian 12 as root (the README's test
# command; .ci/run runs it): install what is needed, build, run the whole suite.
#
# The suite is built at -O1 without debug information: on CI's two cores that halves the build
# (a heavy file takes 15 s at -O2 -g, 7 s at -O1) and keeps the run well under 20 minutes; the
# README's build for use stays RelWithDebInfo. The sanitizer job (clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, the suite under them and a short fuzz run) is test/sanitize.sh:
# with both builds a run takes longer than CI's 20 minutes on two cores, so it runs on demand.
# Measured from a clean clone on two cores: about 5.5 minutes (build 3.5, suite 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG"
cmake --build build -j2
ctest --test-dir build --output-on-failure
