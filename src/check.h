/* check: `yearbook check FILES|book.ini` prints, for each report, what was
 * recognised (title, issuer, date, number, year, elements, headings with
 * level, number and line) as an outline an editor reads in a minute, with
 * every doubtful thing on a line of its own starting with `?`.
 *
 * The manifest's per-report values and structure overrides are applied.
 */
#ifndef YB_CHECK_H
#define YB_CHECK_H

#include <stddef.h>
#include <stdio.h>

typedef struct yb_check_opts {
	int keep_punctuation;   /* as build --keep-punctuation */
	int normalize_ranges;   /* list the ranges build --normalize-ranges would set */
	const char *encoding;   /* --encoding: every report's; NULL: the manifest's, else detected */
} yb_check_opts;

/* Writes the outline of `files` (report files, or one book .ini) to `out`
 * and the number of doubtful things to *doubtful.  Reports are read as
 * build reads them (the encoding given, else the manifest's, else
 * detected).  With normalize_ranges (or the manifest's normalize-ranges =
 * true) each report also lists the lines whose ranges build
 * --normalize-ranges would set with an em dash, and how many; the text
 * shown is left as written.  Returns 0, or -1 after printing a diagnostic
 * (a bad report or manifest, a write error). */
int yb_check_run(char *const *files, const yb_check_opts *o, FILE *out, size_t *doubtful);

#endif
