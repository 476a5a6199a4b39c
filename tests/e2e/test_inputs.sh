# Inputs past the tested cases: Big5 and named encodings, noncharacters under
# -q, pipes and devices as reports, a report given twice, manifests reaching
# outside their folder, keys and groups given twice or nearly right.
. "$(dirname "$0")/lib.sh"
DATA=$TOP/tests/data
report="$SAMPLES/2022-nanyu-qinghe.txt"

# Big5: detected, named in a note, the same text as the UTF-8 original
iconv -f UTF-8 -t BIG5 "$DATA/zh-tw-report.txt" >"$TMP/big5.txt"
"$YB" build --dump=tree "$TMP/big5.txt" >"$TMP/tree" 2>"$TMP/err"; rc=$?
"$YB" build --dump=tree "$DATA/zh-tw-report.txt" >"$TMP/tree-utf8" 2>/dev/null
if [ "$rc" -eq 0 ] && grep -q "converted from Big5" "$TMP/err" &&
   diff <(sed 1d "$TMP/tree") <(sed 1d "$TMP/tree-utf8") >/dev/null; then ok "Big5: detected, noted, same tree as UTF-8"
else fail "Big5" "exit $rc; $(head -c 300 "$TMP/err")"; fi
"$YB" build -q "$TMP/big5.txt" -o "$TMP/big5.pdf" 2>"$TMP/err"
if pdftotext "$TMP/big5.pdf" - 2>/dev/null | tr -d ' \n' | grep -q '受理訴願案件八百零六件'; then ok "Big5: the PDF's text is the traditional text"
else fail "Big5 PDF" "$(head -c 200 "$TMP/err")"; fi
# named: --encoding and the manifest's encoding = win over detection
"$YB" build --dump=tree --encoding gb18030 "$TMP/big5.txt" >/dev/null 2>"$TMP/err"
grep -q "converted from GB18030, as asked" "$TMP/err" && ok "--encoding gb18030: used as asked, and said" \
	|| fail "--encoding" "$(head -c 300 "$TMP/err")"
"$YB" build --dump=tree --encoding klingon "$TMP/big5.txt" >/dev/null 2>"$TMP/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q -- "--encoding: 'klingon' is not an encoding yearbook reads" "$TMP/err" && ok "--encoding with an unknown name: usage error" \
	|| fail "--encoding unknown" "exit $rc; $(head -c 300 "$TMP/err")"
mkdir -p "$TMP/m"
cp "$TMP/big5.txt" "$TMP/m/tw.txt"
printf '[book]\ntitle = 編碼\nencoding = big5\n[report 1]\nfile = tw.txt\n' >"$TMP/m/book.ini"
"$YB" build -q "$TMP/m/book.ini" -o "$TMP/m/book.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && pdftotext "$TMP/m/book.pdf" - | tr -d ' \n' | grep -q '臺北市政府法務局' && ok "manifest encoding = big5" \
	|| fail "manifest encoding" "exit $rc; $(head -c 300 "$TMP/err")"
# check reads as build reads: the manifest's encoding = (even a wrong one), and --encoding
printf '[report 1]\nfile = tw.txt\nencoding = gb18030\n' >"$TMP/m/gb.ini"
"$YB" check "$TMP/m/gb.ini" >/dev/null 2>"$TMP/err"
grep -q "tw.txt' converted from GB18030, as asked" "$TMP/err" && ok "check: the manifest's encoding = as build reads it" \
	|| fail "check manifest encoding" "$(head -c 300 "$TMP/err")"
"$YB" check --encoding big5 "$TMP/big5.txt" >"$TMP/out" 2>"$TMP/err"
grep -q "converted from Big5, as asked" "$TMP/err" && grep -q '臺北市政府' "$TMP/out" && ok "check --encoding" \
	|| fail "check --encoding" "$(head -c 300 "$TMP/err")"

# noncharacters: an error with line and column that -q does not hide
printf '标题\n正文第一行\n正文\xef\xbf\xbf第三行\n' >"$TMP/nonchar.txt"
"$YB" build -q "$TMP/nonchar.txt" -o "$TMP/nonchar.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "nonchar.txt:3: error: column 3: U+FFFF" "$TMP/err" && [ ! -e "$TMP/nonchar.pdf" ] \
	&& ok "a noncharacter: exit 1, file:line and column, even with -q" || fail "noncharacter" "exit $rc; $(head -c 300 "$TMP/err")"

# a pipe without a writer and an endless device do not hang the build
mkfifo "$TMP/fifo.txt"
timeout 20 "$YB" build -q "$TMP/fifo.txt" -o "$TMP/fifo.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "is a pipe, and nothing was written to it" "$TMP/err" && ok "a pipe nobody writes to: refused at once, saying so" \
	|| fail "fifo input" "exit $rc; $(head -c 300 "$TMP/err")"
timeout 60 "$YB" build -q /dev/zero -o "$TMP/zero.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "/dev/zero" "$TMP/err" && ok "/dev/zero as a report: refused, bounded" \
	|| fail "/dev/zero input" "exit $rc; $(head -c 300 "$TMP/err")"
"$YB" build -q <(cat "$report") -o "$TMP/procsub.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && ok "a pipe with a writer (process substitution) is read" || fail "process substitution" "exit $rc; $(head -c 300 "$TMP/err")"

# the same file twice: built, with a note
"$YB" build "$report" "$SAMPLES/../samples/$(basename "$report")" -o "$TMP/twice.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && grep -q "is the same file as .*given before" "$TMP/err" && ok "the same file twice: a note" \
	|| fail "same file twice" "exit $rc; $(head -c 300 "$TMP/err")"

# a manifest or style that is an endless device or a pipe nobody writes to:
# refused at once, bounded (a link to /dev/zero as book.ini grew to 24 GB)
ln -s /dev/zero "$TMP/zero.ini"
timeout 60 "$YB" build -q "$TMP/zero.ini" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "zero.ini' holds more than 16 MiB, more than any manifest or style file" "$TMP/err" \
	&& ok "a manifest that is /dev/zero: refused, bounded" || fail "/dev/zero manifest" "exit $rc; $(head -c 300 "$TMP/err")"
mkfifo "$TMP/pipe.ini"
timeout 20 "$YB" build -q "$TMP/pipe.ini" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "pipe.ini' is a pipe, and nothing was written to it" "$TMP/err" \
	&& ok "a manifest that is a pipe nobody writes to: refused at once" || fail "pipe manifest" "exit $rc; $(head -c 300 "$TMP/err")"

# the same in a batch folder: the book is refused, the batch does not hang
mkdir -p "$TMP/books"
cp "$report" "$TMP/books/a.txt"
printf '[book]\ntitle = 测试\n[report 1]\nfile = a.txt\n' >"$TMP/books/ok.ini"
mkfifo "$TMP/books/pipe.ini"
timeout 60 "$YB" batch -q "$TMP/books" 2>"$TMP/err" >"$TMP/out"; rc=$?
[ "$rc" -eq 1 ] && [ -f "$TMP/books/ok.pdf" ] && grep -q "pipe.ini' is a pipe, and nothing was written to it" "$TMP/err" "$TMP/out" \
	&& ok "batch: a manifest that is a pipe is refused, the other book built, no hang" || fail "batch pipe manifest" "exit $rc; $(head -c 300 "$TMP/err" "$TMP/out")"

# a socket as a report: said so
if python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$TMP/sock.txt" 2>/dev/null; then
	"$YB" build -q "$TMP/sock.txt" -o "$TMP/sock.pdf" 2>"$TMP/err"; rc=$?
	[ "$rc" -eq 1 ] && grep -q "sock.txt' is a socket, not a file" "$TMP/err" && ok "a socket as a report: refused, saying so" \
		|| fail "socket input" "exit $rc; $(head -c 300 "$TMP/err")"
else skip "socket input" "python3 cannot bind a Unix socket here"; fi

# manifests stay inside their folder
mkdir -p "$TMP/inside/sub" "$TMP/elsewhere"
cp "$report" "$TMP/inside/sub/a.txt"
cp "$report" "$TMP/elsewhere/b.txt"
ln -s ../elsewhere/b.txt "$TMP/inside/link.txt"
printf 'precious\n' >"$TMP/elsewhere/notes.txt"
outside() { # outside NAME INI-BODY REGEX
	printf '%b' "$2" >"$TMP/inside/book.ini"
	"$YB" build -q "$TMP/inside/book.ini" -o "$TMP/inside/book.pdf" 2>"$TMP/err"; local rc=$?
	if [ "$rc" -eq 1 ] && grep -Eq "$3" "$TMP/err" && [ ! -e "$TMP/inside/book.pdf" ]; then ok "$1"
	else fail "$1" "exit $rc; $(head -c 300 "$TMP/err")"; fi
}
outside "file = /etc/passwd: refused" '[report 1]\nfile = /etc/passwd\n' "book.ini:2: error: \[report 1\] file: '/etc/passwd' is outside the manifest's folder"
outside "file = ../elsewhere/b.txt: refused" '[report 1]\nfile = ../elsewhere/b.txt\n' "is outside the manifest's folder"
outside "a link inside pointing outside: refused" '[report 1]\nfile = link.txt\n' "'link.txt' is outside"
ln -s loop.txt "$TMP/inside/loop.txt"
outside "a link to itself: said so" '[report 1]\nfile = loop.txt\n' "book.ini:2: error: \[report 1\] file: report 'loop.txt' is a symbolic link that leads back to itself"
outside "a Windows report path: said so" '[report 1]\nfile = sub\\a.txt\n' "book.ini:2: error: \[report 1\] file: 'sub.a\.txt' is a Windows path; write it .* with '/'"
outside "a Windows output path: refused, nothing written" '[book]\noutput = C:\\books\\x.pdf\n[report 1]\nfile = sub/a.txt\n' "book.ini:2: error: \[book\] output: 'C:.books.x\.pdf' is a Windows path"
printf '[book]\noutput = sub/../back.pdf\n[report 1]\nfile = sub/../sub/a.txt\n' >"$TMP/inside/book.ini"
"$YB" build -q "$TMP/inside/book.ini" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && [ -f "$TMP/inside/back.pdf" ] && ok "'..' that comes back inside the folder: accepted" \
	|| fail "'..' inside" "exit $rc; $(head -c 300 "$TMP/err")"
outside "output = ../elsewhere/x.pdf: refused" '[book]\noutput = ../elsewhere/x.pdf\n[report 1]\nfile = sub/a.txt\n' "\[book\] output: .* is outside"
printf '[book]\noutput = ../elsewhere/notes.txt\n[report 1]\nfile = sub/a.txt\n' >"$TMP/inside/book.ini"
"$YB" build -q --allow-outside "$TMP/inside/book.ini" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 2 ] && [ "$(cat "$TMP/elsewhere/notes.txt")" = precious ] && grep -q "is not a PDF" "$TMP/err" \
	&& ok "--allow-outside still never replaces a file that is not a PDF" || fail "allow-outside notes" "exit $rc; $(head -c 300 "$TMP/err")"
printf '[report 1]\nfile = ../elsewhere/b.txt\n[report 2]\nfile = sub/a.txt\n' >"$TMP/inside/book.ini"
"$YB" build -q --allow-outside "$TMP/inside/book.ini" -o "$TMP/inside/book.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && ok "--allow-outside: a file outside is read" || fail "--allow-outside" "exit $rc; $(head -c 300 "$TMP/err")"
"$YB" check "$TMP/inside/book.ini" >/dev/null 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "is outside the manifest's folder" "$TMP/err" && ok "check: a file outside is refused" \
	|| fail "check outside" "exit $rc; $(head -c 300 "$TMP/err")"
"$YB" check --allow-outside "$TMP/inside/book.ini" >"$TMP/out" 2>"$TMP/err"
grep -q "elsewhere/b.txt$" "$TMP/out" && ok "check --allow-outside: a file outside is read" \
	|| fail "check --allow-outside" "$(head -c 300 "$TMP/err")"

# keys and groups given twice, near-miss group names: warnings with lines
printf '[book]\ntitle = 甲\ntitle = 乙\n[report 1]\nfile = sub/a.txt\nfile = sub/a.txt\n[reports]\nfile = sub/a.txt\n[reporter]\nname = x\n[report 1]\ntitle = 丙\n' >"$TMP/inside/book.ini"
"$YB" build --dump=tree "$TMP/inside/book.ini" >"$TMP/tree" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && grep -q "book.ini:3: warning: 'title' is given again in \[book\] (first on line 2)" "$TMP/err" \
	&& grep -q "book.ini:6: warning: 'file' is given again in \[report 1\]" "$TMP/err" \
	&& grep -q "book.ini:11: warning: group '\[report 1\]' is given again (first on line 4)" "$TMP/err" \
	&& ok "keys and groups given twice: warnings naming both lines" || fail "duplicates" "exit $rc; $(cat "$TMP/err" | head -c 600)"
grep -q "book.ini:7: warning: unknown group '\[reports\]'.*'\[report 1\]'" "$TMP/err" && grep -q "book.ini:9: warning: unknown group '\[reporter\]'" "$TMP/err" \
	&& [ "$(grep -c '^report:' "$TMP/tree")" -eq 1 ] && ok "[reports] and [reporter]: warned, not read as reports" \
	|| fail "near-miss groups" "$(grep -c '^report:' "$TMP/tree") reports; $(grep reports "$TMP/err")"
# a noncharacter in a manifest or on the command line: named, not a cairo error
printf '[book]\ntitle = 标题\xef\xbf\xbf\n[report 1]\nfile = sub/a.txt\n' >"$TMP/inside/book.ini"
"$YB" build -q "$TMP/inside/book.ini" -o "$TMP/inside/book.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "book.ini:2: error: column 11: U+FFFF" "$TMP/err" && ok "a noncharacter in a manifest: file, line, column" \
	|| fail "manifest noncharacter" "exit $rc; $(head -c 300 "$TMP/err")"
"$YB" build -q --title $'标题\xef\xb7\x90' "$report" -o "$TMP/t.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q -- "--title: character 3 is U+FDD0" "$TMP/err" && ok "a noncharacter in --title: a usage error naming it" \
	|| fail "--title noncharacter" "exit $rc; $(head -c 300 "$TMP/err")"

# user fonts: an empty or garbage file is named (a warning), a font whose
# glyphs are damaged is an error naming it (it would draw blanks)
D=$TMP/data
mkdir -p "$D/fonts/user"
ln -s "$TOP/styles" "$D/styles"
cp "$TOP/fonts/yearbook.conf" "$D/fonts/"
: >"$D/fonts/user/empty.ttf"
head -c 5000 /dev/urandom >"$D/fonts/user/garbage.otf"
YEARBOOK_DATADIR=$D "$YB" build "$report" -o "$TMP/u.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && grep -q "empty.ttf: warning: not used as a font: the file is empty" "$TMP/err" \
	&& grep -q "garbage.otf: warning: not used as a font: fontconfig cannot read it" "$TMP/err" \
	&& ok "an empty and a garbage user font: named, the book still built" || fail "empty/garbage user fonts" "exit $rc; $(head -c 400 "$TMP/err")"
ttf=$(fc-list --format '%{file}\n' 2>/dev/null | grep -m1 -E '\.ttf$')
if [ -n "$ttf" ]; then
	python3 - "$ttf" "$D/fonts/user/Damaged.ttf" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
n = struct.unpack(">H", d[4:6])[0]
for i in range(n):
    tag, _, off, ln = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
    if tag in (b"glyf", b"CFF "):
        d[off:off + ln] = b"\xff" * ln
open(sys.argv[2], "wb").write(d)
PY
	YEARBOOK_DATADIR=$D "$YB" build -q "$report" -o "$TMP/u2.pdf" 2>"$TMP/err"; rc=$?
	[ "$rc" -eq 1 ] && grep -q "Damaged.ttf: error: user font unusable: its glyphs cannot be loaded" "$TMP/err" && [ ! -e "$TMP/u2.pdf" ] \
		&& ok "a user font with damaged glyphs: exit 1 naming it, nothing written" || fail "damaged user font" "exit $rc; $(head -c 400 "$TMP/err")"
else skip "damaged user font" "no TrueType font installed to damage a copy of"; fi
# a pipe and a link to /dev/zero in the user font folder: fontconfig's scan
# would open the pipe and wait for ever; each is an error naming it
rm -f "$D/fonts/user/Damaged.ttf"
mkfifo "$D/fonts/user/pipe.ttf"
ln -s /dev/zero "$D/fonts/user/zero.otf"
YEARBOOK_DATADIR=$D timeout 60 "$YB" build -q "$report" -o "$TMP/u3.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "pipe.ttf: error: 'pipe.ttf' is a pipe, not a font file, and would stop the font scan" "$TMP/err" \
	&& grep -q "zero.otf: error: 'zero.otf' is a device, not a font file" "$TMP/err" && [ ! -e "$TMP/u3.pdf" ] \
	&& ok "a pipe and a device in the user font folder: exit 1 naming them, no hang" || fail "special user font files" "exit $rc; $(head -c 400 "$TMP/err")"
finish
