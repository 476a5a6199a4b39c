#include "pages.h"

#include <assert.h>
#include <fontconfig/fontconfig.h>
#include <string.h>

yb_doc *yb_doc_new(void)
{
	yb_doc *doc = g_new0(yb_doc, 1);
	doc->pages = g_ptr_array_new_with_free_func((GDestroyNotify)yb_page_free);
	doc->fonts = g_array_new(FALSE, TRUE, sizeof(yb_font_ref));
	doc->dests = g_array_new(FALSE, TRUE, sizeof(yb_dest));
	doc->outline = g_array_new(FALSE, TRUE, sizeof(yb_outline));
	return doc;
}

void yb_doc_free(yb_doc *doc)
{
	if (!doc)
		return;
	g_ptr_array_free(doc->pages, TRUE);
	for (guint i = 0; i < doc->fonts->len; i++) {
		yb_font_ref *f = &g_array_index(doc->fonts, yb_font_ref, i);
		g_free(f->file);
		if (f->pattern)
			FcPatternDestroy(f->pattern);
	}
	g_array_free(doc->fonts, TRUE);
	g_array_free(doc->dests, TRUE);
	for (guint i = 0; i < doc->outline->len; i++)
		g_free(g_array_index(doc->outline, yb_outline, i).title);
	g_array_free(doc->outline, TRUE);
	g_free(doc->title);
	g_free(doc->author);
	g_free(doc->subject);
	g_free(doc->keywords);
	g_free(doc->creator);
	g_free(doc->date);
	g_free(doc->lang);
	g_free(doc);
}

static void new_content(yb_page *page)
{
	page->items = g_array_new(FALSE, TRUE, sizeof(yb_item));
	page->glyphs = g_array_new(FALSE, FALSE, sizeof(yb_glyph));
	page->clusters = g_array_new(FALSE, FALSE, sizeof(yb_cluster));
	page->text = g_string_new(NULL);
}

static void free_content(yb_page *page)
{
	g_array_free(page->items, TRUE);
	g_array_free(page->glyphs, TRUE);
	g_array_free(page->clusters, TRUE);
	g_string_free(page->text, TRUE);
}

yb_page *yb_page_new(float width, float height, float ox, float oy)
{
	yb_page *page = g_new0(yb_page, 1);
	page->width = width;
	page->height = height;
	page->ox = ox;
	page->oy = oy;
	new_content(page);
	return page;
}

void yb_page_free(yb_page *page)
{
	if (!page)
		return;
	free_content(page);
	g_free(page->label);
	g_free(page);
}

void yb_page_clear(yb_page *page)
{
	free_content(page);
	new_content(page);
}

yb_item *yb_page_add(yb_page *page, yb_item_kind kind)
{
	yb_item item = {.kind = kind};
	g_array_append_val(page->items, item);
	return &g_array_index(page->items, yb_item, page->items->len - 1);
}

void yb_page_add_rule(yb_page *page, float x0, float y0, float x1, float y1, float width)
{
	yb_item *it = yb_page_add(page, YB_ITEM_RULE);
	it->u.rule.x0 = x0;
	it->u.rule.y0 = y0;
	it->u.rule.x1 = x1;
	it->u.rule.y1 = y1;
	it->u.rule.width = width;
}

void yb_page_add_tag(yb_page *page, yb_item_kind kind, const char *name)
{
	assert(kind == YB_ITEM_TAG_BEGIN || kind == YB_ITEM_TAG_END);
	yb_page_add(page, kind)->u.tag.name = name;
}

/* The document's tables (fonts, destinations) may be read by a writer while
 * other threads add to them (pages.h, the page sink). */
static GMutex doc_lock;

uint32_t yb_doc_add_dest(yb_doc *doc)
{
	g_mutex_lock(&doc_lock);
	yb_dest d = {.page = -1};
	snprintf(d.name, sizeof d.name, "d%u", doc->dests->len);
	g_array_append_val(doc->dests, d);
	uint32_t i = doc->dests->len - 1;
	g_mutex_unlock(&doc_lock);
	return i;
}

yb_dest yb_doc_dest_at(const yb_doc *doc, uint32_t i)
{
	g_mutex_lock(&doc_lock);
	assert(i < doc->dests->len);
	yb_dest d = g_array_index(doc->dests, yb_dest, i);
	g_mutex_unlock(&doc_lock);
	return d;
}

void yb_doc_place_dest(yb_doc *doc, uint32_t i, int page, float x, float y)
{
	g_mutex_lock(&doc_lock);
	yb_dest *d = &g_array_index(doc->dests, yb_dest, i);
	d->page = page;
	d->x = x;
	d->y = y;
	g_mutex_unlock(&doc_lock);
}

int *yb_doc_dest_pages(const yb_doc *doc, guint *n)
{
	g_mutex_lock(&doc_lock);
	int *pages = g_new(int, doc->dests->len + 1);
	*n = doc->dests->len;
	for (guint i = 0; i < doc->dests->len; i++)
		pages[i] = g_array_index(doc->dests, yb_dest, i).page;
	g_mutex_unlock(&doc_lock);
	return pages;
}

uint32_t yb_doc_font(yb_doc *doc, const char *file, int index, FcPattern *pattern)
{
	g_mutex_lock(&doc_lock);
	guint i = 0;
	for (; i < doc->fonts->len; i++) {
		yb_font_ref *f = &g_array_index(doc->fonts, yb_font_ref, i);
		if (f->index == index && strcmp(f->file, file) == 0)
			break;
	}
	if (i == doc->fonts->len) {
		yb_font_ref f = {g_strdup(file), index, pattern ? FcPatternDuplicate(pattern) : NULL};
		if (f.pattern)
			FcPatternDel(f.pattern, FC_EMBOLDEN);
		g_array_append_val(doc->fonts, f);
	}
	g_mutex_unlock(&doc_lock);
	return i;
}

yb_font_ref yb_doc_font_at(const yb_doc *doc, uint32_t i)
{
	g_mutex_lock(&doc_lock);
	assert(i < doc->fonts->len);
	yb_font_ref f = g_array_index(doc->fonts, yb_font_ref, i);
	g_mutex_unlock(&doc_lock);
	return f;
}

/* ---- the layout dump ---------------------------------------------------- */

static const char *const punct_names[] = {" punct=full", "", " punct=edge"}; /* yb_punct */

static const char *const role_names[] = {
	"body", "heading", "title", "toc", "cover", "head", "folio", "table"
};

/* Prints the characters of one run with the advance each cluster takes
 * (the distance to the next cluster's first glyph, or to `end` for the last). */
static void dump_run(const yb_page *page, const yb_item *it, float next_x, FILE *out)
{
	const yb_glyph *g = &g_array_index(page->glyphs, yb_glyph, it->u.run.glyph0);
	const yb_cluster *c = &g_array_index(page->clusters, yb_cluster, it->u.run.cluster0);
	const char *t = page->text->str + it->u.run.text0;
	uint32_t gi = 0;
	float end = next_x - it->u.run.x;
	for (uint32_t ci = 0; ci < it->u.run.nclusters; ci++) {
		float x0 = gi < it->u.run.nglyphs ? g[gi].x : end; /* a cluster may draw nothing */
		gi += c[ci].glyphs;
		float x1 = gi < it->u.run.nglyphs ? g[gi].x : end;
		if (c[ci].bytes == 1 && g_ascii_isspace(*t))
			fprintf(out, " <sp>:%.3f", x1 - x0);   /* white space, visible in the dump */
		else
			fprintf(out, " %.*s:%.3f", (int)c[ci].bytes, t, x1 - x0);
		t += c[ci].bytes;
	}
}

/* The x of the first glyph of the run after `i` on the same line, or the line's end. */
static float next_run_x(const yb_page *page, guint i, float line_end)
{
	for (guint j = i + 1; j < page->items->len; j++) {
		const yb_item *n = &g_array_index(page->items, yb_item, j);
		if (n->kind == YB_ITEM_RUN && n->u.run.nglyphs)
			return n->u.run.x + g_array_index(page->glyphs, yb_glyph, n->u.run.glyph0).x;
		if (n->kind == YB_ITEM_LINE)
			break;
	}
	return line_end;
}

static void dump_page(const yb_doc *doc, const yb_page *page, guint pno, FILE *out)
{
	float line_end = 0;
	fprintf(out, "page %u label=%s size=%.2fx%.2f origin=%.2f,%.2f\n", pno + 1,
	        page->label ? page->label : "-", page->width, page->height, page->ox, page->oy);
	for (guint i = 0; i < page->items->len; i++) {
		const yb_item *it = &g_array_index(page->items, yb_item, i);
		if (it->kind == YB_ITEM_LINE) {
			line_end = it->u.line.x + it->u.line.width;
			fprintf(out, "%sline p%u %s", i ? "\n" : "", pno + 1, role_names[it->u.line.role]);
			if (it->u.line.level)
				fprintf(out, "%u", it->u.line.level);
			fprintf(out, " x=%.2f y=%.2f w=%.2f measure=%.2f%s%s\n ",
			        it->u.line.x, it->u.line.y, it->u.line.width, it->u.line.measure,
			        it->u.line.last ? " last" : "", punct_names[it->u.line.punct]);
		} else if (it->kind == YB_ITEM_RUN) {
			const yb_font_ref *f = &g_array_index(doc->fonts, yb_font_ref, it->u.run.font);
			fprintf(out, " [%s#%d %.3f]", strrchr(f->file, '/') ? strrchr(f->file, '/') + 1 : f->file,
			        f->index, it->u.run.size);
			dump_run(page, it, next_run_x(page, i, line_end), out);
		}
	}
	fputc('\n', out);
}

void yb_doc_dump(const yb_doc *doc, FILE *out)
{
	for (guint p = 0; p < doc->pages->len; p++)
		dump_page(doc, g_ptr_array_index(doc->pages, p), p, out);
	fprintf(out, "end pages=%u\n", doc->pages->len);   /* a reader can tell a whole dump */
}
