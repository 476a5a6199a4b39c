# The contact sheet (build --proof-sheet): one PNG with every page as a
# thumbnail in reading spreads (page 1 alone on the right, then left/right
# pairs), read back with tests/e2e/sheet_thumbs.py: as many thumbnails as
# the book has pages, where the spreads put them, a page number under each;
# alone it writes no PDF; with -o both; the same bytes twice; a file that
# is not a PNG is never replaced.  (tests/unit/test_sheet.c: the sizes of
# 500- and 12000-page sheets.)
. "$(dirname "$0")/lib.sh"
THUMBS=$TOP/tests/e2e/sheet_thumbs.py
mkdir -p "$TMP/b"
cp -r "$SAMPLES"/*.txt "$SAMPLES/front" "$SAMPLES/book.ini" "$TMP/b/"
if ! "$YB" build -q "$TMP/b/book.ini" --proof-sheet "$TMP/sheet.png" 2>"$TMP/err"; then
	fail "sheet: builds" "$(head -c 300 "$TMP/err")"; finish
fi
[ -s "$TMP/sheet.png" ] && [ ! -e "$TMP/b/book.pdf" ] && ok "--proof-sheet alone writes the sheet and no PDF" \
	|| fail "sheet alone" "$(ls "$TMP" "$TMP/b")"
"$YB" build -q "$TMP/b/book.ini" --proof-sheet "$TMP/sheet2.png" -o "$TMP/book.pdf" 2>"$TMP/err"
pages=$(pdfinfo "$TMP/book.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
[ -n "$pages" ] && cmp -s "$TMP/sheet.png" "$TMP/sheet2.png" \
	&& ok "with -o: the book ($pages pages) and the same sheet, byte for byte" || fail "sheet with -o" "$(head -c 300 "$TMP/err")"
python3 "$THUMBS" "$TMP/sheet.png" >"$TMP/thumbs" || fail "sheet: readable" "sheet_thumbs.py failed"
read -r w h <"$TMP/thumbs"
n=$(($(wc -l <"$TMP/thumbs") - 1))
[ "$n" = "$pages" ] && ok "one thumbnail a page ($n on a ${w}x$h sheet)" || fail "thumbnails" "$n thumbnails for $pages pages"
# reading spreads: page 1 alone on the right, then each even page on the
# left of the next odd one, touching; spreads 264 px apart (two 120 px
# thumbnails and a 24 px gap), rows evenly spaced
python3 - "$TMP/thumbs" <<'EOF' >"$TMP/spreads"
import sys
xy = [tuple(map(int, l.split()[:2])) for l in open(sys.argv[1]).read().split("\n")[1:] if l]
rows = sorted(set(y for _, y in xy))
per_row = (sum(1 for _, y in xy if y == rows[0]) + 1) // 2
pitch = rows[1] - rows[0] if len(rows) > 1 else 0
want = []
for i in range(len(xy)):
    k = (i + 1) // 2
    want.append((24 + k % per_row * 264 + (120 if i % 2 == 0 else 0) + 1, rows[0] + k // per_row * pitch))
bad = [(i + 1, got, w) for i, (got, w) in enumerate(zip(xy, want)) if got != w]
print(len(rows), "rows of", per_row, "spreads;", "misplaced (page, got, want):" if bad else "", *bad[:3])
sys.exit(1 if bad or rows[0] != 25 else 0)
EOF
[ $? -eq 0 ] && ok "reading spreads: page 1 alone on the right, then left/right pairs ($(cat "$TMP/spreads"))" \
	|| fail "spreads" "$(cat "$TMP/spreads")"
# a page number under each thumbnail: dark pixels in the band under its frame
unlabelled=$(awk 'NR > 1 && $3 < 3' "$TMP/thumbs" | wc -l)
[ "$unlabelled" = 0 ] && ok "a page number under every thumbnail" || fail "labels" "$unlabelled thumbnails without one"
"$YB" build -q "$TMP/b/book.ini" --proof-sheet "$TMP/b/2022-nanyu-qinghe.txt" 2>"$TMP/err"; rc=$?
[ $rc = 2 ] && grep -q "2022-nanyu-qinghe.txt" "$TMP/err" && cmp -s "$TMP/b/2022-nanyu-qinghe.txt" "$SAMPLES/2022-nanyu-qinghe.txt" \
	&& ok "a sheet over an input (not a PNG) is refused, the file untouched" || fail "sheet over a report" "exit $rc: $(head -c 300 "$TMP/err")"
finish
