/* render_cairo: the PDF and PNG backends (the only code that talks to cairo).
 *
 * Both replay the display list through yb_backend_replay().  Fonts come
 * from the list as (file, face index) and become cairo FreeType faces; glyphs
 * are drawn with cairo_show_text_glyphs() so the PDF keeps the text and its
 * cluster map (text extraction gives back the source).  The PDF backend
 * also writes structure tags (cairo 1.16 needs them for a valid file once
 * there are links), named destinations, links, page labels, the outline
 * and the metadata, and writes through yb_output (temporary file, rename).
 *
 * cairo 1.16 cannot mark a PDF as tagged (no /MarkInfo), set its language,
 * or write page-label ranges other than decimal ones (a roman label becomes
 * literal text for one page).  pdf_update() appends a standard incremental
 * update after cairo's file: a new revision of the catalog with /MarkInfo,
 * /Lang and a /PageLabels tree (roman for the front matter, decimal from 1
 * for the body), read back from what cairo wrote.
 */
#include "backend.h"

#include "diag.h"
#include "output.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stddef.h>
#include <string.h>

typedef struct cstate {
	cairo_surface_t *surface;
	cairo_t *cr;
	int pdf;
	cairo_font_face_t **faces;  /* per doc font, created on first use */
	guint nfaces;
	int cur_font;
	float cur_size;
	GArray *glyphs;             /* cairo_glyph_t scratch */
	GArray *clusters;           /* cairo_text_cluster_t scratch */
	yb_output *out;
	const char *png_prefix;
	double scale;               /* PNG: pixels per point */
} cstate;

static cairo_font_face_t *face_of(cstate *s, const yb_doc *doc, uint32_t font)
{
	if (s->faces[font])
		return s->faces[font];
	const yb_font_ref *f = &g_array_index(doc->fonts, yb_font_ref, font);
	if (f->pattern) {
		s->faces[font] = cairo_ft_font_face_create_for_pattern(f->pattern);
		return s->faces[font];
	}
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FILE, (const FcChar8 *)f->file);
	FcPatternAddInteger(pat, FC_INDEX, f->index);
	s->faces[font] = cairo_ft_font_face_create_for_pattern(pat);
	FcPatternDestroy(pat);
	return s->faces[font];
}

static void draw_run(cstate *s, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	if ((int)it->u.run.font != s->cur_font || it->u.run.size != s->cur_size) {
		cairo_set_font_face(s->cr, face_of(s, doc, it->u.run.font));
		cairo_set_font_size(s->cr, it->u.run.size);
		s->cur_font = (int)it->u.run.font;
		s->cur_size = it->u.run.size;
	}
	g_array_set_size(s->glyphs, it->u.run.nglyphs);
	g_array_set_size(s->clusters, it->u.run.nclusters);
	const yb_glyph *g = &g_array_index(page->glyphs, yb_glyph, it->u.run.glyph0);
	const yb_cluster *c = &g_array_index(page->clusters, yb_cluster, it->u.run.cluster0);
	cairo_glyph_t *cg = (cairo_glyph_t *)s->glyphs->data;
	cairo_text_cluster_t *cc = (cairo_text_cluster_t *)s->clusters->data;
	double x = page->ox + it->u.run.x, y = page->oy + it->u.run.y;
	for (uint32_t i = 0; i < it->u.run.nglyphs; i++)
		cg[i] = (cairo_glyph_t){g[i].id, x + g[i].x, y};
	for (uint32_t i = 0; i < it->u.run.nclusters; i++)
		cc[i] = (cairo_text_cluster_t){c[i].bytes, c[i].glyphs};
	if (s->pdf)
		cairo_show_text_glyphs(s->cr, page->text->str + it->u.run.text0, (int)it->u.run.ntext,
		                       cg, (int)it->u.run.nglyphs, cc, (int)it->u.run.nclusters, 0);
	else
		cairo_show_glyphs(s->cr, cg, (int)it->u.run.nglyphs);
}

static void draw_rule(cstate *s, const yb_page *page, const yb_item *it)
{
	cairo_set_line_width(s->cr, it->u.rule.width);
	cairo_move_to(s->cr, page->ox + it->u.rule.x0, page->oy + it->u.rule.y0);
	cairo_line_to(s->cr, page->ox + it->u.rule.x1, page->oy + it->u.rule.y1);
	cairo_stroke(s->cr);
}

static void pdf_link(cstate *s, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	const yb_dest *d = &g_array_index(doc->dests, yb_dest, it->u.link.dest);
	char attr[160];
	snprintf(attr, sizeof attr, "dest='%s' rect=[%.2f %.2f %.2f %.2f]", d->name,
	         page->ox + it->u.link.x, page->oy + it->u.link.y, it->u.link.w, it->u.link.h);
	cairo_tag_begin(s->cr, CAIRO_TAG_LINK, attr);
	cairo_tag_end(s->cr, CAIRO_TAG_LINK);
}

static void pdf_dest(cstate *s, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	const yb_dest *d = &g_array_index(doc->dests, yb_dest, it->u.dest.dest);
	char attr[120];
	snprintf(attr, sizeof attr, "name='%s' x=%.2f y=%.2f", d->name,
	         page->ox + it->u.dest.x, page->oy + it->u.dest.y);
	cairo_tag_begin(s->cr, CAIRO_TAG_DEST, attr);
	cairo_tag_end(s->cr, CAIRO_TAG_DEST);
}

static void do_item(void *state, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	cstate *s = state;
	switch (it->kind) {
	case YB_ITEM_RUN:
		draw_run(s, doc, page, it);
		break;
	case YB_ITEM_RULE:
		draw_rule(s, page, it);
		break;
	case YB_ITEM_LINK:
		if (s->pdf)
			pdf_link(s, doc, page, it);
		break;
	case YB_ITEM_DEST:
		if (s->pdf)
			pdf_dest(s, doc, page, it);
		break;
	case YB_ITEM_TAG_BEGIN:
		if (s->pdf)
			cairo_tag_begin(s->cr, it->u.tag.name, "");
		break;
	case YB_ITEM_TAG_END:
		if (s->pdf)
			cairo_tag_end(s->cr, it->u.tag.name);
		break;
	case YB_ITEM_LINE:
		break;
	}
}

static void init_state(cstate *s, const yb_doc *doc)
{
	s->faces = g_new0(cairo_font_face_t *, doc->fonts->len + 1);
	s->nfaces = doc->fonts->len;
	s->cur_font = -1;
	s->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	s->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
}

static void release_state(cstate *s)
{
	for (guint i = 0; i < s->nfaces; i++)
		if (s->faces[i])
			cairo_font_face_destroy(s->faces[i]);
	g_free(s->faces);
	g_array_free(s->glyphs, TRUE);
	g_array_free(s->clusters, TRUE);
}

static void set_font_options(cairo_t *cr)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
}

/* What a PDF surface adds to set_font_options() (antialiasing, glyph
 * positions not rounded): cairo keys its fonts, and their glyph caches, on
 * the whole set. */
void yb_render_pdf_font_options(cairo_font_options_t *fo)
{
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(NULL, NULL, 1, 1);
	cairo_surface_get_font_options(pdf, fo);
	cairo_surface_destroy(pdf);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
}

/* ---- PDF -------------------------------------------------------------------- */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return yb_output_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int pdf_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	cstate *s = state;
	cairo_pdf_surface_set_size(s->surface, page->width, page->height);
	return 0;
}

static int check_cairo(cstate *s, const char *what)
{
	cairo_status_t st = cairo_status(s->cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	return yb_diag_syserr("cairo failed %s: %s", what, cairo_status_to_string(st));
}

static int pdf_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	cstate *s = state;
	cairo_show_page(s->cr);
	return check_cairo(s, "writing a page");
}

static void pdf_outline(cstate *s, const yb_doc *doc)
{
	int *ids = g_new0(int, doc->outline->len + 1);
	for (guint i = 0; i < doc->outline->len; i++) {
		const yb_outline *o = &g_array_index(doc->outline, yb_outline, i);
		const yb_dest *d = &g_array_index(doc->dests, yb_dest, o->dest);
		if (d->page < 0)
			continue;
		char attr[80];
		snprintf(attr, sizeof attr, "page=%d pos=[%.2f %.2f]", d->page + 1, d->x, d->y);
		int parent = o->parent >= 0 ? ids[o->parent] : CAIRO_PDF_OUTLINE_ROOT;
		ids[i] = cairo_pdf_surface_add_outline(s->surface, parent, o->title, attr,
		                                       o->parent < 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	}
	g_free(ids);
}

static void pdf_metadata(cstate *s, const yb_doc *doc)
{
	static const struct { cairo_pdf_metadata_t key; size_t off; } keys[] = {
		{CAIRO_PDF_METADATA_TITLE, offsetof(yb_doc, title)},
		{CAIRO_PDF_METADATA_AUTHOR, offsetof(yb_doc, author)},
		{CAIRO_PDF_METADATA_SUBJECT, offsetof(yb_doc, subject)},
		{CAIRO_PDF_METADATA_KEYWORDS, offsetof(yb_doc, keywords)},
		{CAIRO_PDF_METADATA_CREATOR, offsetof(yb_doc, creator)},
		{CAIRO_PDF_METADATA_CREATE_DATE, offsetof(yb_doc, date)},
		{CAIRO_PDF_METADATA_MOD_DATE, offsetof(yb_doc, date)},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = *(char *const *)((const char *)doc + keys[i].off);
		if (v && *v)
			cairo_pdf_surface_set_metadata(s->surface, keys[i].key, v);
	}
}

static int pdf_finish(void *state, const yb_doc *doc)
{
	cstate *s = state;
	pdf_outline(s, doc);
	if (check_cairo(s, "writing the outline") != 0)
		return -1;
	cairo_destroy(s->cr);
	s->cr = NULL;
	cairo_surface_finish(s->surface);
	cairo_status_t st = cairo_surface_status(s->surface);
	if (st != CAIRO_STATUS_SUCCESS && st != CAIRO_STATUS_WRITE_ERROR)
		return yb_diag_syserr("cairo failed writing the PDF: %s", cairo_status_to_string(st));
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* ---- the incremental update ---------------------------------------------- */

typedef struct trailer {
	long startxref;
	int size, root, info;
} trailer;

/* The last occurrence of `needle` in n bytes (which may hold NULs). */
static const char *mem_rfind(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* The catalog's dictionary entries (between << and >>), without /PageLabels;
 * `text` is the n bytes before the cross-reference table. */
static char *catalog_entries(const char *text, size_t n, int root)
{
	char head[32];
	snprintf(head, sizeof head, "\n%d 0 obj", root);
	const char *p = mem_rfind(text, n, head);
	const char *stop = text + n;
	const char *open = p ? memmem(p, (size_t)(stop - p), "<<", 2) : NULL;
	const char *end = open ? memmem(open, (size_t)(stop - open), "endobj", 6) : NULL;
	const char *close = end ? mem_rfind(open, (size_t)(end - open), ">>") : NULL;
	if (!close)
		return NULL;
	GString *s = g_string_new(NULL);
	char *dict = g_strndup(open + 2, (gsize)(close - open - 2));
	char **lines = g_strsplit(dict, "\n", -1);
	g_free(dict);
	for (char **l = lines; *l; l++)
		if (!strstr(*l, "/PageLabels") && **l)
			g_string_append_printf(s, "%s\n", *l);
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

/* The trailer's numbers, from the last n bytes of the file (NULs may precede it). */
static int parse_trailer(const char *tail, size_t n, trailer *t)
{
	const char *p = mem_rfind(tail, n, "trailer");
	const char *sx = mem_rfind(tail, n, "startxref");
	if (!p || !sx)
		return -1;
	const char *sz = strstr(p, "/Size"), *rt = strstr(p, "/Root"), *in = strstr(p, "/Info");
	if (!sz || !rt || sscanf(sz, "/Size %d", &t->size) != 1 || sscanf(rt, "/Root %d", &t->root) != 1 ||
	    sscanf(sx, "startxref %ld", &t->startxref) != 1)
		return -1;
	t->info = in && sscanf(in, "/Info %d", &t->info) == 1 ? t->info : 0;
	return 0;
}

static char *read_back(yb_output *out, long from, long to)
{
	char *buf = g_malloc((gsize)(to - from) + 1);
	if (yb_output_pread(out, buf, (size_t)(to - from), from) != 0) {
		g_free(buf);
		return NULL;
	}
	buf[to - from] = 0;
	return buf;
}

static int pdf_update(yb_output *out, const yb_doc *doc)
{
	long size = yb_output_size(out);
	long from = size > 1024 ? size - 1024 : 0;
	char *tail = read_back(out, from, size);
	trailer t;
	if (!tail || parse_trailer(tail, (size_t)(size - from), &t) != 0) {
		g_free(tail);
		return yb_diag_syserr("cannot find the trailer of the PDF cairo wrote");
	}
	g_free(tail);
	from = t.startxref > 16384 ? t.startxref - 16384 : 0;
	char *before = read_back(out, from, t.startxref);
	char *entries = before ? catalog_entries(before, (size_t)(t.startxref - from), t.root) : NULL;
	g_free(before);
	if (!entries)
		return yb_diag_syserr("cannot find the catalog of the PDF cairo wrote");
	GString *u = g_string_new(NULL);
	long labels_at = size;
	g_string_append_printf(u, "%d 0 obj\n<< /Nums [", t.size);
	if (doc->front_pages)
		g_string_append(u, "0 << /S /r >> ");
	g_string_append_printf(u, "%u << /S /D >>] >>\nendobj\n", doc->front_pages);
	long catalog_at = size + (long)u->len;
	g_string_append_printf(u, "%d 0 obj\n<<%s   /PageLabels %d 0 R\n   /MarkInfo << /Marked true >>\n"
	                       "   /Lang (%s)\n>>\nendobj\n", t.root, entries, t.size,
	                       doc->lang ? doc->lang : "zh-CN");
	long xref_at = size + (long)u->len;
	g_string_append_printf(u, "xref\n%d 1\n%010ld 00000 n \n%d 1\n%010ld 00000 n \n", t.root, catalog_at,
	                       t.size, labels_at);
	g_string_append_printf(u, "trailer\n<< /Size %d\n   /Root %d 0 R\n", t.size + 1, t.root);
	if (t.info)
		g_string_append_printf(u, "   /Info %d 0 R\n", t.info);
	g_string_append_printf(u, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", t.startxref, xref_at);
	int rc = yb_output_write(out, u->str, u->len);
	g_string_free(u, TRUE);
	g_free(entries);
	return rc;
}

int yb_render_pdf(const yb_doc *doc, const char *path)
{
	cstate s = {.pdf = 1};
	s.out = yb_output_open(path);
	if (!s.out)
		return -1;
	init_state(&s, doc);
	s.surface = cairo_pdf_surface_create_for_stream(pdf_write, s.out, 595, 842);
	cairo_pdf_surface_restrict_to_version(s.surface, CAIRO_PDF_VERSION_1_5);
	pdf_metadata(&s, doc);
	s.cr = cairo_create(s.surface);
	set_font_options(s.cr);
	yb_backend be = {&s, pdf_begin, do_item, pdf_end, pdf_finish};
	int rc = yb_backend_replay(doc, &be, 0, 0);
	if (s.cr)
		cairo_destroy(s.cr);
	cairo_surface_destroy(s.surface);
	release_state(&s);
	if (rc == 0)
		rc = pdf_update(s.out, doc);
	if (rc != 0) {
		yb_output_abort(s.out);
		return -1;
	}
	return yb_output_commit(s.out);
}

/* ---- PNG proofs ------------------------------------------------------------- */

static int png_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	cstate *s = state;
	s->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(page->width * s->scale + 0.5),
	                                        (int)(page->height * s->scale + 0.5));
	s->cr = cairo_create(s->surface);
	set_font_options(s->cr);
	cairo_set_source_rgb(s->cr, 1, 1, 1);
	cairo_paint(s->cr);
	cairo_set_source_rgb(s->cr, 0, 0, 0);
	cairo_scale(s->cr, s->scale, s->scale);
	s->cur_font = -1;
	return 0;
}

static int png_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	cstate *s = state;
	char *file = g_strdup_printf("%s-%u.png", s->png_prefix, index + 1);
	/* a proof never replaces a file that is not a proof (an input, say) */
	int rc = yb_output_may_replace(file, "\211PNG");
	cairo_status_t st = rc == 0 ? cairo_surface_write_to_png(s->surface, file) : CAIRO_STATUS_SUCCESS;
	cairo_destroy(s->cr);
	cairo_surface_destroy(s->surface);
	s->cr = NULL;
	if (st != CAIRO_STATUS_SUCCESS)
		rc = yb_diag_syserr("cannot write '%s': %s", file, cairo_status_to_string(st));
	g_free(file);
	return rc;
}

static int png_finish(void *state, const yb_doc *doc)
{
	return 0;
}

int yb_render_png(const yb_doc *doc, const char *prefix, guint first, guint last, double dpi)
{
	cstate s = {.png_prefix = prefix, .scale = dpi / 72.0};
	init_state(&s, doc);
	yb_backend be = {&s, png_begin, do_item, png_end, png_finish};
	int rc = yb_backend_replay(doc, &be, first ? first - 1 : 0, last);
	release_state(&s);
	return rc;
}
