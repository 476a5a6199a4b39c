/* test_sheet: the contact sheet's size (src/render_png.c): a book of blank
 * A4 pages written with yb_render_png_sheet() and read back as a PNG.
 * Thumbnails 120 px wide, about square; a 500-page book stays well inside
 * 16000 px a side, and so does the plan for one so big that its thumbnails
 * must shrink; the PNG is written whole and the same bytes twice. */
#include "t.h"
#include "backend.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>

static yb_doc *blank_book(guint pages)
{
	yb_doc *doc = yb_doc_new();
	for (guint i = 0; i < pages; i++)
		g_ptr_array_add(doc->pages, yb_page_new(595.28f, 841.89f, 0, 0));
	return doc;
}

/* The sheet of a book of n blank pages: its width and height in *w, *h. */
static int sheet_of(const char *dir, guint n, int *w, int *h, char **path)
{
	yb_doc *doc = blank_book(n);
	*path = g_strdup_printf("%s/sheet-%u.png", dir, n);
	int rc = yb_render_png_sheet(doc, *path);
	yb_doc_free(doc);
	cairo_surface_t *png = cairo_image_surface_create_from_png(*path);
	*w = cairo_image_surface_get_width(png);
	*h = cairo_image_surface_get_height(png);
	cairo_surface_destroy(png);
	return rc;
}

int main(void)
{
	char *dir = g_dir_make_tmp("yb-sheet-XXXXXX", NULL);
	int w, h;
	char *path;
	/* 21 pages: 11 spreads of 264 px, 120 x 170 px thumbnails, rows of 3 spreads (212 px) */
	T_OK("21 pages: written", sheet_of(dir, 21, &w, &h, &path) == 0, "rc");
	T_INTEQ("21 pages: width = 3 spreads", w, 3 * 264 + 24);
	T_INTEQ("21 pages: height = 4 rows", h, 4 * (170 + 18 + 24) + 24);
	g_free(path);
	/* 500 pages: 251 spreads in rows of 15 */
	T_OK("500 pages: written", sheet_of(dir, 500, &w, &h, &path) == 0, "rc");
	T_OK("500 pages: about square, 120 px thumbnails", w == 15 * 264 + 24 && h == 17 * 212 + 24,
	     "%d x %d", w, h);
	char *first = NULL, *again = NULL;
	gsize n1 = 0, n2 = 0;
	g_file_get_contents(path, &first, &n1, NULL);
	g_free(path);
	g_assert(sheet_of(dir, 500, &w, &h, &path) == 0);
	g_file_get_contents(path, &again, &n2, NULL);
	T_OK("500 pages: the same bytes twice", n1 == n2 && n1 > 0 && !memcmp(first, again, n1), "%zu, %zu bytes",
	     (size_t)n1, (size_t)n2);
	g_free(first);
	g_free(again);
	g_free(path);
	/* 12000 pages would be 30000 px with 120 px thumbnails: they shrink to
	 * fit 16000 (the plan only: drawing it takes a gigabyte and 20 s) */
	yb_doc *big = blank_book(12000);
	yb_render_png_sheet_size(big, &w, &h);
	yb_doc_free(big);
	T_OK("12000 pages: within 16000 px a side", w <= 16000 && h <= 16000 && MAX(w, h) > 15000, "%d x %d", w, h);
	g_rmdir(dir);
	g_free(dir);
	T_DONE();
}
