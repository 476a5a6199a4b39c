/* structure: the structure of one report, read from its lines.
 *
 * parse.c splits the text into blocks (every line a paragraph, tables
 * already made); yb_structure_recognise() then finds the official-document
 * elements, the title over one to three lines, the headings and their
 * levels, numbered paragraphs, articles, appendices and run-in leads, and
 * applies the editor's line overrides.  It takes the title's lines out of
 * the blocks, joins lead lines into the paragraph they open, and leaves
 * the issuer to parse.c with the hints it found.
 */
#ifndef YB_STRUCTURE_H
#define YB_STRUCTURE_H

#include <glib.h>

#include "numbering.h"
#include "tree.h"

/* An editor's override of one line's role (a manifest's structure lines). */
typedef struct yb_line_override {
	long line;
	int level;
} yb_line_override;

typedef struct yb_structure_hints {
	char *signature;      /* the first signature line that names a body, or NULL */
	char *mark;           /* the body a 发文机关标志 or decree header names (文件/令 removed), or NULL */
	char *subtitle;       /* the first line under the title, or NULL */
	char *title;          /* the title a web page's header gives (标　　题：…), or NULL */
	char *byline;         /* the body a line under the title names (青禾省省长　林振华: 青禾省人民政府),
	                         else the one the title names before its 关于, or NULL */
} yb_structure_hints;

/* Sets r->title, title_text, title_line, title_end, date and number and
 * rewrites `blocks` (GArray of yb_block); fills *hints (owned by the caller,
 * freed with yb_structure_hints_release). */
/* `lines` (nlines of them, may be NULL) are the editor's overrides. */
void yb_structure_recognise(yb_report *r, GArray *blocks, const yb_line_override *lines, size_t nlines,
                            yb_structure_hints *hints);
void yb_structure_hints_release(yb_structure_hints *h);

#endif
