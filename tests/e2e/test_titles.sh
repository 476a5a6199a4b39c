# Titles and contents (issue 12): long titles break at phrase boundaries
# into even lines with no runt, on the cover, the opening page and in the
# contents; wrapped contents entries hang under their text past their
# number; every entry has at least three leader dots; no entry or bookmark
# keeps the 。 of a run-in heading.  Input: tests/typography/titles.txt.
. "$(dirname "$0")/lib.sh"
TITLES=$TOP/tests/typography/titles.txt
cp "$TITLES" "$TMP/titles.txt"
printf '[book]\ntitle = 松林县人民政府办公室关于2024年度全面推进法治政府建设工作情况和2025年工作安排的报告汇编\ntoc-depth = 2\n[report 1]\nfile = titles.txt\n' >"$TMP/book.ini"
"$YB" build -q "$TMP/book.ini" -o "$TMP/t.pdf" --dump=layout >"$TMP/t.dump" 2>"$TMP/err" \
	|| fail "titles: builds" "$(head -c 300 "$TMP/err")"
python3 - "$TMP/t.dump" <<'PY' && ok "titles break at phrase boundaries with no runt (cover, opening page, contents)" || fail "title breaks" "see above"
import re, sys
# words of the test titles that a break must not split
words = ["法治", "推进", "办公", "学习", "实施", "建设", "报告", "情况", "工作", "政府", "安排", "成效", "责任"]
blocks, cur, role = [], None, None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p\d+ (\w+?)\d* x=\S+ y=\S+ w=\S+ measure=\S+( last)?", l)
    if m:
        role, last = m.group(1), bool(m.group(2))
    elif l.startswith("  [") and role in ("cover", "title", "toc"):
        text = re.sub(r"\.{3,}\w*$", "", "".join(re.findall(r" (\S+?):-?[\d.]+", l)))
        text = re.sub(r"\d+$", "", text) if role == "toc" else text
        if cur is None:
            cur = []
            blocks.append((role, cur))
        cur.append(text)
        if last:
            cur = None
bad = 0
for role, lines in blocks:
    if len(lines) < 2:
        continue
    for a, b in zip(lines, lines[1:]):
        if any(a.endswith(w[0]) and b.startswith(w[1]) for w in words):
            print("split word:", role, a, "|", b); bad += 1
    if len(lines[-1]) < 3:
        print("runt:", role, lines); bad += 1
print(len(blocks), "blocks")
sys.exit(1 if bad or not any(len(l) > 1 for _, l in blocks) else 0)
PY
python3 - "$TMP/t.dump" <<'PY' && ok "contents: wrapped entries hang past their number; three leader dots or more" || fail "contents entries" "see above"
import re, sys
rows, cur = [], None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p\d+ (\w+?\d*) x=([\d.]+) .*?( last)?$", l.rstrip())
    if m:
        cur = m if m.group(1).startswith("toc") else None
    elif l.startswith("  [") and cur:
        cells = re.findall(r" (\S+?):(-?[\d.]+)", l)
        rows.append((cur.group(1), float(cur.group(2)), bool(cur.group(3)), cells))
        cur = None
bad = hung = 0
for (r0, x0, last0, c0), (r1, x1, last1, c1) in zip(rows, rows[1:]):
    if not last0 and r0 == r1 and r0 in ("toc1", "toc2"):
        number = 0.0
        for ch, adv in c0:
            number += float(adv)
            if ch in "、）":
                break
        hung += 1
        if abs(x1 - (x0 + number)) > 0.5:
            print("not hung under the text:", x0, number, x1); bad += 1
for r, x, last, cells in rows:
    if last and r.startswith("toc") and "." in "".join(c for c, _ in cells):
        if sum(c == "." for c, _ in cells) < 3:
            print("fewer than three dots:", "".join(c for c, _ in cells)); bad += 1
sys.exit(1 if bad or not hung else 0)
PY
qpdf --json --json-key=outlines "$TMP/t.pdf" | python3 -c "
import json, sys
j = json.load(sys.stdin)
def walk(o):
    for x in o:
        yield x['title']
        yield from walk(x.get('kids', []))
t = list(walk(j['outlines']))
sys.exit(0 if len(t) > 3 and not any(x.endswith('。') for x in t) else 1)" \
	&& ok "bookmarks drop the 。 of a run-in heading" || fail "bookmark stop" "a bookmark ends with 。"
pdftotext -f 3 -l 3 "$TMP/t.pdf" - | grep -q '。 *\.\.\.' && fail "contents stop" "an entry ends with 。" \
	|| ok "contents entries drop the 。 of a run-in heading"
finish
