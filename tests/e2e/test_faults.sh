# Faults: the disk filling up during the write, an interrupt during a long
# build, a read-only output folder, and every exit status.  After each fault
# the previous book is byte-identical and no temporary file (.book.pdf.XXXXXX)
# is left in the output folder.
. "$(dirname "$0")/lib.sh"
reports=("$SAMPLES"/*.txt)
if have_shared; then reports+=("$CORPUS"/*.txt); fi
out=$TMP/out
mkdir -p "$out"

# A previous book to protect: any bytes will do, it must survive unchanged.
printf '%%PDF-1.4 previous book\n' >"$TMP/previous.pdf"
previous() { cp "$TMP/previous.pdf" "$out/book.pdf"; }

# intact NAME: the previous book is unchanged and nothing else is in $out
intact() {
	local name=$1
	if ! cmp -s "$TMP/previous.pdf" "$out/book.pdf"; then
		fail "$name" "the previous book was changed or removed"
	elif [ "$(ls -A "$out")" != book.pdf ]; then
		fail "$name" "left files behind: $(ls -A "$out" | tr '\n' ' ')"
	else
		ok "$name"
	fi
}

# (a) A file size limit of 50 KiB; the sample book is over 1 MiB.
previous
(ulimit -f 50; "$YB" build -q "${reports[@]}" -o "$out/book.pdf") 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 3 ] && grep -Eq "error: .*book.pdf" "$TMP/stderr"; then ok "size limit: exit 3 with a message naming the book"
else fail "size limit: exit 3 with a message" "exit $rc; stderr: $(head -c 300 "$TMP/stderr")"; fi
intact "size limit: previous book intact, no temporary file"

previous
rm -f "$out/book.pdf"
(ulimit -f 50; "$YB" build -q "${reports[@]}" -o "$out/book.pdf") 2>/dev/null
if [ -z "$(ls -A "$out")" ]; then ok "size limit without a previous book: nothing written"
else fail "size limit without a previous book" "left: $(ls -A "$out" | tr '\n' ' ')"; fi

# (b) SIGINT during a long build (300 copies of the samples: seconds of work).
# A background job of a script ignores SIGINT; env gives it back the default.
long=()
for _ in $(seq 300); do long+=("$SAMPLES"/*.txt); done
previous
start=$(date +%s%N)
env --default-signal=INT "$YB" build -q "${long[@]}" -o "$out/book.pdf" 2>"$TMP/stderr" &
pid=$!
sleep 0.3
kill -INT "$pid"
wait "$pid"
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$rc" -eq 130 ]; then ok "SIGINT: exit status 130"
else fail "SIGINT: exit status 130" "exit $rc after $ms ms; stderr: $(head -c 300 "$TMP/stderr")"; fi
intact "SIGINT: previous book intact, no temporary file"

# SIGINT once the temporary file exists: wait until it appears, then interrupt.
previous
env --default-signal=INT "$YB" build -q "${long[@]}" -o "$out/book.pdf" 2>"$TMP/stderr" &
pid=$!
for _ in $(seq 200); do
	[ -n "$(ls -A "$out" | grep -v '^book.pdf$')" ] && break
	sleep 0.05
done
seen=$(ls -A "$out" | grep -v '^book.pdf$')
kill -INT "$pid"
wait "$pid"
rc=$?
if [ -z "$seen" ]; then skip "SIGINT while writing" "the temporary file never appeared (exit $rc)"
elif [ "$rc" -eq 130 ] && grep -q interrupted "$TMP/stderr"; then ok "SIGINT while writing: exit 130, says so"
else fail "SIGINT while writing" "exit $rc; stderr: $(head -c 300 "$TMP/stderr")"; fi
intact "SIGINT while writing: temporary file removed, previous book intact"

# (c) A read-only output folder (root ignores permissions).
if [ "$(id -u)" -eq 0 ]; then
	skip "read-only output folder" "running as root, which may write anywhere"
else
	previous
	chmod a-w "$out"
	"$YB" build -q "${reports[0]}" -o "$out/book.pdf" 2>"$TMP/stderr"
	rc=$?
	chmod u+w "$out"
	if [ "$rc" -eq 3 ] && grep -Eq "error: .*book.pdf" "$TMP/stderr"; then ok "read-only folder: exit 3 with a message"
	else fail "read-only folder: exit 3 with a message" "exit $rc; stderr: $(head -c 300 "$TMP/stderr")"; fi
	intact "read-only folder: previous book intact"
fi

# (d) Every exit status.
status() { # status NAME WANT ARGS...
	local name=$1 want=$2; shift 2
	"$YB" "$@" >/dev/null 2>"$TMP/stderr"
	local rc=$?
	if [ "$rc" -eq "$want" ]; then ok "exit $want: $name"
	else fail "exit $want: $name" "exit $rc; stderr: $(head -c 300 "$TMP/stderr")"; fi
}
: >"$TMP/empty.txt"
status "a good book" 0 build -q "${reports[0]}" -o "$TMP/good.pdf"
status "bad input (an empty report)" 1 build -q "$TMP/empty.txt" -o "$TMP/bad.pdf"
status "usage (an unknown option)" 2 build --frobnicate "${reports[0]}" -o "$TMP/usage.pdf"
status "usage (no command)" 2
status "system failure (missing output folder)" 3 build -q "${reports[0]}" -o "$TMP/nowhere/book.pdf"
finish
