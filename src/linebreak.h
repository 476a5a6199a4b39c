/* linebreak: Chinese line breaking, punctuation compression and
 * justification over measured clusters (internal to layout, no Pango).
 *
 * The setter measures each cluster of a paragraph (Pango shapes it on one
 * unbroken line) and hands this module an array of units: the cluster's
 * first character, its natural advance, its em and whether Unicode line
 * breaking (Pango) allows a break before it.  The module tailors the break
 * opportunities (禁则), compresses punctuation, adds Han–Latin spacing,
 * chooses the line breaks and then the position of every unit on its line.
 * The caller owns the arrays.
 */
#ifndef YB_LINEBREAK_H
#define YB_LINEBREAK_H

#include <glib.h>
#include <stdint.h>

#include "style.h"

typedef enum yb_cl {
	YB_CL_HAN,      /* ideographs, kana, and other full-width letters */
	YB_CL_OPEN,     /* opening marks, ink on the right: （《“ ... */
	YB_CL_CLOSE,    /* closing marks and stops, ink on the left: ，。）》” ... */
	YB_CL_MIDDLE,   /* always half an em: · ／ – */
	YB_CL_DASH,     /* — (a 2-em dash is two of them) */
	YB_CL_ELLIPSIS, /* … */
	YB_CL_LATIN,    /* Latin letters, digits, % */
	YB_CL_SPACE,
	YB_CL_OTHER
} yb_cl;

typedef struct yb_lb_unit {
	gunichar ch;          /* the cluster's first character */
	float nat;            /* natural advance */
	float em;             /* the size of its font */
	uint8_t pango_break;  /* Unicode line breaking allows a break before it */
	/* filled in by this module */
	uint8_t cls;          /* yb_cl */
	uint8_t brk;          /* a line may break before it */
	uint8_t wide;         /* a full-width mark (its advance is about an em) */
	float adv;            /* advance after compression */
	float shift;          /* where its glyphs start, from the pen (negative: left half removed) */
	float gap;            /* space before it (Han–Latin), none at a line start */
	float extra;          /* justification space after it */
	float glyph;          /* a widened narrow mark: its glyph's own advance (else 0) */
} yb_lb_unit;

typedef struct yb_lb_opts {
	yb_kinsoku kinsoku;
	yb_punct punct;
	int han_latin;        /* ¼ em between Han and Latin letters or digits */
	float measure;        /* line width */
	float indent;         /* first-line indent (the first line is measure - indent wide) */
	float break_width;    /* > 0: break as if lines were this wide (still set to measure) */
	int justify;          /* justified: break the paragraph as a whole (else line by line) */
	int balance;          /* a title: as many lines as line by line, of even lengths, broken
	                         at phrase boundaries, no runt last line */
} yb_lb_opts;

/* Classifies the units and tailors their breaks and compression; call once. */
void yb_lb_prepare(yb_lb_unit *u, guint n, const yb_lb_opts *o);
/* Chooses the line breaks; appends to `ends` (guint) one past each line's
 * last unit, and returns the number of lines. */
guint yb_lb_break(yb_lb_unit *u, guint n, const yb_lb_opts *o, GArray *ends);
/* Sets line [s, e) to `avail` (justified unless `last` or !justify) and
 * returns its width. */
float yb_lb_set_line(yb_lb_unit *u, guint s, guint e, float avail, int justify, int last,
                     const yb_lb_opts *o);
/* Whether the line [s, e) holds one character, or one and a mark. */
int yb_lb_lonely(const yb_lb_unit *u, guint s, guint e);

#endif
