# The modules' includes form no cycle (make deps, tests/deps.sh); the check
# itself catches a cycle put in on purpose.
. "$(dirname "$0")/lib.sh"
if out=$("$TOP/tests/deps.sh"); then
	ok "no include cycle among the modules of src/"
else
	fail "include cycle" "$(tail -n 1 <<<"$out")"
fi
grep -q '^layout: .*block' <<<"$out" && ! grep -q '^block: .*layout' <<<"$out" \
	&& ok "layout includes block, block not layout" || fail "block below layout" "$(grep -E '^(layout|block):' <<<"$out")"
mkdir "$TMP/src"
cp "$TOP"/src/*.c "$TOP"/src/*.h "$TMP/src/"
sed -i 's|^#include "compose.h"|#include "compose.h"\n#include "layout.h"|' "$TMP/src/block.h"
if out=$("$TOP/tests/deps.sh" "$TMP/src"); then
	fail "deps: a cycle" "not caught"
else
	grep -q "cycle among the modules: .*block" <<<"$out" && ok "the check names a cycle put in on purpose" \
		|| fail "deps: a cycle" "$(tail -n 1 <<<"$out")"
fi
finish
