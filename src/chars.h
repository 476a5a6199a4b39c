/* chars: small UTF-8 character helpers shared by parse.c, numbering.c and structure.c.
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
