#!/usr/bin/env python3
"""page_rules: check the pagination rules of typography.md §6 and §9 on a
`yearbook build --dump=layout` dump.  Prints one line per broken rule and
'N broken' last; exit 1 when any rule is broken.
  heading-foot  a heading or title is the last line of a page's type area
  orphan        a paragraph's first line alone at the foot of a page
  widow         a paragraph's last line alone at the head of a page
  head-on-opening  a running head on a report's opening page (title on it)
  blank-furniture  a page with no body text that shows a number or head
An empty or truncated dump is refused (exit 2, see dumpfile.py).
usage: page_rules.py DUMP"""
import re
import sys

import dumpfile

LINE = re.compile(r"^line p(\d+) (\w+?)(\d*) x=([\d.-]+) y=([\d.-]+) w=[\d.-]+ measure=[\d.-]+( last)?")
pages = {}
for raw in dumpfile.lines(sys.argv[1]):
    m = LINE.match(raw)
    if m:
        pages.setdefault(int(m.group(1)), []).append(
            {"role": m.group(2), "x": float(m.group(4)), "y": float(m.group(5)), "last": bool(m.group(6))})
    elif raw.startswith("page "):
        pages.setdefault(int(raw.split()[1]), [])
broken = []
numbers = sorted(pages)
for i, p in enumerate(numbers):
    lines = pages[p]
    text = [l for l in lines if l["role"] in ("body", "heading", "title", "toc", "table")]
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
for b in broken:
    print(b)
print(f"{len(broken)} broken")
sys.exit(1 if broken else 0)
