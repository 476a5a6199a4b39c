/* numbering: heading numbers and dates in Chinese text.  See numbering.h.
 * (Moved out of parse.c so that parse.c and structure.c both build on it
 * without including each other.) */
#include "numbering.h"

#include "chars.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------------
 * Heading numbers
 */

/* A run of 1..5 Chinese numerals, or NULL. */
static const char *span_cn_numeral(const char *p, const char *end)
{
	const char *q = p, *n;
	int k = 0;
	while (k < 5 && yb_in_set(YB_CN_NUMERALS, yb_peek(q, end, &n))) {
		q = n;
		k++;
	}
	return k ? q : NULL;
}

/* A run of 1..3 digits not followed by a fourth, or NULL. */
static const char *span_digits(const char *p, const char *end)
{
	const char *q = p, *n;
	int k = 0;
	while (yb_is_digit_any(yb_peek(q, end, &n))) {
		if (++k > 3)
			return NULL;
		q = n;
	}
	return k ? q : NULL;
}

/* 一、 */
static const char *match_cn_list(const char *p, const char *end)
{
	const char *q = span_cn_numeral(p, end), *n;
	return q && yb_peek(q, end, &n) == 0x3001 ? n : NULL;
}

/* 1. 1、 1． with no digit after the mark (1.5万, 99.75%) */
static const char *match_digit_list(const char *p, const char *end)
{
	const char *q = span_digits(p, end), *n, *after;
	if (!q || !yb_in_set(".、．", yb_peek(q, end, &n)))
		return NULL;
	return yb_is_digit_any(yb_peek(n, end, &after)) ? NULL : n;
}

/* （一） (一) or （1） (1), by `span` */
static const char *match_paren(const char *p, const char *end,
                               const char *(*span)(const char *, const char *))
{
	const char *n, *q;
	if (!yb_is_paren_open(yb_peek(p, end, &n)) || !(q = span(n, end)))
		return NULL;
	return yb_is_paren_close(yb_peek(q, end, &n)) ? n : NULL;
}

/* 第一编 第一章 第一节 第一条 followed by a space or the end of the line */
static const char *match_chapter(const char *p, const char *end, yb_numbering *style)
{
	const char *n, *q, *after;
	if (yb_peek(p, end, &n) != 0x7B2C)   /* 第 */
		return NULL;
	if (!(q = span_cn_numeral(n, end)) && !(q = span_digits(n, end)))
		return NULL;
	gunichar unit = yb_peek(q, end, &after);
	*style = yb_in_set("编編", unit) ? YB_NUM_PART : yb_in_set("章", unit) ? YB_NUM_CHAPTER
	       : yb_in_set("节節", unit) ? YB_NUM_SECTION : yb_in_set("条條", unit) ? YB_NUM_ARTICLE : YB_NUM_NONE;
	if (!*style)
		return NULL;
	gunichar c = yb_peek(after, end, &n);
	return c == 0 || yb_is_gap(c) || c == '\t' ? after : NULL;
}

/* The value of the numeral (digits or Chinese) that starts at p: 十二 12, 一百零一 101. */
static long numeral_value(const char *p, const char *end)
{
	const char *n;
	gunichar c = yb_peek(p, end, &n);
	if (yb_is_digit_any(c)) {
		long v = 0;
		for (; yb_is_digit_any(c); p = n, c = yb_peek(p, end, &n))
			v = v * 10 + g_unichar_digit_value(c);
		return v;
	}
	static const char digits[] = "〇一二三四五六七八九";
	long v = 0, cur = 0;
	for (; yb_in_set(YB_CN_NUMERALS, c); p = n, c = yb_peek(p, end, &n)) {
		if (c == 0x5341 || c == 0x767E) {   /* 十 百 */
			v += (cur ? cur : 1) * (c == 0x5341 ? 10 : 100);
			cur = 0;
		} else if (c != 0x96F6) {           /* 零 is a place holder */
			cur = g_utf8_pointer_to_offset(digits, g_utf8_strchr(digits, -1, c));
		}
	}
	return v + cur;
}

yb_numbering yb_parse_numbering(const char *line, size_t len, size_t *number_len, long *value)
{
	const char *end = line + len, *q, *n, *num = line;
	yb_numbering style = YB_NUM_NONE;
	if ((q = match_cn_list(line, end)))
		style = YB_NUM_CN;
	else if ((q = match_paren(line, end, span_cn_numeral)))
		style = YB_NUM_PAREN_CN;
	else if ((q = match_digit_list(line, end)))
		style = YB_NUM_DIGIT;
	else if ((q = match_paren(line, end, span_digits)))
		style = YB_NUM_PAREN_DIGIT;
	else if (!(q = match_chapter(line, end, &style)))
		return YB_NUM_NONE;
	if (style != YB_NUM_CN && style != YB_NUM_DIGIT)
		yb_peek(line, end, &num);   /* past （ or 第 */
	while (yb_is_gap(yb_peek(q, end, &n)))
		q = n;
	*number_len = (size_t)(q - line);
	if (value)
		*value = numeral_value(num, end);
	return style;
}

/* ---------------------------------------------------------------------------
 * Dates
 */

/* A digit of a year: 0-9 of either width, or 〇 ○ 零 一 … 九; -1 otherwise. */
static int year_digit(gunichar c)
{
	static const char cn[] = "〇一二三四五六七八九";
	if (yb_is_digit_any(c))
		return g_unichar_digit_value(c);
	if (c == 0x25CB || c == 0x96F6)   /* ○ 零 */
		return 0;
	const char *at = c ? g_utf8_strchr(cn, -1, c) : NULL;
	return at ? (int)g_utf8_pointer_to_offset(cn, at) : -1;
}

/* A month or day (1-2 digits, or 一 … 三十一) followed by `unit`; its value or 0. */
static int date_part(const char **p, const char *end, gunichar unit, int max)
{
	const char *q = *p, *n;
	int k = 0;
	while (k < 3 && (yb_is_digit_any(yb_peek(q, end, &n)) || yb_in_set("一二三四五六七八九十", yb_peek(q, end, &n)))) {
		q = n;
		k++;
	}
	if (!k || yb_peek(q, end, &n) != unit)
		return 0;
	long v = numeral_value(*p, q);
	*p = n;
	return v >= 1 && v <= max ? (int)v : 0;
}

static const char *match_date(const char *p, const char *end, char iso[11])
{
	const char *n = p;
	int year = 0;
	for (int i = 0; i < 4; i++) {
		int d = year_digit(yb_peek(p, end, &n));
		if (d < 0)
			return NULL;
		year = year * 10 + d;
		p = n;
	}
	if (yb_peek(p, end, &n) != 0x5E74 || year < 1900 || year > 2199)   /* 年 */
		return NULL;
	p = n;
	int month = date_part(&p, end, 0x6708, 12), day = month ? date_part(&p, end, 0x65E5, 31) : 0;   /* 月 日 */
	if (!day)
		return NULL;
	g_snprintf(iso, 11, "%04d-%02d-%02d", year, month, day);
	return p;
}

size_t yb_parse_date(const char *s, size_t len, int whole, char iso[11])
{
	const char *end = s + len, *p = s, *n, *q;
	if (whole) {
		while (yb_is_gap(yb_peek(p, end, &n)))
			p = n;
		if (!(q = match_date(p, end, iso)))
			return 0;
		for (p = q; yb_is_gap(yb_peek(p, end, &n)); p = n)
			;
		return p == end ? (size_t)(q - s) : 0;
	}
	for (; p < end; p = g_utf8_next_char(p))
		if (year_digit(yb_peek(p, end, &n)) >= 0 && (p == s || year_digit(g_utf8_get_char(g_utf8_prev_char(p))) < 0) &&
		    (q = match_date(p, end, iso)))
			return (size_t)(q - s);
	return 0;
}

int yb_parse_heading_level(const char *line, size_t len, size_t *number_len)
{
	static const int level[YB_NUM_COUNT] = {
		[YB_NUM_CN] = 1, [YB_NUM_PAREN_CN] = 2, [YB_NUM_DIGIT] = 3, [YB_NUM_PAREN_DIGIT] = 4,
		[YB_NUM_PART] = 1, [YB_NUM_CHAPTER] = 1, [YB_NUM_SECTION] = 2, [YB_NUM_ARTICLE] = 3,
	};
	return level[yb_parse_numbering(line, len, number_len, NULL)];
}
