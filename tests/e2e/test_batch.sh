# yearbook batch: 30 small books (two of them bad) built in parallel, the
# table, the JSON report and the exit status; a rerun skips every book
# built; touching one report rebuilds exactly the books that use it;
# --list through xargs -P 2 and GNU parallel gives the same bytes; progress
# under a pseudo-terminal and without one; messages grouped per book.
# The manifests name the samples by absolute path: --allow-outside.
. "$(dirname "$0")/lib.sh"
reports=("$SAMPLES"/2*.txt)
if have_shared; then reports+=("$CORPUS"/*.txt); else skip "shared reports in the batch" "../shared is missing; the batch uses the samples only"; fi
nr=${#reports[@]}
B=$TMP/books
mkdir -p "$B/north" "$B/south"
# Book i has report i and, every third book, report i+1 too; ten books in north/, ten in south/.
for i in $(seq 1 28); do
	dir=$B; [ "$i" -gt 8 ] && dir=$B/north; [ "$i" -gt 18 ] && dir=$B/south
	{
		printf '[book]\ntitle = 批量测试第%s册\n' "$i"
		printf '[report 1]\nfile = %s\n' "${reports[$((i % nr))]}"
		[ $((i % 3)) -eq 0 ] && printf '[report 2]\nfile = %s\n' "${reports[$(((i + 1) % nr))]}"
	} >"$dir/book$(printf %02d "$i").ini"
done
printf '[book]\ntitle = 缺报告\n[report 1]\nfile = missing.txt\n' >"$B/north/bad-missing.ini"
printf '[book]\ntitle = 坏样式\nstyle = no-such-style\n[report 1]\nfile = %s\n' "${reports[0]}" >"$B/south/bad-style.ini"
# a style file beside the manifests is not a book
printf '[style]\nname = local\n' >"$B/local-style.ini"

"$YB" batch --allow-outside "$B" --out "$TMP/dist" -j 2 --report "$TMP/r1.json" >"$TMP/t1" 2>"$TMP/e1"
rc=$?
[ "$rc" -eq 1 ] && ok "batch: two bad books make exit 1" || fail "batch exit" "got $rc: $(tail -n 5 "$TMP/e1")"
python3 - "$TMP/r1.json" >"$TMP/py1" 2>&1 <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
b = r["books"]
st = {}
for x in b: st[x["status"]] = st.get(x["status"], 0) + 1
assert len(b) == 30, "%d books in the report" % len(b)
assert st == {"built": 28, "refused": 2}, st
bad = {x["manifest"].split("/")[-1]: x["first_error"] for x in b if x["status"] == "refused"}
assert "missing.txt" in bad["bad-missing.ini"] and "not found" in bad["bad-missing.ini"], bad
assert bad["bad-style.ini"].split(": error: ")[0].endswith("bad-style.ini:3") and "style 'no-such-style' not found" in bad["bad-style.ini"], bad
assert all(x["pages"] and x["pages"] > 3 for x in b if x["status"] == "built"), "pages"
assert r["built"] == 28 and r["refused"] == 2 and r["exit"] == 1
print("ok")
PY
grep -q '^ok' "$TMP/py1" && ok "batch: the report lists 30 books, 28 built with their pages, 2 refused with their errors at file:line" \
	|| fail "batch report" "$(tail -n 3 "$TMP/py1")"
n=$(find "$TMP/dist" -name '*.pdf' | wc -l)
[ "$n" -eq 28 ] && [ -f "$TMP/dist/north/book09.pdf" ] && [ -f "$TMP/dist/south/book28.pdf" ] && [ ! -e "$TMP/dist/north/bad-missing.pdf" ] \
	&& ok "batch: 28 PDFs under --out, the manifests' folders kept, none for a bad book" || fail "batch outputs" "$n PDFs: $(find "$TMP/dist" | head)"
grep -q '^built  *[0-9][0-9]* .*book01.ini -> ' "$TMP/t1" && grep -q '^refused .*bad-style.ini' "$TMP/t1" \
	&& grep -q '30 books: 28 built, 0 skipped (unchanged), 2 refused, 0 failed' "$TMP/t1" \
	&& ok "batch: the table gives every book's status, pages and time" || fail "batch table" "$(head -n 5 "$TMP/t1")"
pdftotext "$TMP/dist/south/book21.pdf" - | tr -d ' \n' | grep -q '批量测试第21册' \
	&& ok "batch: each book is its own manifest's" || fail "batch book title" "book21 lacks its title"

# the same book, built alone, is byte-identical
"$YB" build -q --allow-outside "$B/south/book21.ini" -o "$TMP/alone.pdf"
cmp -s "$TMP/alone.pdf" "$TMP/dist/south/book21.pdf" && ok "batch: a book is byte-identical to the same book built alone" \
	|| fail "batch bytes" "book21 differs from 'yearbook build'"

# a rerun skips every book built and builds nothing, the folder named
# another way (relative, from its parent) or not
cp -p "$TMP/dist/book01.pdf" "$TMP/before.pdf"
(cd "$TMP" && "$YB" batch --allow-outside ./books/ --out "$TMP/dist" -j 2 --report "$TMP/r2.json" >"$TMP/t2" 2>"$TMP/e2")
rc=$?
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["skipped"]==28 and r["built"]==0 and r["refused"]==2, r' "$TMP/r2.json" 2>"$TMP/py2" \
	&& [ "$rc" -eq 1 ] && grep -q '28 of 30 books unchanged' "$TMP/e2" && [ "$TMP/dist/book01.pdf" -ot "$TMP/r2.json" ] \
	&& ok "batch: a rerun skips the 28 books built, and names the 2 bad ones again" || fail "batch rerun" "rc $rc; $(tail -n 2 "$TMP/py2") $(head -n 2 "$TMP/e2")"
cmp -s "$TMP/before.pdf" "$TMP/dist/book01.pdf" && [ "$(stat -c %Y "$TMP/before.pdf")" = "$(stat -c %Y "$TMP/dist/book01.pdf")" ] \
	&& ok "batch: a skipped book's file is untouched" || fail "batch skipped file" "changed"

# touching one report rebuilds exactly the books that use it
touched=${reports[3]}
want=$(grep -l -F "file = $touched" "$B"/*.ini "$B"/*/*.ini | grep -v bad- | xargs -n1 basename | sort | tr '\n' ' ')
sleep 1; touch "$touched"
"$YB" batch --allow-outside "$B" --out "$TMP/dist" -j 2 --report "$TMP/r3.json" >"$TMP/t3" 2>"$TMP/e3"
got=$(python3 -c 'import json,sys; print(" ".join(sorted(x["manifest"].split("/")[-1] for x in json.load(open(sys.argv[1]))["books"] if x["status"]=="built")))' "$TMP/r3.json")
[ -n "$want" ] && [ "$got " = "$want" ] && ok "batch: touching one report rebuilds exactly its books ($got)" \
	|| fail "batch touch" "want '$want', got '$got'"
# a style beside the manifests: editing one manifest rebuilds its book
# only; editing the style rebuilds the books that use it
S=$TMP/styled; mkdir -p "$S"
printf '[style]\nname = local\ninherit = screen\n' >"$S/local.ini"
for i in 1 2 3; do printf '[book]\ntitle = 样式%s\n[report 1]\nfile = %s\n' "$i" "${reports[1]}" >"$S/s$i.ini"; done
sed -i 's/^\[book\]$/&\nstyle = local.ini/' "$S/s1.ini" "$S/s2.ini"
built() { python3 -c 'import json,sys; print(" ".join(sorted(x["manifest"].split("/")[-1] for x in json.load(open(sys.argv[1]))["books"] if x["status"]=="built")))' "$1"; }
"$YB" batch --allow-outside "$S" -j 2 --report "$TMP/rs1.json" >/dev/null 2>&1
sed -i 's/^title = 样式2/title = 样式二/' "$S/s2.ini"
"$YB" batch --allow-outside "$S" -j 2 --report "$TMP/rs2.json" >/dev/null 2>&1
printf '[body]\nsize = 五号\n' >>"$S/local.ini"
"$YB" batch --allow-outside "$S" -j 2 --report "$TMP/rs3.json" >/dev/null 2>&1
[ "$(built "$TMP/rs1.json")" = "s1.ini s2.ini s3.ini" ] && [ "$(built "$TMP/rs2.json")" = "s2.ini" ] && [ "$(built "$TMP/rs3.json")" = "s1.ini s2.ini" ] \
	&& ok "batch: a manifest beside a shared style rebuilds its book only; the style, the books that use it" \
	|| fail "batch local style" "built: '$(built "$TMP/rs1.json")', '$(built "$TMP/rs2.json")', '$(built "$TMP/rs3.json")'"

# books/*.ini catches the style too: left out with a note, not a refused book
"$YB" batch --allow-outside "$S"/*.ini -j 2 --report "$TMP/rs4.json" >/dev/null 2>"$TMP/es4"; rc=$?
[ "$rc" -eq 0 ] && grep -q '"total": 3' "$TMP/rs4.json" && grep -q "local.ini: note: not a book manifest (no \[book\] or \[report\] group): left out" "$TMP/es4" \
	&& ok "batch books/*.ini: a style among the manifests is left out with a note (exit 0)" || fail "batch glob with a style" "rc $rc: $(cat "$TMP/es4")"

"$YB" batch --allow-outside "$B/book01.ini" --out "$TMP/dist" -j 2 --force --report "$TMP/r4.json" >/dev/null 2>&1
grep -q '"built": 1' "$TMP/r4.json" && ok "batch: --force builds an unchanged book" || fail "batch --force" "$(cat "$TMP/r4.json")"

# --list: one command per book, for another scheduler; the same bytes
L=$TMP/few; mkdir -p "$L"; cp "$B"/book0[1-3].ini "$L"/
"$YB" batch --allow-outside "$L" --out "$TMP/lb" -j 2 >/dev/null 2>&1
"$YB" batch --allow-outside "$L" --out "$TMP/lx" --list >"$TMP/list"
[ "$(wc -l <"$TMP/list")" -eq 3 ] && grep -q "^mkdir -p '$TMP/lx' && .*build -q '$L/book01.ini' -o '$TMP/lx/book01.pdf'" "$TMP/list" \
	&& ok "batch --list: one self-contained command per book" || fail "batch --list" "$(head -n 2 "$TMP/list")"
xargs -d '\n' -n 1 -P 2 sh -c <"$TMP/list"
same=1; for f in "$TMP"/lb/*.pdf; do cmp -s "$f" "$TMP/lx/$(basename "$f")" || same=0; done
[ "$same" -eq 1 ] && [ "$(ls "$TMP"/lx/*.pdf | wc -l)" -eq 3 ] && ok "batch --list | xargs -P 2: byte-identical books" || fail "batch xargs" "books differ"
if command -v parallel >/dev/null; then
	sed "s|$TMP/lx|$TMP/lp|g" "$TMP/list" | parallel --will-cite -j 2
	same=1; for f in "$TMP"/lb/*.pdf; do cmp -s "$f" "$TMP/lp/$(basename "$f")" || same=0; done
	[ "$same" -eq 1 ] && [ "$(ls "$TMP"/lp/*.pdf | wc -l)" -eq 3 ] && ok "batch --list | parallel: byte-identical books" || fail "batch parallel" "books differ"
else
	skip "batch --list | parallel" "GNU parallel is not installed (.ci/install-deps installs it)"
fi

# progress: one line per finished book without a terminal, one live line with one
"$YB" batch --allow-outside "$L" --out "$TMP/pa" -j 2 >/dev/null 2>"$TMP/plain"
[ "$(grep -c '^\[[1-3]/3\] built ' "$TMP/plain")" -eq 3 ] && ! grep -q $'\r' "$TMP/plain" \
	&& ok "batch progress, no terminal: one line per finished book" || fail "batch plain progress" "$(cat -A "$TMP/plain" | head -n 5)"
if command -v script >/dev/null; then
	TERM=xterm script -qec "'$YB' batch --allow-outside '$L' --out '$TMP/pt' -j 2" /dev/null >"$TMP/tty" 2>&1
	grep -q $'\r\033\[K\[[0-3]/3\] [0-9]*:[0-9][0-9] elapsed' "$TMP/tty" && ! grep -q '^\[[1-3]/3\] built' "$TMP/tty" \
		&& grep -q '3 books: 3 built' "$TMP/tty" && [ "$(ls "$TMP"/pt/*.pdf | wc -l)" -eq 3 ] \
		&& ok "batch progress, terminal: one live line, redrawn, then the table" || fail "batch tty progress" "$(cat -A "$TMP/tty" | head -n 5)"
else
	skip "batch tty progress" "script (util-linux) is not installed"
fi

# messages: a note repeated for many reports is shown once, with a count
mkdir -p "$TMP/gb"
{ printf '[book]\ntitle = 转码\n'; for i in 1 2 3 4 5; do printf '[report %s]\nfile = %s\n' "$i" "$SAMPLES/2024-yunze-linxi.txt"; done; } >"$TMP/gb/gb.ini"
"$YB" batch --allow-outside "$TMP/gb" -j 2 >/dev/null 2>"$TMP/notes"
[ "$(grep -c 'converted from GB18030' "$TMP/notes")" -eq 1 ] && grep -qE 'converted from GB18030 \((and 4 more like it|5 times)\)' "$TMP/notes" \
	&& ok "batch: a note repeated for 5 reports is printed once with its count" || fail "batch notes" "$(cat "$TMP/notes")"

# notes across books: one line per kind with the books it is in; a book's
# warnings under its name and in the table; no heading for a book with none
N=$TMP/notes-across
mkdir -p "$N"
for i in 1 2 3; do printf '[book]\ntitle = 注%s\n[report 1]\nfile = %s\n' "$i" "$SAMPLES/2024-yunze-linxi.txt" >"$N/n$i.ini"; done
sed -i 's/^title = 注3/titel = 注3/' "$N/n3.ini"
"$YB" batch --allow-outside "$N" -j 2 --report "$TMP/rn.json" >"$TMP/tn" 2>"$TMP/en"
[ "$(grep -c 'converted from GB18030' "$TMP/en")" -eq 1 ] && grep -q 'converted from GB18030 (in 3 books)$' "$TMP/en" \
	&& grep -q '^notes, from 3 of 3 books' "$TMP/en" \
	&& ok "batch: a note of every book is printed once, with the books it is in" || fail "batch notes across books" "$(cat "$TMP/en")"
grep -A1 '^built .*n3.ini' "$TMP/tn" | grep -q "n3.ini:2: warning: unknown key 'titel'" && grep -q '3 books: 3 built (1 with warnings)' "$TMP/tn" \
	&& grep -qx "  $N/n3.ini:2: warning: unknown key 'titel' .*" "$TMP/en" && ! grep -q "n1.ini -> .*:$" "$TMP/en" \
	&& grep -q '"first_warning": ".*n3.ini:2: warning' "$TMP/rn.json" \
	&& ok "batch: a book built with a warning shows it in the table and the report; a book without has no heading" \
	|| fail "batch warnings" "$(cat "$TMP/tn" "$TMP/en")"

# the outputs a manifest asks for: the book and its PDF/A archive, each skipped when built
mkdir -p "$TMP/var"
printf '[book]\ntitle = 两种输出\noutput = out/v.pdf\narchive = out/v-archive.pdf\n[report 1]\nfile = %s\n' "${reports[1]}" >"$TMP/var/v.ini"
"$YB" batch --allow-outside "$TMP/var" -j 2 --report "$TMP/rv.json" >/dev/null 2>&1; rc=$?
[ "$rc" -eq 0 ] && grep -aq 'pdfaid:part' "$TMP/var/out/v-archive.pdf" && [ -f "$TMP/var/out/v.pdf" ] \
	&& grep -q '"kind": "archive"' "$TMP/rv.json" && ! grep -aq 'pdfaid:part' "$TMP/var/out/v.pdf" \
	&& ok "batch: archive = in a manifest adds its PDF/A-1b beside the book" || fail "batch archive" "rc $rc; $(ls "$TMP/var/out" 2>&1 | tr '\n' ' ')"
"$YB" batch --allow-outside "$TMP/var" -j 2 --report "$TMP/rv2.json" >/dev/null 2>&1
grep -q '"skipped": 2' "$TMP/rv2.json" && ok "batch: both outputs skipped when unchanged" || fail "batch archive rerun" "$(tail -n 3 "$TMP/rv2.json")"

# a system failure in one book (its folder cannot be made) never stops the others: exit 3
mkdir -p "$TMP/sys"; cp "$B/book01.ini" "$TMP/sys/good.ini"
printf '[book]\ntitle = 无处可写\noutput = /proc/yearbook-no-such/x.pdf\n[report 1]\nfile = %s\n' "${reports[1]}" >"$TMP/sys/nowhere.ini"
"$YB" batch --allow-outside "$TMP/sys" -j 2 --report "$TMP/rs.json" >"$TMP/ts" 2>&1; rc=$?
[ "$rc" -eq 3 ] && grep -q '"failed": 1' "$TMP/rs.json" && grep -q '"built": 1' "$TMP/rs.json" && grep -q "^failed .*nowhere.ini" "$TMP/ts" \
	&& ok "batch: a book whose folder cannot be made fails alone (exit 3), the other is built" || fail "batch system failure" "rc $rc: $(tail -n 4 "$TMP/ts")"

# stopped (SIGTERM to the batch alone, as `kill PID`): the books being built
# are stopped too, the rest not started; the table, the report, exit 143;
# a rerun builds only what is missing
"$YB" batch --allow-outside "$B" --out "$TMP/intr" -j 1 --report "$TMP/ri.json" >"$TMP/ti" 2>"$TMP/ei" &
pid=$!
for _ in $(seq 200); do grep -q '^\[ *1/30\] built' "$TMP/ei" 2>/dev/null && break; sleep 0.1; done
kill -TERM "$pid"; wait "$pid"; rc=$?
sleep 0.5
left=$(pgrep -f -- "-o $TMP/intr/" | wc -l)
"$YB" batch --allow-outside "$B" --out "$TMP/intr" -j 2 --report "$TMP/ri2.json" >/dev/null 2>&1
python3 - "$TMP/ri.json" "$TMP/ri2.json" >"$TMP/pyi" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
pending = sum(1 for x in a["books"] if x["status"] == "pending")
assert a["exit"] == 143 and a["built"] >= 1 and pending >= 1, (a["exit"], a["built"], pending)
assert b["skipped"] == a["built"] and b["built"] == 28 - a["built"], (a["built"], b["skipped"], b["built"])
print("ok", a["built"], pending)
PY
[ "$rc" -eq 143 ] && [ "$left" -eq 0 ] && grep -q '^ok' "$TMP/pyi" && grep -q 'not started (interrupted)' "$TMP/ti" && grep -q 'interrupted (Terminated)' "$TMP/ei" \
	&& ok "batch stopped: its builds stopped, the table and the report (exit 143); a rerun builds only the rest" \
	|| fail "batch stopped" "rc $rc, $left builds left; $(tail -n 2 "$TMP/pyi") $(tail -n 1 "$TMP/ti")"

# a report that cannot be written is refused before any book is built
"$YB" batch --allow-outside "$L" --out "$TMP/rno" -j 2 --report "$TMP/no-such/r.json" >/dev/null 2>"$TMP/rno.err"; rc=$?
[ "$rc" -eq 3 ] && grep -q "the folder '$TMP/no-such' does not exist; create it" "$TMP/rno.err" && [ ! -e "$TMP/rno" ] \
	&& ok "batch --report into a missing folder: refused before building (exit 3)" || fail "batch report folder" "rc $rc: $(cat "$TMP/rno.err")"
cp "$L/book01.ini" "$TMP/keep.ini"
"$YB" batch --allow-outside "$L" --out "$TMP/rno" -j 2 --report "$L/book01.ini" >/dev/null 2>"$TMP/rno.err"; rc=$?
[ "$rc" -eq 2 ] && cmp -s "$L/book01.ini" "$TMP/keep.ini" && grep -q "refusing to replace it" "$TMP/rno.err" && [ ! -e "$TMP/rno" ] \
	&& ok "batch --report naming a manifest: refused, the manifest kept" || fail "batch report over a manifest" "rc $rc: $(cat "$TMP/rno.err")"

touch "$TMP/a-file"
"$YB" batch --allow-outside "$L" --out "$TMP/a-file" -j 2 >"$TMP/rno.out" 2>"$TMP/rno.err"; rc=$?
[ "$rc" -eq 3 ] && [ "$(grep -c . "$TMP/rno.err")" -eq 1 ] && grep -q "cannot create the folder '$TMP/a-file' (--out): Not a directory" "$TMP/rno.err" \
	&& ok "batch --out naming a file: one message, nothing built (exit 3)" || fail "batch --out file" "rc $rc: $(cat "$TMP/rno.err")"

# usage
"$YB" batch --allow-outside "$TMP/nothing-here" >/dev/null 2>"$TMP/u"; rc=$?
[ "$rc" -eq 2 ] && grep -q "neither a book manifest nor a folder" "$TMP/u" && ok "batch: a missing argument is a usage error" || fail "batch usage" "rc $rc $(cat "$TMP/u")"
finish
