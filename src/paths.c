#include "paths.h"

#include <glib.h>
#include <unistd.h>

#ifndef YB_DATADIR
#define YB_DATADIR "/usr/local/share/yearbook"
#endif

static char *from_executable(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (!exe)
		return NULL;
	char *bin = g_path_get_dirname(exe);
	char *top = g_path_get_dirname(bin);
	char *styles = g_build_filename(top, "styles", NULL);
	int found = g_file_test(styles, G_FILE_TEST_IS_DIR);
	g_free(styles);
	g_free(bin);
	g_free(exe);
	if (found)
		return top;
	g_free(top);
	return NULL;
}

const char *yb_paths_datadir(void)
{
	static char *dir;
	if (dir)
		return dir;
	const char *env = g_getenv("YEARBOOK_DATADIR");
	if (env && *env)
		dir = g_strdup(env);
	else if (!(dir = from_executable()))
		dir = g_strdup(YB_DATADIR);
	return dir;
}

char *yb_paths_data(const char *sub)
{
	return g_build_filename(yb_paths_datadir(), sub, NULL);
}
