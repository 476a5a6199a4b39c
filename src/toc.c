/* toc: the contents (目录), set after the body so its page numbers are final.
 *
 * Design note.  The entries are the outline's: report titles, then their
 * level-1 and level-2 headings, down to the style's `levels`.  An entry is
 * set as a block at its level's indent with a measure that leaves room for
 * the page number (a heading that wraps hangs its next lines two characters
 * in, under its text); its last line gets dot leaders and the number flush
 * right.  Leader dots sit on a grid measured from the right edge, so they
 * line up from entry to entry.  Every line of an entry is a link to the
 * heading's destination (named destinations: cairo 1.16 drops page-number
 * links to later pages).  The entries form a galley that is paginated like
 * the body, each entry kept whole, and the pages are numbered i, ii, ...
 * by the caller.  Page numbers come from the body: a destination's page
 * index in the body plus one.  The book's own tables, set right after the
 * contents, are listed first with roman numbers that depend on how many
 * pages the contents take: the contents are set once with a guess and, when
 * the guess was wrong, once more (entries do not change length, only numbers).
 */
#include "layout_int.h"

#include <string.h>

int *yb_lay_dest_pages(const yb_doc *doc, GPtrArray *body)
{
	int *pages = g_new0(int, doc->dests->len ? doc->dests->len : 1);
	for (guint p = 0; p < body->len; p++) {
		yb_page *page = g_ptr_array_index(body, p);
		for (guint i = 0; i < page->items->len; i++) {
			yb_item *it = &g_array_index(page->items, yb_item, i);
			if (it->kind == YB_ITEM_DEST)
				pages[it->u.dest.dest] = (int)p + 1;
		}
	}
	return pages;
}

static int depth_of(const yb_doc *doc, guint i)
{
	int d = 0;
	for (int p = g_array_index(doc->outline, yb_outline, i).parent; p >= 0;
	     p = g_array_index(doc->outline, yb_outline, p).parent)
		d++;
	return d;
}

/* Adds a link over an entry's `n` lines to its last line `l` (an entry is
 * kept whole on one page). */
static void link_entry(yb_galley *g, yb_gline *l, guint n, float x, float w, const yb_face *face,
                       uint32_t dest)
{
	float up = (float)(n - 1) * yb_lay_pitch(face);
	yb_item *it = yb_page_add(g->scratch, YB_ITEM_LINK);
	it->u.link.x = x;
	it->u.link.y = -EM_TOP * face->size - up;
	it->u.link.w = w;
	it->u.link.h = face->size + up;
	it->u.link.dest = dest;
	l->nitems = g->scratch->items->len - l->item0;
}

/* Appends dot leaders from `from` to `to` (x) on the line that ends the
 * galley's scratch items: copies of the one "." run that `dot` is. */
static void add_leaders(yb_galley *g, yb_gline *l, uint32_t dot, float from, float to, float step)
{
	yb_page *pg = g->scratch;
	yb_item run = g_array_index(pg->items, yb_item, dot);
	yb_glyph gl = g_array_index(pg->glyphs, yb_glyph, run.u.run.glyph0);
	yb_cluster cl = g_array_index(pg->clusters, yb_cluster, run.u.run.cluster0);
	float x0 = to - step * (float)(int)((to - from) / step);
	run.u.run.x = x0;
	run.u.run.glyph0 = pg->glyphs->len;
	run.u.run.cluster0 = pg->clusters->len;
	run.u.run.text0 = pg->text->len;
	run.u.run.nglyphs = run.u.run.nclusters = run.u.run.ntext = 0;
	for (float x = x0; x + step <= to + 0.01f; x += step) {
		gl.x = x - x0;
		g_array_append_val(pg->glyphs, gl);
		g_array_append_val(pg->clusters, cl);
		g_string_append_c(pg->text, '.');
		run.u.run.nglyphs++;
		run.u.run.nclusters++;
		run.u.run.ntext++;
	}
	g_array_index(pg->items, yb_item, dot) = run;
	l->nitems = pg->items->len - l->item0;
}

/* Sets `text` as bare runs (no line of its own) at x; returns the first item. */
static uint32_t bare_text(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *text,
                          const yb_face *face, float x)
{
	yb_galley *tmp = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->lang, YB_LINE_TOC);
	spec.align = YB_ALIGN_LEFT;
	yb_setter_set(s, text, strlen(text), &spec, tmp);
	uint32_t first = g->scratch->items->len;
	yb_gline *l = &g_array_index(tmp->lines, yb_gline, 0);
	yb_gline runs = *l;
	runs.item0++;   /* skip its LINE item */
	runs.nitems--;
	yb_galley_copy_line(tmp, &runs, g->scratch, x, 0);
	yb_galley_free(tmp);
	return first;
}

static void set_entry(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *title, uint32_t dest,
                      int depth, const char *label, const char *lang)
{
	const yb_style *st = c->st;
	const yb_face *face = &st->toc_entry[depth];
	float indent = (float)depth * face->size;
	float hang = depth > 0 ? 2 * face->size : 0;  /* a wrapped heading hangs under its text */
	float numw = 3 * face->size;
	guint first = g->lines->len;
	yb_lblock b = {.text = title, .len = strlen(title), .face = face, .keep = 1, .grid = 1,
	               .tag = "TOCI"};
	b.spec = yb_lay_spec(c, face, lang, YB_LINE_TOC);
	b.spec.align = YB_ALIGN_INDENT;   /* a negative first-line indent: the first line is wider */
	b.spec.indent = -hang;
	b.spec.measure = c->tw - indent - numw - hang;
	b.spec.level = depth;
	yb_lay_block(s, c, g, &b);
	guint n = g->lines->len - first;
	yb_gline *lines = &g_array_index(g->lines, yb_gline, first);
	for (guint i = 0; i < n; i++) {
		yb_item *li = &g_array_index(g->scratch->items, yb_item, lines[i].item0);
		li->u.line.x += indent + hang;
		for (uint32_t k = lines[i].item0 + 1; k < lines[i].item0 + lines[i].nitems; k++)
			g_array_index(g->scratch->items, yb_item, k).u.run.x += indent + hang;
	}
	yb_gline *last = &lines[n - 1];
	yb_item *li = &g_array_index(g->scratch->items, yb_item, last->item0);
	float text_end = li->u.line.x + li->u.line.width;
	float w = yb_setter_width(s, label, face, c->book->lang);
	if (st->toc_leaders) {
		uint32_t dot = bare_text(s, c, g, ".", face, 0);
		add_leaders(g, last, dot, text_end + face->size * 0.5f, c->tw - w - face->size * 0.5f,
		            face->size * 0.5f);
	}
	bare_text(s, c, g, label, face, c->tw - w);
	link_entry(g, last, n, indent, c->tw - indent, face, dest);
	last->keep = 0;
}

/* The contents galley, with the extra entries on pages numbered as if the
 * contents took `toc_pages` pages. */
static yb_galley *contents(yb_setter *s, const yb_lctx *c, const int *pages, guint before,
                           guint toc_pages, const yb_front_entry *extra, guint nextra)
{
	const yb_style *st = c->st;
	yb_galley *g = yb_galley_new();
	yb_lblock head = {.text = st->toc_title, .len = strlen(st->toc_title), .face = &st->toc_heading,
	                  .keep = 1, .grid = 1, .tag = "H1"};
	head.spec = yb_lay_spec(c, &st->toc_heading, c->book->lang, YB_LINE_TITLE);
	yb_lay_block(s, c, g, &head);
	for (guint e = 0; e < nextra; e++) {
		char *label = yb_lay_roman((int)(before + toc_pages + extra[e].page + 1));
		set_entry(s, c, g, extra[e].title, extra[e].dest, 0, label, c->book->lang);
		g_free(label);
	}
	size_t report = 0;   /* top-level entries are the reports, in order */
	for (guint i = 0; i < c->doc->outline->len; i++) {
		const yb_outline *o = &g_array_index(c->doc->outline, yb_outline, i);
		int depth = depth_of(c->doc, i);
		if (depth == 0 && i > 0)
			report++;
		if (depth > st->toc_levels)
			continue;
		char *label = g_strdup_printf("%d", pages[o->dest]);
		set_entry(s, c, g, o->title, o->dest, depth, label, c->book->reports[report].lang);
		g_free(label);
	}
	return g;
}

void yb_toc_set(yb_setter *s, const yb_lctx *c, GPtrArray *body, GPtrArray *front,
                const yb_front_entry *extra, guint nextra)
{
	int *pages = yb_lay_dest_pages(c->doc, body);
	guint guess = 1;
	yb_galley *g = contents(s, c, pages, front->len, guess, extra, nextra);
	guint got = yb_galley_breaks(g, c->capacity, NULL);
	if (got != guess && nextra) {   /* the extra entries' numbers depend on our length */
		yb_galley_free(g);
		g = contents(s, c, pages, front->len, got, extra, nextra);
	}
	g_free(pages);
	yb_lay_front_pages(s, c, g, front);
	yb_galley_free(g);
}
