#!/usr/bin/env python3
"""typecheck: check the Chinese typography rules of typography.md on a
`yearbook build --dump=layout` dump (body and heading lines).

  start    a line (not a paragraph's first) starts with a mark that may not start a line
  end      a line that is not a paragraph's last ends with a mark that may not end a line
  split    —— or …… split across lines, or a Latin word / digit string split
  measure  a non-final line does not end within 0.05 pt of the measure
  endmark  a wide closing mark at a line end is not half an em
  pair     two adjacent wide marks (not part of a longer run) do not take 1.5 em
  hanlatin a Han–Latin gap is not ¼ em (⅛ when the line shrank, up to ⅓ when it stretched)
  lonely   a paragraph's last line holds one character (or one and a mark)
Lines set with punct=full (traditional text, or a style without compression)
skip endmark and pair; punct=edge skips pair.

Prints each violation as 'RULE p<page>: text', then 'N violations' and
'checked: ...' counts; exit 1 when there is any.  An empty or truncated
dump, or one with no body or heading line to check, exits 2.
usage: typecheck.py DUMP [--only RULE]"""
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import dumpfile  # noqa: E402

START_BAD = set("、，。．：；！？”’）】〕〗］｝》〉」』–～·／,.;:!?)")
END_BAD = set("“‘（【〔〖［｛《〈「『／(")
OPEN = set("“‘（【〔〖［｛《〈「『")
CLOSE = set("、，。．：；！？”’）】〕〗］｝》〉」』")
LINE = re.compile(r"^line p(\d+) (\w+?)(\d*) x=([\d.-]+) y=([\d.-]+) w=([\d.-]+) measure=([\d.-]+)( last)?"
                  r"(?: punct=(\w+))?")
RUN = re.compile(r"\[(\S+) ([\d.]+)\]((?: (?:<sp>|\S+?):-?\d+\.\d+)*)")
CELL = re.compile(r" (<sp>|\S+?):(-?\d+\.\d+)")


def is_han(ch):
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def is_latin(ch):
    return ch.isascii() and (ch.isalnum() or ch == "%")


def read(path):
    lines, cur = [], None
    for raw in dumpfile.lines(path):
        m = LINE.match(raw)
        if m:
            cur = {"page": int(m.group(1)), "role": m.group(2), "w": float(m.group(6)),
                   "measure": float(m.group(7)), "last": bool(m.group(8)),
                   "punct": m.group(9) or "gb", "cells": []}
            lines.append(cur)
        elif cur is not None and raw.startswith("  ["):
            for rm in RUN.finditer(raw):
                em = float(rm.group(2))
                for cm in CELL.finditer(rm.group(3)):
                    ch = " " if cm.group(1) == "<sp>" else cm.group(1)
                    cur["cells"].append((ch, float(cm.group(2)), em))
    return [l for l in lines if l["role"] in ("body", "heading") and l["cells"]]


def text(line):
    return "".join(c for c, _, _ in line["cells"])


def stretch(line):
    """The even share of justification on this line: median of (advance - em) over Han pairs."""
    c = line["cells"]
    d = [a - em for (ch, a, em), (nx, _, _) in zip(c, c[1:]) if is_han(ch) and is_han(nx)]
    return statistics.median(d) if d else 0.0


def check(lines):
    v = []
    checked = dict.fromkeys(["lines", "endmark", "pair", "hanlatin"], 0)

    def bad(rule, line, why=""):
        v.append(f"{rule} p{line['page']}: {text(line)[:24]} {why}".rstrip())

    first = True
    paragraph = []
    for i, line in enumerate(lines):
        checked["lines"] += 1
        t = text(line).strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if not first and t and t[0] in START_BAD:
            bad("start", line)
        if not line["last"]:
            if t and t[-1] in END_BAD:
                bad("end", line)
            nt = text(nxt) if nxt else ""
            raw = text(line)
            if nt and raw and ((raw[-1] == nt[0] and raw[-1] in "—…") or (is_latin(raw[-1]) and is_latin(nt[0]))):
                bad("split", line, f"| {nt[:6]}")
            total = sum(a for _, a, _ in line["cells"] if True)
            trail = 0.0
            for ch, a, _ in reversed(line["cells"]):
                if ch != " ":
                    break
                trail += a
            # an opening mark at the line start draws its ink in the right part of
            # its em box (its glyph may start up to an em in), or hangs its empty
            # half left of the margin when compressed
            first_open = line["cells"][0][0] in OPEN
            em0 = line["cells"][0][2]
            over = total - trail - line["w"]
            low, high = (-em0, em0 / 2) if first_open else (0, 0)
            if abs(line["w"] - line["measure"]) > 0.05 or over < low - 0.05 or over > high + 0.05:
                bad("measure", line, f"(w={line['w']:.2f} sum={total - trail:.2f} measure={line['measure']:.2f})")
            core = [c for c in line["cells"] if c[0] != " "]
            ch, a, em = core[-1]
            if ch in CLOSE and a > 0.75 * em and line["punct"] != "full":
                bad("endmark", line, f"({ch} takes {a / em:.2f} em)")
            elif ch in CLOSE:
                checked["endmark"] += 1
        s = stretch(line)
        cells = line["cells"]
        for k in range(len(cells) - 2):
            (a, aa, em), (b, ba, _) = cells[k], cells[k + 1]
            marks = OPEN | CLOSE
            alone = (k == 0 or cells[k - 1][0] not in marks) and cells[k + 2][0] not in marks
            # both full-width forms (a compressed one keeps at least half an em;
            # a proportional quote from a Latin-style font is narrower)
            if a in marks and b in marks and alone and min(aa, ba) > 0.45 * em and line["punct"] == "gb":
                checked["pair"] += 1
                got = (aa + ba - 2 * s) / em
                if (s > 0.01 and abs(got - 1.5) > 0.05) or got > 1.55:
                    bad("pair", line, f"({a}{b} take {got:.2f} em)")
            if is_han(a) and is_latin(b):
                checked["hanlatin"] += 1
                g = (aa - em - s) / em
                # ¼ em, shrunk to no less than ⅛ or widened to no more than ⅓ (typography.md §4, §5)
                if g < 0.125 - 0.02 or g > 1 / 3 + 0.02:
                    bad("hanlatin", line, f"({a}{b} gap {g:.3f} em)")
        paragraph.append(line)
        if line["last"]:
            core = [c for c, _, _ in line["cells"] if c != " "]
            chars = [c for c in core if is_han(c) or is_latin(c)]
            if len(paragraph) >= 2 and len(chars) == 1 and len(core) - len(chars) <= 1:
                bad("lonely", line)
            paragraph = []
        first = line["last"]
    return v, checked


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    lines = read(argv[1])
    if not lines:
        print(f"{argv[1]}: no body or heading line to check", file=sys.stderr)
        return 2
    v, checked = check(lines)
    if only:
        v = [x for x in v if x.startswith(only + " ")]
    for x in v:
        print(x)
    print(f"{len(v)} violations")
    print("checked: " + ", ".join(f"{k} {n}" for k, n in checked.items()))
    return 1 if v else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
