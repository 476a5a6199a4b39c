#!/usr/bin/env python3
"""page_diff: compare two PDFs page by page as 100-dpi greyscale pictures.

usage: page_diff.py A.pdf B.pdf [DPI]

Renders both with pdftoppm and prints, per page, the share of pixels whose
grey level differs by more than 64 of 255 and the largest difference; then a
last line 'largest: page N, X% of pixels differ, max D'.  Exit 1 when the
page counts differ.
"""
import glob
import os
import subprocess
import sys
import tempfile


def render(pdf, dpi, prefix):
    subprocess.run(['pdftoppm', '-gray', '-r', str(dpi), pdf, prefix], check=True)
    return sorted(glob.glob(prefix + '-*.pgm'), key=lambda p: int(p.rsplit('-', 1)[1][:-4]))


def read_pgm(path):
    data = open(path, 'rb').read()
    parts, pos = [], 0
    while len(parts) < 4:  # magic, width, height, maxval
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        parts.append(data[pos:end])
        pos = end
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[pos + 1:]


def compare(a, b):
    wa, ha, pa = read_pgm(a)
    wb, hb, pb = read_pgm(b)
    if (wa, ha) != (wb, hb):
        return 1.0, 255
    differ, worst = 0, 0
    for y in range(ha):
        ra, rb = pa[y * wa:(y + 1) * wa], pb[y * wa:(y + 1) * wa]
        if ra == rb:
            continue
        for x in range(wa):
            d = abs(ra[x] - rb[x])
            if d:
                worst = max(worst, d)
                differ += d > 64
    return differ / (wa * ha), worst


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    dpi = int(argv[3]) if len(argv) > 3 else 100
    with tempfile.TemporaryDirectory() as tmp:
        pa = render(argv[1], dpi, os.path.join(tmp, 'a'))
        pb = render(argv[2], dpi, os.path.join(tmp, 'b'))
        if len(pa) != len(pb):
            print(f'page counts differ: {len(pa)} and {len(pb)}')
            return 1
        largest = (0.0, 0, 0)
        for i, (a, b) in enumerate(zip(pa, pb), 1):
            share, worst = compare(a, b)
            print(f'page {i}: {share * 100:.3f}% of pixels differ, max {worst}')
            largest = max(largest, (share, worst, i))
        print(f'largest: page {largest[2]}, {largest[0] * 100:.3f}% of pixels differ, max {largest[1]}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
