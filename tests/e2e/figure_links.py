#!/usr/bin/env python3
"""figure_links: check the links of a book's key-figures tables.

usage: figure_links.py BOOK.pdf STATS.csv
The key-figures pages run from the first page with a caption 主要数据一览表（…）
to the page before the first report (page label 1).  Every link there must
land on a page that shows its text: a value on the page of its sentence, a
report's name on its opening page.  Prints the count and one line per bad
link; exits 1 when any link is bad or their number is not what STATS.csv
(`yearbook stats --csv`, the reports in distinct files) implies: one link
per ok value, one per (group, report) with an ok value (its row's name)."""
import csv, json, re, subprocess, sys

pdf, stats = sys.argv[1], sys.argv[2]
j = json.loads(subprocess.run(["qpdf", "--json=2", pdf], capture_output=True).stdout)
objs = j["qpdf"][1]
val = lambda ref: objs.get("obj:" + ref, {}).get("value")
pages = [p["object"] for p in j["pages"]]
dests = {}
for o in objs.values():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and isinstance(v.get("/Names"), list):
        n = v["/Names"]
        for k, d in zip(n[0::2], n[1::2]):
            d = val(d) if isinstance(d, str) and d.endswith(" R") else d
            d = d.get("/D") if isinstance(d, dict) else d
            dests[k[2:] if k.startswith("u:") else k] = d[0]


cache = {}


def words(p):
    """The words of page p with their boxes (pdftotext -bbox), top-down y."""
    if p not in cache:
        out = subprocess.run(["pdftotext", "-bbox", "-f", str(p), "-l", str(p), pdf, "-"],
                             capture_output=True, text=True).stdout
        cache[p] = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]
    return cache[p]


def text(p, box=None):
    ws = words(p)
    if box:
        x, y, w, h = box
        ws = [t for t in ws if x <= (t[0] + t[2]) / 2 <= x + w and y <= (t[1] + t[3]) / 2 <= y + h]
    return "".join(t[4] for t in ws).replace("&amp;", "&")


body = len(pages) + 1  # the first page labelled in arabic numbers (/PageLabels /S /D)
for o in objs.values():
    v = o.get("value") if isinstance(o, dict) else None
    if isinstance(v, dict) and isinstance(v.get("/Nums"), list):
        for i, lab in zip(v["/Nums"][0::2], v["/Nums"][1::2]):
            lab = val(lab) if isinstance(lab, str) else lab
            if isinstance(lab, dict) and lab.get("/S") == "/D":
                body = int(i) + 1
first = next((p for p in range(1, body) if "主要数据一览表（" in text(p)), None)
if first is None:
    print("no key-figures table by group")
    sys.exit(1)
top = min(w[1] for w in words(first) if "主要数据一览表" in w[4])
rows = [r for r in csv.DictReader(open(stats, encoding="utf-8")) if r["status"] == "ok"]
want_values, want_reports = len(rows), len({(r["group"], r["file"]) for r in rows})
bad, n = [], 0
for p in range(first, body):
    pg = val(pages[p - 1])
    h = float(pg["/MediaBox"][3])
    for a in pg.get("/Annots", []):
        a = val(a) if isinstance(a, str) else a
        if a.get("/Subtype") != "/Link":
            continue
        d = a.get("/Dest") or a["/A"]["/D"]
        d = d[2:] if d.startswith("u:") else d
        t = pages.index(dests[d]) + 1
        x1, y1, x2, y2 = [float(v) for v in a["/Rect"]]
        if p == first and h - y2 < top:
            continue  # the overview table above the first caption
        what = text(p, (x1, h - y2, x2 - x1, y2 - y1)).rstrip("*")
        n += 1
        if not what or what not in text(t):
            bad.append("p%d: '%s' links to p%d, which does not show it" % (p, what, t))
print("links %d, want %d values + %d report rows" % (n, want_values, want_reports))
for b in bad[:10]:
    print(b)
sys.exit(1 if bad or n != want_values + want_reports else 0)
