/* stats: key figures (主要数据一览表) found in the reports' text.
 *
 * An indicator file (its format is described at the top of
 * styles/indicators/rule-of-law.ini) names each indicator, its group, the
 * words that identify it in a sentence and the units it takes.
 * yb_stats_extract() looks for figures tied to those words and builds a
 * table: one row per indicator (file order), one column per report.  A cell
 * holds every hit found in that report; it has a value only when all hits
 * agree, otherwise it is ambiguous and left empty (never guessed).
 *
 * yb_indicators_load() fills a yb_indicators the caller releases with
 * yb_indicators_release().  yb_stats_extract() returns a table the caller
 * frees with yb_stats_free(); it borrows the indicators and reports, which
 * must outlive it.  It searches the reports on up to `threads` threads (0:
 * one a core), each report filling its own column.  Every string in either is owned by its structure.
 */
#ifndef YB_STATS_H
#define YB_STATS_H

#include "tree.h"

#include <stddef.h>
#include <stdio.h>

typedef struct yb_indicator {
	char *name;           /* the group name in the file: 法律援助案件 */
	char *group;          /* 法律援助 */
	char **words;         /* NULL-terminated; words before the figure */
	char **after;         /* NULL-terminated; words right after the figure */
	char **units;         /* NULL-terminated: 件, 人次, % */
	char **context;       /* NULL-terminated: one must stand in the sentence (none: any sentence) */
	long line;            /* line of the group in the file */
} yb_indicator;

typedef struct yb_indicators {
	char *path;
	yb_indicator *items;
	size_t n;
} yb_indicators;

/* Returns 0, or -1 after printing every problem (then *out holds nothing). */
int yb_indicators_load(const char *path, yb_indicators *out);
void yb_indicators_release(yb_indicators *ind);

/* One figure found for an indicator in a report. */
typedef struct yb_stats_hit {
	char *value;          /* as written, with its unit and marks: "1874件", "400余万元", "千余次", "约1,280万元" */
	char *unit;           /* the unit it was taken in: "件", "元" */
	int approx;           /* written with 余 多 约 近 超过 逾 (Chinese numerals such as 三份 are kept as written) */
	size_t block;         /* index of the block in the report */
	size_t offset;        /* byte offset of the sentence in the block's text */
	long line;            /* source line */
	char *sentence;       /* the sentence (between 。；！？) holding the figure */
} yb_stats_hit;

typedef struct yb_stats_cell {
	yb_stats_hit *hits;   /* in text order, one per distinct value; NULL when none */
	size_t nhits;         /* 0 empty, 1 a value (hits[0]), > 1 ambiguous: left empty */
} yb_stats_cell;

typedef struct yb_stats {
	const yb_indicators *ind;   /* borrowed: rows */
	const yb_report *reports;   /* borrowed: columns */
	size_t nrows, ncols;
	yb_stats_cell *cells;       /* nrows * ncols, row-major */
} yb_stats;

yb_stats *yb_stats_extract(const yb_indicators *ind, const yb_report *reports, size_t n, int threads);
void yb_stats_free(yb_stats *s);

/* The cell of indicator `row` in report `col`. */
const yb_stats_cell *yb_stats_cell_at(const yb_stats *s, size_t row, size_t col);

typedef enum yb_stats_format { YB_STATS_TEXT, YB_STATS_CSV, YB_STATS_JSON } yb_stats_format;

/* Prints the table with file, line and sentence of every value and every
 * ambiguous candidate.  TEXT: per indicator, one line per report that has
 * something; CSV: one row per hit (indicator,group,file,issuer,year,value,
 * number,unit,approx,line,status,sentence; status "ok" or "ambiguous");
 * JSON: an array of indicators, each with its cells (file, issuer, year,
 * status, hits).  `value` is the figure as written ("400余万元"), `number`
 * the number it stands for in `unit` (4000000, in 元; empty or null when it
 * cannot be read), `approx` whether it was written as approximate.  Issuer
 * and year are the reports' (NULL: empty or null).  Returns 0, or -1 on a
 * write error. */
int yb_stats_print(const yb_stats *s, yb_stats_format fmt, FILE *out);

#endif
