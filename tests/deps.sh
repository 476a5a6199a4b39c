#!/usr/bin/env bash
# tests/deps.sh (make deps): the include graph of the modules in src/, one
# line per module with the modules it includes ("layout: block compose ..."),
# a module being a .c file with its .h (a header alone, like galley.h, is a
# module too).  Then the modules in layers, lowest first, from tsort; exit 1
# and name the loop when the includes form a cycle.
# Usage: tests/deps.sh [FOLDER]   (default: the project's src/)
set -u
cd "${1:-$(dirname "$0")/../src}" || exit 2
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in *.c *.h; do
	m=${f%.*}
	sed -n 's/^#include "\([a-z_0-9]*\)\.h".*/\1/p' "$f" | while read -r d; do
		[ "$d" != "$m" ] && echo "$m $d"
	done
done | sort -u >"$edges"
for m in $(ls *.c *.h | sed 's/\..*//' | sort -u); do
	echo "$m: $(awk -v m="$m" '$1 == m {printf "%s ", $2}' "$edges")"
done
echo
if order=$(tsort "$edges" 2>&1 >/dev/null) && [ -z "$order" ]; then
	echo "no cycle; lowest first: $(tsort "$edges" | tac | tr '\n' ' ')"
	echo
else
	echo "cycle among the modules: $(sed -n 's/^tsort: \([a-z_0-9]*\)$/\1/p' <<<"$order" | tr '\n' ' ')"
	exit 1
fi
