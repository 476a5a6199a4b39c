/* tree: one parsed report, as a flat list of blocks, plus its metadata.
 *
 * A report's structure is shallow (numbered headings over paragraphs), so the
 * tree is stored flat: blocks in source order, each heading carrying its
 * level.  The outline and the contents are rebuilt from the levels.  A report
 * does not change after parsing (the manifest's overrides are applied by the
 * compose stage into the book, not here); layout results live elsewhere.
 *
 * Every string is UTF-8 and owned by the report; yb_report_release() frees
 * everything.  yb_report_check() asserts the invariants.
 */
#ifndef YB_TREE_H
#define YB_TREE_H

#include <stddef.h>
#include <stdio.h>

typedef enum yb_block_kind {
	YB_BLOCK_HEADING,
	YB_BLOCK_PARAGRAPH,
	YB_BLOCK_TABLE        /* consecutive lines with TAB-separated cells */
} yb_block_kind;

typedef struct yb_block {
	yb_block_kind kind;
	int level;            /* heading: 1..4 (一、 / （一） / 1. / （1）); 0 otherwise */
	long line;            /* 1-based source line */
	char *text;           /* the whole line as it is set (punctuation cleaned up, outer white space trimmed);
	                         table: the caption and every non-empty cell, row by row, joined by single
	                         spaces, so that a layout that sets it as a paragraph loses no text */
	size_t number_len;    /* heading: bytes at the start of text that are its number ("一、", "（一）") */
	size_t head_len;      /* heading: bytes of text that are the heading itself; for a run-in
	                         heading this is up to and including its first 。 and the rest of
	                         text is the paragraph it opens; equals strlen(text) otherwise */
	int run_in;           /* heading set run-in at the start of its paragraph */
	/* table only (NULL / 0 otherwise); line is the caption's line when there is one */
	char *caption;        /* the title line right before the rows (表1 …, 附表…), or NULL */
	size_t nrows, ncols;  /* nrows >= 2, ncols >= 1; row 0 is the header */
	char **cells;         /* nrows * ncols strings, row-major, never NULL: a row shorter than the
	                         widest is padded with "" (a longer row widens the table), after
	                         its cells or, when they match the columns better so (a merged
	                         cell flattened to text, the row continuing the one above),
	                         before them */
	long *row_lines;      /* the source line of each row */
	size_t head_rows;     /* header rows: 1, or 2 when a shorter first row spans the second
	                         (its cells stand at the first column of their span, "" after) */
} yb_block;

typedef struct yb_report {
	char *path;           /* the file it came from, as given */
	char *title;          /* the title line, or one built from issuer and year; never NULL after parsing */
	long title_line;      /* source line of the title line, 0 when the title was built */
	char *issuer;         /* issuing body found in the text, or NULL */
	char *year;           /* e.g. "2023", or NULL */
	char *lang;           /* "zh-cn" (simplified) or "zh-tw" (traditional), detected */
	yb_block *blocks;
	size_t nblocks;
	size_t nchars;        /* characters of the source text that are not white space */
} yb_report;

void yb_report_release(yb_report *r);
void yb_report_check(const yb_report *r);

/* --dump=tree: a stable text form, one line per fact, used by golden tests. */
void yb_report_dump(const yb_report *r, FILE *out);

#endif
