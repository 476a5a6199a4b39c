/* batch: `yearbook batch`, many books in one run.
 *
 *   yearbook batch [OPTIONS] BOOK.ini|FOLDER...
 *
 * Every manifest named, and every manifest under a folder named, is one
 * book, built to its `output =` (or the manifest's name with .pdf; under
 * --out DIR when given).  Books are built in parallel by child processes,
 * books whose inputs have not changed since their last build are skipped,
 * and the run ends with a table of every book and an exit status: 0 every
 * book built (or unchanged), 1 some input refused, 2 usage, 3 a system
 * failure.  See batch.c for the design.
 */
#ifndef YB_BATCH_H
#define YB_BATCH_H

#include <stddef.h>

/* The whole command: argv[0] is "batch"; argv0 is the process's argv[0]
 * (to find yearbook itself again when /proc/self/exe cannot tell).
 * Prints everything it has to say; returns the exit status. */
int yb_batch_main(int argc, char **argv, const char *argv0);

/* The number of pages of a PDF written by yearbook: the /Count of its
 * page tree's root.  -1 when none is found.  (For the table; exposed for
 * the unit test.) */
int yb_batch_pdf_pages(const char *pdf, size_t len);

#endif
