# make install into a temporary DESTDIR: the installed binary builds a book
# with its own data, also after its prefix is moved away from where it was
# installed and with the checkout out of its reach; make uninstall removes
# every file it installed.
. "$(dirname "$0")/lib.sh"
B=$(dirname "$YB")
case $B in
	"$TOP"/*) ;;
	*) skip "install" "yearbook ($YB) is not built in this checkout"; finish ;;
esac
root=$TMP/root
mkdir -p "$root/usr/local/share/man"   # there before: uninstall leaves it
if ! make -s -C "$TOP" B="${B#"$TOP"/}" install PREFIX=/usr/local DESTDIR="$root" >"$TMP/make.out" 2>&1; then
	fail "make install" "$(tail -n 5 "$TMP/make.out")"
	finish
fi
p=$root/usr/local
missing=
for f in bin/yearbook share/yearbook/styles/yearbook.ini share/yearbook/styles/base.ini \
	share/yearbook/styles/indicators/rule-of-law.ini share/yearbook/fonts/yearbook.conf \
	share/yearbook/fonts/user/README.md share/man/man1/yearbook.1 \
	share/bash-completion/completions/yearbook share/zsh/site-functions/_yearbook; do
	[ -s "$p/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "make install: binary, styles, indicators, fonts, man page, completions" \
	|| fail "make install" "missing:$missing"
[ -x "$p/bin/yearbook" ] && ok "the installed binary is executable" || fail "install mode" "$(ls -l "$p/bin/yearbook")"

# The prefix moved elsewhere (as a package or a copied ~/.local would be):
# the binary finds the data beside it, not in the checkout.
moved=$TMP/elsewhere
mv "$p" "$moved"
env -u YEARBOOK_DATADIR "$moved/bin/yearbook" fonts >"$TMP/fonts.out" 2>&1
grep -q "$moved/share/yearbook/fonts" "$TMP/fonts.out" && ! grep -q "$TOP/fonts" "$TMP/fonts.out" \
	&& ok "the moved binary uses its own share/yearbook" || fail "data folder" "$(head -n 5 "$TMP/fonts.out")"
mkdir -p "$TMP/work"
cp -r "$SAMPLES"/*.txt "$SAMPLES/front" "$SAMPLES/book.ini" "$TMP/work/"
(cd "$TMP/work" && env -u YEARBOOK_DATADIR "$moved/bin/yearbook" build book.ini -o book.pdf) >"$TMP/build.out" 2>&1
if [ -s "$TMP/work/book.pdf" ] && grep -q '^wrote book.pdf: ' "$TMP/build.out" \
	&& pdftotext "$TMP/work/book.pdf" - | grep -q '法治政府建设年度报告汇编'
then ok "the installed binary builds the sample book"; else fail "installed build" "$(tail -n 3 "$TMP/build.out")"; fi
# the installed data is enough: a style the checkout has only in its own folder is not needed
"$moved/bin/yearbook" build --style gb9704 "$TMP/work/2023-qingyuan-wangchuan.txt" -o "$TMP/work/gb.pdf" 2>"$TMP/gb.err" \
	&& ok "an installed style by name" || fail "installed style" "$(cat "$TMP/gb.err")"
env -u YEARBOOK_DATADIR "$moved/bin/yearbook" build -q --archive "$TMP/work/2023-qingyuan-wangchuan.txt" \
	-o "$TMP/work/a.pdf" 2>"$TMP/a.err" && ok "the installed binary writes an archive (its archive.ini and fonts installed)" \
	|| fail "installed archive" "$(cat "$TMP/a.err")"

# YEARBOOK_DATADIR overrides the folder beside the binary
cp -r "$moved/share/yearbook" "$TMP/data"
printf '[page]\n' >"$TMP/data/styles/mine.ini"
YEARBOOK_DATADIR=$TMP/data "$moved/bin/yearbook" build --style mine "$TMP/work/2023-qingyuan-wangchuan.txt" \
	-o "$TMP/work/mine.pdf" 2>"$TMP/mine.err" && [ -s "$TMP/work/mine.pdf" ] \
	&& ok "YEARBOOK_DATADIR: a style only there" || fail "YEARBOOK_DATADIR" "$(cat "$TMP/mine.err")"
YEARBOOK_DATADIR=$TMP/nowhere "$moved/bin/yearbook" build "$TMP/work/2023-qingyuan-wangchuan.txt" \
	-o "$TMP/work/none.pdf" 2>"$TMP/none.err"
rc=$?
[ "$rc" -ne 0 ] && grep -q "YEARBOOK_DATADIR" "$TMP/none.err" && [ ! -e "$TMP/work/none.pdf" ] \
	&& ok "a data folder without data: an error naming YEARBOOK_DATADIR" || fail "no data" "exit $rc: $(cat "$TMP/none.err")"

# the installed man page and completion work from the installed places
MANWIDTH=80 man --warnings -l "$moved/share/man/man1/yearbook.1" 2>"$TMP/man.err" | grep -q 'yearbook build' \
	&& [ ! -s "$TMP/man.err" ] && ok "the installed man page reads cleanly" || fail "installed man page" "$(head -n 3 "$TMP/man.err")"
got=$(cd "$TMP/work" && PATH=$moved/bin:$PATH bash -c 'source "$0"; COMP_WORDS=(yearbook build --style g); COMP_CWORD=3
	_yearbook; echo "${COMPREPLY[*]}"' "$moved/share/bash-completion/completions/yearbook")
[ "$got" = gb9704 ] && ok "the installed bash completion" || fail "installed completion" "got '$got'"

# A data folder the user cannot write (sudo make install): fonts are added in
# the home folder the configuration names, and the messages say so.
home=$TMP/home
mkdir -p "$home/.local/share/yearbook/fonts"
: >"$home/.local/share/yearbook/fonts/empty.ttf"
if [ "$(id -u)" -ne 0 ]; then
	chmod a-w "$moved/share/yearbook/fonts/user"
	as_user() { env HOME="$home" "$@"; }
elif command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	chmod 755 "$TMP" && chown -R nobody "$home"
	as_user() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups env HOME="$home" "$@"; }
fi
if declare -F as_user >/dev/null; then
	as_user "$moved/bin/yearbook" fonts >"$TMP/fonts.out" 2>&1
	grep -q "^user fonts: *$home/.local/share/yearbook/fonts$" "$TMP/fonts.out" \
		&& ok "a read-only data folder: 'yearbook fonts' names the home font folder" \
		|| fail "home font folder" "$(head -n 3 "$TMP/fonts.out")"
	grep -q "empty.ttf: warning: not used as a font: the file is empty" "$TMP/fonts.out" \
		&& ok "a read-only data folder: the home font folder's files are checked" \
		|| fail "home fonts checked" "$(grep -m 2 -i 'warn\|error' "$TMP/fonts.out")"
	chmod -R u+w "$moved/share/yearbook/fonts/user"
else
	skip "home font folder" "running as root without setpriv or a 'nobody' user"
fi

# install-deps as a user without sudo (a fresh Debian): names the packages
# and the command to run as root instead of failing on 'sudo: not found'
mkdir -p "$TMP/nosudo"
printf '#!/bin/sh\nexit 1\n' >"$TMP/nosudo/dpkg-query" && chmod 755 "$TMP/nosudo/dpkg-query"
for t in id grep; do ln -s "$(command -v $t)" "$TMP/nosudo/$t"; done
if declare -F as_user >/dev/null; then
	chmod -R a+rX "$TMP/nosudo"
	as_user env PATH="$TMP/nosudo" /bin/bash "$TOP/.ci/install-deps" user >"$TMP/deps.out" 2>&1; rc=$?
	[ "$rc" -eq 1 ] && grep -q "sudo is not installed; as root, run" "$TMP/deps.out" \
		&& grep -q "^  apt-get install build-essential " "$TMP/deps.out" \
		&& ok "install-deps without sudo: the packages and the command for root" || fail "install-deps without sudo" "exit $rc: $(cat "$TMP/deps.out")"
fi

# make uninstall removes every file it installed
mv "$moved" "$p"
make -s -C "$TOP" B="${B#"$TOP"/}" uninstall PREFIX=/usr/local DESTDIR="$root" >"$TMP/make.out" 2>&1
left=$(find "$root" -type f | head -n 3)
[ -z "$left" ] && ok "make uninstall leaves no file" || fail "make uninstall" "left: $left"
left=$(find "$root" -mindepth 1 | sort | tr '\n' ' ')
[ "$left" = "$root/usr $root/usr/local $root/usr/local/share $root/usr/local/share/man " ] \
	&& ok "make uninstall removes the folders install made, not one that was there" || fail "uninstall folders" "left: $left"
finish
