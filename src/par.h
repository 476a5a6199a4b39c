/* par: a loop whose steps run on several threads.
 *
 * yb_par_for() calls each(i, data) once for every i in [0, n), on up to
 * `threads` threads (0: one a core), the calling thread among them, and
 * returns when all are done.  The steps must not depend on each other's
 * order; a step that has something to tell the user keeps it for the
 * caller to tell in order afterwards (diagnostics print at once).  A thread
 * the system will not give is simply not used.
 */
#ifndef YB_PAR_H
#define YB_PAR_H

#include <stddef.h>

void yb_par_for(size_t n, int threads, void (*each)(size_t i, void *data), void *data);

#endif
