/* setter: sets one block of text into justified lines with Pango (internal
 * to layout).  One setter per thread: it holds a Pango context over
 * yearbook's private fontconfig configuration.  Lines are appended to a
 * galley (see galley.h); the caller decides their vertical spacing.
 */
#ifndef YB_SETTER_H
#define YB_SETTER_H

#include "fonts.h"
#include "galley.h"
#include "style.h"

typedef struct yb_setter yb_setter;

typedef struct yb_set_spec {
	const yb_face *face;        /* font role, size, bold */
	const yb_face *head_face;   /* run-in heading: face of the first head_len bytes, or NULL */
	size_t head_len;
	yb_script script;           /* the text's script: fonts and PangoLanguage */
	float measure;              /* line width, pt */
	float break_width;          /* width Pango breaks at when > 0 (narrower than the measure
	                               to push a word down); lines are still justified to the measure */
	float indent;               /* first-line indent, pt */
	yb_align align;
	int justify;                /* justify every line but the last */
	yb_line_role role;
	int level;
} yb_set_spec;

/* `doc` receives the fonts the lines use (interning is locked). */
yb_setter *yb_setter_new(yb_fonts *fonts, const yb_style *style, yb_doc *doc);
void yb_setter_free(yb_setter *s);

/* Sets `len` bytes of `text`; appends one yb_gline per line (height 0,
 * baseline 0, keep 0: the caller fills them in) and returns how many.  The
 * one place of the lonely-line rule (typography.md §6): a block's last line
 * never holds a lone character (or one and a mark) when it can be helped. */
guint yb_setter_set(yb_setter *s, const char *text, size_t len, const yb_set_spec *spec, yb_galley *g);

/* Width of `text` set in `face` on one line as yearbook sets it (its
 * punctuation and Han–Latin spacing included), pt. */
float yb_setter_width(yb_setter *s, const char *text, const yb_face *face, yb_script script);

#endif
