/* front: the imprint page and the front-matter texts.  See front.h.
 *
 * Design note.  The front-matter texts (编委会, 前言, 凡例) are plain text
 * files: every line that is not blank is a paragraph, set on the body grid
 * like a report's (indented and justified; the editorial board's lines as
 * the style's board-align says, their leading spaces kept, since boards
 * line names up with them).  A preface ends with its signature and date
 * (编　者 / 2025年6月): up to three short last lines (16 characters at
 * most) that end no sentence or clause are set flush right.  A first line that repeats the part's title
 * (前言, or 前　言 spaced out) is the title itself and is not set twice.
 * Each part opens on a right-hand page with its title, which is its
 * destination in the contents and the outline.
 *
 * The imprint page is set whole onto one page, from the foot of the type
 * area upwards, as Chinese books do: the notice (内部资料，免费交流) or the
 * CIP data block with its heading, then the list (准印证号, 编印单位, ...,
 * 印数) between thin rules.  Every block is set on the body grid (block.c)
 * so the page's lines stand where the body's would.  It has no folio; its
 * page is counted.
 */
#include "front.h"

#include <string.h>

int yb_front_imprint_last(const yb_lctx *c)
{
	int page = c->book->imprint.page;
	return page == YB_IMPRINT_STYLE ? c->st->imprint_last_page : page == YB_IMPRINT_LAST_PAGE;
}

/* ---- the imprint page ---------------------------------------------------- */

static void imprint_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *text, const yb_face *face)
{
	yb_lblock b = {.text = text, .len = strlen(text), .face = face, .keep = 1, .grid = 1, .tag = "P"};
	b.spec = yb_lay_spec(c, face, c->book->script, YB_LINE_BODY);
	b.spec.indent = 0;
	yb_lay_block(s, c, g, &b);
}

static void rule_at(const yb_lctx *c, yb_page *page, float y)
{
	yb_page_add_rule(page, 0, y, c->tw, y, c->st->table_rule_thin);
}

yb_page *yb_front_imprint(yb_setter *s, const yb_lctx *c)
{
	const yb_book_imprint *im = &c->book->imprint;
	const yb_style *st = c->st;
	if (!yb_book_has_imprint(c->book))
		return NULL;
	yb_galley *g = yb_galley_new();
	if (im->notice)
		imprint_block(s, c, g, im->notice_text ? im->notice_text : st->imprint_notice, &st->imprint_heading);
	if (im->cip)
		imprint_block(s, c, g, st->cip_title, &st->imprint_heading);
	for (char **l = im->cip; l && *l; l++)
		imprint_block(s, c, g, *l, &st->imprint);
	guint list = g->lines->len;
	for (char **l = im->items; l && *l; l++)
		imprint_block(s, c, g, *l, &st->imprint);
	float total = 0;
	for (guint i = 0; i < g->lines->len; i++)
		total += g_array_index(g->lines, yb_gline, i).height;
	yb_page *page = yb_page_new(st->page_width, st->page_height, 0, 0);
	float y = c->capacity - total;
	float half = (c->st->body.pitch - st->imprint.size) / 2;   /* a rule midway between lines */
	for (guint i = 0; i < g->lines->len; i++) {
		const yb_gline *l = &g_array_index(g->lines, yb_gline, i);
		if (i == list && im->items && st->imprint_rules)
			rule_at(c, page, y - half);
		yb_galley_copy_line(g, l, page, 0, y + l->baseline);
		y += l->height;
	}
	if (im->items && st->imprint_rules)
		rule_at(c, page, y - half);
	yb_galley_free(g);
	return page;
}

/* ---- the front-matter texts ---------------------------------------------- */

static int is_space_at(const char *p)
{
	return *p == ' ' || *p == '\t' || g_str_has_prefix(p, "　");
}

/* The line without its trailing white space (ASCII and ideographic), and
 * without its leading white space unless keep_lead; *len its bytes. */
static const char *trimmed(const char *line, int keep_lead, size_t *len)
{
	const char *z = line + strlen(line);
	while (z > line && is_space_at(g_utf8_find_prev_char(line, z)))
		z = g_utf8_find_prev_char(line, z);
	const char *a = line;
	while (!keep_lead && a < z && is_space_at(a))
		a = g_utf8_next_char(a);
	*len = (size_t)(z - a);
	return a;
}

/* s without its white space, newly allocated. */
static char *squeezed(const char *s, size_t len)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p))
		if (!is_space_at(p))
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	return g_string_free(out, FALSE);
}

static int repeats_title(const char *line, size_t len, const char *title)
{
	char *a = squeezed(line, len), *b = squeezed(title, strlen(title));
	int same = !strcmp(a, b);
	g_free(a);
	g_free(b);
	return same;
}

static void set_paragraph(yb_setter *s, const yb_lctx *c, yb_galley *g, const char *text, size_t len,
                          yb_align align)
{
	const yb_style *st = c->st;
	yb_lblock b = {.text = text, .len = len, .face = &st->body, .tag = "P"};
	b.spec = yb_lay_spec(c, &st->body, c->book->script, YB_LINE_BODY);
	b.spec.align = align;
	b.spec.indent = align == YB_ALIGN_INDENT ? st->indent : 0;
	b.spec.justify = align == YB_ALIGN_INDENT || align == YB_ALIGN_LEFT;
	yb_lay_block(s, c, g, &b);
}

typedef struct para {
	const char *text;
	size_t len;
} para;

/* Whether a line can close a text as its signature or date (编　者,
 * 2025年6月): short, and not the end of a sentence or clause. */
static int closing(const para *p)
{
	static const char marks[] = "。！？；：，、….!?;:,";
	const char *last = g_utf8_find_prev_char(p->text, p->text + p->len);
	return g_utf8_strlen(p->text, (gssize)p->len) <= 16 &&
	       !g_utf8_strchr(marks, -1, g_utf8_get_char(last));
}

/* The part's title, then its paragraphs: the lines that are not blank (a
 * first line that repeats the title is the title).  Up to three closing
 * lines after the text (the signature and date of a preface) are set flush
 * right; the board's lines as the style's board-align says. */
static yb_galley *set_part(yb_setter *s, const yb_lctx *c, const yb_book_front *f, const char *title, uint32_t dest)
{
	const yb_style *st = c->st;
	yb_galley *g = yb_galley_new();
	yb_lblock head = {.text = title, .len = strlen(title), .face = &st->front_heading, .keep = 1, .grid = 1,
	                  .has_dest = 1, .dest = dest, .tag = "H1"};
	head.spec = yb_lay_spec(c, &st->front_heading, c->book->script, YB_LINE_TITLE);
	yb_lay_block(s, c, g, &head);
	int board = f->kind == YB_FRONT_BOARD, first = 1;
	char **lines = g_strsplit(f->text->data, "\n", -1);
	GArray *paras = g_array_new(FALSE, FALSE, sizeof(para));
	for (char **l = lines; *l; l++) {
		para p;
		p.text = trimmed(*l, board, &p.len);
		if (!p.len)
			continue;
		if (!(first && repeats_title(p.text, p.len, title)))
			g_array_append_val(paras, p);
		first = 0;
	}
	guint body = paras->len;
	while (!board && body > 1 && paras->len - body < 3 && closing(&g_array_index(paras, para, body - 1)))
		body--;
	for (guint i = 0; i < paras->len; i++) {
		const para *p = &g_array_index(paras, para, i);
		set_paragraph(s, c, g, p->text, p->len, board ? st->board_align : i < body ? YB_ALIGN_INDENT : YB_ALIGN_RIGHT);
	}
	g_array_free(paras, TRUE);
	g_strfreev(lines);
	return g;
}

guint yb_front_set(yb_setter *s, const yb_lctx *c, GPtrArray *front, yb_front_entry *entries)
{
	const yb_style *st = c->st;
	for (size_t i = 0; i < c->book->nfront; i++) {
		const yb_book_front *f = &c->book->front[i];
		const char *title = f->title ? f->title : st->front_title[f->kind];
		if (st->two_sided && front->len % 2 == 1)   /* open on a right-hand page */
			g_ptr_array_add(front, yb_page_new(st->page_width, st->page_height, 0, 0));
		entries[i] = (yb_front_entry){title, yb_doc_add_dest(c->doc), front->len, 1};
		yb_galley *g = set_part(s, c, f, title, entries[i].dest);
		yb_lay_front_pages(s, c, g, front);
		yb_galley_free(g);
	}
	return (guint)c->book->nfront;
}
