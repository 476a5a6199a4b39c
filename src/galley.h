/* galley: text set into lines but not yet into pages (internal to layout).
 *
 * The setter (setter.c, Pango) appends lines to a galley: their items (a
 * YB_ITEM_LINE followed by its runs) sit in a scratch yb_page with y
 * relative to the line's baseline, and each line records how much vertical
 * space it needs and whether a page may break after it.  The paginator
 * (paginate.c) copies lines onto real pages.  A galley owns its scratch page
 * and line array; yb_galley_free().
 */
#ifndef YB_GALLEY_H
#define YB_GALLEY_H

#include "pages.h"

/* What the setter had to bend to set a line (yb_gline.bent). */
enum {
	YB_BENT_OVERFULL = 1,   /* wider than its measure: nothing to break it at */
	YB_BENT_EMERGENCY = 2   /* broken where no rule allows (inside a word, against 禁则) */
};

#define YB_GROW_MAX 4     /* yb_gline.grow of a level-1 heading */

typedef struct yb_gline {
	float height;        /* vertical space, pt (a multiple of the body pitch for blocks on the grid) */
	float baseline;      /* baseline distance from the top of that space */
	uint32_t item0, nitems; /* in the galley's scratch page */
	uint8_t keep;        /* no page break after this line */
	uint8_t block_start; /* first line of its block */
	uint8_t block_end;   /* last line of its block */
	const char *tag;     /* structure tag of its block ("P", "H1", ...) */
	uint16_t table;      /* a table's body line: 1 + its index in the galley's tables */
	uint16_t relabel;    /* a row's first line whose group label the table prints once:
	                        1 + the label's index in its table's labels; else 0 */
	uint8_t bent;        /* YB_BENT_... */
	uint8_t grow;        /* a heading's first line: the space above it may grow by a body
	                        line to fill a page (balanced pages): YB_GROW_MAX for level 1
	                        down to 1 for level 4 and for a heading right under another,
	                        the higher first; 0 for other lines */
	uint8_t foot;        /* stands at the foot of its page when it and the lines after it end the page */
} yb_gline;

/* What a table repeats at the top of a page it continues on (the 续表 line
 * and its header row, with their rules), and how to close it at a break. */
typedef struct yb_gtable {
	struct yb_galley *head;
	float height;        /* of all the head's lines */
	float width;         /* of the table, for the rule closing it at a page break */
	float rule;          /* that rule's thickness */
	GPtrArray *labels;   /* yb_galley*, owned: group labels to print on a row that
	                        continues its group at the top of a page (yb_gline.relabel) */
	float label_x;       /* where a label's lines start */
	float pitch;         /* from one line of a row to the next */
} yb_gtable;

typedef struct yb_galley {
	yb_page *scratch;
	GArray *lines;       /* yb_gline */
	GPtrArray *tables;   /* yb_gtable*, owned */
} yb_galley;

yb_galley *yb_galley_new(void);
void yb_galley_free(yb_galley *g);

/* Adds an item to galley line `line` (after its items; later lines' items move up one). */
void yb_galley_add_item(yb_galley *g, guint line, const yb_item *it);

/* A rule of `thick` pt from x0 to x1 along the top (bottom 0) or the
 * bottom (1) of galley line `line`, moved down by `shift` pt. */
void yb_galley_rule(yb_galley *g, guint line, int bottom, float shift, float x0, float x1, float thick);

/* Copies the items of galley line `l` onto `page`, shifted by (dx, dy). */
void yb_galley_copy_line(const yb_galley *g, const yb_gline *l, yb_page *page, float dx, float dy);

/* How a report's pages are balanced (yb_galley_balance()). */
typedef struct yb_paging {
	float capacity;      /* the type area's height: whole body lines */
	float pitch;         /* the body line pitch: the grid */
	float base;          /* the first grid line's baseline below the type area's top */
	int slack;           /* lines a page may run short (or long) to balance a spread */
	int longer;          /* lines a page may run long: the slack, as far as the folio leaves room */
	int min_last;        /* the fewest lines a report's last page should have */
	int two_sided;       /* versos face rectos */
	int first_verso;     /* the galley's first page is a verso */
} yb_paging;

/* Breaks the galley into pages of height `capacity`, filling each page
 * greedily and honouring `keep` (headings stay with what follows; no
 * widows or orphans).  Pages are made with yb_page_new(w, h, 0, 0) and
 * appended to `out` (yb_page*). */
void yb_galley_paginate(const yb_galley *g, float capacity, float width, float height, GPtrArray *out);
/* How many pages greedy filling makes; appends each page's first line to `starts` (may be NULL). */
guint yb_galley_breaks(const yb_galley *g, float capacity, GArray *starts);
/* Appends each page's first line (guint) to `starts` for pages chosen
 * together: facing pages end on the same line, the opening page is full,
 * the last page is not nearly empty (see the design note in paginate.c);
 * and to `grow` (as long as `starts`) the lines of space each page adds
 * above its headings to end where it should. */
void yb_galley_balance(const yb_galley *g, const yb_paging *pg, GArray *starts, GArray *grow);
/* Makes the pages that start at `starts` and appends them to `out`; each
 * page gets a line of `pitch` more space above as many of its headings as
 * `grow` (guint per page; NULL: none) says, and foot lines that end a page
 * stand at its foot, `capacity` below its top. */
void yb_galley_place(const yb_galley *g, const GArray *starts, const GArray *grow, float pitch,
                     float capacity, float width, float height, GPtrArray *out);
/* Appends to `forced` (guint) each line after which a page of `starts`
 * breaks although `keep` forbids it (what must stay together is taller
 * than a page). */
void yb_galley_forced(const yb_galley *g, const GArray *starts, GArray *forced);

#endif
