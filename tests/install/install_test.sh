#!/usr/bin/env bash
# Installs the built project into a temporary prefix, builds a separate
# project against it with find_package(cdk8s_mailu), and checks that the
# program it links prints every YAML golden byte for byte and synthesizes
# the same file as the installed mailu-synth.
# usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/mailu-synth"
cmake -S "$source/tests/install/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" >/dev/null

failed=0
for golden in "$source"/tests/data/core/yaml/*.json; do
  if ! "$work/consumer/consumer" yaml "$golden" | cmp -s - "${golden%.json}.yaml"; then
    echo "FAIL: $(basename "$golden") differs from its .yaml golden"
    failed=1
  fi
done
config="$source/tests/data/parity/cases/p04-all-components-traefik.json"
"$work/consumer/consumer" synth "$config" "$work/library"
"$work/prefix/bin/mailu-synth" --config "$config" --outdir "$work/cli"
cmp "$work/library/mailu.k8s.yaml" "$work/cli/mailu.k8s.yaml" || { echo "FAIL: library and CLI differ"; failed=1; }
exit $failed
