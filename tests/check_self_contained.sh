#!/usr/bin/env bash
# A user's clone has no ../shared (the workplace's specification folder):
# fails when a test, a build file or the CI script names it, so every
# expected value the tests use lives in tests/data.
# usage: check_self_contained.sh SOURCE_DIR
set -euo pipefail
cd "$1"
files=(CMakeLists.txt Makefile .ci/run cmake tests fuzz bench)
if hits=$(grep -rnE '(\.\./|/)shared/(parity|core|seeds|tools)|\.\./shared\b' "${files[@]}" \
          --exclude=check_self_contained.sh 2>/dev/null); then
  echo "FAIL: these name ../shared, which a clone does not have:"
  echo "$hits"
  exit 1
fi
echo "ok: no test or build file names ../shared"
