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

/* Official-document elements (GB/T 9704-2012 §7) other than title and body:
 * paragraph blocks set apart from the body (no first-line indent; signature
 * and date flush right; marks and numbers centred). */
typedef enum yb_element {
	YB_EL_NONE,
	YB_EL_MARK,           /* 发文机关标志 (××文件), decree header (××令), 签发人 */
	YB_EL_NUMBER,         /* 发文字号 (×府发〔2021〕7号, 第23号) */
	YB_EL_SUBTITLE,       /* a line under the title: ——2024年1月15日在…, （…通过）, a byline */
	YB_EL_ADDRESSEE,      /* 主送机关: 各区人民政府，市政府各部门： */
	YB_EL_ATTACHMENTS,    /* 附件说明: 附件：1．…… and its following items */
	YB_EL_SIGNATURE,      /* 发文机关署名 */
	YB_EL_DATE,           /* 成文日期 */
	YB_EL_NOTE,           /* 附注 and editorial notes: （此件公开发布） （本文有删减） */
	YB_EL_COPIES,         /* 版记: 抄送：…, ……印发 */
	YB_EL_APPENDIX,       /* 附件1 / 附录 over an appended document */
	YB_EL_COUNT
} yb_element;

/* The dump's name of an element ("signature"). */
const char *yb_element_name(yb_element e);

typedef struct yb_block {
	yb_block_kind kind;
	int level;            /* heading: 1..4, by the rank of its numbering style in the document; 0 otherwise */
	yb_element element;   /* paragraph: the official-document element it is, YB_EL_NONE for body */
	long line;            /* 1-based source line */
	char *text;           /* the whole line as it is set (punctuation cleaned up, outer white space trimmed);
	                         table: the caption and every non-empty cell, row by row, joined by single
	                         spaces, so that a layout that sets it as a paragraph loses no text */
	size_t number_len;    /* heading or numbered paragraph: bytes at the start of text that are its number
	                         ("一、", "（一）", "第一条　"); 0 for an unnumbered heading */
	size_t lead_len;      /* paragraph: bytes at the start set bold run-in (an article's number, a lead
	                         sentence that stood alone on its line); 0 otherwise */
	size_t head_len;      /* heading: bytes of text that are the heading itself; for a run-in
	                         heading this is up to and including its first 。 and the rest of
	                         text is the paragraph it opens; equals strlen(text) otherwise */
	int run_in;           /* heading set run-in at the start of its paragraph */
	int outline_level;    /* numbered paragraph: its level (1..4) in the outline when the report's
	                         numbered paragraphs are its outline (structure.h), 0 otherwise */
	size_t label_len;     /* outline paragraph: bytes of text that are its outline entry (its number
	                         and first words, cut at a mark); 0 otherwise */
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
	char *title;          /* the title (its lines joined, letter spacing removed), or one built from
	                         issuer and year; never NULL after parsing */
	char *title_text;     /* the title as it is printed (its lines joined, spacing kept); NULL when built */
	long title_line;      /* source line of the title's first line, 0 when the title was built */
	long title_end;       /* source line of its last line (title over 1-3 lines) */
	char *date;           /* 成文日期 as YYYY-MM-DD, or NULL */
	char *number;         /* 发文字号, or NULL */
	size_t punct_changed; /* half-width marks made full-width */
	char *issuer;         /* issuing body: signature, then title, then text; or NULL */
	char *year;           /* the year reported on (title), else the date's, else the text's; or NULL */
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
