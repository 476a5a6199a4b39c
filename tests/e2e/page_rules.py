#!/usr/bin/env python3
"""page_rules: check the pagination rules of typography.md §6 and §9 and of
issue 12's "Pages" on a `yearbook build --dump=layout` dump.  Prints one
line per broken rule and 'N broken' last; exit 1 when any rule is broken.
  heading-foot  a heading or title is the last line of a page's type area
  orphan        a paragraph's first line alone at the foot of a page
  widow         a paragraph's last line alone at the head of a page
  head-on-opening  a running head on a report's opening page (title on it)
  blank-furniture  a page with no body text that shows a number or head
  spread        facing pages of a report (a verso and the recto after it, in
                a two-sided book) end on different lines; a report's last
                page is balanced with its verso (the two may differ by one
                line, where the text ends), not with the next report
  empty-foot    a report's opening page ends more than one line short
                (the latitude every page has) although what heads the next
                page could have moved back (the keep rules allow a break
                after it and it fits the empty lines and one more), unless
                it is a verso balanced with its recto
  short-last    a report of two pages or more ends on a page of fewer than
                MIN lines (--min-last, default 5)
With --stats it prints the counts of spread, empty-foot and short-last
pages (and of other pages not full outside a balanced spread, of pages
more than one line off a full page but for a balanced last spread, and
of the body's pages) instead, and exits 0.
A page "ends on" the line of the body grid its lowest text line sits on
(a table row counts for the grid line it falls on).
An empty or truncated dump is refused (exit 2, see dumpfile.py).
--lines N gives the lines of a full page (else the most common end).
usage: page_rules.py [--stats] [--min-last N] [--lines N] DUMP"""
import collections
import math
import re
import sys

import dumpfile

args = sys.argv[1:]
stats = "--stats" in args
args = [a for a in args if a != "--stats"]
min_last, lines_per_page = 5, None
while args[:1] in (["--min-last"], ["--lines"]):
    if args[0] == "--min-last":
        min_last = int(args[1])
    else:
        lines_per_page = int(args[1])
    args = args[2:]
PAGE = re.compile(r"^page (\d+) label=\S+ size=\S+ origin=([\d.-]+),")
LINE = re.compile(r"^line p(\d+) (\w+?)(\d*) x=([\d.-]+) y=([\d.-]+) w=[\d.-]+ measure=[\d.-]+( last)?")
TEXT = ("body", "heading", "title", "toc", "table")
pages, origin = {}, {}
for raw in dumpfile.lines(args[0]):
    m = LINE.match(raw)
    if m:
        pages.setdefault(int(m.group(1)), []).append(
            {"role": m.group(2), "x": float(m.group(4)), "y": float(m.group(5)), "last": bool(m.group(6))})
    else:
        m = PAGE.match(raw)
        if m:
            pages.setdefault(int(m.group(1)), [])
            origin[int(m.group(1))] = float(m.group(2))
broken = []
numbers = sorted(pages)
for i, p in enumerate(numbers):
    lines = pages[p]
    text = [l for l in lines if l["role"] in TEXT]
    furniture = [l for l in lines if l["role"] in ("head", "folio")]
    if not text:
        if furniture and any(l["role"] == "head" for l in furniture):
            broken.append(f"blank-furniture p{p}")
        continue
    if any(l["role"] == "title" for l in text) and any(l["role"] == "head" for l in furniture):
        broken.append(f"head-on-opening p{p}")
    foot = max(text, key=lambda l: l["y"])
    if foot["role"] in ("heading", "title") and i + 1 < len(numbers):
        broken.append(f"heading-foot p{p}")
    body = sorted((l for l in text if l["role"] == "body"), key=lambda l: l["y"])
    if body and body[-1] is foot and body[-1]["x"] > 0 and not body[-1]["last"]:
        broken.append(f"orphan p{p}")
    head = min(text, key=lambda l: l["y"])
    if head["role"] == "body" and head["x"] == 0 and head["last"]:
        broken.append(f"widow p{p}")

# ---- the body's pages: reports, the grid, spreads --------------------------
def texts(p):
    return [l for l in pages[p] if l["role"] in TEXT]


def opening(p):
    roles = {l["role"] for l in pages[p]}
    return "title" in roles and "toc" not in roles and roles & {"body", "heading", "table"}


first = next((p for p in numbers if opening(p)), None)
body = [p for p in numbers if first is not None and p >= first]
reports = []            # each a list of its pages with text
for p in body:
    if opening(p) or not reports:
        reports.append([])
    if texts(p):
        reports[-1].append(p)
pitches = collections.Counter()
bases = collections.Counter()
for p in body:
    ys = sorted(l["y"] for l in pages[p] if l["role"] == "body")
    pitches.update(round(b - a, 2) for a, b in zip(ys, ys[1:]))
    t = texts(p)
    if t and min(t, key=lambda l: l["y"])["role"] == "body":
        bases[round(min(l["y"] for l in t), 2)] += 1
pitch = pitches.most_common(1)[0][0] if pitches else 0
base = bases.most_common(1)[0][0] if bases else 0


def line_slot(y):
    return math.ceil((y - base) / pitch - 0.25) if pitch else 0


def slot(p):
    """The grid line (from 0) the page's lowest text line sits on."""
    return line_slot(max(l["y"] for l in texts(p)))


def paragraph_tail(p):
    """How many lines of a paragraph left open at the foot of page p stand there."""
    n = 0
    for l in sorted(texts(p), key=lambda l: -l["y"]):
        if l["role"] != "body" or l["last"]:
            break
        n += 1
        if l["x"] > 0:      # its indented first line
            break
    return n


def first_move(p, q):
    """The grid lines at the head of page q (after p) that the keep rules let
    move back to p: up to the first body line after which a page may break
    (a paragraph's last line, or a line with two of its paragraph's lines on
    each side; headings and tables never end what moves).  None when no
    such line is on q."""
    lines = sorted(texts(q), key=lambda l: l["y"])
    before = paragraph_tail(p)      # lines of the open paragraph up to here
    prev = None
    for i, l in enumerate(lines):
        if l["role"] != "body":
            before, prev = 0, l
            continue
        starts = l["x"] > 0 or prev is None and not before or prev is not None and (
            prev["role"] != "body" or prev["last"])
        before = 1 if starts and prev is not None or starts and not before else before + 1
        after = 0
        for m in lines[i + 1:]:
            if l["last"] or m["role"] != "body":
                break
            after += 1
            if m["last"]:
                break
        else:
            after = after if l["last"] else max(after, 2)   # it goes on past q
        if l["last"] or (before >= 2 and after >= 2):
            return line_slot(l["y"]) + 1
        prev = l
    return None


if lines_per_page:
    full = lines_per_page - 1
else:
    full = collections.Counter(slot(p) for r in reports for p in r[:-1]).most_common(1)
    full = full[0][0] if full else 0
last = {r[-1] for r in reports}
report_of = {p: i for i, r in enumerate(reports) for p in r}
two_sided = len({origin[p] for p in body if texts(p)}) > 1
balanced = set()        # pages of a spread that may end short together
spreads = 0
for p in body:
    q = p + 1
    if not two_sided or p % 2 or p not in report_of or report_of.get(q) != report_of[p]:
        continue
    if slot(p) != slot(q) and not (q in last and abs(slot(p) - slot(q)) <= 1):
        broken.append(f"spread p{p}-p{q}")
        spreads += 1
    elif q in last or slot(p) == full - 1 or p == reports[report_of[p]][0]:
        balanced.update((p, q))
empty = short = loose = far = 0
for r in reports:
    move = first_move(r[0], r[1]) if len(r) > 1 else None
    if move is not None and slot(r[0]) < full - 1 and r[0] not in balanced and full - slot(r[0]) + 1 >= move:
        broken.append(f"empty-foot p{r[0]}")
        empty += 1
    if len(r) > 1 and slot(r[-1]) + 1 < min_last:
        broken.append(f"short-last p{r[-1]}")
        short += 1
    loose += sum(1 for p in r[1:-1] if slot(p) < full and p not in balanced)
    far += sum(1 for p in r[:-1] if abs(slot(p) - full) > 1 and not (p in balanced and p + 1 in last))
if stats:
    print(f"spreads={spreads} empty-foot={empty} short-last={short} other-pages-not-full={loose} "
          f"off-by-more-than-1={far} pages={len(body)} full-slot={full}")
    sys.exit(0)
for b in broken:
    print(b)
print(f"{len(broken)} broken")
sys.exit(1 if broken else 0)
