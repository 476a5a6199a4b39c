# Pagination rules on the laid-out pages (--dump=layout): no heading at a
# page foot, no orphans or widows, no running head on an opening page or a
# blank page -- in every shipped style; and the checker itself catches a
# broken rule.
. "$(dirname "$0")/lib.sh"
if have_shared; then inputs=$(corpus_files); else inputs=$(ls "$SAMPLES"/*.txt); fi
for style in yearbook gb9704 screen; do
	"$YB" build -q --style "$style" $inputs "$SAMPLES"/*.txt --dump=layout >"$TMP/$style.dump" 2>"$TMP/err" \
		|| { fail "$style: builds" "$(head -c 300 "$TMP/err")"; continue; }
	if out=$(python3 "$TOP/tests/e2e/page_rules.py" "$TMP/$style.dump"); then
		ok "$style: no heading at a foot, no orphan, no widow, furniture where it belongs"
	else
		fail "$style: page rules" "$(echo "$out" | head -n 5 | tr '\n' ' ')"
	fi
done
# The checker must fail on a dump that breaks the rules.
cat >"$TMP/bad.dump" <<'DUMP'
page 1 label=1 size=1x1 origin=0,0
line p1 body x=21.00 y=10.00 w=1 measure=1
line p1 heading1 x=0.00 y=30.00 w=1 measure=1 last
page 2 label=2 size=1x1 origin=0,0
line p2 body x=0.00 y=10.00 w=1 measure=1 last
line p2 body x=21.00 y=30.00 w=1 measure=1
page 3 label=3 size=1x1 origin=0,0
line p3 body x=0.00 y=10.00 w=1 measure=1 last
end pages=3
DUMP
out=$(python3 "$TOP/tests/e2e/page_rules.py" "$TMP/bad.dump")
for rule in "heading-foot p1" "widow p2" "orphan p2"; do
	grep -qx "$rule" <<<"$out" && ok "the checker catches $rule" || fail "checker: $rule" "not reported: $out"
done
# ... and refuse a dump that is empty or cut short, rather than pass it.
: >"$TMP/empty.dump"
head -n 4 "$TMP/bad.dump" >"$TMP/cut.dump"                       # no end line
head -c 200 "$TMP/bad.dump" >"$TMP/mid.dump"                     # cut inside a line
{ head -n 3 "$TMP/bad.dump"; echo "end pages=3"; } >"$TMP/few.dump" # pages missing
printf 'end pages=0\n' >"$TMP/none.dump"                         # no line at all
for d in empty cut mid few none; do
	if python3 "$TOP/tests/e2e/page_rules.py" "$TMP/$d.dump" >/dev/null 2>"$TMP/err"; then
		fail "checker refuses a $d dump" "exited 0"
	else
		grep -q "not a whole --dump=layout dump" "$TMP/err" && ok "the checker refuses a $d dump" \
			|| fail "checker refuses a $d dump" "$(cat "$TMP/err")"
	fi
done
finish
