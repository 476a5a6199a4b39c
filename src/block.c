/* block: blocks of text into galleys on the body grid, page furniture,
 * front-matter pages, destinations' pages.  See block.h.
 *
 * Design note.  Vertical space is measured on the grid of the body line
 * pitch: a body line takes one pitch, a display block (a title, a heading, a
 * contents entry) is rounded up to a whole number of pitches with the extra
 * space split above and below, so body lines sit on the same grid on every
 * page.  Each line records whether a page may break after it: a display
 * block keeps all its lines with what follows; a paragraph keeps its first
 * line (no orphan) and its last two (no widow).
 */
#include "block.h"

#include <assert.h>
#include <math.h>
#include <string.h>

float yb_lay_pitch(const yb_face *f)
{
	return f->pitch > 0 ? f->pitch : f->size * 1.5f;
}

/* Keeps of a paragraph's lines: no orphan (1 line at a page foot), no widow
 * (1 line at a page head): break after line j only if j >= 1 and n-1-j >= 2. */
static void paragraph_keeps(yb_gline *l, guint n)
{
	for (guint j = 0; j + 1 < n; j++)
		l[j].keep = j < 1 || n - 1 - j < 2;
}

static void add_dest_item(yb_galley *g, uint32_t dest, float y)
{
	yb_item *it = yb_page_add(g->scratch, YB_ITEM_DEST);
	it->u.dest.dest = dest;
	it->u.dest.x = 0;
	it->u.dest.y = y;
}

void yb_lay_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_lblock *b)
{
	guint first = g->lines->len;
	uint32_t dest_item = g->scratch->items->len;
	float size = b->face->size;
	if (b->has_dest)
		add_dest_item(g, b->dest, -EM_TOP * size - 2);
	guint n = yb_setter_set(s, b->text, b->len, &b->spec, g);   /* the setter keeps no last line lonely */
	if (!n)
		return;
	yb_gline *l = &g_array_index(g->lines, yb_gline, first);
	if (b->has_dest) {
		l[0].nitems += l[0].item0 - dest_item;
		l[0].item0 = dest_item;
	}
	float pitch = b->grid ? yb_lay_pitch(b->face) : c->st->body.pitch;
	float before = b->grid ? b->face->before : 0, after = b->grid ? b->face->after : 0;
	float total = before + (float)n * pitch + after;
	if (b->grid) {
		float body = c->st->body.pitch;
		float rounded = ceilf(total / body - 0.001f) * body;
		before += (rounded - total) / 2;
		after += (rounded - total) / 2;
	}
	for (guint i = 0; i < n; i++) {
		l[i].height = pitch;
		l[i].baseline = EM_TOP * size;
		l[i].keep = b->keep;
		l[i].tag = b->tag;
	}
	l[0].height += before;
	l[0].baseline += before;
	l[n - 1].height += after;
	l[0].block_start = 1;
	l[n - 1].block_end = 1;
	if (!b->keep)
		paragraph_keeps(l, n);
}

yb_set_spec yb_lay_spec(const yb_lctx *c, const yb_face *face, yb_script script, yb_line_role role)
{
	yb_set_spec spec = {
		.face = face, .script = script, .measure = c->tw, .align = face->align,
		.indent = face->align == YB_ALIGN_INDENT ? c->st->indent : 0, .role = role,
	};
	return spec;
}

void yb_lay_origin(const yb_style *st, yb_page *page, int number)
{
	int recto = number % 2 == 1 || !st->two_sided;
	page->ox = recto ? st->margin_inner : st->margin_outer;
	page->oy = st->margin_top;
}

/* Sets one line of furniture text at (x relative to alignment, baseline y). */
void yb_lay_furniture(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text, yb_script script,
                      const yb_face *face, yb_align align, float inset, float y, yb_line_role role)
{
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, script, role);
	spec.align = align;
	spec.measure = c->tw - 2 * inset;
	guint n = yb_setter_set(s, text, strlen(text), &spec, g);
	for (guint i = 0; i < n; i++)
		yb_galley_copy_line(g, &g_array_index(g->lines, yb_gline, i), page, inset,
		                    y + (float)i * yb_lay_pitch(face));
	yb_galley_free(g);
}

void yb_lay_front_pages(yb_setter *s, const yb_lctx *c, const yb_galley *g, GPtrArray *front)
{
	guint first = front->len;
	yb_galley_paginate(g, c->capacity, c->st->page_width, c->st->page_height, front);
	for (guint i = first; i < front->len; i++) {
		yb_page *page = g_ptr_array_index(front, i);
		yb_lay_origin(c->st, page, (int)i + 1);
		char *label = yb_lay_front_label(c->st, (int)i + 1);
		yb_lay_folio(s, c, page, (int)i + 1, label);
		g_free(label);
	}
}

char *yb_lay_roman(int n)
{
	static const char *const r[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
	static const int v[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	GString *s = g_string_new(NULL);
	for (int i = 0; i < 13; i++)
		for (; n >= v[i]; n -= v[i])
			g_string_append(s, r[i]);
	return g_string_free(s, FALSE);
}

char *yb_lay_front_label(const yb_style *st, int n)
{
	return st->folio_front_arabic ? g_strdup_printf("%d", n) : yb_lay_roman(n);
}

static char *folio_text(const yb_style *st, const char *number)
{
	const char *p = strstr(st->folio_format, "%d");
	assert(p); /* the style reader checked the format */
	return g_strdup_printf("%.*s%s%s", (int)(p - st->folio_format), st->folio_format, number, p + 2);
}

void yb_lay_folio(yb_setter *s, const yb_lctx *c, yb_page *page, int number, const char *label)
{
	const yb_style *st = c->st;
	int recto = number % 2 == 1 || !st->two_sided;
	yb_align align = YB_ALIGN_CENTER;
	if (st->folio_position == YB_FOLIO_OUTSIDE)
		align = recto ? YB_ALIGN_RIGHT : YB_ALIGN_LEFT;
	else if (st->folio_position == YB_FOLIO_INSIDE)
		align = recto ? YB_ALIGN_LEFT : YB_ALIGN_RIGHT;
	char *text = folio_text(st, label);
	float y = c->th + st->folio_offset + 0.35f * st->folio.size;
	float inset = align == YB_ALIGN_CENTER ? 0 : st->folio_inset;
	yb_lay_furniture(s, c, page, text, c->book->script, &st->folio, align, inset, y, YB_LINE_FOLIO);
	g_free(text);
}

int *yb_lay_dest_pages(const yb_lctx *c)
{
	guint n;
	int *pages = yb_doc_dest_pages(c->doc, &n);
	for (guint i = 0; i < n; i++)
		pages[i] = pages[i] >= 0 ? pages[i] + 1 + c->page_offset : 0;
	return pages;
}
