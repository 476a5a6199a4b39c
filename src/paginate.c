/* paginate: a galley of lines -> pages.
 *
 * Design note.  Every line in a galley knows the vertical space it needs and
 * whether the page may break after it (`keep`).  yb_lay_block() (block.c)
 * sets `keep` so that the rules of typography.md §6 hold:
 *   - a heading (every line of it) stays with the first lines of what follows;
 *   - a paragraph of n lines may break after line j (0-based) only when
 *     j >= 1 and n-1-j >= 2, i.e. at least two lines stay on each side
 *     (no orphan at the foot, no widow at the head of a page);
 *   - a paragraph of three lines or fewer therefore moves as a whole.
 * The paginator fills a page greedily; when the next line does not fit it
 * goes back to the last line after which a break is allowed and breaks
 * there.  When no such line exists on the page (a block taller than a page
 * with no legal break), it breaks where the page is full: losing text is
 * never an option, bending a rule is.  Lines are placed top-down at the
 * heights they ask for, so body lines stay on the grid of the line pitch.
 *
 * A table's body lines know their table: when a page breaks inside a
 * table, the page is closed with the table's bottom rule, and the next page
 * starts with the table's head (续表 and the header row), whose height the
 * paginator takes off that page's capacity.
 *
 * Structure tags are written per page: a block split across pages gets a
 * tag on each page, so every page's content is closed when it ends.
 */
#include "galley.h"

#include <assert.h>

static void free_table(gpointer data)
{
	yb_gtable *t = data;
	yb_galley_free(t->head);
	g_free(t);
}

yb_galley *yb_galley_new(void)
{
	yb_galley *g = g_new0(yb_galley, 1);
	g->scratch = yb_page_new(0, 0, 0, 0);
	g->lines = g_array_new(FALSE, TRUE, sizeof(yb_gline));
	g->tables = g_ptr_array_new_with_free_func(free_table);
	return g;
}

void yb_galley_free(yb_galley *g)
{
	if (!g)
		return;
	yb_page_free(g->scratch);
	g_array_free(g->lines, TRUE);
	g_ptr_array_free(g->tables, TRUE);
	g_free(g);
}

void yb_galley_add_item(yb_galley *g, guint line, const yb_item *it)
{
	yb_gline *l = &g_array_index(g->lines, yb_gline, line);
	g_array_insert_val(g->scratch->items, l->item0 + l->nitems, *it);
	l->nitems++;
	for (guint j = line + 1; j < g->lines->len; j++)
		g_array_index(g->lines, yb_gline, j).item0++;
}

static void copy_run(const yb_page *from, yb_item *it, yb_page *to)
{
	uint32_t g0 = to->glyphs->len, c0 = to->clusters->len, t0 = to->text->len;
	g_array_append_vals(to->glyphs, &g_array_index(from->glyphs, yb_glyph, it->u.run.glyph0),
	                    it->u.run.nglyphs);
	g_array_append_vals(to->clusters, &g_array_index(from->clusters, yb_cluster, it->u.run.cluster0),
	                    it->u.run.nclusters);
	g_string_append_len(to->text, from->text->str + it->u.run.text0, it->u.run.ntext);
	it->u.run.glyph0 = g0;
	it->u.run.cluster0 = c0;
	it->u.run.text0 = t0;
}

void yb_galley_copy_line(const yb_galley *g, const yb_gline *l, yb_page *page, float dx, float dy)
{
	for (uint32_t i = l->item0; i < l->item0 + l->nitems; i++) {
		yb_item it = g_array_index(g->scratch->items, yb_item, i);
		switch (it.kind) {
		case YB_ITEM_RUN:
			copy_run(g->scratch, &it, page);
			it.u.run.x += dx;
			it.u.run.y += dy;
			break;
		case YB_ITEM_LINE:
			it.u.line.x += dx;
			it.u.line.y += dy;
			break;
		case YB_ITEM_DEST:
			it.u.dest.x += dx;
			it.u.dest.y += dy;
			break;
		case YB_ITEM_LINK:
			it.u.link.x += dx;
			it.u.link.y += dy;
			break;
		case YB_ITEM_RULE:
			it.u.rule.x0 += dx;
			it.u.rule.x1 += dx;
			it.u.rule.y0 += dy;
			it.u.rule.y1 += dy;
			break;
		case YB_ITEM_FILL:
			it.u.fill.x += dx;
			it.u.fill.y += dy;
			break;
		case YB_ITEM_TAG_BEGIN:
		case YB_ITEM_TAG_END:
		case YB_ITEM_COLOUR:
			break;
		}
		g_array_append_val(page->items, it);
	}
}

/* The first line of the next page when lines [start, end) would overflow
 * at `end`: the last allowed break in (start, end], else `end` itself. */
static guint break_before(const yb_gline *lines, guint start, guint end)
{
	for (guint j = end; j > start; j--)
		if (!lines[j - 1].keep)
			return j;
	return end > start ? end : start + 1;
}

static const yb_gtable *table_of(const yb_galley *g, const yb_gline *l)
{
	return l->table ? g_ptr_array_index(g->tables, l->table - 1) : NULL;
}

/* The table head a page opens with when it starts inside a table. */
static float place_head(const yb_galley *g, const yb_gtable *t, yb_page *page)
{
	float y = 0;
	yb_page_add_tag(page, YB_ITEM_TAG_BEGIN, "Table");
	for (guint i = 0; i < t->head->lines->len; i++) {
		const yb_gline *l = &g_array_index(t->head->lines, yb_gline, i);
		yb_galley_copy_line(t->head, l, page, 0, y + l->baseline);
		y += l->height;
	}
	yb_page_add_tag(page, YB_ITEM_TAG_END, "Table");
	return y;
}

static void place(const yb_galley *g, guint start, guint end, yb_page *page)
{
	const yb_gline *lines = (const yb_gline *)g->lines->data;
	float y = 0;
	const yb_gtable *t = table_of(g, &lines[start]);
	if (t)
		y = place_head(g, t, page);
	for (guint i = start; i < end; i++) {
		const yb_gline *l = &lines[i];
		if (l->tag && (l->block_start || i == start))
			yb_page_add_tag(page, YB_ITEM_TAG_BEGIN, l->tag);
		yb_galley_copy_line(g, l, page, 0, y + l->baseline);
		if (l->tag && (l->block_end || i + 1 == end))
			yb_page_add_tag(page, YB_ITEM_TAG_END, l->tag);
		y += l->height;
	}
	t = table_of(g, &lines[end - 1]);
	if (t && end < g->lines->len && lines[end].table == lines[end - 1].table)
		yb_page_add_rule(page, 0, y, t->width, y, t->rule);
}

/* The first line of the page after the one starting at `start`. */
static guint page_end(const yb_galley *g, guint start, float capacity)
{
	const yb_gline *lines = (const yb_gline *)g->lines->data;
	guint n = g->lines->len;
	const yb_gtable *t = table_of(g, &lines[start]);
	float used = t ? t->height : 0;
	guint end = start;
	while (end < n && used + lines[end].height <= capacity + 0.01f)
		used += lines[end++].height;
	if (end < n)
		end = break_before(lines, start, end);
	assert(end > start);
	return end;
}

guint yb_galley_breaks(const yb_galley *g, float capacity, GArray *starts)
{
	guint pages = 0;
	for (guint start = 0; start < g->lines->len; pages++) {
		if (starts)
			g_array_append_val(starts, start);
		start = page_end(g, start, capacity);
	}
	return pages;
}

void yb_galley_forced(const yb_galley *g, float capacity, GArray *forced)
{
	const yb_gline *lines = (const yb_gline *)g->lines->data;
	for (guint start = 0; start < g->lines->len;) {
		guint end = page_end(g, start, capacity);
		if (end < g->lines->len && lines[end - 1].keep) {
			guint line = end - 1;
			g_array_append_val(forced, line);
		}
		start = end;
	}
}

void yb_galley_paginate(const yb_galley *g, float capacity, float width, float height, GPtrArray *out)
{
	for (guint start = 0; start < g->lines->len;) {
		guint end = page_end(g, start, capacity);
		yb_page *page = yb_page_new(width, height, 0, 0);
		place(g, start, end, page);
		g_ptr_array_add(out, page);
		start = end;
	}
}
