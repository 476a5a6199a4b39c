/* backend: the one loop that replays a display list into an output.
 *
 * A backend is a table of functions (begin page, item, end page, finish)
 * over its own state; yb_backend_replay() drives it over every page and item
 * in order, so every output sees exactly the same list.  Each backend is
 * its own table in its own file: render_pdf.c (PDF through cairo, then the
 * incremental update of pdf_update.c), render_png.c (PNG proofs through
 * cairo), the two sharing draw_cairo.c (the only code that talks to cairo),
 * and render_haru.c (PDF/A and PDF/X through libharu).
 */
#ifndef YB_BACKEND_H
#define YB_BACKEND_H

#include "pages.h"

#include <cairo.h>

typedef struct yb_backend {
	void *state;
	int (*begin_page)(void *state, const yb_doc *doc, const yb_page *page, guint index);
	void (*item)(void *state, const yb_doc *doc, const yb_page *page, const yb_item *it);
	int (*end_page)(void *state, const yb_doc *doc, const yb_page *page, guint index);
	int (*finish)(void *state, const yb_doc *doc);
} yb_backend;

/* Pages [first, last) (last 0 = all), then finish.  0, or -1 after printing. */
int yb_backend_replay(const yb_doc *doc, const yb_backend *be, guint first, guint last);
/* One page (its index in the output); 0, or -1 after printing. */
int yb_backend_replay_page(const yb_doc *doc, const yb_backend *be, const yb_page *page, guint index);

/* The PDF of the whole document, written atomically to `path`. */
int yb_render_pdf(const yb_doc *doc, const char *path);
/* The same PDF written page by page while the book is laid out: open it
 * (the temporary file) before the layout, give yb_render_pdf_page as the
 * layout's page sink (pages.h) with the writer as its data, then close it
 * (the outline, the page tree and structure in book order, the rename) or
 * abort it (nothing is left).  Closed after a layout that handed nothing
 * over, it writes the whole document.  Open returns NULL after printing;
 * close returns 0, or -1 after printing; both free the writer. */
typedef struct yb_pdf_writer yb_pdf_writer;
yb_pdf_writer *yb_render_pdf_open(const char *path);
int yb_render_pdf_page(void *writer, const yb_doc *doc, const yb_page *page, int front);
int yb_render_pdf_close(yb_pdf_writer *w, const yb_doc *doc);
void yb_render_pdf_abort(yb_pdf_writer *w);
/* The font options the PDF backend draws with (no hinting, unhinted
 * metrics).  The layout measures with the same options, so the backend's
 * fonts are the layout's own and each glyph is loaded once. */
void yb_render_pdf_font_options(cairo_font_options_t *fo);
/* PNG proofs of pages [first, last] (1-based) at `dpi`, as PREFIX-N.png. */
int yb_render_png(const yb_doc *doc, const char *prefix, guint first, guint last, double dpi);
/* The contact sheet: every page as a thumbnail in reading spreads (page 1
 * alone on the right) with its page number, one PNG image written
 * atomically to `path` (see render_png.c for the sizes).  0, or -1 after
 * printing. */
int yb_render_png_sheet(const yb_doc *doc, const char *path);
/* The size in pixels yb_render_png_sheet() gives the sheet of `doc`. */
void yb_render_png_sheet_size(const yb_doc *doc, int *width, int *height);

#endif
