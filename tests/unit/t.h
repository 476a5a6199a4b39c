/* t.h: the smallest test harness.  Each check prints one line the runner
 * (tests/run) counts: "ok NAME", "FAIL NAME: why" or "skip NAME: why".
 * A test binary exits non-zero when any check failed. */
#ifndef YB_T_H
#define YB_T_H

#include <stdio.h>
#include <string.h>

static int t_failed;

#define T_OK(name, cond, ...) do { \
	if (cond) { printf("ok %s\n", name); } \
	else { t_failed++; printf("FAIL %s: ", name); printf(__VA_ARGS__); \
	       printf(" (%s:%d)\n", __FILE__, __LINE__); } \
} while (0)

#define T_STREQ(name, got, want) do { \
	const char *t_g = (got), *t_w = (want); \
	T_OK(name, t_g && t_w && strcmp(t_g, t_w) == 0, "got \"%s\", want \"%s\"", \
	     t_g ? t_g : "(null)", t_w ? t_w : "(null)"); \
} while (0)

#define T_INTEQ(name, got, want) do { \
	long t_g = (long)(got), t_w = (long)(want); \
	T_OK(name, t_g == t_w, "got %ld, want %ld", t_g, t_w); \
} while (0)

#define T_SKIP(name, why) printf("skip %s: %s\n", name, why)

#define T_DONE() return t_failed ? 1 : 0

#endif
