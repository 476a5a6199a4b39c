#include "paths.h"

#include <glib.h>

#ifndef YB_DATADIR
#define YB_DATADIR "/usr/local/share/yearbook"
#endif
#ifndef YB_SRCDIR
#define YB_SRCDIR ""
#endif

/* `dir` when it holds a styles/ folder, else NULL (and `dir` is freed). */
static char *if_data(char *dir)
{
	char *styles = g_build_filename(dir, "styles", NULL);
	int found = g_file_test(styles, G_FILE_TEST_IS_DIR);
	g_free(styles);
	if (found)
		return dir;
	g_free(dir);
	return NULL;
}

/* PREFIX/share/yearbook of an installed binary, or the build tree above it. */
static char *from_executable(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (!exe)
		return NULL;
	char *bin = g_path_get_dirname(exe);
	char *top = g_path_get_dirname(bin);
	char *dir = if_data(g_build_filename(top, "share", "yearbook", NULL));
	if (!dir)
		dir = if_data(g_strdup(top));
	g_free(top);
	g_free(bin);
	g_free(exe);
	return dir;
}

const char *yb_paths_datadir(void)
{
	static char *dir;
	if (dir)
		return dir;
	const char *env = g_getenv("YEARBOOK_DATADIR");
	if (env && *env)
		return dir = g_strdup(env);
	if ((dir = from_executable()))
		return dir;
	if (*YB_SRCDIR && (dir = if_data(g_strdup(YB_SRCDIR))))
		return dir;
	return dir = g_strdup(YB_DATADIR);
}

char *yb_paths_data(const char *sub)
{
	return g_build_filename(yb_paths_datadir(), sub, NULL);
}
