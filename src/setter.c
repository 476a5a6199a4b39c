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
};

static GMutex doc_lock;

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
	cairo_font_options_t *fo = cairo_font_options_create();
	yb_render_pdf_font_options(fo);
	pango_cairo_context_set_font_options(s->ctx, fo);
	cairo_font_options_destroy(fo);
	s->layout = pango_layout_new(s->ctx);
	s->font_ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	s->units = g_array_new(FALSE, FALSE, sizeof(struct unit));
	s->lb = g_array_new(FALSE, FALSE, sizeof(yb_lb_unit));
	s->ends = g_array_new(FALSE, FALSE, sizeof(guint));
	return s;
}

void yb_setter_free(yb_setter *s)
{
	if (!s)
		return;
	g_array_free(s->units, TRUE);
	g_array_free(s->lb, TRUE);
	g_array_free(s->ends, TRUE);
	g_hash_table_destroy(s->font_ids);
	g_object_unref(s->layout);
	g_object_unref(s->ctx);
	g_object_unref(s->fontmap);
	g_free(s);
}

/* ---- fonts -------------------------------------------------------------- */

static PangoFontDescription *describe(yb_setter *s, const yb_face *face, const char *lang)
{
	PangoFontDescription *d = pango_font_description_new();
	const char *family = yb_fonts_family(s->fonts, face->role, lang);
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
	g_mutex_lock(&doc_lock);
	fi->index = yb_doc_font(s->doc, file ? (const char *)file : "", index, pat);
	g_mutex_unlock(&doc_lock);
	fi->size = font_size(font);
	g_hash_table_insert(s->font_ids, font, fi);
	return fi;
}

/* ---- preparing the layout ----------------------------------------------- */

/* Sets up the layout; width < 0 shapes the text on one unbroken line.
 * `quotes` (byte offset, length pairs, or NULL) are set in the style's
 * quote face. */
static void prepare_with(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, float width,
                         const GArray *quotes)
{
	PangoLayout *l = s->layout;
	PangoFontDescription *d = describe(s, spec->face, spec->lang);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(spec->lang)));
	if (spec->head_face && spec->head_len) {
		PangoFontDescription *hd = describe(s, spec->head_face, spec->lang);
		PangoAttribute *a = pango_attr_font_desc_new(hd);
		a->start_index = 0;
		a->end_index = (guint)spec->head_len;
		pango_attr_list_insert(attrs, a);
		pango_font_description_free(hd);
	}
	for (guint i = 0; quotes && i + 1 < quotes->len; i += 2) {
		yb_face qf = *spec->face;
		qf.role = s->style->quote_role;
		PangoFontDescription *qd = describe(s, &qf, spec->lang);
		PangoAttribute *a = pango_attr_font_desc_new(qd);
		a->start_index = g_array_index(quotes, guint, i);
		a->end_index = a->start_index + g_array_index(quotes, guint, i + 1);
		pango_attr_list_insert(attrs, a);
		pango_font_description_free(qd);
	}
	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, text, (int)len);
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

static void add_run(yb_setter *s, PangoGlyphItem *run, const char *text, const PangoLogAttr *attrs,
                    int *chars, int *bytes)
{
	PangoGlyphString *gs = run->glyphs;
	struct font_info *fi = font_info(s, run->item->analysis.font);
	int i = 0;
	while (i < gs->num_glyphs) {
		struct unit u = {.run = run, .font = fi, .glyph0 = i};
		yb_lb_unit m = {.em = fi->size};
		int cl = gs->log_clusters[i];
		for (; i < gs->num_glyphs && gs->log_clusters[i] == cl; i++)
			m.nat += (float)gs->glyphs[i].geometry.width / PANGO_SCALE;
		u.nglyphs = i - u.glyph0;
		u.byte0 = run->item->offset + cl;
		u.nbytes = (i < gs->num_glyphs ? gs->log_clusters[i] : run->item->length) - cl;
		*chars += (int)g_utf8_strlen(text + *bytes, u.byte0 - *bytes);
		*bytes = u.byte0;
		m.ch = g_utf8_get_char(text + u.byte0);
		m.pango_break = (uint8_t)attrs[*chars].is_line_break;
		g_array_append_val(s->units, u);
		g_array_append_val(s->lb, m);
	}
}

/* Every cluster of the layout's text, in order (it was shaped unbroken). */
static void measure_units(yb_setter *s)
{
	const char *text = pango_layout_get_text(s->layout);
	int nattrs, chars = 0, bytes = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(s->layout, &nattrs);
	g_array_set_size(s->units, 0);
	g_array_set_size(s->lb, 0);
	for (GSList *l = pango_layout_get_lines_readonly(s->layout); l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next)
			add_run(s, r->data, text, attrs, &chars, &bytes);
}

static int chinese_char(gunichar c)
{
	return c >= 0x2E80 && g_unichar_isgraph(c);
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
		if (!(i > 0 && chinese_char(m[i - 1].ch)) && !(i + 1 < n && chinese_char(m[i + 1].ch)))
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

/* Records units [k, end) of one Pango run as a glyph run starting at pen x. */
static float emit_run(yb_page *page, const struct unit *u, const yb_lb_unit *m, guint k, guint end,
                      int line_start, const char *text, float x)
{
	yb_item *it = yb_page_add(page, YB_ITEM_RUN);
	float x0 = x + (k > 0 && !line_start ? m[k].gap : 0);
	it->u.run.font = u[k].font->index;
	it->u.run.size = u[k].font->size;
	it->u.run.x = x0;
	it->u.run.glyph0 = page->glyphs->len;
	it->u.run.cluster0 = page->clusters->len;
	it->u.run.text0 = page->text->len;
	uint32_t ntext = 0;
	for (guint i = k; i < end; i++) {
		if (i > k || !line_start)
			x += m[i].gap;
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
		g_array_append_val(page->clusters, c);
		g_string_append_len(page->text, text + u[i].byte0, u[i].nbytes);
		ntext += (uint32_t)u[i].nbytes;
	}
	it = &g_array_index(page->items, yb_item, page->items->len - 1);
	it->u.run.nclusters = page->clusters->len - it->u.run.cluster0;
	it->u.run.nglyphs = page->glyphs->len - it->u.run.glyph0;
	it->u.run.ntext = ntext;
	return x;
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
	const char *text = pango_layout_get_text(s->layout);
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
	for (guint k = b; k < e;) {
		guint end = k;
		while (end < e && u[end].run == u[k].run)
			end++;
		x = emit_run(page, u, m, k, end, k == b, text, x);
		k = end;
	}
	gl.nitems = page->items->len - gl.item0;
	g_array_append_val(g->lines, gl);
}

static yb_lb_opts lb_options(const yb_setter *s, const yb_set_spec *spec)
{
	int traditional = yb_script_of(spec->lang) == YB_SCRIPT_TC;
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

float yb_setter_width(yb_setter *s, const char *text, const yb_face *face, const char *lang)
{
	yb_set_spec spec = {.face = face, .lang = lang, .measure = 1e9f};
	shape(s, text, strlen(text), &spec);
	yb_lb_opts o = lb_options(s, &spec);
	yb_lb_unit *m = (yb_lb_unit *)s->lb->data;
	guint n = s->lb->len;
	yb_lb_prepare(m, n, &o);
	return n ? yb_lb_set_line(m, 0, n, spec.measure, 0, 1, &o) : 0;
}
