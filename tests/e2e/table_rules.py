#!/usr/bin/env python3
"""table_rules: check the tables of `yearbook build --dump=layout`.

usage: table_rules.py DUMP [--stub A,B]... [--one-label]
Rows are the table lines of one page at one baseline; a row whose lines are
all bold is a head row (a caption, 续表 or the header row).  Checks:
  label   no part label is doubled (（1/2）（1/2）)
  stub    a header row that starts with A has B as its second cell (each --stub;
          B may be alternatives, B1|B2)
  foot    no page ends with a head row, nor with a head row and one body row
          when the table goes on over the page
  groups  (with --one-label) a group label is not printed on two rows running
Prints one line per problem and exits 1 when there is any."""
import re
import sys

line_re = re.compile(r"^line p(\d+) (\w+?)\d* x=([\d.-]+) y=([\d.-]+) w=([\d.-]+) measure=([\d.-]+)")


def rows_of(path):
    pages = {}
    cur = None
    for raw in open(path, encoding="utf-8"):
        m = line_re.match(raw)
        if m:
            cur = m if m.group(2) == "table" else None
            continue
        if cur is not None and raw.startswith("  ["):
            text = "".join(re.findall(r" (\S+?):-?[\d.]+", raw)).replace("<sp>", " ")
            bold = all("Bold" in f for f in re.findall(r"\[(\S+) [\d.]+\]", raw))
            p, y = int(cur.group(1)), float(cur.group(4))
            pages.setdefault(p, {}).setdefault(y, []).append((float(cur.group(3)), text, bold))
            cur = None
    return {p: [sorted(cells) for _, cells in sorted(ys.items())] for p, ys in pages.items()}


def main():
    args = sys.argv[1:]
    stubs = [args[i + 1].split(",") for i, a in enumerate(args) if a == "--stub"]
    pages = rows_of(args[0])
    bad = []
    for p, rows in pages.items():
        for row in rows:
            texts = [t for _, t, _ in row]
            if any(re.search(r"（\d+/\d+）\s*（\d+/\d+）", t) for t in texts):
                bad.append("label p%d: %s" % (p, texts))
            heads = all(b for _, _, b in row)
            for a, b in stubs:
                if heads and texts and texts[0] == a and (len(texts) < 2 or texts[1] not in b.split("|")):
                    bad.append("stub p%d: header %s lacks %s after %s" % (p, texts, b, a))
        if not rows:
            continue
        is_head = [all(b for _, _, b in r) for r in rows]
        nxt = pages.get(p + 1, [])
        goes_on = bool(nxt) and any(t == "续表" for _, t, _ in nxt[0])
        if is_head[-1]:
            bad.append("foot p%d: the page ends with a table's head %s" % (p, [t for _, t, _ in rows[-1]]))
        elif goes_on:
            last_head = max(i for i, h in enumerate(is_head) if h) if any(is_head) else -1
            if last_head >= 0 and len(rows) - 1 - last_head < 2:
                bad.append("foot p%d: a table starts at the page foot with one row" % p)
        if "--one-label" in args:
            for r0, r1 in zip(rows, rows[1:]):
                if r0 and r1 and not is_head[rows.index(r0)] and r0[0][0] == r1[0][0] and r0[0][1] == r1[0][1] \
                        and len(r0) > 2 and len(r1) > 2:
                    bad.append("groups p%d: %s printed on two rows running" % (p, r0[0][1]))
    for b in bad:
        print(b)
    print("%d problems" % len(bad))
    sys.exit(1 if bad else 0)


main()
