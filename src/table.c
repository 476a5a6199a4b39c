/* table: three-line tables (三线表) set into a galley (part of the layout).
 *
 * Design note.  A table is set row by row: every cell is set on its own at
 * its column's measure (so text wraps inside its column), and line k of a
 * row holds line k of each of its cells.  Each such row line becomes one
 * galley line; the lines of a row keep together (a row breaks across pages
 * only when it alone is taller than a page, by the paginator's emergency
 * rule), the caption and the header row keep with the first body row.
 * Rules: a thick one above the header, a thin one under it, a thick one
 * under the last row (CY/T 170: no vertical rules).  When the paginator
 * breaks inside the table it closes the page with the thick rule and opens
 * the next with the table's head, 续表 and the header row again.
 *
 * Column widths come from the content: each column's natural width is its
 * widest cell set on one line; when they fit the type area the spare width
 * is shared evenly; when they do not, columns that want no more than a fair
 * share of what is left get their natural width, and the others get their
 * least width (numbers unbroken, four characters of text) plus the rest in
 * proportion to what more they want, so the table never runs past the type
 * area.
 * Numbers (with their units) are set flush right, text flush left and
 * ragged, the header centred.
 */
#include "table.h"

#include <string.h>

typedef struct tctx {
	yb_setter *s;
	const yb_lctx *c;
	const yb_table_in *t;
	const yb_face *face;
	yb_face head_face;
	float *colx, *colw;
	float padx, pady;
} tctx;

/* A number, perhaps with a unit or mark after it ("1,874", "99.75%", "300余人次*"):
 * set flush right so its digits line up. */
static int numeric(const char *s)
{
	int digits = 0;
	const char *p = s;
	for (; *p && (g_ascii_isdigit(*p) || strchr("+-., ", *p)); p++)
		digits += g_ascii_isdigit(*p);
	for (; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_ascii_isdigit(*p) || !(c == '%' || c == '*' || c >= 0x2E80))
			return 0;
	}
	return digits > 0 && g_utf8_strlen(s, -1) <= 12;
}

static const char *cell(const yb_table_in *t, size_t r, size_t col)
{
	return t->cells[r * t->ncols + col];
}

/* ---- column widths ------------------------------------------------------------ */

/* Each column's natural width (its widest cell on one line) and least
 * width: its widest number (numbers do not wrap), and its text up to six
 * characters whole (a short label such as 规范性文件 should not wrap), four
 * of a longer one. */
static void natural_widths(tctx *x, float *nat, float *least)
{
	const yb_table_in *t = x->t;
	float four = 4 * x->face->size, six = 6 * x->face->size;
	for (size_t col = 0; col < t->ncols; col++) {
		nat[col] = least[col] = 0;
		for (size_t r = 0; r < t->nrows; r++) {
			const yb_face *f = r == 0 ? &x->head_face : x->face;
			float w = yb_setter_width(x->s, cell(t, r, col), f, t->lang);
			nat[col] = MAX(nat[col], w);
			float text = w <= six + 0.01f ? w : four;
			least[col] = MAX(least[col], r > 0 && numeric(cell(t, r, col)) ? w : text);
		}
		nat[col] += 2 * x->padx;
		least[col] += 2 * x->padx;
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

/* Sets one cell into its own galley; returns it. */
static yb_galley *set_cell(tctx *x, size_t r, size_t col)
{
	const char *text = cell(x->t, r, col);
	yb_galley *g = yb_galley_new();
	yb_set_spec spec = yb_lay_spec(x->c, r == 0 ? &x->head_face : x->face, x->t->lang, YB_LINE_TABLE);
	spec.measure = x->colw[col] - 2 * x->padx;
	spec.align = r == 0 ? YB_ALIGN_CENTER : numeric(text) ? YB_ALIGN_RIGHT : YB_ALIGN_LEFT;
	spec.indent = 0;
	spec.justify = 0;   /* ragged right: justified narrow cells would be letter-spaced */
	if (*text)
		yb_setter_set(x->s, text, strlen(text), &spec, g);
	return g;
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
	yb_galley **cells = g_new0(yb_galley *, t->ncols);
	guint lines = 1;
	for (size_t col = 0; col < t->ncols; col++) {
		cells[col] = set_cell(x, r, col);
		lines = MAX(lines, cells[col]->lines->len);
	}
	float pitch = yb_lay_pitch(r == 0 ? &x->head_face : x->face);
	float size = x->face->size;
	for (guint k = 0; k < lines; k++) {
		yb_gline gl = {.item0 = out->scratch->items->len, .height = pitch, .baseline = EM_TOP * size,
		               .keep = k + 1 < lines, .tag = "Table", .table = r > 0 ? table : 0};
		for (size_t col = 0; col < t->ncols; col++) {
			if (k < cells[col]->lines->len)
				yb_galley_copy_line(cells[col], &g_array_index(cells[col]->lines, yb_gline, k),
				                    out->scratch, x->colx[col] + x->padx, 0);
			uint32_t link = t->links ? t->links[r * t->ncols + col] : 0;
			if (link && k == 0)
				add_link(out, x->colx[col], -EM_TOP * size - x->pady, x->colw[col],
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
	for (size_t col = 0; col < t->ncols; col++)
		yb_galley_free(cells[col]);
	g_free(cells);
}

/* A rule across the table at the top (0) or bottom (1) of galley line `line`. */
static void rule_at(yb_galley *g, guint line, int bottom, float width, float thick)
{
	const yb_gline *l = &g_array_index(g->lines, yb_gline, line);
	float y = bottom ? l->height - l->baseline : -l->baseline + thick / 2;
	yb_item it = {.kind = YB_ITEM_RULE};
	it.u.rule.x0 = 0;
	it.u.rule.x1 = width;
	it.u.rule.y0 = it.u.rule.y1 = y;
	it.u.rule.width = thick;
	yb_galley_add_item(g, line, &it);
}

static void set_caption(tctx *x, yb_galley *g, const char *text)
{
	yb_lblock b = {.text = text, .len = strlen(text), .face = &x->head_face, .keep = 1, .grid = 0,
	               .tag = "Table"};
	b.spec = yb_lay_spec(x->c, &x->head_face, x->t->lang, YB_LINE_TABLE);
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
	yb_gline *l = &g_array_index(g->lines, yb_gline, 0);
	for (guint i = start; i < g->lines->len; i++)
		l[i].keep = 1;
	rule_at(g, first, 0, width, st->table_rule_thick);
	rule_at(g, g->lines->len - 1, 1, width, st->table_rule_thin);
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

/* Sets a table whose columns fit the type area at their least widths. */
static void set_fitting(tctx *x, yb_galley *g, const float *nat, const float *least)
{
	const yb_lctx *c = x->c;
	const yb_style *st = c->st;
	const yb_table_in *t = x->t;
	fit_widths(nat, least, t->ncols, c->tw, x->colw);
	for (size_t i = 1; i < t->ncols; i++)
		x->colx[i] = x->colx[i - 1] + x->colw[i - 1];
	guint first = g->lines->len;
	set_head(x, g, t->caption, c->tw);
	yb_gtable *gt = g_new0(yb_gtable, 1);
	gt->head = yb_galley_new();
	set_head(x, gt->head, st->table_continued, c->tw);
	gt->height = galley_height(gt->head, 0);
	tag_lines(gt->head, 0, NULL);
	gt->width = c->tw;
	gt->rule = st->table_rule_thick;
	g_ptr_array_add(g->tables, gt);
	for (size_t r = 1; r < t->nrows; r++)
		set_row(x, r, g, (uint16_t)g->tables->len);
	yb_gline *l = &g_array_index(g->lines, yb_gline, first);
	guint n = g->lines->len - first;
	rule_at(g, first + n - 1, 1, c->tw, st->table_rule_thick);
	tag_lines(g, first, "Table");
	l[0].height += st->body.pitch / 2;   /* a half line of space around the table */
	l[0].baseline += st->body.pitch / 2;
	l[n - 1].height += st->body.pitch / 2;
	l[n - 1].keep = 0;
}

/* The columns [from, to) with the first column before them, as a table. */
static void set_part(tctx *x, yb_galley *g, size_t from, size_t to, const float *nat,
                     const float *least, const char *caption)
{
	const yb_table_in *t = x->t;
	size_t n = 1 + to - from;
	const char **cells = g_new(const char *, t->nrows * n);
	float *pnat = g_new(float, n), *pleast = g_new(float, n);
	for (size_t r = 0; r < t->nrows; r++) {
		cells[r * n] = cell(t, r, 0);
		for (size_t col = from; col < to; col++)
			cells[r * n + 1 + col - from] = cell(t, r, col);
	}
	pnat[0] = nat[0];
	pleast[0] = least[0];
	for (size_t col = from; col < to; col++) {
		pnat[1 + col - from] = nat[col];
		pleast[1 + col - from] = least[col];
	}
	yb_table_in part = *t;
	part.ncols = n;
	part.cells = cells;
	part.caption = caption;
	part.links = NULL;
	tctx px = *x;
	px.t = &part;
	set_fitting(&px, g, pnat, pleast);
	g_free(cells);
	g_free(pnat);
	g_free(pleast);
}

/* A table too wide for the type area even at its least widths is set in
 * parts: each repeats the first column (the rows' labels) and takes as many
 * of the other columns as fit, so no column is squeezed below its least
 * width and nothing overprints. */
static void set_in_parts(tctx *x, yb_galley *g, const float *nat, const float *least)
{
	const yb_table_in *t = x->t;
	float room = x->c->tw - least[0];
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(size_t));
	float used = room + 1;
	for (size_t col = 1; col < t->ncols; col++) {
		if (used + least[col] > room) {
			g_array_append_val(starts, col);
			used = 0;
		}
		used += least[col];
	}
	for (guint p = 0; p < starts->len; p++) {
		size_t from = g_array_index(starts, size_t, p);
		size_t to = p + 1 < starts->len ? g_array_index(starts, size_t, p + 1) : t->ncols;
		char *caption = g_strdup_printf("%s（%u/%u）", t->caption ? t->caption : "", p + 1, starts->len);
		set_part(x, g, from, to, nat, least, caption);
		g_free(caption);
	}
	g_array_free(starts, TRUE);
}

void yb_table_set(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_table_in *t)
{
	const yb_style *st = c->st;
	tctx x = {.s = s, .c = c, .t = t, .face = &st->table, .head_face = st->table};
	x.head_face.bold = 1;
	x.padx = st->table.size / 2;
	x.pady = st->table.size / 4;
	x.colx = g_new0(float, t->ncols);
	x.colw = g_new0(float, t->ncols);
	float *nat = g_new0(float, t->ncols), *least = g_new0(float, t->ncols);
	natural_widths(&x, nat, least);
	float base = 0;
	for (size_t i = 0; i < t->ncols; i++)
		base += least[i];
	if (base <= c->tw || t->ncols < 3)
		set_fitting(&x, g, nat, least);
	else
		set_in_parts(&x, g, nat, least);
	g_free(nat);
	g_free(least);
	g_free(x.colx);
	g_free(x.colw);
}
