# Press output (build --press): PDF/X-1a by tests/pdfx-check (which fails on
# the ordinary cairo book and on a press file broken on purpose), the trim
# box equal to the ordinary book's page, crop marks outside the trim and
# inside the sheet, every character back by roundtrip, byte-identical
# rebuilds, the page count padded to the style's signature, and the sheet
# cut to its trim by ghostscript.
. "$(dirname "$0")/lib.sh"

PDFX=$TOP/tests/pdfx-check
samples=("$SAMPLES"/2022-nanyu-qinghe.txt "$SAMPLES"/2024-yunze-linxi.txt "$SAMPLES"/2023-cuifeng-songtao.txt)
if have_shared; then inputs=("$CORPUS"/*.txt); else inputs=("${samples[@]}"); fi

pdfx_ok() { # pdfx_ok NAME FILE [--black-text]
	if python3 "$PDFX" ${3:-} "$2" >"$TMP/pdfx.out" 2>&1; then ok "$1"
	else fail "$1" "$(grep FAIL "$TMP/pdfx.out" | head -3 | tr '\n' ' ')"; fi
}
pdfx_fails() { # pdfx_fails NAME FILE CLAUSE
	python3 "$PDFX" "$2" >"$TMP/pdfx.out" 2>&1
	local rc=$?
	if [ "$rc" -eq 1 ] && grep -q "^FAIL $3:" "$TMP/pdfx.out"; then ok "$1"
	else fail "$1" "exit $rc, want 1 with 'FAIL $3': $(tail -n 4 "$TMP/pdfx.out" | tr '\n' ' ')"; fi
}
# "W H" of page N's box (MediaBox, TrimBox, ...)
box_size() { pdfinfo -box -f "$3" -l "$3" "$1" | awk -v b="$2:" '$3 == b { printf "%.2f %.2f\n", $6 - $4, $7 - $5 }'; }
# "x0 y0 x1 y1" of page N's boxes NAME...
boxes() { local f=$1 p=$2; shift 2; for b in "$@"; do pdfinfo -box -f "$p" -l "$p" "$f" | awk -v b="$b:" '$3 == b { print $4, $5, $6, $7 }'; done | tr '\n' ' '; }
page_size() { pdfinfo "$1" | awk '/^Page size:/ { printf "%.2f %.2f\n", $3, $5 }'; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# ---- the interior -------------------------------------------------------------------
check "press build of the sample book" "$YB" build -q "$SAMPLES/book.ini" --press -o "$TMP/press.pdf"
check "ordinary build of the sample book" "$YB" build -q "$SAMPLES/book.ini" -o "$TMP/book.pdf"
pdfx_ok "pdfx-check --black-text passes on the press book" "$TMP/press.pdf" --black-text
pdfx_fails "pdfx-check fails on the ordinary (cairo) book: RGB" "$TMP/book.pdf" colour
pdfx_fails "pdfx-check fails on the ordinary book: no trim box" "$TMP/book.pdf" boxes
pdfx_fails "pdfx-check fails on the ordinary book: no output intent" "$TMP/book.pdf" output-intent

# one clause broken on purpose in the press file: an RGB fill in its first page
qpdf --qdf --object-streams=disable "$TMP/press.pdf" "$TMP/press-qdf.pdf"
python3 - "$TMP/press-qdf.pdf" "$TMP/rgb-qdf.pdf" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
at = data.index(b"\n0 g\n")        # the first page's black, as the backend writes it
open(sys.argv[2], "wb").write(data[:at] + b"\n1 0 0 rg\n" + data[at + 5:])
EOF
fix-qdf "$TMP/rgb-qdf.pdf" >"$TMP/rgb.pdf" 2>/dev/null
pdfx_fails "pdfx-check fails on a press file with an RGB fill" "$TMP/rgb.pdf" colour

want=$(page_size "$TMP/book.pdf")
n=$(pages "$TMP/press.pdf")
bad=""
for p in $(seq 1 "$n"); do
	trim=$(box_size "$TMP/press.pdf" TrimBox "$p")
	[ "$trim" = "$want" ] || bad="$bad page $p: trim $trim;"
done
if [ "$n" = "$(pages "$TMP/book.pdf")" ] && [ -z "$bad" ]; then ok "trim box = the ordinary page ($want pt) on all $n pages"
else fail "trim box = the ordinary page" "want $want and $(pages "$TMP/book.pdf") pages, got $n pages;$bad"; fi

# crop marks: page 4 (the blank back of the editorial board) shows only the marks; at 80 dpi
# every dark pixel lies outside the bleed box and inside the sheet, and each
# of the four corners has its marks
pdftoppm -r 80 -gray -f 4 -l 4 "$TMP/press.pdf" "$TMP/marks"
python3 - "$TMP"/marks-*.pgm "$(boxes "$TMP/press.pdf" 4 MediaBox BleedBox TrimBox)" >"$TMP/marks.out" <<'EOF'
import sys
raw = open(sys.argv[1], "rb").read()
parts = raw.split(maxsplit=4)
w, h = int(parts[1]), int(parts[2])
pix = parts[4][-w * h:]
v = list(map(float, sys.argv[2].split()))
media, bleed, trim = v[0:4], v[4:8], v[8:12]
s = w / (media[2] - media[0])
def px(x0, y0, x1, y1):   # PDF box -> pixel box (y down)
    return x0 * s, (media[3] - y1) * s, x1 * s, (media[3] - y0) * s
dark = [(i % w, i // w) for i in range(w * h) if pix[i] < 128]
def within(box, slack):   # dark pixels inside box, less slack px of anti-aliasing at its edge
    b = px(*box)
    return [d for d in dark if b[0] + slack < d[0] < b[2] - slack and b[1] + slack < d[1] < b[3] - slack]
corners = [0, 0, 0, 0]
for x, y in dark:
    corners[(x > w / 2) + 2 * (y > h / 2)] += 1
in_trim, in_bleed = within(trim, 1), within(bleed, 2)
print("dark", len(dark), "in trim", len(in_trim), "in bleed", len(in_bleed), "corners", *corners)
ok = dark and not in_trim and not in_bleed and min(corners) > 0
sys.exit(0 if ok else 1)
EOF
if [ $? -eq 0 ]; then ok "crop marks at the four corners, outside the bleed, inside the sheet ($(cat "$TMP/marks.out"))"
else fail "crop marks outside the trim, inside the sheet" "$(cat "$TMP/marks.out")"; fi

# the press book and the ordinary one agree on every page's text
"$YB" build -q --press "${inputs[@]}" -o "$TMP/inputs-press.pdf" 2>"$TMP/err" || fail "press build of the inputs" "$(head -c 300 "$TMP/err")"
if have_shared; then
	if python3 "$TOOLS/roundtrip" "$TMP/inputs-press.pdf" "${inputs[@]}" >"$TMP/rt.out" 2>&1; then ok "roundtrip on the press book of the corpus"
	else fail "roundtrip on the press book" "$(grep -v '^ok' "$TMP/rt.out" | head -3 | tr '\n' ' ')"; fi
else
	skip "roundtrip on the press book" "../shared/tools is missing"
fi
pdfx_ok "pdfx-check --black-text passes on the press book of the inputs" "$TMP/inputs-press.pdf" --black-text
"$YB" build -q --press "${inputs[@]}" -o "$TMP/inputs-press2.pdf"
check "two press builds are byte-identical" cmp "$TMP/inputs-press.pdf" "$TMP/inputs-press2.pdf"

# registration marks and the slug line (style keys), still PDF/X
cat >"$TMP/marks.ini" <<EOF
[style]
inherit = yearbook
[press]
registration-marks = true
slug = true
EOF
check "press build with registration marks and a slug line" \
	"$YB" build -q "${samples[@]}" --style "$TMP/marks.ini" --press -o "$TMP/slug.pdf"
pdfx_ok "pdfx-check passes with registration marks and the slug" "$TMP/slug.pdf"
if pdftotext -f 3 -l 3 "$TMP/slug.pdf" - | grep -Eq "报告汇编 +3 +20"; then ok "the slug line names the book and the page"
else fail "the slug line" "$(pdftotext -f 3 -l 3 "$TMP/slug.pdf" - | tail -n 3)"; fi

# ---- signatures -------------------------------------------------------------------------
# [page] signature pads the page model: the ordinary book and the press file
# of the style have the same pages, a multiple of it; the pages added are blank
# and carry no folio
printf '[style]\ninherit = yearbook\n[page]\nsignature = 16\n' >"$TMP/sig16.ini"
"$YB" build -q "$SAMPLES/book.ini" --style "$TMP/sig16.ini" --dump=layout -o "$TMP/sig.pdf" >"$TMP/sig.dump"
"$YB" build -q "$SAMPLES/book.ini" --style "$TMP/sig16.ini" --press -o "$TMP/sig-press.pdf"
plain=$(pages "$TMP/book.pdf") padded=$(pages "$TMP/sig.pdf")
sig=$(( (plain + 15) / 16 * 16 ))
blank=$(grep -c '^page .* label=- ' "$TMP/sig.dump")
last=$(pdftotext -f "$padded" -l "$padded" "$TMP/sig.pdf" - | tr -d '[:space:]\f')
if [ "$padded" = "$sig" ] && [ "$(pages "$TMP/sig-press.pdf")" = "$sig" ] && [ "$blank" = $((sig - plain)) ] && [ -z "$last" ]
then ok "signature 16: $plain pages padded to $padded in the book and the press file, $blank blank without folio"
else fail "signature 16" "plain $plain, padded $padded (press $(pages "$TMP/sig-press.pdf")), want $sig; $blank unlabelled; last page text '$last'"; fi
printf '[style]\ninherit = yearbook\n[page]\nsignature = 6\n' >"$TMP/sig6.ini"
"$YB" build -q "$SAMPLES/book.ini" --style "$TMP/sig6.ini" -o "$TMP/x.pdf" 2>"$TMP/err"
if grep -q "signature: '6' is not a signature" "$TMP/err" && [ ! -e "$TMP/x.pdf" ]; then ok "signature 6 is refused with what to use"
else fail "signature 6" "$(cat "$TMP/err")"; fi

# ---- the cover spread -------------------------------------------------------------------
# trim width = 2 pages + spine, spine = sheets x paper-caliper (0.094mm in base.ini)
spine_ok() { # spine_ok NAME COVER.pdf PAGES
	local trimw pagew want
	trimw=$(box_size "$2" TrimBox 1 | cut -d' ' -f1)
	pagew=$(echo "$want_page" | cut -d' ' -f1)
	want=$(awk -v p="$3" -v w="$pagew" 'BEGIN { printf "%.2f", 2 * w + int((p + 1) / 2) * 0.094 * 72 / 25.4 }')
	if awk -v a="$trimw" -v b="$want" 'BEGIN { exit !(a - b < 0.02 && b - a < 0.02) }'
	then ok "$1: trim $trimw pt = 2 x $pagew + $(( ($3 + 1) / 2 )) sheets x 0.094 mm"
	else fail "$1" "trim width $trimw pt, want $want"; fi
}
want_page=$(page_size "$TMP/book.pdf")
if "$YB" cover "$SAMPLES/book.ini" --press -o "$TMP/cover.pdf" 2>"$TMP/err"; then ok "cover --press of the sample book"
else fail "cover --press of the sample book" "$(head -c 300 "$TMP/err")"; fi
n=$(pages "$TMP/press.pdf")
if grep -q "the spine: $n pages, $(( (n + 1) / 2 )) sheets x 0.094 mm" "$TMP/err"; then ok "cover says how it made the spine"
else fail "cover's spine note" "$(grep spine "$TMP/err")"; fi
pdfx_ok "pdfx-check passes on the cover spread" "$TMP/cover.pdf"
spine_ok "spine of the sample book ($n pages)" "$TMP/cover.pdf" "$n"
"$YB" cover -q --press "${inputs[@]}" -o "$TMP/inputs-cover.pdf"
spine_ok "spine of the book of the inputs ($(pages "$TMP/inputs-press.pdf") pages)" "$TMP/inputs-cover.pdf" "$(pages "$TMP/inputs-press.pdf")"
check "cover --press --pages 500" "$YB" cover -q "$SAMPLES/book.ini" --press --pages 500 -o "$TMP/cover500.pdf"
spine_ok "spine of a 500-page book" "$TMP/cover500.pdf" 500
"$YB" cover -q "$SAMPLES/book.ini" --press --pages 500 -o "$TMP/cover500b.pdf"
check "two cover builds are byte-identical" cmp "$TMP/cover500.pdf" "$TMP/cover500b.pdf"
# the spine's text: the title, read from the spine's strip alone (at 72 dpi, pt)
m=$(boxes "$TMP/cover500.pdf" 1 TrimBox | cut -d' ' -f1)
strip=$(pdftotext -r 72 -x "$(awk -v m="$m" -v w="$want_page" 'BEGIN { split(w, a, " "); printf "%d", m + a[1] + 2 }')" 	-y 0 -W 60 -H 900 "$TMP/cover500.pdf" - | tr -d '[:space:]\f')
case $strip in 法治政府建设年度报告汇编*) ok "the spine carries the title top to bottom ($strip)" ;;
	*) fail "the spine's text" "'$strip'" ;; esac
# colours: CMYK on the press cover, sRGB on the screen one; the ground reaches into the bleed
printf '[style]\ninherit = yearbook\n[cover]\npaper-cmyk = 0 100 100 30\npaper-rgb = #b01c1c\nink-cmyk = 0 0 20 0\nink-rgb = #fff5d0\n' >"$TMP/red.ini"
"$YB" cover -q "$SAMPLES/book.ini" --style "$TMP/red.ini" --press -o "$TMP/red.pdf" 2>"$TMP/red.err" \
	|| fail "the coloured press cover is written" "exit $?: $(head -c 300 "$TMP/red.err")"
"$YB" cover -q "$SAMPLES/book.ini" --style "$TMP/red.ini" -o "$TMP/red-screen.pdf"
pdfx_ok "pdfx-check passes on a coloured cover" "$TMP/red.pdf"
qpdf --qdf --object-streams=disable "$TMP/red.pdf" "$TMP/red-qdf.pdf"
if grep -aq "^0 1 1 0.3 k" "$TMP/red-qdf.pdf" && grep -aq "^0 0 0.2 0 k" "$TMP/red-qdf.pdf"; then ok "the press cover is in the style's CMYK"
else fail "the press cover's CMYK" "$(grep -a ' k$' "$TMP/red-qdf.pdf" | head -3)"; fi
pixel() { # pixel PDF X Y (at 20 dpi): "R G B"
	pdftoppm -r 20 -f 1 -l 1 "$1" "$TMP/px" && python3 -c '
import sys
raw = open(sys.argv[1], "rb").read()
p = raw.split(maxsplit=4); w = int(p[1]); d = p[4][-w * int(p[2]) * 3:]
x, y = int(sys.argv[2]), int(sys.argv[3]); i = 3 * (y * w + x)
print(*d[i:i + 3])' "$TMP"/px-*.ppm "$2" "$3"; rm -f "$TMP"/px-*.ppm; }
rgb=$(pixel "$TMP/red-screen.pdf" 40 100)
if [ "$rgb" = "176 28 28" ]; then ok "the screen cover is in the style's sRGB ($rgb)"; else fail "the screen cover's sRGB" "pixel $rgb, want 176 28 28"; fi
# 20 dpi: the press sheet's margin is 8 mm (6 px), the bleed 3 mm; a pixel 1 mm outside the trim
bleed=$(pixel "$TMP/red.pdf" 5 100)
if [ "$bleed" != "255 255 255" ]; then ok "the ground reaches into the bleed ($bleed)"; else fail "the ground in the bleed" "white"; fi
check "cover without --press is an sRGB PDF, refused by pdfx-check" bash -c "! python3 '$PDFX' '$TMP/red-screen.pdf' >/dev/null"
# the manifest's paper and back cover
cp -r "$SAMPLES" "$TMP/s"
sed -i 's/^style = yearbook$/&\npaper-caliper = 0.1mm\nback-cover = 内部资料　免费交流/' "$TMP/s/book.ini"
"$YB" cover -q "$TMP/s/book.ini" --press --pages 400 -o "$TMP/paper.pdf"
trimw=$(box_size "$TMP/paper.pdf" TrimBox 1 | cut -d' ' -f1)
want_w=$(awk -v w="$want_page" 'BEGIN { split(w, a, " "); printf "%.2f", 2 * a[1] + 200 * 0.1 * 72 / 25.4 }')
if [ "$trimw" = "$want_w" ]; then ok "the manifest's paper-caliper sets the spine (400 pages on 0.1mm: $trimw pt)"
else fail "the manifest's paper-caliper" "trim width $trimw, want $want_w"; fi
if pdftotext "$TMP/paper.pdf" - | grep -q "内部资料"; then ok "the manifest's back-cover line is on the back cover"
else fail "the back-cover line" "$(pdftotext "$TMP/paper.pdf" - | head -c 300)"; fi
sed 's/^paper-caliper = .*/paper-caliper = 0.1/' "$TMP/s/book.ini" >"$TMP/s/bad.ini"
"$YB" cover -q "$TMP/s/bad.ini" -o "$TMP/x.pdf" 2>"$TMP/err"
if grep -q "paper-caliper: '0.1' is not a paper thickness" "$TMP/err" && [ ! -e "$TMP/x.pdf" ]; then ok "a caliper without mm is refused"
else fail "a bad paper-caliper" "$(cat "$TMP/err")"; fi
rm -f "$TMP/s/bad.ini"
sed -i '/^paper-caliper/d; /^back-cover/d' "$TMP/s/book.ini"
# the default output: the book's name with -cover
"$YB" cover -q "$TMP/s/book.ini"
if [ -f "$TMP/s/book-cover.pdf" ] && [ ! -e "$TMP/s/book.pdf" ]; then ok "cover writes book-cover.pdf beside the manifest by default"
else fail "cover's default output" "$(ls "$TMP/s")"; fi

# ---- yearbook batch: press = and press-cover = in a manifest ------------------------------
mkdir -p "$TMP/b"
cp "$SAMPLES"/2022-nanyu-qinghe.txt "$TMP/b/"
printf '[book]\ntitle = 测试汇编\npress = out/book-press.pdf\npress-cover = out/cover-press.pdf\n[report 1]\nfile = 2022-nanyu-qinghe.txt\n' >"$TMP/b/book.ini"
"$YB" batch -q "$TMP/b" >"$TMP/batch.out" 2>&1
if [ -f "$TMP/b/out/book-press.pdf" ] && [ -f "$TMP/b/out/cover-press.pdf" ] && grep -q "press-cover\|cover-press" "$TMP/batch.out"
then ok "batch builds a manifest's press and press-cover outputs"
else fail "batch press outputs" "$(ls -R "$TMP/b") $(head -c 400 "$TMP/batch.out")"; fi
pdfx_ok "pdfx-check passes on batch's press interior" "$TMP/b/out/book-press.pdf" --black-text
pdfx_ok "pdfx-check passes on batch's press cover" "$TMP/b/out/cover-press.pdf"
"$YB" batch "$TMP/b" >"$TMP/batch2.out" 2>&1
if [ "$(grep -c skipped "$TMP/batch2.out")" -ge 3 ]; then ok "a second batch skips the book, the press file and the cover"
else fail "batch skips press outputs" "$(cat "$TMP/batch2.out")"; fi
if "$YB" batch "$TMP/b" --list | grep -q " cover -q .* --press"; then ok "batch --list runs cover --press for press-cover"
else fail "batch --list" "$("$YB" batch "$TMP/b" --list)"; fi

# ---- refusals ----------------------------------------------------------------------------
"$YB" build -q --press --archive "${samples[@]}" -o "$TMP/x.pdf" 2>"$TMP/err"
if [ $? -eq 2 ] && grep -q "exclude each other" "$TMP/err"; then ok "--press with --archive is a usage error"
else fail "--press with --archive" "$(cat "$TMP/err")"; fi
printf '[style]\ninherit = yearbook\n[press]\nbleed = 3mm\nmark-offset = 2mm\nbleeed = 1mm\n' >"$TMP/bad.ini"
"$YB" build --press "${samples[@]}" --style "$TMP/bad.ini" -o "$TMP/x.pdf" 2>"$TMP/err"
if grep -q "mark-offset: '2mm' puts the crop marks inside the bleed" "$TMP/err" && grep -q "did you mean 'bleed'" "$TMP/err" && [ ! -e "$TMP/x.pdf" ]
then ok "a crop mark in the bleed and a misspelt key are named"
else fail "bad [press] keys" "$(cat "$TMP/err")"; fi

# ---- ghostscript, cut to the trim --------------------------------------------------------
if command -v gs >/dev/null; then
	gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pgmraw -r72 -dUseTrimBox -dFirstPage=3 -dLastPage=3 \
		-sOutputFile="$TMP/gs.pgm" "$TMP/press.pdf" 2>"$TMP/err"
	size=$(head -c 100 "$TMP/gs.pgm" | grep -av '^#' | sed -n 2p)
	want72=$(echo "$want_page" | awk '{ printf "%d %d\n", $1 + 0.5, $2 + 0.5 }')
	if [ "$size" = "$want72" ]; then ok "ghostscript -dUseTrimBox renders the trim: $size px at 72 dpi"
	else fail "ghostscript -dUseTrimBox" "got '$size', want '$want72': $(head -c 200 "$TMP/err")"; fi
else
	skip "ghostscript -dUseTrimBox" "gs is not installed (.ci/install-deps test installs ghostscript)"
fi
finish
