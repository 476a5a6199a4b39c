/* read: bytes of a report file -> UTF-8 text with stable line numbers.
 *
 * Accepts UTF-8 with or without BOM, LF, CRLF or lone CR line ends; a file
 * that is not valid UTF-8 but is valid GB18030 is converted (with a note on
 * stderr).  Refuses, with a diagnostic naming file, line and byte offset: a
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
} yb_text;

/* Reads and validates `path`.  Returns 0, or -1 after printing a diagnostic
 * (bad input counts as an input error, an I/O failure as a system error). */
int yb_read_file(const char *path, yb_text *out);

/* Same checks on bytes already in memory (for tests and fuzzing). */
int yb_read_bytes(const char *path, const char *bytes, size_t len, yb_text *out);

void yb_text_release(yb_text *t);

#endif
