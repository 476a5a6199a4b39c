# Tables (issue 5): a report's TAB table set as a three-line table over three
# pages with 续表 and its header repeated, nothing lost (roundtrip in layout
# mode, and the layout dump holds every row in order), a very long cell
# wrapped, ragged rows kept; the book's overview and key figures tables with
# their numbers checked against the reports and their links.
. "$(dirname "$0")/lib.sh"
LONG=$SAMPLES/long-table.txt

"$YB" build -q "$LONG" -o "$TMP/lt.pdf" --dump=layout >"$TMP/lt.dump" 2>"$TMP/err" \
	|| fail "long table: builds" "$(head -c 300 "$TMP/err")"
pdftotext -layout "$TMP/lt.pdf" "$TMP/lt.txt"
# body pages (numbered 1, 2, ...) that hold table lines
pages=$(awk '/^page /{body = ($3 ~ /^label=[0-9]+$/)} body && /^line p[0-9]* table/{print $2}' "$TMP/lt.dump" | sort -u | wc -l)
[ "$pages" -ge 3 ] && ok "the 120-row table spans $pages pages" || fail "long table pages" "$pages pages"
cont=$(pdftotext -layout -f "$(($(pdfinfo "$TMP/lt.pdf" | awk '/^Pages:/{print $2}') - pages + 1))" "$TMP/lt.pdf" - | grep -c '续表')
[ "$cont" -eq $((pages - 1)) ] && ok "each continuation page opens with 续表 ($cont)" \
	|| fail "续表" "$cont times for $pages pages"
heads=$(grep -c '序号 *街道 *受理案件' "$TMP/lt.txt")
[ "$heads" -eq "$pages" ] && ok "the header row is repeated on every page of the table" \
	|| fail "header repeated" "$heads headers on $pages pages"
python3 - "$TMP/lt.dump" "$LONG" <<'PY' && ok "the layout dump holds every row's number, in order" || fail "rows in order" "a row is missing or out of order"
import re, sys
first = []
for l in open(sys.argv[1], encoding="utf-8"):
    if l.startswith("  [") :
        cells = re.findall(r" (\S+?):-?\d+\.\d+", l)
        t = "".join(cells)
        if t.isdigit():
            first.append(int(t))
rows = [l.split("\t")[0] for l in open(sys.argv[2], encoding="utf-8") if "\t" in l][1:]
want = [int(r) for r in rows if r.isdigit()]
# every row number appears, in order (other numeric cells may appear between)
it = iter(first)
sys.exit(0 if all(any(x == w for x in it) for w in want) else 1)
PY
if [ -x "$TOOLS/roundtrip" ]; then
	out=$("$TOOLS/roundtrip" --pdftotext-args "-layout" "$TMP/lt.pdf" "$LONG")
	[ $? -eq 0 ] && ok "roundtrip (layout mode) finds every character of the table report" \
		|| fail "table roundtrip" "$(grep LOST <<<"$out")"
else
	skip "table roundtrip" "../shared/tools is missing"
fi
# the very long cell (row 37) wraps inside its column: its text comes back
# whole from consecutive table lines that all start at the column's x
note=$(awk -F'\t' '$1 == "37" {print $6}' "$LONG")
python3 - "$TMP/lt.dump" "$note" <<'PY' && ok "a very long cell wraps within its column" || fail "long cell" "not wrapped in one column"
import re, sys
dump, note = sys.argv[1], sys.argv[2]
rows, cur = [], None
for l in open(dump, encoding="utf-8"):
    m = re.match(r"line p\d+ table x=([\d.]+)", l)
    if m:
        cur = float(m.group(1))
    elif cur is not None and l.startswith("  ["):
        rows.append((cur, "".join(re.findall(r" (\S+?):-?\d+\.\d+", l))))
        cur = None
for i, (x, t) in enumerate(rows):
    if note.startswith(t) and len(t) < len(note):
        got, n = t, 1
        for x2, t2 in rows[i + 1:]:
            if abs(x2 - x) < 0.01:
                got += t2
                n += 1
            if got == note:
                sys.exit(0 if n >= 2 else 1)
sys.exit(1)
PY
# a ragged row (row 100 has fewer cells): its text is there
ragged=$(awk -F'\t' '$1 == "100" {print $2}' "$LONG")
grep -q "$ragged" "$TMP/lt.txt" && ok "a ragged row keeps its cells" || fail "ragged row" "'$ragged' missing"

# A table too wide for the page even at its least widths is set in parts,
# each repeating the first column: every header is there and no cells overprint.
python3 - "$TMP/wide.txt" <<'PY'
import sys
rows = ["\t".join(f"列{c}" for c in range(60))] + ["\t".join(str(r * c) for c in range(60)) for r in range(1, 4)]
open(sys.argv[1], "w", encoding="utf-8").write("宽表测试\n" + "\n".join(rows) + "\n")
PY
"$YB" build -q "$TMP/wide.txt" -o "$TMP/wide.pdf" --dump=layout >"$TMP/wide.dump" 2>"$TMP/err" || fail "wide table: builds" "$(cat "$TMP/err")"
parts=$(pdftotext "$TMP/wide.pdf" - | grep -c '^（[0-9]*/[0-9]*）$')
missing=$(for c in $(seq 0 59); do pdftotext "$TMP/wide.pdf" - | tr -d ' \n' | grep -q "列$c" || echo $c; done | wc -l)
python3 - "$TMP/wide.dump" <<'PY' && overlap=0 || overlap=1
import re, sys
cur, spans = None, {}
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p(\d+) table x=([\d.]+) y=([\d.]+) w=([\d.]+)", l)
    if m:
        spans.setdefault((m.group(1), m.group(3)), []).append((float(m.group(2)), float(m.group(2)) + float(m.group(4))))
bad = 0
for key, s in spans.items():
    s.sort()
    bad += sum(1 for a, b in zip(s, s[1:]) if b[0] < a[1] - 0.01)
sys.exit(1 if bad else 0)
PY
[ "$parts" -ge 2 ] && [ "$missing" -eq 0 ] && [ "$overlap" -eq 0 ] \
	&& ok "a 60-column table is set in $parts parts, every column there, no cell overprinting another" \
	|| fail "wide table" "$parts parts, $missing headers missing, overlap=$overlap"

# The book's tables.
if have_shared; then inputs=$(corpus_files); else inputs=$(ls "$SAMPLES"/2*.txt); fi
"$YB" build $inputs -o "$TMP/book.pdf" 2>"$TMP/err" || fail "book: builds" "$(head -c 300 "$TMP/err")"
if have_shared; then
	grep -q "2020-tianjin-hedong.txt:42: note: '司法确认' has 2 values, '60件' (line 42), '42件' (line 42)" "$TMP/err" \
		&& ok "an ambiguous key figure is reported with file and line, and left empty" \
		|| fail "ambiguity note" "$(grep -m2 'values' "$TMP/err")"
fi
front=$(pdfinfo "$TMP/book.pdf" | awk '/^Pages:/{print $2}')
pdftotext -layout "$TMP/book.pdf" - | tr -d ' ' >"$TMP/book.txt"
grep -q '汇编报告一览表' "$TMP/book.txt" && ok "the book has a report overview" || fail "overview" "missing"
"$YB" build --dump=tree $inputs 2>/dev/null | awk '/^chars: /{print $2}' >"$TMP/chars"
missing=0
while read -r n; do grep -q "$n" "$TMP/book.txt" || missing=$((missing + 1)); done <"$TMP/chars"
[ "$missing" -eq 0 ] && ok "the overview gives each report's character count" || fail "overview counts" "$missing counts missing"
grep -q '主要数据一览表' "$TMP/book.txt" && ok "the book has a key figures table" || fail "key figures" "missing"
if have_shared; then
	n=0
	for v in 1874件 6435人次 296100元 2703份; do
		sed -n '/主要数据一览表/,$p' "$TMP/book.txt" | grep -q "$v" && n=$((n + 1))
	done
	[ "$n" -eq 4 ] && ok "key figures from the reports stand in the table (1874件, 6435人次, 296100元, 2703份)" \
		|| fail "key figures" "$n of 4 found after the table's title"
fi
# the contents list the book's tables with the roman numbers of the pages they start on
python3 - "$TMP/book.pdf" <<'PY' && ok "the contents give the tables' pages (roman, as the pages are labelled)" || fail "tables in the contents" "numbers do not match"
import re, subprocess, sys
pdf = sys.argv[1]
def page(i):
    return subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", pdf, "-"],
                          capture_output=True).stdout.decode()
def roman(n):
    out = ""
    for v, r in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + r, n - v
    return out
texts = [page(i) for i in range(1, 16)]
toc = next(i for i, t in enumerate(texts) if "目录" in t)
ok = 0
for title in ("汇编报告一览表", "主要数据一览表"):
    m = re.search(title + r"[ .]*([ivxlcdm]+)\s*$", texts[toc], re.M)
    start = next(i for i, t in enumerate(texts) if i > toc and title in t and "目录" not in t)
    ok += bool(m) and m.group(1) == roman(start + 1)
sys.exit(0 if ok == 2 else 1)
PY
# links: every contents entry, every report's first page in the overview, every key figure
# (the contents list the outline's top two levels: the tables, the reports, their level-1 headings)
entries=$([ -x "$TOOLS/pdf-audit" ] && qpdf --json=2 --json-key=outlines "$TMP/book.pdf" | python3 -c '
import json, sys
count = lambda items, d: sum(1 + (count(i["kids"], d + 1) if d < 1 else 0) for i in items)
print(count(json.load(sys.stdin)["outlines"], 0))')
nrep=$(echo $inputs | wc -w)
figures=$("$YB" stats --csv $inputs 2>/dev/null | grep -c ',ok,')
links=$(python3 - "$TMP/book.pdf" <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True).stdout)
print(sum(1 for o in j["qpdf"][1].values() if isinstance(o.get("value"), dict) and o["value"].get("/Subtype") == "/Link"))
PY
)
if [ -z "$entries" ]; then
	skip "table links" "../shared/tools is missing"
elif [ "$links" -eq $((entries + nrep + figures)) ]; then
	ok "links: $entries contents entries (the tables' included) + $nrep first pages + $figures key figures"
else
	fail "table links" "$links links, want $entries + $nrep + $figures"
fi
# Split tables, part labels, page feet and groups (table_rules.py): every
# part of a split table repeats its stub columns (类别 and 指标, 序号 and
# 报告名称), no label is doubled, no page ends with a table's head or with a
# head and one row, and in the book's own tables a group label (类别) is
# printed once per group (a report's table keeps its text).
RULES=$TOP/tests/e2e/table_rules.py
LS=$SAMPLES/2024-lanshan-tables.txt
"$YB" build -q "$LS" -o "$TMP/ls.pdf" --dump=layout >"$TMP/ls.dump"
out=$(python3 "$RULES" "$TMP/ls.dump" --stub 类别,指标) && ok "sample tables: split with 类别 and 指标 in every part" \
	|| fail "sample table rules" "$(head -n 3 <<<"$out" | tr '\n' ' ')"
parts=$(pdftotext "$TMP/ls.pdf" - | grep -c '主要数据（[12]/2）')
[ "$parts" -eq 2 ] && ok "the 14-column sample table is set in two labelled parts" \
	|| fail "sample table parts" "$parts labelled parts"
# numbers line up on their last digit: a column's numbers end at one x, their units in a slot after
python3 - "$TMP/ls.dump" "$LS" <<'PY' && ok "numbers with different units line up on their last digit" || fail "number alignment" "right edges differ"
import re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8") if l.count("\t") > 10][1:]
want = {re.match(r"[\d.]+", r[2]).group(0) for r in rows}
edges = []
cur = None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p(\d+) table x=([\d.]+) y=[\d.]+ w=([\d.]+)", l)
    if m:
        cur = m
    elif cur and l.startswith("  ["):
        t = "".join(re.findall(r" (\S+?):-?[\d.]+", l))
        if t in want and float(cur.group(2)) < 150:
            edges.append(round(float(cur.group(2)) + float(cur.group(3)), 1))
        cur = None
sys.exit(0 if len(edges) >= len(rows) and len(set(edges)) == 1 else 1)
PY
# Merged cells flattened to text: a row missing its leading cell continues
# the group above (its cells fill from the right); a shorter first header
# row spans the second (2023年 over 服务人次 and 办结率, with the numbers under it).
python3 - "$TMP/ls.dump" <<'PY' && ok "merged cells: rows fill from the right, a short first header row spans the second" || fail "merged cells" "misplaced cells"
import re, sys
cells = {}
cur = None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p\d+ table x=([\d.]+) y=[\d.]+ w=([\d.]+) measure=([\d.]+)", l)
    if m:
        cur = m
    elif cur and l.startswith("  ["):
        t = "".join(re.findall(r" (\S+?):-?[\d.]+", l))
        cells.setdefault(t, []).append((float(cur.group(1)), float(cur.group(2)), float(cur.group(3))))
        cur = None
x = lambda t: cells[t][0][0]
ok = abs(x("市场监管") - x("治安管理")) < 0.5 and x("行政复议") < x("治安管理") and len(cells["行政复议"]) == 1
ok = ok and abs(x("二审案件") - x("一审案件")) < 0.5
ok = ok and cells["2023年"][0][2] > 1.5 * cells["服务人次"][0][2] and x("12860") > x("平台层级") + cells["平台层级"][0][1]
sys.exit(0 if ok else 1)
PY
if have_shared; then
	for style in yearbook gb9704 screen; do
		"$YB" build -q --style $style $(corpus_files) -o "$TMP/cs.pdf" --dump=layout >"$TMP/cs.dump"
		out=$(python3 "$RULES" "$TMP/cs.dump" --stub 类别,指标 --stub '序号,报告名称|报告' --one-label) \
			&& ok "corpus summary tables, $style: stub columns in every part, labels, page feet, groups" \
			|| fail "corpus table rules, $style" "$(head -n 3 <<<"$out" | tr '\n' ' ')"
		pdftotext "$TMP/cs.pdf" - | grep -q 'yearbook stats' && fail "the book's note, $style" "it names a command" \
			|| ok "the figures' note addresses a reader, $style"
	done
	# the overview judges its columns whole: a title that starts with digits is set flush left like the others
	python3 - "$TMP/cs.dump" <<'PY' && ok "a title starting with digits is text (flush left)" || fail "title alignment" "2023年度报告 not at its column's left"
import re, sys
xs = {}
cur = None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p\d+ table x=([\d.]+)", l)
    if m:
        cur = float(m.group(1))
    elif cur is not None and l.startswith("  ["):
        t = "".join(re.findall(r" (\S+?):-?[\d.]+", l))
        if t.startswith("2023年度报告") or t.startswith("天津市河东区司") or t.startswith("深圳市坪山区司"):
            xs.setdefault(t[:4], set()).add(round(cur, 1))
        cur = None
firsts = [min(v) for v in xs.values()]
sys.exit(0 if len(firsts) == 3 and len(set(firsts)) == 1 else 1)
PY
fi
# A table split across pages whose group label (类别) stands once, over its
# group's first row (a merged cell flattened: later rows have fewer cells):
# each part that continues a group under 续表 prints the label again.
python3 - >"$TMP/grouped.txt" <<'PY'
print("临江市沧澜区2023年分类统计报告\n2023年，全区各类案件统计如下。\n表1 2023年各类案件统计\n类别\t指标\t数量")
for g in ["人民调解", "法律援助", "行政复议", "普法宣传"]:
    print(f"{g}\t第1项指标\t100件")
    for i in range(2, 31):
        print(f"第{i}项指标\t{99 + i}件")
print("以上为全年统计情况。")
PY
for style in screen yearbook; do
	"$YB" build -q --style "$style" "$TMP/grouped.txt" -o "$TMP/grouped.pdf" --dump=layout >"$TMP/grouped.dump" 2>"$TMP/err" \
		|| { fail "$style: grouped table builds" "$(head -c 300 "$TMP/err")"; continue; }
	out=$(python3 - "$TMP/grouped.dump" <<'PY'
import re, sys
pages, cur = {}, None
for raw in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^page (\d+)", raw)
    if m:
        cur = pages.setdefault(int(m.group(1)), [])
        continue
    m = re.match(r"^line p\d+ table x=([\d.-]+) y=([\d.-]+)", raw)
    if m:
        cur.append([float(m.group(2)), float(m.group(1)), ""])
    elif raw.startswith("  [") and cur:
        cur[-1][2] += "".join(re.findall(r" (\S+?):-?[\d.]+", raw))
parts = 0
for p, cells in sorted(pages.items()):
    ys = sorted({round(c[0], 1) for c in cells})
    if len(ys) < 3 or not any(c[2] == "续表" for c in cells if round(c[0], 1) == ys[0]):
        continue
    parts += 1
    row = sorted((c for c in cells if round(c[0], 1) == ys[2]), key=lambda c: c[1])
    if row[0][2] not in ("人民调解", "法律援助", "行政复议", "普法宣传"):
        print(f"p{p} continues without its group label: {row[0][2]}")
print(f"{parts} parts")
PY
)
	if grep -q "continues without" <<<"$out" || grep -q "^0 parts" <<<"$out"; then
		fail "$style: continued groups" "$(tr '\n' ' ' <<<"$out")"
	else
		ok "$style: every part under 续表 repeats its group's label ($(tail -1 <<<"$out"))"
	fi
done
finish
