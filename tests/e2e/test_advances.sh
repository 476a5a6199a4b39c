# A paragraph that starts with a closing mark and an opening one (。（ ，（
# ）（ 》（), or with “『, and the same pairs met at a line start inside a
# paragraph: in every punctuation and 禁则 setting, Simplified and
# Traditional, no visible mark gets a zero or negative advance (its text
# order would be lost in extraction).
. "$(dirname "$0")/lib.sh"
python3 - "$TMP" <<'PY'
import sys
tmp = sys.argv[1]
s = "标题\n\n"
for mk in ["。（", "，（", "）（", "》（", "“『"]:
    s += mk + "这一段以两个标点开头，需要两端对齐，所以要足够长才能换行，我们继续写一些文字来填满这一行并且换到下一行。\n"
    for pad in range(0, 6):
        s += "这是一段很长的文字，用来测试行首标点" + "字" * pad + mk + "出现在行首的情况，前面的文字需要填满一行才可以，再多写几个字。\n"
open(tmp + "/marks.txt", "w").write(s)
PY
check_dump() { # check_dump NAME DUMP
	python3 - "$2" >"$TMP/py" 2>&1 <<'PY'
import sys, re, unicodedata
bad, body = [], False
for line in open(sys.argv[1]):
    if line.startswith("line "):
        body = " body " in line
        continue
    if not body:
        continue
    for ch, adv in re.findall(r" (\S+?):(-?[0-9.]+)", line):
        if ch == "<sp>" or "[" in ch or "]" in ch or unicodedata.category(ch[0]) in ("Mn", "Cf"):
            continue
        if float(adv) <= 0.001:
            bad.append((ch, adv))
print("ok" if not bad else "bad %s" % bad[:6])
PY
	grep -q '^ok' "$TMP/py" && ok "$1" || fail "$1" "$(cat "$TMP/py")"
}
for lang in zh-cn zh-tw; do
	for punct in full gb edge; do
		for kinsoku in basic gb strict; do
			printf '[style]\nname = t\ninherit = yearbook\n[typography]\npunct = %s\nkinsoku = %s\n' "$punct" "$kinsoku" >"$TMP/t.ini"
			printf '[book]\ntitle = 标点\nstyle = t.ini\n[report 1]\nfile = marks.txt\nlang = %s\n' "$lang" >"$TMP/book.ini"
			"$YB" build -q --dump=layout "$TMP/book.ini" -o "$TMP/m.pdf" >"$TMP/dump" 2>"$TMP/err" ||
				{ fail "$lang punct=$punct kinsoku=$kinsoku" "build failed: $(head -c 200 "$TMP/err")"; continue; }
			check_dump "$lang punct=$punct kinsoku=$kinsoku: every visible mark advances" "$TMP/dump"
		done
	done
done
finish
