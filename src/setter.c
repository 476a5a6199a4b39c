/* setter: Pango shapes, yearbook breaks the lines and places the glyphs.
 *
 * Design note.  Pango shapes a block of text on one unbroken line (context
 * at 72 dpi, unrounded glyph positions, the report's language; see
 * platform-notes.md) and says where Unicode allows line breaks.  Each
 * cluster becomes a unit for linebreak.c, which applies the Chinese rules
 * Pango 1.50 does not (禁则 with breaks inside quotations, punctuation
 * compression, Han–Latin spacing, justification between characters, shrink
 * before stretch) and returns every unit's position.  Pango's own
 * justification is not used: it pours a line's slack into its word spaces.
 *
 * Glyphs are recorded with the font (file, face index) that Pango chose,
 * so the backends can draw them without Pango, and with the cluster map
 * that ties them to their text, so the PDF's text can be extracted again.
 */
#include "setter.h"

#include "backend.h"
#include "chars.h"
#include "linebreak.h"
#include "script.h"

#include <assert.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>
#include <string.h>

struct yb_setter {
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoLayout *layout;
	yb_fonts *fonts;
	const yb_style *style;
	yb_doc *doc;
	GHashTable *font_ids;    /* PangoFont* -> struct font_info* */
	GArray *units;           /* scratch: struct unit */
	GArray *lb;              /* scratch: yb_lb_unit, parallel to units */
	GArray *ends;            /* scratch: guint line ends */
	GArray *vis, *before;    /* scratch: a line's units in visual order, the space before each */
	const char *text;        /* the text being set (the caller's) */
	GString *shaped;         /* scratch: the text Pango shapes (see neutral_bidi) */
	GHashTable *widths;      /* yb_setter_width() memo: key string -> float* */
};


struct font_info {
	uint32_t index;          /* in the document's font table */
	float size;
};

/* Where a cluster's glyphs and bytes are; its measures are in the parallel yb_lb_unit. */
struct unit {
	PangoGlyphItem *run;
	struct font_info *font;
	int glyph0, nglyphs;     /* in run->glyphs */
	int byte0, nbytes;       /* in the layout's text */
	int level;               /* bidi embedding level: odd is right-to-left */
};

yb_setter *yb_setter_new(yb_fonts *fonts, const yb_style *style, yb_doc *doc)
{
	yb_setter *s = g_new0(yb_setter, 1);
	s->fonts = fonts;
	s->style = style;
	s->doc = doc;
	s->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(s->fontmap), yb_fonts_config(fonts));
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(s->fontmap), 72.0);
	s->ctx = pango_font_map_create_context(s->fontmap);
	pango_context_set_round_glyph_positions(s->ctx, FALSE);
	/* a Chinese book: every paragraph runs left to right, whatever its first
	 * strong character; right-to-left runs inside it follow Pango's bidi */
	pango_context_set_base_dir(s->ctx, PANGO_DIRECTION_LTR);
	cairo_font_options_t *fo = cairo_font_options_create();
	yb_render_pdf_font_options(fo);
	pango_cairo_context_set_font_options(s->ctx, fo);
	cairo_font_options_destroy(fo);
	s->layout = pango_layout_new(s->ctx);
	pango_layout_set_auto_dir(s->layout, FALSE);
	s->font_ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	s->units = g_array_new(FALSE, FALSE, sizeof(struct unit));
	s->lb = g_array_new(FALSE, FALSE, sizeof(yb_lb_unit));
	s->ends = g_array_new(FALSE, FALSE, sizeof(guint));
	s->vis = g_array_new(FALSE, FALSE, sizeof(guint));
	s->shaped = g_string_new(NULL);
	s->before = g_array_new(FALSE, FALSE, sizeof(float));
	s->widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return s;
}

void yb_setter_free(yb_setter *s)
{
	if (!s)
		return;
	g_array_free(s->units, TRUE);
	g_array_free(s->lb, TRUE);
	g_array_free(s->ends, TRUE);
	g_array_free(s->vis, TRUE);
	g_string_free(s->shaped, TRUE);
	g_array_free(s->before, TRUE);
	g_hash_table_destroy(s->widths);
	g_hash_table_destroy(s->font_ids);
	g_object_unref(s->layout);
	g_object_unref(s->ctx);
	g_object_unref(s->fontmap);
	g_free(s);
}

/* ---- fonts -------------------------------------------------------------- */

static PangoFontDescription *describe(yb_setter *s, const yb_face *face, yb_script script)
{
	PangoFontDescription *d = pango_font_description_new();
	const char *family = yb_fonts_family(s->fonts, face->role, script);
	assert(family); /* the style reader validated the role */
	pango_font_description_set_family(d, family);
	pango_font_description_set_absolute_size(d, face->size * PANGO_SCALE);
	pango_font_description_set_weight(d, face->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	return d;
}

static float font_size(PangoFont *font)
{
	PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
	float size = (float)pango_font_description_get_size(d) / PANGO_SCALE;
	pango_font_description_free(d);
	return size;
}

static struct font_info *font_info(yb_setter *s, PangoFont *font)
{
	struct font_info *fi = g_hash_table_lookup(s->font_ids, font);
	if (fi)
		return fi;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
	FcChar8 *file = NULL;
	int index = 0;
	FcPatternGetString(pat, FC_FILE, 0, &file);
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	fi = g_new(struct font_info, 1);
	fi->index = yb_doc_font(s->doc, file ? (const char *)file : "", index, pat);
	fi->size = font_size(font);
	g_hash_table_insert(s->font_ids, font, fi);
	return fi;
}

/* ---- preparing the layout ----------------------------------------------- */

/* Explicit bidi embeddings, overrides and isolates (U+202A..202E,
 * U+2066..2069) would let a stray character reorder what the reader sees
 * (and what a PDF's text gives back): Pango shapes a copy in which each is a
 * zero width space of the same length, the PDF keeps the character itself.
 * Letters that run right to left are still set by Pango's bidi.  Returns
 * the copy (s->shaped) or `text` when there is nothing to replace. */
static const char *neutral_bidi(yb_setter *s, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while ((p = memchr(p, 0xE2, (size_t)(end - p))) && p + 2 < end &&
	       !(p[1] == '\x80' && (unsigned char)p[2] >= 0xAA && (unsigned char)p[2] <= 0xAE) &&
	       !(p[1] == '\x81' && (unsigned char)p[2] >= 0xA6 && (unsigned char)p[2] <= 0xA9))
		p++;
	if (!p || p + 2 >= end)
		return text;
	g_string_truncate(s->shaped, 0);
	g_string_append_len(s->shaped, text, (gssize)len);
	for (char *q = s->shaped->str; q + 2 < s->shaped->str + len; q++) {
		unsigned char a = (unsigned char)q[1], z = (unsigned char)q[2];
		if ((unsigned char)q[0] == 0xE2 && ((a == 0x80 && z >= 0xAA && z <= 0xAE) || (a == 0x81 && z >= 0xA6 && z <= 0xA9))) {
			q[1] = '\x80';
			q[2] = '\x8B';
		}
	}
	return s->shaped->str;
}

/* Sets up the layout; width < 0 shapes the text on one unbroken line.
 * `quotes` (byte offset, length pairs, or NULL) are set in the style's
 * quote face. */
static void prepare_with(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, float width,
                         const GArray *quotes)
{
	PangoLayout *l = s->layout;
	PangoFontDescription *d = describe(s, spec->face, spec->script);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(yb_script_bcp47(spec->script))));
	if (spec->head_face && spec->head_len) {
		PangoFontDescription *hd = describe(s, spec->head_face, spec->script);
		PangoAttribute *a = pango_attr_font_desc_new(hd);
		a->start_index = 0;
		a->end_index = (guint)spec->head_len;
		pango_attr_list_insert(attrs, a);
		pango_font_description_free(hd);
	}
	for (guint i = 0; quotes && i + 1 < quotes->len; i += 2) {
		yb_face qf = *spec->face;
		qf.role = s->style->quote_role;
		PangoFontDescription *qd = describe(s, &qf, spec->script);
		PangoAttribute *a = pango_attr_font_desc_new(qd);
		a->start_index = g_array_index(quotes, guint, i);
		a->end_index = a->start_index + g_array_index(quotes, guint, i + 1);
		pango_attr_list_insert(attrs, a);
		pango_font_description_free(qd);
	}
	pango_layout_set_font_description(l, d);
	s->text = text;
	pango_layout_set_text(l, neutral_bidi(s, text, len), (int)len);
	pango_layout_set_attributes(l, attrs);
	pango_layout_set_width(l, width < 0 ? -1 : (int)(width * PANGO_SCALE));
	pango_layout_set_indent(l, width < 0 ? 0 : (int)(spec->indent * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_attr_list_unref(attrs);
	pango_font_description_free(d);
}

static void prepare(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, float width)
{
	prepare_with(s, text, len, spec, width, NULL);
}

/* ---- measuring clusters -------------------------------------------------- */

/* The most bytes a cluster gets by joining (a letter and its marks take a
 * dozen; a run of 40,000 marks must not pass the PDF cluster's 16 bits). */
#define JOIN_MAX 256

static int starts_with_mark(yb_setter *s, const struct unit *u)
{
	return g_unichar_ismark(g_utf8_get_char(pango_layout_get_text(s->layout) + u->byte0));
}

/* The clusters of one Pango run.  A right-to-left run (odd level) holds its
 * glyphs in visual order, its clusters' byte offsets descending, so a
 * cluster ends where the glyph group to its left begins.  Combining marks
 * that Pango shapes as clusters of their own (Arabic harakat, Thaana vowel
 * signs) join their base's: the PDF then gives base and marks back together
 * and in order, where a lone zero-width mark is read out of place.  The
 * base comes before its marks in glyph order, after them right to left. */
static void add_run(yb_setter *s, PangoGlyphItem *run)
{
	PangoGlyphString *gs = run->glyphs;
	struct font_info *fi = font_info(s, run->item->analysis.font);
	int level = run->item->analysis.level, rtl = level & 1;
	int i = 0;
	guint first = s->units->len;
	while (i < gs->num_glyphs) {
		struct unit u = {.run = run, .font = fi, .glyph0 = i, .level = level};
		yb_lb_unit m = {.em = fi->size};
		int cl = gs->log_clusters[i];
		for (; i < gs->num_glyphs && gs->log_clusters[i] == cl; i++)
			m.nat += (float)gs->glyphs[i].geometry.width / PANGO_SCALE;
		u.nglyphs = i - u.glyph0;
		u.byte0 = run->item->offset + cl;
		int end = rtl ? (u.glyph0 > 0 ? gs->log_clusters[u.glyph0 - 1] : run->item->length)
		              : (i < gs->num_glyphs ? gs->log_clusters[i] : run->item->length);
		u.nbytes = end - cl;
		struct unit *prev = s->units->len > first ? &g_array_index(s->units, struct unit, s->units->len - 1) : NULL;
		if (prev && starts_with_mark(s, rtl ? prev : &u) && prev->nbytes + u.nbytes <= JOIN_MAX) {
			prev->nglyphs += u.nglyphs;
			prev->byte0 = MIN(prev->byte0, u.byte0);
			prev->nbytes += u.nbytes;
			g_array_index(s->lb, yb_lb_unit, s->lb->len - 1).nat += m.nat;
			continue;
		}
		g_array_append_val(s->units, u);
		g_array_append_val(s->lb, m);
	}
}

static int by_byte(const void *a, const void *b, void *units)
{
	const struct unit *u = units;
	return u[*(const guint *)a].byte0 - u[*(const guint *)b].byte0;
}

/* Puts the units in text order (a line's runs, and a right-to-left run's
 * clusters, come in visual order). */
static void logical_order(yb_setter *s)
{
	guint n = s->units->len;
	guint *ix = g_new(guint, n);
	for (guint i = 0; i < n; i++)
		ix[i] = i;
	g_qsort_with_data(ix, (gint)n, sizeof *ix, by_byte, s->units->data);
	GArray *units = g_array_sized_new(FALSE, FALSE, sizeof(struct unit), n);
	GArray *lb = g_array_sized_new(FALSE, FALSE, sizeof(yb_lb_unit), n);
	for (guint i = 0; i < n; i++) {
		g_array_append_val(units, g_array_index(s->units, struct unit, ix[i]));
		g_array_append_val(lb, g_array_index(s->lb, yb_lb_unit, ix[i]));
	}
	g_array_free(s->units, TRUE);
	g_array_free(s->lb, TRUE);
	s->units = units;
	s->lb = lb;
	g_free(ix);
}

static int draws_nothing(const struct unit *u)
{
	for (int gi = u->glyph0; gi < u->glyph0 + u->nglyphs; gi++)
		if (u->run->glyphs->glyphs[gi].glyph != PANGO_GLYPH_EMPTY)
			return 0;
	return 1;
}

/* A right-to-left unit that draws nothing (a right-to-left or Arabic letter
 * mark between Chinese characters is a run of its own) would be a cluster
 * without glyphs, which the PDF drops: its bytes join the unit before it in
 * text order (after it, at the start).  Units are in text order. */
static void join_empty_units(yb_setter *s)
{
	struct unit *u = (struct unit *)s->units->data;
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	guint n = s->units->len, k = 0;
	for (guint i = 0; i < n; i++) {
		struct unit *to = k > 0 ? &u[k - 1] : i + 1 < n ? &u[i + 1] : NULL;
		if ((u[i].level & 1) && draws_nothing(&u[i]) && to && to->nbytes + u[i].nbytes <= JOIN_MAX) {
			to->byte0 = MIN(to->byte0, u[i].byte0);
			to->nbytes += u[i].nbytes;
			continue;
		}
		u[k] = u[i];
		m[k++] = m[i];
	}
	g_array_set_size(s->units, k);
	g_array_set_size(s->lb, k);
}

/* Every cluster of the layout's text, in text order (it was shaped unbroken). */
static void measure_units(yb_setter *s)
{
	const char *text = pango_layout_get_text(s->layout);
	int nattrs, chars = 0, bytes = 0, bidi = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(s->layout, &nattrs);
	g_array_set_size(s->units, 0);
	g_array_set_size(s->lb, 0);
	for (GSList *l = pango_layout_get_lines_readonly(s->layout); l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
			add_run(s, r->data);
			bidi |= ((PangoGlyphItem *)r->data)->item->analysis.level != 0;
		}
	if (bidi) {
		logical_order(s);
		join_empty_units(s);
	}
	struct unit *u = (struct unit *)s->units->data;
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	for (guint k = 0; k < s->units->len; k++) {
		chars += (int)g_utf8_strlen(text + bytes, u[k].byte0 - bytes);
		bytes = u[k].byte0;
		m[k].ch = g_utf8_get_char(text + u[k].byte0);
		m[k].pango_break = (uint8_t)attrs[MIN(chars, nattrs - 1)].is_line_break;
	}
}

/* “ ” ‘ ’ next to Chinese text that the face drew narrow (Latin style, as
 * LXGW WenKai does): their bytes (offset, length pairs) into `quotes`. */
static int narrow_quotes(yb_setter *s, GArray *quotes)
{
	const yb_lb_unit *m = (const yb_lb_unit *)s->lb->data;
	const struct unit *u = (const struct unit *)s->units->data;
	guint n = s->lb->len;
	if (!s->style->quote_role)
		return 0;
	for (guint i = 0; i < n; i++) {
		gunichar c = m[i].ch;
		if ((c != 0x201C && c != 0x201D && c != 0x2018 && c != 0x2019) || m[i].nat >= 0.75f * m[i].em)
			continue;
		if (!(i > 0 && yb_is_cjk_graph(m[i - 1].ch)) && !(i + 1 < n && yb_is_cjk_graph(m[i + 1].ch)))
			continue;
		guint at = (guint)u[i].byte0, len = (guint)u[i].nbytes;
		g_array_append_val(quotes, at);
		g_array_append_val(quotes, len);
	}
	return quotes->len > 0;
}

/* Shapes the text on one line and measures its clusters; quotation marks a
 * face draws narrow are taken from the style's quote face, as xeCJK does. */
static void shape(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec)
{
	prepare(s, text, len, spec, -1);
	measure_units(s);
	GArray *quotes = g_array_new(FALSE, FALSE, sizeof(guint));
	if (narrow_quotes(s, quotes)) {
		prepare_with(s, text, len, spec, -1, quotes);
		measure_units(s);
	}
	g_array_free(quotes, TRUE);
}

/* ---- recording -------------------------------------------------------------- */

/* Records n units of one Pango run, in visual order (vis), as a glyph run
 * starting at pen x; before[i] is the space before the i-th.  Returns the pen
 * after them. */
static float emit_run(yb_page *page, const struct unit *u, const yb_lb_unit *m, const guint *vis,
                      const float *before, guint n, const char *text, float x)
{
	yb_item *it = yb_page_add(page, YB_ITEM_RUN);
	float x0 = x + before[0];
	it->u.run.font = u[vis[0]].font->index;
	it->u.run.size = u[vis[0]].font->size;
	it->u.run.x = x0;
	it->u.run.glyph0 = page->glyphs->len;
	it->u.run.cluster0 = page->clusters->len;
	it->u.run.text0 = page->text->len;
	uint32_t ntext = 0;
	for (guint v = 0; v < n; v++) {
		guint i = vis[v];
		x += before[v];
		yb_cluster c = {(uint16_t)u[i].nbytes, 0};
		float pos = x + m[i].shift - x0;
		for (int gi = u[i].glyph0; gi < u[i].glyph0 + u[i].nglyphs; gi++) {
			PangoGlyphInfo *gl = &u[i].run->glyphs->glyphs[gi];
			if (gl->glyph != PANGO_GLYPH_EMPTY) {
				yb_glyph g = {gl->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gl->glyph,
				              pos + (float)gl->geometry.x_offset / PANGO_SCALE};
				g_array_append_val(page->glyphs, g);
				c.glyphs++;
			}
			pos += (float)gl->geometry.width / PANGO_SCALE;
		}
		x += m[i].adv + m[i].extra;
		/* a character that draws nothing (a bidi mark, a zero width space)
		 * joins its neighbour's cluster, or the PDF would not give it back */
		yb_cluster *prev = page->clusters->len > it->u.run.cluster0
		                   ? &g_array_index(page->clusters, yb_cluster, page->clusters->len - 1) : NULL;
		if (prev && (!c.glyphs || !prev->glyphs) && prev->bytes + c.bytes <= UINT16_MAX) {
			prev->bytes = (uint16_t)(prev->bytes + c.bytes);
			prev->glyphs = (uint16_t)(prev->glyphs + c.glyphs);
		} else {
			g_array_append_val(page->clusters, c);
		}
		g_string_append_len(page->text, text + u[i].byte0, u[i].nbytes);
		ntext += (uint32_t)u[i].nbytes;
	}
	it = &g_array_index(page->items, yb_item, page->items->len - 1);
	it->u.run.nclusters = page->clusters->len - it->u.run.cluster0;
	it->u.run.nglyphs = page->glyphs->len - it->u.run.glyph0;
	it->u.run.ntext = ntext;
	return x;
}

/* Units [b, e) in visual order by their bidi levels (UAX #9 rule L2: from
 * the highest level down to the lowest odd one, reverse every stretch at
 * that level or above).  All level 0, the common case, is text order. */
static void visual_order(const struct unit *u, guint b, guint e, guint *vis)
{
	guint n = e - b;
	int top = 0, low_odd = 255;
	for (guint i = 0; i < n; i++) {
		vis[i] = b + i;
		top = MAX(top, u[b + i].level);
		if (u[b + i].level & 1)
			low_odd = MIN(low_odd, u[b + i].level);
	}
	for (int l = top; l >= low_odd; l--)
		for (guint i = 0; i < n;) {
			guint j = i;
			while (j < n && u[vis[j]].level >= l)
				j++;
			for (guint a = i, z = j; a + 1 < z; a++, z--) {
				guint t = vis[a];
				vis[a] = vis[z - 1];
				vis[z - 1] = t;
			}
			i = j > i ? j : i + 1;
		}
}

/* The space before each unit in visual order.  linebreak.c gives unit k the
 * space between it and unit k-1 (gap[k]); units side by side in both orders
 * keep it; where the visual order jumps (the ends of a reversed stretch) a
 * space not yet placed that belongs to either neighbour is used, and what is
 * left goes to the line's end, so the line keeps its set width. */
static void visual_gaps(const yb_lb_unit *m, guint b, guint e, const guint *vis, float *before)
{
	guint n = e - b;
	guint8 *used = g_new0(guint8, n + 1);
	before[0] = 0;
	for (guint p = 1; p < n; p++) {
		guint a = vis[p - 1], z = vis[p], k = z == a + 1 ? z : a == z + 1 ? a : 0;
		before[p] = k ? m[k].gap : -1;
		if (k)
			used[k - b] = 1;
	}
	for (guint p = 1; p < n; p++) {
		if (before[p] >= 0)
			continue;
		guint a = vis[p - 1], z = vis[p], cand[] = {a + 1, z, a, z + 1};
		before[p] = 0;
		for (size_t c = 0; c < G_N_ELEMENTS(cand); c++)
			if (cand[c] > b && cand[c] < e && !used[cand[c] - b]) {
				before[p] = m[cand[c]].gap;
				used[cand[c] - b] = 1;
				break;
			}
	}
	g_free(used);
}

static float line_x(const yb_set_spec *spec, int first, float width)
{
	switch (spec->align) {
	case YB_ALIGN_CENTER: return (spec->measure - width) / 2;
	case YB_ALIGN_RIGHT: return spec->measure - width;
	case YB_ALIGN_INDENT: return first ? spec->indent : 0;
	case YB_ALIGN_LEFT: break;
	}
	return 0;
}

static void record_line(yb_setter *s, guint b, guint e, int first, int last, const yb_set_spec *spec,
                        const yb_lb_opts *o, yb_galley *g)
{
	const char *text = s->text; /* the characters themselves, bidi controls included */
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	const struct unit *u = (const struct unit *)s->units->data;
	float avail = spec->measure - (first && spec->align == YB_ALIGN_INDENT ? spec->indent : 0);
	float width = yb_lb_set_line(m, b, e, avail, spec->justify, last, o);
	yb_page *page = g->scratch;
	yb_gline gl = {.item0 = page->items->len};
	if (width > avail + 0.05f)
		gl.bent |= YB_BENT_OVERFULL;
	if (!last && !m[e].brk)
		gl.bent |= YB_BENT_EMERGENCY;
	float x = line_x(spec, first, width);
	yb_item *li = yb_page_add(page, YB_ITEM_LINE);
	li->u.line.x = x;
	li->u.line.width = width;
	li->u.line.measure = avail;
	li->u.line.role = (uint8_t)spec->role;
	li->u.line.level = (uint8_t)spec->level;
	li->u.line.last = (uint8_t)last;
	li->u.line.punct = (uint8_t)o->punct;
	g_array_set_size(s->vis, e - b);
	g_array_set_size(s->before, e - b);
	guint *vis = (guint *)s->vis->data;
	float *before = (float *)s->before->data;
	visual_order(u, b, e, vis);
	visual_gaps(m, b, e, vis, before);
	for (guint p = 0; p < e - b;) {
		guint q = p;
		while (q < e - b && u[vis[q]].run == u[vis[p]].run)
			q++;
		x = emit_run(page, u, m, vis + p, before + p, q - p, text, x);
		p = q;
	}
	gl.nitems = page->items->len - gl.item0;
	g_array_append_val(g->lines, gl);
}

static yb_lb_opts lb_options(const yb_setter *s, const yb_set_spec *spec)
{
	int traditional = spec->script == YB_SCRIPT_TC;
	yb_lb_opts o = {
		.kinsoku = s->style->kinsoku,
		.punct = traditional ? YB_PUNCT_FULL : s->style->punct,
		.han_latin = s->style->han_latin_space,
		.measure = spec->measure,
		.indent = spec->align == YB_ALIGN_INDENT ? spec->indent : 0,
		.break_width = spec->break_width,
		.justify = spec->justify,
		.balance = !spec->justify && (spec->role == YB_LINE_TITLE || spec->role == YB_LINE_COVER ||
		                              spec->role == YB_LINE_TOC),
	};
	return o;
}

/* Breaks the units into lines; a block whose last line would hold a lone
 * character is broken again one em narrower (a justified one is still set
 * to the full measure), which carries a character down to keep it company. */
static guint break_units(yb_setter *s, const yb_set_spec *spec, yb_lb_opts *o)
{
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	guint n = s->lb->len;
	g_array_set_size(s->ends, 0);
	guint lines = yb_lb_break(m, n, o, s->ends);
	guint *ends = (guint *)s->ends->data;
	guint start = lines >= 2 ? ends[lines - 2] : 0;
	if (lines < 2 || !yb_lb_lonely(m, start, n))
		return lines;
	o->break_width = spec->measure - m[start].em;
	g_array_set_size(s->ends, 0);
	return yb_lb_break(m, n, o, s->ends);
}

guint yb_setter_set(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, yb_galley *g)
{
	shape(s, text, len, spec);
	yb_lb_opts o = lb_options(s, spec);
	yb_lb_prepare((yb_lb_unit *)s->lb->data, s->lb->len, &o);
	guint lines = break_units(s, spec, &o);
	guint b = 0;
	for (guint k = 0; k < lines; k++) {
		guint e = g_array_index(s->ends, guint, k);
		record_line(s, b, e, k == 0, k + 1 == lines, spec, &o, g);
		b = e;
	}
	return lines;
}

static float measure_width(yb_setter *s, const char *text, const yb_face *face, yb_script script)
{
	yb_set_spec spec = {.face = face, .script = script, .measure = 1e9f};
	shape(s, text, strlen(text), &spec);
	yb_lb_opts o = lb_options(s, &spec);
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	guint n = s->lb->len;
	yb_lb_prepare(m, n, &o);
	return n ? yb_lb_set_line(m, 0, n, spec.measure, 0, 1, &o) : 0;
}

/* Widths are remembered per setter: a table measures its cells again for
 * each way it tries to fit its columns, and cells repeat (是, —, 0). */
float yb_setter_width(yb_setter *s, const char *text, const yb_face *face, yb_script script)
{
	char *key = g_strdup_printf("%s|%a|%d|%d|%s", face->role, face->size, face->bold, (int)script, text);
	float *w = g_hash_table_lookup(s->widths, key);
	if (w) {
		g_free(key);
		return *w;
	}
	w = g_new(float, 1);
	*w = measure_width(s, text, face, script);
	g_hash_table_insert(s->widths, key, w);
	return *w;
}
