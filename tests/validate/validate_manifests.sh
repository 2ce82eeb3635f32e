#!/usr/bin/env bash
# Synthesizes every public parity case, the bundled example and the configs
# of CONFIGS_DIR with mailu-synth and validates each object against the
# Kubernetes and Traefik schemas with VALIDATOR (validate_k8s.js beside this).
# usage: validate_manifests.sh MAILU_SYNTH CASES_DIR EXAMPLE VALIDATOR NODE_MODULES [CONFIGS_DIR [CONFIG...]]
# Exits 77 (skipped) when the validator or its node modules are not there.
set -euo pipefail
synth=$1 cases=$2 example=$3 validator=$4 modules=$5 configs=${6:-}

if [[ ! -f $validator ]] || ! command -v node >/dev/null || [[ ! -d $modules/kubernetes-models ]]; then
  echo "skipped: needs node, $validator and the npm packages in $modules (make test installs them)"
  exit 77
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
extra=()
if [[ -n $configs ]]; then extra=("$configs"/*.json); fi
extra+=("${@:7}")  # further config files (examples)
count=0
for config in "$cases"/p*.json "$example" "${extra[@]}"; do
  name=$(basename "${config%.*}")
  "$synth" --config "$config" --chart-id "$name" --outdir "$out"
  count=$((count + 1))
done
# Two configs of one name would leave one file for both.
files=("$out"/*.k8s.yaml)
if [[ ${#files[@]} -ne $count ]]; then
  echo "FAIL: $count configs gave ${#files[@]} manifests (a name used twice?)"
  exit 1
fi
NODE_PATH=$modules node "$validator" "$out"/*.k8s.yaml
