/* toc: the contents (目录), set after the body so its page numbers are final.
 *
 * Design note.  The entries are the outline's: report titles, then their
 * level-1 and level-2 headings, down to the style's `levels`.  An entry is
 * set as a block at its level's indent with a measure that leaves room for
 * the page number and at least three leader dots (else it wraps); a heading
 * that wraps hangs its next lines under its text, past its number (一、,
 * （一）); its last line gets dot leaders and the number flush right, every
 * level's numbers in one face.  Entries and bookmarks drop the 。 a run-in
 * heading ends with.  Leader dots sit on a grid measured from the right edge, so they
 * line up from entry to entry.  Every line of an entry is a link to the
 * heading's destination (named destinations: cairo 1.16 drops page-number
 * links to later pages).  The entries form a galley that is paginated like
 * the body, each entry kept whole, and the pages are numbered i, ii, ...
 * by the caller.  Page numbers come from the body: a destination's page
 * index in the body plus one.  The book's own tables, set right after the
 * contents, are listed first with roman numbers that depend on how many
 * pages the contents take: their entries are set without a number, the
 * contents are paginated, and then their leaders and numbers are added to
 * their lines (a number never changes an entry's height).  Each entry costs
 * two Pango layouts (its text, its number); the leader dot is set once.
 *
 * Depth: the manifest's toc-depth, else the style's `levels`.  Auto (the
 * default) is reports and their level-1 headings, or reports only when that
 * contents would take more than one page and more than a tenth of the
 * book's pages (a 500-report book would open with a hundred pages of
 * contents); the outline keeps every level either way.
 */
#include "toc.h"

#include <string.h>

static int depth_of(const yb_doc *doc, guint i)
{
	int d = 0;
	for (int p = g_array_index(doc->outline, yb_outline, i).parent; p >= 0;
	     p = g_array_index(doc->outline, yb_outline, p).parent)
		d++;
	return d;
}

/* The leader dot of a face: its font, size and glyph, set once. */
typedef struct dot {
	uint32_t font, glyph;
	float size;
} dot;

static dot dot_of(yb_setter *s, const yb_lctx *c, const yb_face *face)
{
	yb_galley *tmp = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->script, YB_LINE_TOC);
	spec.align = YB_ALIGN_LEFT;
	yb_setter_set(s, ".", 1, &spec, tmp);
	const yb_item *run = &g_array_index(tmp->scratch->items, yb_item, 1);
	dot d = {run->u.run.font, g_array_index(tmp->scratch->glyphs, yb_glyph, 0).id, run->u.run.size};
	yb_galley_free(tmp);
	return d;
}

/* Appends a run of leader dots from `from` to `to` (x) to the scratch page,
 * on a grid of `step` measured from `to`, so they line up from entry to entry. */
static void add_leaders(yb_galley *g, const dot *d, float from, float to, float step)
{
	yb_page *pg = g->scratch;
	float x0 = to - step * (float)(int)((to - from) / step);
	yb_item *run = yb_page_add(pg, YB_ITEM_RUN);
	run->u.run.font = d->font;
	run->u.run.size = d->size;
	run->u.run.x = x0;
	run->u.run.glyph0 = pg->glyphs->len;
	run->u.run.cluster0 = pg->clusters->len;
	run->u.run.text0 = pg->text->len;
	uint32_t n = 0;
	for (float x = x0; x + step <= to + 0.01f; x += step, n++) {
		yb_glyph gl = {d->glyph, x - x0};
		yb_cluster cl = {1, 1};
		g_array_append_val(pg->glyphs, gl);
		g_array_append_val(pg->clusters, cl);
		g_string_append_c(pg->text, '.');
	}
	run->u.run.nglyphs = run->u.run.nclusters = run->u.run.ntext = n;
}

/* Appends `text` as bare runs (no line of its own) ending at x = right;
 * returns its width. */
static float text_at_right(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *text,
                           const yb_face *face, float right)
{
	yb_galley *tmp = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->script, YB_LINE_TOC);
	spec.align = YB_ALIGN_LEFT;
	yb_setter_set(s, text, strlen(text), &spec, tmp);
	yb_gline runs = g_array_index(tmp->lines, yb_gline, 0);
	float w = g_array_index(tmp->scratch->items, yb_item, runs.item0).u.line.width;
	runs.item0++;   /* skip its LINE item */
	runs.nitems--;
	yb_galley_copy_line(tmp, &runs, g->scratch, right - w, 0);
	yb_galley_free(tmp);
	return w;
}

/* Where an entry's last line is, for its leaders and number. */
typedef struct entry {
	guint line;          /* its last galley line */
	float text_end;      /* where its text ends on that line */
	int depth;
} entry;

/* Dot leaders and the page number at the end of an entry's last line.  The
 * new items are made at the end of the scratch page and then given to that
 * line (moved in place when other lines follow it). */
static void add_number(yb_setter *s, const yb_lctx *c, yb_galley *g, const dot *d, const entry *e,
                       const char *label)
{
	const yb_face *face = &c->st->toc_entry[e->depth];
	yb_face numface = *face;   /* every level's numbers in one face */
	numface.role = c->st->toc_entry[0].role;
	numface.bold = 0;
	guint from = g->scratch->items->len;
	float w = text_at_right(s, c, g, label, &numface, c->tw);
	if (c->st->toc_leaders)
		add_leaders(g, d, e->text_end + face->size * 0.5f, c->tw - w - face->size * 0.5f, face->size * 0.5f);
	guint to = g->scratch->items->len;
	yb_item *moved = g_memdup2(&g_array_index(g->scratch->items, yb_item, from), (to - from) * sizeof(yb_item));
	g_array_set_size(g->scratch->items, from);
	for (guint i = 0; i < to - from; i++)
		yb_galley_add_item(g, e->line, &moved[i]);
	g_free(moved);
}

/* Adds a link over an entry's `n` lines to its last line `l` (an entry is
 * kept whole on one page). */
static void link_entry(yb_galley *g, guint line, guint n, float x, float w, const yb_face *face,
                       uint32_t dest)
{
	float up = (float)(n - 1) * yb_lay_pitch(face);
	yb_item it = {.kind = YB_ITEM_LINK};
	it.u.link.x = x;
	it.u.link.y = -EM_TOP * face->size - up;
	it.u.link.w = w;
	it.u.link.h = face->size + up;
	it.u.link.dest = dest;
	yb_galley_add_item(g, line, &it);
}

/* The bytes of a heading's number at the start of its title: 一、 （一）
 * 1. 1、 （1） 第一章 (and a space after it), or 0. */
static size_t number_len(const char *t)
{
	static const char numerals[] = "〇零一二三四五六七八九十百";
	static const char *const after_open[] = {"）", ")", NULL};
	static const char *const after_bare[] = {"、", "．", ".", NULL};
	static const char *const after_di[] = {"章", "节", "条", "部分", NULL};
	const char *p = t;
	const char *const *closers = after_bare;
	if (g_str_has_prefix(p, "（") || *p == '(') {
		p = g_utf8_next_char(p);
		closers = after_open;
	} else if (g_str_has_prefix(p, "第")) {
		p += strlen("第");
		closers = after_di;
	}
	const char *digits = p;
	while (*p && (g_ascii_isdigit(*p) || g_utf8_strchr(numerals, -1, g_utf8_get_char(p))))
		p = g_utf8_next_char(p);
	if (p == digits)
		return 0;
	for (int i = 0; closers[i]; i++) {
		if (!g_str_has_prefix(p, closers[i]))
			continue;
		p += strlen(closers[i]);
		while (*p == ' ' || g_str_has_prefix(p, "　"))
			p = g_utf8_next_char(p);
		return (size_t)(p - t);
	}
	return 0;
}

/* Sets an entry's text (and its link); its number comes with add_number(). */
static entry set_entry(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *title, uint32_t dest,
                       int depth, yb_script script)
{
	const yb_face *face = &c->st->toc_entry[depth];
	float indent = (float)depth * face->size;
	/* wrapped lines hang under the text: the number's width inside a line
	 * (a character after it keeps its 、 from the line-end compression) */
	char *number = g_strdup_printf("%.*s字", (int)number_len(title), title);
	float hang = strlen(number) > strlen("字") ? yb_setter_width(s, number, face, script) - face->size : 0;
	g_free(number);
	float numw = 4.5f * face->size;   /* the number and at least three leader dots, else the entry wraps */
	guint first = g->lines->len;
	yb_lblock b = {.text = title, .len = strlen(title), .face = face, .keep = 1, .grid = 1,
	               .tag = "TOCI"};
	b.spec = yb_lay_spec(c, face, script, YB_LINE_TOC);
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
	lines[n - 1].keep = 0;
	const yb_item *li = &g_array_index(g->scratch->items, yb_item, lines[n - 1].item0);
	entry e = {first + n - 1, li->u.line.x + li->u.line.width, depth};
	link_entry(g, e.line, n, indent, c->tw - indent, face, dest);
	return e;
}

/* The contents galley; the extra entries' numbers are left for later. */
static yb_galley *contents(yb_setter *s, const yb_lctx *c, const int *pages, const dot *dots,
                           const yb_front_entry *extra, guint nextra, entry *extra_at, int levels)
{
	const yb_style *st = c->st;
	yb_galley *g = yb_galley_new();
	yb_lblock head = {.text = st->toc_title, .len = strlen(st->toc_title), .face = &st->toc_heading,
	                  .keep = 1, .grid = 1, .tag = "H1"};
	head.spec = yb_lay_spec(c, &st->toc_heading, c->book->script, YB_LINE_TITLE);
	yb_lay_block(s, c, g, &head);
	for (guint e = 0; e < nextra; e++)
		extra_at[e] = set_entry(s, c, g, extra[e].title, extra[e].dest, 0, c->book->script);
	size_t report = 0;   /* top-level entries are the reports, in order */
	for (guint i = 0; i < c->doc->outline->len; i++) {
		const yb_outline *o = &g_array_index(c->doc->outline, yb_outline, i);
		int depth = depth_of(c->doc, i);
		if (depth == 0 && i > 0)
			report++;
		if (depth > levels || o->paragraph)
			continue;
		entry e = set_entry(s, c, g, o->title, o->dest, depth, c->book->reports[report].script);
		char label[16];
		snprintf(label, sizeof label, "%d", pages[o->dest]);
		add_number(s, c, g, &dots[depth], &e, label);
	}
	return g;
}

void yb_toc_set(yb_setter *s, const yb_lctx *c, guint nbody, GPtrArray *front,
                const yb_front_entry *extra, guint nextra)
{
	dot dots[3];
	for (int d = 0; d < 3; d++)
		dots[d] = dot_of(s, c, &c->st->toc_entry[d]);
	int *pages = yb_lay_dest_pages(c);
	entry extra_at[YB_LAY_ENTRIES];
	g_assert(nextra <= G_N_ELEMENTS(extra_at));
	int levels = c->book->toc_depth != YB_TOC_STYLE ? c->book->toc_depth : c->st->toc_levels;
	yb_galley *g = contents(s, c, pages, dots, extra, nextra, extra_at, levels == YB_TOC_AUTO ? 1 : levels);
	/* the book's tables follow the contents: their numbers need our length */
	guint toc_pages = yb_galley_breaks(g, c->capacity, NULL);
	if (levels == YB_TOC_AUTO && toc_pages > 1 && toc_pages * 10 > front->len + toc_pages + nbody) {
		yb_galley_free(g);
		g = contents(s, c, pages, dots, extra, nextra, extra_at, 0);
		toc_pages = yb_galley_breaks(g, c->capacity, NULL);
	}
	g_free(pages);
	for (guint e = 0; e < nextra; e++) {
		guint page = extra[e].before ? extra[e].page : front->len + toc_pages + extra[e].page;
		char *label = yb_lay_front_label(c->st, (int)page + 1);
		add_number(s, c, g, &dots[0], &extra_at[e], label);
		g_free(label);
	}
	yb_lay_front_pages(s, c, g, front);
	yb_galley_free(g);
}
