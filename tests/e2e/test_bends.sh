# What the layout has to bend is said: a line broken where no rule allows
# (a web address longer than the measure) and a page broken inside what
# should stay together (a run of headings taller than a page) are warnings
# with file and line; --strict refuses them and writes nothing.
. "$(dirname "$0")/lib.sh"
printf '测试报告\n\n一、概况\n本段有一个很长的网址https://example.org/%s。\n本段正常。\n' \
	"$(head -c 300 /dev/zero | tr '\0' a)" >"$TMP/url.txt"
"$YB" build "$TMP/url.txt" -o "$TMP/url.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && [ -s "$TMP/url.pdf" ] && grep -q "url.txt:4: warning: a line breaks where no rule allows" "$TMP/err" \
	&& ok "an emergency break is a warning with file and line" || fail "emergency break" "exit $rc: $(cat "$TMP/err")"
"$YB" build -q --strict "$TMP/url.txt" -o "$TMP/url2.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && [ ! -e "$TMP/url2.pdf" ] && grep -q "url.txt:4: error: a line breaks" "$TMP/err" \
	&& ok "--strict refuses an emergency break and writes nothing" || fail "--strict emergency" "exit $rc: $(cat "$TMP/err")"

{ printf '测试报告\n\n'; for i in $(seq 1 60); do printf '%d.标题标题标题\n' "$i"; done; printf '本段正常。\n'; } >"$TMP/heads.txt"
"$YB" build "$TMP/heads.txt" -o "$TMP/heads.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && grep -Eq "heads.txt:[0-9]+: warning: a page breaks inside what should stay together" "$TMP/err" \
	&& ok "a page broken inside a keep is a warning with file and line" || fail "forced break" "exit $rc: $(cat "$TMP/err")"

"$YB" build --strict "$SAMPLES"/*.txt -o "$TMP/samples.pdf" 2>"$TMP/err" \
	&& ok "the samples need no bent rule (--strict builds them)" || fail "samples bend" "$(grep -m3 'error' "$TMP/err")"
finish
