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
 * Lines are placed top-down at the heights they ask for, so body lines stay
 * on the grid of the line pitch.
 *
 * Greedy filling (yb_galley_breaks(), the front matter, and a report when
 * the style's `balance` is off): a page takes lines while they fit; when
 * the next one does not, the page breaks after the last line that allows
 * it.  When no such line exists on the page (a block taller than a page
 * with no legal break), it breaks where the page is full: losing text is
 * never an option, bending a rule is.
 *
 * Balanced pages (yb_galley_balance(), a report's body).  Greedy filling
 * leaves a page short wherever a keep pushes lines over, so facing pages
 * end on different lines, an opening page shows an empty foot and a
 * report may end on a page of two lines.  Instead the report's page breaks
 * are chosen together, by a shortest path over the legal breaks (dynamic
 * programming, like total-fit line breaking one level up).  A page "ends
 * on" the grid line its last line's baseline sits on (a table row counts
 * for the line it falls on); F is the last line of a full page.  A page
 * from line s may end at any legal break whose page fits F + `longer` lines
 * (the style's balance-lines, as far as the folio below leaves room).  A page that
 * ends short may also grow: a body line more space above one of its
 * headings (not one that heads the page) lowers its foot by a line, up to
 * F, a line per heading -- vertical justification on the grid, so body
 * lines stay on it; the higher headings grow first, a subheading right
 * under its heading last.  A page costs
 *   - PAGE (fewer pages are better);
 *   - GROW for each line it grows (less than a line left empty);
 *   - DEV for each line it ends short of or past F, and LOOSE times the
 *     square of the lines beyond the slack (only short pages can be: a
 *     keep forced them); on a report's opening recto three times that,
 *     plus OPENING for each line beyond the slack: its foot should be full
 *     (an opening verso balances with its recto instead);
 *   - MISMATCH when it is a recto ending on another line than the verso
 *     before it (both the report's);
 *   - SHORT_LAST when it is the last page, has fewer than `min_last` lines
 *     and the report has more than one page;
 *   - EMERGENCY when no legal break fits (the greedy emergency break).
 * The last page of a report costs nothing for its foot; when it is a
 * recto, its verso's foot costs nothing either, only LAST_APART for each
 * line the two differ by (MISMATCH too beyond the slack), so the final
 * spread is balanced by sharing its lines.
 *
 * The state of the search is the start line of a page and its kind: 0, or
 * for a recto that faces a verso of the same report, 1 + the line that
 * verso ended on (so the pair's cost is judged there).  Whether a kind-0
 * page is a verso follows from the sides: the report's first page is one
 * when the report starts on an even page, and every later kind-0 page
 * follows a recto.  One-sided pages never face.  States are visited in
 * line order, so the search takes O(lines x (F + slack) x breaks per page
 * x headings per page); the pages are placed as greedy ones are, with the
 * chosen growth.
 *
 * Foot lines (a 版记) that end their page stand at its foot: the space
 * left on the page goes above them.
 *
 * A table's body lines know their table: when a page breaks inside a
 * table, the page is closed with the table's bottom rule, and the next page
 * starts with the table's head (续表 and the header row), whose height the
 * paginator takes off that page's capacity; when the row it continues with
 * belongs to a group whose label the table printed once, above, the label
 * is printed again in that row.
 *
 * Structure tags are written per page: a block split across pages gets a
 * tag on each page, so every page's content is closed when it ends.
 */
#include "galley.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>

static void free_table(gpointer data)
{
	yb_gtable *t = data;
	yb_galley_free(t->head);
	if (t->labels)
		g_ptr_array_free(t->labels, TRUE);
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

void yb_galley_rule(yb_galley *g, guint line, int bottom, float shift, float x0, float x1, float thick)
{
	const yb_gline *l = &g_array_index(g->lines, yb_gline, line);
	float y = (bottom ? l->height - l->baseline : -l->baseline + thick / 2) + shift;
	yb_item it = {.kind = YB_ITEM_RULE};
	it.u.rule.x0 = x0;
	it.u.rule.x1 = x1;
	it.u.rule.y0 = it.u.rule.y1 = y;
	it.u.rule.width = thick;
	yb_galley_add_item(g, line, &it);
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

/* The group label of a row that continues its group at the top of a page
 * (the table prints it once per group), its first line at baseline y. */
static void place_label(const yb_gtable *t, const yb_gline *l, yb_page *page, float y)
{
	const yb_galley *label = g_ptr_array_index(t->labels, l->relabel - 1);
	for (guint k = 0; k < label->lines->len; k++)
		yb_galley_copy_line(label, &g_array_index(label->lines, yb_gline, k), page, t->label_x,
		                    y + (float)k * t->pitch);
}

/* The first of the foot lines that end the page (start..end), or end. */
static guint foot_of(const yb_gline *lines, guint start, guint end)
{
	guint f = end;
	while (f > start && lines[f - 1].foot)
		f--;
	return f;
}

/* Of the headings on lines (start, end), `grow` get a line more space
 * above: the higher levels first (a larger yb_gline.grow), then from the
 * top.  Those are the ones above the rank returned, and the first *count
 * of that rank. */
static uint8_t grow_rank(const yb_gline *lines, guint start, guint end, guint grow, guint *count)
{
	for (uint8_t r = YB_GROW_MAX;; r--) {
		guint n = 0;
		for (guint i = start + 1; i < end; i++)
			n += lines[i].grow == r;
		if (n >= grow || r == 1) {
			*count = grow;
			return r;
		}
		grow -= n;
	}
}

/* Places lines [start, end) on the page, with a line of `pitch` more
 * space above `grow` of its headings (not one that heads the page), and
 * the foot lines that end it at `capacity`. */
static void place(const yb_galley *g, guint start, guint end, guint grow, float pitch, float capacity,
                  yb_page *page)
{
	const yb_gline *lines = (const yb_gline *)g->lines->data;
	float y = 0, rest = 0;
	const yb_gtable *t = table_of(g, &lines[start]);
	if (t)
		y = place_head(g, t, page);
	guint count;
	uint8_t rank = grow_rank(lines, start, end, grow, &count);
	guint foot = foot_of(lines, start, end);
	for (guint i = foot; i < end; i++)
		rest += lines[i].height;
	for (guint i = start; i < end; i++) {
		const yb_gline *l = &lines[i];
		if (i > start && l->grow && (l->grow > rank || (l->grow == rank && count && count--)))
			y += pitch;
		if (i == foot && i > start)
			y = MAX(y, capacity - rest);   /* 版记 at the foot of its page */
		if (l->tag && (l->block_start || i == start))
			yb_page_add_tag(page, YB_ITEM_TAG_BEGIN, l->tag);
		yb_galley_copy_line(g, l, page, 0, y + l->baseline);
		if (i == start && t && l->relabel)
			place_label(t, l, page, y + l->baseline);
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

/* ---- balanced pages ------------------------------------------------------ */

enum { PAGE = 300, DEV = 10, GROW = 4, LOOSE = 100, OPENING = 5000, MISMATCH = 3000, LAST_APART = 100,
       SHORT_LAST = 400, EMERGENCY = 5000 };

typedef struct pager {
	const yb_galley *g;
	const yb_paging *pg;
	const yb_gline *l;
	guint n;
	double *top;      /* top[i]: the height of lines [0, i) */
	guint *growing;   /* growing[i]: lines in [0, i) whose space above may grow */
	int full;         /* the grid line a full page ends on (F) */
	guint kinds;      /* states per line: 0, or 1 + the line a facing verso ended on */
} pager;

typedef struct state {
	double cost;      /* of the best pages up to here; < 0: not reached */
	guint from;       /* the state the page before this one started in */
	guint grow;       /* lines of space the page ending here adds above its headings */
} state;

static double head_height(const pager *p, guint s)
{
	const yb_gtable *t = table_of(p->g, &p->l[s]);
	return t ? t->height : 0;
}

/* The grid line the page of lines [s, e) ends on. */
static int foot_line(const pager *p, guint s, guint e)
{
	double y = head_height(p, s) + p->top[e - 1] - p->top[s] + p->l[e - 1].baseline;
	int line = (int)ceil((y - p->pg->base) / p->pg->pitch - 0.25);
	return CLAMP(line, 0, (int)p->kinds - 2);
}

/* What a page costs for ending `line` lines off the full page. */
static double foot_cost(const pager *p, int line)
{
	int off = abs(line - p->full), beyond = MAX(off - p->pg->slack, 0);
	return DEV * off + LOOSE * beyond * beyond;
}

/* The cost of the page [s, e) ending on grid line `line`, entered in state
 * `kind`; *next gets the state kind of the page after it. */
static double page_cost(const pager *p, guint s, guint e, int line, guint kind, guint *next)
{
	const yb_paging *pg = p->pg;
	int verso = pg->two_sided && kind == 0 && (s > 0 || pg->first_verso);
	int apart = kind ? abs((int)kind - 1 - line) : 0;
	double cost = PAGE;
	*next = verso ? 1 + (guint)line : 0;
	if (e == p->n) {   /* the last page: its foot is free, and so is its verso's but for their difference */
		if (kind)
			cost += (apart > pg->slack ? MISMATCH : 0) + LAST_APART * apart - foot_cost(p, (int)kind - 1);
		return cost + (s > 0 && line + 1 < pg->min_last ? SHORT_LAST : 0);
	}
	if (apart)
		cost += MISMATCH;
	if (s == 0 && !verso)   /* an opening recto (an opening verso balances with its recto) */
		return cost + 3 * foot_cost(p, line) + OPENING * MAX(p->full - pg->slack - line, 0);
	return cost + foot_cost(p, line);
}

static void relax(state *st, guint to, double cost, guint from, guint grow)
{
	if (st[to].cost < 0 || cost < st[to].cost) {
		st[to].cost = cost;
		st[to].from = from;
		st[to].grow = grow;
	}
}

/* Every page that may start at line s: the legal breaks that fit the
 * page run long by the slack, else the greedy emergency break. */
static void page_ends(const pager *p, guint s, GArray *ends, GArray *emergency)
{
	double room = p->pg->capacity + p->pg->longer * p->pg->pitch + 0.01;
	g_array_set_size(ends, 0);
	g_array_set_size(emergency, 0);
	for (guint e = s + 1; e <= p->n && head_height(p, s) + p->top[e] - p->top[s] <= room; e++)
		if (e == p->n || !p->l[e - 1].keep)
			g_array_prepend_val(ends, e);
	if (!ends->len) {
		guint e = page_end(p->g, s, p->pg->capacity);
		g_array_append_val(emergency, e);
	}
}

/* The pages from line s to each end, at their natural foot and grown
 * by a line above each of their headings (not one heading the page) up to
 * a full page. */
static void relax_from(const pager *p, state *st, guint s, const GArray *ends, double extra)
{
	for (guint kind = 0; kind < p->kinds; kind++) {
		guint here = s * p->kinds + kind;
		if (st[here].cost < 0)
			continue;
		for (guint i = 0; i < ends->len; i++) {
			guint e = g_array_index(ends, guint, i), next;
			int line = foot_line(p, s, e);
			int most = MIN((int)(p->growing[e] - p->growing[s + 1]), MAX(p->full - line, 0));
			for (int grow = 0; grow <= most; grow++) {
				double cost = st[here].cost + page_cost(p, s, e, line + grow, kind, &next) + extra
				              + GROW * grow;
				relax(st, e * p->kinds + (e == p->n ? 0 : next), cost, here, (guint)grow);
			}
		}
	}
}

void yb_galley_balance(const yb_galley *g, const yb_paging *pg, GArray *starts, GArray *grow)
{
	pager p = {g, pg, (const yb_gline *)g->lines->data, g->lines->len, NULL, NULL, 0, 0};
	if (!p.n)
		return;
	p.full = (int)lround(pg->capacity / pg->pitch) - 1;
	p.kinds = (guint)(p.full + pg->longer + 2);
	p.top = g_new(double, p.n + 1);
	p.growing = g_new(guint, p.n + 1);
	p.top[0] = 0;
	p.growing[0] = 0;
	for (guint i = 0; i < p.n; i++) {
		p.top[i + 1] = p.top[i] + p.l[i].height;
		p.growing[i + 1] = p.growing[i] + (p.l[i].grow > 0);
	}
	state *st = g_new(state, (p.n + 1) * p.kinds);
	for (guint i = 0; i < (p.n + 1) * p.kinds; i++)
		st[i].cost = -1;
	st[0].cost = 0;
	GArray *ends = g_array_new(FALSE, FALSE, sizeof(guint));
	GArray *emergency = g_array_new(FALSE, FALSE, sizeof(guint));
	for (guint s = 0; s < p.n; s++) {
		page_ends(&p, s, ends, emergency);
		relax_from(&p, st, s, ends, 0);
		relax_from(&p, st, s, emergency, EMERGENCY);
	}
	guint first = starts->len;
	g_assert(grow->len == first);
	for (guint at = p.n * p.kinds; at;) {
		g_array_insert_val(grow, first, st[at].grow);
		at = st[at].from;
		guint s = at / p.kinds;
		g_array_insert_val(starts, first, s);
	}
	g_array_free(ends, TRUE);
	g_array_free(emergency, TRUE);
	g_free(st);
	g_free(p.top);
	g_free(p.growing);
}

/* ---- pages from breaks --------------------------------------------------- */

void yb_galley_forced(const yb_galley *g, const GArray *starts, GArray *forced)
{
	const yb_gline *lines = (const yb_gline *)g->lines->data;
	for (guint i = 1; i < starts->len; i++) {
		guint line = g_array_index(starts, guint, i) - 1;
		if (lines[line].keep)
			g_array_append_val(forced, line);
	}
}

void yb_galley_place(const yb_galley *g, const GArray *starts, const GArray *grow, float pitch,
                     float capacity, float width, float height, GPtrArray *out)
{
	for (guint i = 0; i < starts->len; i++) {
		guint start = g_array_index(starts, guint, i);
		guint end = i + 1 < starts->len ? g_array_index(starts, guint, i + 1) : g->lines->len;
		yb_page *page = yb_page_new(width, height, 0, 0);
		place(g, start, end, grow ? g_array_index(grow, guint, i) : 0, pitch, capacity, page);
		g_ptr_array_add(out, page);
	}
}

void yb_galley_paginate(const yb_galley *g, float capacity, float width, float height, GPtrArray *out)
{
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
	yb_galley_breaks(g, capacity, starts);
	yb_galley_place(g, starts, NULL, 0, capacity, width, height, out);
	g_array_free(starts, TRUE);
}
