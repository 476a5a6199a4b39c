#!/usr/bin/env python3
"""sheet_thumbs: the thumbnails on a contact sheet (yearbook build --proof-sheet).

usage: sheet_thumbs.py SHEET.png

Reads the PNG with zlib alone (8-bit RGB or RGBA, every filter), then finds
each thumbnail by its top-left corner: a white pixel with the frame's grey
to its left and above it, the sheet's background two pixels above, and
white for 30 pixels to its right and 4 below (a page's blank top margin
inside its frame).  Prints the image's size, then one line per thumbnail, 'x y
ink', in reading order (rows top to bottom, left to right), where ink is
the number of dark pixels in the band under its frame (its page number)."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "want 8-bit RGB or RGBA"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line))
        prev = line
    grey = [[min(row[x * bpp:x * bpp + 3]) for x in range(w)] for row in rows]
    return w, h, grey


FRAME = 77          # the thumbnails' frames: grey 0.3
BACKGROUND = 204    # the sheet: grey 0.8


def frame(v):
    return abs(v - FRAME) <= 3


def label_ink(grey, h, x, y):
    """Dark pixels in the band under the frame whose top-left inside corner is (x, y)."""
    bottom = y
    while bottom + 1 < h and grey[bottom + 1][x - 1] < 200:   # down the frame's left line
        bottom += 1
    return sum(1 for yy in range(bottom + 2, min(h, bottom + 20))
               for xx in range(x, min(len(grey[0]), x + 100)) if grey[yy][xx] < 100)


def main(path):
    w, h, grey = read_png(path)
    white = [[v == 255 for v in row] for row in grey]
    print(w, h)
    for y in range(2, h - 4):
        row = white[y]
        for x in range(1, w - 30):
            if row[x] and frame(grey[y][x - 1]) and frame(grey[y - 1][x]) and grey[y - 2][x] == BACKGROUND \
                    and all(row[x:x + 30]) and all(white[y + k][x] for k in range(4)):
                print(x, y, label_ink(grey, h, x, y))


if __name__ == "__main__":
    main(sys.argv[1])
