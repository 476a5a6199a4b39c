# The archive build (--archive, --split): PDF/A-1b by pdfa-check, every
# character back by roundtrip, the same outline, links and page labels as the
# cairo book, byte-identical rebuilds, the hand-over files and the refusals.
. "$(dirname "$0")/lib.sh"

PDFA=$TOOLS/pdfa-check
ROUNDTRIP=$TOOLS/roundtrip
AUDIT=$TOOLS/pdf-audit

pdfa_ok() { # pdfa_ok NAME FILE
	if python3 "$PDFA" "$2" >"$TMP/pdfa.out" 2>&1; then ok "$1"
	else fail "$1" "$(grep FAIL "$TMP/pdfa.out" | head -3 | tr '\n' ' ')"; fi
}
roundtrip_ok() { # roundtrip_ok NAME PDF SOURCES...
	local name=$1; shift
	if python3 "$ROUNDTRIP" "$@" >"$TMP/rt.out" 2>&1; then ok "$name"
	else fail "$name" "$(grep -v '^ok' "$TMP/rt.out" | head -3 | tr '\n' ' ')"; fi
}
# The facts an archive must share with the cairo book.
audit() { python3 "$AUDIT" "$1" | grep -E '^(pages|outline|outline_top|page_labels|links|title|subject|keywords):'; }

if ! have_shared; then
	skip "archive of the corpus" "../shared (corpus and tools) is missing"
	inputs=("$SAMPLES"/*.txt)
else
	inputs=("${CORPUS}"/*.txt)
fi
samples=("$SAMPLES"/*.txt)

# ---- the book, in each style ---------------------------------------------------
for style in yearbook gb9704 screen; do
	if "$YB" build -q --archive --style "$style" "${inputs[@]}" -o "$TMP/$style.pdf" 2>"$TMP/err"; then
		ok "archive build, style $style"
	else
		fail "archive build, style $style" "$(head -c 300 "$TMP/err")"
		continue
	fi
	have_shared || continue
	pdfa_ok "pdfa-check passes on the $style archive" "$TMP/$style.pdf"
	roundtrip_ok "roundtrip on the $style archive" "$TMP/$style.pdf" "${inputs[@]}"
done
have_shared || finish

"$YB" build -q --archive "${samples[@]}" -o "$TMP/samples.pdf" &&
	pdfa_ok "pdfa-check passes on the samples' archive" "$TMP/samples.pdf"

# ---- against the cairo book ------------------------------------------------------
"$YB" build -q "${inputs[@]}" -o "$TMP/cairo.pdf"
if diff <(audit "$TMP/cairo.pdf") <(audit "$TMP/yearbook.pdf") >"$TMP/audit.diff"; then
	ok "outline, links, page labels and pages equal the cairo book's"
else
	fail "outline, links, page labels and pages equal the cairo book's" "$(head -5 "$TMP/audit.diff" | tr '\n' ' ')"
fi
if python3 "$AUDIT" "$TMP/yearbook.pdf" | grep -q '^page_labels: from page 1: roman from 1; from page [0-9]*: arabic from 1$'; then
	ok "roman page labels for the front matter, arabic from 1 for the body"
else
	fail "roman page labels" "$(python3 "$AUDIT" "$TMP/yearbook.pdf" | grep page_labels)"
fi

"$YB" build -q --archive "${inputs[@]}" -o "$TMP/again.pdf"
if cmp -s "$TMP/yearbook.pdf" "$TMP/again.pdf"; then ok "two archive builds are byte-identical"
else fail "two archive builds are byte-identical" "the files differ"; fi

if qpdf --show-object=trailer "$TMP/yearbook.pdf" 2>/dev/null | grep -q '/ID \[ <\([0-9a-f]*\)> <\1> \]'; then
	ok "trailer /ID is written"
else
	fail "trailer /ID is written" "$(qpdf --show-object=trailer "$TMP/yearbook.pdf" 2>&1 | head -c 200)"
fi

finish
