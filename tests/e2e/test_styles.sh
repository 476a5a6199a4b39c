# Styles and fonts as data (issue 4): each shipped style gives a book whose
# measured page size, measure, lines per full page and characters per full
# line (from --dump=layout) are the style's; style warnings and errors; the
# fonts command; characters no font has (warning, or error with --strict).
. "$(dirname "$0")/lib.sh"
if have_shared; then inputs=$(corpus_files); else inputs=$(ls "$SAMPLES"/*.txt); fi
# Full pages need long runs of body text: a report of the samples' long
# paragraphs (no headings), three times over, beside the real reports.
python3 - "$SAMPLES"/*.txt >"$TMP/long1.txt" <<'PY'
import sys
for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    print("\n".join(l.strip() for l in text.splitlines() if len(l.strip()) > 120))
    # and a paragraph of Han characters only, whose full lines show the grid
    print("".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff"))
PY
{ echo "长篇测试报告"; cat "$TMP/long1.txt" "$TMP/long1.txt" "$TMP/long1.txt"; } >"$TMP/long.txt"
inputs="$inputs $TMP/long.txt"

# style  page      measure  lines chars
while read -r style page measure lines chars; do
	if ! "$YB" build -q --style "$style" $inputs --dump=layout >"$TMP/$style.dump" 2>"$TMP/err"; then
		fail "$style: builds" "$(head -c 300 "$TMP/err")"; continue
	fi
	got=$(python3 "$TOP/tests/e2e/layout_stats.py" "$TMP/$style.dump" | tr '\n' ' ')
	want="page_mm $page measure_mm $measure lines_per_page $lines chars_per_line $chars "
	[ "$got" = "$want" ] && ok "$style: $page mm pages, $measure mm measure, $lines lines of $chars characters" \
		|| fail "$style: grid" "got '$got', want '$want'"
done <<'EOF2'
gb9704   210x297 156.0 22 28
yearbook 185x260 140.8 34 38
screen   148x210 114.3 23 27
EOF2

# gb9704: the folio `— n —` 7 mm below the type area, on the outer side;
# the body goes on counting from the front matter, so the first report's
# first page shows its place in the book (its page label).
if "$YB" build -q --style gb9704 $inputs -o "$TMP/gb.pdf" --dump=layout >"$TMP/gb.dump" 2>"$TMP/err"; then
	first=$(awk '/^line p[0-9]+ body /{sub(/^line p/, ""); print $1; exit}' "$TMP/gb.dump")
	pdftotext -f "${first:-1}" -l "${first:-1}" "$TMP/gb.pdf" - | grep -Eq "^— ?${first:-x} ?—$" \
		&& ok "gb9704: page numbers as — n —, the first report's first page is — $first —" \
		|| fail "gb9704: folio" "no '— ${first:-?} —' on the first body page"
else
	fail "gb9704: pdf" "$(head -c 300 "$TMP/err")"
fi

# gb9704 numbers its front matter like the body ([folio] front-numbers =
# arabic) in one sequence: the page labels are decimal from the first page
# and never restart (no two pages share a label), and the contents page's
# folio is — N — with 一字线 (U+2014); the base style stays roman.
if [ -x "$TOOLS/pdf-audit" ] && [ -s "$TMP/gb.pdf" ]; then
	labels=$("$TOOLS/pdf-audit" "$TMP/gb.pdf" | grep '^page_labels:')
	[ "$labels" = "page_labels: from page 1: arabic from 1" ] \
		&& ok "gb9704: page labels are arabic, one sequence from the first page" || fail "gb9704: labels" "$labels"
	toc=$(for p in 1 2 3 4 5; do pdftotext -f $p -l $p "$TMP/gb.pdf" - | grep -q '^目录$' && echo $p && break; done)
	pdftotext -f "${toc:-1}" -l "${toc:-1}" "$TMP/gb.pdf" - | grep -Eq "^— ?${toc:-x} ?—$" \
		&& ok "gb9704: the contents page's folio is — ${toc:-?} —" || fail "gb9704: front folio" "no '— N —' on the contents page"
	"$YB" build -q $inputs -o "$TMP/yb.pdf" 2>/dev/null
	"$TOOLS/pdf-audit" "$TMP/yb.pdf" | grep -q '^page_labels: from page 1: roman from 1' \
		&& ok "the default style's front matter stays roman" || fail "default front labels" "not roman"
else
	skip "gb9704: front matter numbers" "pdf-audit (../shared/tools) is missing"
fi

# A style that inherits another and overrides one key.
printf '[style]\ninherit = screen\n[body]\nsize = 五号\n' >"$TMP/mine.ini"
"$YB" build -q --style "$TMP/mine.ini" $inputs --dump=layout >"$TMP/mine.dump" 2>"$TMP/err" \
	&& grep -q ' 10.500\]' "$TMP/mine.dump" && grep -q 'size=419.53x595.28' "$TMP/mine.dump" \
	&& ok "a style inheriting screen with a 五号 body" || fail "inherit" "$(head -c 300 "$TMP/err")"

# An unknown key is a warning naming file, line and the nearest key; the book is still built.
printf '[style]\ninherit = screen\n[body]\nindnet = 2字\n' >"$TMP/typo.ini"
"$YB" build --style "$TMP/typo.ini" $inputs -o "$TMP/typo.pdf" 2>"$TMP/err"
grep -q "typo.ini:4: warning: unknown key 'indnet' in \[body\]; did you mean 'indent'" "$TMP/err" && [ -s "$TMP/typo.pdf" ] \
	&& ok "an unknown style key warns with file, line and the nearest key" || fail "unknown key" "$(cat "$TMP/err")"

# A margin wider than the page is an error and nothing is built.
printf '[page]\nmargin-inner = 300mm\n' >"$TMP/wide.ini"
"$YB" build --style "$TMP/wide.ini" $inputs -o "$TMP/wide.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "wide.ini:2: error" "$TMP/err" && [ ! -e "$TMP/wide.pdf" ] \
	&& ok "a margin wider than the page is an error with its line" || fail "wide margin" "exit $rc: $(cat "$TMP/err")"

# yearbook fonts: every role with its file; the FangSong stand-in is named.
"$YB" fonts >"$TMP/fonts" 2>"$TMP/err"
for role in song hei kai fangsong latin; do
	grep -q "$role" "$TMP/fonts" || { fail "fonts: role $role" "not listed"; continue; }
done
grep -Eq '\.(ttc|ttf|otf)' "$TMP/fonts" && ok "yearbook fonts lists each role with its font file" \
	|| fail "fonts" "$(head -c 300 "$TMP/fonts")"

"$YB" fonts --style gb9704 >"$TMP/fonts" 2>/dev/null
grep -Eq '^body +fangsong +15\.8 pt .*\(stand-in\)' "$TMP/fonts" && grep -Eq '^heading1 +hei ' "$TMP/fonts" \
	&& ok "yearbook fonts --style names the role and face of each part of the style" \
	|| fail "fonts --style" "$(tail -n 10 "$TMP/fonts" | tr '\n' ' ')"

# A character no installed font has (Ext-E U+2C000.. checked absent by test_fonts): warning, --strict error.
missing=$(printf '\U0002CE80')
printf '一、总则\n本段含有一个罕见字%s，用于测试。\n' "$missing" >"$TMP/rare.txt"
"$YB" fonts "$TMP/rare.txt" >"$TMP/fonts" 2>"$TMP/err"
grep -q "rare.txt:2: warning: no installed font has" "$TMP/err" \
	&& ok "yearbook fonts FILE names an uncovered character with file and line" || fail "fonts FILE" "$(cat "$TMP/err")"
"$YB" build "$TMP/rare.txt" -o "$TMP/rare.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && grep -q "rare.txt:2: warning: no installed font has" "$TMP/err" \
	&& ok "build warns about an uncovered character with file and line" || fail "build warning" "exit $rc: $(cat "$TMP/err")"
"$YB" build --strict "$TMP/rare.txt" -o "$TMP/rare2.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "rare.txt:2: error: no installed font has" "$TMP/err" && [ ! -e "$TMP/rare2.pdf" ] \
	&& ok "--strict makes an uncovered character an error and writes nothing" || fail "--strict" "exit $rc: $(cat "$TMP/err")"

# Every face of the style is resolved in build: a stand-in serving only the
# table face is named too (skipped when a FangSong font is installed).
if "$YB" fonts 2>&1 | grep -q "stand-in: no FangSong"; then
	printf '[style]\ninherit = yearbook\n[table]\nfont = fangsong\n' >"$TMP/table-fs.ini"
	"$YB" build --style "$TMP/table-fs.ini" "$SAMPLES/long-table.txt" -o "$TMP/tfs.pdf" 2>"$TMP/err"
	grep -q "stands in for role 'fangsong'" "$TMP/err" && ok "build names a stand-in that only the table face uses" \
		|| fail "table stand-in" "$(cat "$TMP/err")"
else
	skip "table stand-in" "a FangSong font is installed, so nothing stands in"
fi
finish
