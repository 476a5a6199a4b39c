# yearbook check: the outline an editor reads (title, issuer, date, number,
# year, elements, headings with level and line), doubtful things flagged and
# the exit status; the manifest's per-report values and line-by-line
# structure overrides, in check and in build.
. "$(dirname "$0")/lib.sh"
G=$SAMPLES/genres

out=$("$YB" check "$G/notice-waste-sorting.txt" 2>/dev/null); rc=$?
[ "$rc" -eq 0 ] && ok "check: a clean notice exits 0" || fail "check: exit" "$rc"
for want in "title     南屿市人民政府关于进一步加强城市生活垃圾分类工作的通知 (lines 5-6)" \
	"issuer    南屿市人民政府" "date      2021-03-05" "number    南府发〔2021〕7号" \
	"elements  mark L1, number L3, addressee L8, attachments L24-25, signature L27, date L28, note L30, copies L32-33" \
	"L13      2 （一）完善分类投放设施" "nothing doubtful"; do
	grep -qF -- "$want" <<<"$out" && ok "check: shows '$want'" || fail "check: outline" "no '$want' in: $(head -n 12 <<<"$out")"
done

# a broken sequence, a skipped level, a heading ending in 。, a built title
cat >"$TMP/doubt.txt" <<'T'
2023年，本局坚持依法行政，各项工作取得新成效。现将有关情况报告如下。
一、主要工作
（一）加强学习
全年组织学习12次。
（三）规范执法
严格执法程序。
二、下一步打算
1、加强执法监督。
继续加强执法监督。
T
out=$("$YB" check "$TMP/doubt.txt" 2>/dev/null); rc=$?
[ "$rc" -eq 1 ] && ok "check: doubtful things exit 1" || fail "check: doubtful exit" "$rc"
grep -qF '? L5: （三） follows number 1' <<<"$out" && ok "check: a broken sequence is flagged with its line" \
	|| fail "check: sequence" "$out"
grep -qF '? title: none in the text' <<<"$out" && ok "check: a built title is flagged" || fail "check: title" "$out"
grep -q '^  L8  *2 1、加强执法监督' <<<"$out" && ok "check: 1、 right under 一、 is level 2 there, though （一） ranks between" \
	|| fail "check: level clamp" "$out"
grep -qF "? L8: a heading ending in 。; if it is a sentence, give 'body = 8'" <<<"$out" \
	&& ok "check: a heading ending in 。 is flagged with the override that fixes it" || fail "check: 。" "$out"

# the manifest corrects it: values and structure, line by line
cp "$TMP/doubt.txt" "$TMP/r.txt"
cat >"$TMP/book.ini" <<'T'
[book]
title = 测试
[report 1]
file = r.txt
title = 某区司法局2023年法治政府建设年度报告
date = 2024-01-20
number = 某司发〔2024〕1号
heading2 = 9
body = 8
T
out=$("$YB" check "$TMP/book.ini" 2>/dev/null); rc=$?
grep -qF "title     某区司法局2023年法治政府建设年度报告 (manifest)" <<<"$out" && grep -qF "number    某司发〔2024〕1号 (manifest)" <<<"$out" \
	&& grep -qF "date      2024-01-20 (manifest)" <<<"$out" && ok "check: the manifest's title, date and number are shown as such" \
	|| fail "check: manifest values" "$out"
grep -q '^  L9  *2 继续加强执法监督' <<<"$out" && ! grep -q '^  L8 ' <<<"$out" \
	&& ok "check: heading2 = 9 and body = 8 are applied" || fail "check: overrides" "$out"
grep -qF '? L5:' <<<"$out" && [ "$rc" -eq 1 ] && ok "check: what the manifest leaves alone is still flagged" \
	|| fail "check: still doubtful" "$rc $out"
"$YB" build --dump=tree "$TMP/book.ini" >"$TMP/tree" 2>/dev/null
grep -qx 'h2 L9 继续加强执法监督。' "$TMP/tree" && ! grep -q '^h. L8 ' "$TMP/tree" \
	&& ok "build: the manifest's structure overrides reach the tree" || fail "build: overrides" "$(cat "$TMP/tree")"
"$YB" build "$TMP/book.ini" -o "$TMP/b.pdf" 2>/dev/null
pdftotext "$TMP/b.pdf" - | grep -q '继续加强执法监督' && ok "build: the overridden book builds" || fail "build: pdf" "missing text"

# a bad override is refused with file, line and what to write
printf '[report 1]\nfile = r.txt\nheading2 = 4x, 9\n' >"$TMP/bad.ini"
err=$("$YB" check "$TMP/bad.ini" 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 1 ] && grep -qF "bad.ini:3: error: [report 1] heading2: '4x' is not a line number" <<<"$err" \
	&& ok "check: a bad line number is refused with file and line" || fail "check: bad override" "$rc $err"
printf '[report 1]\nfile = r.txt\nheading4 = 9\n' >"$TMP/skip.ini"
"$YB" check "$TMP/skip.ini" 2>/dev/null | grep -qF '? L9: a level-4 heading under a level-2 one' \
	&& ok "check: a skipped level (an override's) is flagged" || fail "check: level" "not flagged"
# the genre sample with broken sequences: a skipped number stays a heading
# and is flagged; a sentence out of sequence is a paragraph
out=$("$YB" check "$G/notice-broken-sequence.txt" 2>/dev/null)
grep -qF '? L19: （三） follows number 1' <<<"$out" && grep -q '^  L19  *2 （三）' <<<"$out" \
	&& ok "check: 一、二、四、-style skip: still a heading, flagged" || fail "check: skip" "$out"
! grep -q '^  L15 ' <<<"$out" && grep -qF 'numbered paragraphs 1 (0 in the outline)' <<<"$out" \
	&& ok "check: a 1. sentence after 2. is a numbered paragraph" || fail "check: out of sequence" "$out"
# numbered paragraphs in the outline (a reply of 一、 paragraphs) are listed with ¶
out=$("$YB" check "$G/reply-state-council.txt" 2>/dev/null)
grep -q '^  L8  *1 ¶ 二、联席会议要深入贯彻落实党中央、国务院决策部署$' <<<"$out" && grep -qF 'numbered paragraphs 3 (3 in the outline)' <<<"$out" \
	&& ok "check: outline paragraphs listed with level and label" || fail "check: outline paragraphs" "$out"
printf '[report 1]\nfile = r.txt\nbody = 200\n' >"$TMP/far.ini"
"$YB" check "$TMP/far.ini" 2>/dev/null | grep -qF '? body = 200: line 200 of the report holds no text' \
	&& ok "check: an override naming no line is flagged" || fail "check: far override" "not flagged"
"$YB" check 2>/dev/null; [ $? -eq 2 ] && ok "check: no files is a usage error" || fail "check: usage" "not 2"
finish
