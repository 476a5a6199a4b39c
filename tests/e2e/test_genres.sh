# The genre samples (samples/genres: notices, opinions, circulars, replies, a
# forwarding notice, decrees and regulations, work reports, a traditional
# policy address, reports with appendices, rule-of-law reports), each with
# a hand-written outline: titles, issuers, dates, numbers, years and every
# heading's level must all be right (tests/genres/score), the book must keep
# every character, official-document elements must be set apart from the
# body, and every file whose marks were changed gets one note.
. "$(dirname "$0")/lib.sh"
G=$SAMPLES/genres

n=$(ls "$G"/*.txt | wc -l)
[ "$n" -ge 20 ] && ok "genres: $n samples" || fail "genres: samples" "only $n"
for t in "$G"/*.txt; do
	[ -f "${t%.txt}.expect" ] || fail "genres: $(basename "$t")" "no outline ${t%.txt}.expect"
done

if "$TOP/tests/genres/score" "$YB" "$G" >"$TMP/score" 2>&1; then
	ok "genres: title, issuer, date, number, year and headings 100 % in every genre"
else
	fail "genres: score" "$(grep -v '100.0%' "$TMP/score" | head -n 12 | tr '\n' ';')"
fi
sed 's/^/# /' "$TMP/score"

pdf=$TMP/genres.pdf
if "$YB" build "$G"/*.txt -o "$pdf" 2>"$TMP/build.err"; then
	ok "genres: the samples build into one book"
	if [ -x "$TOOLS/roundtrip" ]; then
		check "genres: nothing lost (roundtrip)" "$TOOLS/roundtrip" "$pdf" "$G"/*.txt
	else
		skip "genres: roundtrip" "../shared/tools is missing (fresh clone)"
	fi
else
	fail "genres: build" "$(tail -n 3 "$TMP/build.err")"
fi

# one note per file whose marks were changed, naming the count and the option
notes=$(grep -c 'half-width marks\? .*--keep-punctuation' "$TMP/build.err")
changed=$(for t in "$G"/*.txt; do grep -lq '[,:;?!()]' "$t" && echo "$t"; done | wc -l)
[ "$notes" -ge 1 ] && [ "$notes" -le "$changed" ] && ok "genres: $notes punctuation notes for $changed files with half-width marks" \
	|| fail "genres: punctuation notes" "$notes notes, $changed files with half-width marks"
"$YB" build --keep-punctuation "$G"/address-traditional.txt -o "$TMP/k.pdf" 2>"$TMP/k.err"
grep -q 'half-width' "$TMP/k.err" && fail "genres: --keep-punctuation" "still a note" \
	|| ok "genres: --keep-punctuation: no note"
pdftotext "$TMP/k.pdf" - | tr -d ' \n' | grep -q 'Cargo:Link' && ok "genres: Cargo: Link kept" \
	|| fail "genres: Cargo" "not in the PDF"

# numbered paragraphs in the outline: a policy address of 一、 parts and 1.
# paragraphs has them as bookmarks under their part, not in the contents; a
# work report with 一、/（一） headings keeps its 1. paragraphs out
"$YB" build -q "$G"/address-traditional-paragraphs.txt "$G"/work-report-district.txt -o "$TMP/o.pdf" 2>/dev/null
qpdf --json --json-key=outlines "$TMP/o.pdf" | python3 -c "
import json, sys
j = json.load(sys.stdin)['outlines']
addr = next(o for o in j if o['title'].startswith('行政長官'))
part = next(k for k in addr['kids'] if k['title'] == '二、推動經濟高質量發展')
kids = [k['title'] for k in part['kids']]
assert kids == ['3. 政府會從三方面推動產業升級', '4. 為支援中小企業應對融資困難', '5. 政府會按第3(ii)段所述的框架'], kids
work = next(o for o in j if '工作报告' in o['title'])
def walk(o):
    for x in o:
        yield x['title']
        yield from walk(x.get('kids', []))
assert not any(t[:1] in '12' for t in walk(work['kids'])), list(walk(work['kids']))
" && ok "genres: outline paragraphs under their part with a label; none under 一、/（一） headings" \
	|| fail "genres: outline paragraphs" "see above"
pdftotext -f 1 -l 3 "$TMP/o.pdf" - | grep -q '政府會從三方面' && fail "genres: contents" "an outline paragraph in the contents" \
	|| ok "genres: outline paragraphs stay out of the contents"

# a web page's header over a document (索引号, 标　　题：…, 发文字号：…), as
# lines or as a table, and no title line under it: the header's title,
# issuer, date and number, nothing of it taken for the title
printf '索引号\t1153/2024-1\t主题分类\t其他\n发文机关\t青禾省人民政府\t成文日期\t2024年03月07日\n标题\t青禾省人民政府关于做好春耕工作的通知\n发文字号\t青政发〔2024〕8号\t发布日期\t2024年03月13日\n各州、市人民政府：\n现将有关事项通知如下。\n一、抓好种子供应\n各地要做好种子调剂。\n' >"$TMP/web-table.txt"
sed '9,10d' "$G"/notice-web-header.txt >"$TMP/web-lines.txt"
for t in web-table web-lines; do
	"$YB" build -q --dump=tree "$TMP/$t.txt" >"$TMP/$t.tree" 2>/dev/null
	grep -q '^title: 青禾省人民政府关于.*的通知 (built)$' "$TMP/$t.tree" && grep -qx 'issuer: 青禾省人民政府' "$TMP/$t.tree" \
		&& grep -qx 'date: 2024-03-07' "$TMP/$t.tree" && grep -q '^number: 青政发〔2024〕[78]号$' "$TMP/$t.tree" \
		&& ok "genres: $t: title, issuer, date and number from a web page's header" || fail "genres: $t" "$(head -n 6 "$TMP/$t.tree")"
done

# elements set apart: the signature and the date flush right, the document
# number centred (the layout dump's x and width against the measure)
"$YB" build "$G"/notice-waste-sorting.txt -o "$TMP/n.pdf" --dump=layout >"$TMP/n.lay" 2>/dev/null
python3 - "$TMP/n.lay" <<'PY' && ok "genres: signature and date flush right, number centred" || fail "genres: element layout" "see the dump"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\nline ")
def find(text):
    for l in lines:
        m = re.match(r"p\d+ \S+ x=([\d.]+) y=[\d.]+ w=([\d.]+) measure=([\d.]+)", l)
        chars = "".join(re.findall(r" (\S):[-\d.]+", l))
        if m and chars.startswith(text):
            return [float(v) for v in m.groups()]
    sys.exit(f"{text} not found")
for t in ("南屿市人民政府", "2021年3月5日"):
    x, w, measure = find(t) if t != "南屿市人民政府" else [v for v in find("南屿市人民政府") ]
x, w, m = find("2021年3月5日")
assert abs(x + w - m) < 1, (x, w, m)
x, w, m = find("南府发〔2021〕7号")
assert abs(x - (m - w) / 2) < 1, (x, w, m)
PY
# gb9704 places the elements as GB/T 9704-2012 §7.3.5 does, from the style's
# [elements] keys: 成文日期 右空四字, the signature centred over it, 附件说明
# and 附注 左空二字, the further attachment under the first one's text, a
# blank line over the 附件说明 and over the signature; the
# default style sets the date and the signature flush right.  Measured on
# the PDF's words (pdftotext -bbox): the type area's left edge is the page's
# leftmost word; gb9704's line is 28 characters of 156 mm / 28.
for style in gb9704 yearbook; do
	"$YB" build -q --style $style "$G"/notice-waste-sorting.txt -o "$TMP/e-$style.pdf" 2>/dev/null
	pdftotext -bbox "$TMP/e-$style.pdf" "$TMP/e-$style.html" 2>/dev/null
	python3 - "$TMP/e-$style.html" $style <<'PY' && ok "$style: signature, date, 附件说明 and 附注 where the style puts them" \
		|| fail "$style: element positions" "see above"
import re, sys
html, style = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
for page in html.split("<page")[1:]:
    words = [(float(a), float(b), float(c), w) for a, b, c, w in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', page)]
    if not any(w == "南屿市人民政府" for *_, w in words) or not any(w.startswith("附件：") for *_, w in words):
        continue
    body = [x for x in words if x[1] < 700]   # not the folio
    left = min(x[0] for x in body)
    em = 156 / 25.4 * 72 / 28
    right = left + 28 * em
    sign = next(x for x in words if x[3] == "南屿市人民政府")
    date = [x for x in words if x[3] in ("2021", "年", "3", "月", "5", "日") and x[1] > sign[1]]
    y = min(x[1] for x in date)
    date = [x for x in date if x[1] == y]
    d0, d1 = min(x[0] for x in date), max(x[2] for x in date)
    att = next(x for x in words if x[3].startswith("附件："))
    item2 = next(x for x in words if x[3].startswith("2．南屿市"))
    note = next(x for x in words if x[3] == "（此件公开发布）")
    bad = []
    if style == "gb9704":
        if abs(right - d1 - 4 * em) > 0.5: bad.append(f"date {right - d1:.2f} pt from the right edge, not 4字 {4 * em:.2f}")
        if abs((sign[0] + sign[2]) / 2 - (d0 + d1) / 2) > 0.5: bad.append("signature not centred over the date")
        if abs(att[0] - left - 2 * em) > 0.5: bad.append(f"附件说明 at {att[0] - left:.2f}, not 2字")
        if abs(item2[0] - att[0] - 3 * em) > 0.5: bad.append(f"second attachment {item2[0] - att[0]:.2f} in, not 3字")
        if abs(note[0] - left - 2 * em) > 0.5: bad.append(f"附注 at {note[0] - left:.2f}, not 2字")
        pitch = (225 / 25.4 * 72 - em) / 21
        body = next(x for x in words if x[3] == "结果在市主要媒体公布。")
        if abs(att[1] - body[1] - 2 * pitch) > 1: bad.append(f"no blank line over 附件说明: {att[1] - body[1]:.1f} pt")
        if abs(sign[1] - item2[1] - 2 * pitch) > 1: bad.append(f"no blank line over the signature: {sign[1] - item2[1]:.1f} pt")
    else:
        edge = max(x[2] for x in body)   # a line-final mark may hang a little past the edge
        if abs(sign[2] - d1) > 0.5 or edge - d1 > 8: bad.append(f"not flush right: {sign[2]}, {d1}, {edge}")
    if bad:
        print("\n".join(bad))
    sys.exit(1 if bad else 0)
sys.exit("no page with the signature block")
PY
done
# gb9704's 版记 stands at the foot of its page between rules the width of
# the type area: thick above the 抄送 line and below the 印发 line, thin
# between them (the page rendered at 300 dpi, rules found as dark rows
# across 90 % of the 156 mm line; text positions from pdftotext -bbox)
pdf=$TMP/e-gb9704.pdf
page=$(python3 - "$TMP/e-gb9704.html" <<'PY'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("<page")[1:]
print(next(i + 1 for i, p in enumerate(pages) if ">抄送：" in p))
PY
)
pdftoppm -r 300 -gray -f "$page" -l "$page" "$pdf" "$TMP/foot"
python3 - "$TMP/e-gb9704.html" "$page" "$TMP"/foot-*.pgm <<'PY' && ok "gb9704: 版记 at the foot, thick rules above and below, a thin one between" \
	|| fail "gb9704: 版记" "see above"
import re, sys
html, page, pgm = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), open(sys.argv[3], "rb").read()
words = [(float(b), float(d), w) for b, d, w in
         re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', html.split("<page")[page])]
copies = next(x for x in words if x[2].startswith("抄送："))
issued = next(x for x in words if x[2] == "南屿市人民政府办公室")
note = next(x for x in words if x[2] == "（此件公开发布）")
m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", pgm)
w, h = map(int, m.groups())
px = pgm[m.end():]
need, runs = 0.9 * 156 / 25.4 * 300, []
for y in range(h):
    if sum(1 for b in px[y * w:(y + 1) * w] if b < 160) > need:
        if runs and runs[-1][1] == y - 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
rules = [((a + b) / 2 * 72 / 300, b - a + 1) for a, b in runs]
bottom = (37 + 225) / 25.4 * 72
bad = []
if len(rules) != 3:
    bad.append(f"{len(rules)} full-width rules, not 3: {rules}")
else:
    (top, t1), (mid, t2), (low, t3) = rules
    if not top < copies[0] < copies[1] < mid < issued[0] < issued[1] < low: bad.append(f"rules not around the lines: {rules}")
    if not (t1 > t2 and t3 > t2): bad.append(f"not thick, thin, thick: {t1} {t2} {t3} px")
    if abs(issued[1] - bottom) > 4: bad.append(f"印发 line ends at {issued[1]:.1f}, not at the type area's foot {bottom:.1f}")
    if top - note[1] < 29: bad.append("版记 not moved down to the foot")
if bad:
    print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
# the [elements] keys are checked: an offset that leaves less than half the
# line is an error with file and line; a misspelt key gets a suggestion
printf '[style]\ninherit = gb9704\n[elements]\ndate-right = 20字\n' >"$TMP/far.ini"
"$YB" build -q --style "$TMP/far.ini" "$G"/notice-waste-sorting.txt -o "$TMP/far.pdf" 2>"$TMP/far.err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "far.ini:4: error: \[elements\] date-right: '20字' leaves less than half the line" "$TMP/far.err" \
	&& ok "styles: [elements] date-right too far is refused" || fail "styles: date-right" "$rc $(cat "$TMP/far.err")"
printf '[style]\ninherit = gb9704\n[elements]\ndate-rigth = 1字\n' >"$TMP/typo.ini"
"$YB" build --style "$TMP/typo.ini" "$G"/notice-waste-sorting.txt -o "$TMP/typo.pdf" 2>&1 | grep -q "did you mean 'date-right'" \
	&& ok "styles: a misspelt [elements] key gets a suggestion" || fail "styles: typo" "no suggestion"
finish
