/* draw_cairo: what the two cairo backends (render_pdf.c, render_png.c)
 * share: the display list's fonts as cairo FreeType faces, a glyph run, a
 * rule, a colour and a filled rectangle, and the font options both draw with (internal to the backends).
 * Only the backends talk to cairo.
 */
#ifndef YB_DRAW_CAIRO_H
#define YB_DRAW_CAIRO_H

#include "pages.h"

#include <cairo.h>

typedef struct yb_draw {
	cairo_t *cr;                /* set by the backend, per page or per file */
	GPtrArray *faces;           /* cairo_font_face_t* per doc font, created on first use */
	int cur_font;               /* the font and size set on cr, or -1 */
	float cur_size;
	GArray *glyphs;             /* cairo_glyph_t scratch */
	GArray *clusters;           /* cairo_text_cluster_t scratch */
} yb_draw;

void yb_draw_init(yb_draw *d);
void yb_draw_release(yb_draw *d);
/* The only place hinting is chosen: none, with unhinted metrics, so glyphs
 * sit where the layout measured them (the layout measures with the same). */
void yb_draw_hinting(cairo_font_options_t *fo);
/* Gives cr the drawing font options (yb_draw_hinting). */
void yb_draw_font_options(cairo_t *cr);
/* Draws a run; with `text`, with its text and cluster map (PDF: the text
 * extracts again), else the glyphs alone. */
void yb_draw_run(yb_draw *d, const yb_doc *doc, const yb_page *page, const yb_item *it, int text);
void yb_draw_rule(yb_draw *d, const yb_page *page, const yb_item *it);
/* A colour (its sRGB) and a filled rectangle. */
void yb_draw_colour(yb_draw *d, const yb_item *it);
void yb_draw_fill(yb_draw *d, const yb_page *page, const yb_item *it);

#endif
