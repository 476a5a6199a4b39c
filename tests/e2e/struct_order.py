"""struct_order.py BOOK.pdf: the structure tree's top-level elements in page
order.  Prints "elements N, out of order K, first pages [...]" (pages from 0,
in the page tree's order); exits 1 when an element comes before one on an
earlier page or has no page, 0 otherwise.  Needs qpdf."""
import re, subprocess, sys

def check(path):
    q = subprocess.run(['qpdf','--qdf','--object-streams=disable',path,'-'],capture_output=True).stdout.decode('latin1')
    objs = {}
    for m in re.finditer(r'\n(\d+) 0 obj\n(.*?)\nendobj', q, re.S):
        objs[int(m.group(1))] = m.group(2)
    root = [o for o in objs.values() if '/Type /Catalog' in o][0]
    pages_n = int(re.search(r'/Pages (\d+) 0 R', root).group(1))
    kids = [int(x) for x in re.findall(r'(\d+) 0 R', re.search(r'/Kids \[(.*?)\]', objs[pages_n], re.S).group(1))]
    pidx = {k:i for i,k in enumerate(kids)}
    st = int(re.search(r'/StructTreeRoot (\d+) 0 R', root).group(1))
    K = [int(x) for x in re.findall(r'(\d+) 0 R', re.search(r'/K \[(.*?)\]', objs[st], re.S).group(1))]
    def page_of(n, depth=0):
        o = objs.get(n, '')
        m = re.search(r'/Pg (\d+) 0 R', o)
        if m: return pidx.get(int(m.group(1)))
        m = re.search(r'/K \[(.*?)\]', o, re.S) or re.search(r'/K (\d+ 0 R)', o)
        if m and depth < 20:
            for r in re.findall(r'(\d+) 0 R', m.group(1)):
                p = page_of(int(r), depth+1)
                if p is not None: return p
        return None
    seq = [page_of(k) for k in K]
    known = [p for p in seq if p is not None]
    bad = sum(1 for a, b in zip(known, known[1:]) if b < a) + len(seq) - len(known)
    print('elements %d, out of order %d, first pages %s' % (len(K), bad, known[:5]))
    return bad == 0 and len(K) > 0

sys.exit(0 if check(sys.argv[1]) else 1)
