# Pagination rules on the laid-out pages (--dump=layout): no heading at a
# page foot, no orphans or widows, no running head on an opening page or a
# blank page; facing pages end on the same line, opening pages are full,
# no report ends on a nearly empty page (issue 12) -- in every shipped
# style; and the checker itself catches a broken rule.
. "$(dirname "$0")/lib.sh"
if have_shared; then inputs=$(corpus_files); else inputs=$(ls "$SAMPLES"/*.txt); fi
# style and the lines of its full page
while read -r style lines; do
	"$YB" build -q --style "$style" $inputs "$SAMPLES"/*.txt --dump=layout >"$TMP/$style.dump" 2>"$TMP/err" \
		|| { fail "$style: builds" "$(head -c 300 "$TMP/err")"; continue; }
	if out=$(python3 "$TOP/tests/e2e/page_rules.py" --lines "$lines" "$TMP/$style.dump"); then
		ok "$style: no heading at a foot, no orphan, no widow, furniture where it belongs; facing pages end alike, full opening pages, no short last page"
	else
		fail "$style: page rules" "$(echo "$out" | head -n 5 | tr '\n' ' ')"
	fi
done <<'EOF2'
yearbook 34
gb9704 22
screen 23
EOF2
# Greedy filling ([page] balance = false, the old paginator) breaks the
# spread rules on the same book: the checker sees it.
printf '[style]\nname = greedy\ninherit = yearbook\n\n[page]\nbalance = false\n' >"$TMP/greedy.ini"
if "$YB" build -q --style "$TMP/greedy.ini" $inputs "$SAMPLES"/*.txt --dump=layout >"$TMP/greedy.dump" 2>"$TMP/err"; then
	out=$(python3 "$TOP/tests/e2e/page_rules.py" --lines 34 "$TMP/greedy.dump")
	n=$(grep -c '^spread ' <<<"$out")
	[ "$n" -ge 3 ] && ok "greedy pages break the spread rule ($n spreads), balanced ones do not" \
		|| fail "greedy pages" "the checker found $n unbalanced spreads: $out"
else
	fail "greedy style builds" "$(head -c 300 "$TMP/err")"
fi
# The balancing keys are checked like every style key.
printf '[style]\nname = bad\ninherit = yearbook\n\n[page]\nbalance-lines = two\n' >"$TMP/bad.ini"
if "$YB" build -q --style "$TMP/bad.ini" "$SAMPLES/long-table.txt" -o "$TMP/bad.pdf" 2>"$TMP/err"; then
	fail "balance-lines = two" "accepted"
else
	grep -q "balance-lines: 'two' is not a number of lines" "$TMP/err" && ok "a bad balance-lines is refused" \
		|| fail "balance-lines = two" "$(cat "$TMP/err")"
fi
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
# A two-sided report of five-line pages (pitch 20): its opening page ends
# two lines short although the paragraph heading page 2 could have given
# it lines; the spread p2-p3 ends on lines 4 and 3; the last page has two.
{
	echo "page 1 label=1 size=1x1 origin=10,0"
	echo "line p1 title x=0.00 y=10.00 w=1 measure=1 last"
	echo "line p1 body x=21.00 y=30.00 w=1 measure=1"
	echo "line p1 body x=0.00 y=50.00 w=1 measure=1 last"
	for p in 2 3; do
		echo "page $p label=$p size=1x1 origin=$((p % 2 * 10)),0"
		for i in 0 1 2 3 4; do
			[ $p = 3 ] && [ $i = 4 ] && continue
			echo "line p$p body x=$([ $i = 0 ] && echo 21.00 || echo 0.00) y=$((10 + 20 * i)).00 w=1 measure=1$([ $i = 2 ] && echo ' last')"
		done
	done
	echo "page 4 label=4 size=1x1 origin=0,0"
	echo "line p4 body x=0.00 y=10.00 w=1 measure=1"
	echo "line p4 body x=0.00 y=30.00 w=1 measure=1 last"
	echo "end pages=4"
} >"$TMP/spread.dump"
out=$(python3 "$TOP/tests/e2e/page_rules.py" --lines 5 "$TMP/spread.dump")
for rule in "empty-foot p1" "spread p2-p3" "short-last p4"; do
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
