/* capture.h: helpers for unit tests of modules that print diagnostics and
 * read files: stderr captured into a string, and input files written into a
 * temporary folder.  Strings returned are the caller's (g_free). */
#ifndef YB_TEST_CAPTURE_H
#define YB_TEST_CAPTURE_H

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int capture_saved = -1;
static char *capture_path;

/* From now on stderr goes to a temporary file. */
static inline void capture_begin(void)
{
	fflush(stderr);
	int fd = g_file_open_tmp("yb-stderr-XXXXXX", &capture_path, NULL);
	g_assert(fd >= 0);
	capture_saved = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* Restores stderr and returns what was written to it. */
static inline char *capture_end(void)
{
	char *text = NULL;
	fflush(stderr);
	dup2(capture_saved, 2);
	close(capture_saved);
	g_file_get_contents(capture_path, &text, NULL, NULL);
	g_unlink(capture_path);
	g_free(capture_path);
	return text ? text : g_strdup("");
}

/* Writes `text` to dir/name and returns the path. */
static inline char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);
	g_assert(g_file_set_contents(path, text, -1, NULL));
	return path;
}

/* SUB of the project folder, found from the test binary (build/tests/NAME),
 * whatever the working directory. */
static inline char *project_path(const char *sub)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *tests = g_path_get_dirname(exe);
	char *build = g_path_get_dirname(tests);
	char *top = g_path_get_dirname(build);
	char *dir = g_build_filename(top, sub, NULL);
	g_free(exe);
	g_free(tests);
	g_free(build);
	g_free(top);
	return dir;
}

/* Removes a temporary folder and everything in it (says so when it cannot). */
static inline void remove_tree(const char *dir)
{
	char *rm = g_strdup_printf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("# could not remove %s\n", dir);
	g_free(rm);
}

#endif
