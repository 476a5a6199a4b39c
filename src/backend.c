#include "backend.h"

#include <assert.h>

int yb_backend_replay_page(const yb_doc *doc, const yb_backend *be, const yb_page *page, guint index)
{
	if (be->begin_page(be->state, doc, page, index) != 0)
		return -1;
	for (guint i = 0; i < page->items->len; i++)
		be->item(be->state, doc, page, &g_array_index(page->items, yb_item, i));
	return be->end_page(be->state, doc, page, index);
}

int yb_backend_replay(const yb_doc *doc, const yb_backend *be, guint first, guint last)
{
	assert(!doc->streamed);   /* its pages went to a page sink and are empty */
	if (!last || last > doc->pages->len)
		last = doc->pages->len;
	for (guint p = first; p < last; p++)
		if (yb_backend_replay_page(doc, be, g_ptr_array_index(doc->pages, p), p) != 0)
			return -1;
	return be->finish(be->state, doc);
}
