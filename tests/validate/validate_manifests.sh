#!/usr/bin/env bash
# Synthesizes every public parity case and the bundled example with
# mailu-synth and validates each object against the Kubernetes and Traefik
# schemas with shared/tools/k8s-validate.js.
# usage: validate_manifests.sh MAILU_SYNTH CASES_DIR EXAMPLE VALIDATOR NODE_MODULES
# Exits 77 (skipped) when the validator or its node modules are not there.
set -euo pipefail
synth=$1 cases=$2 example=$3 validator=$4 modules=$5

if [[ ! -f $validator ]] || ! command -v node >/dev/null || [[ ! -d $modules/kubernetes-models ]]; then
  echo "skipped: needs node, $validator and the npm packages in $modules (make test installs them)"
  exit 77
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for config in "$cases"/p*.json "$example"; do
  name=$(basename "${config%.*}")
  "$synth" --config "$config" --chart-id "$name" --outdir "$out"
done
NODE_PATH=$modules node "$validator" "$out"/*.k8s.yaml
