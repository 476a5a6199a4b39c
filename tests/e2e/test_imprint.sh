# The book content of issue 15: the imprint page of an internal
# publication (or a copyright page with CIP data when the manifest gives an
# ISBN) and the front matter a manifest names (编委会, 前言, 凡例), checked
# from the PDF's text, its outline and page labels.  Only what the manifest
# gives is printed; a wrong ISBN is refused with its line.
. "$(dirname "$0")/lib.sh"
F=$SAMPLES/front
REPORT=$SAMPLES/2024-yunze-linxi.txt
# manifest NAME [book lines] -- [imprint lines]: a one-report book in $TMP/NAME.ini
manifest() {
	local name=$1; shift
	{
		printf '[book]\ntitle = 版权页测试汇编\neditor = 测试编辑部\ndate = 2025-06-30\n'
		while [ $# -gt 0 ] && [ "$1" != -- ]; do echo "$1"; shift; done
		[ $# -gt 0 ] && shift && echo '[imprint]' && printf '%s\n' "$@"
		printf '[report 1]\nfile = %s\n' "$REPORT"
	} >"$TMP/$name.ini"
}
build() { # build NAME: $TMP/NAME.pdf, errors in $TMP/NAME.err
	"$YB" build -q --allow-outside "$TMP/$1.ini" -o "$TMP/$1.pdf" 2>"$TMP/$1.err"
}
# the text of page $2 of $TMP/$1.pdf, a line per printed line, without spaces
page_text() { pdftotext -layout -f "$2" -l "$2" "$TMP/$1.pdf" - 2>/dev/null | sed 's/[ 　\f]//g' | grep -v '^$'; }
npages() { pdfinfo "$TMP/$1.pdf" | sed -n 's/^Pages: *//p'; }

# An internal publication: every line on the back of the title page (page 2).
manifest internal -- 'permit = 清内资准字（2025）第017号' 'compiler = 清源市法治政府建设研究会' \
	'recipients = 各区人民政府，市政府各部门' 'printer = 清源市望川印务有限公司' 'print-date = 2025-06' 'copies = 800'
if build internal; then
	got=$(page_text internal 2 | tr '\n' '|')
	want='内部资料，免费交流|准印证号：清内资准字（2025）第017号|编印单位：清源市法治政府建设研究会|发送对象：各区人民政府，市政府各部门|印刷单位：清源市望川印务有限公司|印刷日期：2025年6月|印数：800册|'
	[ "$got" = "$want" ] && ok "internal publication: notice, permit, compiler, recipients, printer, date and run on page 2, in order" \
		|| fail "internal imprint" "page 2 is '$got'"
	page_text internal 1 | grep -q '准印证号' && fail "imprint page" "the imprint is on the title page" \
		|| ok "the title page carries no imprint"
else
	fail "internal: builds" "$(head -c 300 "$TMP/internal.err")"
fi

# Only what the manifest gives: a printer and a run, no permit, so no notice either.
manifest partial -- 'printer = 清源市望川印务有限公司' 'copies = 1200'
if build partial; then
	got=$(page_text partial 2 | tr '\n' '|')
	[ "$got" = '印刷单位：清源市望川印务有限公司|印数：1200册|' ] \
		&& ok "only the keys given are printed (no notice without a permit)" || fail "partial imprint" "page 2 is '$got'"
else
	fail "partial: builds" "$(head -c 300 "$TMP/partial.err")"
fi

# None given: no imprint page at all (page 2 stays the blank back of the title page).
manifest none
if build none; then
	[ -z "$(page_text none 2)" ] && ok "no [imprint]: the back of the title page stays blank" \
		|| fail "no imprint" "page 2 is '$(page_text none 2 | tr '\n' '|')'"
	[ "$(npages none)" = "$(npages partial)" ] && ok "no [imprint]: as many pages as with one" \
		|| fail "no imprint pages" "$(npages none) pages, $(npages partial) with an imprint"
else
	fail "none: builds" "$(head -c 300 "$TMP/none.err")"
fi

# With an ISBN: the copyright page with the CIP data block.
manifest isbn -- 'isbn = 978-7-5000-0000-6' 'place = 北京' 'publisher = 法治出版社' 'subjects = 法治—政府—研究报告—中国' \
	'classification = D630.1' 'cip-number = 中国国家版本馆CIP数据核字（2025）第123456号' 'printer = 清源市望川印务有限公司'
if build isbn; then
	got=$(page_text isbn 2 | tr '\n' '|')
	want='图书在版编目（CIP）数据|版权页测试汇编/测试编辑部编．—北京：法治出版社，2025|ISBN978-7-5000-0000-6|Ⅰ．①版…Ⅱ．①测…Ⅲ．①法治—政府—研究报告—中国Ⅳ．①D630.1|中国国家版本馆CIP数据核字（2025）第123456号|出版发行：法治出版社|印刷单位：清源市望川印务有限公司|'
	[ "$got" = "$want" ] && ok "ISBN: the CIP data block, then publisher and printer" || fail "CIP page" "page 2 is '$got'"
	page_text isbn 2 | grep -q '内部资料' && fail "CIP notice" "a book with an ISBN says 内部资料" \
		|| ok "ISBN: no internal-publication notice"
else
	fail "isbn: builds" "$(head -c 300 "$TMP/isbn.err")"
fi

# A wrong check digit, or an ISBN and a permit, are refused with the line; nothing written.
manifest badisbn -- 'printer = 某印刷厂' 'isbn = 978-7-5000-0000-9'
if build badisbn; then fail "wrong ISBN" "accepted"
else
	grep -q "badisbn.ini:7: error: \[imprint\] isbn: '978-7-5000-0000-9' has a wrong check digit (9; these twelve digits need 6)" "$TMP/badisbn.err" \
		&& [ ! -e "$TMP/badisbn.pdf" ] && ok "a wrong ISBN check digit is refused with file:line, nothing written" \
		|| fail "wrong ISBN message" "$(head -c 300 "$TMP/badisbn.err")"
fi
manifest both -- 'isbn = 9787500000006' 'permit = 某准字第1号'
build both && fail "ISBN and permit" "accepted" || {
	grep -q "both.ini:7: error: \[imprint\] permit: a book with an ISBN is not an internal publication" "$TMP/both.err" \
		&& ok "an ISBN with a permit is refused" || fail "ISBN and permit" "$(head -c 300 "$TMP/both.err")"; }
manifest typo -- 'printr = 某印刷厂' 'copies = 一千'
"$YB" build --allow-outside "$TMP/typo.ini" -o "$TMP/typo.pdf" 2>"$TMP/typo.err"
grep -q "typo.ini:6: warning: unknown key 'printr' in \[imprint\]; did you mean 'printer'" "$TMP/typo.err" \
	&& grep -q "typo.ini:7: error: \[imprint\] copies: '一千' is not a print run" "$TMP/typo.err" \
	&& ok "a misspelt imprint key gets 'did you mean', a print run in words an error" \
	|| fail "imprint typos" "$(head -c 400 "$TMP/typo.err")"

# page = last-page: the imprint is the book's last page, a left-hand page, and page 2 is blank.
manifest last -- 'permit = 清内资准字（2025）第017号' 'page = last-page'
if build last; then
	n=$(npages last)
	page_text last "$n" | grep -q '准印证号：清内资准字' && [ $((n % 2)) = 0 ] && [ -z "$(page_text last 2)" ] \
		&& ok "page = last-page: the imprint is the last page ($n, a left-hand page)" \
		|| fail "last-page imprint" "page $n is '$(page_text last "$n" | tr '\n' '|')'"
else
	fail "last: builds" "$(head -c 300 "$TMP/last.err")"
fi

# The front matter: each part opens a right-hand page under its title, with
# a roman folio, before the contents; it is in the contents and the outline.
manifest front "editorial-board = $F/board.txt" "preface = $F/preface.txt" "notes = $F/notes.txt" \
	-- 'permit = 清内资准字（2025）第017号'
if build front; then
	pdftotext -layout "$TMP/front.pdf" - | tr -d ' ' >"$TMP/front.txt"
	for part in '编委会:3:iii' '前言:5:v' '凡例:7:vii'; do
		IFS=: read -r title page label <<<"$part"
		text=$(page_text front "$page")
		[ "$(head -n 1 <<<"$text")" = "$title" ] && [ "$(tail -n 1 <<<"$text")" = "$label" ] \
			&& grep -q "^$title\.\.\..*$label\$" "$TMP/front.txt" \
			&& ok "front matter: $title opens page $page, folio $label, in the contents as $label" \
			|| fail "front matter: $title" "page $page: '$(tr '\n' '|' <<<"$text" | head -c 200)'"
	done
	[ "$(page_text front 5 | grep -c '^前言$')" = 1 ] && ok "a first line repeating the title (前　言) is not set again" \
		|| fail "preface title" "the file's own title line is set too"
	# the preface's signature and date close it flush right; the notes' last item stays a paragraph
	lead() { pdftotext -layout -f "$1" -l "$1" "$TMP/front.pdf" - | grep "$2" | head -n 1 | sed 's/[^ ].*//' | wc -c; }
	[ "$(lead 5 '^ *编 *者$')" -gt 30 ] && [ "$(lead 5 '2025 年 6 月')" -gt 30 ] && [ "$(lead 7 '五、')" -lt 10 ] \
		&& ok "the preface's signature and date are set flush right" \
		|| fail "preface closing" "indents $(lead 5 '^ *编 *者$') $(lead 5 '2025 年 6 月') $(lead 7 '五、')"
	page_text front 3 | grep -q '^委员：（按姓氏笔画为序）$' && ok "the board's lines are set as written" \
		|| fail "board lines" "$(page_text front 3 | head -n 5 | tr '\n' '|')"
	if [ -x "$TOOLS/pdf-audit" ]; then
		audit=$("$TOOLS/pdf-audit" "$TMP/front.pdf")
		grep -q '^outline_top: 编委会 | 前言 | 凡例 | 汇编报告一览表' <<<"$audit" \
			&& ok "the outline opens with the front matter" || fail "outline" "$(grep outline_top <<<"$audit")"
		grep -q '^page_labels: from page 1: roman from 1; from page 11: arabic from 1' <<<"$audit" \
			&& ok "the front matter's pages are labelled roman (i to x)" || fail "labels" "$(grep page_labels <<<"$audit")"
		"$TOOLS/roundtrip" "$TMP/front.pdf" "$F/board.txt" "$F/preface.txt" "$F/notes.txt" "$REPORT" >"$TMP/rt" 2>&1 \
			&& ok "roundtrip: every character of the front matter and the report" || fail "roundtrip" "$(tail -n 3 "$TMP/rt")"
	else
		skip "outline, labels, roundtrip" "../shared/tools is missing"
	fi
else
	fail "front: builds" "$(head -c 300 "$TMP/front.err")"
fi

# A manifest's title replaces the style's; the file's own first line, another title, stays text.
manifest retitled "preface = $F/preface.txt" "preface-title = 编辑说明"
if build retitled; then
	[ "$(page_text retitled 3 | head -n 2 | tr '\n' '|')" = '编辑说明|前言|' ] \
		&& ok "preface-title replaces the opening title; the file's 前　言 line is kept as text" \
		|| fail "preface-title" "$(page_text retitled 3 | head -n 2 | tr '\n' '|')"
else
	fail "retitled: builds" "$(head -c 300 "$TMP/retitled.err")"
fi

# A front-matter file that is missing is an error at its line; one that is
# not text is refused by the reader, as a report would be.
manifest nofile "preface = $TMP/missing.txt"
build nofile && fail "missing preface" "accepted" || {
	grep -q "nofile.ini:5: error: \[book\] preface: text '$TMP/missing.txt' not found" "$TMP/nofile.err" \
		&& ok "a missing front-matter file is an error with file:line" || fail "missing preface" "$(head -c 300 "$TMP/nofile.err")"; }
printf '\xff\xfe\x00\x01binary\x00' >"$TMP/bin.txt"
manifest binfile "notes = $TMP/bin.txt"
build binfile && fail "binary notes" "accepted" || {
	grep -q "bin.txt" "$TMP/binfile.err" && ok "a front-matter file that is not text is refused by the reader" \
		|| fail "binary notes" "$(head -c 300 "$TMP/binfile.err")"; }
finish
