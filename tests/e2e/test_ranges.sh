# --normalize-ranges (issue 12): 2020-2022 and 2020~2022 between digits in
# Chinese text become 2020—2022 (一字线), in paragraphs and table cells, with
# one note per file naming the count; dates, telephone numbers, versions and
# Latin text keep their hyphens; without the option nothing changes.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/r.txt" <<'TXT'
二〇二二年度政务公开工作报告

一、总体情况
2020-2022年，全区新建项目3~5个，落实第3～5条规定。
咨询电话：010-12345678，会议于2021-03-15召开，系统v1.2-3版上线。
表1 项目情况
年度	数量
2019-2021年	12
TXT

body() { pdftotext "$1" - | tr -d ' \n'; }

if ! "$YB" build --normalize-ranges -o "$TMP/on.pdf" "$TMP/r.txt" >"$TMP/on.out" 2>&1; then
	fail "build with --normalize-ranges" "$(head -c 300 "$TMP/on.out")"; finish
fi
on=$(body "$TMP/on.pdf")
for want in "2020—2022年" "项目3—5个" "第3—5条" "2019—2021年"; do
	case "$on" in *"$want"*) ok "range set as an em dash: $want" ;;
	*) fail "range set as an em dash: $want" "not in the PDF's text" ;; esac
done
for keep in "010-12345678" "2021-03-15" "v1.2-3"; do
	case "$on" in *"$keep"*) ok "left as written: $keep" ;;
	*) fail "left as written: $keep" "changed in the PDF's text" ;; esac
done
n=$(grep -c "r.txt: note: 4 range marks" "$TMP/on.out")
[ "$n" = 1 ] && ok "one note with the count" || fail "one note with the count" "$(cat "$TMP/on.out")"

"$YB" build -o "$TMP/off.pdf" "$TMP/r.txt" >"$TMP/off.out" 2>&1
off=$(body "$TMP/off.pdf")
case "$off" in *"2020-2022年"*"3~5个"*) ok "off by default" ;;
*) fail "off by default" "ranges changed without the option" ;; esac
grep -q "range mark" "$TMP/off.out" && fail "no note by default" "$(cat "$TMP/off.out")" || ok "no note by default"

# The manifest's [book] normalize-ranges = true does the same; a typo is an error with its line.
printf '[book]\ntitle = 测试汇编\nnormalize-ranges = true\n[report]\nfile = r.txt\n' >"$TMP/book.ini"
if "$YB" build -q -o "$TMP/m.pdf" "$TMP/book.ini" 2>"$TMP/m.err"; then
	case "$(body "$TMP/m.pdf")" in *"2020—2022年"*) ok "manifest normalize-ranges = true" ;;
	*) fail "manifest normalize-ranges = true" "range not set with an em dash" ;; esac
else
	fail "manifest normalize-ranges = true" "$(head -c 300 "$TMP/m.err")"
fi
# check --normalize-ranges names the lines a build would change and how many
# (line 4 holds three: 2020-2022, 3~5, 3～5; line 8 one, in a table cell); without it, none
out=$("$YB" check --normalize-ranges "$TMP/r.txt" 2>&1)
grep -qx '  ranges    4 to set as 2020—2022: L4 (3), L8 (1)' <<<"$out" \
	&& ok "check --normalize-ranges: lines and counts" || fail "check --normalize-ranges" "$out"
"$YB" check "$TMP/r.txt" 2>&1 | grep -q '^  ranges' && fail "check: ranges only on request" "listed without the option" \
	|| ok "check: no ranges line without --normalize-ranges"
"$YB" check "$TMP/book.ini" 2>&1 | grep -qx '  ranges    4 to set as 2020—2022: L4 (3), L8 (1)' \
	&& ok "check book.ini: the manifest's normalize-ranges = true lists them too" || fail "check manifest ranges" "not listed"
printf '二〇二二年度报告\n全区推进改革。\n' >"$TMP/none.txt"
"$YB" check --normalize-ranges "$TMP/none.txt" 2>&1 | grep -qx '  ranges    none to change' \
	&& ok "check --normalize-ranges: none to change" || fail "check: none" "no 'none to change'"
printf '[book]\nnormalize-ranges = yes please\n[report]\nfile = r.txt\n' >"$TMP/bad.ini"
"$YB" build -q -o "$TMP/bad.pdf" "$TMP/bad.ini" 2>"$TMP/bad.err"; rc=$?
[ "$rc" -ne 0 ] && grep -q "bad.ini:2: error: \[book\] normalize-ranges" "$TMP/bad.err" && [ ! -e "$TMP/bad.pdf" ] \
	&& ok "a bad normalize-ranges value is an error with its line" || fail "bad normalize-ranges" "exit $rc: $(cat "$TMP/bad.err")"
finish
