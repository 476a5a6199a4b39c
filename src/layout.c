/* layout: the book -> pages.
 *
 * Design note.  Each report is set on its own (in parallel, one Pango
 * context per worker) into a galley: the title block, the headings and the
 * paragraphs, every line with the vertical space it takes and whether a page
 * may break after it (block.c: blocks on the grid of the body line pitch).
 *
 * The reports are joined in book order by the calling thread, each as
 * soon as its worker is done (serially, cheap): a blank page before a
 * report that would open on an even page (when the style opens reports on
 * odd pages); each galley broken into pages by paginate.c, which balances
 * facing pages and so must know whether the report starts on a verso (the
 * worker does it when every report opens on a recto); running heads (book
 * title on even pages, report title on odd pages, none on a report's
 * opening page or a blank page); folios, unless the body's numbers wait
 * for the front matter.  A finished page goes to the page sink, if there
 * is one (pages.h), so the PDF is written while later reports are set;
 * the workers then hold at most WINDOW_PAGES pages the join has not taken.
 *
 * The front matter is set when the body's page numbers are known: after
 * the join, or, with a page sink, on a thread of its own as soon as every
 * report is set and broken into pages, while the join writes the rest of
 * the body (see front_job).  It holds: the cover, the imprint page on its
 * back (or on the book's last page; front.c), the manifest's texts (编委会,
 * 前言, 凡例), the contents and the summary tables, each part opening on a
 * right-hand page in a two-sided book; its page numbers are final because
 * the body is numbered on its own (front matter i, ii, ...) -- or, when the
 * front matter is numbered 1, 2, ... and the body continues its count,
 * once the front matter's length holds (set_front()); then the body's
 * labels and folios follow.  Then blank, unnumbered pages pad the book to a
 * multiple of the style's signature ([page] signature), so every output of
 * the style has the same pages.  A destination's page is its index in the
 * body when its page is joined, moved past the front matter at the end.
 *
 * The layout context (block.h) holds what every worker reads (book, style,
 * fonts, geometry) and one yb_lay_report per report, which only the worker
 * setting that report writes.  The contents (toc.c) and the summary tables
 * (summary.c) are set from here, after the body.
 */
#include "layout.h"

#include "block.h"
#include "diag.h"
#include "front.h"
#include "summary.h"
#include "table.h"
#include "toc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const heading_tags[] = {"H2", "H3", "H4", "H5"};

/* Headings and numbered paragraphs in the outline have a destination. */
static int has_dest(const yb_block *b)
{
	return b->kind == YB_BLOCK_HEADING || b->outline_level > 0;
}

static void set_title(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_book_report *br, uint32_t dest)
{
	/* the title as printed (letter spacing kept) unless the manifest gave another */
	const char *t = br->tree->title_text && strcmp(br->title, br->tree->title) == 0 ? br->tree->title_text : br->title;
	yb_lblock b = {.text = t, .len = strlen(t), .face = &c->st->title,
	           .keep = 1, .grid = 1, .has_dest = 1, .dest = dest, .tag = "H1"};
	b.spec = yb_lay_spec(c, b.face, br->script, YB_LINE_TITLE);
	yb_lay_block(s, c, g, &b);
}

static void set_heading(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_block *hb,
                        yb_script script, uint32_t dest)
{
	const yb_face *hf = &c->st->heading[hb->level - 1];
	yb_lblock b = {.text = hb->text, .len = strlen(hb->text), .face = hf, .keep = 1, .grid = 1,
	           .has_dest = 1, .dest = dest, .tag = heading_tags[hb->level - 1]};
	b.spec = yb_lay_spec(c, hf, script, YB_LINE_HEADING);
	b.spec.level = hb->level;
	b.spec.justify = hf->align == YB_ALIGN_LEFT || hf->align == YB_ALIGN_INDENT;
	guint first = g->lines->len;
	/* the space above a heading may grow to fill a page, level 1 first,
	 * and last between a heading and the subheading right under it */
	const char *above = first ? g_array_index(g->lines, yb_gline, first - 1).tag : NULL;
	int under_heading = above && above[0] == 'H';
	yb_lay_block(s, c, g, &b);
	if (g->lines->len > first)
		g_array_index(g->lines, yb_gline, first).grow = (uint8_t)(under_heading ? 1 : YB_GROW_MAX + 1 - hb->level);
}

/* Official-document elements (GB/T 9704 §7): signature and date flush
 * right, marks, numbers and subtitles centred, addressee and 版记 flush left. */
static const yb_align element_align[YB_EL_COUNT] = {
	[YB_EL_NONE] = YB_ALIGN_INDENT, [YB_EL_MARK] = YB_ALIGN_CENTER, [YB_EL_NUMBER] = YB_ALIGN_CENTER,
	[YB_EL_SUBTITLE] = YB_ALIGN_CENTER, [YB_EL_ADDRESSEE] = YB_ALIGN_LEFT,
	[YB_EL_ATTACHMENTS] = YB_ALIGN_INDENT, [YB_EL_SIGNATURE] = YB_ALIGN_RIGHT, [YB_EL_DATE] = YB_ALIGN_RIGHT,
	[YB_EL_NOTE] = YB_ALIGN_INDENT, [YB_EL_COPIES] = YB_ALIGN_LEFT, [YB_EL_APPENDIX] = YB_ALIGN_LEFT,
};

/* How far in from the right edge a signature or date ends: the date at the
 * style's date-right; a signature there too, or centred over the date under
 * it when the style says so (GB/T 9704 §7.3.5.1). */
static float right_offset(yb_setter *s, const yb_lctx *c, const yb_report *r, size_t i, yb_script script)
{
	const yb_style *st = c->st;
	size_t k = i;
	while (k < r->nblocks && r->blocks[k].element == YB_EL_SIGNATURE)
		k++;
	if (k == i || !st->signature_over_date || k >= r->nblocks || r->blocks[k].element != YB_EL_DATE)
		return (float)st->date_right;
	float date = yb_setter_width(s, r->blocks[k].text, &st->body, script);
	float sign = yb_setter_width(s, r->blocks[i].text, &st->body, script);
	return MAX(0.0f, (float)st->date_right + (date - sign) / 2);
}

/* The first-line indent of a paragraph or element: 附件说明 and 附注 at the
 * style's offsets, a 附件说明's further items under its first item's text. */
static float indent_of(yb_setter *s, const yb_lctx *c, const yb_block *pb, yb_script script)
{
	const yb_style *st = c->st;
	if (pb->element == YB_EL_NOTE)
		return (float)st->note_indent;
	if (pb->element != YB_EL_ATTACHMENTS)
		return (float)st->indent;
	if (g_str_has_prefix(pb->text, "附件"))
		return (float)st->attachments_indent;
	/* 附件 and a full-width colon, as set before the first item (not compressed as at a line's end) */
	return (float)st->attachments_indent + yb_setter_width(s, "附件", &st->body, script) + (float)st->body.size;
}

static void set_paragraph(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_report *r, size_t i,
                          yb_script script, int has_dest, uint32_t dest)
{
	const yb_style *st = c->st;
	const yb_block *pb = &r->blocks[i];
	yb_face head, gapped = st->body;
	yb_lblock b = {.text = pb->text, .len = strlen(pb->text), .face = &st->body,
	           .has_dest = has_dest, .dest = dest, .tag = "P"};
	int opens = i == 0 || r->blocks[i - 1].element != pb->element;
	if (opens && st->element_gap > 0 && (pb->element == YB_EL_ATTACHMENTS || pb->element == YB_EL_SIGNATURE)) {
		gapped.before = st->element_gap;   /* 正文（或附件说明）下空一行 */
		b.face = &gapped;
		b.grid = 1;
	}
	b.spec = yb_lay_spec(c, &st->body, script, YB_LINE_BODY);
	b.spec.align = element_align[pb->element];
	b.keep = pb->element == YB_EL_SIGNATURE || pb->element == YB_EL_COPIES;   /* with the date, with 印发 */
	b.spec.indent = b.spec.align == YB_ALIGN_INDENT ? indent_of(s, c, pb, script) : 0;
	if (b.spec.align == YB_ALIGN_RIGHT)
		b.spec.measure -= right_offset(s, c, r, i, script);
	b.spec.justify = b.spec.align == YB_ALIGN_INDENT || b.spec.align == YB_ALIGN_LEFT;
	if (pb->kind == YB_BLOCK_HEADING) { /* a run-in heading opens the paragraph */
		head = st->heading[pb->level - 1];
		head.size = st->body.size;
		b.spec.head_face = &head;
		b.spec.head_len = pb->head_len;
		b.spec.level = pb->level;
	} else if (pb->lead_len) { /* an article's number, a lead sentence: bold run-in */
		head = st->body;
		head.bold = 1;
		b.spec.head_face = &head;
		b.spec.head_len = pb->lead_len;
	}
	yb_lay_block(s, c, g, &b);
}

/* 版记 (a run of copies blocks, lines from `first` on): at the page's foot
 * when the style says so, a thick rule above its first block and below its
 * last, a thin one between blocks. */
static void copies_rules(const yb_lctx *c, yb_galley *g, guint first, const yb_report *r, size_t i)
{
	const yb_style *st = c->st;
	int opens = i == 0 || r->blocks[i - 1].element != YB_EL_COPIES;
	int closes = i + 1 == r->nblocks || r->blocks[i + 1].element != YB_EL_COPIES;
	guint last = g->lines->len - 1;
	for (guint k = first; k <= last; k++)
		g_array_index(g->lines, yb_gline, k).foot = (uint8_t)st->copies_foot;
	/* up by half the space under the type, so the text stands midway between the rules */
	float up = -(g_array_index(g->lines, yb_gline, first).height - (float)st->body.size) / 2;
	if (opens && st->copies_thick > 0)
		yb_galley_rule(g, first, 0, up, 0, c->tw, (float)st->copies_thick);
	float below = closes ? (float)st->copies_thick : (float)st->copies_thin;
	if (below > 0)
		yb_galley_rule(g, last, 1, up, 0, c->tw, below);
}

static void set_table(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_block *tb, yb_script script)
{
	yb_table_in t = {.nrows = tb->nrows, .ncols = tb->ncols, .cells = (const char *const *)tb->cells,
	                 .caption = tb->caption, .script = script, .head_rows = tb->head_rows};
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

/* Records the source line of the galley's lines from `first` on. */
static void note_source(GArray *src, const yb_galley *g, long line)
{
	while (src->len < g->lines->len)
		g_array_append_val(src, line);
}

/* Sets the report into a galley; `src` gets each galley line's source line. */
static yb_galley *set_report(yb_setter *s, const yb_lctx *c, const yb_lay_report *lr,
                             const yb_book_report *br, GArray *src)
{
	const yb_report *r = br->tree;
	const GArray *anchors = lr->anchors;
	yb_galley *g = yb_galley_new();
	uint32_t dest = lr->dest + 1;   /* the title's is lr->dest */
	guint ai = 0;
	int titled = 0;
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *bl = &r->blocks[i];
		if (!titled && bl->line > r->title_line) {   /* blocks over the title (发文机关标志) come first */
			set_title(s, c, g, br, lr->dest);
			note_source(src, g, r->title_line);
			titled = 1;
		}
		guint first = g->lines->len;
		if (bl->kind == YB_BLOCK_TABLE)
			set_table(s, c, g, bl, br->script);
		else if (bl->kind == YB_BLOCK_HEADING && !bl->run_in)
			set_heading(s, c, g, bl, br->script, dest++);
		else if (has_dest(bl))
			set_paragraph(s, c, g, r, i, br->script, 1, dest++);
		else
			set_paragraph(s, c, g, r, i, br->script, 0, 0);
		if (bl->element == YB_EL_COPIES)
			copies_rules(c, g, first, r, i);
		for (; anchors && ai < anchors->len && g_array_index(anchors, yb_anchor, ai).block == i; ai++)
			place_anchor(g, first, &g_array_index(anchors, yb_anchor, ai));
		note_source(src, g, bl->line);
	}
	if (!titled) {
		set_title(s, c, g, br, lr->dest);
		note_source(src, g, r->title_line);
	}
	return g;
}

static void add_bend(GArray *bends, long line, const char *what)
{
	const yb_lay_bend *last = bends->len ? &g_array_index(bends, yb_lay_bend, bends->len - 1) : NULL;
	if (last && last->line == line && last->what == what)
		return;   /* once per block and kind */
	yb_lay_bend b = {line, what};
	g_array_append_val(bends, b);
}

/* What the setter and the paginator had to bend in the report's galley:
 * overfull lines, breaks no rule allows, pages broken inside a keep. */
static GArray *find_bends(const yb_galley *g, const GArray *src, const GArray *starts)
{
	GArray *bends = g_array_new(FALSE, FALSE, sizeof(yb_lay_bend));
	GArray *forced = g_array_new(FALSE, FALSE, sizeof(guint));
	yb_galley_forced(g, starts, forced);
	guint f = 0;
	for (guint i = 0; i < g->lines->len; i++) {
		const yb_gline *l = &g_array_index(g->lines, yb_gline, i);
		long line = g_array_index(src, long, i);
		if (l->bent & YB_BENT_OVERFULL)
			add_bend(bends, line, "a line is wider than the measure (nothing to break it at, such as a "
			         "long number or web address): it runs into the margin; add a space where it may break");
		if (l->bent & YB_BENT_EMERGENCY)
			add_bend(bends, line, "a line breaks where no rule allows (inside a word or number, or "
			         "against 禁则), since nothing else fits the measure");
		if (f < forced->len && g_array_index(forced, guint, f) == i) {
			add_bend(bends, line, "a page breaks inside what should stay together (a heading and its "
			         "first lines, or a block taller than a page)");
			f++;
		}
	}
	g_array_free(forced, TRUE);
	return bends;
}


/* How a report's pages are balanced.  A page runs long only where a line
 * below the type area stays a line clear of the folio. */
static yb_paging paging(const yb_lctx *c, int verso)
{
	const yb_style *st = c->st;
	float pitch = (float)st->body.pitch, base = EM_TOP * (float)st->body.size;
	float last = c->capacity - pitch + base;   /* a full page's last baseline */
	float folio = c->th + (float)st->folio_offset + 0.35f * (float)st->folio.size;
	int room = (int)floorf((folio - last) / pitch) - 1;
	yb_paging pg = {.capacity = c->capacity, .pitch = pitch, .base = base, .slack = st->balance_lines,
	                .longer = CLAMP(room, 0, st->balance_lines), .min_last = st->last_page_lines,
	                .two_sided = st->two_sided, .first_verso = verso};
	return pg;
}

/* The report's pages, the first a verso when `verso`; and its bends. */
static GPtrArray *paginate_report(const yb_lctx *c, yb_lay_report *lr, int verso)
{
	const yb_style *st = c->st;
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *grow = g_array_new(FALSE, FALSE, sizeof(guint));
	yb_paging pg = paging(c, verso);
	if (st->balance)
		yb_galley_balance(lr->galley, &pg, starts, grow);
	else
		yb_galley_breaks(lr->galley, c->capacity, starts);
	lr->bends = find_bends(lr->galley, lr->src, starts);
	GPtrArray *pages = g_ptr_array_new();
	yb_galley_place(lr->galley, starts, st->balance ? grow : NULL, pg.pitch, c->capacity, (float)st->page_width,
	                (float)st->page_height, pages);
	g_array_free(starts, TRUE);
	g_array_free(grow, TRUE);
	g_array_free(lr->src, TRUE);
	yb_galley_free(lr->galley);
	lr->src = NULL;
	lr->galley = NULL;
	return pages;
}

/* Whether every report opens on a recto (a one-sided book, or reports
 * opening on odd pages), so a worker can break its report into pages. */
static int opens_on_recto(const yb_lctx *c)
{
	return !c->st->two_sided || c->st->open_odd;
}

/* A worker sets the report into a galley and, when the side it opens on is
 * known, breaks it into pages; else the join does, once it knows. */
static void lay_out_report(yb_setter *s, const yb_lctx *c, yb_lay_report *lr, const yb_book_report *br)
{
	lr->src = g_array_new(FALSE, FALSE, sizeof(long));
	lr->galley = set_report(s, c, lr, br, lr->src);
	if (opens_on_recto(c))
		lr->pages = paginate_report(c, lr, 0);
}

/* The workers: each takes the next report until none is left, and tells
 * the join when one is ready.  With a page sink, a worker does not start a
 * report while WINDOW_PAGES pages wait for the join (unless the join waits
 * for that very report), so a book's pages are never all held at once. */
#define WINDOW_PAGES 512

typedef struct pool {
	const yb_lctx *c;
	const yb_layout_opts *opts;
	gint next;                /* the next report a worker takes (atomic) */
	gint done;                /* reports finished (atomic) */
	GMutex lock;              /* guards the reports' `ready`, `joined`, `waiting` */
	GCond cond;               /* a report is ready, or the join took one */
	gint joined;              /* reports the join has taken */
	guint waiting;            /* pages set and not yet taken by the join */
	guint window;             /* WINDOW_PAGES with a page sink; 0: no limit */
	GThread **threads;
	int nthreads;
} pool;

static void wait_for_join(pool *p, gint ri)
{
	g_mutex_lock(&p->lock);
	while (p->window && p->waiting >= p->window && ri > p->joined)
		g_cond_wait(&p->cond, &p->lock);
	g_mutex_unlock(&p->lock);
}

/* A worker: its own setter (Pango context), then reports until none is left. */
static gpointer worker(gpointer data)
{
	pool *p = data;
	const yb_lctx *c = p->c;
	yb_setter *s = yb_setter_new(c->fonts, c->st, c->doc);
	for (;;) {
		gint ri = g_atomic_int_add(&p->next, 1);
		if (ri >= (gint)c->book->nreports)
			break;
		wait_for_join(p, ri);
		lay_out_report(s, c, &c->reports[ri], &c->book->reports[ri]);
		g_mutex_lock(&p->lock);
		c->reports[ri].ready = 1;
		p->waiting += c->reports[ri].pages ? c->reports[ri].pages->len : 0;
		g_cond_broadcast(&p->cond);
		g_mutex_unlock(&p->lock);
		gint done = g_atomic_int_add(&p->done, 1) + 1;
		if (p->opts && p->opts->progress)
			p->opts->progress((size_t)done, c->book->nreports, p->opts->progress_data);
	}
	yb_setter_free(s);
	return NULL;
}

static int worker_count(const yb_layout_opts *opts, size_t jobs)
{
	int cores = (int)g_get_num_processors();
	/* each thread keeps its own Pango context and fonts: more than four a core only costs memory */
	int n = opts && opts->jobs > 0 ? MIN(opts->jobs, 4 * cores) : cores;
	if ((size_t)n > jobs)
		n = (int)jobs;
	return n < 1 ? 1 : n;
}

static void start_workers(pool *p, const yb_lctx *c, const yb_layout_opts *opts)
{
	int n = worker_count(opts, c->book->nreports);
	p->c = c;
	p->opts = opts;
	p->window = c->sink ? WINDOW_PAGES : 0;
	g_mutex_init(&p->lock);
	g_cond_init(&p->cond);
	p->threads = g_new(GThread *, (gsize)n);
	/* a thread the system will not give (a process limit) is simply not
	 * used; with none, this thread sets every report first */
	while (p->nthreads < n && (p->threads[p->nthreads] = g_thread_try_new("layout", worker, p, NULL)))
		p->nthreads++;
	if (p->nthreads == 0) {
		p->window = 0;
		worker(p);
	}
}

/* Waits until report ri is set; the workers may then go on past it. */
static void take_report(pool *p, gint ri)
{
	const yb_lay_report *lr = &p->c->reports[ri];
	g_mutex_lock(&p->lock);
	while (!lr->ready)
		g_cond_wait(&p->cond, &p->lock);
	p->joined = ri + 1;
	p->waiting -= lr->pages ? lr->pages->len : 0;
	g_cond_broadcast(&p->cond);
	g_mutex_unlock(&p->lock);
}

static int all_set(pool *p)
{
	return g_atomic_int_get(&p->done) == (gint)p->c->book->nreports;
}

static void stop_workers(pool *p)
{
	for (int i = 0; i < p->nthreads; i++)
		g_thread_join(p->threads[i]);
	g_free(p->threads);
	g_mutex_clear(&p->lock);
	g_cond_clear(&p->cond);
}

/* ---- destinations and the outline --------------------------------------- */

static size_t dest_count(const yb_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nblocks; i++)
		n += has_dest(&r->blocks[i]);
	return n;
}

/* An outline entry (a bookmark and a contents entry): the heading without
 * the 。 a run-in heading ends with. */
static void add_outline(yb_doc *doc, const char *title, size_t tlen, int parent, uint32_t dest)
{
	static const char stop[] = "。";
	if (tlen > strlen(stop) && memcmp(title + tlen - strlen(stop), stop, strlen(stop)) == 0)
		tlen -= strlen(stop);
	yb_outline o = {g_strndup(title, tlen), parent, dest, 0};
	g_array_append_val(doc->outline, o);
}

/* One destination per report title, heading and outline paragraph; the
 * outline mirrors reports -> level 1 -> level 2 (a numbered paragraph's
 * entry, its label, is left out of the contents). */
static void plan_dests(yb_lctx *c)
{
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		const yb_book_report *br = &c->book->reports[ri];
		const yb_report *r = br->tree;
		uint32_t first = c->reports[ri].dest = yb_doc_add_dest(c->doc);
		for (size_t h = dest_count(r); h > 0; h--)
			yb_doc_add_dest(c->doc);
		int top = (int)c->doc->outline->len, l1 = -1;
		add_outline(c->doc, br->title, strlen(br->title), -1, first);
		uint32_t d = first;
		for (size_t i = 0; i < r->nblocks; i++) {
			const yb_block *b = &r->blocks[i];
			if (!has_dest(b))
				continue;
			d++;
			int level = b->kind == YB_BLOCK_HEADING ? b->level : b->outline_level;
			size_t len = b->kind == YB_BLOCK_HEADING ? b->head_len : b->label_len;
			if (level == 1) {
				l1 = (int)c->doc->outline->len;
				add_outline(c->doc, b->text, len, top, d);
			} else if (level == 2) {
				add_outline(c->doc, b->text, len, l1 >= 0 ? l1 : top, d);
			} else {
				continue;
			}
			g_array_index(c->doc->outline, yb_outline, c->doc->outline->len - 1).paragraph = !b->level;
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
		yb_outline o = {g_strdup(e[i].title), -1, e[i].dest, 0};
		g_array_prepend_val(doc->outline, o);
	}
}

/* Sets the page (its index in its part: the body or the front matter) and
 * absolute position of the destinations on `page`. */
static void place_dests(yb_doc *doc, const yb_page *page, int index)
{
	for (guint i = 0; i < page->items->len; i++) {
		const yb_item *it = &g_array_index(page->items, yb_item, i);
		if (it->kind != YB_ITEM_DEST)
			continue;
		yb_doc_place_dest(doc, it->u.dest.dest, index, page->ox + it->u.dest.x, page->oy + it->u.dest.y);
	}
}

/* A page is final: its destinations are placed and, with a page sink, it is
 * handed over and emptied (layout.h). */
static void deliver(yb_lctx *c, yb_page *page, int index, int front)
{
	place_dests(c->doc, page, index);
	if (!c->sink)
		return;
	if (c->sink_ok && c->sink(c->sink_data, c->doc, page, front) != 0)
		c->sink_ok = 0;
	yb_page_clear(page);
}

/* A report's title in its running heads: the manifest's short-title; else,
 * when the title is longer than about half the measure, what follows its
 * 关于 (广州市…办事处关于2024年度法治政府建设情况的报告 -> 2024年度…的报告);
 * else the title. */
static const char *running_title(yb_setter *s, const yb_lctx *c, const yb_book_report *br)
{
	if (br->short_title)
		return br->short_title;
	const char *about = strstr(br->title, "关于");
	if (!about || yb_setter_width(s, br->title, &c->st->running_head, br->script) <= c->tw / 2)
		return br->title;
	const char *rest = about + strlen("关于");
	return g_utf8_strlen(rest, -1) >= 4 ? rest : br->title;
}

static void add_running_head(yb_setter *s, const yb_lctx *c, yb_page *page, int number,
                             const yb_book_report *br)
{
	const yb_style *st = c->st;
	int even = number % 2 == 0;
	float y = -st->running_head_gap;
	yb_lay_furniture(s, c, page, even ? c->book->title : running_title(s, c, br),
	                 even ? c->book->script : br->script, &st->running_head, YB_ALIGN_CENTER, 0, y, YB_LINE_HEAD);
	if (st->running_head_rule) {
		float ry = y + 0.35f * st->running_head.size + 1.5f;
		yb_page_add_rule(page, 0, ry, c->tw, ry, 0.5f);
	}
}

static void label_page(yb_page *page, int number)
{
	page->label = g_strdup_printf("%d", number);
}

/* Label and folio of body page i (counted from 0), its number 1 + i + the
 * pages the front matter counts (c->page_offset); a blank page (nothing on
 * it) shows no number. */
static void number_page(yb_setter *s, const yb_lctx *c, yb_page *page, guint i)
{
	int number = (int)i + 1 + c->page_offset;
	int blank = page->items->len == 0;
	label_page(page, number);
	if (!blank)
		yb_lay_folio(s, c, page, number, page->label);
}

/* Adds a page to the body; unless the body's numbers wait for the front
 * matter's length, it is numbered and final. */
static void add_body_page(yb_setter *s, yb_lctx *c, GPtrArray *body, yb_page *page)
{
	g_ptr_array_add(body, page);
	if (c->st->folio_front_arabic) {   /* its destinations for the contents, now */
		place_dests(c->doc, page, (int)body->len - 1);
		return;
	}
	number_page(s, c, page, body->len - 1);
	deliver(c, page, (int)body->len - 1, 0);
}

/* Whether a report after `len` body pages opens after a blank page. */
static int blank_before(const yb_style *st, guint len)
{
	return st->open_odd && st->two_sided && len % 2 == 1;
}

/* ---- the front matter beside the join ------------------------------------- */

/* With a page sink, once every report is set and broken into pages, the
 * body's page numbers are known before the join has written the pages:
 * the front matter is then set on a thread of its own while the join goes
 * on (set_front() with its own setter).  It reads the destinations and
 * the reports' first pages, which plan_rest() fills in for the reports not
 * joined yet, exactly as the join will; it adds destinations and fonts
 * under the document's lock. */
static GPtrArray *set_front(yb_setter *s, yb_lctx *c, guint nbody, yb_front_entry *extra, guint *nextra);

typedef struct front_job {
	yb_lctx *c;
	size_t planned;            /* reports from here on were placed by plan_rest() */
	guint nbody;               /* the body's pages (before those that end the book) */
	yb_front_entry extra[YB_LAY_ENTRIES];
	guint nextra;
	GPtrArray *front;
	GThread *thread;
} front_job;

/* Where the reports from `from` on (after `len` body pages) will stand:
 * their first page, their count, their destinations; returns the body's
 * length.  Every report is broken into pages by now. */
static guint plan_rest(yb_lctx *c, size_t from, guint len)
{
	for (size_t ri = from; ri < c->book->nreports; ri++) {
		yb_lay_report *lr = &c->reports[ri];
		len += blank_before(c->st, len);
		lr->first = (int)len + 1;
		lr->npages = (int)lr->pages->len;
		for (guint p = 0; p < lr->pages->len; p++)
			place_dests(c->doc, g_ptr_array_index(lr->pages, p), (int)(len + p));
		len += lr->pages->len;
	}
	return len;
}

static gpointer front_worker(gpointer data)
{
	front_job *fj = data;
	yb_setter *s = yb_setter_new(fj->c->fonts, fj->c->st, fj->c->doc);
	fj->front = set_front(s, fj->c, fj->nbody, fj->extra, &fj->nextra);
	yb_setter_free(s);
	return NULL;
}

/* Starts the front matter's thread when every report from `ri` on is set
 * and broken into pages (and the pages are handed over as they are final). */
static void maybe_start_front(yb_lctx *c, pool *workers, front_job *fj, size_t ri, guint len)
{
	if (fj->planned < c->book->nreports || !c->sink || !opens_on_recto(c) || !all_set(workers))
		return;
	fj->nbody = plan_rest(c, ri, len);
	fj->planned = ri;
	fj->thread = g_thread_try_new("front", front_worker, fj, NULL);
}

/* The front matter: from its thread, or set now. */
static GPtrArray *front_matter(yb_setter *s, front_job *fj, guint nbody)
{
	if (fj->thread) {
		g_thread_join(fj->thread);
		return fj->front;
	}
	return set_front(s, fj->c, nbody, fj->extra, &fj->nextra);
}

/* Joins the reports' pages into the body, each report as soon as the
 * workers have set it: blank pages, running heads, folios (see
 * add_body_page).  Pages are counted from 1 here (lr->first). */
static GPtrArray *join_body(yb_setter *s, yb_lctx *c, pool *workers, front_job *fj)
{
	const yb_style *st = c->st;
	GPtrArray *body = g_ptr_array_new();
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		yb_lay_report *lr = &c->reports[ri];
		take_report(workers, (gint)ri);
		maybe_start_front(c, workers, fj, ri, body->len);
		if (blank_before(st, body->len)) {
			yb_page *blank = yb_page_new(st->page_width, st->page_height, 0, 0);
			yb_lay_origin(st, blank, (int)body->len + 1);
			add_body_page(s, c, body, blank);
		}
		GPtrArray *pages = lr->pages ? lr->pages : paginate_report(c, lr, st->two_sided && body->len % 2 == 1);
		lr->pages = NULL;
		if (ri < fj->planned) {
			lr->first = (int)body->len + 1;
			lr->npages = (int)pages->len;
		}
		for (guint p = 0; p < pages->len; p++) {
			yb_page *page = g_ptr_array_index(pages, p);
			int number = (int)body->len + 1;
			yb_lay_origin(st, page, number);
			if (st->running_heads && p > 0)
				add_running_head(s, c, page, number, &c->book->reports[ri]);
			add_body_page(s, c, body, page);
		}
		g_ptr_array_free(pages, TRUE);
	}
	return body;
}

/* With the front matter numbered 1, 2, ..., the body's labels and folios,
 * once its length is known; then its pages are final. */
static void number_body(yb_setter *s, yb_lctx *c, GPtrArray *body)
{
	if (!c->st->folio_front_arabic)
		return;
	for (guint i = 0; i < body->len; i++) {
		number_page(s, c, g_ptr_array_index(body, i), i);
		deliver(c, g_ptr_array_index(body, i), (int)i, 0);
	}
}

/* The imprint as the book's last page: a left-hand page when the book is
 * two-sided (a blank page before it when needed), counted, no folio. */
static void add_last_page(yb_lctx *c, GPtrArray *body, yb_page *page)
{
	const yb_style *st = c->st;
	int number = (int)body->len + 1 + c->page_offset;
	if (st->two_sided && number % 2 == 1) {
		yb_page *blank = yb_page_new(st->page_width, st->page_height, 0, 0);
		yb_lay_origin(st, blank, number);
		label_page(blank, number++);
		g_ptr_array_add(body, blank);
		deliver(c, blank, (int)body->len - 1, 0);
	}
	yb_lay_origin(st, page, number);
	label_page(page, number);
	g_ptr_array_add(body, page);
	deliver(c, page, (int)body->len - 1, 0);
}

/* ---- front matter --------------------------------------------------------- */

static float set_cover_text(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text,
                            const yb_face *face, float y)
{
	if (!text || !*text)
		return y;
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(c, face, c->book->script, YB_LINE_COVER);
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

/* The cover's date in Chinese form (2025年6月): the book's date (YYYY-MM-DD
 * or YYYY-MM), else the month of its creation time. */
static char *cover_date(const yb_book *b)
{
	int y, m;
	if (b->date && sscanf(b->date, "%d-%d", &y, &m) == 2 && m >= 1 && m <= 12)
		return g_strdup_printf("%d年%d月", y, m);
	if (b->date && *b->date)
		return g_strdup(b->date);
	GDateTime *dt = g_date_time_new_from_unix_utc(b->epoch);
	char *out = dt ? g_strdup_printf("%d年%d月", g_date_time_get_year(dt), g_date_time_get_month(dt)) : NULL;
	if (dt)
		g_date_time_unref(dt);
	return out;
}

/* A subtitle when none is given: what the volume holds (收录2020—2024年度报告5篇). */
static char *cover_subtitle(const yb_book *b)
{
	if (b->subtitle)
		return g_strdup(b->subtitle);
	int lo = 0, hi = 0;
	for (size_t i = 0; i < b->nreports; i++) {
		int y = b->reports[i].year ? atoi(b->reports[i].year) : 0;
		if (y > 0) {
			lo = lo && lo < y ? lo : y;
			hi = hi > y ? hi : y;
		}
	}
	if (!lo)
		return g_strdup_printf("收录报告%zu篇", b->nreports);
	if (lo == hi)
		return g_strdup_printf("收录%d年度报告%zu篇", lo, b->nreports);
	return g_strdup_printf("收录%d—%d年度报告%zu篇", lo, hi, b->nreports);
}

static void cover_rule(yb_page *page, float x0, float x1, float y, float width)
{
	yb_item *it = yb_page_add(page, YB_ITEM_RULE);
	it->u.rule.x0 = x0;
	it->u.rule.x1 = x1;
	it->u.rule.y0 = it->u.rule.y1 = y;
	it->u.rule.width = width;
}

/* The cover: a thick and a thin rule framing the title and subtitle (what
 * the volume holds, when none is given), the compiling body and the date
 * in Chinese form at the foot. */
yb_page *yb_lay_cover_page(yb_setter *s, const yb_lctx *c)
{
	const yb_style *st = c->st;
	const yb_book *b = c->book;
	yb_page *page = yb_page_new(st->page_width, st->page_height, st->margin_inner, st->margin_top);
	float rule_x0 = c->tw * 0.15f, rule_x1 = c->tw * 0.85f, gap = st->cover_title.size * 0.8f;
	cover_rule(page, rule_x0, rule_x1, st->cover_title.before - gap, st->table_rule_thick * 1.5f);
	float y = set_cover_text(s, c, page, b->title, &st->cover_title, 0);
	char *subtitle = cover_subtitle(b);
	y = set_cover_text(s, c, page, subtitle, &st->cover_subtitle, y);
	g_free(subtitle);
	cover_rule(page, rule_x0, rule_x1, y + gap / 2, st->table_rule_thin);
	char *date = cover_date(b);
	float bottom = c->th - st->cover_org.before - yb_lay_pitch(&st->cover_org)
	               - st->cover_date.before - yb_lay_pitch(&st->cover_date) - st->cover_date.after;
	y = b->editor && *b->editor ? set_cover_text(s, c, page, b->editor, &st->cover_org, bottom)
	                            : bottom + st->cover_org.before + yb_lay_pitch(&st->cover_org);
	set_cover_text(s, c, page, date, &st->cover_date, y);
	g_free(date);
	return page;
}

/* Blank pages at the end of the body, counted but with no folio (no
 * label), until the page count (with `after` pages still to come at the
 * end: the imprint on the last page) is a multiple of the style's
 * signature: the pages a folded sheet holds. */
static void pad_to_signature(yb_lctx *c, const GPtrArray *front, GPtrArray *body, guint after)
{
	const yb_style *st = c->st;
	while ((front->len + body->len + after) % (guint)st->signature) {
		yb_page *blank = yb_page_new(st->page_width, st->page_height, 0, 0);
		yb_lay_origin(st, blank, (int)body->len + 1);
		g_ptr_array_add(body, blank);
		deliver(c, blank, (int)body->len - 1, 0);
	}
}

/* ---- the whole book -------------------------------------------------------- */

/* The cover, the contents and the book's tables, on pages of their own. */
static GPtrArray *set_front_once(yb_setter *s, const yb_lctx *c, guint nbody, yb_front_entry *extra,
                                 guint *nextra)
{
	const yb_style *st = c->st;
	GPtrArray *front = g_ptr_array_new_with_free_func((GDestroyNotify)yb_page_free);
	g_ptr_array_add(front, yb_lay_cover_page(s, c));
	yb_page *imprint = yb_front_imprint_last(c) ? NULL : yb_front_imprint(s, c);
	if (imprint) {
		yb_lay_origin(st, imprint, 2);
		g_ptr_array_add(front, imprint);
	} else if (st->two_sided) {
		g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
	}
	guint nparts = yb_front_set(s, c, front, extra), nsummary;
	if (st->two_sided && front->len % 2 == 1)   /* the contents open on a right-hand page */
		g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
	yb_galley *summary = yb_summary_set(s, c, extra + nparts, &nsummary);
	*nextra = nparts + nsummary;
	yb_toc_set(s, c, nbody, front, extra, *nextra);
	yb_lay_front_pages(s, c, summary, front);
	yb_galley_free(summary);
	if (st->two_sided && front->len % 2 == 1)
		g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
	return front;
}

/* The front matter.  When it is numbered 1, 2, ... ([folio] front-numbers =
 * arabic), the body continues its count, so the body's page numbers in the
 * contents and the tables need the front matter's length: it is set again
 * with the length it came to (and the destinations it made dropped), until
 * the length holds (a longer number may wrap a line). */
static GPtrArray *set_front(yb_setter *s, yb_lctx *c, guint nbody, yb_front_entry *extra, guint *nextra)
{
	guint dests = c->doc->dests->len;
	GPtrArray *front = set_front_once(s, c, nbody, extra, nextra);
	for (int pass = 0; c->st->folio_front_arabic && (int)front->len != c->page_offset && pass < 3; pass++) {
		c->page_offset = (int)front->len;
		g_ptr_array_free(front, TRUE);
		g_array_set_size(c->doc->dests, dests);
		front = set_front_once(s, c, nbody, extra, nextra);
	}
	g_ptr_array_set_free_func(front, NULL);
	return front;
}

/* Warnings for what each report's layout bent, in book order (--strict
 * makes them errors). */
static void tell_bends(const yb_lctx *c)
{
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		const GArray *bends = c->reports[ri].bends;
		for (guint i = 0; bends && i < bends->len; i++) {
			const yb_lay_bend *b = &g_array_index(bends, yb_lay_bend, i);
			yb_diag_warn(c->book->reports[ri].tree->path, b->line, "%s", b->what);
		}
	}
}

void yb_lay_copy_info(yb_doc *doc, const yb_book_info *info)
{
	doc->title = g_strdup(info->title);
	doc->author = g_strdup(info->author);
	doc->subject = g_strdup(info->subject);
	doc->keywords = g_strdup(info->keywords);
	doc->creator = g_strdup(info->creator);
	doc->lang = g_strdup(info->lang);
	doc->date = g_strdup(info->date);
}

/* The document's pages: the front matter's (labelled and final now), then
 * the body's, whose destinations move past the front matter. */
static void finish_doc(yb_lctx *c, GPtrArray *front, GPtrArray *body)
{
	yb_doc *doc = c->doc;
	for (guint i = 0; i < doc->dests->len; i++) {
		yb_dest *d = &g_array_index(doc->dests, yb_dest, i);
		if (d->page >= 0)
			d->page += (int)front->len;
	}
	for (guint i = 0; i < front->len; i++) {
		yb_page *p = g_ptr_array_index(front, i);
		g_free(p->label);
		p->label = yb_lay_front_label(c->st, (int)i + 1);
		deliver(c, p, (int)i, 1);
		g_ptr_array_add(doc->pages, p);
	}
	for (guint i = 0; i < body->len; i++)
		g_ptr_array_add(doc->pages, g_ptr_array_index(body, i));
	doc->front_pages = front->len;
	doc->front_arabic = c->st->folio_front_arabic;
	doc->streamed = c->sink != NULL;
	g_ptr_array_free(front, TRUE);
	g_ptr_array_free(body, TRUE);
}

static void init_ctx(yb_lctx *c, const yb_book *book, const yb_style *st, yb_fonts *fonts, yb_doc *doc,
                     const yb_layout_opts *opts)
{
	/* pages are handed over as they are final only when the body's are
	 * final before the front matter is set */
	if (opts && opts->sink && !st->folio_front_arabic) {
		c->sink = opts->sink;
		c->sink_data = opts->sink_data;
		c->sink_ok = 1;
	}
	c->book = book;
	c->st = st;
	c->fonts = fonts;
	c->doc = doc;
	c->tw = (float)yb_style_text_width(st);
	c->th = (float)yb_style_text_height(st);
	c->capacity = (float)yb_style_lines_per_page(st) * st->body.pitch;
	c->reports = g_new0(yb_lay_report, book->nreports);
}

static void release_ctx(yb_lctx *c)
{
	for (size_t i = 0; i < c->book->nreports; i++) {
		if (c->reports[i].anchors)
			g_array_free(c->reports[i].anchors, TRUE);
		if (c->reports[i].bends)
			g_array_free(c->reports[i].bends, TRUE);
	}
	g_free(c->reports);
}

yb_doc *yb_layout_book(const yb_book *book, const yb_style *st, yb_fonts *fonts,
                       const yb_layout_opts *opts)
{
	yb_doc *doc = yb_doc_new();
	yb_lay_copy_info(doc, &book->info);
	yb_lctx c = {0};
	init_ctx(&c, book, st, fonts, doc, opts);
	plan_dests(&c);
	yb_summary_plan(&c);
	pool workers = {0};
	start_workers(&workers, &c, opts);
	yb_setter *s = yb_setter_new(fonts, st, doc);
	front_job fj = {.c = &c, .planned = book->nreports};
	GPtrArray *body = join_body(s, &c, &workers, &fj);
	stop_workers(&workers);
	tell_bends(&c);
	GPtrArray *front = front_matter(s, &fj, body->len);
	prepend_outline(doc, fj.extra, fj.nextra);
	number_body(s, &c, body);
	yb_page *imprint = yb_front_imprint_last(&c) ? yb_front_imprint(s, &c) : NULL;
	pad_to_signature(&c, front, body, imprint != NULL);
	if (imprint)
		add_last_page(&c, body, imprint);
	yb_setter_free(s);
	finish_doc(&c, front, body);
	release_ctx(&c);
	return doc;
}
