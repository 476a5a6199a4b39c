/* read: bytes of a report file -> UTF-8 text with stable line numbers.
 *
 * Accepts UTF-8 with or without BOM, LF, CRLF or lone CR line ends, and
 * UTF-16 or UTF-32 (by its byte order mark; UTF-16 also without), converted
 * with a note; a file
 * that is not valid UTF-8 is read as GB18030 (2022, and the 2005 codes of
 * the characters 2022 moved) or as Big5, whichever gives fewer improbable
 * characters, with a note naming the encoding; when both are improbable it
 * is refused naming both.  Unicode noncharacters are refused with line and
 * column.  A file given twice gets a note.  Inputs over 64 MiB (a pipe or a
 * device included) are refused.  Refuses, with a diagnostic naming file, line and byte offset: a
 * missing/unreadable file, an empty file (nothing but white space), a binary
 * file, and bytes that are neither UTF-8 nor GB18030.
 *
 * The caller owns the yb_text and frees it with yb_text_release().
 */
#ifndef YB_READ_H
#define YB_READ_H

#include <stddef.h>

typedef struct yb_text {
	char *path;        /* as given, owned */
	char *data;        /* UTF-8, NUL-terminated, line ends normalised to '\n', BOM removed; owned */
	size_t len;        /* bytes in data, without the terminating NUL */
	int from_gb18030;  /* 1 when the file was converted from GB18030 */
	const char *encoding; /* what it was read as: "UTF-8", "GB18030", "Big5", "UTF-16LE"... (static) */
} yb_text;

/* Reads and validates `path`.  Returns 0, or -1 after printing a diagnostic
 * (bad input counts as an input error, an I/O failure as a system error). */
int yb_read_file(const char *path, yb_text *out);

/* Same checks on bytes already in memory (for tests and fuzzing). */
int yb_read_bytes(const char *path, const char *bytes, size_t len, yb_text *out);

/* The same, in a given encoding (utf-8, gb18030, gbk, gb2312, big5, cp950,
 * big5-hkscs, any case) instead of detecting it; NULL detects.  An unknown
 * name is a usage error. */
int yb_read_file_as(const char *path, const char *encoding, yb_text *out);
int yb_read_bytes_as(const char *path, const char *bytes, size_t len, const char *encoding, yb_text *out);

/* The bytes of a file the user named (NUL-terminated, in *buf, the caller's),
 * bounded: a pipe nobody writes to reads at once as empty (refused), more
 * than `max` bytes (a device, a runaway pipe) is refused, and so is a
 * socket; `what` names the kind of file in the messages ("report file").  0, or
 * -1 after a diagnostic. */
int yb_read_raw(const char *path, size_t max, const char *what, char **buf, size_t *len);

/* The first Unicode noncharacter (U+FDD0..FDEF, U+xFFFE/xFFFF) in UTF-8 s,
 * with its 1-based line and column, or 0. */
unsigned int yb_read_noncharacter(const char *s, size_t len, long *line, long *col);
/* The first explicit bidi control (U+202A..202E, U+2066..2069) in UTF-8 s,
 * with its line and column, or 0; and what to say of one. */
unsigned int yb_read_bidi_control(const char *s, size_t len, long *line, long *col);
#define YB_READ_BIDI_WARNING "an explicit bidi control, is kept in the text but reorders nothing in the book " \
	"(a stray one could hide what the text says; a PDF viewer may reorder the title or outline by it)"
/* A usage error naming `what` when s (NULL: fine) holds a noncharacter; a
 * warning for an explicit bidi control. */
int yb_read_check_string(const char *what, const char *s);

/* The iconv name of a known encoding name, or NULL. */
const char *yb_read_encoding_name(const char *given);

void yb_text_release(yb_text *t);

#endif
