/* layout: the book -> a display list of pages (yb_doc).  The only stage that
 * talks to Pango.
 *
 * Reports are set independently (each on a worker thread with its own Pango
 * context) into galleys of lines, each galley is broken into pages
 * (paginate.c), then the pages are joined in book order: blank pages before
 * odd-page openings, page numbers, running heads and folios; with a page
 * sink (pages.h) each page is handed to a writer as soon as it is final.  The front
 * matter (cover, contents) is set last, when the body's page numbers are
 * final, and is numbered i, ii, ... on its own (or 1, 2, ..., the body
 * continuing the count, when the style says so).
 *
 * yb_layout_book() returns a document the caller owns (yb_doc_free()),
 * carrying the book's document information (yb_book.info).
 */
#ifndef YB_LAYOUT_H
#define YB_LAYOUT_H

#include "compose.h"
#include "fonts.h"
#include "pages.h"
#include "style.h"


typedef struct yb_layout_opts {
	int jobs;            /* worker threads; 0 = one per core */
	/* Called, from any worker thread, after each report is set; or NULL. */
	void (*progress)(size_t done, size_t total, void *data);
	void *progress_data;
	yb_page_sink sink;   /* or NULL: see yb_page_sink (pages.h) */
	void *sink_data;
} yb_layout_opts;

/* Never NULL: every book can be laid out (where a rule cannot hold, it is
 * bent; text is never dropped). */
yb_doc *yb_layout_book(const yb_book *book, const yb_style *style, yb_fonts *fonts,
                       const yb_layout_opts *opts);

/* The cover spread (yearbook cover): one page, 2 × the page width + spine
 * wide, with the back cover, the spine (the title and the compiling body
 * set one character a line, top to bottom) and the front cover (the
 * book's cover page), on a ground of the style's cover paper colour
 * reaching into the bleed, in its ink colour; `back` (or NULL) is set at
 * the foot of the back cover.  Never NULL; the caller frees it
 * (yb_doc_free()). */
yb_doc *yb_layout_cover(const yb_book *book, const yb_style *style, yb_fonts *fonts, float spine,
                        const char *back);

#endif
