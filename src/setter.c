/* setter: Pango breaks the lines, yearbook places the glyphs.
 *
 * Design note.  Pango shapes the text and chooses the line breaks (with the
 * context at 72 dpi and unrounded glyph positions, see platform-notes.md).
 * Pango's own justification is not used: it pours the whole slack of a line
 * into its word spaces when there is one.  Instead each line is taken apart
 * into clusters, and the slack (measure minus natural width) is spread
 * evenly over the gaps where Chinese text may stretch: every gap that
 * touches a Han character, a full-width mark or a space, and never a gap
 * inside a Latin word, a digit string or a two-em dash or ellipsis.
 * Trailing spaces do not count towards a line's width.
 *
 * Glyphs are recorded with the font (file, face index) that Pango chose,
 * so the backends can draw them without Pango, and with the cluster map
 * that ties them to their text, so the PDF's text can be extracted again.
 */
#include "setter.h"

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
	GHashTable *font_ids;    /* PangoFont* -> font index + 1 */
	GArray *units;           /* scratch: struct unit */
};

static GMutex doc_lock;

/* One cluster of a line: where its glyphs and bytes are, and how it may space. */
typedef enum { CL_CJK, CL_LATIN, CL_SPACE, CL_DASH } cl_class;

struct unit {
	PangoGlyphItem *run;
	int glyph0, nglyphs;    /* in run->glyphs */
	int byte0, nbytes;      /* in the layout's text */
	float advance;          /* natural */
	float extra;            /* added after it by justification */
	cl_class cls;
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
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(s->ctx, fo);
	cairo_font_options_destroy(fo);
	s->layout = pango_layout_new(s->ctx);
	s->font_ids = g_hash_table_new(g_direct_hash, g_direct_equal);
	s->units = g_array_new(FALSE, FALSE, sizeof(struct unit));
	return s;
}

void yb_setter_free(yb_setter *s)
{
	if (!s)
		return;
	g_array_free(s->units, TRUE);
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

static uint32_t font_index(yb_setter *s, PangoFont *font)
{
	gpointer hit = g_hash_table_lookup(s->font_ids, font);
	if (hit)
		return GPOINTER_TO_UINT(hit) - 1;
	FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
	FcChar8 *file = NULL;
	int index = 0;
	FcPatternGetString(pat, FC_FILE, 0, &file);
	FcPatternGetInteger(pat, FC_INDEX, 0, &index);
	g_mutex_lock(&doc_lock);
	uint32_t id = yb_doc_font(s->doc, file ? (const char *)file : "", index);
	g_mutex_unlock(&doc_lock);
	g_hash_table_insert(s->font_ids, font, GUINT_TO_POINTER(id + 1));
	return id;
}

static float font_size(PangoFont *font)
{
	PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
	float size = (float)pango_font_description_get_size(d) / PANGO_SCALE;
	pango_font_description_free(d);
	return size;
}

/* ---- preparing the layout ----------------------------------------------- */

static void prepare(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec)
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
	pango_layout_set_font_description(l, d);
	pango_layout_set_text(l, text, (int)len);
	pango_layout_set_attributes(l, attrs);
	float width = spec->break_width > 0 ? spec->break_width : spec->measure;
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_indent(l, (int)(spec->indent * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_attr_list_unref(attrs);
	pango_font_description_free(d);
}

/* ---- classifying clusters ----------------------------------------------- */

static cl_class classify(gunichar c)
{
	if (c == ' ' || c == 0xA0)
		return CL_SPACE;
	if (c == 0x2014 || c == 0x2026 || c == 0x2E3A)
		return CL_DASH;
	if (c >= 0x2E80 || (c >= 0x2018 && c <= 0x201F) || c == 0x00B7 || c == 0x2013)
		return CL_CJK;
	return CL_LATIN;
}

/* Whether justification may add space between units a and b. */
static int stretchable(const struct unit *a, const struct unit *b)
{
	if (a->cls == CL_DASH && b->cls == CL_DASH)
		return 0;
	if (a->cls == CL_LATIN && b->cls == CL_LATIN)
		return 0;
	return 1;
}

static void collect_units(yb_setter *s, PangoLayoutLine *line, const char *text)
{
	g_array_set_size(s->units, 0);
	for (GSList *r = line->runs; r; r = r->next) {
		PangoGlyphItem *run = r->data;
		PangoGlyphString *gs = run->glyphs;
		int i = 0;
		while (i < gs->num_glyphs) {
			struct unit u = {.run = run, .glyph0 = i};
			int cl = gs->log_clusters[i];
			float adv = 0;
			for (; i < gs->num_glyphs && gs->log_clusters[i] == cl; i++)
				adv += (float)gs->glyphs[i].geometry.width / PANGO_SCALE;
			u.nglyphs = i - u.glyph0;
			u.byte0 = run->item->offset + cl;
			int next = i < gs->num_glyphs ? gs->log_clusters[i] : run->item->length;
			u.nbytes = next - cl;
			u.advance = adv;
			u.cls = classify(g_utf8_get_char(text + u.byte0));
			g_array_append_val(s->units, u);
		}
	}
}

/* Natural width of the line without its trailing spaces; *n_out the units kept. */
static float natural_width(const GArray *units, guint *n_out)
{
	guint n = units->len;
	while (n > 0 && g_array_index(units, struct unit, n - 1).cls == CL_SPACE)
		n--;
	float w = 0;
	for (guint i = 0; i < n; i++)
		w += g_array_index(units, struct unit, i).advance;
	*n_out = n;
	return w;
}

static float justify(GArray *units, guint n, float slack)
{
	struct unit *u = (struct unit *)units->data;
	guint gaps = 0;
	for (guint i = 0; i + 1 < n; i++)
		gaps += stretchable(&u[i], &u[i + 1]);
	if (!gaps || slack <= 0)
		return 0;
	float each = slack / (float)gaps;
	for (guint i = 0; i + 1 < n; i++)
		if (stretchable(&u[i], &u[i + 1]))
			u[i].extra = each;
	return slack;
}

/* ---- recording ---------------------------------------------------------- */

static void emit_run(yb_setter *s, yb_page *page, const struct unit *u, guint count,
                     const char *text, float x)
{
	PangoGlyphItem *run = u[0].run;
	PangoFont *font = run->item->analysis.font;
	yb_item *it = yb_page_add(page, YB_ITEM_RUN);
	it->u.run.font = font_index(s, font);
	it->u.run.size = font_size(font);
	it->u.run.x = x;
	it->u.run.y = 0;
	it->u.run.glyph0 = page->glyphs->len;
	it->u.run.cluster0 = page->clusters->len;
	it->u.run.text0 = page->text->len;
	float pos = 0;
	for (guint k = 0; k < count; k++) {
		yb_cluster c = {(uint16_t)u[k].nbytes, 0};
		for (int gi = u[k].glyph0; gi < u[k].glyph0 + u[k].nglyphs; gi++) {
			PangoGlyphInfo *gl = &run->glyphs->glyphs[gi];
			if (gl->glyph != PANGO_GLYPH_EMPTY) {
				yb_glyph g = {gl->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gl->glyph,
				              pos + (float)gl->geometry.x_offset / PANGO_SCALE};
				g_array_append_val(page->glyphs, g);
				c.glyphs++;
			}
			pos += (float)gl->geometry.width / PANGO_SCALE;
		}
		pos += u[k].extra;
		g_array_append_val(page->clusters, c);
		g_string_append_len(page->text, text + u[k].byte0, u[k].nbytes);
		it = &g_array_index(page->items, yb_item, page->items->len - 1);
		it->u.run.nclusters++;
		it->u.run.ntext += u[k].nbytes;
	}
	it->u.run.nglyphs = page->glyphs->len - it->u.run.glyph0;
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

static void record_line(yb_setter *s, PangoLayoutLine *line, const char *text, int first, int last,
                        const yb_set_spec *spec, yb_galley *g)
{
	collect_units(s, line, text);
	guint n;
	float width = natural_width(s->units, &n);
	float avail = spec->measure - (first && spec->align == YB_ALIGN_INDENT ? spec->indent : 0);
	if (spec->justify && !last)
		width += justify(s->units, n, avail - width);
	yb_page *page = g->scratch;
	yb_gline gl = {.item0 = page->items->len};
	float x = line_x(spec, first, width);
	yb_item *li = yb_page_add(page, YB_ITEM_LINE);
	li->u.line.x = x;
	li->u.line.width = width;
	li->u.line.measure = avail;
	li->u.line.role = (uint8_t)spec->role;
	li->u.line.level = (uint8_t)spec->level;
	li->u.line.last = (uint8_t)last;
	const struct unit *u = (const struct unit *)s->units->data;
	guint k = 0;
	while (k < s->units->len) {
		guint end = k;
		while (end < s->units->len && u[end].run == u[k].run)
			end++;
		emit_run(s, page, u + k, end - k, text, x);
		for (guint j = k; j < end; j++)
			x += u[j].advance + u[j].extra;
		k = end;
	}
	gl.nitems = page->items->len - gl.item0;
	g_array_append_val(g->lines, gl);
}

guint yb_setter_set(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, yb_galley *g)
{
	prepare(s, text, len, spec);
	const char *t = pango_layout_get_text(s->layout);
	GSList *lines = pango_layout_get_lines_readonly(s->layout);
	guint count = 0;
	for (GSList *l = lines; l; l = l->next, count++)
		record_line(s, l->data, t, l == lines, l->next == NULL, spec, g);
	return count;
}

int yb_setter_break_only(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec)
{
	prepare(s, text, len, spec);
	return pango_layout_get_line_count(s->layout);
}

float yb_setter_width(yb_setter *s, const char *text, const yb_face *face, const char *lang)
{
	yb_set_spec spec = {.face = face, .lang = lang, .measure = -1};
	prepare(s, text, strlen(text), &spec);
	pango_layout_set_width(s->layout, -1);
	PangoRectangle logical;
	pango_layout_get_extents(s->layout, NULL, &logical);
	return (float)logical.width / PANGO_SCALE;
}
