#!/usr/bin/env bash
# End-to-end timings of mailu-synth with public tools: wall time and peak RSS
# (GNU time) for one chart, and for 10, 100 and 1000 charts in one call, each
# a copy of the p04 config (all components, Traefik ingress). Also checks that
# the 1000-chart output equals synthesizing each config alone.
# usage: bench/cli_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
synth=$build/mailu-synth
config=tests/data/parity/cases/p04-all-components-traefik.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # label, then the command; prints the median of 5 runs
  local label=$1
  shift
  local runs=()
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    runs+=("$(cat "$work/time")")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p | awk -v label="$label" \
    '{ printf "%-28s wall %6.3f s   peak RSS %7.1f MiB\n", label, $1, $2 / 1024 }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
measure "1 chart" "$synth" --config "$config" --outdir "$work/one"
for n in 10 100 1000; do
  mkdir -p "$work/in$n"
  args=()
  for i in $(seq 1 "$n"); do
    cp "$config" "$work/in$n/tenant-$i.json"
    args+=(--config "$work/in$n/tenant-$i.json")
  done
  measure "$n charts, one call" "$synth" "${args[@]}" --outdir "$work/out$n"
done

# The 1000 files must be those of synthesizing each config alone.
for i in 1 500 1000; do
  "$synth" --config "$work/in1000/tenant-$i.json" --chart-id "tenant-$i" --outdir "$work/alone"
  cmp "$work/alone/tenant-$i.k8s.yaml" "$work/out1000/tenant-$i.k8s.yaml"
done
echo "1000-chart output identical to single synthesis (checked tenants 1, 500, 1000)"
