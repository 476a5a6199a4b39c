/* toc: the contents (目录), set after the body (internal to layout).  See toc.c. */
#ifndef YB_TOC_H
#define YB_TOC_H

#include "block.h"

/* Sets the contents, appending its pages to `front`; `extra` (the
 * front-matter texts before it, the summary tables set right after it) are
 * listed first. */
void yb_toc_set(yb_setter *s, const yb_lctx *c, guint nbody, GPtrArray *front,
                const yb_front_entry *extra, guint nextra);

#endif
