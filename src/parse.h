/* parse: UTF-8 text of one report -> yb_report (title, metadata, headings, paragraphs).
 *
 * Structure is recognised from the text alone (structure.h): the title over
 * one to three lines, official-document elements, headings ranked by the
 * first appearance of their numbering style, numbered paragraphs, articles,
 * appendices and run-in headings and leads; the editor's line overrides win.
 * Half-width , : ; ( ) ? ! between Chinese characters become full-width
 * unless opts->keep_punctuation (one note per file with the count); with
 * opts->normalize_ranges, 2020-2022 and 2020~2022 in Chinese text become
 * 2020—2022 (one note per file with the count).
 *
 * The caller owns the report and frees it with yb_report_release().
 */
#ifndef YB_PARSE_H
#define YB_PARSE_H

#include "numbering.h"
#include "read.h"
#include "structure.h"
#include "tree.h"

/* An editor's correction of one line: a heading of `level` (1..4), or body
 * text (level 0).  From the manifest: heading2 = 42, 57 / body = 60. */
typedef struct yb_parse_opts {
	int keep_punctuation;   /* --keep-punctuation: leave half-width marks as they are */
	int normalize_ranges;   /* --normalize-ranges: 2020-2022 / 2020~2022 in Chinese text -> 2020—2022 */
	const yb_line_override *lines;  /* structure overrides, or NULL */
	size_t nlines;
} yb_parse_opts;

/* Returns 0, or -1 after printing a diagnostic. */
int yb_parse_report(const yb_text *text, const yb_parse_opts *opts, yb_report *out);
/* Reports i < n from texts[i] with opts[i], on up to `threads` threads (0:
 * one a core), then their diagnostics in order, as yb_parse_report() would
 * print them one by one; a text that could not be read (no data: its
 * reader has said why) is left out.  Returns 0, or -1 when any could not
 * be read or parsed (its report is empty). */
int yb_parse_reports(const yb_text *texts, const yb_parse_opts *opts, yb_report *out, size_t n, int threads);

/* How many ranges opts->normalize_ranges would set with an em dash in s. */
size_t yb_parse_count_ranges(const char *s);

#endif
