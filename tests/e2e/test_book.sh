# End to end: the five shared reports, and the project's own samples, built
# into books and checked with the shared tools (roundtrip, pdf-audit) and
# poppler: nothing lost, valid, outline, links, labels, fonts, reproducible.
. "$(dirname "$0")/lib.sh"

audit_book() { # audit_book NAME PDF NREPORTS
	local name=$1 pdf=$2 n=$3 audit
	if [ ! -x "$TOOLS/pdf-audit" ]; then
		skip "$name: audit" "../shared/tools is missing (fresh clone)"
		return
	fi
	audit=$("$TOOLS/pdf-audit" "$pdf")
	echo "$audit" >"$TMP/$name.audit"
	grep -qx 'valid: ok' <<<"$audit" && ok "$name: qpdf finds the file valid" \
		|| fail "$name: valid" "$(grep '^valid' <<<"$audit")"
	grep -qx 'fonts_not_embedded: none' <<<"$audit" && ok "$name: all fonts embedded" \
		|| fail "$name: fonts" "$(grep '^fonts' <<<"$audit")"
	grep -qx 'tagged: yes' <<<"$audit" && ok "$name: tagged" || fail "$name: tagged" "$(grep '^tagged' <<<"$audit")"
	local depth top
	depth=$(sed -n 's/^outline: .*depth \([0-9]*\)/\1/p' <<<"$audit")
	[ "${depth:-0}" -ge 2 ] && ok "$name: outline reports -> headings (depth $depth)" \
		|| fail "$name: outline" "$(grep '^outline' <<<"$audit")"
	top=$(sed -n 's/^outline_top: //p' <<<"$audit" | tr '|' '\n' | grep -c .)
	extra=$(sed -n 's/^outline_top: //p' <<<"$audit" | tr '|' '\n' | grep -c '一览表')
	[ "$top" -eq "$(( n + extra < 6 ? n + extra : 6 ))" ] && [ "$extra" -ge 1 ] \
		&& ok "$name: top-level bookmarks: the book's $extra tables, then one per report" \
		|| fail "$name: outline_top" "$top top-level entries for $n reports and $extra tables"
	local links
	links=$(sed -n 's/^links: \([0-9]*\) internal.*/\1/p' <<<"$audit")
	[ "${links:-0}" -gt "$n" ] && ok "$name: contents entries are links ($links)" \
		|| fail "$name: links" "$(grep '^links' <<<"$audit")"
	grep -q '^page_labels: from page 1: roman from 1; from page [0-9]*: arabic from 1' <<<"$audit" \
		&& ok "$name: page labels i, ii, ... then 1, 2, ..." \
		|| fail "$name: page labels" "$(grep '^page_labels' <<<"$audit" | cut -c1-200)"
}

links_resolve() { # every link's destination exists (qpdf json: no dangling /Dest)
	python3 - "$1" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True).stdout)
objs = j["qpdf"][1]
names = set()
for o in objs.values():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and "/Names" in v and isinstance(v["/Names"], list):
        names.update(x[2:] if isinstance(x, str) and x.startswith("u:") else x for x in v["/Names"][0::2])
bad = 0
for o in objs.values():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and v.get("/Subtype") == "/Link":
        d = v.get("/Dest")
        if d is None and isinstance(v.get("/A"), dict):
            d = v["/A"].get("/D")
        if isinstance(d, str) and d.startswith("u:"):
            d = d[2:]
        if isinstance(d, str) and d not in names:
            bad += 1
sys.exit(1 if bad else 0)
PY
}

build_and_check() { # build_and_check NAME N ARGS...
	local name=$1 n=$2; shift 2
	local pdf=$TMP/$name.pdf
	if ! "$YB" build "$@" -o "$pdf" 2>"$TMP/$name.err"; then
		fail "$name: build" "$(tail -n 3 "$TMP/$name.err")"
		return
	fi
	ok "$name: builds"
	audit_book "$name" "$pdf" "$n"
	check "$name: every contents link has its destination" links_resolve "$pdf"
	"$YB" build "$@" -o "$TMP/$name-2.pdf" 2>/dev/null
	cmp -s "$pdf" "$TMP/$name-2.pdf" && ok "$name: two builds are byte-identical" \
		|| fail "$name: reproducible" "two builds differ"
	"$YB" build -j 1 "$@" -o "$TMP/$name-3.pdf" 2>/dev/null
	cmp -s "$pdf" "$TMP/$name-3.pdf" && ok "$name: one thread and many give the same bytes" \
		|| fail "$name: reproducible across -j" "-j 1 differs"
}

if have_shared; then
	build_and_check corpus 5 $(corpus_files) --title "法治政府建设年度报告汇编"
	if out=$("$TOOLS/roundtrip" "$TMP/corpus.pdf" $(corpus_files)); then
		ok "corpus: roundtrip finds every character of every report in order"
	else
		fail "corpus: roundtrip" "$(grep LOST <<<"$out" | head -n 3)"
	fi
	# The contents show each report title and its page number as the body has it.
	first=$(pdftotext -f 1 -l 4 "$TMP/corpus.pdf" - | grep -c '目录')
	[ "$first" -ge 1 ] && ok "corpus: the front matter has a contents" || fail "corpus: contents" "no 目录 in pages 1-4"
else
	skip "corpus" "../shared/corpus is missing (fresh clone): the samples below cover the same features"
fi

samples=$(sed -n 's/^file *= *//p' "$SAMPLES/book.ini" | sed "s|^|$SAMPLES/|")
nsamples=$(grep -c '^\[report' "$SAMPLES/book.ini")
build_and_check samples "$nsamples" "$SAMPLES/book.ini"
if [ -x "$TOOLS/roundtrip" ]; then
	if out=$("$TOOLS/roundtrip" "$TMP/samples.pdf" $samples); then
		ok "samples: roundtrip finds every character in order"
	else
		fail "samples: roundtrip" "$(grep LOST <<<"$out" | head -n 3)"
	fi
else
	skip "samples: roundtrip" "../shared/tools is missing"
fi
title=$(sed -n 's/^title *= *//p' "$SAMPLES/book.ini" | head -n 1)
pdfinfo "$TMP/samples.pdf" | grep -q "^Title: *$title" && ok "samples: the document info has the manifest's title" \
	|| fail "samples: info title" "$(pdfinfo "$TMP/samples.pdf" | grep Title)"
# PNG proofs replay the same display list: one 60-dpi picture per page.
mkdir -p "$TMP/proof"
"$YB" build -q "$SAMPLES/2023-qingyuan-wangchuan.txt" --proof "$TMP/proof/p" -o "$TMP/proof.pdf"
npdf=$(pdfinfo "$TMP/proof.pdf" | awk '/^Pages:/{print $2}')
npng=$(ls "$TMP/proof" | grep -c '^p-[0-9]*\.png$')
size=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "$TMP/proof/p-5.png")
[ "$npng" -eq "$npdf" ] && [ "$size" = "437 614" ] && ok "--proof writes a 60-dpi PNG per page ($npng, 185 x 260 mm = $size px)" \
	|| fail "proofs" "$npng PNGs for $npdf pages, page 5 is $size px"
finish
