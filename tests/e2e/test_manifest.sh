# A book manifest's values win over what the parser found: the overridden
# title, issuer and year show in the contents, the outline, the report's
# opening page and running head, and the overview table; the book's own
# title, editor and date reach the cover and the document info.
. "$(dirname "$0")/lib.sh"
cat >"$TMP/book.ini" <<INI
[book]
title = 覆盖测试汇编
subtitle = 二〇二五年卷
editor = 测试编辑部
date = 2025-01-31
[report 1]
file = $SAMPLES/2023-qingyuan-wangchuan.txt
title = 经过编辑核定的报告标题
issuer = 核定发布机关
year = 2021
[report 2]
file = $SAMPLES/2022-nanyu-qinghe.txt
INI
if ! "$YB" build --allow-outside "$TMP/book.ini" -o "$TMP/book.pdf" 2>"$TMP/err"; then
	fail "manifest book: builds" "$(head -c 300 "$TMP/err")"; finish
fi
pdftotext -layout "$TMP/book.pdf" - | tr -d ' ' >"$TMP/book.txt"
check_text() { grep -q "$2" "$TMP/book.txt" && ok "$1" || fail "$1" "'$2' not in the book"; }
check_text "the overridden title is in the contents and on its opening page" '经过编辑核定的报告标题\.\.\.'
n=$(grep -c '经过编辑核定的报告标题' "$TMP/book.txt")
[ "$n" -ge 3 ] && ok "the overridden title stands in the contents, on the opening page and in the running heads ($n times)" \
	|| fail "title uses" "$n times"
grep -q '^1经过编辑核定的报告.*核定发布机关2021' "$TMP/book.txt" \
	&& ok "the overview row gives the manifest's title, issuer and year" \
	|| fail "overview row" "$(grep -m1 '经过编辑' "$TMP/book.txt")"
pdftotext -f 1 -l 1 "$TMP/book.pdf" - | tr -d ' \n' | grep -q '覆盖测试汇编二〇二五年卷测试编辑部2025年1月' \
	&& ok "the cover has the book's title, subtitle, editor and date (in Chinese form)" || fail "cover" "$(pdftotext -f 1 -l 1 "$TMP/book.pdf" - | tr '\n' ' ')"
info=$(pdfinfo "$TMP/book.pdf")
grep -q '^Title: *覆盖测试汇编' <<<"$info" && grep -q '^Author: *测试编辑部' <<<"$info" \
	&& grep -q '^CreationDate:.*2023' <<<"$info" \
	&& ok "document info: title, author, and SOURCE_DATE_EPOCH as the creation date" \
	|| fail "document info" "$(grep -E '^(Title|Author|CreationDate)' <<<"$info" | tr '\n' ' ')"
if [ -x "$TOOLS/pdf-audit" ]; then
	"$TOOLS/pdf-audit" "$TMP/book.pdf" | grep -q '^outline_top: .*经过编辑核定的报告标题' \
		&& ok "the outline uses the overridden title" || fail "outline" "$("$TOOLS/pdf-audit" "$TMP/book.pdf" | grep outline_top)"
else
	skip "outline" "../shared/tools is missing"
fi
# without SOURCE_DATE_EPOCH the creation date is the book's date
SOURCE_DATE_EPOCH= "$YB" build -q --allow-outside "$TMP/book.ini" -o "$TMP/dated.pdf"
pdfinfo "$TMP/dated.pdf" | grep -q '^CreationDate:.*Jan 31 .*2025' \
	&& ok "without SOURCE_DATE_EPOCH the creation date is the manifest's date" \
	|| fail "book date" "$(pdfinfo "$TMP/dated.pdf" | grep CreationDate)"
finish
