/* render_pdf: the PDF backend, through cairo.
 *
 * It replays the display list through yb_backend_replay(): glyph runs with
 * their text and cluster map (text extraction gives back the source), rules,
 * structure tags (cairo 1.16 needs them for a valid file once there are
 * links), named destinations and links; then the outline and the document
 * information.  It writes through yb_output (temporary file, rename).
 *
 * cairo 1.16 cannot mark a PDF as tagged (no /MarkInfo), set its language,
 * or write page-label ranges other than decimal ones (a roman label becomes
 * literal text for one page): pdf_update.c appends an incremental update
 * after cairo's file with those (see pdf_update.h for what it relies on).
 *
 * Written page by page while the book is laid out (the layout's page
 * sink), the body's pages come first and the front matter's last; the
 * writer counts the top-level structure elements each part opens, and the
 * update puts the front matter's pages and elements first again, so the
 * file reads in book order.  The outline, written at the end, names pages
 * by where they were written.
 */
#include "backend.h"

#include "diag.h"
#include "draw_cairo.h"
#include "output.h"
#include "pdf_update.h"

#include <assert.h>
#include <cairo-pdf.h>
#include <stddef.h>
#include <stdio.h>

struct yb_pdf_writer {
	yb_draw draw;
	cairo_surface_t *surface;
	yb_output *out;
	guint pages;            /* pages written */
	int depth;              /* structure tags open */
	guint front_elems;      /* top-level structure elements the front matter opened */
	int front;              /* the page being written is the front matter's */
	int failed;             /* a page could not be written (said) */
};
typedef struct yb_pdf_writer pstate;

static void pdf_link(pstate *s, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	yb_dest d = yb_doc_dest_at(doc, it->u.link.dest);
	char attr[160];
	snprintf(attr, sizeof attr, "dest='%s' rect=[%.2f %.2f %.2f %.2f]", d.name,
	         page->ox + it->u.link.x, page->oy + it->u.link.y, it->u.link.w, it->u.link.h);
	cairo_tag_begin(s->draw.cr, CAIRO_TAG_LINK, attr);
	cairo_tag_end(s->draw.cr, CAIRO_TAG_LINK);
}

static void pdf_dest(pstate *s, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	yb_dest d = yb_doc_dest_at(doc, it->u.dest.dest);
	char attr[120];
	snprintf(attr, sizeof attr, "name='%s' x=%.2f y=%.2f", d.name,
	         page->ox + it->u.dest.x, page->oy + it->u.dest.y);
	cairo_tag_begin(s->draw.cr, CAIRO_TAG_DEST, attr);
	cairo_tag_end(s->draw.cr, CAIRO_TAG_DEST);
}

static void pdf_item(void *state, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	pstate *s = state;
	switch (it->kind) {
	case YB_ITEM_RUN:
		yb_draw_run(&s->draw, doc, page, it, 1);
		break;
	case YB_ITEM_RULE:
		yb_draw_rule(&s->draw, page, it);
		break;
	case YB_ITEM_LINK:
		pdf_link(s, doc, page, it);
		break;
	case YB_ITEM_DEST:
		pdf_dest(s, doc, page, it);
		break;
	case YB_ITEM_TAG_BEGIN:
		s->front_elems += s->front && s->depth == 0;
		s->depth++;
		cairo_tag_begin(s->draw.cr, it->u.tag.name, "");
		break;
	case YB_ITEM_TAG_END:
		s->depth--;
		cairo_tag_end(s->draw.cr, it->u.tag.name);
		break;
	case YB_ITEM_COLOUR:
		yb_draw_colour(&s->draw, it);
		break;
	case YB_ITEM_FILL:
		yb_draw_fill(&s->draw, page, it);
		break;
	case YB_ITEM_LINE:
		break;
	}
}

/* What a PDF surface adds to the drawing options (antialiasing, glyph
 * positions not rounded): cairo keys its fonts, and their glyph caches, on
 * the whole set. */
void yb_render_pdf_font_options(cairo_font_options_t *fo)
{
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(NULL, NULL, 1, 1);
	cairo_surface_get_font_options(pdf, fo);
	cairo_surface_destroy(pdf);
	yb_draw_hinting(fo);
}

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	return yb_output_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static int pdf_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	pstate *s = state;
	cairo_pdf_surface_set_size(s->surface, page->width, page->height);
	return 0;
}

static int check_cairo(pstate *s, const char *what)
{
	cairo_status_t st = cairo_status(s->draw.cr);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	if (st == CAIRO_STATUS_WRITE_ERROR)
		return -1; /* the output said why (the disk is full...) */
	return yb_diag_syserr("cairo failed %s: %s", what, cairo_status_to_string(st));
}

static int pdf_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	pstate *s = state;
	cairo_show_page(s->draw.cr);
	return check_cairo(s, "writing a page");
}

/* Where page `page` of the book (from 0) was written: a streamed book's
 * front matter was written after its body. */
static int written_at(const yb_doc *doc, int page)
{
	int front = (int)doc->front_pages, body = (int)doc->pages->len - front;
	return !doc->streamed ? page : page < front ? body + page : page - front;
}

static void pdf_outline(pstate *s, const yb_doc *doc)
{
	int *ids = g_new0(int, doc->outline->len + 1);
	for (guint i = 0; i < doc->outline->len; i++) {
		const yb_outline *o = &g_array_index(doc->outline, yb_outline, i);
		const yb_dest *d = &g_array_index(doc->dests, yb_dest, o->dest);
		if (d->page < 0)
			continue;
		char attr[80];
		snprintf(attr, sizeof attr, "page=%d pos=[%.2f %.2f]", written_at(doc, d->page) + 1, d->x, d->y);
		int parent = o->parent >= 0 ? ids[o->parent] : CAIRO_PDF_OUTLINE_ROOT;
		ids[i] = cairo_pdf_surface_add_outline(s->surface, parent, o->title, attr,
		                                       o->parent < 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	}
	g_free(ids);
}

static void pdf_metadata(pstate *s, const yb_doc *doc)
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
	pstate *s = state;
	pdf_metadata(s, doc);
	pdf_outline(s, doc);
	if (check_cairo(s, "writing the outline") != 0)
		return -1;
	cairo_destroy(s->draw.cr);
	s->draw.cr = NULL;
	cairo_surface_finish(s->surface);
	cairo_status_t st = cairo_surface_status(s->surface);
	if (st != CAIRO_STATUS_SUCCESS && st != CAIRO_STATUS_WRITE_ERROR)
		return yb_diag_syserr("cairo failed writing the PDF: %s", cairo_status_to_string(st));
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

static const yb_backend pdf_backend = {NULL, pdf_begin, pdf_item, pdf_end, pdf_finish};

yb_pdf_writer *yb_render_pdf_open(const char *path)
{
	yb_output *out = yb_output_open(path);
	if (!out)
		return NULL;
	pstate *s = g_new0(pstate, 1);
	s->out = out;
	yb_draw_init(&s->draw);
	s->surface = cairo_pdf_surface_create_for_stream(pdf_write, s->out, 595, 842);
	cairo_pdf_surface_restrict_to_version(s->surface, CAIRO_PDF_VERSION_1_5);
	s->draw.cr = cairo_create(s->surface);
	yb_draw_font_options(s->draw.cr);
	return s;
}

int yb_render_pdf_page(void *writer, const yb_doc *doc, const yb_page *page, int front)
{
	pstate *s = writer;
	yb_backend be = pdf_backend;
	be.state = s;
	s->front = front;
	if (yb_backend_replay_page(doc, &be, page, s->pages++) != 0)
		s->failed = 1;
	return s->failed ? -1 : 0;
}

static void release(pstate *s)
{
	if (s->draw.cr)
		cairo_destroy(s->draw.cr);
	cairo_surface_destroy(s->surface);
	yb_draw_release(&s->draw);
	g_free(s);
}

void yb_render_pdf_abort(yb_pdf_writer *w)
{
	yb_output *out = w->out;
	release(w);
	yb_output_abort(out);
}

/* The pages the layout did not hand over (it hands over none when the
 * body's numbers wait for the front matter), then the rest of the file. */
int yb_render_pdf_close(yb_pdf_writer *w, const yb_doc *doc)
{
	assert(doc->streamed || w->pages == 0);
	for (guint p = 0; !doc->streamed && !w->failed && p < doc->pages->len; p++)
		yb_render_pdf_page(w, doc, g_ptr_array_index(doc->pages, p), 0);
	assert(w->failed || w->depth == 0);
	int rc = w->failed ? -1 : pdf_finish(w, doc);
	yb_pdf_fix fix = {.front_pages = doc->front_pages, .front_arabic = doc->front_arabic, .lang = doc->lang,
	                  .moved_pages = doc->streamed ? doc->front_pages : 0,
	                  .moved_elems = doc->streamed ? w->front_elems : 0};
	if (rc == 0)
		rc = yb_pdf_update(w->out, &fix);
	if (rc != 0) {
		yb_render_pdf_abort(w);
		return -1;
	}
	yb_output *out = w->out;
	release(w);
	return yb_output_commit(out);
}

int yb_render_pdf(const yb_doc *doc, const char *path)
{
	yb_pdf_writer *w = yb_render_pdf_open(path);
	return w ? yb_render_pdf_close(w, doc) : -1;
}
