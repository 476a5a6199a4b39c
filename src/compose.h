/* compose: parsed reports + manifest/command line -> the book to lay out.
 *
 * The book holds the metadata of the whole volume and, for each report,
 * the parsed tree with its effective title, issuer, year and language (the
 * manifest's values win over what the parser found).  The book borrows the
 * reports' trees; yb_book_release() frees only what compose allocated, the
 * reports are released by their owner.
 */
#ifndef YB_COMPOSE_H
#define YB_COMPOSE_H

#include "tree.h"

typedef struct yb_book_report {
	const yb_report *tree;  /* borrowed */
	char *title, *issuer, *year, *lang; /* effective values, owned; issuer/year may be NULL */
} yb_book_report;

typedef struct yb_book {
	char *title, *subtitle, *editor, *date, *keywords; /* owned; subtitle/editor/date may be NULL */
	const char *lang;       /* the book's own text (cover, contents): "zh-tw" when every report is, else "zh-cn" */
	long long epoch;        /* creation time in the PDF (seconds), for reproducible output */
	const struct yb_stats *stats; /* key figures found in the reports, or NULL; borrowed */
	yb_book_report *reports;
	size_t nreports;
} yb_book;

/* Per-report overrides from a manifest (NULL fields keep what was parsed). */
typedef struct yb_compose_override {
	const char *title, *issuer, *year, *lang;
} yb_compose_override;

/* Fills `book`; overrides may be NULL or hold nreports entries.  The book
 * title defaults to the only report's title, or a neutral "报告汇编". */
void yb_compose_book(yb_book *book, const yb_report *reports, size_t nreports,
                     const yb_compose_override *overrides);
void yb_book_release(yb_book *book);

#endif
