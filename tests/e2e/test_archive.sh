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

# ---- the book and its split files, in each style ----------------------------------
# (one --split build per style: its book.pdf is the whole book's archive)
for style in yearbook gb9704 screen; do
	if "$YB" build -q --archive --split --style "$style" "${inputs[@]}" -o "$TMP/split-$style" 2>"$TMP/err"; then
		ok "archive build with --split, style $style"
		cp "$TMP/split-$style/book.pdf" "$TMP/$style.pdf"
	else
		fail "archive build with --split, style $style" "$(head -c 300 "$TMP/err")"
		continue
	fi
	have_shared || continue
	roundtrip_ok "roundtrip on the $style archive" "$TMP/$style.pdf" "${inputs[@]}"
done
# ---- refusals: named, nothing written ----------------------------------------------------
out=$TMP/refused
refused() { # refused NAME PATTERN ARGS...
	local name=$1 pattern=$2; shift 2
	rm -rf "$out"; mkdir -p "$out"
	"$YB" build -q --archive "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	local rc=$?
	if [ "$rc" -ne 1 ]; then fail "$name" "exit $rc, want 1: $(head -c 300 "$TMP/stderr")"
	elif ! grep -Eq -- "$pattern" "$TMP/stderr"; then fail "$name" "message: $(head -c 300 "$TMP/stderr")"
	elif [ -n "$(ls -A "$out")" ]; then fail "$name" "left files: $(ls -A "$out")"
	else ok "$name"; fi
}
good=$SAMPLES/2024-yunze-linxi.txt
printf '测试报告\n这一行正常。\n三em破折号⸻只有CFF字体有。\n' >"$TMP/cff-only.txt"
refused "a character only a CFF font has: file, line, character, what to do" \
	"cff-only.txt:3: .*'⸻' \(U\+2E3B\)" "$good" "$TMP/cff-only.txt" -o "$out/book.pdf"
if "$YB" build -q "$TMP/cff-only.txt" -o "$TMP/cff-only.pdf" 2>/dev/null; then
	ok "the same report builds as an ordinary book"
else
	fail "the same report builds as an ordinary book" "it was refused"
fi
printf '测试报告\n这一行正常。\n三em破折号⸻只有CFF字体有，姓氏𠮷。\n' >"$TMP/astral-cff.txt"
refused "a split archive is refused whole" "astral-cff.txt:3: .*U\\+2E3B" "$good" "$TMP/astral-cff.txt" --split -o "$out/split"

# Characters outside the BMP that an archive font has (𠀡 in AR PL UMing, 𠮷
# in LXGW WenKai) are drawn with their own glyphs and extract again.
printf '生僻字测试报告\n姓氏𠮷出现在这一行，还有𠀡字，两次𠮷。\n（一）标题里的𠮷\n' >"$TMP/astral.txt"
if "$YB" build -q --archive "$TMP/astral.txt" -o "$TMP/astral.pdf" 2>"$TMP/err"; then
	ok "characters outside the BMP build into an archive"
	if have_shared; then
		pdfa_ok "pdfa-check passes with glyphs outside the BMP" "$TMP/astral.pdf"
		roundtrip_ok "roundtrip gives back the characters outside the BMP" "$TMP/astral.pdf" "$TMP/astral.txt"
	fi
else
	fail "characters outside the BMP build into an archive" "$(head -c 300 "$TMP/err")"
fi
# A font whose licence bits forbid embedding, put into fonts/user/ in place
# of the archive's Kai face: the archive names the file and writes nothing.
mkdir -p "$TMP/nofont/fonts/user"
cp -r "$TOP/styles" "$TOP/archive" "$TMP/nofont/"
cp "$TOP"/fonts/*.conf "$TMP/nofont/fonts/"
kai=$("$YB" fonts --archive 2>/dev/null | awk '$1 == "kai" && $2 == "zh-cn" {for (i = 1; i <= NF; i++) if ($i ~ /^\//) {sub(/,$/, "", $i); print $i}}' | head -1)
if [ -n "$kai" ]; then
	python3 - "$kai" "$TMP/nofont/fonts/user/$(basename "$kai")" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
dirs = [0]
if d[:4] == b'ttcf':  # a collection: every face's table directory
    dirs = [struct.unpack('>I', d[12 + 4 * i:16 + 4 * i])[0] for i in range(struct.unpack('>I', d[8:12])[0])]
for base in dirs:
    for i in range(struct.unpack('>H', d[base + 4:base + 6])[0]):
        tag, _, off, _ = struct.unpack('>4sIII', d[base + 12 + 16 * i:base + 28 + 16 * i])
        if tag == b'OS/2':
            d[off + 8:off + 10] = struct.pack('>H', 2)  # fsType 2: restricted licence embedding
open(sys.argv[2], 'wb').write(d)
PY
	YEARBOOK_DATADIR=$TMP/nofont refused "a font that forbids embedding: the file and why" \
		"fonts/user/$(basename "$kai"): error: libharu cannot embed this font .*forbid embedding" "$good" -o "$out/book.pdf"
else
	skip "a font that forbids embedding" "'yearbook fonts --archive' names no Kai face"
fi
mkdir -p "$TMP/data/archive"
cp -r "$TOP/styles" "$TOP/fonts" "$TMP/data/"
printf '[output-intent]\nprofiles = %s\ninstall = icc-profiles-free\n' "$TMP/no-such.icc" >"$TMP/data/archive/archive.ini"
YEARBOOK_DATADIR=$TMP/data refused "no ICC profile: says what to install" "install icc-profiles-free" \
	"$good" -o "$out/book.pdf"



"$YB" build -q --archive "${samples[@]}" -o "$TMP/samples.pdf" &&
	pdfa_ok "pdfa-check passes on the samples' archive" "$TMP/samples.pdf"
# The samples' text in their archive (those whose tables are not split by
# columns, which moves cells by design).  With AR PL UMing's half-em digits the
# qingyuan sample lost its order in pdftotext: a verso folio "2" ended exactly
# where the table's first cell began, and poppler reads touching boxes as two
# columns; the Noto copies' digits are wider.
plain=("$SAMPLES/2022-nanyu-qinghe.txt" "$SAMPLES/2023-cuifeng-songtao.txt"
	"$SAMPLES/2023-qingyuan-wangchuan.txt" "$SAMPLES/2024-yunze-linxi.txt")
if have_shared && "$YB" build -q --archive "${plain[@]}" -o "$TMP/plain.pdf"; then
	roundtrip_ok "roundtrip on the samples' archive" "$TMP/plain.pdf" "${plain[@]}"
fi

# The project's own archive sample (samples/archive/): a GB/T 9704-style
# report with a document number, a dated signature and characters outside the
# BMP in its text and its table, beside a traditional-Chinese report.
arch=("$SAMPLES"/archive/*.txt "$SAMPLES/2023-cuifeng-songtao.txt")
if "$YB" build -q --archive --split "${arch[@]}" -o "$TMP/own" 2>"$TMP/err"; then
	row=$(sed -n 3p "$TMP/own/list.csv")
	if [[ "$row" == *",2024-03-15,禾府报〔2024〕7号,2023,"* ]]; then ok "a report's date and document number reach the hand-over list"
	else fail "a report's date and document number" "$row"; fi
	if pdfinfo -meta "$TMP/own/01-"*.pdf | grep -q '<yb:docNumber>禾府报〔2024〕7号</yb:docNumber>' &&
	   pdfinfo -meta "$TMP/own/02-"*.pdf | grep -q '<rdf:li>zh-TW</rdf:li>'; then
		ok "XMP carries the document number and each report's language"
	else
		fail "XMP of the split files" "$(pdfinfo -meta "$TMP/own/01-"*.pdf | grep yb: | head -3)"
	fi
	if have_shared; then
		for f in "$TMP"/own/*.pdf; do pdfa_ok "pdfa-check on $(basename "$f") of the archive sample" "$f"; done
		roundtrip_ok "roundtrip on the archive sample (Extension B in text and table)" "$TMP/own/01-"*.pdf "${arch[0]}"
		roundtrip_ok "roundtrip on the traditional-Chinese split file" "$TMP/own/02-"*.pdf "${arch[1]}"
	fi
	# a rebuild into the same folder replaces the hand-over files yearbook wrote,
	# and still refuses a file there that yearbook did not write
	cp "$TMP/own/list.json" "$TMP/list-before.json"
	if "$YB" build -q --archive --split "${arch[@]}" -o "$TMP/own" 2>"$TMP/err" &&
	   cmp -s "$TMP/own/list.json" "$TMP/list-before.json"; then ok "a split archive rebuilds into its own folder"
	else fail "a split archive rebuilds into its own folder" "$(head -c 300 "$TMP/err")"; fi
	echo "notes of my own" >"$TMP/own/book.xml"
	if "$YB" build -q --archive --split "${arch[@]}" -o "$TMP/own" 2>"$TMP/err"; then
		fail "a foreign file among the hand-over files is kept" "the build replaced it"
	elif grep -q "book.xml' exists and is not a file yearbook wrote" "$TMP/err" &&
	     [ "$(cat "$TMP/own/book.xml")" = "notes of my own" ]; then ok "a foreign file among the hand-over files is kept"
	else fail "a foreign file among the hand-over files is kept" "$(head -c 300 "$TMP/err")"; fi
else
	fail "split archive of the project's archive sample" "$(head -c 300 "$TMP/err")"
fi

# Right-to-left text: Uyghur contextual forms and Hebrew are glyphs the cmap
# does not reach; they are drawn as shaped and extract again.
rtl=$TOP/tests/data/xinjiang-rtl.txt
if [ -f "$rtl" ] && "$YB" build -q --archive "$rtl" -o "$TMP/rtl.pdf" 2>"$TMP/err"; then
	have_shared && pdfa_ok "pdfa-check passes on an archive with Uyghur and Hebrew" "$TMP/rtl.pdf"
	pdftotext "$TMP/rtl.pdf" "$TMP/rtl.txt"
	if python3 - "$TMP/rtl.txt" <<'PY'
import sys, unicodedata
ctl = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
t = "".join(c for c in unicodedata.normalize("NFKC", open(sys.argv[1]).read()) if not c.isspace() and c not in ctl)
sys.exit(0 if all(w in t for w in ["ئۇيغۇرچە", "ئارىمېلى", "מרצהאורח", "ئاشخانا"]) else 1)
PY
	then ok "right-to-left words extract again from the archive"
	else fail "right-to-left words extract again from the archive" "$(head -c 300 "$TMP/rtl.txt")"; fi
elif [ -f "$rtl" ]; then
	fail "archive of a report with right-to-left text" "$(head -c 300 "$TMP/err")"
fi

have_shared || finish

# Metadata with & < > " : escaped in the XMP, equal to the document information.
"$YB" build -q --archive --title '法治&政府<报告>"汇编"' --editor '某&编委会' "$SAMPLES/2024-yunze-linxi.txt" -o "$TMP/esc.pdf" &&
	pdfa_ok "pdfa-check passes with & < > in the title and editor (XMP escaped, equal to Info)" "$TMP/esc.pdf"

# ---- against the cairo book ------------------------------------------------------
"$YB" build -q "${inputs[@]}" -o "$TMP/cairo.pdf"
if diff <(audit "$TMP/cairo.pdf") <(audit "$TMP/yearbook.pdf") >"$TMP/audit.diff"; then
	ok "outline, links, page labels and pages equal the cairo book's"
else
	fail "outline, links, page labels and pages equal the cairo book's" "$(head -5 "$TMP/audit.diff" | tr '\n' ' ')"
fi
if python3 "$AUDIT" "$TMP/yearbook.pdf" | grep '^page_labels: from page 1: roman from 1; from page [0-9]*: arabic from 1$' >/dev/null; then
	ok "roman page labels for the front matter, arabic from 1 for the body"
else
	fail "roman page labels" "$(python3 "$AUDIT" "$TMP/yearbook.pdf" | grep page_labels)"
fi

# The archive's pages against the ordinary cairo book: both are set in the
# TrueType copies of the Noto faces (fonts/truetype/), so they should match.
if ! ls "$TOP"/fonts/truetype/*.ttf >/dev/null 2>&1; then
	skip "archive pages against the cairo book" "fonts/truetype/ is empty (make writes it; fonts-noto-cjk)"
else
	python3 "$TOP/tests/e2e/page_diff.py" "$TMP/yearbook.pdf" "$TMP/cairo.pdf" >"$TMP/diff.out" 2>&1
	largest=$(tail -1 "$TMP/diff.out")
	echo "info archive against the cairo book at 100 dpi: $largest"
	if [[ "$largest" =~ ([0-9.]+)%\ of ]] && awk -v p="${BASH_REMATCH[1]}" 'BEGIN { exit !(p < 0.5) }'; then
		ok "every archive page matches the cairo book's page (under 0.5% of pixels differ)"
	else
		fail "archive pages against the cairo book" "$largest"
	fi
fi

"$YB" build -q --archive "${inputs[@]}" -o "$TMP/again.pdf"
if cmp -s "$TMP/yearbook.pdf" "$TMP/again.pdf"; then ok "two archive builds are byte-identical"
else fail "two archive builds are byte-identical" "the files differ"; fi
"$YB" build -q --archive "$CORPUS" -o "$TMP/folder.pdf"
if cmp -s "$TMP/yearbook.pdf" "$TMP/folder.pdf"; then ok "a folder given as the reports builds its .txt files in name order"
else fail "a folder given as the reports" "the archive differs from the one of its files"; fi

if qpdf --show-object=trailer "$TMP/yearbook.pdf" 2>/dev/null | grep -q '/ID \[ <\([0-9a-f]*\)> <\1> \]'; then
	ok "trailer /ID is written"
else
	fail "trailer /ID is written" "$(qpdf --show-object=trailer "$TMP/yearbook.pdf" 2>&1 | head -c 200)"
fi

# ---- pdfa-check catches a clause broken on purpose ------------------------------------
python3 - "$TMP/yearbook.pdf" "$TMP/broken.pdf" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
assert d.count(b'/Subtype /XML') == 1
open(sys.argv[2], 'wb').write(d.replace(b'/Subtype /XML', b'/SubType /XML'))
PY
if python3 "$PDFA" "$TMP/broken.pdf" >"$TMP/pdfa.out" 2>&1; then
	fail "pdfa-check fails an archive whose metadata says /SubType" "it passed"
elif grep -q '^FAIL 6.7.2' "$TMP/pdfa.out"; then
	ok "pdfa-check fails an archive whose metadata says /SubType (6.7.2)"
else
	fail "pdfa-check fails an archive whose metadata says /SubType" "$(grep FAIL "$TMP/pdfa.out" | head -2)"
fi

# ---- --split: one file per report, the hand-over files -----------------------------------
for style in yearbook gb9704 screen; do
	dir=$TMP/split-$style
	[ -f "$dir/book.pdf" ] || continue
	n=0 bad=
	for f in "$dir"/[0-9][0-9]-*.pdf "$dir/book.pdf"; do
		python3 "$PDFA" "$f" >"$TMP/pdfa.out" 2>&1 || bad="$bad $(basename "$f"): $(grep FAIL "$TMP/pdfa.out" | head -1)"
		n=$((n + 1))
	done
	if [ -z "$bad" ] && [ "$n" -eq $((${#inputs[@]} + 1)) ]; then ok "pdfa-check passes on the book and all $((n - 1)) split files, style $style"
	else fail "pdfa-check on the split files, style $style" "$n files;$bad"; fi
done
dir=$TMP/split-yearbook
i=0 lost=
for src in "${inputs[@]}"; do
	i=$((i + 1))
	f=$(ls "$dir"/$(printf '%02d' "$i")-*.pdf)
	python3 "$ROUNDTRIP" "$f" "$src" >"$TMP/rt.out" 2>&1 || lost="$lost $(basename "$f")"
	# a split file holds its own report only: the next report's text is not in it
	next=${inputs[$i]:-}
	if [ -n "$next" ] && python3 "$ROUNDTRIP" "$f" "$next" >/dev/null 2>&1; then lost="$lost $(basename "$f")(holds $(basename "$next"))"; fi
done
if [ -z "$lost" ]; then ok "roundtrip: each split file holds its report, and only it"
else fail "roundtrip on the split files" "$lost"; fi

python3 - "$dir" "${#inputs[@]}" >"$TMP/lists.out" 2>&1 <<'PY'
import csv, hashlib, json, os, subprocess, sys
import xml.etree.ElementTree as ET
d, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.DictReader(open(os.path.join(d, 'list.csv'), encoding='utf-8')))
js = json.load(open(os.path.join(d, 'list.json'), encoding='utf-8'))
assert len(rows) == n + 1 == len(js), (len(rows), len(js))
assert rows[0]['file'] == 'book.pdf' and [r['order'] for r in rows] == [str(i) for i in range(n + 1)]
for r, j in zip(rows, js):
    data = open(os.path.join(d, r['file']), 'rb').read()
    assert r['sha256'] == hashlib.sha256(data).hexdigest() == j['sha256'], r['file']
    assert int(r['bytes']) == len(data) == j['bytes'], r['file']
    pages = subprocess.run(['pdfinfo', os.path.join(d, r['file'])], capture_output=True, text=True).stdout
    assert f"Pages:{' ' * 10}{r['pages']}".split() == [l for l in pages.splitlines() if l.startswith('Pages:')][0].split(), r['file']
    assert r['title'] == j['title'] and r['title'], r['file']
book = ET.parse(os.path.join(d, 'book.xml')).getroot()
assert book.findtext('sha256') == rows[0]['sha256']
assert [e.findtext('file') for e in book.iter('report')] == [r['file'] for r in rows[1:]]
print('ok')
PY
if grep -qx ok "$TMP/lists.out"; then ok "list.csv, list.json, book.xml: every file in book order, sizes, pages and SHA-256 match"
else fail "hand-over files" "$(tail -3 "$TMP/lists.out" | tr '\n' ' ')"; fi

finish
