/* render_png: PNG proofs through cairo, one image per page (PREFIX-N.png),
 * and the contact sheet, every page on one image.  Both replay the display
 * list through yb_backend_replay() and draw only what shows: glyph runs,
 * rules, colours and fills (no links, destinations or tags).
 *
 * Design note (the contact sheet).  Pages are shown as a printed book opens:
 * page 1 alone on the right (a recto), then spreads of an even page on the
 * left and the next odd page on the right, the spreads in rows from left
 * to right, each page a thumbnail with a thin frame and its page number
 * (its label: i, ii, ... 1, 2, ...; the physical number for an unnumbered
 * page) centred under it.  Thumbnails are SHEET_THUMB pixels wide; the
 * number of spreads a row is the one that makes the sheet about square
 * (the square root of spreads x row height / spread width).  A book so big
 * that a side of the sheet would pass SHEET_MAX pixels gets narrower
 * thumbnails until it fits: a 500-page book is about 4000 x 3600 pixels
 * with 120-pixel thumbnails; cairo's image surfaces end at 32767 pixels a
 * side.  The sheet and every proof page go through a temporary file
 * (output.h) and never replace a file that is not a PNG.
 */
#include "backend.h"

#include "diag.h"
#include "draw_cairo.h"
#include "output.h"

#include <math.h>

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

static int write_png(cairo_surface_t *surface, const char *path);

static int png_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	gstate *s = state;
	char *file = g_strdup_printf("%s-%u.png", s->prefix, index + 1);
	int rc = write_png(s->surface, file);
	cairo_destroy(s->draw.cr);
	cairo_surface_destroy(s->surface);
	s->draw.cr = NULL;
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
	yb_draw_init(&s.draw);
	yb_backend be = {&s, png_begin, png_item, png_end, png_finish};
	int rc = yb_backend_replay(doc, &be, first ? first - 1 : 0, last);
	yb_draw_release(&s.draw);
	return rc;
}

/* ---- the contact sheet ---------------------------------------------------- */

#define SHEET_THUMB 120   /* a thumbnail's width, px, when the sheet fits */
#define SHEET_MAX 16000   /* the sheet's longest side, px */
#define SHEET_GAP 24      /* around and between spreads and rows, px */
#define SHEET_LABEL 18    /* under each row, for the page numbers, px */

typedef struct sheet_plan {
	int tw, th;               /* a thumbnail, px */
	double scale;             /* px per pt */
	int per_row, rows;        /* spreads */
	int width, height;        /* the sheet, px */
} sheet_plan;

typedef struct sheet {
	gstate g;                 /* g.draw.cr draws on the whole sheet */
	sheet_plan plan;
	int x, y;                 /* the thumbnail being drawn */
} sheet;

static sheet_plan plan_for(const yb_doc *doc, int tw)
{
	float pw = 1, ph = 1;
	for (guint i = 0; i < doc->pages->len; i++) {
		const yb_page *p = g_ptr_array_index(doc->pages, i);
		pw = MAX(pw, p->width);
		ph = MAX(ph, p->height);
	}
	sheet_plan pl = {.tw = tw, .scale = tw / pw};
	pl.th = (int)ceil(ph * pl.scale);
	int spreads = 1 + (int)doc->pages->len / 2;
	int spread_w = 2 * tw + SHEET_GAP, row_h = pl.th + SHEET_LABEL + SHEET_GAP;
	pl.per_row = (int)ceil(sqrt((double)spreads * row_h / spread_w));
	pl.per_row = CLAMP(pl.per_row, 1, spreads);
	pl.rows = (spreads + pl.per_row - 1) / pl.per_row;
	pl.width = pl.per_row * spread_w + SHEET_GAP;
	pl.height = pl.rows * row_h + SHEET_GAP;
	return pl;
}

/* The widest thumbnails (at most SHEET_THUMB) that keep the sheet within SHEET_MAX. */
static sheet_plan plan_sheet(const yb_doc *doc)
{
	sheet_plan pl = plan_for(doc, SHEET_THUMB);
	for (int tw = SHEET_THUMB - 1; tw > 2 && MAX(pl.width, pl.height) > SHEET_MAX; tw--)
		pl = plan_for(doc, tw);
	return pl;
}

static int sheet_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	sheet *s = state;
	const sheet_plan *pl = &s->plan;
	int spread = (int)(index + 1) / 2, right = index % 2 == 0;
	s->x = SHEET_GAP + spread % pl->per_row * (2 * pl->tw + SHEET_GAP) + (right ? pl->tw : 0);
	s->y = SHEET_GAP + spread / pl->per_row * (pl->th + SHEET_LABEL + SHEET_GAP);
	cairo_t *cr = s->g.draw.cr;
	cairo_save(cr);
	cairo_rectangle(cr, s->x, s->y, pl->tw, pl->th);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_translate(cr, s->x, s->y);
	cairo_scale(cr, pl->scale, pl->scale);
	s->g.draw.cur_font = -1;   /* cairo_restore takes back the font */
	return 0;
}

/* The frame and, under it, the page number. */
static int sheet_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	sheet *s = state;
	cairo_t *cr = s->g.draw.cr;
	cairo_restore(cr);
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, s->x + 0.5, s->y + 0.5, s->plan.tw - 1, s->plan.th - 1);
	cairo_stroke(cr);
	char number[16];
	snprintf(number, sizeof number, "%u", index + 1);
	const char *label = page->label ? page->label : number;
	cairo_text_extents_t ext;
	cairo_text_extents(cr, label, &ext);
	cairo_move_to(cr, s->x + (s->plan.tw - ext.x_advance) / 2, s->y + s->plan.th + SHEET_LABEL * 0.75);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_show_text(cr, label);
	return 0;
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	return yb_output_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A proof page or the sheet, through a temporary file (output.h): a full
 * disk never leaves half a PNG, and a file that is not a PNG (an input,
 * say) is never replaced. */
static int write_png(cairo_surface_t *surface, const char *path)
{
	yb_output *out = yb_output_open_as(path, "\211PNG");
	if (!out)
		return -1;
	cairo_status_t st = cairo_surface_write_to_png_stream(surface, write_out, out);
	if (st == CAIRO_STATUS_SUCCESS)
		return yb_output_commit(out);
	if (st != CAIRO_STATUS_WRITE_ERROR)   /* else yb_output_write said why */
		yb_diag_syserr("cannot write '%s': %s", path, cairo_status_to_string(st));
	yb_output_abort(out);
	return -1;
}

static int sheet_finish(void *state, const yb_doc *doc)
{
	sheet *s = state;
	return write_png(s->g.surface, s->g.prefix);
}

void yb_render_png_sheet_size(const yb_doc *doc, int *width, int *height)
{
	sheet_plan pl = plan_sheet(doc);
	*width = pl.width;
	*height = pl.height;
}

int yb_render_png_sheet(const yb_doc *doc, const char *path)
{
	sheet s = {.g = {.prefix = path}, .plan = plan_sheet(doc)};
	s.g.surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s.plan.width, s.plan.height);
	cairo_t *cr = s.g.draw.cr = cairo_create(s.g.surface);
	yb_draw_init(&s.g.draw);
	yb_draw_font_options(cr);
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_paint(cr);
	cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, SHEET_LABEL * 0.6);
	yb_backend be = {&s, sheet_begin, png_item, sheet_end, sheet_finish};
	int rc = yb_backend_replay(doc, &be, 0, 0);
	cairo_destroy(cr);
	cairo_surface_destroy(s.g.surface);
	yb_draw_release(&s.g.draw);
	return rc;
}
