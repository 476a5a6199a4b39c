# Big books stay readable: the contents' depth (toc-depth in the manifest,
# `levels` in the style's [contents]; auto by default: reports and level-1
# headings, or reports only when that would take more than a tenth of the
# book), with every level kept in the outline.  The manifests name the
# samples by absolute path: --allow-outside.
. "$(dirname "$0")/lib.sh"
# A report of twelve short level-1 sections, each with a level-2 one: its
# contents at level 1 take about as much room as its body.
{
	echo "清河县水利局2024年法治政府建设年度报告"
	for i in 一 二 三 四 五 六 七 八 九 十 十一 十二; do
		echo "${i}、第${i}部分工作情况"
		echo "（一）具体举措"
		echo "本部分依法推进相关工作，落实法治政府建设各项要求，完成年度目标。"
	done
} >"$TMP/many-heads.txt"
manifest() { # manifest FILE DEPTH REPORTS...: a book of REPORTS with toc-depth DEPTH ("" for none)
	local f=$1 depth=$2 i=0; shift 2
	{
		printf '[book]\ntitle = 目录深度测试\n'
		[ -n "$depth" ] && printf 'toc-depth = %s\n' "$depth"
		for r in "$@"; do i=$((i + 1)); printf '[report %s]\nfile = %s\n' "$i" "$r"; done
	} >"$f"
}
contents() { # contents PDF: the text of the contents pages (from 目录 to the first table)
	pdftotext -layout "$1" - | tr -d ' \f' | awk '/^目录$/{on=1} on && /^汇编报告一览表$/{exit} on'
}
outline() { qpdf --json=2 --json-key=outlines "$1" | python3 -c '
import json, sys
count = lambda items: sum(1 + count(i["kids"]) for i in items)
print(count(json.load(sys.stdin)["outlines"]))'; }

small=("$SAMPLES/2023-qingyuan-wangchuan.txt" "$SAMPLES/2022-nanyu-qinghe.txt")
for d in "" 0 1 2; do
	manifest "$TMP/d$d.ini" "$d" "${small[@]}"
	"$YB" build -q --allow-outside "$TMP/d$d.ini" -o "$TMP/d$d.pdf" || fail "toc-depth '$d' builds" "exit $?"
done
l1='一、2023年推进法治政府建设的主要举措和成效'
contents "$TMP/d.pdf" | grep -q "^$l1\.*1$" && ! contents "$TMP/d.pdf" | grep -q '^（一）' \
	&& ok "auto, a small book: reports and level-1 headings in the contents" || fail "auto small" "$(contents "$TMP/d.pdf" | head -n 12)"
contents "$TMP/d2.pdf" | grep -q '^（一）' && ok "toc-depth = 2: level-2 headings too" || fail "toc-depth 2" "$(contents "$TMP/d2.pdf" | head)"
cmp -s "$TMP/d.pdf" "$TMP/d1.pdf" && ok "toc-depth = 1 is auto's choice for a small book" || fail "toc-depth 1" "differs from auto"
! contents "$TMP/d0.pdf" | grep -q "^$l1" && contents "$TMP/d0.pdf" | grep -q '^清源市望川区司法局2023年法治政府建设年度报告\.*1$' \
	&& ok "toc-depth = 0: reports only" || fail "toc-depth 0" "$(contents "$TMP/d0.pdf" | head)"
n0=$(outline "$TMP/d0.pdf"); n2=$(outline "$TMP/d2.pdf")
[ -n "$n0" ] && [ "$n0" = "$n2" ] && [ "$n0" -gt 20 ] && ok "the outline keeps every level whatever the contents' depth ($n0 bookmarks)" \
	|| fail "outline depth" "$n0 vs $n2 bookmarks"

# a book of 12 such reports: level 1 would take more than a tenth of it
big=(); for i in $(seq 12); do big+=("$TMP/many-heads.txt"); done
manifest "$TMP/big.ini" "" "${big[@]}"
manifest "$TMP/big1.ini" 1 "${big[@]}"
"$YB" build -q --allow-outside "$TMP/big.ini" -o "$TMP/big.pdf" && "$YB" build -q --allow-outside "$TMP/big1.ini" -o "$TMP/big1.pdf"
pages=$(pdfinfo "$TMP/big.pdf" | awk '/^Pages:/{print $2}')
toc1=$(pdftotext -layout "$TMP/big1.pdf" - | awk '/目录/{on=1} on && /\f/{n++} /汇编报告一览表$/ && on && n>0{print n; exit}')
! contents "$TMP/big.pdf" | grep -q '第一部分工作情况' && [ "$(contents "$TMP/big.pdf" | grep -c '^清河县水利局')" -eq 12 ] \
	&& ok "auto, a book whose level-1 contents would be long: reports only ($pages pages)" || fail "auto big" "$(contents "$TMP/big.pdf" | head)"
contents "$TMP/big1.pdf" | grep -q '^十二、第十二部分工作情况\.*[0-9]*$' && ok "toc-depth = 1 overrides auto" || fail "toc-depth 1 big" "no level-1 entry"
[ "$(outline "$TMP/big.pdf")" -eq $((2 + 12 * 25)) ] && ok "the big book's outline has all 2 + 12 x 25 bookmarks" \
	|| fail "big outline" "$(outline "$TMP/big.pdf")"

# the style's [contents] levels, and a bad toc-depth
printf '[style]\ninherit = yearbook\n[contents]\nlevels = 0\n' >"$TMP/flat.ini"
manifest "$TMP/st.ini" "" "${small[@]}"; printf 'style = %s\n' "$TMP/flat.ini" >>"$TMP/st.ini"
sed -i "s|^title = .*|&\nstyle = $TMP/flat.ini|; \$d" "$TMP/st.ini"
"$YB" build -q --allow-outside "$TMP/st.ini" -o "$TMP/st.pdf" && ! contents "$TMP/st.pdf" | grep -q "^$l1" \
	&& ok "a style's [contents] levels = 0: reports only" || fail "style levels" "$(contents "$TMP/st.pdf" | head -n 5)"
manifest "$TMP/bad.ini" 3 "${small[@]}"
"$YB" build --allow-outside "$TMP/bad.ini" -o "$TMP/bad.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "bad.ini:3: error: \[book\] toc-depth: '3' is not a contents depth; use auto, 0" "$TMP/err" \
	&& ok "toc-depth = 3 is refused with its line and the values allowed" || fail "bad toc-depth" "rc $rc: $(cat "$TMP/err")"
# Key figures: reports across the page while they fit; past that, one table
# per indicator group, a row per report, a column per indicator, every value
# and every report's name linked to the right page.
if have_shared; then src=("$CORPUS"/*.txt); else src=("$SAMPLES"/2*.txt); fi
"$YB" build -q "${small[@]}" -o "$TMP/few.pdf"
pdftotext -layout "$TMP/few.pdf" - | tr -d ' ' >"$TMP/few.txt"
grep -q '^类别指标' "$TMP/few.txt" && ! grep -q '主要数据一览表（' "$TMP/few.txt" \
	&& ok "key figures, two reports: one table, a column per report" || fail "key figures across" "$(grep -m2 '主要数据一览表' "$TMP/few.txt")"
many=(); for i in $(seq 12); do cp "${src[$((i % ${#src[@]}))]}" "$TMP/r$(printf %02d "$i").txt"; many+=("$TMP/r$(printf %02d "$i").txt"); done
"$YB" build -q "${many[@]}" -o "$TMP/many.pdf"
"$YB" stats --csv "${many[@]}" >"$TMP/many.csv" 2>/dev/null
pdftotext -layout "$TMP/many.pdf" - | tr -d ' ' >"$TMP/many.txt"
groups=$(python3 -c 'import csv,sys; print(len({r["group"] for r in csv.DictReader(open(sys.argv[1])) if r["status"]=="ok"}))' "$TMP/many.csv")
captions=$(grep -c '主要数据一览表（[^0-9）]*）$' "$TMP/many.txt")
[ "$captions" -eq "$groups" ] && [ "$groups" -gt 3 ] && ! grep -q '^主要数据一览表（1/' "$TMP/many.txt" && grep -q '^序号报告' "$TMP/many.txt" \
	&& ok "key figures, 12 reports: one table per indicator group ($groups), a row per report, never parts across reports" \
	|| fail "key figures by group" "$captions captions for $groups groups: $(grep -m3 '主要数据一览表' "$TMP/many.txt" | tr '\n' ' ')"
# a group of many indicators keeps its report names six characters a line or
# more (its headers wrap instead): the first piece of every name in a row
short=$(python3 - "$TMP/many.pdf" "$TMP/many.csv" <<'PY'
import csv, re, subprocess, sys
t = subprocess.run(["pdftotext", "-layout", sys.argv[1], "-"], capture_output=True, text=True).stdout
t = "\n".join(l.replace(" ", "") for l in t.split("\n"))
issuers = {r["issuer"] for r in csv.DictReader(open(sys.argv[2])) if len(r["issuer"]) >= 6}
rows = re.findall(r"^\d+([\u4e00-\u9fff]{2,})", t[t.find("\n主要数据一览表（"):], re.M)
names = [r for r in rows if any(i.startswith(r[:2]) for i in issuers)]
print(len(names), " ".join(sorted({r for r in names if len(r) < 6})))
PY
)
[ "${short%% *}" -gt 10 ] && [ "${short#* }" = "" ] && ok "key figures by group: every report name six characters a line or more (${short%% *} rows)" \
	|| fail "key figure names" "rows, and names cut short: $short"
out=$(python3 "$(dirname "$0")/figure_links.py" "$TMP/many.pdf" "$TMP/many.csv") \
	&& ok "key figures by group: $out; each lands on the page that shows it" || fail "key figure links" "$(head -n 4 <<<"$out" | tr '\n' ' ')"
contents "$TMP/many.pdf" >/dev/null
python3 - "$TMP/many.pdf" <<'PY' && ok "the contents entry 主要数据一览表 opens the first group's table" || fail "contents link to the figures" "wrong page"
import re, subprocess, sys
pdf = sys.argv[1]
txt = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout.split("\f")
toc = next(t for t in txt if "目录" in t)
label = re.search(r"主要数据一览表[ .]*([ivxlcdm]+)\s*$", toc, re.M).group(1)
first = next(i for i, t in enumerate(txt) if re.search(r"^\s*主要数据一览表（", t, re.M))
roman = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
n = 0
for a, b in zip(label, label[1:] + " "):
    n += -roman[a] if roman.get(b, 0) > roman[a] else roman[a]
sys.exit(0 if n == first + 1 else 1)
PY
finish
