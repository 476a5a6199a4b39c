/* parse: UTF-8 text of one report -> yb_report (title, metadata, headings, paragraphs).
 *
 * Structure is recognised from the text alone: a title line, headings by
 * their numbering (一、 / （一） (一) / 1. 1、 1． / （1） (1); 第一章, 第一节,
 * 第一条), run-in headings, and paragraphs.  Half-width , : ; ( ) ? ! between
 * Chinese characters become full-width unless opts->keep_punctuation.
 *
 * The caller owns the report and frees it with yb_report_release().
 */
#ifndef YB_PARSE_H
#define YB_PARSE_H

#include "read.h"
#include "tree.h"

typedef struct yb_parse_opts {
	int keep_punctuation;   /* --keep-punctuation: leave half-width marks as they are */
} yb_parse_opts;

/* Returns 0, or -1 after printing a diagnostic. */
int yb_parse_report(const yb_text *text, const yb_parse_opts *opts, yb_report *out);

/* The heading recogniser on its own, for tests: returns the level (1..4) of
 * `line` (len bytes) and the byte length of its number in *number_len, or 0
 * when the line is not a heading. */
int yb_parse_heading_level(const char *line, size_t len, size_t *number_len);

#endif
