#!/usr/bin/env bash
# A user's clone has only this repository: fails when a test, a build file
# or the CI script names the workplace's specification folder (a sibling of
# the clone), so every expected value the tests use lives in tests/data.
# usage: check_self_contained.sh SOURCE_DIR
set -euo pipefail
cd "$1"
sibling="shared"  # spelled apart so this script does not name it itself
pattern="\.\./${sibling}([/\"' ]|$)|/${sibling}/(parity|core|seeds|tools)/"
files=(CMakeLists.txt Makefile .ci/run cmake tests fuzz bench)
if hits=$(grep -rnE "$pattern" "${files[@]}" 2>/dev/null); then
  echo "FAIL: these name the specification folder beside the clone, which a user's clone lacks:"
  echo "$hits"
  exit 1
fi
echo "ok: no test or build file names the specification folder"
