# Titles and contents (issue 12): long titles break at phrase boundaries
# into even lines with no runt, on the cover, the opening page and in the
# contents; wrapped contents entries hang under their text past their
# number; every entry has at least three leader dots; no entry or bookmark
# keeps the 。 of a run-in heading; headings differ from the body in every
# style; gb9704 without 仿宋 says it does not meet GB/T 9704.  Input:
# tests/typography/titles.txt.
. "$(dirname "$0")/lib.sh"
TITLES=$TOP/tests/typography/titles.txt
cp "$TITLES" "$TMP/titles.txt"
printf '[book]\ntitle = 松林县人民政府办公室关于2024年度全面推进法治政府建设工作情况和2025年工作安排的报告汇编\ntoc-depth = 2\n[report 1]\nfile = titles.txt\nshort-title = 松林县法治政府建设情况报告\n' >"$TMP/book.ini"
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
# Headings: the hierarchy shows in every style: 一、 and （一） are set in
# faces other than the body's (in gb9704 without a 仿宋 the body's stand-in
# is 宋, so the 楷 level 2 still differs).
for style in yearbook gb9704 screen; do
	"$YB" build -q --style $style "$TITLES" -o "$TMP/h.pdf" --dump=layout >"$TMP/h.dump" 2>/dev/null
	python3 - "$TMP/h.dump" <<'PY' && ok "$style: level 1 and level 2 headings in faces other than the body's" || fail "$style heading faces" "see above"
import re, sys
import collections
faces = {}
role = None
for l in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"line p\d+ (body|heading\d)\d* ", l)
    role = m.group(1) if m else (None if l.startswith("line") else role)
    if role and l.startswith("  ["):
        for font, cells in re.findall(r"\[(\S+) [\d.]+\]((?: \S+?:-?[\d.]+)*)", l):
            faces.setdefault(role, collections.Counter())[font] += len(cells.split())
body = faces["body"].most_common(1)[0][0] if "body" in faces else None
print(body, {k: dict(v) for k, v in faces.items()})
sys.exit(0 if body and all(faces.get(h) and body not in faces[h] for h in ("heading1", "heading2")) else 1)
PY
done
if "$YB" fonts --style gb9704 2>/dev/null | grep -q '^body .*(stand-in)'; then
	"$YB" fonts --style gb9704 2>/dev/null | grep -q 'does not meet GB/T 9704-2012 until a 仿宋 font' \
		&& ok "yearbook fonts: gb9704 without 仿宋 does not meet GB/T 9704, and how to fix it" \
		|| fail "fonts note" "no GB/T 9704 note"
	"$YB" build --style gb9704 "$TITLES" -o "$TMP/g.pdf" 2>&1 | grep -q 'gb9704.ini: note: the document does not meet GB/T 9704-2012.*the folder on the .user fonts. line of .yearbook fonts' \
		&& ok "build: the same note" || fail "build note" "no GB/T 9704 note"
else
	skip "GB/T 9704 font note" "a 仿宋 font is installed"
fi
# The default cover (no manifest): the title between a thick and a thin
# rule, what the volume holds as its subtitle, the date in Chinese form.
SOURCE_DATE_EPOCH=1748736000 "$YB" build -q "$TITLES" "$SAMPLES/2024-lanshan-tables.txt" -o "$TMP/c.pdf"
cover=$(pdftotext -f 1 -l 1 "$TMP/c.pdf" - | tr -d ' \n')
grep -q '收录2024年度报告2篇' <<<"$cover" && grep -q '2025年6月' <<<"$cover" \
	&& ok "default cover: what the volume holds, and the date as 2025年6月" || fail "default cover" "$cover"
# Running heads: a report title longer than about half the measure gives
# its heads a short title: the manifest's short-title, else what follows 关于.
pdftotext "$TMP/t.pdf" - | grep -q '松林县法治政府建设情况报告$' \
	&& ok "running heads: the manifest's short-title" || fail "short-title" "not in the running heads"
pdftotext "$TMP/c.pdf" - | grep -q '^.\?2024 年度全面推进法治政府建设工作情况和 2025 年工作安排的报告$' \
	&& ok "running heads: a long title shortened after its 关于" || fail "auto short title" "not in the running heads"
finish
