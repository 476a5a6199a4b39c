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

float yb_lay_pitch(const yb_face *f);
yb_set_spec yb_lay_spec(const yb_lctx *c, const yb_face *face, const char *lang, yb_line_role role);
void yb_lay_block(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_lblock *b);
void yb_lay_origin(const yb_style *st, yb_page *page, int number);
void yb_lay_folio(yb_setter *s, const yb_lctx *c, yb_page *page, int number, const char *label);
char *yb_lay_roman(int n);

/* toc.c: sets the contents after the body, appending its pages to `front`. */
void yb_toc_set(yb_setter *s, const yb_lctx *c, GPtrArray *body, GPtrArray *front);

#endif
