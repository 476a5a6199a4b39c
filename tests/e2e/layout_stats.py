#!/usr/bin/env python3
"""layout_stats: read `yearbook build --dump=layout` and print the grid a
style produced: page size (mm), type-area width (mm), the most body lines
on one page, and the characters of a full body line (a non-final body line
that starts at the left edge and holds Han characters only: marks may be
compressed, so a line with marks can hold more).
usage: layout_stats.py DUMP"""
import collections
import re
import sys

import dumpfile

PT_MM = 25.4 / 72
pages = collections.Counter()
sizes = collections.Counter()
measures = collections.Counter()
chars = collections.Counter()
line_re = re.compile(r"^line p(\d+) (\w+?)(\d*) x=([\d.-]+) y=([\d.-]+) w=([\d.-]+) measure=([\d.-]+)( last)?")
cur = None
for raw in dumpfile.lines(sys.argv[1]):
    raw = raw.rstrip("\n")
    m = re.match(r"^page \d+ label=\S+ size=([\d.]+)x([\d.]+)", raw)
    if m:
        sizes[(round(float(m.group(1)) * PT_MM), round(float(m.group(2)) * PT_MM))] += 1
        continue
    m = line_re.match(raw)
    if m:
        cur = m if m.group(2) == "body" else None
        if cur:
            pages[int(m.group(1))] += 1
        continue
    if cur and raw.startswith("  ") and not cur.group(8) and float(cur.group(4)) == 0.0:
        cells = re.findall(r" (\S+?):([\d.]+)", raw)
        text = "".join(c for c, _ in cells)
        if all("\u3400" <= ch <= "\u9fff" for ch in text):
            chars[len(cells)] += 1
            measures[round(float(cur.group(7)) * PT_MM, 1)] += 1
        cur = None
print("page_mm", "%dx%d" % sizes.most_common(1)[0][0])
print("measure_mm", measures.most_common(1)[0][0] if measures else 0)
print("lines_per_page", max(pages.values()) if pages else 0)
print("chars_per_line", chars.most_common(1)[0][0] if chars else 0)
