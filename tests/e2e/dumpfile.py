"""dumpfile: read a whole `yearbook build --dump=layout` dump, or refuse it.

A dump ends with 'end pages=N', N the number of its 'page' lines.  A
checker handed an empty dump or one cut short (no end line, a last line
without its newline, fewer pages than the end line says, no laid-out line
at all) must not pass it as a clean book: lines() prints what is wrong and
exits 2."""
import re
import sys

END = re.compile(r"^end pages=(\d+)$")


def refuse(path, why):
    print(f"{path}: {why}; not a whole --dump=layout dump", file=sys.stderr)
    sys.exit(2)


def lines(path):
    """The dump's lines, each with its newline, without the end line."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        refuse(path, str(e))
    if not text:
        refuse(path, "empty")
    if not text.endswith("\n"):
        refuse(path, "truncated: the last line has no newline")
    rows = text.splitlines(keepends=True)
    end = END.match(rows[-1].rstrip("\n"))
    if not end:
        refuse(path, "truncated: no 'end pages=N' line at the end")
    pages = sum(1 for r in rows if r.startswith("page "))
    if pages != int(end.group(1)):
        refuse(path, f"truncated: {pages} pages, the end line says {end.group(1)}")
    if not any(r.startswith("line p") for r in rows):
        refuse(path, "empty: no laid-out line")
    return rows[:-1]
