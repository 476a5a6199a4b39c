#!/usr/bin/env bash
# test_stream: a book written while it is laid out (the PDF alone: its
# pages go to the writer as they are final, the front matter's last, and
# the update puts them first again) is the book written from the whole
# display list (as when a proof sheet is asked for too): the same text in
# the same order, the same pdf-audit (outline, links, labels, fonts), the
# structure tree in page order, the same pages drawn; byte-identical
# between runs and thread counts.  A style whose body numbers wait for the
# front matter (front-numbers = arabic: gb9704) is written the same way
# as before.
. "$(dirname "$0")/lib.sh"

if have_shared; then inputs=("$CORPUS"/*.txt); else inputs=("$SAMPLES"/*.txt); fi
inputs+=("$SAMPLES/2023-cuifeng-songtao.txt" "$SAMPLES/2024-lanshan-tables.txt")
for style in yearbook screen gb9704; do
	d=$TMP/$style
	mkdir -p "$d"
	if ! "$YB" build -q --style "$style" "${inputs[@]}" -o "$d/stream.pdf" ||
	   ! "$YB" build -q --style "$style" "${inputs[@]}" -o "$d/whole.pdf" --proof-sheet "$d/sheet.png"; then
		fail "$style: build" "yearbook failed"
		continue
	fi
	pdftotext "$d/stream.pdf" "$d/stream.txt" && pdftotext "$d/whole.pdf" "$d/whole.txt"
	cmp -s "$d/stream.txt" "$d/whole.txt" && ok "$style: the same text in the same order" \
		|| fail "$style: text" "$(diff "$d/whole.txt" "$d/stream.txt" | head -n 4 | tr '\n' ' ')"
	if [ -x "$TOOLS/pdf-audit" ]; then
		"$TOOLS/pdf-audit" "$d/stream.pdf" >"$d/stream.aud" 2>&1
		"$TOOLS/pdf-audit" "$d/whole.pdf" >"$d/whole.aud" 2>&1
		cmp -s "$d/stream.aud" "$d/whole.aud" && ok "$style: the same pdf-audit (outline, links, labels, fonts)" \
			|| fail "$style: pdf-audit" "$(diff "$d/whole.aud" "$d/stream.aud" | head -n 4 | tr '\n' ' ')"
	else
		skip "$style: pdf-audit" "../shared/tools is missing (developer test material)"
	fi
	order=$(python3 "$TOP/tests/e2e/struct_order.py" "$d/stream.pdf") && ok "$style: structure in page order ($order)" \
		|| fail "$style: structure order" "$order"
	pdftoppm -r 30 -gray "$d/stream.pdf" "$d/s" && pdftoppm -r 30 -gray "$d/whole.pdf" "$d/w"
	differ=0 n=0
	for s in "$d"/s-*.pgm; do
		n=$((n + 1))
		cmp -s "$s" "$d/w-${s##*/s-}" || differ=$((differ + 1))
	done
	[ "$n" -gt 0 ] && [ "$differ" = 0 ] && [ "$(ls "$d"/w-*.pgm | wc -l)" = "$n" ] \
		&& ok "$style: the same $n pages drawn" || fail "$style: pages" "$differ of $n pages differ"
done

d=$TMP/yearbook
"$YB" build -q -j 1 "${inputs[@]}" -o "$d/j1.pdf" && "$YB" build -q -j 3 "${inputs[@]}" -o "$d/j3.pdf"
cmp -s "$d/j1.pdf" "$d/stream.pdf" && cmp -s "$d/j3.pdf" "$d/stream.pdf" \
	&& ok "byte-identical with -j 1, -j 2 (default here) and -j 3" || fail "determinism" "the PDFs differ"
if have_shared; then
	# the wide table report is split into column parts: its cells cannot read in source order
	"$TOOLS/roundtrip" "$d/stream.pdf" "${inputs[@]:0:${#inputs[@]}-1}" >"$TMP/rt" 2>&1 \
		&& ok "roundtrip of the streamed book" || fail "roundtrip" "$(grep LOST "$TMP/rt" | head -n 2 | tr '\n' ' ')"
fi
finish
