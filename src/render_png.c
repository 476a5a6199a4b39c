/* render_png: PNG proofs through cairo, one image per page (PREFIX-N.png).
 * It replays the display list through yb_backend_replay() and draws only
 * what shows: glyph runs and rules (no links, destinations or tags). */
#include "backend.h"

#include "diag.h"
#include "draw_cairo.h"
#include "output.h"

typedef struct gstate {
	yb_draw draw;
	cairo_surface_t *surface;   /* the page being drawn */
	const char *prefix;
	double scale;               /* pixels per point */
} gstate;

static void png_item(void *state, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	gstate *s = state;
	if (it->kind == YB_ITEM_RUN)
		yb_draw_run(&s->draw, doc, page, it, 0);
	else if (it->kind == YB_ITEM_RULE)
		yb_draw_rule(&s->draw, page, it);
	else if (it->kind == YB_ITEM_COLOUR)
		yb_draw_colour(&s->draw, it);
	else if (it->kind == YB_ITEM_FILL)
		yb_draw_fill(&s->draw, page, it);
}

static int png_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	gstate *s = state;
	s->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(page->width * s->scale + 0.5),
	                                        (int)(page->height * s->scale + 0.5));
	cairo_t *cr = s->draw.cr = cairo_create(s->surface);
	yb_draw_font_options(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_scale(cr, s->scale, s->scale);
	s->draw.cur_font = -1;
	return 0;
}

static int png_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	gstate *s = state;
	char *file = g_strdup_printf("%s-%u.png", s->prefix, index + 1);
	/* a proof never replaces a file that is not a proof (an input, say) */
	int rc = yb_output_may_replace(file, "\211PNG");
	cairo_status_t st = rc == 0 ? cairo_surface_write_to_png(s->surface, file) : CAIRO_STATUS_SUCCESS;
	cairo_destroy(s->draw.cr);
	cairo_surface_destroy(s->surface);
	s->draw.cr = NULL;
	if (st != CAIRO_STATUS_SUCCESS)
		rc = yb_diag_syserr("cannot write '%s': %s", file, cairo_status_to_string(st));
	g_free(file);
	return rc;
}

static int png_finish(void *state, const yb_doc *doc)
{
	return 0;
}

int yb_render_png(const yb_doc *doc, const char *prefix, guint first, guint last, double dpi)
{
	gstate s = {.prefix = prefix, .scale = dpi / 72.0};
	yb_draw_init(&s.draw, doc);
	yb_backend be = {&s, png_begin, png_item, png_end, png_finish};
	int rc = yb_backend_replay(doc, &be, first ? first - 1 : 0, last);
	yb_draw_release(&s.draw);
	return rc;
}
