/* summary: the report overview and key figures tables after the contents
 * (internal to layout).  See summary.c. */
#ifndef YB_SUMMARY_H
#define YB_SUMMARY_H

#include "block.h"

/* Before the reports are set: a destination for each key figure, and each
 * report's anchors (c->reports[i].anchors) where its figures stand. */
void yb_summary_plan(yb_lctx *c);
/* Sets the summary tables into a new galley (the caller frees it) and fills
 * `entries` (at most 2) with where each starts; returns how many in *nentries. */
yb_galley *yb_summary_set(yb_setter *s, const yb_lctx *c, yb_front_entry *entries, guint *nentries);

#endif
