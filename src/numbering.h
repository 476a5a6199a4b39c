/* numbering: heading numbers (一、 （一） 1. （1） 第一章 第一条 ...) and dates
 * (2021年3月5日, 二○二一年三月五日) in Chinese text, for the parser and the
 * structure recogniser.  Nothing here allocates.  The functions keep the
 * yb_parse_ names they had in parse.c. */
#ifndef YB_NUMBERING_H
#define YB_NUMBERING_H

#include <stddef.h>

/* The Chinese numerals numbers are written with (一、, 表一, 二○二一年). */
#define YB_CN_NUMERALS "〇零一二三四五六七八九十百"

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
