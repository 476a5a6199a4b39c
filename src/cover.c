/* cover: the cover spread (yearbook cover), layout code: it sets text only
 * through the setter, like the rest of the layout.
 *
 * Design note.  The spread is one page: back cover, spine, front cover,
 * left to right, the outside of the cover face up.  The front cover is the book's own cover page (yb_lay_cover_page),
 * whose origin is moved right by a page and the spine, so its items stay
 * as they are and the back cover and spine are placed left of that origin.
 * The spine is set vertically, Chinese upright: every character is set as
 * a line of its own, centred on the spine, top to bottom (Pango's vertical
 * gravity would rotate Latin and digits; spines in Chinese set them
 * upright too).  The title runs from the top of the type area, the
 * compiling body ends at its foot; both shrink to fit the spine's width
 * (0.6 of it) and its height, and a spine too narrow for 5 pt text is left
 * blank with a note.  The ground is one filled rectangle over the spread
 * and the bleed in the style's cover paper colour, the text is in its ink
 * colour: colour items carry both the CMYK and the sRGB the style names,
 * and each backend takes its own.  The back cover is plain, or carries the
 * manifest's back-cover line at its foot.
 */
#include "layout.h"

#include "block.h"
#include "diag.h"

#include <math.h>
#include <string.h>

#define SPINE_FILL 0.6f    /* of the spine's width, at most, for a character */
#define SPINE_MIN 5.0f     /* pt: smaller spine text is left out */
#define SPINE_PITCH 1.15f  /* em, character to character down the spine */

static yb_item colour_item(const yb_colour *col)
{
	yb_item it = {.kind = YB_ITEM_COLOUR};
	for (int i = 0; i < 4; i++)
		it.u.colour.cmyk[i] = (float)col->cmyk[i];
	for (int i = 0; i < 3; i++)
		it.u.colour.rgb[i] = (float)col->rgb[i];
	return it;
}

/* The ground under everything, then the ink for what follows. */
static void add_ground(yb_page *page, const yb_style *st)
{
	float b = (float)st->bleed;
	yb_item items[3] = {colour_item(&st->cover_paper), {.kind = YB_ITEM_FILL}, colour_item(&st->cover_ink)};
	items[1].u.fill.x = -page->ox - b;
	items[1].u.fill.y = -page->oy - b;
	items[1].u.fill.w = page->width + 2 * b;
	items[1].u.fill.h = page->height + 2 * b;
	g_array_prepend_vals(page->items, items, 3);
}

static size_t spine_chars(const char *text)
{
	size_t n = 0;
	for (const char *t = text; t && *t; t = g_utf8_next_char(t))
		n += !g_unichar_isspace(g_utf8_get_char(t));
	return n;
}

/* Sets text one character a line from y (the first em box's top) down, on
 * the spine whose left edge is at x; returns the y under it. */
static float spine_column(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text, const yb_face *face,
                          float x, float spine, float y)
{
	yb_set_spec spec = yb_lay_spec(c, face, c->book->script, YB_LINE_COVER);
	spec.align = YB_ALIGN_CENTER;
	spec.indent = 0;
	spec.measure = spine;
	for (const char *t = text; t && *t; t = g_utf8_next_char(t)) {
		if (g_unichar_isspace(g_utf8_get_char(t)))
			continue;
		yb_galley *g = yb_galley_new();
		guint n = yb_setter_set(s, t, (size_t)(g_utf8_next_char(t) - t), &spec, g);
		for (guint i = 0; i < n; i++, y += face->size * SPINE_PITCH)
			yb_galley_copy_line(g, &g_array_index(g->lines, yb_gline, i), page, x, y + EM_TOP * face->size);
		yb_galley_free(g);
	}
	return y;
}

/* The title from the top of the type area and the compiling body up from
 * its foot, in the cover's title and organisation faces, shrunk to fit. */
static void set_spine(yb_setter *s, const yb_lctx *c, yb_page *page, float x, float spine)
{
	const yb_style *st = c->st;
	const char *editor = c->book->editor;
	yb_face title = st->cover_title, org = st->cover_org;
	size_t nt = spine_chars(c->book->title), no = spine_chars(editor);
	title.size = fminf((float)title.size, spine * SPINE_FILL);
	org.size = fminf((float)org.size, spine * SPINE_FILL);
	float need = ((float)nt * (float)title.size + (float)no * (float)org.size) * SPINE_PITCH
	             + (no ? 2 * (float)org.size : 0);
	if (need > c->th) {
		title.size *= c->th / need;
		org.size *= c->th / need;
	}
	if (title.size < SPINE_MIN) {
		yb_diag_note(NULL, 0, "the spine is %.1f mm wide, too narrow for its title in %.0f pt or more; it is "
		             "left blank", spine * 25.4 / 72, (double)SPINE_MIN);
		return;
	}
	spine_column(s, c, page, c->book->title, &title, x, spine, 0);
	if (no)
		spine_column(s, c, page, editor, &org, x, spine, c->th - (float)no * (float)org.size * SPINE_PITCH);
}

/* The manifest's back-cover text, centred at the foot of the back cover's
 * type area (the front's, mirrored), in the cover's organisation face. */
static void set_back(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text)
{
	const yb_face *face = &c->st->cover_org;
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->script, YB_LINE_COVER);
	spec.align = YB_ALIGN_CENTER;
	spec.indent = 0;
	guint n = yb_setter_set(s, text, strlen(text), &spec, g);
	float x = (float)c->st->margin_outer - page->ox, y = c->th - (float)n * yb_lay_pitch(face);
	for (guint i = 0; i < n; i++, y += yb_lay_pitch(face))
		yb_galley_copy_line(g, &g_array_index(g->lines, yb_gline, i), page, x, y + EM_TOP * face->size);
	yb_galley_free(g);
}

yb_doc *yb_layout_cover(const yb_book *book, const yb_style *st, yb_fonts *fonts, float spine, const char *back)
{
	yb_doc *doc = yb_doc_new();
	yb_lay_copy_info(doc, &book->info);
	yb_lctx c = {.book = book, .st = st, .fonts = fonts, .doc = doc,
	             .tw = (float)yb_style_text_width(st), .th = (float)yb_style_text_height(st)};
	yb_setter *s = yb_setter_new(fonts, st, doc);
	yb_page *page = yb_lay_cover_page(s, &c);
	float w = (float)st->page_width;
	page->width = 2 * w + spine;
	page->ox += w + spine;
	add_ground(page, st);
	set_spine(s, &c, page, -page->ox + w, spine);
	if (back && *back)
		set_back(s, &c, page, back);
	g_ptr_array_add(doc->pages, page);
	yb_setter_free(s);
	return doc;
}
