/* test_fuzz_regressions: every input saved under tests/fuzz/regressions/<target>/
 * (crashes libFuzzer found, and hand-made hostile inputs) replayed through
 * its fuzz target, built here without libFuzzer.  A regression crashes or
 * trips an assert, which tests/run reports as a failure.  Run from the
 * project folder (tests/run does). */
#include "t.h"

#include "../fuzz/fuzz_book.c"
#include "../fuzz/fuzz_file.c"
#include "../fuzz/fuzz_manifest.c"
#include "../fuzz/fuzz_parse.c"
#include "../fuzz/fuzz_read.c"
#include "../fuzz/fuzz_style.c"

#include "diag.h"

static const struct {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
} targets[] = {
	{ "read", yb_fuzz_read },
	{ "parse", yb_fuzz_parse },
	{ "manifest", yb_fuzz_manifest },
	{ "style", yb_fuzz_style },
	{ "book", yb_fuzz_book },
};

static void replay(const char *name, int (*fn)(const uint8_t *, size_t))
{
	char *dir = g_build_filename("tests", "fuzz", "regressions", name, NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d) {
		char *why = g_strdup_printf("no '%s': run from the project folder", dir);
		T_SKIP(name, why);
		g_free(why);
		g_free(dir);
		return;
	}
	const char *file;
	while ((file = g_dir_read_name(d))) {
		char *path = g_build_filename(dir, file, NULL), *data;
		gsize len;
		char *check = g_strdup_printf("fuzz %s: %s", name, file);
		if (g_file_get_contents(path, &data, &len, NULL)) {
			fflush(stdout);
			fn((const uint8_t *)data, len);
			T_OK(check, 1, "unreachable");
			g_free(data);
		} else {
			T_OK(check, 0, "cannot read '%s'", path);
		}
		g_free(check);
		g_free(path);
	}
	g_dir_close(d);
	g_free(dir);
}

int main(void)
{
	yb_diag_set_quiet(1);
	for (size_t i = 0; i < G_N_ELEMENTS(targets); i++)
		replay(targets[i].name, targets[i].fn);
	T_DONE();
}
