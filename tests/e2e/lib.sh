# lib.sh: shared helpers for the end-to-end scripts (sourced, not run).
# Each check prints "ok NAME", "FAIL NAME: why" or "skip NAME: why".
set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
YB=${YB_BIN:-$TOP/build/yearbook}   # tests/run sets YB_BIN (e.g. the asan build)
SHARED=$TOP/../shared
CORPUS=$SHARED/corpus
TOOLS=$SHARED/tools
SAMPLES=$TOP/samples
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
T_FAILED=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok()   { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; T_FAILED=1; }
skip() { echo "skip $1: $2"; }
check() { # check NAME COMMAND...: ok when the command succeeds
	local name=$1; shift
	if "$@" >"$TMP/check.out" 2>&1; then ok "$name"
	else fail "$name" "'$*' failed: $(tail -n 3 "$TMP/check.out" | tr '\n' ' ')"; fi
}
have_shared() { [ -d "$CORPUS" ] && [ -d "$TOOLS" ]; }
# Before a test runs yearbook as nobody: a home of its own, as every real
# user has, for fontconfig's cache.  Else nobody keeps root's HOME, where it
# can neither look into the home font folder nor write a cache, and on a
# fresh checkout fontconfig says so on stderr ("No writable cache
# directories").  Root uses it too (its caches go to the system's).
home_for_nobody() {
	chmod 711 "$TMP" && mkdir -p "$TMP/home" && chmod 1777 "$TMP/home"
	export HOME="$TMP/home" XDG_CACHE_HOME="$TMP/home/.cache"
}
corpus_files() { ls "$CORPUS"/*.txt; }
finish() { exit "$T_FAILED"; }
