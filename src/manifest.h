/* manifest: a book manifest (INI) -> the book's metadata and its reports.
 *
 *   [book]
 *   title = 广东省法治政府建设年度报告汇编
 *   subtitle = ... / editor = ... / keywords = ...
 *   date = 2025-06-30          (YYYY-MM-DD)
 *   style = yearbook           (a style name, or a path to a .ini file)
 *   output = book.pdf          (default: the manifest's name with .pdf, beside it)
 *   archive = book-a.pdf       (yearbook batch also builds the PDF/A-1b archive there)
 *   archive-split = archive/   (and the archive split per report, with hand-over files)
 *   press = book-press.pdf     (and the PDF/X-1a interior, as build --press)
 *   press-cover = cover.pdf    (and its cover spread, as cover --press)
 *   indicators = my.ini       (the indicator file for `yearbook stats`; a path)
 *   toc-depth = auto|0|1|2    (heading levels in the contents; default: the style's)
 *   encoding = big5            (every report's encoding; default: detected)
 *   paper-caliper = 0.094mm    (yearbook cover: one sheet of this book's paper; default: the style's)
 *   back-cover = 内部资料 免费交流 (yearbook cover: a line on the back cover; default: none)
 *   editorial-board = front/board.txt   (front matter before the contents, each a
 *   preface = front/preface.txt          plain text file read like a report;
 *   notes = front/notes.txt              editorial-board-title = 编委会 ...
 *                                        replaces the style's opening title)
 *   [imprint]                  (the imprint page: 版权页, or an internal publication's)
 *   permit = / compiler = / publisher = / recipients = / printer =
 *   print-date = 2025-06 | 2025-06-30 / copies = 1000 / notice =
 *   isbn = 978-7-... (ISBN-13, check digit checked) / place = / subjects =
 *   classification = / cip-number =     (the CIP data block, with an isbn)
 *   page = title-verso | last-page     (default: the style's [imprint] position)
 *   [report 1]                 (every group whose name starts with "report",
 *   file = reports/a.txt        in file order, is one report of the book)
 *   title = / issuer = / year = / lang = zh-cn|zh-tw   (optional overrides)
 *   encoding = gb18030          (this report's encoding)
 *   date = 2021-03-05 / number = 南府发〔2021〕7号      (optional overrides)
 *   heading1 = 12 / heading2 = 42, 57 / ... heading4 / body = 60
 *                              (structure overrides: those lines of the
 *                               report are headings of that level, or body)
 *
 * Relative paths (report files, a style path, the output) are resolved
 * against the manifest's folder, and every path must stay inside it (links
 * followed) unless yb_manifest_allow_outside(1) (--allow-outside).  Group
 * names that only start like "report" ([reports], [reporter]) are unknown
 * groups; a key or group given twice is a warning.  Unknown groups and keys are warnings naming
 * file, line and the nearest known key; a missing or unreadable report file,
 * a report without `file`, no reports at all, a malformed date, year or
 * language, a file that is not UTF-8 or not INI are errors.
 *
 * The manifest owns every string in it; yb_manifest_release() frees them.
 */
#ifndef YB_MANIFEST_H
#define YB_MANIFEST_H

#include <stddef.h>

#include "parse.h"

/* toc-depth: the style decides; auto (see toc.c). */
enum { YB_TOC_STYLE = -2, YB_TOC_AUTO = -1 };

typedef struct yb_manifest_report {
	char *file;          /* resolved relative to the manifest's folder */
	char *title, *issuer, *year, *lang; /* NULL when absent */
	char *encoding;      /* NULL when absent */
	char *date, *number;  /* NULL when absent; date is YYYY-MM-DD */
	char *short_title;   /* the running heads' title (short-title =), NULL when absent */
	yb_line_override *lines;  /* structure overrides, in key order; NULL when none */
	size_t nlines;
	long line;           /* line of the group header */
} yb_manifest_report;

/* The front matter a manifest may name, in book order. */
typedef enum yb_front_kind { YB_FRONT_BOARD, YB_FRONT_PREFACE, YB_FRONT_NOTES, YB_FRONT_COUNT } yb_front_kind;

typedef struct yb_manifest_front {
	char *file;          /* resolved, or NULL when the manifest names none */
	char *title;         /* its opening title, or NULL: the style's */
} yb_manifest_front;

/* Where the imprint page goes: the style decides, the back of the title
 * page, or the book's last page. */
enum { YB_IMPRINT_STYLE = -1, YB_IMPRINT_TITLE_VERSO = 0, YB_IMPRINT_LAST_PAGE = 1 };

/* [imprint]: every value as given, NULL when absent. */
typedef struct yb_manifest_imprint {
	char *notice, *permit, *compiler, *publisher, *recipients, *printer;
	char *print_date;    /* YYYY-MM or YYYY-MM-DD */
	char *copies;        /* digits */
	char *isbn;          /* an ISBN-13 whose check digit is right, as written */
	char *place, *subjects, *classification, *cip_number;
	int page;            /* YB_IMPRINT_... */
} yb_manifest_imprint;

typedef struct yb_manifest {
	char *path;          /* the manifest file, as given */
	char *title, *subtitle, *editor, *date, *style, *output, *keywords; /* NULL when absent */
	char *indicators;    /* resolved relative to the manifest's folder, or NULL */
	char *archive, *archive_split; /* more outputs for yearbook batch; resolved, or NULL */
	char *press, *press_cover;     /* the same, for build --press and cover --press */
	int normalize_ranges; /* normalize-ranges = true: as build --normalize-ranges */
	double paper_caliper; /* pt, or 0 when absent (the style's) */
	char *back_cover;    /* text for the cover spread's back cover, or NULL */
	int toc_depth;       /* toc-depth: 0..2, YB_TOC_AUTO, or YB_TOC_STYLE when absent */
	char *encoding;      /* [book] encoding, or NULL */
	yb_manifest_front front[YB_FRONT_COUNT];
	yb_manifest_imprint imprint;
	yb_manifest_report *reports;
	size_t nreports;
} yb_manifest;

/* Reads `path` into *out.  Returns 0, or -1 after printing every problem
 * found (then *out holds nothing to release). */
int yb_manifest_read(const char *path, yb_manifest *out);
void yb_manifest_release(yb_manifest *m);
/* The encoding of report i: its own, else the book's, else NULL (detect). */
const char *yb_manifest_encoding(const yb_manifest *m, size_t i);
/* Lets manifests read from now on name files outside their folder. */
void yb_manifest_allow_outside(int allow);

/* NULL when v is a date that exists, written YYYY-MM-DD; else the message
 * that `date =` here and --date on the command line both print:
 * "'2025-13-40' is not a date; use YYYY-MM-DD, e.g. 2025-06-30" (g_free). */
char *yb_manifest_bad_date(const char *v);

/* NULL when v names an encoding yearbook reads (utf-8, gb18030, big5 and
 * their aliases); else the message that `encoding =` and --encoding both
 * print (g_free). */
char *yb_manifest_bad_encoding(const char *v);

/* NULL when v is an ISBN-13 (hyphens and spaces allowed, an "ISBN" in
 * front too) whose check digit is right; else the message saying what is
 * wrong (g_free). */
char *yb_manifest_bad_isbn(const char *v);

/* Where the book goes: `output =` (resolved), else the manifest's own path
 * with ".ini" replaced by ".pdf", beside it.  Newly allocated. */
char *yb_manifest_output(const yb_manifest *m);

#endif
