/* summary: the book's own tables after the contents (part of the layout).
 *
 * Design note.  汇编报告一览表 has one row per report: number, title,
 * issuing body, year, first page (a link to the report), page count,
 * characters and level-1 sections; it is set after the body, so its page
 * numbers are final.  主要数据一览表 has one row per indicator that has a
 * value, one column per report; a value links to the line where it
 * stands in its sentence (not where the sentence starts: a sentence may
 * begin on the page before).  Those links need destinations inside the reports'
 * text, so yb_summary_plan() (before the reports are laid out) makes one
 * destination per value and gives each report its anchors (block, byte
 * offset), which the report's layout turns into destinations on the right
 * line.  The figures table has a column per report while the reports fit
 * across the type area (table.c judges, whole or nothing); a bigger book
 * gets one table per indicator group instead, a row per report with a value
 * in the group (its name linked to its first page) and a column per
 * indicator, so 500 reports make long tables, not 100 parts of a wide one
 * (a group with more indicators than fit is split by table.c, repeating
 * 序号 and 报告).  Approximate values (余, 多, 约 ...) are kept as written and marked
 * with *; an ambiguous cell is left empty (the build's notes name it).
 * Both tables are set by table.c, so they break across pages like any
 * other table, 续表 and header included.
 */
#include "summary.h"

#include "stats.h"
#include "table.h"

#include <string.h>

/* ---- planning the figures' destinations --------------------------------------- */

static int by_place(gconstpointer a, gconstpointer b)
{
	const yb_anchor *x = a, *y = b;
	if (x->block != y->block)
		return x->block < y->block ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Where a figure stands: its value's byte offset in its block, searched
 * from its sentence on (the sentence's own offset if not found there). */
static size_t hit_offset(const yb_stats *st, size_t col, const yb_stats_hit *hit)
{
	const char *text = st->reports[col].blocks[hit->block].text;
	const char *at = strstr(text + hit->offset, hit->value);
	return at ? (size_t)(at - text) : hit->offset;
}

void yb_summary_plan(yb_lctx *c)
{
	const yb_stats *st = c->book->stats;
	if (!st)
		return;
	for (size_t col = 0; col < st->ncols; col++) {
		c->reports[col].anchors = g_array_new(FALSE, FALSE, sizeof(yb_anchor));
		for (size_t row = 0; row < st->nrows; row++) {
			const yb_stats_cell *cell = yb_stats_cell_at(st, row, col);
			if (cell->nhits != 1)
				continue;
			yb_anchor a = {cell->hits[0].block, hit_offset(st, col, &cell->hits[0]), yb_doc_add_dest(c->doc)};
			g_array_append_val(c->reports[col].anchors, a);
		}
		g_array_sort(c->reports[col].anchors, by_place);
	}
}

/* The destination planned for (row, col), by the order plan made them in. */
static uint32_t figure_dest(const yb_lctx *c, size_t row, size_t col)
{
	const yb_stats_cell *cell = yb_stats_cell_at(c->book->stats, row, col);
	const GArray *an = c->reports[col].anchors;
	for (guint i = 0; i < an->len; i++) {
		const yb_anchor *a = &g_array_index(an, yb_anchor, i);
		if (a->block == cell->hits[0].block && a->offset == hit_offset(c->book->stats, col, &cell->hits[0]))
			return a->dest;
	}
	return UINT32_MAX;
}

/* ---- building tables ----------------------------------------------------------- */

typedef struct grid {
	GPtrArray *cells;    /* char*, owned */
	GArray *links;       /* uint32_t: 1 + destination, or 0 */
	size_t ncols;
} grid;

static void grid_init(grid *g, size_t ncols)
{
	g->cells = g_ptr_array_new_with_free_func(g_free);
	g->links = g_array_new(FALSE, TRUE, sizeof(uint32_t));
	g->ncols = ncols;
}

static void put(grid *g, char *text, uint32_t link)
{
	g_ptr_array_add(g->cells, text);
	g_array_append_val(g->links, link);
}

/* Sets the grid as one table whose first `stub` columns label its rows
 * (table.c repeats them in every part when it splits a wide table). */
static int set_grid_if(yb_setter *s, const yb_lctx *c, yb_galley *gal, grid *g, const char *caption,
                       size_t stub, int whole_or_nothing)
{
	yb_table_in t = {.nrows = g->cells->len / g->ncols, .ncols = g->ncols,
	                 .cells = (const char *const *)g->cells->pdata, .caption = caption,
	                 .links = (const uint32_t *)g->links->data, .script = c->book->script, .stub = stub,
	                 .condense = 1, .whole_or_nothing = whole_or_nothing};
	int rc = t.nrows >= 2 ? yb_table_set(s, c, gal, &t) : 0;
	g_ptr_array_free(g->cells, TRUE);
	g_array_free(g->links, TRUE);
	return rc;
}

static void set_grid(yb_setter *s, const yb_lctx *c, yb_galley *gal, grid *g, const char *caption, size_t stub)
{
	set_grid_if(s, c, gal, g, caption, stub, 0);
}

static size_t level1_count(const yb_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nblocks; i++)
		n += r->blocks[i].kind == YB_BLOCK_HEADING && r->blocks[i].level == 1;
	return n;
}

/* Records where a table starts (its first galley line) with a destination there. */
static void mark_start(const yb_lctx *c, yb_galley *gal, guint first, const char *title,
                       yb_front_entry *e, guint *n)
{
	if (gal->lines->len == first)
		return;
	yb_item d = {.kind = YB_ITEM_DEST};
	d.u.dest.dest = yb_doc_add_dest(c->doc);
	d.u.dest.y = -g_array_index(gal->lines, yb_gline, first).baseline;
	yb_galley_add_item(gal, first, &d);
	e[*n] = (yb_front_entry){title, d.u.dest.dest, first, 0};
	(*n)++;
}

static void overview(yb_setter *s, const yb_lctx *c, yb_galley *gal)
{
	static const char *const head[] = {"序号", "报告名称", "发布机关", "年度", "起始页", "页数", "字数", "一级标题"};
	grid g;
	grid_init(&g, G_N_ELEMENTS(head));
	for (size_t i = 0; i < G_N_ELEMENTS(head); i++)
		put(&g, g_strdup(head[i]), 0);
	for (size_t ri = 0; ri < c->book->nreports; ri++) {
		const yb_book_report *br = &c->book->reports[ri];
		put(&g, g_strdup_printf("%zu", ri + 1), 0);
		put(&g, g_strdup(br->title), 0);
		put(&g, g_strdup(br->issuer ? br->issuer : ""), 0);
		put(&g, g_strdup(br->year ? br->year : ""), 0);
		put(&g, g_strdup_printf("%d", c->reports[ri].first + c->page_offset), c->reports[ri].dest + 1);
		put(&g, g_strdup_printf("%d", c->reports[ri].npages), 0);
		put(&g, g_strdup_printf("%zu", br->tree->nchars), 0);
		put(&g, g_strdup_printf("%zu", level1_count(br->tree)), 0);
	}
	set_grid(s, c, gal, &g, c->st->overview_title, 2);
}

static int row_has_value(const yb_stats *st, size_t row, size_t from, size_t to)
{
	for (size_t col = from; col < to; col++)
		if (yb_stats_cell_at(st, row, col)->nhits == 1)
			return 1;
	return 0;
}

static char *figure_text(const yb_stats_cell *cell)
{
	if (cell->nhits != 1)
		return g_strdup("");
	return g_strdup_printf("%s%s", cell->hits[0].value, cell->hits[0].approx ? "*" : "");
}

/* A value's cell: its text, and a link to its sentence. */
static void put_figure(grid *g, const yb_lctx *c, const int *pages, size_t row, size_t col)
{
	const yb_stats_cell *cell = yb_stats_cell_at(c->book->stats, row, col);
	uint32_t d = cell->nhits == 1 ? figure_dest(c, row, col) : UINT32_MAX;
	put(g, figure_text(cell), d != UINT32_MAX && pages[d] > 0 ? d + 1 : 0);
}

/* One row per indicator with a value, one column per report; -1 (nothing
 * set) when the reports do not fit across the type area. */
static int figures_across(yb_setter *s, const yb_lctx *c, yb_galley *gal, const int *pages)
{
	const yb_stats *st = c->book->stats;
	grid g;
	grid_init(&g, 2 + st->ncols);
	put(&g, g_strdup("类别"), 0);
	put(&g, g_strdup("指标"), 0);
	for (size_t col = 0; col < st->ncols; col++) {
		const yb_book_report *br = &c->book->reports[col];
		put(&g, g_strdup_printf("%zu %s", col + 1, br->issuer ? br->issuer : br->title), 0);
	}
	for (size_t row = 0; row < st->nrows; row++) {
		if (!row_has_value(st, row, 0, st->ncols))
			continue;
		put(&g, g_strdup(st->ind->items[row].group), 0);
		put(&g, g_strdup(st->ind->items[row].name), 0);
		for (size_t col = 0; col < st->ncols; col++)
			put_figure(&g, c, pages, row, col);
	}
	return set_grid_if(s, c, gal, &g, c->st->figures_title, 2, 1);
}

static int report_has_value(const yb_stats *st, size_t col, const size_t *rows, size_t nrows)
{
	for (size_t i = 0; i < nrows; i++)
		if (yb_stats_cell_at(st, rows[i], col)->nhits == 1)
			return 1;
	return 0;
}

/* The indicators of one group: one row per report with a value in it (its
 * name linked to its first page), one column per indicator with a value. */
static void figures_of_group(yb_setter *s, const yb_lctx *c, yb_galley *gal, const int *pages,
                             const char *group)
{
	const yb_stats *st = c->book->stats;
	size_t *rows = g_new(size_t, st->nrows), n = 0;
	for (size_t row = 0; row < st->nrows; row++)
		if (!strcmp(st->ind->items[row].group, group) && row_has_value(st, row, 0, st->ncols))
			rows[n++] = row;
	grid g;
	grid_init(&g, 2 + n);
	put(&g, g_strdup("序号"), 0);
	put(&g, g_strdup("报告"), 0);
	for (size_t i = 0; i < n; i++)
		put(&g, g_strdup(st->ind->items[rows[i]].name), 0);
	for (size_t col = 0; col < st->ncols; col++) {
		if (!report_has_value(st, col, rows, n))
			continue;
		const yb_book_report *br = &c->book->reports[col];
		put(&g, g_strdup_printf("%zu", col + 1), 0);
		put(&g, g_strdup(br->issuer ? br->issuer : br->title), c->reports[col].dest + 1);
		for (size_t i = 0; i < n; i++)
			put_figure(&g, c, pages, rows[i], col);
	}
	char *caption = g_strdup_printf("%s（%s）", c->st->figures_title, group);
	set_grid(s, c, gal, &g, caption, 2); /* a header alone (no values) is not set */
	g_free(caption);
	g_free(rows);
}

/* With more reports than fit across a page: a table per indicator group,
 * in the indicator file's order, each with a row per report. */
static void figures_by_group(yb_setter *s, const yb_lctx *c, yb_galley *gal, const int *pages)
{
	const yb_stats *st = c->book->stats;
	for (size_t row = 0; row < st->nrows; row++) {
		int seen = 0;
		for (size_t r = 0; r < row && !seen; r++)
			seen = !strcmp(st->ind->items[r].group, st->ind->items[row].group);
		if (!seen)
			figures_of_group(s, c, gal, pages, st->ind->items[row].group);
	}
}

/* The figures, then a note on reading them. */
static void figures(yb_setter *s, const yb_lctx *c, yb_galley *gal)
{
	int *pages = yb_lay_dest_pages(c);
	if (figures_across(s, c, gal, pages) != 0)
		figures_by_group(s, c, gal, pages);
	g_free(pages);
	const char *note = "注：带 * 的数值为约数，按报告原文照录；空白表示该报告未载明此项数据，"
	                   "或载有两个以上不同数值。点击数值可转到报告中的原句。";
	yb_lblock b = {.text = note, .len = strlen(note), .face = &c->st->table, .keep = 0, .grid = 0,
	               .tag = "P"};
	b.spec = yb_lay_spec(c, &c->st->table, c->book->script, YB_LINE_TABLE);
	b.spec.align = YB_ALIGN_LEFT;
	b.spec.justify = 1;
	yb_lay_block(s, c, gal, &b);
}

yb_galley *yb_summary_set(yb_setter *s, const yb_lctx *c, yb_front_entry *entries, guint *nentries)
{
	yb_galley *g = yb_galley_new();
	*nentries = 0;
	overview(s, c, g);
	mark_start(c, g, 0, c->st->overview_title, entries, nentries);
	guint first = g->lines->len;
	if (c->book->stats)
		figures(s, c, g);
	mark_start(c, g, first, c->st->figures_title, entries, nentries);
	/* from galley lines to the pages they start on */
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
	yb_galley_breaks(g, c->capacity, starts);
	for (guint e = 0; e < *nentries; e++) {
		guint page = 0;
		while (page + 1 < starts->len && g_array_index(starts, guint, page + 1) <= entries[e].page)
			page++;
		entries[e].page = page;
	}
	g_array_free(starts, TRUE);
	return g;
}
