/* json: the one JSON string writer behind every machine-readable output
 * (stats --json, the batch report, the archive's hand-over list).  It
 * appends to a GString the caller owns. */
#ifndef YB_JSON_H
#define YB_JSON_H

#include <glib.h>

/* `v` as a JSON string ('"' '\' and control characters escaped; UTF-8
 * passed through), or null when `v` is NULL. */
void yb_json_string(GString *s, const char *v);

#endif
