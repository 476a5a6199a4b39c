/* front: the front matter a manifest adds (internal to layout): the
 * imprint page (版权页) and the texts set before the contents (编委会,
 * 前言 or 编辑说明, 凡例).  See front.c. */
#ifndef YB_FRONT_H
#define YB_FRONT_H

#include "block.h"

/* Whether the imprint goes on the book's last page (else on the back of
 * the title page): the manifest's [imprint] page, else the style's. */
int yb_front_imprint_last(const yb_lctx *c);
/* The imprint page (origin 0, 0: the caller places it), or NULL when the
 * book has none.  It carries no folio. */
yb_page *yb_front_imprint(yb_setter *s, const yb_lctx *c);
/* Sets the book's front-matter texts onto `front`, each opening on a
 * right-hand page under its title, numbered like the contents, and fills
 * `entries` (YB_FRONT_COUNT at most) with each one's title, destination and
 * first page (its index in `front`); returns how many. */
guint yb_front_set(yb_setter *s, const yb_lctx *c, GPtrArray *front, yb_front_entry *entries);

#endif
