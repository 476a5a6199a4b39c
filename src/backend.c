#include "backend.h"

int yb_backend_replay(const yb_doc *doc, const yb_backend *be, guint first, guint last)
{
	if (!last || last > doc->pages->len)
		last = doc->pages->len;
	for (guint p = first; p < last; p++) {
		const yb_page *page = g_ptr_array_index(doc->pages, p);
		if (be->begin_page(be->state, doc, page, p) != 0)
			return -1;
		for (guint i = 0; i < page->items->len; i++)
			be->item(be->state, doc, page, &g_array_index(page->items, yb_item, i));
		if (be->end_page(be->state, doc, page, p) != 0)
			return -1;
	}
	return be->finish(be->state, doc);
}
