/* style: how a book looks, read from a style file (INI, GLib GKeyFile).
 *
 * Every length is converted to PDF points when the style is read; units in
 * the file are mm, pt, em, 字 (body character widths), 行 (body lines) and
 * the Chinese size names (三号, 小四, ...).  A style may `inherit` another
 * and override single keys.  Fonts are named by role (song, hei, kai,
 * fangsong), never by file: fonts/ maps roles to fonts.
 *
 * Every style inherits in the end from styles/base.ini, which sets every
 * key: a style file without `inherit` inherits base.  Lengths may be small
 * expressions such as `156mm / 28` or `185mm - 24mm - 38字`.
 *
 * The grid: a type area holds n body lines when its height is (n - 1) pitches
 * plus one body size, i.e. the first line's em box starts at the type area's
 * top and the last line's em box ends at its foot; it holds n characters a
 * line when its width is n body sizes.
 *
 * yb_style_load() returns a style the caller owns and frees with
 * yb_style_free(); all strings in it are owned by the style.
 */
#ifndef YB_STYLE_H
#define YB_STYLE_H

#include <stddef.h>

typedef enum yb_align {
	YB_ALIGN_LEFT,       /* flush left, no indent */
	YB_ALIGN_INDENT,     /* first line indented like body paragraphs */
	YB_ALIGN_CENTER,
	YB_ALIGN_RIGHT
} yb_align;

typedef enum yb_kinsoku { YB_KINSOKU_NONE, YB_KINSOKU_BASIC, YB_KINSOKU_GB, YB_KINSOKU_STRICT } yb_kinsoku;
typedef enum yb_punct { YB_PUNCT_FULL, YB_PUNCT_GB, YB_PUNCT_EDGE } yb_punct;
typedef enum yb_folio_pos { YB_FOLIO_OUTSIDE, YB_FOLIO_CENTER, YB_FOLIO_INSIDE } yb_folio_pos;

/* A run of text: face and size, and for blocks its alignment and spacing. */
typedef struct yb_face {
	char *role;          /* font role: "song", "hei", "kai", "fangsong" */
	double size;         /* pt */
	int bold;
	yb_align align;
	double before;       /* space above the block, pt */
	double after;        /* space below the block, pt */
	double pitch;        /* baseline-to-baseline distance for its lines, pt; faces whose
	                        group has no pitch key keep the body's pitch/size ratio */
} yb_face;

/* A colour as the style names it twice: CMYK (0..1 each) for press output,
 * sRGB (0..1 each) for the screen. */
typedef struct yb_colour {
	double cmyk[4];
	double rgb[3];
} yb_colour;

typedef struct yb_style {
	char *name;          /* e.g. "yearbook" */
	char *path;          /* the file it was read from */
	char *stand_in_note; /* said when a face of the style is served by a stand-in, or NULL */

	/* [page] */
	double page_width, page_height;
	double margin_top, margin_bottom;  /* type area top and bottom edges from the page edges */
	double margin_inner, margin_outer; /* binding side and outer side (left/right on odd pages) */
	int two_sided;       /* mirror inner/outer on even pages */
	int open_odd;        /* reports open on odd pages; the blank even page before shows nothing */
	int signature;       /* the page count is padded with blank pages to a multiple of this (1: none) */
	int balance;         /* choose a report's page breaks together (paginate.c), not greedily */
	int balance_lines;   /* lines a page may run long or short so facing pages end alike */
	int last_page_lines; /* the fewest lines a report's last page should have */

	/* [body] */
	yb_face body;        /* pitch is the line pitch of the grid */
	double indent;       /* first-line indent, pt (2 字 by default) */

	/* [title] the report title on its opening page; [heading1]..[heading4] */
	yb_face title;
	yb_face heading[4];
	/* run-in headings use heading[level-1].role and bold at the body size */

	/* [cover] */
	yb_face cover_title, cover_subtitle, cover_org, cover_date;
	yb_colour cover_paper; /* the ground of the cover spread (build cover) */
	yb_colour cover_ink;   /* its text and rules */

	/* [contents] */
	char *toc_title;     /* "目录" */
	yb_face toc_heading; /* the word 目录 */
	yb_face toc_entry[3];/* [0] report titles, [1] level 1, [2] level 2 */
	int toc_levels;      /* heading levels shown under each report: 0..2, -1 auto (toc.c) */
	int toc_leaders;     /* dot leaders between entry and page number */

	/* [front-matter] the editorial board, preface and reading notes a manifest names */
	char *front_title[3];  /* opening titles by yb_front_kind (manifest.h): 编委会, 前言, 凡例 */
	yb_face front_heading; /* their opening titles */
	yb_align board_align;  /* the editorial board's lines (names in columns: left) */

	/* [imprint] the imprint page (版权页) of a manifest's [imprint] */
	int imprint_last_page; /* on the book's last page, else on the back of the title page */
	char *imprint_notice;  /* an internal publication's notice: 内部资料，免费交流 */
	char *cip_title;       /* the CIP data block's heading: 图书在版编目（CIP）数据 */
	yb_face imprint;       /* its lines, set at the foot of the type area */
	yb_face imprint_heading; /* the notice and the CIP heading */
	int imprint_rules;     /* thin rules above and below the imprint's list */

	/* [running-head] */
	int running_heads;   /* book title on even pages, report title on odd pages */
	yb_face running_head;
	int running_head_rule; /* a thin rule under the running head */
	double running_head_gap; /* baseline of the running head above the type area, pt */

	/* [folio] page numbers */
	char *folio_format;  /* e.g. "— %d —"; exactly one %d */
	yb_face folio;
	yb_folio_pos folio_position;
	double folio_offset; /* baseline distance below the type area, pt */
	double folio_inset;  /* distance in from the type area's outer edge, pt */
	int folio_front_arabic; /* front matter numbered 1, 2, ... and the body continues (else i, ii, ...) */

	/* [typography] */
	yb_kinsoku kinsoku;
	yb_punct punct;
	int han_latin_space; /* ¼ em between Han and Latin/digits */
	char *quote_role;       /* the face “ ” ‘ ’ next to Chinese text come from when the
	                           text's face draws them narrow (LXGW WenKai); NULL: none */

	/* [elements] official-document elements (GB/T 9704-2012 §7.3.5) */
	double date_right;   /* 成文日期 in from the type area's right edge, pt */
	int signature_over_date; /* 发文机关署名 centred over the date (else flush right like it) */
	double attachments_indent; /* 附件说明 in from the left edge, pt; its further items align
	                              with the first item's text */
	double note_indent;  /* 附注 in from the left edge, pt */
	double element_gap;  /* space above the 附件说明 and above the signature block, pt */
	double copies_thick, copies_thin; /* 版记's rules above and below it, and between its
	                                     lines (抄送 / 印发), pt; 0: none */
	int copies_foot;     /* 版记 at the foot of its page */

	/* [table] */
	yb_face table;
	double table_rule_thick, table_rule_thin; /* pt */
	char *table_continued; /* the line over a table's header on a page it continues on: "续表" */
	char *overview_title;  /* the book's report overview table: "汇编报告一览表" */
	char *figures_title;   /* the book's key figures table: "主要数据一览表" */

	/* [press] PDF/X-1a output (build --press, cover --press) */
	double bleed;        /* beyond the trim on every side, pt */
	int crop_marks, registration_marks, slug;
	double mark_offset, mark_length, mark_width; /* crop marks: from the trim, long, thick, pt */
	char *output_condition;      /* the OutputConditionIdentifier, e.g. "FOGRA39" */
	char *output_condition_info; /* its description */
	double paper_caliper;        /* thickness of one sheet (two pages), pt: the spine */

	void *strings;       /* private: the GStringChunk that owns every string above */
} yb_style;

/* Loads a style by NAME (a file styles/NAME.ini under the data directory)
 * or by path (anything containing '/' or ending in ".ini").  Unknown keys are
 * warnings naming file, line and the nearest known key; bad values are
 * errors naming file, line and what is allowed.  Returns NULL after printing
 * when the style cannot be used.  styles_dir NULL means the data directory's
 * styles/ (yb_paths_data("styles")). */
yb_style *yb_style_load(const char *name_or_path, const char *styles_dir);
void yb_style_free(yb_style *s);

/* The styles in styles_dir (the names of its .ini files), sorted,
 * NULL-terminated; caller frees with g_strfreev(). */
char **yb_style_names(const char *styles_dir);

/* NULL when the style exists (NAME in styles_dir, NULL meaning the data
 * directory's styles/; or a path to a file), else the message saying so and
 * what to give instead, with the nearest style name; caller frees (g_free).
 * The loader and the command line's --style print the same message. */
char *yb_style_missing(const char *name_or_path, const char *styles_dir);

/* 1 when name_or_path is a path (contains '/' or ends in ".ini"), 0 when it
 * names a style of the styles folder. */
int yb_style_is_path(const char *name_or_path);

/* Type area width and height, pt. */
double yb_style_text_width(const yb_style *s);
double yb_style_text_height(const yb_style *s);

/* The grid (see above): whole body characters on a line of the type area,
 * and body lines in its height.  The layout fills pages to this count. */
int yb_style_chars_per_line(const yb_style *s);
int yb_style_lines_per_page(const yb_style *s);

/* One face of the style and the part of the book it sets ("body",
 * "heading1", "cover title", "contents level1", "table" ...). */
typedef struct yb_style_part {
	char name[32];
	const yb_face *face;
} yb_style_part;

/* The style's faces, every one in the order of the style file: fills *part
 * with the i-th and returns 1, or returns 0 past the last.
 *   for (size_t i = 0; yb_style_face_at(st, i, &p); i++) ... */
int yb_style_face_at(const yb_style *s, size_t i, yb_style_part *part);

#endif
