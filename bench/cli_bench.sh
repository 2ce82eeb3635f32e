#!/usr/bin/env bash
# End-to-end timings of mailu-synth with public tools: wall time (bash's
# microsecond clock) and peak RSS (GNU time) for one chart, and for 10, 100
# and 1000 charts in one call, each a copy of the p04 config (all components,
# Traefik ingress). Every run writes into a folder of its own, so files are
# really written; a last line times a re-run into a folder that already holds
# the same output (unchanged files are left alone). Also checks that the
# 1000-chart output equals synthesizing each config alone, all 1000 files.
#
# On ext4 without a journal, creating files right after thousands were deleted
# in the same place is much slower (the kernel skips recently freed inodes, see
# docs/performance.md); run this on a quiet file system for comparable figures.
# usage: bench/cli_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
synth=$build/mailu-synth
config=tests/data/parity/cases/p04-all-components-traefik.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=5

# label, then the command with OUT standing for a new output folder per run;
# prints the median wall time and the largest peak RSS of the runs.
measure() {
  local label=$1
  shift
  local walls=() rss=0
  for run in $(seq 1 "$runs"); do
    local out="$work/out-${label// /_}-$run"
    local command=("${@/#OUT/$out}")
    local start=$EPOCHREALTIME
    /usr/bin/time -f "%M" -o "$work/rss" "${command[@]}" >/dev/null
    local end=$EPOCHREALTIME
    walls+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')")
    rss=$(( $(cat "$work/rss") > rss ? $(cat "$work/rss") : rss ))
  done
  printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk -v label="$label" -v rss="$rss" \
    '{ printf "%-34s wall %7.4f s (median of '"$runs"')   peak RSS %6.1f MiB\n", label, $1, rss / 1024 }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
measure "1 chart" "$synth" --config "$config" --outdir OUT
for n in 10 100 1000; do
  mkdir -p "$work/in$n"
  args=()
  for i in $(seq 1 "$n"); do
    cp "$config" "$work/in$n/tenant-$i.json"
    args+=(--config "$work/in$n/tenant-$i.json")
  done
  measure "$n charts, one call" "$synth" "${args[@]}" --outdir OUT
done
measure "1000 charts, --stdout" "$synth" "${args[@]}" --stdout
measure "1000 charts, unchanged re-run" "$synth" "${args[@]}" --outdir "$work/out-1000_charts,_one_call-1"

# The 1000 files must be those of synthesizing each config alone, file by file.
for i in $(seq 1 1000); do
  "$synth" --config "$work/in1000/tenant-$i.json" --chart-id "tenant-$i" --outdir "$work/alone"
done
diff -r "$work/alone" "$work/out-1000_charts,_one_call-1"
echo "1000-chart output identical, file by file, to synthesizing each of the 1000 configs alone"
