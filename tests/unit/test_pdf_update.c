/* test_pdf_update: the incremental update after cairo's PDF (src/pdf_update.c)
 * on a canned file laid out as cairo 1.16 writes one (classic xref table,
 * uncompressed catalog, one key a line), whose catalog already holds the
 * three keys the update sets: each must come out once, with the update's
 * value; the new xref entries and startxref must point at what they name;
 * qpdf must find the result sound.  A file with a cross-reference stream
 * (no trailer) is refused.  With the front matter written last, the page
 * tree and the structure tree root come again with the moved entries
 * first; more moved entries than there are is refused. */
#include "t.h"
#include "capture.h"
#include "diag.h"
#include "pdf_update.h"

#include <glib.h>

/* A two-page PDF in cairo's layout, tagged (structure root 8, one element
 * a page); its catalog (5) has old /PageLabels, /MarkInfo and /Lang. */
static GString *canned(void)
{
	static const char *const objs[] = {
		NULL,
		"<< /Type /Pages\n   /Kids [ 3 0 R 7 0 R ]\n   /Count 2\n>>",
		"<< /Length 0 >>\nstream\n\nendstream",
		"<< /Type /Page\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595 842 ]\n   /Contents 2 0 R\n>>",
		"<< /Creator (cairo 1.16.0 (https://cairographics.org))\n"
		"   /Producer (cairo 1.16.0 (https://cairographics.org))\n>>",
		"<< /Type /Catalog\n   /Pages 1 0 R\n   /PageLabels 6 0 R\n   /MarkInfo << /Marked false >>\n"
		"   /Lang (en)\n   /StructTreeRoot 8 0 R\n>>",
		"<< /Nums [0 << /S /D >>] >>",
		"<< /Type /Page\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595 842 ]\n   /Contents 2 0 R\n>>",
		"<< /Type /StructTreeRoot\n   /K [ 9 0 R 10 0 R ]\n>>",
		"<< /Type /StructElem\n   /S /P\n   /P 8 0 R\n   /Pg 3 0 R\n>>",
		"<< /Type /StructElem\n   /S /H1\n   /P 8 0 R\n   /Pg 7 0 R\n>>",
	};
	GString *pdf = g_string_new("%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	long at[G_N_ELEMENTS(objs)];
	for (size_t i = 1; i < G_N_ELEMENTS(objs); i++) {
		at[i] = (long)pdf->len;
		g_string_append_printf(pdf, "%zu 0 obj\n%s\nendobj\n", i, objs[i]);
	}
	long xref = (long)pdf->len;
	g_string_append_printf(pdf, "xref\n0 %zu\n0000000000 65535 f \n", G_N_ELEMENTS(objs));
	for (size_t i = 1; i < G_N_ELEMENTS(objs); i++)
		g_string_append_printf(pdf, "%010ld 00000 n \n", at[i]);
	g_string_append_printf(pdf, "trailer\n<< /Size %zu\n   /Root 5 0 R\n   /Info 4 0 R\n>>\n"
	                       "startxref\n%ld\n%%%%EOF\n", G_N_ELEMENTS(objs), xref);
	return pdf;
}

static int read_mem(void *closure, char *buf, size_t n, long offset)
{
	const GString *s = closure;
	if (offset < 0 || (size_t)offset + n > s->len)
		return -1;
	memcpy(buf, s->str + offset, n);
	return 0;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* The offset the update's xref gives object `obj`. */
static long xref_offset(const char *update, int obj)
{
	char head[24];
	snprintf(head, sizeof head, "\n%d 1\n", obj);
	const char *x = strstr(strstr(update, "xref\n"), head);
	return x ? strtol(x + strlen(head), NULL, 10) : -1;
}

/* qpdf finds the file sound. */
static void qpdf_sound(const char *name, const GString *pdf)
{
	if (!g_find_program_in_path("qpdf")) {
		T_SKIP(name, "qpdf is not installed");
		return;
	}
	char *dir = g_dir_make_tmp("yb-test-pdfu-XXXXXX", NULL), *path = g_build_filename(dir, "u.pdf", NULL);
	g_file_set_contents(path, pdf->str, (gssize)pdf->len, NULL);
	char *argv[] = {"qpdf", "--check", path, NULL}, *out = NULL;
	int status = -1;
	g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
	             &status, NULL);
	T_OK(name, status == 0 && out && strstr(out, "No syntax or stream encoding errors"), "%s", out ? out : "");
	g_free(out);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
}

/* The text of object `obj` in the update (NUL-terminated copy, "" if none). */
static char *object_text(const char *update, int obj)
{
	char head[24];
	snprintf(head, sizeof head, "%d 0 obj", obj);
	const char *at = strstr(update, head);
	const char *end = at ? strstr(at, "endobj") : NULL;
	return end ? g_strndup(at, (gsize)(end - at)) : g_strdup("");
}

static void test_update(void)
{
	GString *pdf = canned();
	long size = (long)pdf->len;
	long old_xref = strtol(strstr(pdf->str, "startxref\n") + 10, NULL, 10);
	yb_pdf_fix fix = {.front_pages = 6, .lang = "zh-TW"};
	GString *u = yb_pdf_update_make(read_mem, pdf, size, &fix);
	T_OK("update made", u != NULL, "refused a cairo-shaped file");
	if (!u)
		return;
	char *catalog = object_text(u->str, 5);
	T_INTEQ("catalog: one /PageLabels", count(catalog, "/PageLabels"), 1);
	T_INTEQ("catalog: one /MarkInfo", count(catalog, "/MarkInfo"), 1);
	T_INTEQ("catalog: one /Lang", count(catalog, "/Lang"), 1);
	T_OK("catalog: the update's values", strstr(catalog, "/PageLabels 11 0 R") && strstr(catalog, "/Marked true")
	     && strstr(catalog, "/Lang (zh-TW)"), "%s", catalog);
	T_OK("catalog: the other keys kept", strstr(catalog, "/Type /Catalog") && strstr(catalog, "/Pages 1 0 R"),
	     "%s", catalog);
	T_OK("labels: roman then decimal", strstr(u->str, "11 0 obj\n<< /Nums [0 << /S /r >> 6 << /S /D >>] >>") != NULL,
	     "%s", u->str);
	g_string_append_len(pdf, u->str, (gssize)u->len);
	long cat_at = xref_offset(u->str, 5), lab_at = xref_offset(u->str, 11);
	T_OK("xref: the catalog's offset", cat_at > 0 && strncmp(pdf->str + cat_at, "5 0 obj", 7) == 0, "%ld", cat_at);
	T_OK("xref: the labels' offset", lab_at > 0 && strncmp(pdf->str + lab_at, "11 0 obj", 8) == 0, "%ld", lab_at);
	long sx = strtol(g_strrstr(pdf->str, "startxref\n") + 10, NULL, 10);
	T_OK("startxref: the new xref", strncmp(pdf->str + sx, "xref\n", 5) == 0, "%ld", sx);
	char prev[40];
	snprintf(prev, sizeof prev, "/Prev %ld\n", old_xref);
	T_OK("trailer: /Size, /Info, /Prev", strstr(u->str, "/Size 12\n") && strstr(u->str, "/Info 4 0 R")
	     && strstr(u->str, prev), "%s", u->str);
	qpdf_sound("qpdf --check: sound", pdf);
	g_free(catalog);
	g_string_free(u, TRUE);
	g_string_free(pdf, TRUE);
}

/* A cross-reference stream (PDF 1.5 compressed xref): no trailer keyword. */
static void test_refusal(void)
{
	GString *pdf = canned();
	char *t = g_strrstr(pdf->str, "trailer");
	memcpy(t, "xxxxxxx", 7);
	yb_diag_reset();
	capture_begin();
	yb_pdf_fix fix = {0};
	GString *u = yb_pdf_update_make(read_mem, pdf, (long)pdf->len, &fix);
	char *err = capture_end();
	T_OK("no trailer: refused", u == NULL, "patched a file it cannot read");
	T_OK("no trailer: a system error", yb_diag_exit_status() == YB_EXIT_SYSTEM && strstr(err, "trailer"), "%s", err);
	g_free(err);
	yb_diag_reset();
	g_string_free(pdf, TRUE);
}

/* The front matter written last: one page and one element move first. */
static void test_moved(void)
{
	GString *pdf = canned();
	yb_pdf_fix fix = {.front_pages = 1, .moved_pages = 1, .moved_elems = 1};
	GString *u = yb_pdf_update_make(read_mem, pdf, (long)pdf->len, &fix);
	T_OK("moved: update made", u != NULL, "refused");
	if (!u)
		return;
	char *pages = object_text(u->str, 1), *root = object_text(u->str, 8);
	T_OK("moved: the page tree, the last page first", strstr(pages, "/Kids [ 7 0 R 3 0 R ]") && strstr(pages, "/Count 2"),
	     "%s", pages);
	T_OK("moved: the structure root, the last element first", strstr(root, "/K [ 10 0 R 9 0 R ]")
	     && strstr(root, "/Type /StructTreeRoot"), "%s", root);
	g_string_append_len(pdf, u->str, (gssize)u->len);
	long pages_at = xref_offset(u->str, 1), root_at = xref_offset(u->str, 8);
	T_OK("moved: the xref finds both", pages_at > 0 && strncmp(pdf->str + pages_at, "1 0 obj", 7) == 0
	     && root_at > 0 && strncmp(pdf->str + root_at, "8 0 obj", 7) == 0, "%ld %ld", pages_at, root_at);
	qpdf_sound("moved: qpdf --check: sound", pdf);
	g_free(pages);
	g_free(root);
	g_string_free(u, TRUE);
	g_string_free(pdf, TRUE);

	pdf = canned();
	fix.moved_elems = 3;
	yb_diag_reset();
	capture_begin();
	u = yb_pdf_update_make(read_mem, pdf, (long)pdf->len, &fix);
	char *err = capture_end();
	T_OK("moved: more elements than there are: refused", u == NULL && yb_diag_exit_status() == YB_EXIT_SYSTEM
	     && strstr(err, "structure tree"), "%s", err);
	g_free(err);
	yb_diag_reset();
	if (u)
		g_string_free(u, TRUE);
	g_string_free(pdf, TRUE);
}

int main(void)
{
	test_update();
	test_refusal();
	test_moved();
	T_DONE();
}
