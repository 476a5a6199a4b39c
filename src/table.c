/* table: three-line tables (三线表) set into a galley (part of the layout).
 *
 * Design note.  A table is set row by row: every cell is set on its own at
 * its column's measure (so text wraps inside its column), and line k of a
 * row holds line k of each of its cells.  Each such row line becomes one
 * galley line; the lines of a row keep together (a row breaks across pages
 * only when it alone is taller than a page, by the paginator's emergency
 * rule), the caption and the header row keep with the first two body rows
 * and the last row keeps with the one before, so no page holds a head with
 * one row or a lone row.  Rules: a thick one above the header, a thin one
 * under it, a thick one under the last row (CY/T 170: no vertical rules).
 * When the paginator breaks inside the table it closes the page with the
 * thick rule and opens the next with the table's head, 续表 and the header
 * row again.
 *
 * Columns are judged whole (CY/T 170): a column most of whose values are
 * numbers is set flush right, each number's short unit (件, 人次, %) in a
 * slot as wide as the column's widest, so the digits line up on the last
 * one (a longer unit, 余人次*, is set flush right with its number); in the
 * book's own tables a unit that every value shares moves to the header
 * (数量（件）); a report's own table keeps every character it has.  Text columns are set
 * flush left and ragged (a title starting with digits is text), the header
 * centred.  A first column of row labels that repeat (类别), or that later
 * rows leave empty (a merged cell flattened to text), is a group column:
 * a thin rule separates its groups, and in the book's own tables its label
 * is printed once per group (a report's table keeps its text).  A row
 * whose group cell is so left empty carries its group's label aside, and
 * the paginator prints it in the row when the row continues the group at
 * the top of a page (under 续表), so no part of a split table loses it.
 *
 * Column widths come from the content: each column's natural width is its
 * widest cell set on one line; when they fit the type area the spare width
 * is shared evenly; when they do not, columns that want no more than a fair
 * share of what is left get their natural width, and the others get their
 * least width (numbers unbroken; text up to ten characters whole, so
 * 天津市河东区司法局 does not wrap while a nearly empty column takes the
 * room, or four characters of a longer one when even that does not fit)
 * plus the rest in proportion to what more they want.  The book's own
 * tables never leave a column of text under six characters a line (a key
 * figures table of many indicators squeezed its report names to four): their
 * headers then wrap down to three characters, and their text to six.  A table too wide
 * even then is split into parts, each repeating the stub columns (the rows'
 * labels: 类别 and 指标, 序号 and the name), labelled （1/2） …, its other
 * columns shared out as evenly as they fit.
 */
#include "table.h"

#include <string.h>

typedef struct column {
	int numeric;          /* most body values are numbers: flush right, units in a slot */
	float unit_w;         /* the widest unit after a number in the column */
} column;

typedef struct tctx {
	yb_setter *s;
	const yb_lctx *c;
	const yb_table_in *t;  /* as set: shared units in the header, repeated group labels blank */
	const yb_face *face;
	yb_face head_face;
	column *cols;
	uint8_t *group_start;  /* per row: a new group of rows starts (a thin rule above it) */
	const char **label_of; /* per row: its group's label when its own group cell is empty */
	const size_t *map;     /* the part being set: its columns in the table */
	size_t n;
	float *colx, *colw;    /* per column of the part */
	float padx, pady;
} tctx;

/* A number with an optional short unit or mark after it ("1,874", "99.75%",
 * "300余人次*"); *num gets the bytes of the number itself. */
static int split_number(const char *s, size_t *num)
{
	int digits = 0;
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	for (; *p && (g_ascii_isdigit(*p) || ((*p == '.' || *p == ',') && digits)); p++)
		digits += g_ascii_isdigit(*p);
	*num = (size_t)(p - s);
	int unit = 0;
	for (; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '*')
			continue;
		if (!(c == '%' || c == 0x2030 || (c >= 0x2E80 && g_unichar_isalpha(c))) || ++unit > 3)
			return 0;
	}
	return digits > 0;
}

static const char *cell(const yb_table_in *t, size_t r, size_t col)
{
	return t->cells[r * t->ncols + col];
}

/* ---- judging the columns ------------------------------------------------------- */

/* Rows [0, heads) are the header. */
static size_t heads(const yb_table_in *t)
{
	return t->head_rows > 1 ? MIN(t->head_rows, t->nrows - 1) : 1;
}

/* The last column (exclusive) a cell of a two-row header's first row spans. */
static size_t span_end(const yb_table_in *t, size_t r, size_t c, size_t to)
{
	size_t e = c + 1;
	if (r == 0 && heads(t) == 2 && *cell(t, 0, c) && *cell(t, 1, c))
		while (e < to && !*cell(t, 0, e) && *cell(t, 1, e))
			e++;
	return e;
}

/* The unit every number of a numeric column shares ("件"), or NULL. */
static char *shared_unit(const yb_table_in *t, size_t c)
{
	char *unit = NULL;
	size_t count = 0;
	for (size_t r = heads(t); r < t->nrows; r++) {
		const char *v = cell(t, r, c);
		size_t num;
		if (!*v)
			continue;
		if (!split_number(v, &num) || !v[num] || strchr(v, '*') || (unit && strcmp(unit, v + num))) {
			g_free(unit);
			return NULL;
		}
		if (!unit)
			unit = g_strdup(v + num);
		count++;
	}
	if (count < 2 || strstr(cell(t, 0, c), unit)) {
		g_free(unit);
		return NULL;
	}
	return unit;
}

static int column_numeric(const yb_table_in *t, size_t c)
{
	size_t values = 0, numbers = 0, num;
	for (size_t r = heads(t); r < t->nrows; r++) {
		const char *v = cell(t, r, c);
		values += *v != 0;
		numbers += *v && split_number(v, &num);
	}
	return numbers > 0 && 2 * numbers >= values;
}

/* A first column of text whose labels repeat, or are left empty under one. */
static int grouped(const yb_table_in *t, const column *cols)
{
	size_t h = heads(t);
	if (t->ncols < 2 || t->nrows < h + 2 || cols[0].numeric || !*cell(t, h, 0))
		return 0;
	for (size_t r = h + 1; r < t->nrows; r++)
		if (!*cell(t, r, 0) || strcmp(cell(t, r, 0), cell(t, r - 1, 0)) == 0)
			return 1;
	return 0;
}

/* The table as it is set, in `out` (cells owned by `owned`). */
static void judge(tctx *x, const yb_table_in *in, yb_table_in *out, GPtrArray *owned)
{
	size_t n = in->nrows * in->ncols;
	const char **cells = g_new(const char *, n);
	memcpy(cells, in->cells, n * sizeof *cells);
	g_ptr_array_add(owned, cells);
	*out = *in;
	out->cells = cells;
	x->cols = g_new0(column, in->ncols);
	x->group_start = g_new0(uint8_t, in->nrows);
	x->label_of = g_new0(const char *, in->nrows);
	for (size_t c = 0; c < in->ncols; c++) {
		x->cols[c].numeric = column_numeric(in, c);
		char *unit = x->cols[c].numeric && in->condense ? shared_unit(in, c) : NULL;
		if (!unit)
			continue;
		char *head = g_strdup_printf("%s（%s）", cell(in, heads(in) - 1, c), unit);
		g_ptr_array_add(owned, head);
		cells[(heads(in) - 1) * in->ncols + c] = head;
		for (size_t r = heads(in); r < in->nrows; r++) {
			size_t num;
			const char *v = cell(in, r, c);
			if (*v && split_number(v, &num)) {
				char *bare = g_strndup(v, num);
				g_ptr_array_add(owned, bare);
				cells[r * in->ncols + c] = bare;
			}
		}
		g_free(unit);
	}
	if (!grouped(in, x->cols))
		return;
	const char *label = cell(in, heads(in), 0);
	for (size_t r = heads(in) + 1; r < in->nrows; r++) {
		const char *v = cell(in, r, 0);
		if (!*v || strcmp(v, label) == 0) {
			if (in->condense)
				cells[r * in->ncols] = "";
			if (in->condense || !*v)
				x->label_of[r] = label;
			continue;
		}
		label = v;
		x->group_start[r] = 1;
	}
}

/* The column where the spanning first-row header cell over column c starts
 * (c itself when nothing spans it). */
static size_t span_start(const yb_table_in *t, size_t c)
{
	if (heads(t) != 2 || *cell(t, 0, c) || !*cell(t, 1, c))
		return c;
	size_t k = c;
	while (k > 0 && !*cell(t, 0, k) && *cell(t, 1, k - 1))
		k--;
	return *cell(t, 0, k) ? k : c;
}

/* ---- column widths ------------------------------------------------------------ */

static float width_of(tctx *x, const char *text, size_t len, const yb_face *f)
{
	char *s = g_strndup(text, len);
	float w = yb_setter_width(x->s, s, f, x->t->script);
	g_free(s);
	return w;
}

/* Whether a number's unit takes the column's unit slot: a short one (件,
 * 人次, %); a longer one (余人次*) is set flush right with its number. */
static int slotted(const char *unit)
{
	return *unit && g_utf8_strlen(unit, -1) <= 2;
}

/* Each column's natural width (its widest cell on one line; a number and
 * its unit slot) and least width: its widest number (numbers do not wrap),
 * and its text up to `whole` characters whole, `wrap` characters of a
 * longer one (of a header, `head_wrap`). */
typedef struct wraps {
	int whole, wrap, head_wrap;
} wraps;

static void natural_widths(tctx *x, float *nat, float *least, wraps ws)
{
	const yb_table_in *t = x->t;
	float size = x->face->size, head_least = (float)ws.head_wrap * size;
	float most = (float)ws.whole * size, shortest = (float)ws.wrap * size;
	for (size_t c = 0; c < t->ncols; c++) {
		column *k = &x->cols[c];
		float numw = 0;
		nat[c] = least[c] = 0;
		k->unit_w = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			int head = r < heads(t);
			const yb_face *f = head ? &x->head_face : x->face;
			const char *v = cell(t, r, c);
			size_t num;
			if (head && span_end(t, r, c, t->ncols) > c + 1)
				continue;   /* a spanning header cell wraps over its columns */
			if (!head && k->numeric && split_number(v, &num) && slotted(v + num)) {
				numw = MAX(numw, width_of(x, v, num, f));
				k->unit_w = MAX(k->unit_w, width_of(x, v + num, strlen(v + num), f));
				continue;
			}
			float w = yb_setter_width(x->s, v, f, t->script);
			nat[c] = MAX(nat[c], w);
			if (head)   /* a header may wrap down to a few characters */
				least[c] = MAX(least[c], MIN(w, head_least));
			else
				least[c] = MAX(least[c], k->numeric || w <= most + 0.01f ? w : shortest);
		}
		nat[c] = MAX(nat[c], numw + k->unit_w) + 2 * x->padx;
		least[c] = MAX(least[c], numw + k->unit_w) + 2 * x->padx;
	}
}

/* Fits the columns into `width` (see the design note). */
static void fit_widths(const float *nat, const float *least, size_t n, float width, float *w)
{
	float sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += nat[i];
	if (sum <= width) {
		for (size_t i = 0; i < n; i++)
			w[i] = nat[i] + (width - sum) / (float)n;
		return;
	}
	/* columns that want no more than a fair share of what is left get it */
	gboolean *fixed = g_new0(gboolean, n);
	float left = width;
	size_t open = n;
	for (int changed = 1; changed && open > 0;) {
		changed = 0;
		for (size_t i = 0; i < n; i++)
			if (!fixed[i] && nat[i] <= left / (float)open) {
				w[i] = nat[i];
				fixed[i] = changed = 1;
				left -= nat[i];
				open--;
			}
	}
	/* the others: their least width, and the rest in proportion to what more they want */
	float base = 0, want = 0;
	for (size_t i = 0; i < n; i++)
		if (!fixed[i]) {
			base += least[i];
			want += nat[i] - least[i];
		}
	for (size_t i = 0; i < n; i++) {
		if (fixed[i])
			continue;
		if (base >= left || want <= 0)
			w[i] = least[i] * left / base;
		else
			w[i] = least[i] + (left - base) * (nat[i] - least[i]) / want;
	}
	g_free(fixed);
}

/* ---- rows ------------------------------------------------------------------------ */

/* In a two-row header's first row: the end (exclusive) of the part columns
 * that the cell at part column j spans, or 0 when j is inside a span that
 * started in an earlier part column. */
static size_t span_columns(const tctx *x, size_t j)
{
	size_t id = span_start(x->t, x->map[j]);
	if (j > 0 && x->map[j - 1] + 1 == x->map[j] && span_start(x->t, x->map[j - 1]) == id)
		return 0;
	size_t e = j + 1;
	while (e < x->n && x->map[e] == x->map[e - 1] + 1 && span_start(x->t, x->map[e]) == id)
		e++;
	return e;
}

/* A piece of a cell set on its own: a whole cell, or a number or its unit. */
typedef struct piece {
	yb_galley *g;
	float dx;
} piece;

static yb_galley *set_text(tctx *x, const char *text, size_t len, const yb_face *f, float measure,
                           yb_align align)
{
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(x->c, f, x->t->script, YB_LINE_TABLE);
	spec.measure = measure;
	spec.align = align;
	spec.indent = 0;
	spec.justify = 0;   /* ragged right: justified narrow cells would be letter-spaced */
	if (len)
		yb_setter_set(x->s, text, len, &spec, g);
	return g;
}

/* Sets cell (r, c) into p[0] and, for a number with a unit in a numeric
 * column, its unit into p[1] (left in the column's unit slot). */
static void set_cell(tctx *x, size_t r, size_t c, size_t j, piece p[2])
{
	const char *text = cell(x->t, r, c);
	const column *k = &x->cols[c];
	float measure = x->colw[j] - 2 * x->padx;
	if (r == 0 && heads(x->t) == 2) {   /* a spanning header cell: set over its columns */
		size_t j1 = span_columns(x, j);
		text = j1 ? cell(x->t, 0, span_start(x->t, c)) : "";
		if (j1)
			measure = x->colx[j1 - 1] + x->colw[j1 - 1] - x->colx[j] - 2 * x->padx;
	}
	size_t num;
	p[1].g = NULL;
	p[0].dx = p[1].dx = 0;
	if (r < heads(x->t) || !k->numeric) {
		int head = r < heads(x->t);
		p[0].g = set_text(x, text, strlen(text), head ? &x->head_face : x->face, measure,
		                  head ? YB_ALIGN_CENTER : YB_ALIGN_LEFT);
		return;
	}
	if (!split_number(text, &num) || !slotted(text + num) || k->unit_w <= 0) {
		p[0].g = set_text(x, text, strlen(text), x->face, measure, YB_ALIGN_RIGHT);
		return;
	}
	p[0].g = set_text(x, text, num, x->face, measure - k->unit_w, YB_ALIGN_RIGHT);
	p[1].g = set_text(x, text + num, strlen(text + num), x->face, k->unit_w, YB_ALIGN_LEFT);
	p[1].dx = measure - k->unit_w;
}

static void add_link(yb_galley *g, float x, float y, float w, float h, uint32_t dest)
{
	yb_item *it = yb_page_add(g->scratch, YB_ITEM_LINK);
	it->u.link.x = x;
	it->u.link.y = y;
	it->u.link.w = w;
	it->u.link.h = h;
	it->u.link.dest = dest;
}

/* Appends row r to galley `out` as one galley line per text line. */
static void set_row(tctx *x, size_t r, yb_galley *out, uint16_t table)
{
	const yb_table_in *t = x->t;
	piece *cells = g_new0(piece, 2 * x->n);
	guint lines = 1;
	for (size_t j = 0; j < x->n; j++) {
		set_cell(x, r, x->map[j], j, &cells[2 * j]);
		lines = MAX(lines, cells[2 * j].g->lines->len);
	}
	int head = r < heads(t);
	float pitch = yb_lay_pitch(head ? &x->head_face : x->face);
	float size = x->face->size;
	for (guint k = 0; k < lines; k++) {
		yb_gline gl = {.item0 = out->scratch->items->len, .height = pitch, .baseline = EM_TOP * size,
		               .keep = k + 1 < lines, .tag = "Table", .table = head ? 0 : table};
		for (size_t j = 0; j < 2 * x->n; j++) {
			const piece *p = &cells[j];
			if (p->g && k < p->g->lines->len) {
				yb_galley_copy_line(p->g, &g_array_index(p->g->lines, yb_gline, k), out->scratch,
				                    x->colx[j / 2] + x->padx + p->dx, 0);
				gl.bent |= g_array_index(p->g->lines, yb_gline, k).bent;   /* a cell's bends are its row's */
			}
		}
		for (size_t j = 0; j < x->n && k == 0 && t->links; j++) {
			uint32_t link = t->links[r * t->ncols + x->map[j]];
			if (link)
				add_link(out, x->colx[j], -EM_TOP * size - x->pady, x->colw[j],
				         (float)lines * pitch + 2 * x->pady, link - 1);
		}
		if (k == 0) {
			gl.height += x->pady;
			gl.baseline += x->pady;
		}
		if (k + 1 == lines)
			gl.height += x->pady;
		gl.nitems = out->scratch->items->len - gl.item0;
		g_array_append_val(out->lines, gl);
	}
	for (size_t j = 0; j < 2 * x->n; j++)
		if (cells[j].g)
			yb_galley_free(cells[j].g);
	g_free(cells);
}

static void rule_at(yb_galley *g, guint line, int bottom, float width, float thick)
{
	yb_galley_rule(g, line, bottom, 0, 0, width, thick);
}

static void set_caption(tctx *x, yb_galley *g, const char *text)
{
	yb_lblock b = {.text = text, .len = strlen(text), .face = &x->head_face, .keep = 1, .grid = 0,
	               .tag = "Table"};
	b.spec = yb_lay_spec(x->c, &x->head_face, x->t->script, YB_LINE_TABLE);
	b.spec.align = YB_ALIGN_CENTER;
	yb_lay_block(x->s, x->c, g, &b);
}

/* The caption (or 续表) and the header row with its two rules. */
static void set_head(tctx *x, yb_galley *g, const char *caption, float width)
{
	const yb_style *st = x->c->st;
	guint start = g->lines->len;
	if (caption)
		set_caption(x, g, caption);
	guint first = g->lines->len;
	set_row(x, 0, g, 0);
	guint row0_end = g->lines->len - 1;
	for (size_t r = 1; r < heads(x->t); r++)
		set_row(x, r, g, 0);
	yb_gline *l = &g_array_index(g->lines, yb_gline, 0);
	for (guint i = start; i < g->lines->len; i++)
		l[i].keep = 1;
	rule_at(g, first, 0, width, st->table_rule_thick);
	rule_at(g, g->lines->len - 1, 1, width, st->table_rule_thin);
	for (size_t j = 0; heads(x->t) == 2 && j < x->n; j++) {   /* a thin rule under each span */
		size_t j1 = span_columns(x, j);
		if (j1 > j + 1)
			yb_galley_rule(g, row0_end, 1, 0, x->colx[j] + x->padx, x->colx[j1 - 1] + x->colw[j1 - 1] - x->padx,
			          st->table_rule_thin / 2);
	}
}

/* One structure element over lines [first, end): tag, start and end marks. */
static void tag_lines(yb_galley *g, guint first, const char *tag)
{
	for (guint i = first; i < g->lines->len; i++) {
		yb_gline *l = &g_array_index(g->lines, yb_gline, i);
		l->tag = tag;
		l->block_start = i == first;
		l->block_end = i + 1 == g->lines->len;
	}
}

static float galley_height(const yb_galley *g, guint from)
{
	float h = 0;
	for (guint i = from; i < g->lines->len; i++)
		h += g_array_index(g->lines, yb_gline, i).height;
	return h;
}

/* The label of row r's group, for the paginator to print again when the
 * row (its lines from `first`, `lines` of them) heads a page. */
static void add_label(tctx *x, yb_galley *g, yb_gtable *gt, size_t r, guint first, guint lines)
{
	const char *text = x->label_of[r];
	yb_galley *label = set_text(x, text, strlen(text), x->face, x->colw[0] - 2 * x->padx, YB_ALIGN_LEFT);
	if (label->lines->len > lines)   /* no deeper than the row */
		g_array_set_size(label->lines, lines);
	g_ptr_array_add(gt->labels, label);
	g_array_index(g->lines, yb_gline, first).relabel = (uint16_t)gt->labels->len;
}

/* Keeps: the head stays with the first two body rows, the last row with
 * the one before (so no page shows a head and one row, or a lone row). */
static void row_keeps(yb_galley *g, const guint *row_end, size_t rows)
{
	if (rows >= 2)
		g_array_index(g->lines, yb_gline, row_end[0]).keep = 1;
	if (rows >= 3)
		g_array_index(g->lines, yb_gline, row_end[rows - 2]).keep = 1;
}

/* Sets the part of the table made of the columns x->map[0 .. x->n), which
 * fit the type area at their least widths. */
static void set_fitting(tctx *x, yb_galley *g, const float *nat, const float *least, const char *caption)
{
	const yb_lctx *c = x->c;
	const yb_style *st = c->st;
	const yb_table_in *t = x->t;
	float *pnat = g_new(float, x->n), *pleast = g_new(float, x->n);
	for (size_t j = 0; j < x->n; j++) {
		pnat[j] = nat[x->map[j]];
		pleast[j] = least[x->map[j]];
	}
	fit_widths(pnat, pleast, x->n, c->tw, x->colw);
	g_free(pnat);
	g_free(pleast);
	x->colx[0] = 0;
	for (size_t j = 1; j < x->n; j++)
		x->colx[j] = x->colx[j - 1] + x->colw[j - 1];
	guint first = g->lines->len;
	set_head(x, g, caption, c->tw);
	yb_gtable *gt = g_new0(yb_gtable, 1);
	gt->head = yb_galley_new();
	set_head(x, gt->head, st->table_continued, c->tw);
	gt->height = galley_height(gt->head, 0);
	tag_lines(gt->head, 0, NULL);
	gt->width = c->tw;
	gt->rule = st->table_rule_thick;
	gt->labels = g_ptr_array_new_with_free_func((GDestroyNotify)yb_galley_free);
	gt->label_x = x->colx[0] + x->padx;
	gt->pitch = yb_lay_pitch(x->face);
	g_ptr_array_add(g->tables, gt);
	guint *row_end = g_new(guint, t->nrows);
	size_t h = heads(t);
	for (size_t r = h; r < t->nrows; r++) {
		guint start = g->lines->len;
		set_row(x, r, g, (uint16_t)g->tables->len);
		if (x->label_of[r])
			add_label(x, g, gt, r, start, g->lines->len - start);
		if (x->group_start[r])
			rule_at(g, start, 0, c->tw, st->table_rule_thin / 2);
		row_end[r - h] = g->lines->len - 1;
	}
	row_keeps(g, row_end, t->nrows - h);
	g_free(row_end);
	yb_gline *l = &g_array_index(g->lines, yb_gline, first);
	guint n = g->lines->len - first;
	rule_at(g, first + n - 1, 1, c->tw, st->table_rule_thick);
	tag_lines(g, first, "Table");
	l[0].height += st->body.pitch / 2;   /* a half line of space around the table */
	l[0].baseline += st->body.pitch / 2;
	l[n - 1].height += st->body.pitch / 2;
	l[n - 1].keep = 0;
}

/* A table too wide for the type area even at its least widths is set in
 * parts: each repeats the stub columns (the rows' labels) and takes as many
 * of the other columns as fit, so no column is squeezed below its least
 * width and nothing overprints; the parts are labelled （1/2） …. */
/* The first column of each part: columns [stub, n) in order, at most
 * `most` a part, as many as fit `room` at their least widths. */
static GArray *pack_parts(const float *least, size_t stub, size_t n, float room, size_t most)
{
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(size_t));
	float used = room + 1;
	size_t in_part = 0;
	for (size_t col = stub; col < n; col++) {
		if ((used + least[col] > room && used > 0) || in_part == most) {
			g_array_append_val(starts, col);
			used = 0;
			in_part = 0;
		}
		used += least[col];
		in_part++;
	}
	return starts;
}

/* As few parts as the least widths allow, the columns shared out among
 * them as evenly as they fit (7 columns in two parts: 4 and 3, not 6 and 1). */
static GArray *part_starts(const float *least, size_t stub, size_t n, float room)
{
	GArray *greedy = pack_parts(least, stub, n, room, n);
	guint parts = greedy->len;
	for (size_t most = (n - stub + parts - 1) / parts; most < n - stub; most++) {
		GArray *even = pack_parts(least, stub, n, room, most);
		if (even->len <= parts) {
			g_array_free(greedy, TRUE);
			return even;
		}
		g_array_free(even, TRUE);
	}
	return greedy;
}

static void set_in_parts(tctx *x, yb_galley *g, const float *nat, const float *least, size_t stub)
{
	const yb_table_in *t = x->t;
	float room = x->c->tw;
	for (size_t j = 0; j < stub; j++)
		room -= least[j];
	GArray *starts = part_starts(least, stub, t->ncols, room);
	size_t *map = g_new(size_t, t->ncols);
	for (size_t j = 0; j < stub; j++)
		map[j] = j;
	x->map = map;
	for (guint p = 0; p < starts->len; p++) {
		size_t from = g_array_index(starts, size_t, p);
		size_t to = p + 1 < starts->len ? g_array_index(starts, size_t, p + 1) : t->ncols;
		x->n = stub + to - from;
		for (size_t col = from; col < to; col++)
			map[stub + col - from] = col;
		char *caption = g_strdup_printf("%s（%u/%u）", t->caption ? t->caption : "", p + 1, starts->len);
		set_fitting(x, g, nat, least, caption);
		g_free(caption);
	}
	g_free(map);
	g_array_free(starts, TRUE);
}

/* Whether one of the book's own tables, fitted on one page width, would
 * leave a column of text narrower than SQUEEZE_CHARS characters (a key
 * figures table of many indicators, its report names four characters a
 * line): such a table is set in parts instead. */
#define SQUEEZE_CHARS 6

static int squeezed(const tctx *x, const float *nat, const float *least)
{
	const yb_table_in *t = x->t;
	if (!t->condense)
		return 0;
	float *w = g_new0(float, t->ncols), floor = SQUEEZE_CHARS * x->face->size + 2 * x->padx;
	fit_widths(nat, least, t->ncols, x->c->tw, w);
	int narrow = 0;
	for (size_t c = 0; c < t->ncols; c++)
		narrow |= !x->cols[c].numeric && nat[c] > floor && w[c] < floor - 0.01f;
	g_free(w);
	return narrow;
}

static float sum_of(const float *v, size_t n)
{
	float s = 0;
	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

int yb_table_set(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_table_in *in)
{
	int rc = 0;
	const yb_style *st = c->st;
	GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
	yb_table_in t;
	tctx x = {.s = s, .c = c, .t = &t, .face = &st->table, .head_face = st->table};
	judge(&x, in, &t, owned);
	x.head_face.bold = 1;
	x.padx = st->table.size / 2;
	x.pady = st->table.size / 4;
	x.colx = g_new0(float, t.ncols);
	x.colw = g_new0(float, t.ncols);
	size_t *all = g_new(size_t, t.ncols);
	for (size_t j = 0; j < t.ncols; j++)
		all[j] = j;
	x.map = all;
	x.n = t.ncols;
	size_t stub = t.stub ? t.stub : x.cols[0].numeric || grouped(in, x.cols) ? 2 : 1;
	stub = MIN(stub, t.ncols - 1);
	float *nat = g_new0(float, t.ncols), *least = g_new0(float, t.ncols);
	natural_widths(&x, nat, least, (wraps){10, 4, 4});
	if (sum_of(least, t.ncols) > c->tw)
		natural_widths(&x, nat, least, (wraps){6, 4, 4});
	int fits = (sum_of(least, t.ncols) <= c->tw && !squeezed(&x, nat, least)) || t.ncols < 3;
	/* the book's own tables keep six characters a line of text or more:
	 * their headers wrap down to three, else they are set in parts */
	wraps parts = t.condense ? (wraps){10, SQUEEZE_CHARS, 3} : (wraps){10, 4, 4};
	if (!fits) {
		natural_widths(&x, nat, least, parts);
		fits = t.condense && sum_of(least, t.ncols) <= c->tw;
	}
	if (fits)
		set_fitting(&x, g, nat, least, t.caption);
	else if (in->whole_or_nothing)
		rc = -1;
	else
		set_in_parts(&x, g, nat, least, stub);
	g_free(nat);
	g_free(least);
	g_free(all);
	g_free(x.colx);
	g_free(x.colw);
	g_free(x.cols);
	g_free(x.group_start);
	g_free(x.label_of);
	g_ptr_array_free(owned, TRUE);
	return rc;
}
