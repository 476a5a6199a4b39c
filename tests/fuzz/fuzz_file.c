/* fuzz_file: the temporary files that the path-taking readers are fuzzed
 * through (see fuzz.h).  One folder per process, removed at exit. */
#include "fuzz.h"

#include <assert.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

static char *folder;

static void remove_folder(void)
{
	GDir *d = g_dir_open(folder, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(folder, name, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(folder);
	g_free(folder);
}

const char *yb_fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char *path;
	if (!folder) {
		folder = g_dir_make_tmp("yb-fuzz-XXXXXX", NULL);
		assert(folder);
		atexit(remove_folder);
	}
	g_free(path);
	path = g_build_filename(folder, name, NULL);
	FILE *f = fopen(path, "wb");
	assert(f);
	size_t n = fwrite(data, 1, size, f);
	assert(n == size);
	int rc = fclose(f);
	assert(rc == 0);
	(void)n;
	(void)rc;
	return path;
}
