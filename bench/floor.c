/* bench/floor: the benchmark's floor, the seconds Pango alone needs to
 * shape and break a book's paragraphs at the body measure of the style,
 * with as many threads as yearbook's layout (one Pango context each).
 * bench/run sets yearbook's own time beside it.  Not part of yearbook: it
 * uses libyb to read, parse, and load the style and the fonts, and talks to
 * Pango itself, so yearbook's headers carry nothing for it.
 *
 *   build/bench-floor [-j N] [--style S] REPORT.txt...
 * prints "floor: SECONDS s".
 */
#include "backend.h"
#include "fonts.h"
#include "parse.h"
#include "paths.h"
#include "read.h"
#include "script.h"
#include "style.h"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct floor_run {
	const yb_report *reports;
	size_t n;
	const yb_style *st;
	yb_fonts *fonts;
	gint next;                 /* the next report a thread takes (atomic) */
} floor_run;

static PangoFontDescription *body_font(const floor_run *f, const char *lang)
{
	PangoFontDescription *d = pango_font_description_new();
	pango_font_description_set_family(d, yb_fonts_family(f->fonts, f->st->body.role, yb_script_of(lang)));
	pango_font_description_set_absolute_size(d, f->st->body.size * PANGO_SCALE);
	pango_font_description_set_weight(d, f->st->body.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return d;
}

/* Shapes and breaks every block of report r at the body measure. */
static void break_report(const floor_run *f, PangoLayout *l, const yb_report *r)
{
	PangoFontDescription *d = body_font(f, r->lang);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(r->lang)));
	pango_layout_set_font_description(l, d);
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_width(l, (int)(yb_style_text_width(f->st) * PANGO_SCALE));
	pango_layout_set_indent(l, (int)(f->st->indent * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	for (size_t i = 0; i < r->nblocks; i++) {
		pango_layout_set_text(l, r->blocks[i].text, -1);
		(void)pango_layout_get_line_count(l);
	}
	pango_attr_list_unref(attrs);
	pango_font_description_free(d);
}

static gpointer worker(gpointer data)
{
	floor_run *f = data;
	PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), yb_fonts_config(f->fonts));
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
	PangoContext *ctx = pango_font_map_create_context(map);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	yb_render_pdf_font_options(fo);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	PangoLayout *l = pango_layout_new(ctx);
	for (gint i; (i = g_atomic_int_add(&f->next, 1)) < (gint)f->n;)
		break_report(f, l, &f->reports[i]);
	g_object_unref(l);
	g_object_unref(ctx);
	g_object_unref(map);
	return NULL;
}

static double run(floor_run *f, int jobs)
{
	int n = jobs > 0 ? jobs : (int)g_get_num_processors();
	if ((size_t)n > f->n)
		n = (int)f->n;
	n = n < 1 ? 1 : n;
	gint64 t0 = g_get_monotonic_time();
	GThread **th = g_new(GThread *, (gsize)n);
	for (int i = 1; i < n; i++)
		th[i] = g_thread_new("floor", worker, f);
	worker(f);
	for (int i = 1; i < n; i++)
		g_thread_join(th[i]);
	g_free(th);
	return (double)(g_get_monotonic_time() - t0) / 1e6;
}

int main(int argc, char **argv)
{
	int jobs = 0, nfiles = 0;
	const char *style = "yearbook";
	char **files = g_new0(char *, (gsize)argc);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-j") == 0 && i + 1 < argc)
			jobs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--style") == 0 && i + 1 < argc)
			style = argv[++i];
		else
			files[nfiles++] = argv[i];
	}
	yb_report *reports = g_new0(yb_report, (gsize)nfiles + 1);
	for (int i = 0; i < nfiles; i++) {
		yb_text t;
		if (yb_read_file(files[i], &t) != 0 || yb_parse_report(&t, NULL, &reports[i]) != 0)
			return 1;
		yb_text_release(&t);
	}
	char *dir = yb_paths_data("fonts");
	floor_run f = {reports, (size_t)nfiles, yb_style_load(style, NULL), yb_fonts_load(dir), 0};
	g_free(dir);
	if (!f.st || !f.fonts)
		return 1;
	printf("floor: %.3f s\n", run(&f, jobs));
	for (int i = 0; i < nfiles; i++)
		yb_report_release(&reports[i]);
	g_free(reports);
	g_free(files);
	yb_style_free((yb_style *)f.st);
	yb_fonts_free(f.fonts);
	return 0;
}
