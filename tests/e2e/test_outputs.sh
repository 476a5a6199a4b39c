# Outputs that are not plain new files: standard output, a pipe, devices (in a
# private mount namespace, never the machine's /dev), links, folders, files
# that are not PDFs, permission bits, stale temporaries, proofs over inputs,
# and the same as an ordinary user (nobody).
. "$(dirname "$0")/lib.sh"
home_for_nobody
report="$SAMPLES/2022-nanyu-qinghe.txt"
"$YB" build -q "$report" -o "$TMP/ref.pdf" || fail "reference build" "exit $?"

# -o -: the PDF, byte for byte the one -o FILE writes, and nothing else on stdout
"$YB" build "$report" -o - >"$TMP/stdout.pdf" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$TMP/ref.pdf" "$TMP/stdout.pdf" && grep -q note "$TMP/stderr"; then
	ok "-o -: the same PDF on standard output, the notes on standard error"
else fail "-o -" "exit $rc; $(cmp "$TMP/ref.pdf" "$TMP/stdout.pdf" 2>&1 | head -c 200)"; fi
"$YB" build -q "$report" -o - --dump=layout >"$TMP/mixed" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$TMP/mixed" ]; then ok "-o - with --dump: refused, stdout empty"
else fail "-o - with --dump" "exit $rc, $(wc -c <"$TMP/mixed") bytes on stdout"; fi

# standard output closed: -o - is refused (it used to write the book into its
# own scratch file, which took descriptor 1, until the disk was full); with
# standard error closed no message lands in the book
timeout 60 "$YB" build -q "$report" -o - >&- 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "standard output, which is closed" "$TMP/stderr"; then
	ok "-o - with standard output closed: refused"
else fail "-o - with standard output closed" "exit $rc; $(head -c 200 "$TMP/stderr")"; fi
timeout 60 "$YB" build "$report" -o "$TMP/noerr.pdf" 2>&-
rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$TMP/ref.pdf" "$TMP/noerr.pdf"; then ok "standard error closed: the same book"
else fail "standard error closed" "exit $rc; $(cmp "$TMP/ref.pdf" "$TMP/noerr.pdf" 2>&1)"; fi

# a dump that does not get through (standard output on a full device) fails
# the build; --split cannot go to standard output; a proof under a file
if [ -c /dev/full ]; then
	"$YB" build -q --dump=layout "$report" -o "$TMP/dumped.pdf" >/dev/full 2>"$TMP/stderr"
	rc=$?
	if [ "$rc" -eq 3 ] && grep -q "cannot write the dump: No space left" "$TMP/stderr" && [ ! -e "$TMP/dumped.pdf" ]; then
		ok "--dump=layout into a full device: exit 3, says so, no PDF"
	else fail "--dump=layout into a full device" "exit $rc; $(head -c 200 "$TMP/stderr")"; fi
else skip "--dump=layout into a full device" "no /dev/full"; fi
"$YB" build -q --archive --split "$report" -o - >"$TMP/split.out" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "cannot go to standard output" "$TMP/stderr" && [ ! -e ./- ] && [ ! -s "$TMP/split.out" ]; then
	ok "--split -o -: refused, no folder named '-'"
else fail "--split -o -" "exit $rc; $(head -c 200 "$TMP/stderr")"; fi
"$YB" build -q "$report" --proof "$report/p" -o "$TMP/proofed.pdf" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "is a file, not a folder" "$TMP/stderr"; then ok "--proof under a file: says it is a file"
else fail "--proof under a file" "exit $rc; $(head -c 200 "$TMP/stderr")"; fi

# a named pipe nobody reads yet: yearbook says it waits, then writes when a reader comes
# (the reader comes once the note is out, however long the build takes to get there)
mkfifo "$TMP/later"
: >"$TMP/stderr"
(for i in $(seq 600); do grep -q "waiting for a program" "$TMP/stderr" && break; sleep 0.1; done
 timeout 60 cat "$TMP/later" >"$TMP/later.pdf") &
reader=$!
timeout 90 "$YB" build "$report" -o "$TMP/later" 2>"$TMP/stderr"
rc=$?
wait "$reader"
if [ "$rc" -eq 0 ] && grep -q "waiting for a program to read the pipe" "$TMP/stderr" && cmp -s "$TMP/ref.pdf" "$TMP/later.pdf"; then
	ok "a pipe without a reader: a note that yearbook waits, then the PDF"
else fail "a pipe without a reader" "exit $rc; $(head -c 300 "$TMP/stderr")"; fi

# a named pipe is written into, not replaced
mkfifo "$TMP/pipe"
timeout 120 cat "$TMP/pipe" >"$TMP/from-pipe.pdf" &
reader=$!
"$YB" build -q "$report" -o "$TMP/pipe" 2>"$TMP/stderr"
rc=$?
wait "$reader"
if [ "$rc" -eq 0 ] && [ -p "$TMP/pipe" ] && cmp -s "$TMP/ref.pdf" "$TMP/from-pipe.pdf"; then
	ok "a named pipe: the PDF goes through it, it stays a pipe"
else fail "a named pipe" "exit $rc; $(ls -l "$TMP/pipe") $(head -c 200 "$TMP/stderr")"; fi

# refusals, all before anything is read or laid out (the input does not exist)
refused() { # refused NAME STATUS REGEX OUTPUT
	local name=$1 want=$2 re=$3 out=$4
	"$YB" build -q "$TMP/missing.txt" -o "$out" 2>"$TMP/stderr"
	local rc=$?
	if [ "$rc" -eq "$want" ] && grep -Eq "$re" "$TMP/stderr" && ! grep -q missing.txt "$TMP/stderr"; then ok "$name"
	else fail "$name" "exit $rc; stderr: $(head -c 300 "$TMP/stderr")"; fi
}
printf 'keep me\n' >"$TMP/notes.txt"
refused "an existing file that is not a PDF is refused" 2 "notes.txt' exists and is not a PDF" "$TMP/notes.txt"
if [ "$(cat "$TMP/notes.txt")" = "keep me" ]; then ok "the file that is not a PDF is untouched"
else fail "the file that is not a PDF is untouched" "it changed"; fi
refused "-o . is a folder" 2 "'\.' is a folder; give a file name" .
refused "-o '' (an empty name)" 2 "the output file name is empty" ""
refused "-o FILE/x.pdf (a file as folder)" 2 "x.pdf' is not in a folder: a part of its path is a file" "$TMP/notes.txt/x.pdf"
cp "$TMP/ref.pdf" "$TMP/readonly.pdf"
chmod 444 "$TMP/readonly.pdf"
refused "a read-only PDF is not replaced" 2 "readonly.pdf' is read-only; refusing to replace it" "$TMP/readonly.pdf"
refused "-o DIR/ is a folder" 2 "is a folder; give a file name" "$TMP/"
ln -s "$TMP/nothing-here.pdf" "$TMP/dangling.pdf"
refused "a dangling link is refused" 2 "symbolic link to a file that does not exist" "$TMP/dangling.pdf"
ln -s loop.pdf "$TMP/loop.pdf"
refused "a link to itself is refused, saying so" 2 "symbolic link that leads back to itself" "$TMP/loop.pdf"

# a link to a PDF: the PDF is replaced, the link stays; permission bits are kept
cp "$TMP/ref.pdf" "$TMP/target.pdf"
printf '%%PDF-1.4 old\n' >"$TMP/target.pdf"
chmod 600 "$TMP/target.pdf"
ln -s target.pdf "$TMP/link.pdf"
"$YB" build -q "$report" -o "$TMP/link.pdf" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -eq 0 ] && [ -L "$TMP/link.pdf" ] && cmp -s "$TMP/ref.pdf" "$TMP/target.pdf"; then
	ok "a link to a PDF: the target is rewritten, the link kept"
else fail "a link to a PDF" "exit $rc; $(ls -l "$TMP/link.pdf") $(head -c 200 "$TMP/stderr")"; fi
mode=$(stat -c %a "$TMP/target.pdf")
if [ "$mode" = 600 ]; then ok "the old book's permission bits (600) are kept"
else fail "permission bits kept" "600 became $mode"; fi

# stale temporaries: one nobody holds is removed with a note; one a running
# build holds (locked) is left alone; a killed build's is removed next time
mkdir "$TMP/out"
: >"$TMP/out/.book.pdf.Ab12Cd"
: >"$TMP/out/.book.pdf.Held01"
: >"$TMP/out/.other.pdf.Ab12Cd"
flock "$TMP/out/.book.pdf.Held01" sleep 30 &
holder=$!
sleep 0.2
"$YB" build "$report" -o "$TMP/out/book.pdf" 2>"$TMP/stderr"
rc=$?
left=$(ls -A "$TMP/out" | sort | tr '\n' ' ')
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
if [ "$rc" -eq 0 ] && [ "$left" = ".book.pdf.Held01 .other.pdf.Ab12Cd book.pdf " ] &&
   grep -q "removed .*\.book\.pdf\.Ab12Cd" "$TMP/stderr"; then
	ok "a stale temporary is removed with a note, a held one and another output's are not"
else fail "stale temporaries" "exit $rc; left: $left; $(head -c 300 "$TMP/stderr")"; fi
rm -f "$TMP/out"/.book.pdf.* "$TMP/out"/.other*
long=()
for _ in $(seq 60); do long+=("$SAMPLES"/*.txt); done
"$YB" build -q "${long[@]}" -o "$TMP/out/book.pdf" 2>/dev/null &
pid=$!
for _ in $(seq 400); do ls -A "$TMP/out" | grep -q '^\.book' && break; sleep 0.05; done
kill -KILL "$pid"; wait "$pid" 2>/dev/null
seen=$(ls -A "$TMP/out" | grep '^\.book' | tr '\n' ' ')
"$YB" build -q "$report" -o "$TMP/out/book.pdf" 2>/dev/null
after=$(ls -A "$TMP/out" | tr '\n' ' ')
if [ -z "$seen" ]; then skip "SIGKILL leftovers" "the temporary file never appeared"
elif [ "$after" = "book.pdf " ]; then ok "a temporary left by SIGKILL ($seen) is gone after the next build"
else fail "SIGKILL leftovers" "left: $after"; fi

# SIGTERM: 128 + 15, as the README says
"$YB" build -q "${long[@]}" -o "$TMP/out/term.pdf" 2>/dev/null &
pid=$!
sleep 0.3
kill -TERM "$pid"; wait "$pid"
rc=$?
if [ "$rc" -eq 143 ] && ! ls -A "$TMP/out" | grep -q term; then ok "SIGTERM: exit 143, nothing left"
else fail "SIGTERM" "exit $rc; $(ls -A "$TMP/out" | tr '\n' ' ')"; fi

# --proof never replaces an input that happens to be called like a proof
cp "$report" "$TMP/p-1.png"
"$YB" build -q "$TMP/p-1.png" --proof "$TMP/p" -o "$TMP/proof.pdf" 2>"$TMP/stderr"
rc=$?
if [ "$rc" -ne 0 ] && cmp -s "$report" "$TMP/p-1.png" && grep -q "p-1.png' exists" "$TMP/stderr"; then
	ok "--proof refuses to replace an input"
else fail "--proof over an input" "exit $rc; $(head -c 300 "$TMP/stderr")"; fi

# devices, in a private mount namespace with a tmpfs standing in for /dev
devices() {
	unshare -m --propagation private bash -c '
		set -e
		d=$1; yb=$2; report=$3; ref=$4
		mkdir -p "$d" && mount -t tmpfs none "$d"
		mknod -m 666 "$d/null" c 1 3 && mknod -m 666 "$d/full" c 1 7
		ln -s null "$d/stdout"
		chmod 755 "$d"
		for who in root nobody; do
			run() { if [ $who = root ]; then "$@"; else setpriv --reuid nobody --regid nogroup --clear-groups "$@"; fi; }
			for dev in null stdout; do
				set +e; run "$yb" build -q "$report" -o "$d/$dev" 2>"$d/err"; rc=$?; set -e
				if [ $rc -eq 0 ] && [ -c "$d/null" ] && [ -L "$d/stdout" ]; then echo "ok $who: -o DEV/$dev: exit 0, still a device"
				else echo "FAIL $who: -o DEV/$dev: exit $rc; $(ls -l "$d" | tr "\n" " ") $(head -c 200 "$d/err")"; fi
			done
			set +e; run "$yb" build -q "$report" -o "$d/full" 2>"$d/err"; rc=$?; set -e
			if [ $rc -eq 3 ] && [ -c "$d/full" ] && grep -q "No space left" "$d/err"; then echo "ok $who: -o DEV/full: exit 3, says the device is full, still a device"
			else echo "FAIL $who: -o DEV/full: exit $rc; $(ls -l "$d/full") $(head -c 200 "$d/err")"; fi
		done
		umount "$d"' _ "$1" "$YB" "$report" "$TMP/ref.pdf"
}
shared=$(mktemp -d /tmp/yb-dev.XXXXXX)
chmod 755 "$shared"
if [ "$(id -u)" -ne 0 ]; then skip "devices" "needs root for a private mount namespace and mknod"
elif ! unshare -m --propagation private true 2>/dev/null; then skip "devices" "no private mount namespace here"
elif ! setpriv --reuid nobody --regid nogroup --clear-groups test -r "$report"; then skip "devices" "nobody cannot read $report"
else devices "$shared/dev"; fi
rm -rf "$shared"

# an ordinary user: the same refusals and a write into a pipe
if [ "$(id -u)" -eq 0 ] && setpriv --reuid nobody --regid nogroup --clear-groups test -r "$report"; then
	nob=$(mktemp -d /tmp/yb-nobody.XXXXXX); chmod 777 "$nob"
	printf 'keep me\n' >"$nob/notes.txt"; chmod 666 "$nob/notes.txt"
	setpriv --reuid nobody --regid nogroup --clear-groups "$YB" build -q "$report" -o "$nob/notes.txt" 2>"$nob/err"
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$(cat "$nob/notes.txt")" = "keep me" ]; then ok "nobody: a file that is not a PDF is refused"
	else fail "nobody: a file that is not a PDF" "exit $rc; $(head -c 200 "$nob/err")"; fi
	cp "$TMP/ref.pdf" "$nob/roots.pdf"; chmod 644 "$nob/roots.pdf"
	setpriv --reuid nobody --regid nogroup --clear-groups "$YB" build -q "$report" -o "$nob/roots.pdf" 2>"$nob/err"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "is not writable by you" "$nob/err" && cmp -s "$TMP/ref.pdf" "$nob/roots.pdf"; then
		ok "nobody: another user's PDF it may not write is refused, not replaced"
	else fail "nobody: another user's PDF" "exit $rc; $(head -c 200 "$nob/err")"; fi
	setpriv --reuid nobody --regid nogroup --clear-groups "$YB" build -q "$report" -o - >"$nob/out.pdf" 2>"$nob/err"
	rc=$?
	if [ "$rc" -eq 0 ] && cmp -s "$TMP/ref.pdf" "$nob/out.pdf"; then ok "nobody: -o - writes the same PDF"
	else fail "nobody: -o -" "exit $rc; $(head -c 200 "$nob/err")"; fi
	rm -rf "$nob"
else skip "as nobody" "not root, or nobody cannot read the samples"; fi
finish
