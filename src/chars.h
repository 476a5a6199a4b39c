/* chars: Chinese character classes and small UTF-8 character helpers, shared
 * by parse.c, numbering.c, structure.c, linebreak.c and setter.c.
 *
 * Everything here is static inline and allocates nothing; pointers are into
 * the caller's text.
 */
#ifndef YB_CHARS_H
#define YB_CHARS_H

#include <stddef.h>

#include <glib.h>

static inline int yb_is_han(gunichar c)
{
	return g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN;
}

/* The CJK Unified Ideographs block (U+4E00..U+9FFF): the common Han case,
 * cheaper than a script lookup. */
static inline int yb_is_han_basic(gunichar c)
{
	return c >= 0x4E00 && c <= 0x9FFF;
}

/* A visible character at or above U+2E80 (CJK radicals onward): Han, kana,
 * CJK punctuation and full-width forms alike. */
static inline int yb_is_cjk_graph(gunichar c)
{
	return c >= 0x2E80 && g_unichar_isgraph(c);
}

/* Opening marks “‘（【〔〖［｛《〈「『: never at a line's end. */
static inline int yb_is_open_mark(gunichar c)
{
	switch (c) {
	case 0x201C: case 0x2018: case 0xFF08: case 0x3010: case 0x3014: case 0x3016:
	case 0xFF3B: case 0xFF5B: case 0x300A: case 0x3008: case 0x300C: case 0x300E:
		return 1;
	}
	return 0;
}

/* Closing marks 、，。．：；！？”’）】〕〗］｝》〉」』: never at a line's start. */
static inline int yb_is_close_mark(gunichar c)
{
	switch (c) {
	case 0x3001: case 0xFF0C: case 0x3002: case 0xFF0E: case 0xFF1A: case 0xFF1B:
	case 0xFF01: case 0xFF1F: case 0x201D: case 0x2019: case 0xFF09: case 0x3011:
	case 0x3015: case 0x3017: case 0xFF3D: case 0xFF5D: case 0x300B: case 0x3009:
	case 0x300D: case 0x300F:
		return 1;
	}
	return 0;
}

/* The spaces skipped when looking for a neighbour or after a number. */
static inline int yb_is_gap(gunichar c)
{
	return c == ' ' || c == 0x3000;
}

static inline int yb_is_digit_any(gunichar c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* A half- or full-width opening / closing parenthesis. */
static inline int yb_is_paren_open(gunichar c) { return c == '(' || c == 0xFF08; }
static inline int yb_is_paren_close(gunichar c) { return c == ')' || c == 0xFF09; }

/* The character at p (before end), 0 at the end; *next is set past it. */
static inline gunichar yb_peek(const char *p, const char *end, const char **next)
{
	if (p >= end)
		return 0;
	gunichar c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2)
		return 0;
	*next = g_utf8_next_char(p);
	return c;
}

static inline int yb_in_set(const char *set, gunichar c)
{
	return c && g_utf8_strchr(set, -1, c) != NULL;
}

/* Number of characters in s[0..len), counting no further than limit + 1. */
static inline size_t yb_count_chars(const char *s, size_t len, size_t limit)
{
	size_t n = 0;
	for (const char *p = s; p < s + len && n <= limit; p = g_utf8_next_char(p))
		n++;
	return n;
}

/* The last character of s (len > 0 bytes). */
static inline gunichar yb_last_char(const char *s, size_t len)
{
	return g_utf8_get_char(g_utf8_prev_char(s + len));
}

#endif
