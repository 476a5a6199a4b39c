/* layout: the book -> pages.
 *
 * Design note.  Each report is set on its own (in parallel, one Pango
 * context per worker) into a galley: the title block, the headings and the
 * paragraphs, every line with the vertical space it takes and whether a page
 * may break after it.  Vertical space is measured on the grid of the body
 * line pitch: a body line takes one pitch, a heading or title block is
 * rounded up to a whole number of pitches, so body lines sit on the same
 * grid on every page.  Each galley is broken into pages by paginate.c.
 *
 * The reports' pages are then joined in book order (serially, cheap):
 * a blank page before a report that would open on an even page (when the
 * style opens reports on odd pages), page numbers from 1, running heads
 * (book title on even pages, report title on odd pages, none on a report's
 * opening page or a blank page) and folios.  Only then is the front matter
 * set: the cover and the contents, whose page numbers are final because the
 * body is numbered on its own (front matter i, ii, ...).  Destinations
 * (headings) are resolved to physical pages last.
 */
#include "layout.h"

#include "diag.h"
#include "layout_int.h"
#include "table.h"

#include <assert.h>
#include <math.h>
#include <string.h>


static const char *const heading_tags[] = {"H2", "H3", "H4", "H5"};

/* ---- blocks into a galley ---------------------------------------------- */

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

/* Whether the last line of a paragraph holds one character, or one and a
 * mark (typography.md §6): such a line is pushed a word fuller. */
static int lonely(const yb_galley *g, const yb_gline *l)
{
	guint chars = 0, marks = 0;
	for (uint32_t i = l->item0; i < l->item0 + l->nitems; i++) {
		const yb_item *it = &g_array_index(g->scratch->items, yb_item, i);
		if (it->kind != YB_ITEM_RUN)
			continue;
		const char *t = g->scratch->text->str + it->u.run.text0;
		for (const char *p = t; p < t + it->u.run.ntext; p = g_utf8_next_char(p)) {
			gunichar ch = g_utf8_get_char(p);
			if (g_unichar_isspace(ch))
				continue;
			if (g_unichar_ispunct(ch))
				marks++;
			else
				chars++;
		}
	}
	return chars == 1 && marks <= 1;
}

/* Forgets everything the galley got from line `first` on. */
static void truncate_galley(yb_galley *g, guint first, const guint mark[4])
{
	g_array_set_size(g->lines, first);
	g_array_set_size(g->scratch->items, mark[0]);
	g_array_set_size(g->scratch->glyphs, mark[1]);
	g_array_set_size(g->scratch->clusters, mark[2]);
	g_string_truncate(g->scratch->text, mark[3]);
}

/* Sets the block's lines; a justified paragraph whose last line would be
 * lonely is set again, broken one character narrower (and still justified
 * to the full measure), which carries a character down to the last line. */
static guint set_lines(yb_setter *s, yb_galley *g, const yb_lblock *b)
{
	guint first = g->lines->len;
	guint mark[4] = {g->scratch->items->len, g->scratch->glyphs->len, g->scratch->clusters->len,
	                 (guint)g->scratch->text->len};
	guint n = yb_setter_set(s, b->text, b->len, &b->spec, g);
	if (n < 2 || !b->spec.justify || !lonely(g, &g_array_index(g->lines, yb_gline, first + n - 1)))
		return n;
	truncate_galley(g, first, mark);
	yb_set_spec narrower = b->spec;
	narrower.break_width = b->spec.measure - b->face->size;
	return yb_setter_set(s, b->text, b->len, &narrower, g);
}

void yb_lay_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_lblock *b)
{
	guint first = g->lines->len;
	uint32_t dest_item = g->scratch->items->len;
	float size = b->face->size;
	if (b->has_dest)
		add_dest_item(g, b->dest, -EM_TOP * size - 2);
	guint n = set_lines(s, g, b);
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

yb_set_spec yb_lay_spec(const yb_lctx *c, const yb_face *face, const char *lang, yb_line_role role)
{
	yb_set_spec spec = {
		.face = face, .lang = lang, .measure = c->tw, .align = face->align,
		.indent = face->align == YB_ALIGN_INDENT ? c->st->indent : 0, .role = role,
	};
	return spec;
}

static void set_title(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_book_report *br, uint32_t dest)
{
	yb_lblock b = {.text = br->title, .len = strlen(br->title), .face = &c->st->title,
	           .keep = 1, .grid = 1, .has_dest = 1, .dest = dest, .tag = "H1"};
	b.spec = yb_lay_spec(c, b.face, br->lang, YB_LINE_TITLE);
	yb_lay_block(s, c, g, &b);
}

static void set_heading(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_block *hb,
                        const char *lang, uint32_t dest)
{
	const yb_face *hf = &c->st->heading[hb->level - 1];
	yb_lblock b = {.text = hb->text, .len = strlen(hb->text), .face = hf, .keep = 1, .grid = 1,
	           .has_dest = 1, .dest = dest, .tag = heading_tags[hb->level - 1]};
	b.spec = yb_lay_spec(c, hf, lang, YB_LINE_HEADING);
	b.spec.level = hb->level;
	b.spec.justify = hf->align == YB_ALIGN_LEFT || hf->align == YB_ALIGN_INDENT;
	yb_lay_block(s, c, g, &b);
}

static void set_paragraph(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_block *pb,
                          const char *lang, int has_dest, uint32_t dest)
{
	const yb_style *st = c->st;
	yb_face head;
	yb_lblock b = {.text = pb->text, .len = strlen(pb->text), .face = &st->body,
	           .has_dest = has_dest, .dest = dest, .tag = "P"};
	b.spec = yb_lay_spec(c, &st->body, lang, YB_LINE_BODY);
	b.spec.align = YB_ALIGN_INDENT;
	b.spec.indent = st->indent;
	b.spec.justify = 1;
	if (has_dest) { /* a run-in heading opens the paragraph */
		head = st->heading[pb->level - 1];
		head.size = st->body.size;
		b.spec.head_face = &head;
		b.spec.head_len = pb->head_len;
		b.spec.level = pb->level;
	}
	yb_lay_block(s, c, g, &b);
}

static void set_table(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_block *tb, const char *lang)
{
	yb_table_in t = {.nrows = tb->nrows, .ncols = tb->ncols, .cells = (const char *const *)tb->cells,
	                 .caption = tb->caption, .lang = lang};
	yb_table_set(s, c, g, &t);
}

/* Puts a destination at the start of the line of the galley (from line
 * `first` on) that holds byte `a->offset` of the block just set. */
static void place_anchor(yb_galley *g, guint first, const yb_anchor *a)
{
	size_t seen = 0;
	for (guint i = first; i < g->lines->len; i++) {
		yb_gline *l = &g_array_index(g->lines, yb_gline, i);
		size_t bytes = 0;
		for (uint32_t k = l->item0; k < l->item0 + l->nitems; k++) {
			const yb_item *it = &g_array_index(g->scratch->items, yb_item, k);
			bytes += it->kind == YB_ITEM_RUN ? it->u.run.ntext : 0;
		}
		if (a->offset >= seen + bytes && i + 1 < g->lines->len) {
			seen += bytes;
			continue;
		}
		yb_item d = {.kind = YB_ITEM_DEST};
		d.u.dest.dest = a->dest;
		d.u.dest.y = -l->baseline;
		yb_galley_add_item(g, i, &d);
		return;
	}
}

static yb_galley *set_report(yb_setter *s, const yb_lctx *c, size_t ri)
{
	const yb_book_report *br = &c->book->reports[ri];
	const yb_report *r = br->tree;
	const GArray *anchors = c->anchors[ri];
	yb_galley *g = yb_galley_new();
	uint32_t dest = c->report_dest[ri];
	guint ai = 0;
	set_title(s, c, g, br, dest++);
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *bl = &r->blocks[i];
		guint first = g->lines->len;
		if (bl->kind == YB_BLOCK_TABLE)
			set_table(s, c, g, bl, br->lang);
		else if (bl->kind == YB_BLOCK_HEADING && !bl->run_in)
			set_heading(s, c, g, bl, br->lang, dest++);
		else if (bl->kind == YB_BLOCK_HEADING)
			set_paragraph(s, c, g, bl, br->lang, 1, dest++);
		else
			set_paragraph(s, c, g, bl, br->lang, 0, 0);
		for (; anchors && ai < anchors->len && g_array_index(anchors, yb_anchor, ai).block == i; ai++)
			place_anchor(g, first, &g_array_index(anchors, yb_anchor, ai));
	}
	return g;
}

static void lay_out_report(yb_setter *s, yb_lctx *c, size_t ri)
{
	yb_galley *g = set_report(s, c, ri);
	GPtrArray *pages = g_ptr_array_new();
	yb_galley_paginate(g, c->capacity, c->st->page_width, c->st->page_height, pages);
	c->report_pages[ri] = pages;
	yb_galley_free(g);
}

/* A worker: its own setter (Pango context), then reports until none is left. */
static gpointer worker(gpointer data)
{
	yb_lctx *c = data;
	yb_setter *s = yb_setter_new(c->fonts, c->st, c->doc);
	for (;;) {
		gint ri = g_atomic_int_add(&c->next, 1);
		if (ri >= (gint)c->book->nreports)
			break;
		c->each(s, c, (size_t)ri);
	}
	yb_setter_free(s);
	return NULL;
}

static int worker_count(const yb_layout_opts *opts, size_t jobs)
{
	int n = opts && opts->jobs > 0 ? opts->jobs : (int)g_get_num_processors();
	if ((size_t)n > jobs)
		n = (int)jobs;
	return n < 1 ? 1 : n;
}

static void run_workers(yb_lctx *c, const yb_layout_opts *opts,
                        void (*each)(yb_setter *, yb_lctx *, size_t))
{
	c->each = each;
	int n = worker_count(opts, c->book->nreports);
	GThread **th = g_new(GThread *, (gsize)n);
	for (int i = 1; i < n; i++)
		th[i] = g_thread_new("layout", worker, c);
	worker(c);
	for (int i = 1; i < n; i++)
		g_thread_join(th[i]);
	g_free(th);
}

/* ---- destinations and the outline --------------------------------------- */

static size_t heading_count(const yb_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nblocks; i++)
		n += r->blocks[i].kind == YB_BLOCK_HEADING;
	return n;
}

static void add_outline(yb_doc *doc, const char *title, size_t tlen, int parent, uint32_t dest)
{
	yb_outline o = {g_strndup(title, tlen), parent, dest};
	g_array_append_val(doc->outline, o);
}

/* One destination per report title and heading; the outline mirrors
 * reports -> level 1 -> level 2. */
static void plan_dests(yb_lctx *c)
{
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		const yb_book_report *br = &c->book->reports[ri];
		const yb_report *r = br->tree;
		c->report_dest[ri] = yb_doc_add_dest(c->doc);
		for (size_t h = heading_count(r); h > 0; h--)
			yb_doc_add_dest(c->doc);
		int top = (int)c->doc->outline->len, l1 = -1;
		add_outline(c->doc, br->title, strlen(br->title), -1, c->report_dest[ri]);
		uint32_t d = c->report_dest[ri];
		for (size_t i = 0; i < r->nblocks; i++) {
			const yb_block *b = &r->blocks[i];
			if (b->kind != YB_BLOCK_HEADING)
				continue;
			d++;
			if (b->level == 1) {
				l1 = (int)c->doc->outline->len;
				add_outline(c->doc, b->text, b->head_len, top, d);
			} else if (b->level == 2) {
				add_outline(c->doc, b->text, b->head_len, l1 >= 0 ? l1 : top, d);
			}
		}
	}
}

/* Bookmarks for the book's own tables, before the reports'. */
static void prepend_outline(yb_doc *doc, const yb_front_entry *e, guint n)
{
	for (guint i = 0; i < doc->outline->len; i++) {
		yb_outline *o = &g_array_index(doc->outline, yb_outline, i);
		if (o->parent >= 0)
			o->parent += (int)n;
	}
	for (guint i = n; i-- > 0;) {
		yb_outline o = {g_strdup(e[i].title), -1, e[i].dest};
		g_array_prepend_val(doc->outline, o);
	}
}

/* Sets every destination's page and absolute position from the DEST items. */
static void resolve_dests(yb_doc *doc)
{
	for (guint p = 0; p < doc->pages->len; p++) {
		yb_page *page = g_ptr_array_index(doc->pages, p);
		for (guint i = 0; i < page->items->len; i++) {
			yb_item *it = &g_array_index(page->items, yb_item, i);
			if (it->kind != YB_ITEM_DEST)
				continue;
			yb_dest *d = &g_array_index(doc->dests, yb_dest, it->u.dest.dest);
			d->page = (int)p;
			d->x = page->ox + it->u.dest.x;
			d->y = page->oy + it->u.dest.y;
		}
	}
}

/* ---- page furniture ------------------------------------------------------ */

void yb_lay_origin(const yb_style *st, yb_page *page, int number)
{
	int recto = number % 2 == 1 || !st->two_sided;
	page->ox = recto ? st->margin_inner : st->margin_outer;
	page->oy = st->margin_top;
}

/* Sets one line of furniture text at (x relative to alignment, baseline y). */
static void set_furniture(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text, const char *lang,
                          const yb_face *face, yb_align align, float inset, float y, yb_line_role role)
{
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, lang, role);
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
		char *label = yb_lay_roman((int)i + 1);
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
	set_furniture(s, c, page, text, c->book->lang, &st->folio, align, inset, y, YB_LINE_FOLIO);
	g_free(text);
}

static void add_running_head(yb_setter *s, const yb_lctx *c, yb_page *page, int number,
                             const yb_book_report *br)
{
	const yb_style *st = c->st;
	int even = number % 2 == 0;
	float y = -st->running_head_gap;
	set_furniture(s, c, page, even ? c->book->title : br->title, even ? c->book->lang : br->lang,
	              &st->running_head, YB_ALIGN_CENTER, 0, y, YB_LINE_HEAD);
	if (st->running_head_rule) {
		float ry = y + 0.35f * st->running_head.size + 1.5f;
		yb_page_add_rule(page, 0, ry, c->tw, ry, 0.5f);
	}
}

static void label_page(yb_page *page, int number)
{
	page->label = g_strdup_printf("%d", number);
}

/* Joins the reports' pages into the body: blank pages, numbers, furniture. */
static GPtrArray *join_body(yb_setter *s, yb_lctx *c)
{
	const yb_style *st = c->st;
	GPtrArray *body = g_ptr_array_new();
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		GPtrArray *pages = c->report_pages[ri];
		if (st->open_odd && st->two_sided && body->len % 2 == 1) {
			yb_page *blank = yb_page_new(st->page_width, st->page_height, 0, 0);
			yb_lay_origin(st, blank, (int)body->len + 1);
			label_page(blank, (int)body->len + 1);
			g_ptr_array_add(body, blank);
		}
		c->report_first[ri] = (int)body->len + 1;
		c->report_npages[ri] = (int)pages->len;
		for (guint p = 0; p < pages->len; p++) {
			yb_page *page = g_ptr_array_index(pages, p);
			int number = (int)body->len + 1;
			yb_lay_origin(st, page, number);
			label_page(page, number);
			if (st->running_heads && p > 0)
				add_running_head(s, c, page, number, &c->book->reports[ri]);
			yb_lay_folio(s, c, page, number, page->label);
			g_ptr_array_add(body, page);
		}
		g_ptr_array_free(pages, TRUE);
		c->report_pages[ri] = NULL;
	}
	return body;
}

/* ---- front matter --------------------------------------------------------- */

static float set_cover_text(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text,
                            const yb_face *face, float y)
{
	if (!text || !*text)
		return y;
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->lang, YB_LINE_COVER);
	spec.align = YB_ALIGN_CENTER;
	guint n = yb_setter_set(s, text, strlen(text), &spec, g);
	y += face->before;
	yb_page_add_tag(page, YB_ITEM_TAG_BEGIN, "P");
	for (guint i = 0; i < n; i++, y += yb_lay_pitch(face))
		yb_galley_copy_line(g, &g_array_index(g->lines, yb_gline, i), page, 0, y + EM_TOP * face->size);
	yb_page_add_tag(page, YB_ITEM_TAG_END, "P");
	yb_galley_free(g);
	return y + face->after;
}

static yb_page *cover_page(yb_setter *s, const yb_lctx *c)
{
	const yb_style *st = c->st;
	const yb_book *b = c->book;
	yb_page *page = yb_page_new(st->page_width, st->page_height, st->margin_inner, st->margin_top);
	float y = set_cover_text(s, c, page, b->title, &st->cover_title, 0);
	set_cover_text(s, c, page, b->subtitle, &st->cover_subtitle, y);
	float bottom = c->th - st->cover_org.before - yb_lay_pitch(&st->cover_org)
	               - st->cover_date.before - yb_lay_pitch(&st->cover_date) - st->cover_date.after;
	y = set_cover_text(s, c, page, b->editor, &st->cover_org, bottom);
	set_cover_text(s, c, page, b->date, &st->cover_date, y);
	return page;
}

/* ---- the whole book -------------------------------------------------------- */

static void finish_doc(yb_lctx *c, GPtrArray *front, GPtrArray *body)
{
	yb_doc *doc = c->doc;
	for (guint i = 0; i < front->len; i++) {
		yb_page *p = g_ptr_array_index(front, i);
		g_free(p->label);
		p->label = yb_lay_roman((int)i + 1);
		g_ptr_array_add(doc->pages, p);
	}
	for (guint i = 0; i < body->len; i++)
		g_ptr_array_add(doc->pages, g_ptr_array_index(body, i));
	doc->front_pages = front->len;
	g_ptr_array_free(front, TRUE);
	g_ptr_array_free(body, TRUE);
	resolve_dests(doc);
}

static void init_ctx(yb_lctx *c, const yb_book *book, const yb_style *st, yb_fonts *fonts, yb_doc *doc)
{
	c->book = book;
	c->st = st;
	c->fonts = fonts;
	c->doc = doc;
	c->tw = (float)yb_style_text_width(st);
	c->th = (float)yb_style_text_height(st);
	int lines = (int)floorf((c->th - st->body.size) / st->body.pitch + 0.001f) + 1;
	c->capacity = (float)lines * st->body.pitch;
	c->report_dest = g_new0(uint32_t, book->nreports);
	c->report_pages = g_new0(GPtrArray *, book->nreports);
	c->anchors = g_new0(GArray *, book->nreports);
	c->report_first = g_new0(int, book->nreports);
	c->report_npages = g_new0(int, book->nreports);
}

static void release_ctx(yb_lctx *c)
{
	for (size_t i = 0; i < c->book->nreports; i++)
		if (c->anchors[i])
			g_array_free(c->anchors[i], TRUE);
	g_free(c->anchors);
	g_free(c->report_first);
	g_free(c->report_npages);
	g_free(c->report_dest);
	g_free(c->report_pages);
}

yb_doc *yb_layout_book(const yb_book *book, const yb_style *st, yb_fonts *fonts,
                       const yb_layout_opts *opts)
{
	yb_doc *doc = yb_doc_new();
	yb_lctx c = {0};
	init_ctx(&c, book, st, fonts, doc);
	plan_dests(&c);
	yb_summary_plan(&c);
	run_workers(&c, opts, lay_out_report);
	yb_setter *s = yb_setter_new(fonts, st, doc);
	GPtrArray *body = join_body(s, &c);
	GPtrArray *front = g_ptr_array_new();
	g_ptr_array_add(front, cover_page(s, &c));
	if (st->two_sided)
		g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
	yb_front_entry extra[2];
	guint nextra;
	yb_galley *summary = yb_summary_set(s, &c, body, extra, &nextra);
	yb_toc_set(s, &c, body, front, extra, nextra);
	yb_lay_front_pages(s, &c, summary, front);
	yb_galley_free(summary);
	prepend_outline(doc, extra, nextra);
	if (st->two_sided && front->len % 2 == 1)
		g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
	yb_setter_free(s);
	finish_doc(&c, front, body);
	release_ctx(&c);
	return doc;
}

/* ---- the benchmark's floor ----------------------------------------------- */

static void break_report(yb_setter *s, yb_lctx *c, size_t ri)
{
	const yb_book_report *br = &c->book->reports[ri];
	yb_set_spec spec = yb_lay_spec(c, &c->st->body, br->lang, YB_LINE_BODY);
	spec.indent = c->st->indent;
	for (size_t i = 0; i < br->tree->nblocks; i++) {
		const yb_block *b = &br->tree->blocks[i];
		yb_setter_break_only(s, b->text, strlen(b->text), &spec);
	}
}

double yb_layout_floor(const yb_book *book, const yb_style *st, yb_fonts *fonts,
                       const yb_layout_opts *opts)
{
	yb_doc *doc = yb_doc_new();
	yb_lctx c = {0};
	init_ctx(&c, book, st, fonts, doc);
	gint64 t0 = g_get_monotonic_time();
	run_workers(&c, opts, break_report);
	double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
	release_ctx(&c);
	yb_doc_free(doc);
	return secs;
}
