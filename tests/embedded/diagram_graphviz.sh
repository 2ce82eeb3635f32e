#!/usr/bin/env bash
# `mailu-synth diagram` drawn by Graphviz: for every public parity case, every
# config of tests/data/configs and the examples, `dot -Tsvg` must take the
# DOT text with exit 0 and not a word on standard error, and the SVG must
# hold each node and edge the text declares (Graphviz titles nodes by id and
# edges "a->b"). The committed docs/diagrams/mailu.svg must be a drawing of
# the committed docs/diagrams/mailu.dot (the unit test holds that DOT to
# examples/mailu.yaml; `make docs` renders it). Bad options and configs are
# refused with exit 2 and nothing on standard output.
# usage: diagram_graphviz.sh MAILU_SYNTH CASES_DIR CONFIGS_DIR DOCS_DIAGRAMS_DIR EXAMPLE...
source "$(dirname "$0")/lib.sh"

synth="$1" cases="$2" configs="$3" diagrams="$4"
shift 4

# Refusals: exit 2, nothing on standard output, one line on standard error.
for args in "--config $cases/p01-minimal-sqlite.json --format png" "--config $TMP/missing.yaml" "--format dot"; do
  set +e
  # shellcheck disable=SC2086
  "$synth" diagram $args >"$TMP/out" 2>"$TMP/err"
  status=$?
  set -e
  [ "$status" -eq 2 ] || fail "diagram $args: exit $status, not 2"
  [ ! -s "$TMP/out" ] || fail "diagram $args: wrote to standard output"
  [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "diagram $args: not one line: $(cat "$TMP/err")"
done
note "bad options and configs refused"

need dot graphviz
need python3 python3

# same_drawing DOT SVG: every node and edge of DOT, and only those, in SVG.
same_drawing() {
  python3 - "$1" "$2" <<'PY'
import re, sys
from collections import Counter
dot, svg = open(sys.argv[1]).read(), open(sys.argv[2]).read()
nodes = set(re.findall(r'^ +"([^"]+)" \[label=', dot, re.M))
edges = Counter(f"{a}->{b}" for a, b in re.findall(r'^  "([^"]+)" -> "([^"]+)" \[', dot, re.M))
unescape = lambda t: t.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&").replace("&#45;", "-")
svg_nodes = set(unescape(t) for t in re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>', svg))
svg_edges = Counter(unescape(t) for t in re.findall(r'<g id="edge\d+" class="edge">\s*<title>([^<]*)</title>', svg))
if not nodes or nodes != svg_nodes or edges != svg_edges:
    sys.exit(f"nodes {sorted(nodes ^ svg_nodes)} edges {sorted((edges - svg_edges) + (svg_edges - edges))} differ")
PY
}

count=0
for config in "$cases"/p*.json "$configs"/*.json "$@"; do
  name=$(basename "${config%.*}")
  for format in dot mermaid; do
    "$synth" diagram --config "$config" --format "$format" -o "$TMP/$name.$format" ||
      fail "$name: diagram --format $format exited $?"
  done
  dot -Tsvg "$TMP/$name.dot" -o "$TMP/$name.svg" 2>"$TMP/$name.err" || fail "$name: dot exited $?: $(cat "$TMP/$name.err")"
  [ ! -s "$TMP/$name.err" ] || fail "$name: dot warned: $(cat "$TMP/$name.err")"
  same_drawing "$TMP/$name.dot" "$TMP/$name.svg" || fail "$name: the SVG is not the DOT's drawing"
  # Standard output carries the same text as the file.
  "$synth" diagram --config "$config" | cmp -s - "$TMP/$name.dot" || fail "$name: standard output differs from -o"
  grep -q '^flowchart LR$' "$TMP/$name.mermaid" || fail "$name: no mermaid flowchart"
  count=$((count + 1))
done
note "$count configs drawn by dot -Tsvg without a warning"

same_drawing "$diagrams/mailu.dot" "$diagrams/mailu.svg" ||
  fail "docs/diagrams/mailu.svg is not docs/diagrams/mailu.dot's drawing: run make docs"

