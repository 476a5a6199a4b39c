# yearbook: one plain GNU Makefile.  Objects and outputs live under build/.
#   make            build build/yearbook (and a sample book with `make demo`)
#   make check      run every test (tests/run)
#   make bench      speed and memory figures
#   make deps       the modules' include graph; fails on a cycle
#   make DEVELOPER=1  strict warnings, as errors
#   make asan       everything again under ASan+UBSan in build/asan/, then the whole suite
#   make fuzz       libFuzzer targets (tests/fuzz/), each run FUZZ_SECONDS
#   make leakcheck  the end-to-end builds under valgrind
#   make install    PREFIX=/usr/local DESTDIR=: binary, data, man page, completions
#   make uninstall  the same files removed
PKGS    := pangocairo pangoft2 cairo-ft fontconfig freetype2 glib-2.0 gthread-2.0
CC      ?= cc
CFLAGS  ?= -O2 -g
# -Wno-unused-parameter: backend callbacks share one signature and not all use every argument
YB_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -MMD -MP $(shell pkg-config --cflags $(PKGS))
ifeq ($(DEVELOPER),1)
YB_CFLAGS += -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
             -Wformat=2 -Wvla
endif
LDLIBS  = $(shell pkg-config --libs $(PKGS)) -lhpdf -lm -lpthread

B       := build
PREFIX  ?= /usr/local
bindir      = $(PREFIX)/bin
datadir     = $(PREFIX)/share/yearbook
man1dir     = $(PREFIX)/share/man/man1
bashcompdir = $(PREFIX)/share/bash-completion/completions
zshcompdir  = $(PREFIX)/share/zsh/site-functions
# The data folder: next to the binary (PREFIX/share/yearbook, or the checkout
# for build/yearbook), else these two (see src/paths.h).
YB_CFLAGS_EXTRA = -DYB_SRCDIR='"$(abspath .)"' -DYB_DATADIR='"$(datadir)"'
SRC     := $(sort $(filter-out src/main.c,$(wildcard src/*.c)))
OBJ     := $(SRC:src/%.c=$(B)/obj/%.o)
UNITSRC := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN := $(UNITSRC:tests/unit/%.c=$(B)/tests/%)
# TrueType-outline copies of the CFF faces (fonts/truetype.list), made once
# into fonts/truetype/ (about half a minute a face, in parallel with -j);
# they depend on the installed fonts, not on the sources, so `make clean`
# keeps them and `make clean-fonts` removes them.
TTLIST  := fonts/truetype.list
TTFONTS := $(addprefix fonts/truetype/,$(shell sed -n 's/^\([^#| ]*\.ttf\).*/\1/p' $(TTLIST)))

all: $(B)/yearbook $(TTFONTS)

$(B)/obj/%.o: src/%.c | $(B)/obj $(B)/.deps
	$(CC) $(YB_CFLAGS) $(CFLAGS) $(YB_CFLAGS_EXTRA) -c -o $@ $<

$(B)/libyb.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/yearbook: $(B)/obj/main.o $(B)/libyb.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(LDFLAGS)

$(B)/tests/%: tests/unit/%.c $(B)/libyb.a | $(B)/tests
	$(CC) $(YB_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/libyb.a $(LDLIBS) $(LDFLAGS)

$(B)/obj $(B)/tests:
	mkdir -p $@

# Missing Debian packages are installed once (see .ci/install-deps): what a
# user needs to build and run, what the tests need, what developers need.
$(B)/.deps: .ci/install-deps
	bash .ci/install-deps user
	mkdir -p $(B) && touch $@
$(B)/.deps-test $(B)/.deps-dev: $(B)/.deps-%: .ci/install-deps
	bash .ci/install-deps $*
	mkdir -p $(B) && touch $@

units: $(UNITBIN)

# (the bench floor too, so that it keeps compiling)
check: all units $(B)/yearbook.1 $(B)/bench-floor | $(B)/.deps-test
	tests/run

demo: all
	$(B)/yearbook build samples/book.ini -o $(B)/sample-book.pdf

# The man page: docs/yearbook.1.in with the commands and options that the
# binary's own help describes (yearbook help --man); renamed into place
# whole, since a test may read it while another's make install makes it.
$(B)/yearbook.1: docs/yearbook.1.in $(B)/yearbook
	$(B)/yearbook help --man synopsis >$@.synopsis
	$(B)/yearbook help --man commands >$@.commands
	sed -e '/^@SYNOPSIS@$$/{r $@.synopsis' -e 'd}' -e '/^@COMMANDS@$$/{r $@.commands' -e 'd}' \
		docs/yearbook.1.in >$@.tmp
	rm -f $@.synopsis $@.commands
	mv $@.tmp $@

# The folders install makes are listed in DATADIR/.made-dirs (with those of
# an earlier install), so that uninstall removes them again when they are
# empty, deepest first, and never one that was there before.
YB_DIRS := $(bindir) $(man1dir) $(bashcompdir) $(zshcompdir) $(datadir)
install: all $(B)/yearbook.1
	new=; for d in $(YB_DIRS); do \
		while [ "$$d" != / ] && [ ! -d "$(DESTDIR)$$d" ]; do new="$$new $$d"; d=$$(dirname "$$d"); done; \
	done; \
	install -d $(addprefix $(DESTDIR),$(YB_DIRS)) && \
	{ cat $(DESTDIR)$(datadir)/.made-dirs 2>/dev/null; printf '%s\n' $$new; } | sort -u | grep -v '^$$' \
		>$(DESTDIR)$(datadir)/.made-dirs.new; mv $(DESTDIR)$(datadir)/.made-dirs.new $(DESTDIR)$(datadir)/.made-dirs
	install -m 755 $(B)/yearbook $(DESTDIR)$(bindir)/yearbook
	for f in styles/*.ini styles/indicators/*.ini fonts/*.conf $(TTFONTS) fonts/user/README.md archive/*.ini; do \
		install -D -m 644 $$f $(DESTDIR)$(datadir)/$$f || exit 1; \
	done
	install -m 644 $(B)/yearbook.1 $(DESTDIR)$(man1dir)/yearbook.1
	install -m 644 completion/yearbook.bash $(DESTDIR)$(bashcompdir)/yearbook
	install -m 644 completion/yearbook.zsh $(DESTDIR)$(zshcompdir)/_yearbook

uninstall:
	made=$$(awk '{ print gsub("/", "/"), $$0 }' $(DESTDIR)$(datadir)/.made-dirs 2>/dev/null | sort -rn | cut -d' ' -f2-); \
	rm -f $(DESTDIR)$(bindir)/yearbook $(DESTDIR)$(man1dir)/yearbook.1 \
		$(DESTDIR)$(bashcompdir)/yearbook $(DESTDIR)$(zshcompdir)/_yearbook && \
	rm -rf $(DESTDIR)$(datadir) && \
	for d in $$made; do rmdir "$(DESTDIR)$$d" 2>/dev/null || true; done

# The modules' include graph, and whether it has a cycle (exit 1 if so).
deps:
	@tests/deps.sh

bench: all $(B)/bench-floor | $(B)/.deps-dev
	FLOOR=$(B)/bench-floor bench/run

# The benchmark's floor (Pango alone), a program of its own: bench/floor.c.
$(B)/bench-floor: bench/floor.c $(B)/libyb.a
	$(CC) $(YB_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/libyb.a $(LDLIBS) $(LDFLAGS)

# Sanitizers: the same Makefile with another build folder and flags.  The unit
# tests find styles/ and fonts/ two folders above their binary, so build/ gets
# links to them.  Leaks are valgrind's job (make leakcheck): fontconfig and
# pango keep caches for the life of the process.
SAN_CC    ?= clang
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
SAN_ENV   := ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:abort_on_error=1
asan: | $(B)/.deps-dev
	$(MAKE) B=build/asan CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" all units build/asan/yearbook.1
	ln -sfn ../styles build/styles && ln -sfn ../fonts build/fonts && ln -sfn ../archive build/archive
	$(SAN_ENV) YB_BUILD=build/asan tests/run

# Fuzzing (clang's libFuzzer): libyb again with coverage instrumentation in
# build/fuzz/, one binary per tests/fuzz/fuzz_*.c, then tests/fuzz/run.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := read parse manifest style book
FUZZ_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
fuzz-build: | $(B)/.deps-dev
	$(MAKE) B=build/fuzz CC=clang CFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_FLAGS)" build/fuzz/libyb.a
	for t in $(FUZZ_TARGETS); do \
		clang $(YB_CFLAGS) -fsanitize=fuzzer $(FUZZ_FLAGS) -DYB_LIBFUZZER -Isrc -o build/fuzz/fuzz_$$t \
			tests/fuzz/fuzz_$$t.c tests/fuzz/fuzz_file.c build/fuzz/libyb.a $(LDLIBS) || exit 1; \
	done

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run $(FUZZ_TARGETS)

# make check replays tests/fuzz/regressions/ through the fuzz targets.
$(B)/tests/test_fuzz_regressions: $(wildcard tests/fuzz/*.c tests/fuzz/*.h)

# The end-to-end builds of test_book.sh under valgrind (tests/valgrind-yearbook):
# any memory error or definite leak not in tests/valgrind.supp fails.
leakcheck: all | $(B)/.deps-dev
	rm -rf build/leakcheck
	@YB_BIN=$(abspath tests/valgrind-yearbook) tests/run test_book; rc=$$?; \
	bad=$$(find build/leakcheck -type f -size +0); \
	if [ -n "$$bad" ]; then cat $$bad; echo "leakcheck: valgrind reports above"; exit 1; fi; \
	[ $$rc -eq 0 ] && echo "leakcheck: $$(ls build/leakcheck | wc -l) runs, no memory errors, no definite leaks"

fonts/truetype/%.ttf: $(TTLIST) fonts/make-truetype | $(B)/.deps
	fonts/make-truetype $(TTLIST) fonts/truetype $*.ttf

clean:
	rm -rf $(B)

clean-fonts:
	rm -rf fonts/truetype

.PHONY: all units check demo deps bench clean clean-fonts asan fuzz fuzz-build leakcheck install uninstall
# Dependency files (-MMD) of the objects and of the unit tests (their headers: t.h, capture.h ...).
-include $(OBJ:.o=.d) $(B)/obj/main.d $(UNITBIN:=.d)
