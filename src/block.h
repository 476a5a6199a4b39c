/* block: the layout's lower layer (internal to layout).  What the setters of
 * the book's parts (layout.c for reports, the cover and the furniture;
 * toc.c; summary.c; front.c; table.c) share: the layout context, a block of text set
 * into a galley on the body grid, page furniture (folios), front-matter
 * pages numbered i, ii, ..., and where each destination landed.
 *
 * The modules form layers, each calling only those below it:
 *   layout.c -> toc.c, summary.c, front.c -> table.c -> block.c -> setter.c, paginate.c
 *   cover.c (the cover spread) -> layout.c's cover page, block.c
 * layout.c is the only caller of the contents, summary, front-matter and report setters.
 * The helpers keep the yb_lay_ prefix (yb_block is the parse tree's block).
 */
#ifndef YB_BLOCK_H
#define YB_BLOCK_H

#include "compose.h"
#include "galley.h"
#include "setter.h"

#define EM_TOP 0.88f   /* the em box's top above the baseline, in em (CJK fonts) */

/* A destination inside a block's text (a key figure's sentence). */
typedef struct yb_anchor {
	size_t block;
	size_t offset;            /* byte offset in the block's text */
	uint32_t dest;
} yb_anchor;

/* A rule the layout had to bend, at a source line, told as a warning. */
typedef struct yb_lay_bend {
	long line;                /* the block's source line (0: the built title) */
	const char *what;         /* the message (static) */
} yb_lay_bend;

/* What the layout of one report owns.  The worker that sets the report
 * writes `galley` and `src`; the join breaks the galley into pages, frees
 * both and writes `first`, `npages` and `bends`; `dest` and `anchors` are
 * planned before the workers start. */
typedef struct yb_lay_report {
	uint32_t dest;            /* its title's destination; its headings' follow in order */
	GArray *anchors;          /* yb_anchor, by block, where key figures link to; or NULL */
	yb_galley *galley;        /* the report set into lines, until it is broken into pages */
	GPtrArray *pages;         /* its pages (yb_page*), when the worker could break them
	                             (the side it opens on known in advance); else NULL */
	GArray *src;              /* long: each galley line's source line, as long as the galley */
	int first;                /* its first body page, counted from 1 (its number adds page_offset) */
	int npages;               /* its pages, without a blank page before it */
	GArray *bends;            /* yb_lay_bend, in source order, told after the join */
	int ready;                /* set by its worker (under the pool's lock) when done */
} yb_lay_report;

/* The layout context.  Workers share the book, the style, the fonts and the
 * geometry read-only; the document takes fonts under its own lock and
 * destinations only outside the workers; each report's part is its own. */
typedef struct yb_lctx {
	const yb_book *book;
	const yb_style *st;
	yb_fonts *fonts;
	float tw, th;             /* type area */
	float capacity;           /* usable height: whole body lines */
	int page_offset;          /* added to a body page's count to number it: the front
	                             matter's pages when the body continues their count */
	yb_doc *doc;
	yb_lay_report *reports;   /* book->nreports */
	yb_page_sink sink;        /* pages handed over as they are final (layout.h); or NULL */
	void *sink_data;
	int sink_ok;              /* the sink has not failed */
} yb_lctx;

/* A block of text for yb_lay_block(). */
typedef struct yb_lblock {
	const char *text;
	size_t len;
	yb_set_spec spec;
	const yb_face *face;     /* for pitch, before and after */
	int keep;                /* keep every line with what follows */
	int grid;                /* a display block: its own pitch and spacing, rounded up to whole body lines */
	int has_dest;
	uint32_t dest;
	const char *tag;
} yb_lblock;

/* The book's own parts for the contents and the outline to list: the
 * front-matter texts before the contents, the summary tables after it. */
typedef struct yb_front_entry {
	const char *title;
	uint32_t dest;
	guint page;               /* before: its first page's index in the front matter; else
	                             the page of the summary galley it starts on, from 0 */
	int before;               /* set before the contents (its page number is known) */
} yb_front_entry;
/* At most: the front-matter texts and the two summary tables. */
enum { YB_LAY_ENTRIES = YB_FRONT_COUNT + 2 };

float yb_lay_pitch(const yb_face *f);
yb_set_spec yb_lay_spec(const yb_lctx *c, const yb_face *face, yb_script script, yb_line_role role);
/* Sets a block into the galley: its lines, their heights on the body grid
 * and their keeps (no widow, no orphan unless the block keeps every line). */
void yb_lay_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_lblock *b);
/* The page's origin: the inner margin on the binding side. */
void yb_lay_origin(const yb_style *st, yb_page *page, int number);
/* One line of furniture text on `page` at baseline y, aligned in the type
 * area narrowed by `inset` on both sides. */
void yb_lay_furniture(yb_setter *s, const yb_lctx *c, yb_page *page, const char *text, yb_script script,
                      const yb_face *face, yb_align align, float inset, float y, yb_line_role role);
void yb_lay_folio(yb_setter *s, const yb_lctx *c, yb_page *page, int number, const char *label);
/* Lower-case roman numeral; g_free() it. */
char *yb_lay_roman(int n);
/* A front-matter page's number as the style writes it ([folio]
 * front-numbers: roman or arabic); g_free() it. */
char *yb_lay_front_label(const yb_style *st, int n);
/* Paginates a front-matter galley onto `front`, numbered i, ii, ... */
void yb_lay_front_pages(yb_setter *s, const yb_lctx *c, const yb_galley *g, GPtrArray *front);
/* The book's cover page (layout.c), its origin at the type area. */
yb_page *yb_lay_cover_page(yb_setter *s, const yb_lctx *c);
/* The document information compose made, for the backends (layout.c). */
void yb_lay_copy_info(yb_doc *doc, const yb_book_info *info);
/* Body page number of each destination (0 when not in the body); g_free() it. */
int *yb_lay_dest_pages(const yb_lctx *c);

#endif
