# Faults: the disk filling up during the write, an interrupt during a long
# build, a read-only output folder, and every exit status.  After each fault
# the previous book is byte-identical and no temporary file (.book.pdf.XXXXXX)
# is left in the output folder.
. "$(dirname "$0")/lib.sh"
home_for_nobody
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
# one message: not followed by "cannot find the trailer of the PDF cairo wrote"
if [ "$rc" -eq 3 ] && grep -Eq "error: .*book.pdf" "$TMP/stderr" && [ "$(grep -c error: "$TMP/stderr")" -eq 1 ]; then
	ok "size limit: exit 3 with one message naming the book"
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

# The output's folder moved away while the book is written: exit 3, saying
# so, and the temporary file gone from the moved folder too.
mkdir -p "$TMP/moving"
"$YB" build -q "${long[@]:0:100}" -o "$TMP/moving/book.pdf" 2>"$TMP/stderr" &
pid=$!
for _ in $(seq 400); do
	ls -A "$TMP/moving" 2>/dev/null | grep -q '^\.book' && break
	sleep 0.05
done
seen=$(ls -A "$TMP/moving")
mv "$TMP/moving" "$TMP/moved"
wait "$pid"
rc=$?
if [ -z "$seen" ]; then skip "folder moved while writing" "the temporary file never appeared (exit $rc)"
elif [ "$rc" -eq 3 ] && grep -q "its folder was removed or moved while the book was written" "$TMP/stderr" &&
     [ -z "$(ls -A "$TMP/moved")" ]; then ok "the output's folder moved while writing: exit 3, says so, nothing left"
else fail "folder moved while writing" "exit $rc; left: $(ls -A "$TMP/moved" | tr '\n' ' '); $(head -c 300 "$TMP/stderr")"; fi

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

# (c2) A full disk, in a private mount namespace (a 300 KiB tmpfs, filled), as
# root and as nobody; and a read-only folder as nobody: exit 3, one message
# naming the book, the previous book intact, nothing left beside it.
full_disk() {
	unshare -m --propagation private bash -c '
		yb=$1; report=$2; prev=$3; m=$4
		mount -t tmpfs -o size=300k,mode=777 none "$m" || exit 0
		for who in root nobody; do
			run() { if [ $who = root ]; then "$@"; else setpriv --reuid nobody --regid nogroup --clear-groups "$@"; fi; }
			rm -rf "$m"/*; cp "$prev" "$m/book.pdf"; chmod 666 "$m/book.pdf"
			run dd if=/dev/zero of="$m/fill" bs=1k 2>/dev/null
			run "$yb" build -q "$report" -o "$m/book.pdf" 2>"$m.err"; rc=$?
			left=$(ls -A "$m" | tr "\n" " ")
			if [ $rc -eq 3 ] && grep -q "book.pdf.: No space left on device" "$m.err" && [ "$(grep -c error: "$m.err")" -eq 1 ] &&
			   cmp -s "$prev" "$m/book.pdf" && [ "$left" = "book.pdf fill " ]; then
				echo "ok $who: a full disk: exit 3, one message, the previous book intact, nothing left"
			else echo "FAIL $who: a full disk: exit $rc; left: $left; $(head -c 300 "$m.err")"; fi
			# proofs: the page that does not fit is not left half written
			rm -f "$m/fill" "$m/book.pdf"
			run dd if=/dev/zero of="$m/fill" bs=1k count=250 2>/dev/null
			run "$yb" build -q "$report" --proof "$m/p" 2>"$m.err"; rc=$?
			cut=$(for f in "$m"/p-*.png; do [ -e "$f" ] && [ "$(tail -c 8 "$f" | od -An -tx1 | tr -d " \n")" != 49454e44ae426082 ] && echo "$f"; done)
			if [ $rc -eq 3 ] && grep -q "No space left on device" "$m.err" && [ -z "$cut" ] && ! ls -A "$m" | grep -q "^\.p-"; then
				echo "ok $who: proofs on a full disk: exit 3, no PNG half written, no temporary file"
			else echo "FAIL $who: proofs on a full disk: exit $rc; cut: $cut; $(ls -A "$m" | tr "\n" " ") $(head -c 300 "$m.err")"; fi
		done
		umount "$m"' _ "$YB" "${reports[0]}" "$TMP/previous.pdf" "$1"
}
if [ "$(id -u)" -ne 0 ]; then skip "a full disk" "needs root for a private mount namespace"
elif ! unshare -m --propagation private true 2>/dev/null; then skip "a full disk" "no private mount namespace here"
elif ! setpriv --reuid nobody --regid nogroup --clear-groups test -r "${reports[0]}"; then skip "a full disk" "nobody cannot read the samples"
else
	m=$(mktemp -d /tmp/yb-full.XXXXXX); chmod 755 "$m"
	full_disk "$m"
	rmdir "$m"
	d=$(mktemp -d /tmp/yb-ro.XXXXXX); chmod 755 "$d"; cp "$TMP/previous.pdf" "$d/book.pdf"
	setpriv --reuid nobody --regid nogroup --clear-groups "$YB" build -q "${reports[0]}" -o "$d/book.pdf" 2>"$TMP/stderr"; rc=$?
	if [ "$rc" -eq 2 ] && grep -q "is not writable by you" "$TMP/stderr" && cmp -s "$TMP/previous.pdf" "$d/book.pdf"; then
		ok "nobody, a folder and book it may not write: refused before anything is read, the book intact"
	else fail "nobody, read-only folder" "exit $rc; $(head -c 300 "$TMP/stderr")"; fi
	rm -f "$d/book.pdf"
	setpriv --reuid nobody --regid nogroup --clear-groups "$YB" build -q "${reports[0]}" -o "$d/book.pdf" 2>"$TMP/stderr"; rc=$?
	if [ "$rc" -eq 3 ] && grep -q "folder .* is not writable" "$TMP/stderr" && [ -z "$(ls -A "$d")" ]; then
		ok "nobody, a new book in a folder it may not write: exit 3 with a message, nothing written"
	else fail "nobody, new book in read-only folder" "exit $rc; $(head -c 300 "$TMP/stderr")"; fi
	rm -rf "$d"
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
