#!/usr/bin/env bash
# test_truetype: the TrueType copies of the Noto CJK faces (fonts/truetype/,
# made by `make` from fonts/truetype.list) set text exactly like their
# originals, serve every role that prefers them, and let the archive embed
# the book's own faces.
. "$(dirname "$0")/lib.sh"

copies=$(sed -n 's/^\([^#| ]*\.ttf\).*/\1/p' "$TOP/fonts/truetype.list")
if ! fc-list | grep -q 'NotoSerifCJK-Regular.ttc'; then
	skip "truetype copies" "fonts-noto-cjk is not installed (.ci/install-deps user)"
	finish
fi
missing=
for c in $copies; do [ -s "$TOP/fonts/truetype/$c" ] || missing="$missing $c"; done
[ -z "$missing" ] && ok "make wrote every copy of fonts/truetype.list" \
	|| fail "copies" "not in fonts/truetype/:$missing (run make)"

# The same book with and without the copies: a data folder without truetype/.
data=$TMP/data
mkdir -p "$data/fonts"
cp -r "$TOP/styles" "$TOP/archive" "$data/"
cp -r "$TOP/fonts/user" "$TOP/fonts/"*.conf "$data/fonts/"
if have_shared; then inputs=("$CORPUS"/*.txt); else inputs=("$SAMPLES"/*.txt); fi
inputs+=("$SAMPLES/2023-cuifeng-songtao.txt")   # traditional
# A run of one face split where a character comes from another file of the
# same face (outside the copy's coverage) is one run once the names match.
merge_runs() {
	python3 -c '
import re, sys
for line in sys.stdin:
    prev = None
    def keep(m):
        global prev
        same = m.group(0) == prev
        prev = m.group(0)
        return "" if same else m.group(0)
    sys.stdout.write(re.sub(r" ?\[[^]]+\]", keep, line) if line.startswith("  [") else line)
'
}
for style in yearbook gb9704; do
	"$YB" build -q --style "$style" --dump=layout "${inputs[@]}" >"$TMP/tt.dump" 2>/dev/null
	YEARBOOK_DATADIR=$data "$YB" build -q --style "$style" --dump=layout "${inputs[@]}" >"$TMP/cff.dump" 2>/dev/null
	# the copies' names for the originals' (face 2: SC, face 3: TC)
	sed -e 's/noto-serif-sc\.ttf#0/NotoSerifCJK-Regular.ttc#2/g; s/noto-serif-sc-bold\.ttf#0/NotoSerifCJK-Bold.ttc#2/g' \
	    -e 's/noto-sans-sc\.ttf#0/NotoSansCJK-Regular.ttc#2/g; s/noto-serif-tc\.ttf#0/NotoSerifCJK-Regular.ttc#3/g' \
	    -e 's/noto-serif-tc-bold\.ttf#0/NotoSerifCJK-Bold.ttc#3/g; s/noto-sans-tc\.ttf#0/NotoSansCJK-Regular.ttc#3/g' \
	    "$TMP/tt.dump" | merge_runs >"$TMP/tt.named"
	merge_runs <"$TMP/cff.dump" >"$TMP/cff.merged" && mv "$TMP/cff.merged" "$TMP/cff.dump"
	if ! grep -q 'noto-serif-sc.ttf#0' "$TMP/tt.dump"; then
		fail "$style: the book is set in the copies" "no line in noto-serif-sc.ttf"
	elif [ -s "$TMP/cff.dump" ] && cmp -s "$TMP/tt.named" "$TMP/cff.dump"; then
		ok "$style: every line, character and advance the same as with the CFF originals"
	else
		fail "$style: copies set text like the originals" "$(diff "$TMP/tt.named" "$TMP/cff.dump" | head -4 | tr '\n' ' ')"
	fi
done

# The same glyphs, not only the same advances: the pages drawn with the
# copies and with the originals (a copy without the locl feature gave
# zh-cn the proportional dash of U+2014 at the same advance).
"$YB" build -q "${inputs[@]}" -o "$TMP/tt.pdf" 2>/dev/null
YEARBOOK_DATADIR=$data "$YB" build -q "${inputs[@]}" -o "$TMP/cff.pdf" 2>/dev/null
largest=$(python3 "$TOP/tests/e2e/page_diff.py" "$TMP/tt.pdf" "$TMP/cff.pdf" 2>&1 | tail -1)
if [[ "$largest" =~ ([0-9.]+)%\ of ]] && awk -v p="${BASH_REMATCH[1]}" 'BEGIN { exit !(p < 0.01) }'; then
	ok "every page drawn with the copies matches the originals' (100 dpi)"
else
	fail "pages drawn with the copies" "$largest"
fi

# The book embeds no CFF font when its characters are all in the copies'
# coverage; the archive embeds the copies (the book's faces), not AR PL UMing.
"$YB" build -q "$SAMPLES/2024-yunze-linxi.txt" -o "$TMP/b.pdf" &&
"$YB" build -q --archive "$SAMPLES/2024-yunze-linxi.txt" -o "$TMP/a.pdf" || fail "builds" "a build failed"
pdffonts "$TMP/b.pdf" >"$TMP/b.fonts"
grep -q 'Type 0C\|Type 1C' "$TMP/b.fonts" && fail "no CFF font in the book" "$(grep 'Type [01]C' "$TMP/b.fonts" | head -2)" \
	|| ok "the book embeds TrueType faces only"
pdffonts "$TMP/a.pdf" >"$TMP/a.fonts"
grep -q 'NotoSerifCJKsc' "$TMP/a.fonts" && ! grep -q 'UMing' "$TMP/a.fonts" \
	&& ok "the archive is set in the book's song face" || fail "archive faces" "$(tail -n +3 "$TMP/a.fonts" | awk '{print $1}' | tr '\n' ' ')"

# A character outside the copy's coverage (GB 2312) comes from the original.
printf '测试报告\n\n本年度𬞟昇堃喆工作。\n' >"$TMP/rare.txt"
"$YB" build -q --dump=layout "$TMP/rare.txt" 2>/dev/null | grep '堃' | grep -q 'NotoSerifCJK-Regular.ttc#2' \
	&& ok "a character outside GB 2312 comes from the original face" || fail "rare character" "not set in the original face"
finish
