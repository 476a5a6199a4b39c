# Resource and environment limits: a memory limit and a process limit end
# with exit 3 and a message (not a GLib abort), -j is capped, an out-of-range
# SOURCE_DATE_EPOCH is refused, the layout dump ignores the locale's decimal
# comma.
. "$(dirname "$0")/lib.sh"
home_for_nobody
report="$SAMPLES/2022-nanyu-qinghe.txt"
mkdir -p "$TMP/out"
printf '%%PDF-1.4 previous book\n' >"$TMP/out/book.pdf"

# memory: 50 MB of address space is too little for Pango, fontconfig and the
# fonts; 400 MB is enough for the samples at -j 2 (under a limit one malloc
# arena serves every thread: each used to reserve 64 MB, and they failed
# under 500 MB; each thread's stack takes 8 MB, and Pango starts threads of
# its own, so -j 8 needs about 50 MB more)
if [[ "${YB_BUILD:-}" == *asan* ]]; then
	skip "memory limit" "AddressSanitizer reserves its shadow memory beyond any ulimit -v"
else
(ulimit -v 400000; "$YB" build -q -j 2 "$SAMPLES"/*.txt -o "$TMP/small.pdf") 2>"$TMP/err"; rc=$?
if [ "$rc" -eq 0 ] && cmp -s "$TMP/small.pdf" <("$YB" build -q -j 2 "$SAMPLES"/*.txt -o - 2>/dev/null); then
	ok "400 MB of address space, -j 2: the samples build, the same bytes"
else fail "400 MB of address space" "exit $rc; $(tail -c 300 "$TMP/err")"; fi
(ulimit -v 50000; "$YB" build -q "$SAMPLES"/*.txt -o "$TMP/out/book.pdf") 2>"$TMP/err"; rc=$?
if [ "$rc" -eq 3 ] && grep -q "error: out of memory, or a library failed" "$TMP/err" &&
   [ "$(ls -A "$TMP/out")" = book.pdf ] && grep -q 'previous book' "$TMP/out/book.pdf"; then
	ok "a memory limit: exit 3 with a message, the previous book intact, nothing left"
else fail "memory limit" "exit $rc; $(tail -c 300 "$TMP/err")"; fi
fi

# threads: as an ordinary user with almost no processes allowed
if [ "$(id -u)" -eq 0 ] && setpriv --reuid nobody --regid nogroup --clear-groups test -r "$report"; then
	d=$(mktemp -d /tmp/yb-limits.XXXXXX); chmod 777 "$d"
	setpriv --reuid nobody --regid nogroup --clear-groups bash -c "ulimit -u 3; '$YB' build -q -j 100 '$report' -o '$d/j.pdf'" 2>"$TMP/err"; rc=$?
	if [ "$rc" -eq 3 ] && grep -q "out of memory, or a library failed" "$TMP/err" && [ -z "$(ls -A "$d")" ]; then
		ok "nobody under a process limit, -j 100: exit 3 with a message, nothing written"
	else fail "process limit" "exit $rc; $(tail -c 300 "$TMP/err")"; fi
	rm -rf "$d"
else skip "process limit" "needs root to run as nobody (root ignores process limits)"; fi

# -j 2000 is capped at four threads a core: 120 reports, the same bytes and
# about the memory of -j (4 x cores), not a Pango context per report
long=()
for _ in $(seq 20); do long+=("$SAMPLES"/*.txt); done
cap=$((4 * $(nproc)))
/usr/bin/time -f %M -o "$TMP/rss1" "$YB" build -q -j "$cap" "${long[@]}" -o "$TMP/jcap.pdf" 2>/dev/null
/usr/bin/time -f %M -o "$TMP/rss2" "$YB" build -q -j 2000 "${long[@]}" -o "$TMP/j2000.pdf" 2>"$TMP/err"; rc=$?
r1=$(tail -n 1 "$TMP/rss1"); r2=$(tail -n 1 "$TMP/rss2")
if [ "$rc" -eq 0 ] && cmp -s "$TMP/jcap.pdf" "$TMP/j2000.pdf" && [ "$r2" -le $((r1 * 12 / 10)) ]; then
	ok "-j 2000: capped at -j $cap, the same book, peak $r2 KiB (-j $cap: $r1 KiB)"
else fail "-j 2000" "exit $rc, peak $r2 KiB against $r1 KiB; $(tail -c 200 "$TMP/err")"; fi

# SOURCE_DATE_EPOCH out of range or not a number: refused before anything is read
for sde in 99999999999999 -5 1e9 abc; do
	SOURCE_DATE_EPOCH=$sde "$YB" build -q "$report" -o "$TMP/sde.pdf" 2>"$TMP/err"; rc=$?
	if [ "$rc" -eq 2 ] && grep -q "SOURCE_DATE_EPOCH='$sde' is not a time" "$TMP/err" && [ ! -e "$TMP/sde.pdf" ]; then
		ok "SOURCE_DATE_EPOCH=$sde: refused"
	else fail "SOURCE_DATE_EPOCH=$sde" "exit $rc; $(head -c 200 "$TMP/err")"; fi
done
SOURCE_DATE_EPOCH=253402300799 "$YB" build -q "$report" -o "$TMP/sde.pdf" 2>"$TMP/err"; rc=$?
[ "$rc" -eq 0 ] && pdfinfo "$TMP/sde.pdf" | grep -q 'CreationDate:.*9999' && ok "SOURCE_DATE_EPOCH at 9999-12-31: accepted" \
	|| fail "SOURCE_DATE_EPOCH 9999" "exit $rc; $(head -c 200 "$TMP/err")"

# a locale with a decimal comma changes nothing in the dump
mkdir -p "$TMP/loc"
if ! command -v localedef >/dev/null || ! localedef -i de_DE -f UTF-8 "$TMP/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	skip "decimal comma" "cannot build a de_DE locale (localedef, locales sources)"
elif ! LOCPATH=$TMP/loc LC_ALL=de_DE.UTF-8 /usr/bin/printf '%.1f' 1.5 2>/dev/null | grep -q ,; then
	skip "decimal comma" "the de_DE locale built here has no decimal comma"
else
	"$YB" build -q --dump=layout "$report" -o "$TMP/c.pdf" >"$TMP/c.dump" 2>/dev/null
	LOCPATH=$TMP/loc LC_ALL=de_DE.UTF-8 "$YB" build -q --dump=layout "$report" -o "$TMP/de.pdf" >"$TMP/de.dump" 2>/dev/null
	if [ -s "$TMP/c.dump" ] && cmp -s "$TMP/c.dump" "$TMP/de.dump" && cmp -s "$TMP/c.pdf" "$TMP/de.pdf"; then
		ok "de_DE (decimal comma): the same dump and the same PDF"
	else fail "decimal comma" "$(diff "$TMP/c.dump" "$TMP/de.dump" | head -n 3)"; fi
fi
finish
