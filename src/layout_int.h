/* layout_int: what the layout's files (layout.c, toc.c) share.  Internal. */
#ifndef YB_LAYOUT_INT_H
#define YB_LAYOUT_INT_H

#include "layout.h"
#include "galley.h"
#include "setter.h"

#define EM_TOP 0.88f   /* the em box's top above the baseline, in em (CJK fonts) */

typedef struct yb_lctx {
	const yb_book *book;
	const yb_style *st;
	yb_fonts *fonts;
	yb_doc *doc;
	uint32_t *report_dest;    /* per report: its title's destination; headings follow in order */
	GPtrArray **report_pages; /* per report: its pages (yb_page*) */
	gint next;                /* the next report a worker takes (atomic) */
	float tw, th;             /* type area */
	float capacity;           /* usable height: whole body lines */
	void (*each)(yb_setter *s, struct yb_lctx *c, size_t report); /* what a worker does per report */
	GArray **anchors;         /* per report: yb_anchor, by block, where key figures link to */
	int *report_first;        /* per report: its first body page number */
	int *report_npages;       /* per report: its pages, without a blank page before it */
} yb_lctx;

/* A destination inside a block's text (a key figure's sentence). */
typedef struct yb_anchor {
	size_t block;
	size_t offset;            /* byte offset in the block's text */
	uint32_t dest;
} yb_anchor;

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

float yb_lay_pitch(const yb_face *f);
yb_set_spec yb_lay_spec(const yb_lctx *c, const yb_face *face, const char *lang, yb_line_role role);
void yb_lay_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_lblock *b);
void yb_lay_origin(const yb_style *st, yb_page *page, int number);
void yb_lay_folio(yb_setter *s, const yb_lctx *c, yb_page *page, int number, const char *label);
char *yb_lay_roman(int n);
/* Paginates a front-matter galley onto `front`, numbered i, ii, ... */
void yb_lay_front_pages(yb_setter *s, const yb_lctx *c, const yb_galley *g, GPtrArray *front);
/* Body page number of each destination (0 when not in the body); g_free() it. */
int *yb_lay_dest_pages(const yb_doc *doc, GPtrArray *body);

/* The book's own tables after the contents, for the contents to list. */
typedef struct yb_front_entry {
	const char *title;
	uint32_t dest;
	guint page;               /* page of the summary galley it starts on, from 0 */
} yb_front_entry;

/* toc.c: sets the contents after the body, appending its pages to `front`;
 * `extra` (the summary tables, set right after the contents) are listed first. */
void yb_toc_set(yb_setter *s, const yb_lctx *c, GPtrArray *body, GPtrArray *front,
                const yb_front_entry *extra, guint nextra);

/* summary.c: the report overview and key figures tables after the contents. */
void yb_summary_plan(yb_lctx *c);
/* Sets the summary tables into a new galley (the caller frees it) and fills
 * `entries` (at most 2) with where each starts; returns how many. */
yb_galley *yb_summary_set(yb_setter *s, const yb_lctx *c, GPtrArray *body, yb_front_entry *entries,
                          guint *nentries);

#endif
