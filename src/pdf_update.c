/* pdf_update: see pdf_update.h. */
#include "pdf_update.h"

#include "diag.h"

#include <stdio.h>
#include <string.h>

#define TAIL_BYTES 1024       /* where the trailer must be */
#define CATALOG_BYTES 16384   /* where the catalog must be, before the xref table */

typedef struct trailer {
	long startxref;
	int size, root, info;
} trailer;

/* The keys the update sets; an old value of any of them is dropped. */
static const char *const replaced[] = {"/PageLabels", "/MarkInfo", "/Lang"};

/* The last occurrence of `needle` in n bytes (which may hold NULs). */
static const char *mem_rfind(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Whether a line of the catalog's dictionary sets one of the replaced keys. */
static int sets_replaced_key(const char *line)
{
	line += strspn(line, " \t\r");
	for (size_t i = 0; i < G_N_ELEMENTS(replaced); i++) {
		size_t k = strlen(replaced[i]);
		if (strncmp(line, replaced[i], k) == 0 && !g_ascii_isalnum(line[k]))
			return 1;
	}
	return 0;
}

/* The catalog's dictionary entries (between << and >>), one a line, without
 * the replaced keys; `text` is the n bytes before the cross-reference table. */
static char *catalog_entries(const char *text, size_t n, int root)
{
	char head[32];
	snprintf(head, sizeof head, "\n%d 0 obj", root);
	const char *p = mem_rfind(text, n, head);
	const char *stop = text + n;
	const char *open = p ? memmem(p, (size_t)(stop - p), "<<", 2) : NULL;
	const char *end = open ? memmem(open, (size_t)(stop - open), "endobj", 6) : NULL;
	const char *close = end ? mem_rfind(open, (size_t)(end - open), ">>") : NULL;
	if (!close)
		return NULL;
	GString *s = g_string_new(NULL);
	char *dict = g_strndup(open + 2, (gsize)(close - open - 2));
	char **lines = g_strsplit(dict, "\n", -1);
	g_free(dict);
	for (char **l = lines; *l; l++)
		if (**l && !sets_replaced_key(*l))
			g_string_append_printf(s, "%s\n", *l);
	g_strfreev(lines);
	return g_string_free(s, FALSE);
}

/* The trailer's numbers, from the last n bytes of the file (NULs may precede it). */
static int parse_trailer(const char *tail, size_t n, trailer *t)
{
	const char *p = mem_rfind(tail, n, "trailer");
	const char *sx = mem_rfind(tail, n, "startxref");
	if (!p || !sx)
		return -1;
	const char *sz = strstr(p, "/Size"), *rt = strstr(p, "/Root"), *in = strstr(p, "/Info");
	if (!sz || !rt || sscanf(sz, "/Size %d", &t->size) != 1 || sscanf(rt, "/Root %d", &t->root) != 1 ||
	    sscanf(sx, "startxref %ld", &t->startxref) != 1)
		return -1;
	t->info = in && sscanf(in, "/Info %d", &t->info) == 1 ? t->info : 0;
	return 0;
}

/* Bytes [from, to) of the PDF, NUL-terminated; NULL after printing. */
static char *read_back(yb_pdf_reader read, void *closure, long from, long to)
{
	char *buf = g_malloc((gsize)(to - from) + 1);
	if (read(closure, buf, (size_t)(to - from), from) != 0) {
		g_free(buf);
		return NULL;
	}
	buf[to - from] = 0;
	return buf;
}

static int find_trailer(yb_pdf_reader read, void *closure, long size, trailer *t)
{
	long from = size > TAIL_BYTES ? size - TAIL_BYTES : 0;
	char *tail = read_back(read, closure, from, size);
	int rc = tail ? parse_trailer(tail, (size_t)(size - from), t) : -1;
	g_free(tail);
	if (rc == 0 && (t->startxref <= 0 || t->startxref >= size))
		rc = -1;
	return rc;
}

static void append_update(GString *u, long size, const trailer *t, const char *entries,
                          guint front_pages, int front_arabic, const char *lang)
{
	long labels_at = size;
	g_string_append_printf(u, "%d 0 obj\n<< /Nums [", t->size);
	if (front_pages && !front_arabic)
		g_string_append_printf(u, "0 << /S /r >> ");
	g_string_append_printf(u, "%u << /S /D >>] >>\nendobj\n", front_arabic ? 0 : front_pages);
	long catalog_at = size + (long)u->len;
	g_string_append_printf(u, "%d 0 obj\n<<%s   /PageLabels %d 0 R\n   /MarkInfo << /Marked true >>\n"
	                       "   /Lang (%s)\n>>\nendobj\n", t->root, entries, t->size, lang ? lang : "zh-CN");
	long xref_at = size + (long)u->len;
	g_string_append_printf(u, "xref\n%d 1\n%010ld 00000 n \n%d 1\n%010ld 00000 n \n", t->root, catalog_at,
	                       t->size, labels_at);
	g_string_append_printf(u, "trailer\n<< /Size %d\n   /Root %d 0 R\n", t->size + 1, t->root);
	if (t->info)
		g_string_append_printf(u, "   /Info %d 0 R\n", t->info);
	g_string_append_printf(u, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", t->startxref, xref_at);
}

GString *yb_pdf_update_make(yb_pdf_reader read, void *closure, long size, guint front_pages, int front_arabic,
                            const char *lang)
{
	trailer t;
	if (find_trailer(read, closure, size, &t) != 0) {
		yb_diag_syserr("cannot find the trailer of the PDF cairo wrote");
		return NULL;
	}
	long from = t.startxref > CATALOG_BYTES ? t.startxref - CATALOG_BYTES : 0;
	char *before = read_back(read, closure, from, t.startxref);
	char *entries = before ? catalog_entries(before, (size_t)(t.startxref - from), t.root) : NULL;
	g_free(before);
	if (!entries) {
		yb_diag_syserr("cannot find the catalog of the PDF cairo wrote");
		return NULL;
	}
	GString *u = g_string_new(NULL);
	append_update(u, size, &t, entries, front_pages, front_arabic, lang);
	g_free(entries);
	return u;
}

static int read_output(void *closure, char *buf, size_t n, long offset)
{
	return yb_output_pread(closure, buf, n, offset);
}

int yb_pdf_update(yb_output *out, guint front_pages, int front_arabic, const char *lang)
{
	GString *u = yb_pdf_update_make(read_output, out, yb_output_size(out), front_pages, front_arabic, lang);
	if (!u)
		return -1;
	int rc = yb_output_write(out, u->str, u->len);
	g_string_free(u, TRUE);
	return rc;
}
