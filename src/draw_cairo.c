/* draw_cairo: see draw_cairo.h.  Fonts come from the display list as (file,
 * face index), or a fontconfig pattern, and become cairo FreeType faces. */
#include "draw_cairo.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>

void yb_draw_init(yb_draw *d)
{
	d->faces = g_ptr_array_new_with_free_func((GDestroyNotify)cairo_font_face_destroy);
	d->cur_font = -1;
	d->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	d->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
}

void yb_draw_release(yb_draw *d)
{
	g_ptr_array_free(d->faces, TRUE);
	g_array_free(d->glyphs, TRUE);
	g_array_free(d->clusters, TRUE);
}

void yb_draw_hinting(cairo_font_options_t *fo)
{
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
}

void yb_draw_font_options(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	yb_draw_hinting(fo);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

static cairo_font_face_t *open_face(const yb_font_ref *f)
{
	if (f->pattern)
		return cairo_ft_font_face_create_for_pattern(f->pattern);
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FILE, (const FcChar8 *)f->file);
	FcPatternAddInteger(pat, FC_INDEX, f->index);
	cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pat);
	FcPatternDestroy(pat);
	return face;
}

static cairo_font_face_t *face_of(yb_draw *d, const yb_doc *doc, uint32_t font)
{
	if (font >= d->faces->len)
		g_ptr_array_set_size(d->faces, (gint)font + 1);
	if (!g_ptr_array_index(d->faces, font)) {
		yb_font_ref f = yb_doc_font_at(doc, font);
		g_ptr_array_index(d->faces, font) = open_face(&f);
	}
	return g_ptr_array_index(d->faces, font);
}

void yb_draw_run(yb_draw *d, const yb_doc *doc, const yb_page *page, const yb_item *it, int text)
{
	if ((int)it->u.run.font != d->cur_font || it->u.run.size != d->cur_size) {
		cairo_set_font_face(d->cr, face_of(d, doc, it->u.run.font));
		cairo_set_font_size(d->cr, it->u.run.size);
		d->cur_font = (int)it->u.run.font;
		d->cur_size = it->u.run.size;
	}
	g_array_set_size(d->glyphs, it->u.run.nglyphs);
	g_array_set_size(d->clusters, it->u.run.nclusters);
	const yb_glyph *g = &g_array_index(page->glyphs, yb_glyph, it->u.run.glyph0);
	const yb_cluster *c = &g_array_index(page->clusters, yb_cluster, it->u.run.cluster0);
	cairo_glyph_t *cg = (cairo_glyph_t *)d->glyphs->data;
	cairo_text_cluster_t *cc = (cairo_text_cluster_t *)d->clusters->data;
	double x = page->ox + it->u.run.x, y = page->oy + it->u.run.y;
	for (uint32_t i = 0; i < it->u.run.nglyphs; i++)
		cg[i] = (cairo_glyph_t){g[i].id, x + g[i].x, y};
	for (uint32_t i = 0; i < it->u.run.nclusters; i++)
		cc[i] = (cairo_text_cluster_t){c[i].bytes, c[i].glyphs};
	if (text)
		cairo_show_text_glyphs(d->cr, page->text->str + it->u.run.text0, (int)it->u.run.ntext,
		                       cg, (int)it->u.run.nglyphs, cc, (int)it->u.run.nclusters, 0);
	else
		cairo_show_glyphs(d->cr, cg, (int)it->u.run.nglyphs);
}

void yb_draw_rule(yb_draw *d, const yb_page *page, const yb_item *it)
{
	cairo_set_line_width(d->cr, it->u.rule.width);
	cairo_move_to(d->cr, page->ox + it->u.rule.x0, page->oy + it->u.rule.y0);
	cairo_line_to(d->cr, page->ox + it->u.rule.x1, page->oy + it->u.rule.y1);
	cairo_stroke(d->cr);
}

void yb_draw_colour(yb_draw *d, const yb_item *it)
{
	cairo_set_source_rgb(d->cr, it->u.colour.rgb[0], it->u.colour.rgb[1], it->u.colour.rgb[2]);
}

void yb_draw_fill(yb_draw *d, const yb_page *page, const yb_item *it)
{
	cairo_rectangle(d->cr, page->ox + it->u.fill.x, page->oy + it->u.fill.y, it->u.fill.w, it->u.fill.h);
	cairo_fill(d->cr);
}
