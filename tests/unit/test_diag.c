/* test_diag: one error idiom (src/diag.c): every error function returns -1,
 * and a file the user named that cannot be read is bad input (exit 1)
 * whichever reader meets it: a report, a manifest, a style. */
#include "t.h"
#include "capture.h"
#include "diag.h"
#include "manifest.h"
#include "read.h"
#include "style.h"

static void test_returns(void)
{
	yb_diag_reset();
	capture_begin();
	int e = yb_diag_error("a.txt", 3, "'x' is bad");
	int s = yb_diag_syserr("disk full");
	int u = yb_diag_usage("no files");
	int r = yb_diag_unreadable("b.txt", "Permission denied");
	char *err = capture_end();
	T_INTEQ("error returns -1", e, -1);
	T_INTEQ("syserr returns -1", s, -1);
	T_INTEQ("usage returns -1", u, -1);
	T_INTEQ("unreadable returns -1", r, -1);
	T_OK("error: file:line", strstr(err, "a.txt:3: error: 'x' is bad\n") != NULL, "stderr: %s", err);
	T_OK("unreadable: what and why", strstr(err, "b.txt: error: cannot read 'b.txt': Permission denied; check the path")
	     != NULL, "stderr: %s", err);
	g_free(err);
}

/* Each reader, handed a folder: bad input, and only that. */
static void test_unreadable(void)
{
	char *dir = g_dir_make_tmp("yb-test-diag-XXXXXX", NULL);
	char *folder = g_build_filename(dir, "x.ini", NULL);
	g_mkdir(folder, 0700);

	yb_text t;
	yb_diag_reset();
	capture_begin();
	int rc = yb_read_file(folder, &t);
	g_free(capture_end());
	T_INTEQ("report: refused", rc, -1);
	T_INTEQ("report: bad input", yb_diag_exit_status(), YB_EXIT_INPUT);

	yb_manifest m;
	yb_diag_reset();
	capture_begin();
	rc = yb_manifest_read(folder, &m);
	g_free(capture_end());
	T_INTEQ("manifest: refused", rc, -1);
	T_INTEQ("manifest: bad input", yb_diag_exit_status(), YB_EXIT_INPUT);

	char *styles = project_path("styles");
	yb_diag_reset();
	capture_begin();
	yb_style *st = yb_style_load(folder, styles);
	char *err = capture_end();
	T_OK("style: refused", st == NULL, "loaded a folder");
	T_INTEQ("style: bad input", yb_diag_exit_status(), YB_EXIT_INPUT);
	yb_style_free(st);
	g_free(err);
	g_free(styles);

	g_rmdir(folder);
	g_rmdir(dir);
	g_free(folder);
	g_free(dir);
	yb_diag_reset();
}

int main(void)
{
	test_returns();
	test_unreadable();
	T_DONE();
}
