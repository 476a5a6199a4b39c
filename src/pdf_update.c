/* pdf_update: see pdf_update.h. */
#include "pdf_update.h"

#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
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

/* ---- moving the front matter first -------------------------------------- */

/* The offset of object `num`, from the classic cross-reference table at
 * `xref` (one subsection from object 0, 20-byte entries); -1 if not found. */
static long object_at(yb_pdf_reader read, void *closure, long xref, long size, int num)
{
	char head[48], entry[21];
	long n = MIN(size - xref, (long)sizeof head - 1);
	if (n <= 0 || read(closure, head, (size_t)n, xref) != 0)
		return -1;
	head[n] = 0;
	int first, count, used = 0;
	if (sscanf(head, "xref %d %d%n", &first, &count, &used) != 2 || first != 0 || num <= 0 || num >= count)
		return -1;
	const char *e = head + used;
	e += strspn(e, "\r\n ");
	long at = xref + (e - head) + 20L * num, off;
	char kind;
	if (at + 20 > size || read(closure, entry, 20, at) != 0)
		return -1;
	entry[20] = 0;
	return sscanf(entry, "%ld %*d %c", &off, &kind) == 2 && kind == 'n' && off > 0 && off < size ? off : -1;
}

/* Object `num`'s text, "num 0 obj" to "endobj" (a dictionary, no stream),
 * NUL-terminated; NULL if it cannot be read. */
static char *read_object(yb_pdf_reader read, void *closure, long xref, long size, int num)
{
	long at = object_at(read, closure, xref, size, num);
	char head[24];
	snprintf(head, sizeof head, "%d 0 obj", num);
	for (long want = 4096; at >= 0; want *= 2) {
		long to = MIN(size, at + want);
		char *text = read_back(read, closure, at, to);
		char *end = text ? memmem(text, (size_t)(to - at), "endobj", 6) : NULL;
		if (end && strncmp(text, head, strlen(head)) == 0) {
			end[6] = 0;
			return text;
		}
		g_free(text);
		if (!text || end || to == size)
			return NULL;
	}
	return NULL;
}

/* Where key `key` (not a longer name) is in the dictionary text; NULL if not. */
static const char *find_key(const char *text, const char *key)
{
	size_t k = strlen(key);
	for (const char *p = strstr(text, key); p; p = strstr(p + 1, key))
		if (!g_ascii_isalnum(p[k]))
			return p;
	return NULL;
}

/* The references "N G R" in text [p, end) into `refs` (pairs of longs); 0,
 * or -1 if there is anything else. */
static int parse_refs(const char *p, const char *end, GArray *refs)
{
	for (;;) {
		p += strspn(p, " \r\n");
		if (p >= end)
			return 0;
		char *e;
		long ref[2];
		ref[0] = strtol(p, &e, 10);
		ref[1] = strtol(e, &e, 10);
		e += strspn(e, " \r\n");
		if (e >= end || *e != 'R' || ref[0] <= 0)
			return -1;
		g_array_append_vals(refs, ref, 2);
		p = e + 1;
	}
}

/* `obj` with the references in its `key` array rotated so the last `moved`
 * come first; NULL if the key is not an array of at least `moved` plain
 * references. */
static char *move_refs(const char *obj, const char *key, guint moved)
{
	const char *k = find_key(obj, key);
	const char *open = k ? k + strlen(key) + strspn(k + strlen(key), " \r\n") : NULL;
	const char *close = open && *open == '[' ? strchr(open, ']') : NULL;
	GArray *refs = g_array_new(FALSE, FALSE, sizeof(long));
	if (!close || parse_refs(open + 1, close, refs) != 0 || moved > refs->len / 2) {
		g_array_free(refs, TRUE);
		return NULL;
	}
	guint n = refs->len / 2;
	GString *out = g_string_new_len(obj, open + 1 - obj);
	for (guint i = 0; i < n; i++) {
		guint from = (i + n - moved) % n;
		g_string_append_printf(out, " %ld %ld R", g_array_index(refs, long, 2 * from),
		                       g_array_index(refs, long, 2 * from + 1));
	}
	g_string_append_printf(out, " %s", close);
	g_array_free(refs, TRUE);
	return g_string_free(out, FALSE);
}

/* The object the catalog's entry `key` refers to; 0 if none. */
static int catalog_ref(const char *entries, const char *key)
{
	const char *k = find_key(entries, key);
	int num = 0;
	return k && sscanf(k + strlen(key), " %d 0 R", &num) == 1 ? num : 0;
}

/* New revisions of the page tree and the structure tree root with the
 * moved entries first, appended to `objs` (text of each whole object); 0,
 * or -1 after printing. */
static int moved_objects(yb_pdf_reader read, void *closure, long size, const trailer *t, const char *entries,
                         const yb_pdf_fix *fix, GPtrArray *objs)
{
	static const struct { const char *catalog_key, *array_key, *what; } trees[] = {
		{"/Pages", "/Kids", "page tree"},
		{"/StructTreeRoot", "/K", "structure tree"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(trees); i++) {
		guint moved = i == 0 ? fix->moved_pages : fix->moved_elems;
		if (!moved)
			continue;
		int num = catalog_ref(entries, trees[i].catalog_key);
		char *obj = num ? read_object(read, closure, t->startxref, size, num) : NULL;
		char *fixed = obj ? move_refs(obj, trees[i].array_key, moved) : NULL;
		g_free(obj);
		if (!fixed)
			return yb_diag_syserr("cannot reorder the %s of the PDF cairo wrote", trees[i].what);
		g_ptr_array_add(objs, fixed);
	}
	return 0;
}

/* A cross-reference subsection of one entry. */
typedef struct xentry {
	int num;
	long at;
} xentry;

static int by_num(const void *a, const void *b)
{
	return ((const xentry *)a)->num - ((const xentry *)b)->num;
}

static void append_update(GString *u, long size, const trailer *t, const char *entries, const yb_pdf_fix *fix,
                          const GPtrArray *moved)
{
	xentry x[4];
	guint nx = 0;
	for (guint i = 0; i < moved->len; i++) {
		const char *obj = g_ptr_array_index(moved, i);
		x[nx++] = (xentry){atoi(obj), size + (long)u->len};
		g_string_append_printf(u, "%s\n", obj);
	}
	x[nx++] = (xentry){t->size, size + (long)u->len};
	g_string_append_printf(u, "%d 0 obj\n<< /Nums [", t->size);
	if (fix->front_pages && !fix->front_arabic)
		g_string_append_printf(u, "0 << /S /r >> ");
	g_string_append_printf(u, "%u << /S /D >>] >>\nendobj\n", fix->front_arabic ? 0 : fix->front_pages);
	x[nx++] = (xentry){t->root, size + (long)u->len};
	g_string_append_printf(u, "%d 0 obj\n<<%s   /PageLabels %d 0 R\n   /MarkInfo << /Marked true >>\n"
	                       "   /Lang (%s)\n>>\nendobj\n", t->root, entries, t->size, fix->lang ? fix->lang : "zh-CN");
	long xref_at = size + (long)u->len;
	qsort(x, nx, sizeof x[0], by_num);
	g_string_append(u, "xref\n");
	for (guint i = 0; i < nx; i++)
		g_string_append_printf(u, "%d 1\n%010ld 00000 n \n", x[i].num, x[i].at);
	g_string_append_printf(u, "trailer\n<< /Size %d\n   /Root %d 0 R\n", t->size + 1, t->root);
	if (t->info)
		g_string_append_printf(u, "   /Info %d 0 R\n", t->info);
	g_string_append_printf(u, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", t->startxref, xref_at);
}

GString *yb_pdf_update_make(yb_pdf_reader read, void *closure, long size, const yb_pdf_fix *fix)
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
	GPtrArray *moved = g_ptr_array_new_with_free_func(g_free);
	GString *u = NULL;
	if (moved_objects(read, closure, size, &t, entries, fix, moved) == 0) {
		u = g_string_new(NULL);
		append_update(u, size, &t, entries, fix, moved);
	}
	g_ptr_array_free(moved, TRUE);
	g_free(entries);
	return u;
}

static int read_output(void *closure, char *buf, size_t n, long offset)
{
	return yb_output_pread(closure, buf, n, offset);
}

int yb_pdf_update(yb_output *out, const yb_pdf_fix *fix)
{
	if (yb_output_failed(out))
		return -1; /* the disk is full, say: said once, where it happened */
	GString *u = yb_pdf_update_make(read_output, out, yb_output_size(out), fix);
	if (!u)
		return -1;
	int rc = yb_output_write(out, u->str, u->len);
	g_string_free(u, TRUE);
	return rc;
}
