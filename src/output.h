/* output: write a book (or a proof) without ever leaving half of it.
 *
 * yb_output_open() picks how the path is written (see output.c): a new file
 * or an existing PDF through a temporary file beside it, renamed into place
 * by yb_output_commit() (the old file's permission bits kept); `-`, a
 * character device or a pipe through a scratch file copied into it, never
 * replacing it.  It refuses a folder, an existing file that is not a PDF or
 * that the user may not write, a block device or socket.  The caller writes through yb_output_write();
 * yb_output_abort() removes the temporary file.  On SIGINT, SIGTERM or SIGHUP
 * the temporary file is removed before the process exits with 128 + the
 * signal (130 for Ctrl-C), so an interrupted build never leaves a partial
 * file and never touches the previous output.  One output at a time per
 * process.
 */
#ifndef YB_OUTPUT_H
#define YB_OUTPUT_H

#include <stddef.h>

typedef struct yb_output yb_output;

/* The checks yb_output_open() makes, before anything is laid out: 0, or -1
 * after printing (a folder, a file that is not a PDF, a missing folder...). */
int yb_output_check(const char *path);
/* NULL after printing. */
yb_output *yb_output_open(const char *path);
/* The same for a file that is not a PDF: an existing file is replaced only
 * when it starts with `magic` (at most 16 bytes), what yearbook writes there. */
yb_output *yb_output_open_as(const char *path, const char *magic);
/* 0, or -1 after printing (e.g. the disk is full); later writes are no-ops
 * once one failed (sticky error). */
int yb_output_write(yb_output *o, const void *data, size_t len);
/* Whether a write already failed (and was reported): what follows need not
 * say so again. */
int yb_output_failed(const yb_output *o);
/* Bytes written so far, and reading them back (for a file format that
 * appends an update to what it wrote).  pread returns 0 or -1 after printing. */
long yb_output_size(const yb_output *o);
int yb_output_pread(yb_output *o, void *buf, size_t len, long offset);
/* Puts the file in place; 0 or -1 after printing.  Frees `o` either way. */
int yb_output_commit(yb_output *o);
void yb_output_abort(yb_output *o);

/* 0 when `path` is absent, empty, or a regular file starting with `magic`
 * (what yearbook itself writes there); else -1 after a usage error. */
int yb_output_may_replace(const char *path, const char *magic);
/* The same, and the folder `path` goes in exists and may be written: the
 * check, before anything is laid out, for a file written in place (a
 * proof). */
int yb_output_check_new(const char *path, const char *magic);

/* SOURCE_DATE_EPOCH (NULL or empty: unset) is a time the PDF can carry, so
 * that the same inputs give the same bytes; else -1 after a usage error. */
int yb_output_check_epoch(const char *sde);

/* Opens /dev/null on standard input, output or error when the program was
 * started with one closed, so no file opened later takes its number (a book
 * written into itself, notes written into the PDF); '-o -' is then refused. */
void yb_output_guard_stdio(void);

/* From now on a fatal library error, a failed allocation or a crash exits
 * with status 3 and a message, removing the temporary file. */
void yb_output_catch_faults(void);

#endif
