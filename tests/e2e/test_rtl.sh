# Right-to-left text inside Chinese paragraphs: Uyghur, Arabic and Hebrew
# words, marks and a lone U+202E (tests/data/xinjiang-rtl.txt, and mixed
# lines made here) are set with Pango's bidi, the PDF passes qpdf and every
# character comes back in text order; a lone override reorders nothing.
. "$(dirname "$0")/lib.sh"
src=$TOP/tests/data/xinjiang-rtl.txt
"$YB" build -q "$src" -o "$TMP/rtl.pdf" 2>"$TMP/err"; rc=$?
if [ "$rc" -eq 0 ]; then ok "right-to-left words in Chinese paragraphs: built"
else fail "right-to-left build" "exit $rc; $(head -c 300 "$TMP/err")"; finish; fi
if command -v qpdf >/dev/null; then
	qpdf --check "$TMP/rtl.pdf" >/dev/null 2>&1 && ok "right-to-left: qpdf --check" || fail "qpdf" "$(qpdf --check "$TMP/rtl.pdf" 2>&1 | tail -n 2)"
else skip "qpdf" "qpdf is not installed"; fi
# pdftotext wraps right-to-left words in U+202B..U+202C, and may put a
# bracket touching a right-to-left word on its other side (its reordering
# heuristic); without those marks, white space and punctuation every line
# must come back in order, and the punctuation must all be there
pdftotext "$TMP/rtl.pdf" "$TMP/rtl.txt"
python3 - "$src" "$TMP/rtl.txt" >"$TMP/py" 2>&1 <<'PY'
import sys, unicodedata
ctl = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
def norm(t, punct=False):
    t = unicodedata.normalize("NFKC", t)
    return "".join(c for c in t if not c.isspace() and c not in ctl and
                   (punct or not unicodedata.category(c).startswith("P")))
src, book = norm(open(sys.argv[1]).read()), norm(open(sys.argv[2]).read())
from collections import Counter
sp = Counter(c for c in norm(open(sys.argv[1]).read(), True) if unicodedata.category(c).startswith("P"))
bp = Counter(c for c in norm(open(sys.argv[2]).read(), True) if unicodedata.category(c).startswith("P"))
missing = sp - bp
assert not missing, "punctuation lost: %s" % missing
j = 0
for line in open(sys.argv[1]).read().splitlines():
    s = norm(line)
    if not s:
        continue
    k = book.find(s, j)
    if k < 0:
        print("lost: " + line); sys.exit(1)
    j = k + len(s)
for w in ["ئۇيغۇرچە", "ئارىمېلى", "وفدتجاري", "מרצהאורח", "测试一个孤立的控制字符在这里", "ئاشخانا"]:
    assert w in book, w
print("ok")
PY
grep -q '^ok' "$TMP/py" && ok "right-to-left: every line extracts in text order, words not reversed" || fail "right-to-left extraction" "$(cat "$TMP/py")"
# a lone U+202E keeps its place in the text and reorders nothing
printf '标题\n甲乙丙\xe2\x80\xae丁戊己庚。\nabc\xe2\x81\xa7def\n' >"$TMP/rlo.txt"
"$YB" build -q "$TMP/rlo.txt" -o "$TMP/rlo.pdf" 2>"$TMP/err"; rc=$?
pdftotext "$TMP/rlo.pdf" "$TMP/rlo.out" 2>/dev/null
if [ "$rc" -eq 0 ] && python3 -c '
import sys; t = open(sys.argv[1]).read()
assert "\u202e" in t and "甲乙丙丁戊己庚" in "".join(c for c in t if c not in " \n\u202b\u202c\u202e")' "$TMP/rlo.out"; then
	ok "a lone U+202E: kept in the text, reorders nothing"
else fail "lone U+202E" "exit $rc; $(head -c 200 "$TMP/rlo.out")"; fi
# a U+202E in a manifest's title or in --title: warned at its line and
# column (the PDF's title and outline carry it, and viewers reorder by it)
printf '[book]\ntitle = 测试\xe2\x80\xae汇编\n[report 1]\nfile = rlo.txt\n' >"$TMP/rlo.ini"
"$YB" build "$TMP/rlo.ini" -o "$TMP/rloini.pdf" 2>"$TMP/err"; rc=$?
"$YB" build "$TMP/rlo.txt" --title "$(printf '测\xe2\x80\xae试')" -o "$TMP/rlotitle.pdf" 2>>"$TMP/err"; rc2=$?
if [ "$rc" -eq 0 ] && [ "$rc2" -eq 0 ] && grep -q "rlo.ini:2: warning: column 11: U+202E, an explicit bidi control" "$TMP/err" &&
   grep -q "warning: --title: character 2, U+202E, an explicit bidi control" "$TMP/err"; then
	ok "U+202E in a manifest title and in --title: warned, with line and column"
else fail "U+202E in titles" "exit $rc/$rc2; $(head -c 400 "$TMP/err")"; fi
# more right-to-left text: letter marks (RLM, ALM, LRM) between Chinese
# characters (each RLM/ALM a run that draws nothing: its text used to be
# dropped), Arabic with harakat and Thaana (marks join their base's cluster:
# apart, pdftotext scattered them over three lines), Syriac, isolates, a
# paragraph that starts right to left.  Every character comes back, every line
# in one piece and in text order; pdftotext gives a right-to-left cluster's
# characters reversed (a mark before its letter), so marks are compared apart.
python3 - "$TMP/more.txt" <<'PY'
import sys
lines = ["标题", "标记\u200f甲\u200e乙\u061c丙在此。", "阿拉伯语 بِسْمِ اللَّهِ الرَّحْمَنِ 与 كَتَبَ 在此。",
         "马尔代夫文字 ދިވެހި ބަސް 在此。", "叙利亚文 ܫܠܡܐ ܥܠܡܐ 在此。",
         "隔离\u2066甲\u2069乙\u2067שלום\u2069丙在此。", "שלום עולם 是希伯来语的问候语。"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
"$YB" build -q "$TMP/more.txt" -o "$TMP/more.pdf" 2>"$TMP/err"; rc=$?
pdftotext "$TMP/more.pdf" "$TMP/more.out" 2>/dev/null
python3 - "$TMP/more.txt" "$TMP/more.out" >"$TMP/py" 2>&1 <<'PY'
import sys, unicodedata
from collections import Counter
added = set("\u202b\u202c")  # pdftotext's own embedding marks
src, book = open(sys.argv[1]).read(), open(sys.argv[2]).read()
lost = Counter(c for c in src if not c.isspace()) - Counter(c for c in book if not c.isspace())
assert not lost, "lost: %s" % {hex(ord(c)): n for c, n in lost.items()}
def base(t):  # without marks, bidi controls and white space
    return "".join(c for c in t if not c.isspace() and c not in added and unicodedata.category(c) not in ("Mn", "Cf"))
j, b = 0, base(book)
for line in src.splitlines()[1:]:
    k = b.find(base(line), j)
    assert k >= 0, "not in one piece and in order: " + line
    j = k
row = [l for l in book.splitlines() if "阿拉伯语" in l]
assert row and "与" in row[0] and "在此" in row[0], "the harakat line is split: %r" % row
print("ok")
PY
if [ "$rc" -eq 0 ] && grep -q '^ok' "$TMP/py" && qpdf --check "$TMP/more.pdf" >/dev/null 2>&1; then
	ok "letter marks, harakat, Thaana, Syriac, isolates, a right-to-left start: every character back, lines whole"
else fail "more right-to-left text" "exit $rc; $(cat "$TMP/py" "$TMP/err" | head -c 400)"; fi
# a letter with 33,000 combining accents and a run of 22,000 RLMs: joining
# marks into their base's cluster stops before the PDF cluster's 16 bits
python3 -c 'print("标题"); print("甲a" + "\u0301" * 33000 + "乙。"); print("甲" + "\u200f" * 22000 + "乙。")' >"$TMP/zalgo.txt"
"$YB" build -q "$TMP/zalgo.txt" -o "$TMP/zalgo.pdf" 2>"$TMP/err"; rc=$?
if [ "$rc" -eq 0 ] && qpdf --check "$TMP/zalgo.pdf" >/dev/null 2>&1; then ok "33,000 accents on one letter, 22,000 RLMs in a row: built"
else fail "huge clusters" "exit $rc; $(head -c 300 "$TMP/err")"; fi
# the same as a PDF/A archive: libharu takes strings of at most 65535 bytes
"$YB" build -q --archive "$TMP/zalgo.txt" -o "$TMP/zalgo-a.pdf" 2>"$TMP/err"; rc=$?
if [ "$rc" -eq 0 ] && qpdf --check "$TMP/zalgo-a.pdf" >/dev/null 2>&1; then ok "the same as an archive: built"
else fail "huge clusters, archive" "exit $rc; $(head -c 300 "$TMP/err")"; fi
# the laid-out lines: no visible character with a zero or negative advance
"$YB" build -q --dump=layout "$src" -o "$TMP/d.pdf" >"$TMP/dump" 2>/dev/null
python3 - "$TMP/dump" >"$TMP/py" 2>&1 <<'PY'
import sys, re, unicodedata
bad = []
body = False
for line in open(sys.argv[1]):
    if line.startswith("line "):
        body = " body " in line or " heading" in line
        continue
    if not body:
        continue
    for ch, adv in re.findall(r" (\S+?):(-?[0-9.]+)", line):
        if ch == "<sp>" or "]" in ch or "[" in ch:
            continue
        c = ch[0]
        if unicodedata.category(c) in ("Mn", "Cf", "Me"):
            continue
        if float(adv) <= 0:
            bad.append((ch, adv))
print("ok" if not bad else "bad %s" % bad[:5])
PY
grep -q '^ok' "$TMP/py" && ok "right-to-left: every visible character advances" || fail "right-to-left advances" "$(cat "$TMP/py")"
finish
