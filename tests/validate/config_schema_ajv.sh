#!/usr/bin/env bash
# `mailu-synth schema` against the loader, with ajv (check_config_schema.js
# beside this says what is checked).
# usage: config_schema_ajv.sh MAILU_SYNTH NODE_MODULES CASES_DIR CONFIGS_DIR REFUSED_DIR MUTATE_CONFIG EXAMPLE...
# Exits 77 (skipped) when node or ajv is not there.
set -euo pipefail
synth=$1 modules=$2 cases=$3 configs=$4 refused=$5 mutate=$6
shift 6

if ! command -v node >/dev/null || [[ ! -f $modules/ajv/dist/2020.js || ! -d $modules/yaml ]]; then
  echo "skipped: needs node and the npm packages ajv and yaml in $modules (make test installs them)"
  exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$synth" schema -o "$out/mailu.schema.json"
# The file and standard output carry the same schema.
"$synth" schema | cmp - "$out/mailu.schema.json"
NODE_PATH=$modules node "$here/check_config_schema.js" "$synth" "$out/mailu.schema.json" \
  --accept "$cases"/p*.json "$configs"/*.json "$@" --refused "$refused"/b* --mutate "$mutate"
