#!/usr/bin/env python3
"""spacing: the letter-spacing justification added to each justified line,
read from `yearbook build --dump=layout`.

A justified line is a non-final body line.  Its added spacing is the
largest extra advance of a Han character followed on the same run by another
Han character, as a share of the font size (a line stretched
evenly shows the same extra after every character).
usage: spacing.py DUMP [--max PERCENT] [--list]
Prints the distribution; with --max, exits 1 when a line exceeds it."""
import re
import sys

line_re = re.compile(r"^line p(\d+) (body\d*) x=\S+ y=(\S+) w=\S+ measure=\S+( last)?")
run_re = re.compile(r"\[(\S+) ([\d.]+)\]((?: \S+?:-?[\d.]+)*)")


def is_han(ch):
    return "\u3400" <= ch <= "\u9fff"


def line_spacing(body):
    worst = 0.0
    for font, size, cells in run_re.findall(body):
        size = float(size)
        cs = re.findall(r" (\S+?):(-?[\d.]+)", cells)
        for (c, adv), (n, _) in zip(cs, cs[1:]):
            if len(c) == 1 and len(n) == 1 and is_han(c) and is_han(n):
                worst = max(worst, (float(adv) - size) / size)
    return worst


def main():
    args = sys.argv[1:]
    limit = float(args[args.index("--max") + 1]) if "--max" in args else None
    listing = "--list" in args
    values, where = [], []
    cur = None
    for raw in open(args[0], encoding="utf-8"):
        raw = raw.rstrip("\n")
        m = line_re.match(raw)
        if m:
            cur = None if m.group(4) else m
            continue
        if cur and raw.startswith("  "):
            v = 100 * line_spacing(raw)
            values.append(v)
            where.append((cur.group(1), cur.group(3), v, raw))
            cur = None
        elif raw.startswith("line") or raw.startswith("page"):
            cur = None
    n = len(values)
    buckets = [(0, 0.05), (0.05, 1), (1, 2), (2, 2.5), (2.5, 3), (3, 5), (5, 1000)]
    print("justified_lines", n)
    for lo, hi in buckets:
        print("spacing_%s-%s%%" % (lo, hi if hi < 1000 else "inf"), sum(1 for v in values if lo <= v < hi))
    print("over_2.5%", sum(1 for v in values if v > 2.5))
    print("over_3%", sum(1 for v in values if v > 3))
    print("worst_%%", "%.1f" % max(values) if values else 0)
    if listing:
        for p, y, v, raw in sorted(where, key=lambda w: -w[2])[:20]:
            text = "".join(re.findall(r" (\S+?):-?[\d.]+", raw))
            print("  p%s y=%s %.1f%% %s" % (p, y, v, text))
    if limit is not None and values and max(values) > limit:
        sys.exit(1)


main()
