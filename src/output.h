/* output: write a file atomically.
 *
 * yb_output_open() creates a temporary file beside the final path; the
 * caller writes to it through yb_output_write(); yb_output_commit() flushes,
 * syncs and renames it into place, yb_output_abort() removes it.  On SIGINT,
 * SIGTERM or SIGHUP the temporary file is removed before the process exits
 * (status 130), so an interrupted build never leaves a partial file and
 * never touches the previous output.  One output at a time per process.
 */
#ifndef YB_OUTPUT_H
#define YB_OUTPUT_H

#include <stddef.h>

typedef struct yb_output yb_output;

/* NULL after printing (a missing or read-only folder, ...). */
yb_output *yb_output_open(const char *path);
/* 0, or -1 after printing (e.g. the disk is full); later writes are no-ops
 * once one failed (sticky error). */
int yb_output_write(yb_output *o, const void *data, size_t len);
/* Bytes written so far, and reading them back (for a file format that
 * appends an update to what it wrote).  pread returns 0 or -1 after printing. */
long yb_output_size(const yb_output *o);
int yb_output_pread(yb_output *o, void *buf, size_t len, long offset);
/* Renames the file into place; 0 or -1 after printing.  Frees `o` either way. */
int yb_output_commit(yb_output *o);
void yb_output_abort(yb_output *o);

#endif
