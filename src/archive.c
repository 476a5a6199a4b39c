/* archive: the archive build around the libharu backend.
 *
 * Design note.  The book is laid out once (with fonts/archive.conf) and
 * the display list is written whole as the PDF/A book; with --split, each
 * report's pages are written again as a file of their own, sliced from the
 * same list (so a split file shows exactly the book's pages and keeps the
 * book's page numbers as its page labels).  A report's pages run from its
 * title's page to the page before the next report's title, less the blank
 * pages that only pad the next report onto an odd page; the reports' title
 * pages are the body's top-level outline entries, in book order.
 *
 * Metadata follows DA/T 46: title, issuer (责任者), date, document number
 * (文号), year, language, page count, compiling body and producing software.
 * The date and document number are read from the report's own lines (a
 * dated signature line such as 2024年3月15日 or 二〇二四年三月十五日, and a
 * number such as 穗天府〔2024〕12号); what is not found is left out.
 *
 * The hand-over files (GB/T 18894 style) list every file in book order with
 * its size and SHA-256: list.csv, list.json, and the book's metadata as
 * book.xml.  Each file is written atomically (yb_output).
 */
#include "archive.h"

#include "json.h"

#include "diag.h"
#include "keyfile.h"
#include "output.h"
#include "paths.h"

#include <errno.h>
#include <string.h>

char *yb_archive_find_icc(void)
{
	char *ini = yb_paths_data("archive/archive.ini");
	yb_keyfile *kf = yb_keyfile_load(ini);
	char *found = NULL, *list = kf ? yb_keyfile_get(kf, "output-intent", "profiles") : NULL;
	char *install = kf ? yb_keyfile_get(kf, "output-intent", "install") : NULL;
	char **paths = g_strsplit(list ? list : "", ";", -1);
	for (char **p = paths; !found && *p; p++) {
		char *path = g_path_is_absolute(*p) ? g_strdup(*p) : yb_paths_data(*p);
		if (**p && g_file_test(path, G_FILE_TEST_IS_REGULAR) && access(path, R_OK) == 0)
			found = path;
		else
			g_free(path);
	}
	if (!found && kf)
		yb_diag_error(ini, yb_keyfile_line(kf, "output-intent", "profiles"),
		              "no sRGB ICC profile for the PDF/A output intent (none of '%s' can be read): "
		              "install %s, or put an sRGB profile at one of these paths",
		              list ? list : "", install ? install : "icc-profiles-free");
	g_strfreev(paths);
	g_free(list);
	g_free(install);
	yb_keyfile_free(kf);
	g_free(ini);
	return found;
}

/* ---- metadata read from a report's lines --------------------------------------- */

static int han_digit(const char **p)
{
	static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "○", "零"};
	static const int values[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0};
	if (**p >= '0' && **p <= '9')
		return *(*p)++ - '0';
	for (size_t i = 0; i < G_N_ELEMENTS(digits); i++)
		if (strncmp(*p, digits[i], strlen(digits[i])) == 0) {
			*p += strlen(digits[i]);
			return values[i];
		}
	return -1;
}

/* A number of one or more digits (0-9 or 〇一…九), or 十-forms up to 三十九. */
static int read_number(const char **p)
{
	int v = 0, n = 0, d;
	if (strncmp(*p, "十", 3) == 0) {
		*p += 3;
		v = 10;
		n = 1;
		if ((d = han_digit(p)) > 0)
			v += d;
		return v;
	}
	while ((d = han_digit(p)) >= 0) {
		v = v * 10 + d;
		n++;
		if (strncmp(*p, "十", 3) == 0) {
			*p += 3;
			v *= 10;
			if ((d = han_digit(p)) > 0)
				v += d;
			return v;
		}
	}
	return n ? v : -1;
}

/* A whole line that is a date: 2024年3月15日, 二〇二四年三月十五日. */
static char *date_line(const char *text)
{
	const char *p = text;
	int y = read_number(&p);
	if (y < 1900 || y > 2999 || strncmp(p, "年", 3) != 0)
		return NULL;
	p += 3;
	int m = read_number(&p);
	if (m < 1 || m > 12 || strncmp(p, "月", 3) != 0)
		return NULL;
	p += 3;
	int d = read_number(&p);
	if (d < 1 || d > 31 || strncmp(p, "日", 3) != 0 || p[3])
		return NULL;
	return g_strdup_printf("%04d-%02d-%02d", y, m, d);
}

/* 穗天府〔2024〕12号, 天府办[2024]3号, 京政发（2024）5号: a short line or the
 * start of one. */
static char *doc_number(const char *text)
{
	static GRegex *re;
	if (g_once_init_enter(&re)) {
		GRegex *r = g_regex_new("^\\p{Han}{1,12}[〔\\[（(【]\\d{4}[〕\\]）)】]\\d{1,5}号", 0, 0, NULL);
		g_once_init_leave(&re, r);
	}
	GMatchInfo *mi;
	char *num = NULL;
	if (g_regex_match(re, text, 0, &mi))
		num = g_match_info_fetch(mi, 0);
	g_match_info_free(mi);
	return num;
}

static void report_dates(const yb_report *r, char **date, char **docnum)
{
	*date = *docnum = NULL;
	for (size_t i = 0; i < r->nblocks && i < 8 && !*docnum; i++)
		*docnum = doc_number(r->blocks[i].text);
	for (size_t i = r->nblocks; i-- > 0 && !*date;)
		if (r->blocks[i].kind == YB_BLOCK_PARAGRAPH)
			*date = date_line(r->blocks[i].text);
}

/* ---- the pages of each report ------------------------------------------------ */

/* The first page of each report, from the body's top-level outline entries. */
static int report_pages(const yb_doc *doc, size_t nreports, guint *start)
{
	size_t k = 0;
	for (guint i = 0; i < doc->outline->len && k < nreports; i++) {
		const yb_outline *o = &g_array_index(doc->outline, yb_outline, i);
		const yb_dest *d = &g_array_index(doc->dests, yb_dest, o->dest);
		if (o->parent < 0 && d->page >= (int)doc->front_pages)
			start[k++] = (guint)d->page;
	}
	if (k != nreports)
		return yb_diag_syserr("cannot find the first pages of the reports (%zu of %zu)", k, nreports);
	start[nreports] = doc->pages->len;
	return 0;
}

/* The end of a report's pages: before the unlabelled blank pages that pad
 * the next report onto an odd page. */
static guint report_end(const yb_doc *doc, guint first, guint next)
{
	while (next > first + 1 && !((const yb_page *)g_ptr_array_index(doc->pages, next - 1))->label)
		next--;
	return next;
}

/* ---- the files --------------------------------------------------------------- */

typedef struct afile {
	char *name;          /* in the output folder */
	char *path;
	char *title, *issuer, *date, *docnum, *year;
	const char *lang;    /* "zh-CN", "zh-TW" */
	guint first, last, pages;
	gsize bytes;
	char *sha256;
} afile;

static void afile_clear(afile *f)
{
	g_free(f->name);
	g_free(f->path);
	g_free(f->title);
	g_free(f->issuer);
	g_free(f->date);
	g_free(f->docnum);
	g_free(f->year);
	g_free(f->sha256);
}

static int checksum(afile *f)
{
	char *data;
	GError *err = NULL;
	if (!g_file_get_contents(f->path, &data, &f->bytes, &err)) {
		yb_diag_syserr("cannot read back '%s': %s", f->path, err->message);
		g_error_free(err);
		return -1;
	}
	f->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, f->bytes);
	g_free(data);
	return 0;
}

/* "2020" when every report gives that year, "2020-2024" for a range, else NULL. */
static char *book_years(const yb_book *book)
{
	int lo = 0, hi = 0;
	for (size_t i = 0; i < book->nreports; i++) {
		int y = book->reports[i].year ? atoi(book->reports[i].year) : 0;
		if (!y)
			continue;
		lo = lo && lo < y ? lo : y;
		hi = hi > y ? hi : y;
	}
	if (!lo)
		return NULL;
	return lo == hi ? g_strdup_printf("%d", lo) : g_strdup_printf("%d-%d", lo, hi);
}

static char *stem_of(const char *path)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = 0;
	for (char *c = base; *c; c++)
		if (*c == ' ' || *c == '/' || *c == '\\')
			*c = '_';
	return base;
}

static int write_file(const yb_doc *doc, afile *f, const yb_archive_meta *m, const char *icc)
{
	yb_archive_meta meta = *m;
	meta.title = f->title;
	meta.issuer = f->issuer;
	meta.date = f->date;
	meta.docnum = f->docnum;
	meta.year = f->year;
	meta.lang = f->lang;
	return yb_render_haru(doc, f->first, f->last, &meta, icc, NULL, f->path, &f->pages);
}

/* ---- hand-over files ----------------------------------------------------------- */

static void csv_field(GString *s, const char *v, int last)
{
	v = v ? v : "";
	if (strpbrk(v, ",\"\n")) {
		g_string_append_c(s, '"');
		for (const char *c = v; *c; c++) {
			if (*c == '"')
				g_string_append_c(s, '"');
			g_string_append_c(s, *c);
		}
		g_string_append_c(s, '"');
	} else {
		g_string_append(s, v);
	}
	g_string_append(s, last ? "\n" : ",");
}

static void json_string(GString *s, const char *key, const char *v, int comma)
{
	g_string_append_printf(s, "    \"%s\": ", key);
	yb_json_string(s, v);
	g_string_append(s, comma ? ",\n" : "\n");
}

static char *list_csv(const afile *files, size_t n)
{
	GString *s = g_string_new("order,file,title,issuer,date,docnum,year,pages,bytes,sha256\n");
	for (size_t i = 0; i < n; i++) {
		const afile *f = &files[i];
		char num[3][24];
		snprintf(num[0], sizeof num[0], "%zu", i);
		snprintf(num[1], sizeof num[1], "%u", f->pages);
		snprintf(num[2], sizeof num[2], "%zu", (size_t)f->bytes);
		const char *row[] = {num[0], f->name, f->title, f->issuer, f->date, f->docnum, f->year,
		                     num[1], num[2], f->sha256};
		for (size_t k = 0; k < G_N_ELEMENTS(row); k++)
			csv_field(s, row[k], k + 1 == G_N_ELEMENTS(row));
	}
	return g_string_free(s, FALSE);
}

static char *list_json(const afile *files, size_t n)
{
	GString *s = g_string_new("[\n");
	for (size_t i = 0; i < n; i++) {
		const afile *f = &files[i];
		g_string_append_printf(s, "  {\n    \"order\": %zu,\n", i);
		json_string(s, "file", f->name, 1);
		json_string(s, "title", f->title, 1);
		json_string(s, "issuer", f->issuer, 1);
		json_string(s, "date", f->date, 1);
		json_string(s, "docnum", f->docnum, 1);
		json_string(s, "year", f->year, 1);
		g_string_append_printf(s, "    \"pages\": %u,\n    \"bytes\": %zu,\n", f->pages, (size_t)f->bytes);
		json_string(s, "sha256", f->sha256, 0);
		g_string_append_printf(s, "  }%s\n", i + 1 < n ? "," : "");
	}
	g_string_append(s, "]\n");
	return g_string_free(s, FALSE);
}

static void xml_element(GString *s, const char *indent, const char *tag, const char *v)
{
	if (!v || !*v)
		return;
	char *e = g_markup_escape_text(v, -1);
	g_string_append_printf(s, "%s<%s>%s</%s>\n", indent, tag, e, tag);
	g_free(e);
}

static void xml_file(GString *s, const char *indent, const afile *f)
{
	char num[24];
	xml_element(s, indent, "file", f->name);
	xml_element(s, indent, "title", f->title);
	xml_element(s, indent, "issuer", f->issuer);
	xml_element(s, indent, "date", f->date);
	xml_element(s, indent, "docnum", f->docnum);
	xml_element(s, indent, "year", f->year);
	xml_element(s, indent, "language", f->lang);
	snprintf(num, sizeof num, "%u", f->pages);
	xml_element(s, indent, "pages", num);
	snprintf(num, sizeof num, "%zu", (size_t)f->bytes);
	xml_element(s, indent, "bytes", num);
	xml_element(s, indent, "sha256", f->sha256);
}

static char *book_xml(const afile *files, size_t n, const yb_archive_meta *m)
{
	GString *s = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                          "<!-- DA/T 46 descriptive metadata of the book and its reports -->\n<book>\n");
	xml_file(s, "  ", &files[0]);
	xml_element(s, "  ", "compiler", m->compiler);
	xml_element(s, "  ", "producer", m->creator);
	xml_element(s, "  ", "created", m->created);
	g_string_append(s, "  <reports>\n");
	for (size_t i = 1; i < n; i++) {
		g_string_append_printf(s, "    <report order=\"%zu\">\n", i);
		xml_file(s, "      ", &files[i]);
		g_string_append(s, "    </report>\n");
	}
	g_string_append(s, "  </reports>\n</book>\n");
	return g_string_free(s, FALSE);
}

static int write_text(const char *dir, const char *name, char *text)
{
	char *path = g_build_filename(dir, name, NULL);
	char magic[6];
	g_strlcpy(magic, text, sizeof magic); /* each list's own first bytes: a rebuild replaces it */
	yb_output *o = yb_output_open_as(path, magic);
	int rc = o ? yb_output_write(o, text, strlen(text)) : -1;
	if (o)
		rc = rc == 0 ? yb_output_commit(o) : (yb_output_abort(o), -1);
	g_free(path);
	g_free(text);
	return rc;
}

static int make_folder(const char *dir)
{
	if (g_mkdir_with_parents(dir, 0777) != 0)
		return yb_diag_syserr("cannot create the folder '%s': %s", dir, g_strerror(errno));
	return 0;
}

/* The book (files[0]) and, with split, each report's file. */
static size_t plan_files(const yb_doc *doc, const yb_book *book, const char *out, int split, afile *files,
                         const guint *start)
{
	char *year = book_years(book);
	/* the book's date: its own, else the day it was made */
	char *date = book->date ? g_strdup(book->date) : doc->date ? g_strndup(doc->date, 10) : NULL;
	files[0] = (afile){.title = g_strdup(book->title), .issuer = g_strdup(book->editor), .date = date,
	                   .year = year, .lang = doc->lang, .first = 0, .last = doc->pages->len};
	files[0].name = split ? g_strdup("book.pdf") : g_path_get_basename(out);
	files[0].path = split ? g_build_filename(out, "book.pdf", NULL) : g_strdup(out);
	if (!split)
		return 1;
	for (size_t i = 0; i < book->nreports; i++) {
		const yb_book_report *br = &book->reports[i];
		afile *f = &files[i + 1];
		char *stem = stem_of(br->tree->path);
		*f = (afile){.title = g_strdup(br->title), .issuer = g_strdup(br->issuer), .year = g_strdup(br->year),
		             .lang = g_str_has_prefix(br->lang, "zh-tw") ? "zh-TW" : "zh-CN",
		             .first = start[i], .last = report_end(doc, start[i], start[i + 1])};
		report_dates(br->tree, &f->date, &f->docnum);
		f->name = g_strdup_printf("%02zu-%s.pdf", i + 1, stem);
		f->path = g_build_filename(out, f->name, NULL);
		g_free(stem);
	}
	return book->nreports + 1;
}

int yb_archive_write(const yb_doc *doc, const yb_book *book, const char *out, int split, const char *producer)
{
	char *icc = yb_archive_find_icc();
	if (!icc)
		return -1;
	guint *start = g_new0(guint, book->nreports + 1);
	afile *files = g_new0(afile, book->nreports + 1);
	int rc = split ? report_pages(doc, book->nreports, start) : 0;
	if (rc == 0 && split)
		rc = make_folder(out);
	size_t n = rc == 0 ? plan_files(doc, book, out, split, files, start) : 0;
	yb_archive_meta meta = {.lang = doc->lang, .compiler = book->editor, .subject = doc->subject,
	                        .keywords = doc->keywords, .creator = producer, .created = doc->date};
	for (size_t i = 0; rc == 0 && i < n; i++) {
		meta.order = (int)i;
		meta.part_of = i ? book->title : NULL;
		meta.subject = i ? book->title : doc->subject;
		meta.keywords = i ? files[i].issuer : doc->keywords;
		rc = write_file(doc, &files[i], &meta, icc);
		if (rc == 0 && split)
			rc = checksum(&files[i]);
	}
	meta.subject = doc->subject;
	if (rc == 0 && split)
		rc = write_text(out, "list.csv", list_csv(files, n));
	if (rc == 0 && split)
		rc = write_text(out, "list.json", list_json(files, n));
	if (rc == 0 && split)
		rc = write_text(out, "book.xml", book_xml(files, n, &meta));
	for (size_t i = 0; i < n; i++)
		afile_clear(&files[i]);
	g_free(files);
	g_free(start);
	g_free(icc);
	return rc;
}
