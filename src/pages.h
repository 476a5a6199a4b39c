/* pages: the display list, what layout produces and every backend replays.
 *
 * A yb_doc is a list of pages; a page is a list of items: glyph runs (font,
 * size, glyph ids with their x positions, and the UTF-8 text with a cluster
 * map so the text can be extracted again), rules, link areas, named
 * destinations, structure tags, and (on the cover spread only) colours and
 * filled rectangles.  Fonts are stored as data (file, face
 * index), so no backend needs Pango.  The document also carries the outline
 * and the metadata.
 *
 * Coordinates are PDF points, y downwards from the page's top edge.  Content
 * is placed relative to the page origin (ox, oy) (the top-left of the type
 * area) so that a page's content can be laid out before it is known whether
 * it lands on an odd or even page; backends add the origin.
 *
 * Memory: a page's glyphs, clusters and text sit in three flat arrays; items
 * refer to them by offset.  A yb_doc owns everything in it; yb_doc_free().
 */
#ifndef YB_PAGES_H
#define YB_PAGES_H

#include <glib.h>
#include <stdint.h>
#include <stdio.h>

typedef struct yb_font_ref {
	char *file;      /* font file */
	int index;       /* face index in a collection */
	struct _FcPattern *pattern; /* the fontconfig pattern the layout opened it with, or NULL */
} yb_font_ref;

typedef enum yb_item_kind {
	YB_ITEM_RUN,
	YB_ITEM_RULE,
	YB_ITEM_LINK,
	YB_ITEM_DEST,
	YB_ITEM_TAG_BEGIN,
	YB_ITEM_TAG_END,
	YB_ITEM_LINE,        /* marks the start of a laid-out line; its runs follow */
	YB_ITEM_COLOUR,      /* what follows on the page is drawn in this colour (else black) */
	YB_ITEM_FILL         /* a rectangle filled with the current colour */
} yb_item_kind;

/* What a line belongs to (for the layout dump and its checkers). */
typedef enum yb_line_role {
	YB_LINE_BODY, YB_LINE_HEADING, YB_LINE_TITLE, YB_LINE_TOC,
	YB_LINE_COVER, YB_LINE_HEAD, YB_LINE_FOLIO, YB_LINE_TABLE
} yb_line_role;

typedef struct yb_glyph {
	uint32_t id;
	float x;         /* from the run's origin */
} yb_glyph;

typedef struct yb_cluster {
	uint16_t bytes;  /* UTF-8 bytes of the cluster */
	uint16_t glyphs; /* glyphs that draw it */
} yb_cluster;

typedef struct yb_item {
	yb_item_kind kind;
	union {
		struct {   /* YB_ITEM_RUN */
			uint32_t font;             /* index in yb_doc.fonts */
			float size;
			float x, y;                /* baseline origin */
			uint32_t glyph0, nglyphs;  /* in yb_page.glyphs */
			uint32_t cluster0, nclusters;
			uint32_t text0, ntext;     /* bytes in yb_page.text */
		} run;
		struct {   /* YB_ITEM_RULE: a line from (x0,y0) to (x1,y1) */
			float x0, y0, x1, y1, width;
		} rule;
		struct {   /* YB_ITEM_LINK: an area that links to a destination */
			float x, y, w, h;
			uint32_t dest;             /* index in yb_doc.dests */
		} link;
		struct {   /* YB_ITEM_DEST: where a destination points */
			uint32_t dest;
			float x, y;
		} dest;
		struct {   /* YB_ITEM_LINE */
			float x, y;                /* left end of the line at its baseline */
			float width;               /* set width */
			float measure;             /* width available */
			uint8_t role;              /* yb_line_role */
			uint8_t last;              /* last line of its paragraph */
			uint8_t level;             /* heading level, 0 otherwise */
			uint8_t punct;             /* yb_punct the line was set with */
		} line;
		struct {   /* YB_ITEM_COLOUR: named twice, as the style names it */
			float cmyk[4];             /* 0..1, for press output */
			float rgb[3];              /* 0..1 sRGB, for the screen */
		} colour;
		struct {   /* YB_ITEM_FILL: x, y the top-left corner */
			float x, y, w, h;
		} fill;
		struct {   /* YB_ITEM_TAG_BEGIN / END: structure (Document, H1, P, TOC...) */
			const char *name;          /* static string */
		} tag;
	} u;
} yb_item;

typedef struct yb_page {
	float width, height;
	float ox, oy;        /* origin of the content (type area top-left) */
	char *label;         /* page label ("i", "12"), or NULL for an unlabelled blank page */
	GArray *items;       /* yb_item */
	GArray *glyphs;      /* yb_glyph */
	GArray *clusters;    /* yb_cluster */
	GString *text;
} yb_page;

typedef struct yb_outline {
	char *title;
	int parent;          /* index of the parent entry, -1 for top level */
	uint32_t dest;
	int paragraph;       /* a numbered paragraph's entry: in the outline, never in the contents */
} yb_outline;

typedef struct yb_dest {
	char name[24];       /* ASCII only ([A-Za-z0-9_]), unique in the document */
	int page;            /* 0-based page index, filled in when the page is placed */
	float x, y;          /* absolute position on the page */
} yb_dest;

typedef struct yb_doc {
	GPtrArray *pages;    /* yb_page*, in book order */
	GArray *fonts;       /* yb_font_ref */
	GArray *dests;       /* yb_dest */
	GArray *outline;     /* yb_outline, parents before children */
	guint front_pages;   /* pages labelled i, ii, ...; the rest 1, 2, ... (but see front_arabic) */
	int front_arabic;    /* the style numbers the front matter 1, 2, ... and the body goes on
	                        counting: every page is labelled with its place in the book */
	char *lang;          /* the book's language for the PDF catalog, e.g. "zh-CN" */
	char *title, *author, *subject, *keywords, *creator;
	char *date;          /* ISO 8601, e.g. 2024-01-01T00:00:00 */
	int streamed;        /* its pages went to a page sink (layout.h), the front
	                        matter's after the body's, and are empty now */
} yb_doc;

/* A page sink lets a writer draw each page as soon as it is final, from
 * the thread that called yb_layout_book() (layout.h), while the workers set the
 * reports after it: the body's pages in order (and the blank and imprint
 * pages that end the book), then the front matter's (`front` set), whose
 * page numbers wait for the body.  The layout then empties each page, so a
 * book's pages are never all held at once; the document keeps only their
 * sizes and labels (yb_doc.streamed).  When the body's numbers wait for the
 * front matter's length (the style's front-numbers = arabic) nothing is
 * handed over and the document keeps every page.  Returns 0, or -1 after
 * printing; after -1 it is not called again. */
typedef int (*yb_page_sink)(void *data, const yb_doc *doc, const yb_page *page, int front);

yb_doc *yb_doc_new(void);
void yb_doc_free(yb_doc *doc);

yb_page *yb_page_new(float width, float height, float ox, float oy);
void yb_page_free(yb_page *page);
/* Drops what is drawn on the page; its size, origin and label stay. */
void yb_page_clear(yb_page *page);
/* Appends an item; returns a pointer valid until the next append. */
yb_item *yb_page_add(yb_page *page, yb_item_kind kind);
void yb_page_add_rule(yb_page *page, float x0, float y0, float x1, float y1, float width);
void yb_page_add_tag(yb_page *page, yb_item_kind kind, const char *name);

/* Adds a destination and returns its index; the name is made from the index.
 * This and the three below take the document's lock (see yb_doc_font_at). */
uint32_t yb_doc_add_dest(yb_doc *doc);
/* A copy of destination i. */
yb_dest yb_doc_dest_at(const yb_doc *doc, uint32_t i);
/* Sets destination i's page (from 0) and position. */
void yb_doc_place_dest(yb_doc *doc, uint32_t i, int page, float x, float y);
/* Every destination's page (-1: not placed yet), *n of them; g_free() it. */
int *yb_doc_dest_pages(const yb_doc *doc, guint *n);
/* Interns a font (file, index) and returns its index (thread-safe).
 * `pattern` (may be NULL) is the fontconfig pattern the layout opened the
 * face with; the document keeps a copy of the first one, without synthetic
 * emboldening, so a backend can open the very face the layout measured
 * (and find its glyphs already loaded). */
uint32_t yb_doc_font(yb_doc *doc, const char *file, int index, struct _FcPattern *pattern);
/* A copy of font i's reference, under the document's lock, which
 * yb_doc_font() takes too: a page may be drawn while other threads still
 * set pages or the front matter (layout.h, the page sink). */
yb_font_ref yb_doc_font_at(const yb_doc *doc, uint32_t i);

/* --dump=layout: every line of text with page, position, width and the
 * advances of its characters; the last line, 'end pages=N', tells a reader
 * the dump is whole. */
void yb_doc_dump(const yb_doc *doc, FILE *out);

#endif
