/* archive: PDF/A-1b output (yearbook build --archive [--split]).
 *
 * render_haru.c is the libharu backend (the only code that talks to
 * libharu): it replays pages of a display list into a PDF/A-1b file.
 * archive.c drives it: the whole book, one file per report with --split,
 * the DA/T 46 metadata of each file and the hand-over files beside them.
 *
 * The archive is laid out with fonts/archive.conf (TrueType faces only), so
 * the files the layout measured are the files libharu embeds.
 */
#ifndef YB_ARCHIVE_H
#define YB_ARCHIVE_H

#include "compose.h"
#include "pages.h"

/* What an archive file says about itself (DA/T 46 elements); every string
 * may be NULL or empty (left out), all borrowed. */
typedef struct yb_archive_meta {
	const char *title;     /* 题名 */
	const char *issuer;    /* 责任者 (the report's issuing body, the book's editor) */
	const char *date;      /* 日期, YYYY-MM-DD */
	const char *docnum;    /* 文号 */
	const char *year;      /* 年度 */
	const char *lang;      /* 语种, e.g. "zh-CN" */
	const char *compiler;  /* 编制单位: who compiled the book */
	const char *subject, *keywords;
	const char *creator;   /* the producing software and its version */
	const char *created;   /* creation instant, ISO 8601 "2024-01-01T00:00:00" (UTC) */
	const char *part_of;   /* the book's title, for a split report */
	int order;             /* place in the book (1-based), 0 for the book itself */
} yb_archive_meta;

struct yb_press;

/* Pages [first, last) of doc (last 0 = all) as one PDF/A-1b file, written
 * atomically to path.  icc: the sRGB profile for the output intent.  With
 * press (press.h) the file is PDF/X-1a:2001 instead, on sheets with bleed
 * and marks, and icc is unused.  Stores the page count in *pages.  0, or
 * -1 after printing. */
int yb_render_haru(const yb_doc *doc, guint first, guint last, const yb_archive_meta *meta,
                   const char *icc, const struct yb_press *press, const char *path, guint *pages);

/* The sRGB ICC profile: the first readable file of archive/archive.ini's
 * list.  NULL after printing what to install. */
char *yb_archive_find_icc(void);

/* `--archive`: the book to `out`; with split, `out` is a folder that gets
 * the book, one file per report and the hand-over files (list.csv,
 * list.json, book.xml).  0, or -1 after printing. */
int yb_archive_write(const yb_doc *doc, const yb_book *book, const char *out, int split,
                     const char *producer);

#endif
