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

#include "cli.h"

#include <stddef.h>

/* The command's options and help, for the command table (main.c), which
 * parses them before yb_batch_run(). */
extern const yb_cli_group *const yb_batch_groups[];
extern const char yb_batch_help[];

/* The whole command on its operands (BOOK.ini|FOLDER..., at least one).
 * Prints everything it has to say; returns the exit status (0 to 3). */
int yb_batch_run(char **books);

/* The number of pages of a PDF written by yearbook: the /Count of its
 * page tree's root.  -1 when none is found.  (For the table; exposed for
 * the unit test.) */
int yb_batch_pdf_pages(const char *pdf, size_t len);

#endif
