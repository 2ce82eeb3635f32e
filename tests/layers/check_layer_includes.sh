#!/usr/bin/env bash
# Fails when a lower layer includes a header of a higher one (cdk8s core ->
# cdk8s_plus -> mailu, and the CLI on top), or when any source climbs to
# another directory's headers with "../".
# usage: check_layer_includes.sh SOURCE_DIR
set -euo pipefail
cd "$1"
status=0
check() {  # check LAYER_DIRS... -- FORBIDDEN_PREFIXES...
  local dirs=() forbidden=()
  while [ "$1" != -- ]; do dirs+=("$1"); shift; done
  shift
  forbidden=("$@")
  for prefix in "${forbidden[@]}"; do
    if grep -rnE "#include [<\"]${prefix}/" "${dirs[@]}"; then
      echo "FAIL: ${dirs[*]} include ${prefix}/ headers (a higher layer)"
      status=1
    fi
  done
}
check include/cdk8s src/cdk8s -- cdk8s_plus mailu
check include/cdk8s_plus src/cdk8s_plus -- mailu
# A relative path would reach any directory's private headers.
if grep -rnE '#include [<"]\.\./' include src constructs; then
  echo "FAIL: an include climbs out of its directory with ../"
  status=1
fi
exit $status
