# Pathological inputs (issue 6): each builds a correct book within a time
# limit, with nothing lost (roundtrip), never a crash or a hang.
. "$(dirname "$0")/lib.sh"
P=$TMP/p
mkdir -p "$P"
python3 - "$P" <<'PY'
import random, sys
d = sys.argv[1]
random.seed(7)
han = "法治政府建设年度报告依法行政执法监督司法行政公共服务规范文件审查备案"
def para(n):
    return "".join(random.choice(han) for _ in range(n))
def w(name, text, enc="utf-8"):
    open(f"{d}/{name}", "wb").write(text.encode(enc))
w("long-paragraph.txt", "长段落测试\n" + "".join(para(40) + "，" for _ in range(200000 // 41)) + "。\n")
w("long-token.txt", "长记号测试\n见" + "https://example.org/" + "a" * 3000 + "。\n")
w("many-headings.txt", "标题测试\n" + "".join(f"（{i}）{para(8)}\n" for i in range(1, 10001)))
w("punctuation.txt", "标点测试\n" + "。，、；：？！“”（）《》" * (50000 // 13) + "\n")
w("only-headings.txt", "只有标题\n一、总则\n（一）目的\n1.范围\n（1）定义\n二、附则\n")
w("only-title.txt", "只有标题的报告\n")
w("irregular.txt", "编号混乱\n三、先有三\n一、再有一\n（五）跳级\n1.一级下的三级\n1.重复编号\n（1）四级\n" + para(80) + "\n")
w("astral.txt", "生僻字测试\n𠮷野家的𠀀与\U0002CE80同在一行，" + para(30) + "。\n")
w("nul.txt", "空字符测试\n第一段\x00有一个空字符。\n" + para(60) + "\n")
w("no-newline.txt", "无换行结尾\n" + para(100) + "。")
w("mixed-eol.txt", "混合换行\r\n第一段。\n第二段。\r\n第三段。\r" + para(50) + "\n")
PY
built() { # built NAME SECONDS FILE: builds within the limit and roundtrip finds everything
	local name=$1 secs=$2 file=$3 start end
	start=$(date +%s.%N)
	if ! timeout "$secs" "$YB" build -q "$file" -o "$TMP/out.pdf" 2>"$TMP/err"; then
		fail "$name" "exit $? within ${secs}s: $(head -c 300 "$TMP/err")"; return
	fi
	end=$(date +%s.%N)
	local took; took=$(awk "BEGIN{printf \"%.1f\", $end - $start}")
	ok "$name: built in ${took}s"
	if [ ! -x "$TOOLS/roundtrip" ]; then
		skip "$name: nothing lost" "no roundtrip tool ($TOOLS/roundtrip is missing)"; return
	fi
	if out=$("$TOOLS/roundtrip" "$TMP/out.pdf" "$file" 2>&1); then
		ok "$name: nothing lost"
	else
		fail "$name" "$(grep -m1 LOST <<<"$out" | cut -c1-200)"
	fi
}
built "a 200,000-character paragraph" 60 "$P/long-paragraph.txt"
built "a 3,000-character token with no break" 30 "$P/long-token.txt"
built "10,000 headings" 120 "$P/many-headings.txt"
built "a line of 50,000 punctuation marks" 60 "$P/punctuation.txt"
built "a report of only headings" 20 "$P/only-headings.txt"
built "a report of only a title" 20 "$P/only-title.txt"
built "irregular numbering" 20 "$P/irregular.txt"
built "characters outside the BMP and in no font" 20 "$P/astral.txt"
built "a file that ends without a newline" 20 "$P/no-newline.txt"
built "mixed CRLF and LF" 20 "$P/mixed-eol.txt"
# NUL bytes: dropped with a warning naming the line; every other character kept
if timeout 20 "$YB" build "$P/nul.txt" -o "$TMP/nul.pdf" 2>"$TMP/err" || true; then :; fi
if [ -s "$TMP/nul.pdf" ] && grep -q 'nul.txt:2' "$TMP/err" && pdftotext "$TMP/nul.pdf" - | tr -d '\n ' | grep -q '第一段有一个空字符'; then
	ok "NUL bytes: a warning with file and line, the text around them kept"
else
	fail "NUL bytes" "$(head -c 300 "$TMP/err")"
fi
finish
