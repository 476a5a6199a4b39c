# Bad input: each is refused with a message naming the file (and line and
# byte where there is one), a non-zero exit status, and no output file --
# not even a temporary one -- left in the output folder.
. "$(dirname "$0")/lib.sh"
good=$SAMPLES/2024-yunze-linxi.txt
out=$TMP/out
mkdir -p "$out"

refused() { # refused NAME STATUS PATTERN ARGS...: exit STATUS, stderr matches PATTERN, nothing written
	local name=$1 want=$2 pattern=$3; shift 3
	rm -f "$out"/* "$out"/.[!.]* 2>/dev/null
	"$YB" build "$@" >"$TMP/stdout" 2>"$TMP/stderr"
	local rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, want $want; stderr: $(head -c 300 "$TMP/stderr")"
	elif ! grep -Eq -- "$pattern" "$TMP/stderr"; then
		fail "$name" "message does not match '$pattern': $(head -c 300 "$TMP/stderr")"
	elif [ -n "$(ls -A "$out")" ]; then
		fail "$name" "left files behind: $(ls -A "$out" | tr '\n' ' ')"
	else
		ok "$name"
	fi
}

printf '第一行正常。\n第二行\xff\xfe坏了。\n' >"$TMP/bad-utf8.txt"
refused "invalid UTF-8 that is not GB18030: file, line and byte offset" 1 \
	"bad-utf8.txt:2: error: .*byte offset 28" "$good" "$TMP/bad-utf8.txt" -o "$out/book.pdf"
: >"$TMP/empty.txt"
refused "an empty file" 1 "empty.txt.*error: .*empty" "$TMP/empty.txt" -o "$out/book.pdf"
printf '  \n\t\n' >"$TMP/blank.txt"
refused "a file of white space only" 1 "blank.txt.*error: .*empty" "$TMP/blank.txt" -o "$out/book.pdf"
head -c 4096 "$YB" >"$TMP/binary.txt"
refused "a binary file" 1 "binary.txt.*error: .*binary" "$TMP/binary.txt" -o "$out/book.pdf"
refused "a missing report" 1 "no-such.txt.*error: .*'.*no-such.txt'" "$TMP/no-such.txt" -o "$out/book.pdf"
refused "one bad report among good ones stops the whole book" 1 "empty.txt" \
	"$good" "$TMP/empty.txt" "$good" -o "$out/book.pdf"

cat >"$TMP/book.ini" <<INI
[book]
title = 测试
[report 1]
file = $good
[report 2]
file = missing-report.txt
INI
refused "a manifest naming a missing report: manifest line and file" 1 \
	"book.ini:6: error: .*missing-report.txt" "$TMP/book.ini" -o "$out/book.pdf"

cp "$good" "$out/report.txt"
"$YB" build "$out/report.txt" -o "$out/report.txt" 2>"$TMP/stderr"; rc=$?
if [ "$rc" -eq 2 ] && grep -q "is the input" "$TMP/stderr" && cmp -s "$good" "$out/report.txt" \
	&& [ "$(ls -A "$out")" = report.txt ]; then ok "the output may not overwrite an input"
else fail "output = input" "exit $rc; $(cat "$TMP/stderr")"; fi

refused "an output folder that does not exist" 3 "folder .* does not exist" "$good" -o "$out/nowhere/book.pdf"
refused "no output file for two reports" 2 "no output file for 2 reports" "$good" "$SAMPLES/2023-qingyuan-wangchuan.txt"
refused "an unknown option" 2 "usage: unknown option .--frobnicate." "$good" --frobnicate -o "$out/book.pdf"
refused "a style with a bad value" 1 "size.*12 pounds" "$good" --style "$(printf '[body]\nsize = 12 pounds\n' >"$TMP/bad.ini"; echo "$TMP/bad.ini")" -o "$out/book.pdf"

printf '[body]\nfont = nosuchrole\n' >"$TMP/role.ini"
refused "a style naming a font role that does not exist" 1 "role.ini:2: error: .*nosuchrole.*not a font role" \
	"$good" --style "$TMP/role.ini" -o "$out/book.pdf"
mkdir -p "$TMP/data/fonts" && cp -r "$TOP/styles" "$TMP/data/" &&
	sed 's|<dir[^>]*>[^<]*</dir>||g' "$TOP/fonts/yearbook.conf" >"$TMP/data/fonts/yearbook.conf"
YEARBOOK_DATADIR=$TMP/data refused "no font at all" 1 "error: no usable fonts" "$good" -o "$out/book.pdf"
mkdir -p "$TMP/a-folder.txt"
refused "an input that cannot be read (a folder)" 1 "a-folder.txt.*error: .*cannot read" "$TMP/a-folder.txt" -o "$out/book.pdf"

# A previous book survives a failed build untouched.
"$YB" build "$good" -o "$out/book.pdf" 2>/dev/null
cp "$out/book.pdf" "$TMP/previous.pdf"
"$YB" build "$good" "$TMP/empty.txt" -o "$out/book.pdf" 2>/dev/null
cmp -s "$out/book.pdf" "$TMP/previous.pdf" && [ "$(ls -A "$out")" = book.pdf ] \
	&& ok "a failed build leaves the previous book as it was" || fail "previous book" "changed or litter left"
# Other documents given among the reports (yearbook batch builds many books)
for i in 1 2; do printf '# a book\n[book]\ntitle = 第%s册\n[report 1]\nfile = %s\n' "$i" "$good" >"$TMP/m$i.ini"; done
refused "two manifests given as reports: each named, with batch suggested" 1 \
	"m1.ini: error: '.*m1.ini' is a book manifest, not a report: .*yearbook batch" "$TMP/m1.ini" "$TMP/m2.ini" -o "$out/book.pdf"
grep -q "m2.ini: error: .*book manifest" "$TMP/stderr" && ok "the second manifest is named too" || fail "second manifest" "$(cat "$TMP/stderr")"
printf '\n<!DOCTYPE html>\n<html><head><title>报告</title></head><body><p>正文。</p></body></html>\n' >"$TMP/page.html"
refused "an HTML page given as a report" 1 "page.html: error: .*HTML or XML page, not a plain-text report" \
	"$good" "$TMP/page.html" -o "$out/book.pdf"
printf '# 说明\n这些是报告。\n' >"$TMP/README.md"
refused "a README given as a report (reports/* caught one)" 1 "README.md: error: .*is a README, not a report" \
	"$good" "$TMP/README.md" -o "$out/book.pdf"
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n' >"$TMP/report.pdf"
refused "a PDF given as a report" 1 "report.pdf: error: .*binary file \\(a PDF file\\)" "$good" "$TMP/report.pdf" -o "$out/book.pdf"
finish
