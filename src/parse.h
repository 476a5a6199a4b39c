/* parse: UTF-8 text of one report -> yb_report (title, metadata, headings, paragraphs).
 *
 * Structure is recognised from the text alone (structure.h): the title over
 * one to three lines, official-document elements, headings ranked by the
 * first appearance of their numbering style, numbered paragraphs, articles,
 * appendices and run-in headings and leads; the editor's line overrides win.
 * Half-width , : ; ( ) ? ! between Chinese characters become full-width
 * unless opts->keep_punctuation (one note per file with the count).
 *
 * The caller owns the report and frees it with yb_report_release().
 */
#ifndef YB_PARSE_H
#define YB_PARSE_H

#include "read.h"
#include "tree.h"

/* An editor's correction of one line: a heading of `level` (1..4), or body
 * text (level 0).  From the manifest: heading2 = 42, 57 / body = 60. */
typedef struct yb_line_override {
	long line;
	int level;
} yb_line_override;

typedef struct yb_parse_opts {
	int keep_punctuation;   /* --keep-punctuation: leave half-width marks as they are */
	const yb_line_override *lines;  /* structure overrides, or NULL */
	size_t nlines;
} yb_parse_opts;

/* Returns 0, or -1 after printing a diagnostic. */
int yb_parse_report(const yb_text *text, const yb_parse_opts *opts, yb_report *out);

/* Numbering styles, in the order a document usually ranks them. */
typedef enum yb_numbering {
	YB_NUM_NONE,
	YB_NUM_PART,          /* 第一编 */
	YB_NUM_CHAPTER,       /* 第一章 */
	YB_NUM_SECTION,       /* 第一节 */
	YB_NUM_CN,            /* 一、 */
	YB_NUM_PAREN_CN,      /* （一） (一) */
	YB_NUM_DIGIT,         /* 1. 1、 1． */
	YB_NUM_PAREN_DIGIT,   /* （1） (1) */
	YB_NUM_ARTICLE,       /* 第一条 */
	YB_NUM_COUNT
} yb_numbering;

/* The numbering that starts `line` (len bytes): its style, its length in
 * bytes (spaces after it included) in *number_len and, when value is not
 * NULL, its value (一 1, 十二 12, 3 3) in *value.  YB_NUM_NONE when the line
 * starts with no number. */
yb_numbering yb_parse_numbering(const char *line, size_t len, size_t *number_len, long *value);

/* The heading recogniser on its own, for tests: returns the level (1..4) of
 * `line` (len bytes) and the byte length of its number in *number_len, or 0
 * when the line is not a heading. */
int yb_parse_heading_level(const char *line, size_t len, size_t *number_len);

/* A date (2021年3月5日, 二○二一年三月五日, with ○ or 〇 as zero) in s[0..len):
 * the first one, or with whole set only one that is all of s but spaces.
 * Writes YYYY-MM-DD to iso[11] and returns the byte offset just past it, or
 * 0 when there is none. */
size_t yb_parse_date(const char *s, size_t len, int whole, char iso[11]);

#endif
