# yearbook: one plain GNU Makefile.  Objects and outputs live under build/.
#   make            build build/yearbook (and a sample book with `make demo`)
#   make check      run every test (tests/run)
#   make bench      speed and memory figures
#   make DEVELOPER=1  strict warnings, as errors
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
YB_CFLAGS_EXTRA = -DYB_DATADIR='"$(abspath .)"'
SRC     := $(sort $(filter-out src/main.c,$(wildcard src/*.c)))
OBJ     := $(SRC:src/%.c=$(B)/obj/%.o)
UNITSRC := $(sort $(wildcard tests/unit/test_*.c))
UNITBIN := $(UNITSRC:tests/unit/%.c=$(B)/tests/%)

all: $(B)/yearbook

$(B)/obj/%.o: src/%.c | $(B)/obj $(B)/.deps
	$(CC) $(YB_CFLAGS) $(CFLAGS) $(YB_CFLAGS_EXTRA) -c -o $@ $<

$(B)/libyb.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/yearbook: $(B)/obj/main.o $(B)/libyb.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) $(LDFLAGS)

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libyb.a | $(B)/tests
	$(CC) $(YB_CFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/libyb.a $(LDLIBS) $(LDFLAGS)

$(B)/obj $(B)/tests:
	mkdir -p $@

# Missing Debian packages are installed once (see .ci/install-deps).
$(B)/.deps: .ci/install-deps
	bash .ci/install-deps
	mkdir -p $(B) && touch $@

units: $(UNITBIN)

check: all units
	tests/run

demo: all
	$(B)/yearbook build samples/book.ini -o $(B)/sample-book.pdf

bench: all
	bench/run

clean:
	rm -rf $(B)

.PHONY: all units check demo bench clean
-include $(OBJ:.o=.d) $(B)/obj/main.d
