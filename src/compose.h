/* compose: parsed reports + manifest/command line -> the book to lay out.
 *
 * Compose takes everything the book is made of in one yb_compose_in (the
 * command line's and the manifest's values, the manifest's per-report
 * overrides, the parsed reports, the key figures, the creation time's
 * sources) and returns the whole book: the volume's fields (title, subtitle,
 * editor, date, language), for each report its parsed tree with its
 * effective title, issuer, year and language (the manifest's values win over
 * what the parser found), and the document information the PDF carries.  It
 * It also composes the imprint page's lines from the manifest's [imprint]
 * (only what it gives) and lists the front matter's texts.  It
 * also tells the editor what it had to decide (a note for each title built
 * rather than read, and for each key figure left empty because its report
 * gives two values).
 *
 * The book borrows the reports' trees and the statistics; yb_book_release()
 * frees only what compose allocated, the rest is released by its owner.
 */
#ifndef YB_COMPOSE_H
#define YB_COMPOSE_H

#include "manifest.h"
#include "read.h"
#include "script.h"
#include "tree.h"

struct yb_stats;

typedef struct yb_book_report {
	const yb_report *tree;  /* borrowed */
	char *title, *issuer, *year, *lang; /* effective values, owned; issuer/year may be NULL */
	char *short_title;      /* the manifest's short-title for the running heads, owned, or NULL */
	yb_script script;       /* resolved once from lang */
} yb_book_report;

/* The document information of the PDF, owned. */
typedef struct yb_book_info {
	char *title, *author, *subject, *keywords, *creator;
	char *lang;             /* BCP 47: "zh-CN", "zh-TW" */
	char *date;             /* the creation time, ISO 8601 (UTC) */
} yb_book_info;

/* A front-matter text (编委会, 前言, 凡例) the manifest names. */
typedef struct yb_book_front {
	yb_front_kind kind;
	const char *title;      /* the manifest's opening title, or NULL: the style's; borrowed */
	const yb_text *text;    /* borrowed */
} yb_book_front;

/* The imprint page, from the manifest's [imprint]; owned.  Absent (every
 * field empty) when the manifest gives none of its values. */
typedef struct yb_book_imprint {
	int notice;             /* an internal publication (a permit, or notice =): the notice heads it */
	char *notice_text;      /* the manifest's notice, or NULL: the style's */
	char **cip;             /* the CIP data block's lines under its heading, NULL-terminated; NULL without an ISBN */
	char **items;           /* "准印证号：…" lines, NULL-terminated; NULL when none */
	int page;               /* YB_IMPRINT_... (manifest.h) */
} yb_book_imprint;

typedef struct yb_book {
	char *title, *subtitle, *editor, *date; /* owned; subtitle/editor/date may be NULL */
	yb_script script;       /* the book's own text (cover, contents): Traditional when every report is */
	long long epoch;        /* creation time in the PDF (seconds), for reproducible output */
	yb_book_info info;
	const struct yb_stats *stats; /* key figures found in the reports, or NULL; borrowed */
	int toc_depth;          /* the manifest's toc-depth (YB_TOC_STYLE: the style's levels) */
	yb_book_front front[YB_FRONT_COUNT]; /* the texts the manifest names, in book order */
	size_t nfront;
	yb_book_imprint imprint;
	yb_book_report *reports;
	size_t nreports;
} yb_book;

/* What the book is made of; every pointer is borrowed. */
typedef struct yb_compose_in {
	const char *title, *subtitle, *editor, *date; /* the command line's (NULL or "": not given) */
	const yb_manifest *manifest;   /* or NULL: book fields, keywords, per-report overrides */
	const yb_report *reports;
	size_t nreports;
	const yb_text *front[YB_FRONT_COUNT]; /* the texts of the manifest's front matter, NULL when absent */
	const struct yb_stats *stats;  /* or NULL */
	const char *source_date_epoch; /* $SOURCE_DATE_EPOCH, or NULL */
	long long newest_input;        /* the newest input's modification time (seconds) */
	const char *creator;           /* the program named in the PDF */
} yb_compose_in;

/* Fills `book`.  The command line wins over the manifest; the book title
 * defaults to the only report's title, or a neutral "报告汇编".  The
 * creation time is SOURCE_DATE_EPOCH, else the book's date, else the newest
 * input's: never the clock, so that the same inputs give the same bytes. */
void yb_compose_book(yb_book *book, const yb_compose_in *in);
/* Whether the book has an imprint page. */
int yb_book_has_imprint(const yb_book *book);
void yb_book_release(yb_book *book);

#endif
