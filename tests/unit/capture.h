/* capture.h: helpers for unit tests of modules that print diagnostics and
 * read files: stderr captured into a string, and input files written into a
 * temporary folder.  Strings returned are the caller's (g_free). */
#ifndef YB_TEST_CAPTURE_H
#define YB_TEST_CAPTURE_H

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

static int capture_saved = -1;
static char *capture_path;

/* From now on stderr goes to a temporary file. */
static void capture_begin(void)
{
	fflush(stderr);
	int fd = g_file_open_tmp("yb-stderr-XXXXXX", &capture_path, NULL);
	g_assert(fd >= 0);
	capture_saved = dup(2);
	dup2(fd, 2);
	close(fd);
}

/* Restores stderr and returns what was written to it. */
static char *capture_end(void)
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
static char *write_file(const char *dir, const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);
	g_assert(g_file_set_contents(path, text, -1, NULL));
	return path;
}

#endif
