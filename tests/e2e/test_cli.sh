# The command line as a user meets it: help per command, version, "did you
# mean", option values checked like the manifest's, -o optional, the success
# line, grouped notes, progress, stats fields, the man page and completion.
. "$(dirname "$0")/lib.sh"
S=$SAMPLES

run() { # run ARGS...: stdout in $TMP/out, stderr in $TMP/err, status in $rc
	"$YB" "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}
expect() { # expect NAME STATUS REGEX ARGS...: exit STATUS, stderr or stdout matching REGEX
	local name=$1 want=$2 re=$3; shift 3
	run "$@"
	if [ "$rc" -eq "$want" ] && cat "$TMP/err" "$TMP/out" | grep -qE -- "$re"; then ok "$name"
	else fail "$name" "exit $rc (want $want); $(head -c 400 "$TMP/err")"; fi
}

# ---- help ----
expect "--help lists the commands" 0 '^  stats +list the key figures' --help
cp "$TMP/out" "$TMP/overview"
run help
cmp -s "$TMP/out" "$TMP/overview" && ok "'help' is '--help'" || fail "help" "differs from --help"
run
[ "$rc" -eq 2 ] && grep -q '^usage: yearbook COMMAND' "$TMP/err" && ok "no command: the overview on stderr, exit 2" \
	|| fail "no command" "exit $rc"
for cmd in build fonts stats; do
	run "$cmd" --help
	cp "$TMP/out" "$TMP/help-$cmd"
	if [ "$rc" -eq 0 ] && [ "$(grep -ci '^usage' "$TMP/out")" -eq 1 ] && head -n 1 "$TMP/out" | grep -q "^usage: yearbook $cmd "
	then ok "$cmd --help: one usage line, its own"; else fail "$cmd --help" "$(head -n 3 "$TMP/out")"; fi
	run help "$cmd"
	cmp -s "$TMP/out" "$TMP/help-$cmd" && ok "help $cmd = $cmd --help" || fail "help $cmd" "differs from $cmd --help"
	run "$cmd" -h
	cmp -s "$TMP/out" "$TMP/help-$cmd" && ok "$cmd -h = $cmd --help" || fail "$cmd -h" "differs"
done
grep -q -- '--title=TEXT' "$TMP/help-build" && ! grep -q -- '--csv' "$TMP/help-build" \
	&& grep -q -- '--csv' "$TMP/help-stats" && ! grep -q -- '--title' "$TMP/help-stats" \
	&& grep -q '^book options:' "$TMP/help-build" && grep -q '^stats options:' "$TMP/help-stats" \
	&& ok "options grouped by command" || fail "option groups" "build/stats help mix their options"
! grep -q 'bench-floor' "$TMP/help-build" && ok "hidden options stay hidden" || fail "hidden" "--bench-floor shown"
long=$(cat "$TMP"/help-* "$TMP/overview" | grep -v '^  yearbook ' | python3 -c '
import sys, unicodedata
for line in sys.stdin:
    line = line.rstrip("\n")
    if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) > 79:
        print(line); break')
[ -z "$long" ] && ok "help lines fit 79 columns (examples aside)" || fail "help width" "$long"

expect "help help" 0 "^usage: yearbook help \[COMMAND\]" help help
expect "help version" 0 "^usage: yearbook version" help version
grep -q 'YEARBOOK_DATADIR' "$TMP/overview" && grep -q 'SOURCE_DATE_EPOCH' "$TMP/overview" \
	&& ok "the overview names the environment variables" || fail "environment" "not in --help"

# ---- version ----
for v in --version -V version; do
	run $v
	[ "$rc" -eq 0 ] && grep -qE '^yearbook [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" && ok "$v prints the version" \
		|| fail "$v" "exit $rc: $(cat "$TMP/out" "$TMP/err")"
done

# ---- did you mean ----
expect "a misspelt command" 2 "unknown command 'biuld'; did you mean 'build'\?" biuld "$S/book.ini"
expect "a misspelt command after help" 2 "did you mean 'stats'\?" help stast
expect "a misspelt option" 2 "unknown option '--stlye'; did you mean '--style'\?" build --stlye gb9704 "$S/book.ini"
expect "a misspelt option with a value" 2 "did you mean '--output'\?" build --ouptut=x.pdf "$S/book.ini"
expect "an option cut short" 2 "unknown option '--ver'; did you mean '--verbose'\?" build --ver "$S/book.ini"
expect "a command cut short" 2 "unknown command 'bu'; did you mean 'build'\?" bu "$S/book.ini"
expect "another command's option" 2 "'--csv' is an option of 'yearbook stats', not of 'yearbook build'" build --csv "$S/book.ini"
expect "another command's short option" 2 "'-o' is an option of 'yearbook build', not of 'yearbook stats'" stats -o x.pdf "$S/book.ini"
expect "an unknown short option" 2 "unknown option '-x'" build -x "$S/book.ini"
expect "an option before the command" 2 "options go after it" -q build "$S/book.ini"
expect "stats without files names stats" 2 "'yearbook stats' needs .*e\.g\. 'yearbook stats " stats
grep -q "yearbook build" "$TMP/err" && fail "stats hint" "suggests build: $(cat "$TMP/err")" || ok "stats without files suggests no build"

# ---- a short option's value attached, as in make -j4 or pandoc -obook.pdf ----
R=$S/2022-nanyu-qinghe.txt
run build -q -j2 -o"$TMP/a1.pdf" "$R"; a=$rc
run build -qj 2 -o "$TMP/a2.pdf" "$R"; b=$rc
run build -qo"$TMP/a3.pdf" "$R"; c=$rc
[ "$a$b$c" = 000 ] && cmp -s "$TMP/a1.pdf" "$TMP/a2.pdf" && cmp -s "$TMP/a1.pdf" "$TMP/a3.pdf" \
	&& ok "attached values: -j2, -o\"FILE\", -qoFILE as -j 2, -o FILE" || fail "attached values" "exit $a $b $c: $(cat "$TMP/err")"
run build -q --title -j2 "$R" -o "$TMP/a4.pdf"
[ "$rc" = 0 ] && pdfinfo "$TMP/a4.pdf" | grep -q '^Title: *-j2$' \
	&& ok "an option's value that looks like an option stays its value (--title -j2)" || fail "value kept" "exit $rc: $(cat "$TMP/err")"
expect "an attached value checked like any other" 2 "-j: 'x' is not a number of threads" build -jx "$R" -o "$TMP/a5.pdf"

# ---- option values, checked as the manifest checks them ----
printf '[book]\ndate = %s\n[report 1]\nfile = %s\n' 2025-13-40 "$S/2023-qingyuan-wangchuan.txt" >"$TMP/bad-date.ini"
"$YB" build --allow-outside "$TMP/bad-date.ini" -o "$TMP/x.pdf" 2>"$TMP/manifest.err"
manifest_msg=$(sed -n 's/.*\[book\] date: //p' "$TMP/manifest.err")
for d in 2025-13-40 yesterday 2025-02-30 25-1-1; do
	run build --date "$d" "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
	[ "$rc" -eq 2 ] && grep -q -- "--date: '$d' is not a date; use YYYY-MM-DD" "$TMP/err" && [ ! -e "$TMP/x.pdf" ] \
		&& ok "--date $d refused" || fail "--date $d" "exit $rc: $(cat "$TMP/err")"
done
run build --date 2025-13-40 "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ -n "$manifest_msg" ] && grep -qF -- "--date: $manifest_msg" "$TMP/err" && ok "--date and date = say the same" \
	|| fail "same date message" "manifest: '$manifest_msg'; command line: $(cat "$TMP/err")"
expect "--date=2024-02-29 accepted" 0 "wrote" build --date=2024-02-29 "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/leap.pdf"
for j in 0 -1 x 2.5 99999999999; do
	expect "-j $j refused" 2 "(-j|--jobs): '$j' is not a number of threads" build -j "$j" "$S/book.ini" -o "$TMP/x.pdf"
done
expect "--style typo: did you mean" 2 "--style: style 'gb9074' not found in .*did you mean 'gb9704'\?" \
	build --style gb9074 "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
printf '[book]\nstyle = gb9074\n[report 1]\nfile = %s\n' "$S/2023-qingyuan-wangchuan.txt" >"$TMP/bad-style.ini"
run build --allow-outside "$TMP/bad-style.ini" -o "$TMP/x.pdf"
msg=$(grep -o "style 'gb9074' not found.*" "$TMP/err")
run build --style gb9074 "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ -n "$msg" ] && grep -qF -- "--style: $msg" "$TMP/err" && ok "--style and style = say the same" \
	|| fail "same style message" "manifest: '$msg'; command line: $(cat "$TMP/err")"
expect "a missing style file" 2 "--style: style file '$TMP/none.ini' not found" build --style "$TMP/none.ini" "$S/book.ini"
run build --indicators "$TMP/none.ini" "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ "$rc" -eq 2 ] && grep -q -- "--indicators: indicator file '$TMP/none.ini' not found" "$TMP/err" && ! grep -q 'note:' "$TMP/err" \
	&& ok "--indicators: a missing file refused before anything is read" || fail "--indicators" "exit $rc: $(cat "$TMP/err")"
expect "--dump value" 2 "--dump: 'trees' is not a dump; use tree or layout" build --dump=trees "$S/book.ini"
printf '[book]\nencoding = latin1\n[report 1]\nfile = %s\n' "$S/2023-qingyuan-wangchuan.txt" >"$TMP/bad-enc.ini"
run build --allow-outside "$TMP/bad-enc.ini" -o "$TMP/x.pdf"
msg=$(sed -n 's/.*\[book\] encoding: //p' "$TMP/err")
run build --encoding latin1 "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ "$rc" -eq 2 ] && [ -n "$msg" ] && grep -qF -- "--encoding: $msg" "$TMP/err" && ok "--encoding and encoding = say the same" \
	|| fail "same encoding message" "manifest: '$msg'; command line: exit $rc, $(cat "$TMP/err")"
run build --proof "$TMP/nowhere/p" "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ "$rc" -eq 3 ] && grep -q "cannot write '$TMP/nowhere/p-1.png': the folder '$TMP/nowhere' does not exist; create it" "$TMP/err" \
	&& ! grep -q 'note:' "$TMP/err" && ok "--proof into a missing folder: refused before anything is read" \
	|| fail "--proof folder" "exit $rc: $(cat "$TMP/err")"
run build --proof-sheet "$TMP/nowhere/sheet.png" "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ "$rc" -eq 3 ] && grep -q "cannot write '$TMP/nowhere/sheet.png': the folder .* does not exist" "$TMP/err" \
	&& ! grep -q 'note:' "$TMP/err" && ok "--proof-sheet into a missing folder: refused before anything is read" \
	|| fail "--proof-sheet folder" "exit $rc: $(cat "$TMP/err")"
printf '[page]\nwidth = wide\n' >"$TMP/wide.ini"
run build --style "$TMP/wide.ini" "$S/2023-qingyuan-wangchuan.txt" -o "$TMP/x.pdf"
[ "$rc" -eq 1 ] && grep -q "wide.ini:2: error:" "$TMP/err" && grep -q 'note:' "$TMP/err" && ! grep -q 'above the notes' "$TMP/err" \
	&& ok "an error before the notes, in a file: as printed" || fail "error above notes (file)" "exit $rc: $(cat "$TMP/err")"
if command -v script >/dev/null; then
	script -qec "$YB build --style $TMP/wide.ini $S/2023-qingyuan-wangchuan.txt -o $TMP/x.pdf" /dev/null >"$TMP/tty" 2>&1
	[ "$(tr -d '\r' <"$TMP/tty" | grep -v '^$' | tail -n 1)" = "yearbook: 1 error, above the notes" ] \
		&& ok "an error before the notes, on a terminal: the last line says so" || fail "error above notes" "$(tail -n 3 "$TMP/tty")"
fi
expect "--csv with --json" 2 "exclude each other" stats --csv --json "$S/book.ini"
[ ! -e "$TMP/x.pdf" ] && ok "no output after refused options" || fail "refused options" "x.pdf written"

# ---- -o optional ----
mkdir -p "$TMP/one"
cp "$S/2023-qingyuan-wangchuan.txt" "$TMP/one/report.txt"
run build "$TMP/one/report.txt"
[ "$rc" -eq 0 ] && [ -s "$TMP/one/report.pdf" ] && ok "one report: report.pdf beside it" || fail "one report" "exit $rc: $(cat "$TMP/err")"
mkdir -p "$TMP/m"
cp -r "$S"/*.txt "$S/front" "$TMP/m/"   # the manifest names its reports and front matter
sed '/^\[book\]/a output = out/sample.pdf' "$S/book.ini" >"$TMP/m/book.ini"
run build -q "$TMP/m/book.ini"
[ "$rc" -eq 0 ] && [ -s "$TMP/m/out/sample.pdf" ] && ok "manifest output = used, its folder made as batch makes it" \
	|| fail "output =" "exit $rc: $(cat "$TMP/err")"
cp "$S/book.ini" "$TMP/m/plain.ini"
run build -q "$TMP/m/plain.ini"
[ "$rc" -eq 0 ] && [ -s "$TMP/m/plain.pdf" ] && ok "manifest without output: its name with .pdf" || fail "manifest default" "exit $rc: $(cat "$TMP/err")"
run build "$S/2023-qingyuan-wangchuan.txt" "$S/2022-nanyu-qinghe.txt"
[ "$rc" -eq 2 ] && grep -q "no output file for 2 reports; give one with -o" "$TMP/err" && ok "two reports need -o" \
	|| fail "two reports" "exit $rc: $(cat "$TMP/err")"
# what is not the screen book never takes its name
mkdir -p "$TMP/px/press"
cp "$S/2022-nanyu-qinghe.txt" "$TMP/px/r.txt"
printf '[book]\ntitle = 样书\n[report 1]\nfile = r.txt\n' >"$TMP/px/book.ini"
run build -q "$TMP/px/book.ini"
cp "$TMP/px/book.pdf" "$TMP/px/screen.pdf"
run build -q --press "$TMP/px/book.ini"
[ "$rc" -eq 0 ] && cmp -s "$TMP/px/book.pdf" "$TMP/px/screen.pdf" && head -c 8 "$TMP/px/book-press.pdf" | grep -q '%PDF-1.3' \
	&& ok "--press without -o: book-press.pdf, the book left alone" || fail "--press default" "exit $rc: $(cat "$TMP/err"); $(ls "$TMP/px")"
run build -q --archive --split "$TMP/px/book.ini"
[ "$rc" -eq 2 ] && grep -q -- "--split writes a folder: give it with -o FOLDER" "$TMP/err" \
	&& ok "--split without -o: asks for the folder" || fail "--split default" "exit $rc: $(cat "$TMP/err")"
printf '[book]\ntitle = 样书\npress = press/inside.pdf\npress-cover = press/cover.pdf\n[report 1]\nfile = r.txt\n' >"$TMP/px/book.ini"
run build -q --press "$TMP/px/book.ini"
[ "$rc" -eq 0 ] && [ -s "$TMP/px/press/inside.pdf" ] && ok "--press without -o: the manifest's press =" \
	|| fail "press =" "exit $rc: $(cat "$TMP/err")"
run cover -q --press "$TMP/px/book.ini"
[ "$rc" -eq 0 ] && [ -s "$TMP/px/press/cover.pdf" ] && ok "cover --press without -o: the manifest's press-cover =" \
	|| fail "press-cover =" "exit $rc: $(cat "$TMP/err")"
run build --dump=tree "$TMP/one/report.txt"
rm -f "$TMP/one/report.pdf"
run build --dump=tree "$TMP/one/report.txt"
[ "$rc" -eq 0 ] && [ ! -e "$TMP/one/report.pdf" ] && grep -q '^title' "$TMP/out" && ok "a dump alone writes no PDF" \
	|| fail "dump alone" "exit $rc, pdf: $(ls "$TMP/one")"

# ---- the success line, and -q ----
run build "$S/book.ini" -o "$TMP/book.pdf"
pages=$(pdfinfo "$TMP/book.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
if grep -qE "^wrote $TMP/book.pdf: $pages pages, [0-9.]+ (MB|kB), [0-9]+\.[0-9] s$" "$TMP/err"; then ok "success line: $(tail -n 1 "$TMP/err")"
else fail "success line" "$(tail -n 2 "$TMP/err") (pdfinfo: $pages pages)"; fi
[ "$(tail -n 1 "$TMP/err" | cut -c1-5)" = "wrote" ] && ok "the success line comes last" || fail "success last" "$(tail -n 1 "$TMP/err")"
mkdir -p "$TMP/pr"
run build --proof "$TMP/pr/p" "$S/2022-nanyu-qinghe.txt"
n=$(ls "$TMP/pr" | wc -l)
[ "$rc" -eq 0 ] && [ "$(tail -n 1 "$TMP/err")" = "wrote $TMP/pr/p-1.png ... $TMP/pr/p-$n.png: $n pages, $(tail -n 1 "$TMP/err" | sed 's/.*, //')" ] \
	&& [ ! -e "$S/2022-nanyu-qinghe.pdf" ] && ok "proofs alone: their own success line" || fail "proofs line" "exit $rc: $(tail -n 2 "$TMP/err")"
run build -q "$S/book.ini" -o "$TMP/book.pdf"
[ "$rc" -eq 0 ] && [ ! -s "$TMP/err" ] && ok "-q: nothing on stderr" || fail "-q" "$(cat "$TMP/err")"
! grep -q $'\r' "$TMP/err" && ok "no progress when stderr is not a terminal" || fail "progress" "carriage return in a file"

# ---- notes grouped ----
mkdir -p "$TMP/g"
for i in 1 2 3 4 5 6; do cp "$S/2023-cuifeng-songtao.txt" "$TMP/g/r$i.txt"; done
run build "$TMP"/g/r*.txt -o "$TMP/g.pdf"
n=$(grep -c "note: no title line" "$TMP/err")
if [ "$n" -eq 2 ] && grep -q "note: and 4 more like these, in $TMP/g/r3.txt, $TMP/g/r4.txt, $TMP/g/r5.txt and 1 more files (--verbose prints each)" "$TMP/err"
then ok "six like notes: two and a count"; else fail "grouped notes" "$n notes: $(cat "$TMP/err")"; fi
run build -v "$TMP"/g/r*.txt -o "$TMP/g.pdf"
[ "$(grep -c "note: no title line" "$TMP/err")" -eq 6 ] && ok "--verbose prints each note" || fail "--verbose" "$(cat "$TMP/err")"
run build "$TMP/g/r1.txt" "$TMP/g/r1.txt" -o "$TMP/g.pdf"
grep -q "r1.txt: note: no title line.*(2 times)$" "$TMP/err" && ok "the same note twice: once, counted" \
	|| fail "identical notes" "$(cat "$TMP/err")"

# ---- progress on a terminal (script gives the build one) ----
if command -v script >/dev/null; then
	# (30 reports and a PNG proof of each of their 140 pages: about two
	# seconds, most of it PNG compression, which layout speed-ups leave alone)
	mkdir -p "$TMP/long" "$TMP/proofs"
	for i in $(seq -w 30); do ln -s "$S/2023-qingyuan-wangchuan.txt" "$TMP/long/r$i.txt"; done
	script -qec "$YB build -j 1 $TMP/long --proof $TMP/proofs/p" /dev/null >"$TMP/tty" 2>&1
	secs=$(grep -ao 'wrote .*, \([0-9.]*\) s' "$TMP/tty" | sed 's/.*, \([0-9.]*\) s/\1/')
	if grep -aqE '(reading the reports|loading the fonts|laying out: [0-9]+ of 30 reports|writing the proofs)'$'\033''\[K' "$TMP/tty" \
		&& tr '\r' '\n' <"$TMP/tty" | grep -aq '^wrote'; then ok "progress on a terminal, cleared before the success line ($secs s)"
	elif awk -v s="${secs:-0}" 'BEGIN {exit !(s < 1.2)}'; then skip "progress" "the build took only $secs s"
	else fail "progress" "none in $secs s: $(tr '\r' '\n' <"$TMP/tty" | tail -n 3)"; fi
else skip "progress" "no script(1) to give the build a terminal"; fi

# ---- stats: number, unit, approx, issuer, year ----
run stats --csv "$S/book.ini"
head -n 1 "$TMP/out" | grep -q '^indicator,group,file,issuer,year,value,number,unit,approx,line,status,sentence$' \
	&& ok "stats csv header" || fail "csv header" "$(head -n 1 "$TMP/out")"
python3 - "$TMP/out" <<'PY' && ok "stats csv: numbers, units, issuer and year" || fail "stats csv" "see above"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
assert rows, "no rows"
for r in rows:
    assert r["issuer"] and r["year"].isdigit(), r
    assert r["value"].endswith(r["unit"]), r
    n = float(r["number"])
    digits = "".join(c for c in r["value"] if c.isdigit() or c == ".")
    if "万" not in r["value"] and digits:
        assert n == float(digits), (n, r["value"])
sums = {}
for r in rows:
    sums[r["unit"]] = sums.get(r["unit"], 0) + float(r["number"])
assert sums.get("人次", 0) > 0, sums
PY
run stats --json "$S/book.ini"
python3 - "$TMP/out" <<'PY' && ok "stats json: number, issuer, year" || fail "stats json" "see above"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
cells = [c for i in doc for c in i["cells"]]
assert all(c["issuer"] and c["year"] for c in cells)
hits = [h for c in cells for h in c["hits"]]
assert hits and all(isinstance(h["number"], (int, float)) for h in hits), hits[:3]
PY
printf '行政复议\n全年办理法律援助案件约1,280件，挽回损失400余万元，接待咨询千余次。\n' >"$TMP/nums.txt"
printf '[法律援助案件]\ngroup = g\nwords = 法律援助案件\nunits = 件\n[挽回损失]\ngroup = g\nwords = 挽回损失\nunits = 元\n[咨询]\ngroup = g\nwords = 咨询\nunits = 次\n' >"$TMP/ind.ini"
run stats --csv --indicators "$TMP/ind.ini" "$TMP/nums.txt"
got=$(python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")): print(r["value"], r["number"], r["unit"], r["approx"], end=" / ")' "$TMP/out")
[ "$got" = '约1,280件 1280 件 1 / 400余万元 4000000 元 1 / 千余次 1000 次 1 / ' ] \
	&& ok "stats numbers: 约1,280件 400余万元 千余次" || fail "stats numbers" "$got"

# ---- the man page ----
MAN=$(dirname "$YB")/yearbook.1
if [ ! -s "$MAN" ]; then
	skip "man page" "$MAN not built (make $MAN)"
elif ! command -v man >/dev/null; then
	skip "man page" "man-db is not installed (.ci/install-deps test)"
else
	warn=$(MANWIDTH=80 man --warnings -l "$MAN" 2>&1 >"$TMP/man.txt")
	[ -z "$warn" ] && [ -s "$TMP/man.txt" ] && ok "man --warnings: no warnings" || fail "man --warnings" "$warn"
	missing=
	for cmd in build check batch fonts stats help version; do
		grep -q "^   yearbook $cmd" "$TMP/man.txt" || missing="$missing $cmd"
	done
	for cmd in build check batch fonts stats; do
		for o in $("$YB" __complete 2 yearbook "$cmd" --); do
			grep -q -- "$o" "$TMP/man.txt" || missing="$missing $cmd$o"
		done
	done
	keys=$(perl -0ne 'while (/_keys\[\] = \{(.*?)\}/sg) { print "$1\n" }' "$TOP/src/manifest.c" \
		| grep -o '"[a-z-]*"' | tr -d '"' | sort -u)
	for k in $keys; do
		grep -qE "^       (.*, )?$k(,| |\$)" "$TMP/man.txt" || missing="$missing key:$k"
	done
	for s in 0 1 2 3 "128\\+N"; do grep -qE "^       $s( |\$)" "$TMP/man.txt" || missing="$missing exit:$s"; done
	for e in YEARBOOK_DATADIR SOURCE_DATE_EPOCH; do grep -q "$e" "$TMP/man.txt" || missing="$missing $e"; done
	[ -z "$missing" ] && ok "the man page covers every command, option, manifest key ($(echo $keys | wc -w)) and exit status" \
		|| fail "man page coverage" "missing:$missing (document it in docs/yearbook.1.in)"
	# the style of one's own that STYLES shows, as printed
	sed -n '/^ *\[style\]$/,/^ *size = /p' "$TMP/man.txt" | sed 's/^ *//' >"$TMP/mine.ini"
	run build -q --style "$TMP/mine.ini" "$S/2022-nanyu-qinghe.txt" -o "$TMP/mine.pdf"
	[ "$rc" -eq 0 ] && grep -q '^inherit = yearbook$' "$TMP/mine.ini" && [ -s "$TMP/mine.pdf" ] \
		&& ok "the man page's own style example builds" || fail "man style example" "exit $rc: $(cat "$TMP/err" "$TMP/mine.ini")"
fi

# ---- completion in bash (and zsh's script parses) ----
BIN_DIR=$TMP/bin
mkdir -p "$BIN_DIR"
ln -sf "$YB" "$BIN_DIR/yearbook"
complete_in() { # complete_in FOLDER WORDS...: what bash offers for the last word
	(cd "$1" && shift && PATH=$BIN_DIR:$PATH bash -c '
		source "$0"
		COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_yearbook; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' "$TOP/completion/yearbook.bash" "$@")
}
check_completion() { # NAME WANT FOLDER WORDS...
	local name=$1 want=$2 dir=$3; shift 3
	local got; got=$(complete_in "$dir" "$@")
	[ "$got" = "$want" ] && ok "bash completes $name" || fail "completion $name" "got '$got', want '$want'"
}
mkdir -p "$TMP/c/sub"
touch "$TMP/c/a.txt" "$TMP/c/b.ini" "$TMP/c/c.pdf" "$TMP/c/d.png"
check_completion "commands" "batch build check cover fonts help stats version " "$TMP/c" yearbook ""
check_completion "a command's start" "build " "$TMP/c" yearbook bu
check_completion "help's commands" "batch build check cover fonts stats " "$TMP/c" yearbook help ""
check_completion "options" "--strict --style " "$TMP/c" yearbook build --st
check_completion "stats options" "--csv " "$TMP/c" yearbook stats --c
styles=$(cd "$TOP/styles" && ls *.ini | sed 's/\.ini$//' | sort | tr '\n' ' ')
check_completion "style names and .ini files" "$(echo $styles b.ini sub | tr ' ' '\n' | sort | tr '\n' ' ')" "$TMP/c" yearbook build --style ""
check_completion "--style=g" "gb9704 " "$TMP/c" yearbook build --style = g
check_completion "--dump=" "layout tree " "$TMP/c" yearbook build --dump =
check_completion "-o: .pdf files" "c.pdf sub " "$TMP/c" yearbook build -o ""
check_completion "--proof-sheet: .png files" "d.png sub " "$TMP/c" yearbook build --proof-sheet ""
check_completion "reports and manifests" "a.txt b.ini sub " "$TMP/c" yearbook build ""
check_completion "fonts: reports" "a.txt sub " "$TMP/c" yearbook fonts ""
check_completion "batch --out: folders only" "sub " "$TMP/c" yearbook batch --out ""
if command -v zsh >/dev/null; then
	zsh -n "$TOP/completion/yearbook.zsh" && ok "zsh completion parses" || fail "zsh completion" "zsh -n failed"
	# an interactive zsh on a pseudo-terminal: "--style g" and TAB
	mkdir -p "$TMP/zfp" && cp "$TOP/completion/yearbook.zsh" "$TMP/zfp/_yearbook"
	cat >"$TMP/z.zsh" <<ZSH
zmodload zsh/zpty
zpty z 'PATH=$BIN_DIR:\$PATH TERM=dumb zsh -f -i'
zpty -w z 'PS1="> "; fpath=($TMP/zfp \$fpath); autoload -Uz compinit; compinit -u -d $TMP/zcd; cd $TMP/c'
sleep 1
zpty -w -n z \$'yearbook build --style g\t'
# poll (a sanitizer build or a busy machine completes slowly): up to 25 s
out=""
for i in {1..125}; do
	while zpty -r -t z chunk; do out+=\$chunk; done
	[[ \$out == *9704* ]] && break
	sleep 0.2
done
zpty -w -n z \$'\\C-u'
zpty -w z 'exit'
print -r -- "\$out"
zpty -d z
ZSH
	timeout 45 zsh -f "$TMP/z.zsh" 2>&1 | tr -d '\000-\037' >"$TMP/z.out"
	grep -aq -- '--style gb9704' "$TMP/z.out" && ok "zsh completes --style g to gb9704" \
		|| fail "zsh completion" "$(tail -c 300 "$TMP/z.out")"
else skip "zsh completion" "zsh is not installed (.ci/install-deps test)"; fi

finish
