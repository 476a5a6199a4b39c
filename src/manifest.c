#include "manifest.h"

#include "diag.h"
#include "keyfile.h"
#include "read.h"
#include "style.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const book_keys[] = {
	"title", "subtitle", "editor", "date", "style", "output", "keywords", "indicators", "toc-depth", "archive",
	"archive-split", "encoding", "normalize-ranges", "paper-caliper", "back-cover", "press", "press-cover",
	"editorial-board", "editorial-board-title", "preface", "preface-title", "notes", "notes-title", NULL
};
/* The front matter's keys, by yb_front_kind; each has a KEY-title too. */
static const char *const front_keys[YB_FRONT_COUNT] = { "editorial-board", "preface", "notes" };
static const char *const imprint_keys[] = {
	"notice", "permit", "compiler", "publisher", "recipients", "printer", "print-date", "copies", "isbn",
	"place", "subjects", "classification", "cip-number", "page", NULL
};
static const char *const report_keys[] = {
	"file", "title", "issuer", "year", "lang", "encoding", "date", "number", "short-title",
	"heading1", "heading2", "heading3", "heading4", "body", NULL
};
/* The structure keys of a report group and the level each sets (0: body). */
static const char *const structure_keys[] = { "body", "heading1", "heading2", "heading3", "heading4" };

/* --allow-outside: a manifest may name files outside its folder. */
static int allow_outside;

void yb_manifest_allow_outside(int allow)
{
	allow_outside = allow;
}
static const yb_keyfile_group known[] = {
	{ "book", 0, book_keys },
	{ "report", 1, report_keys },
	{ "imprint", 0, imprint_keys },
};

/* The value of a key, or NULL when absent or empty. */
static char *value(const yb_keyfile *kf, const char *group, const char *key)
{
	char *v = yb_keyfile_get(kf, group, key);
	if (v && !*v) {
		g_free(v);
		return NULL;
	}
	return v;
}

/* `file:line: error: [group] key: 'value' is not WHAT; use HOW`; returns -1. */
static int bad(const yb_keyfile *kf, const char *group, const char *key, const char *v,
	       const char *what, const char *how)
{
	return yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, key), "[%s] %s: '%s' is not %s; use %s",
	                     group, key, v, what, how);
}

/* `file` relative to the manifest's folder `dir`. */
static char *resolve(const char *dir, const char *file)
{
	if (g_path_is_absolute(file) || !strcmp(dir, "."))
		return g_strdup(file);
	return g_build_filename(dir, file, NULL);
}

/* The real path of `path`, or of its folder when it does not exist yet (an
 * output); NULL when neither exists. */
static char *real_path(const char *path)
{
	char *r = realpath(path, NULL);
	if (!r) {
		char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
		char *rd = realpath(dir, NULL);
		r = rd ? g_build_filename(rd, base, NULL) : NULL;
		free(rd);
		g_free(dir);
		g_free(base);
		return r;
	}
	char *g = g_strdup(r);
	free(r);
	return g;
}

/* C:\books\a.pdf, reports\a.txt: a manifest written on Windows, whose paths
 * would name one odd file here (a backslash is an ordinary character).
 * 0, or -1 after the message. */
static int check_not_windows(const yb_keyfile *kf, const char *group, const char *key, const char *given)
{
	if (!strchr(given, '\\') && !(g_ascii_isalpha(given[0]) && given[1] == ':'))
		return 0;
	return yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, key), "[%s] %s: '%s' is a Windows "
	                     "path; write it relative to the manifest's folder with '/' between folders, e.g. "
	                     "'reports/a.txt'", group, key, given);
}

/* A path the manifest names must stay inside the manifest's folder (links
 * followed), so that a manifest from elsewhere can neither typeset
 * /etc/passwd nor write over files outside it, unless --allow-outside. */
static int check_inside(const yb_keyfile *kf, const char *group, const char *key, const char *given,
                        const char *path, const char *dir)
{
	if (check_not_windows(kf, group, key, given) < 0)
		return -1;
	if (allow_outside)
		return 0;
	char *rdir = real_path(dir), *rpath = real_path(path);
	int inside = !rdir || !rpath || (g_str_has_prefix(rpath, rdir) && (rpath[strlen(rdir)] == '/' || !strcmp(rdir, "/")));
	if (!inside)
		yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, key),
			      "[%s] %s: '%s' is outside the manifest's folder '%s'; keep the book's files in that "
			      "folder, or give --allow-outside if you trust this manifest", group, key, given, rdir);
	g_free(rdir);
	g_free(rpath);
	return inside ? 0 : -1;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return 0;
	return 1;
}

char *yb_manifest_bad_date(const char *v)
{
	int ok = strlen(v) == 10 && v[4] == '-' && v[7] == '-' && all_digits(v, 4) &&
		 all_digits(v + 5, 2) && all_digits(v + 8, 2) &&
		 g_date_valid_dmy((GDateDay)atoi(v + 8), (GDateMonth)atoi(v + 5), (GDateYear)atoi(v));
	return ok ? NULL : g_strdup_printf("'%s' is not a date; use YYYY-MM-DD, e.g. 2025-06-30", v);
}

static int check_date(const yb_keyfile *kf, const char *group, const char *v)
{
	char *msg = v ? yb_manifest_bad_date(v) : NULL;
	if (!msg)
		return 0;
	yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, "date"), "[%s] date: %s", group, msg);
	g_free(msg);
	return -1;
}

static int check_year(const yb_keyfile *kf, const char *group, const char *v)
{
	if (!v || (strlen(v) == 4 && all_digits(v, 4)))
		return 0;
	return bad(kf, group, "year", v, "a year", "four digits, e.g. 2024");
}

/* zh-cn or zh-tw, in any case; stored in lower case. */
static int check_lang(const yb_keyfile *kf, const char *group, char *v)
{
	if (!v)
		return 0;
	char *lower = g_ascii_strdown(v, -1);
	int ok = !strcmp(lower, "zh-cn") || !strcmp(lower, "zh-tw");
	if (ok)
		strcpy(v, lower);
	g_free(lower);
	return ok ? 0 : bad(kf, group, "lang", v, "a language yearbook knows", "zh-cn or zh-tw");
}

/* A path value of [book], resolved against the manifest's folder; NULL when absent. */
static char *resolved(const yb_keyfile *kf, const char *dir, const char *key)
{
	char *v = value(kf, "book", key);
	char *path = v ? resolve(dir, v) : NULL;
	g_free(v);
	return path;
}

/* An output path of [book] (resolved into *path, NULL when not given) that
 * must stay inside the manifest's folder: 0, or -1 after the message. */
static int resolved_inside(const yb_keyfile *kf, const char *dir, const char *key, char **path)
{
	*path = resolved(kf, dir, key);
	return *path ? check_inside(kf, "book", key, *path, *path, dir) : 0;
}

static int read_toc_depth(const yb_keyfile *kf, yb_manifest *m)
{
	char *v = value(kf, "book", "toc-depth");
	m->toc_depth = !v ? YB_TOC_STYLE : !strcmp(v, "auto") ? YB_TOC_AUTO
	             : strlen(v) == 1 && v[0] >= '0' && v[0] <= '2' ? v[0] - '0' : -3;
	int rc = m->toc_depth == -3 ? bad(kf, "book", "toc-depth", v, "a contents depth",
	                                  "auto, 0 (reports only), 1 or 2 (heading levels under each report)") : 0;
	g_free(v);
	return rc;
}

static int read_normalize_ranges(const yb_keyfile *kf, yb_manifest *m)
{
	char *v = value(kf, "book", "normalize-ranges");
	m->normalize_ranges = v && !strcmp(v, "true");
	int rc = v && !m->normalize_ranges && strcmp(v, "false") ? bad(kf, "book", "normalize-ranges", v, "a switch",
	                                                           "true or false") : 0;
	g_free(v);
	return rc;
}

/* paper-caliper = 0.094mm: one sheet of the book's paper, over 0 and at most 2 mm. */
static int read_caliper(const yb_keyfile *kf, yb_manifest *m)
{
	char *v = value(kf, "book", "paper-caliper"), *end = NULL;
	double mm = v ? g_ascii_strtod(v, &end) : 0;
	int rc = 0;
	if (v && (end == v || strcmp(end, "mm") || !(mm > 0 && mm <= 2)))
		rc = bad(kf, "book", "paper-caliper", v, "a paper thickness", "millimetres over 0 and up to 2, "
		         "e.g. 0.094mm for 70 g/m² offset paper");
	else if (v)
		m->paper_caliper = mm * 72 / 25.4;
	g_free(v);
	return rc;
}

char *yb_manifest_bad_encoding(const char *v)
{
	return yb_read_encoding_name(v) ? NULL
	       : g_strdup_printf("'%s' is not an encoding yearbook reads; use utf-8, gb18030 or big5", v);
}

static int check_encoding(const yb_keyfile *kf, const char *group, const char *v)
{
	char *msg = v ? yb_manifest_bad_encoding(v) : NULL;
	if (!msg)
		return 0;
	yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, "encoding"), "[%s] encoding: %s", group, msg);
	g_free(msg);
	return -1;
}

/* A style that does not exist, named at the manifest's line (the loader
 * would name no line: it does not know the manifest). */
static int check_style(const yb_keyfile *kf, const char *style)
{
	char *problem = style ? yb_style_missing(style, NULL) : NULL;
	if (!problem)
		return 0;
	yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, "book", "style"), "[book] style: %s", problem);
	g_free(problem);
	return -1;
}

static int read_book(const yb_keyfile *kf, const char *dir, yb_manifest *m)
{
	m->title = value(kf, "book", "title");
	m->subtitle = value(kf, "book", "subtitle");
	m->editor = value(kf, "book", "editor");
	m->date = value(kf, "book", "date");
	m->keywords = value(kf, "book", "keywords");
	m->back_cover = value(kf, "book", "back-cover");
	m->encoding = value(kf, "book", "encoding");
	int rc = check_encoding(kf, "book", m->encoding);
	char *style = value(kf, "book", "style");
	m->style = style && yb_style_is_path(style) ? resolve(dir, style) : g_strdup(style);
	if (style && yb_style_is_path(style))
		rc |= check_inside(kf, "book", "style", style, m->style, dir);
	rc |= check_style(kf, m->style);
	g_free(style);
	char *output = value(kf, "book", "output");
	m->output = output ? resolve(dir, output) : NULL;
	if (output)
		rc |= check_inside(kf, "book", "output", output, m->output, dir);
	g_free(output);
	rc |= resolved_inside(kf, dir, "archive", &m->archive);
	rc |= resolved_inside(kf, dir, "archive-split", &m->archive_split);
	rc |= resolved_inside(kf, dir, "press", &m->press);
	rc |= resolved_inside(kf, dir, "press-cover", &m->press_cover);
	char *indicators = value(kf, "book", "indicators");
	m->indicators = indicators ? resolve(dir, indicators) : NULL;
	if (indicators)
		rc |= check_inside(kf, "book", "indicators", indicators, m->indicators, dir);
	g_free(indicators);
	return rc | check_date(kf, "book", m->date) | read_toc_depth(kf, m) | read_normalize_ranges(kf, m) |
	       read_caliper(kf, m);
}

/* The file `key` names (a report, a front-matter text) exists and is a file. */
static int check_file(const yb_keyfile *kf, const char *group, const char *key, const char *what,
                      const char *given, const char *path)
{
	struct stat st;
	int looped = stat(path, &st) != 0 && errno == ELOOP;
	const char *problem = looped ? "is a symbolic link that leads back to itself"
			      : !g_file_test(path, G_FILE_TEST_EXISTS) ? "not found"
			      : !g_file_test(path, G_FILE_TEST_IS_REGULAR) ? "not a file" : NULL;
	if (!problem)
		return 0;
	if (check_not_windows(kf, group, key, given) < 0)
		return -1;
	char *where = strcmp(given, path) ? g_strdup_printf(" (looked for '%s')", path) : g_strdup("");
	yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, group, key),
		      "[%s] %s: %s '%s' %s%s; check the path, relative to the manifest's folder",
		      group, key, what, given, problem, where);
	g_free(where);
	return -1;
}

/* The words of a list separated by white space, commas (, ，、) or
 * semicolons (; ；), none empty.  (g_regex_split checks the whole string's
 * UTF-8 at every match: 200,000 line numbers took minutes.) */
static char **split_numbers(const char *v)
{
	GPtrArray *words = g_ptr_array_new();
	const char *start = NULL;
	for (const char *p = v;; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		int sep = !c || g_unichar_isspace(c) || c == ',' || c == 0xFF0C || c == 0x3001 || c == ';' || c == 0xFF1B;
		if (sep && start)
			g_ptr_array_add(words, g_strndup(start, (gsize)(p - start)));
		start = sep ? NULL : start ? start : p;
		if (!c)
			break;
	}
	g_ptr_array_add(words, NULL);
	return (char **)g_ptr_array_free(words, FALSE);
}

/* heading2 = 42, 57 (commas, Chinese commas or spaces between line numbers). */
static int read_lines(const yb_keyfile *kf, const char *group, GArray *lines)
{
	int rc = 0;
	for (int level = 0; level < (int)G_N_ELEMENTS(structure_keys); level++) {
		char *v = value(kf, group, structure_keys[level]);
		char **parts = split_numbers(v ? v : "");
		for (char **p = parts; *p; p++) {
			if (!all_digits(*p, strlen(*p)) || strlen(*p) > 9 || atol(*p) < 1) {
				rc = bad(kf, group, structure_keys[level], *p, "a line number",
				         "line numbers of the report separated by commas, e.g. 'heading2 = 42, 57'");
				continue;
			}
			yb_line_override o = { atol(*p), level };
			g_array_append_val(lines, o);
		}
		g_strfreev(parts);
		g_free(v);
	}
	return rc;
}

static int read_report(const yb_keyfile *kf, const char *group, const char *dir, yb_manifest_report *r)
{
	r->line = yb_keyfile_line(kf, group, NULL);
	r->title = value(kf, group, "title");
	r->issuer = value(kf, group, "issuer");
	r->year = value(kf, group, "year");
	r->lang = value(kf, group, "lang");
	r->encoding = value(kf, group, "encoding");
	r->date = value(kf, group, "date");
	r->number = value(kf, group, "number");
	r->short_title = value(kf, group, "short-title");
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(yb_line_override));
	int rc = check_year(kf, group, r->year) | check_lang(kf, group, r->lang) | check_encoding(kf, group, r->encoding) |
	         check_date(kf, group, r->date) | read_lines(kf, group, lines);
	r->nlines = lines->len;
	r->lines = (yb_line_override *)(void *)g_array_free(lines, FALSE);
	char *file = value(kf, group, "file");
	if (!file) {
		yb_diag_error(yb_keyfile_path(kf), r->line, "[%s] has no 'file'; add e.g. 'file = reports/a.txt'",
			      group);
		return -1;
	}
	r->file = resolve(dir, file);
	rc |= check_file(kf, group, "file", "report", file, r->file);
	if (rc == 0)
		rc |= check_inside(kf, group, "file", file, r->file, dir);
	g_free(file);
	return rc;
}

static int read_reports(const yb_keyfile *kf, const char *dir, yb_manifest *m)
{
	GArray *reports = g_array_new(FALSE, TRUE, sizeof(yb_manifest_report));
	int rc = 0;
	for (const char *const *g = yb_keyfile_groups(kf); *g; g++) {
		if (!yb_keyfile_group_matches(*g, &known[1]))
			continue;
		g_array_set_size(reports, reports->len + 1);
		rc |= read_report(kf, *g, dir, &g_array_index(reports, yb_manifest_report, reports->len - 1));
	}
	m->nreports = reports->len;
	m->reports = (yb_manifest_report *)(void *)g_array_free(reports, FALSE);
	if (m->nreports == 0) {
		yb_diag_error(yb_keyfile_path(kf), 0, "no reports; add a group such as '[report 1]' with "
			      "'file = reports/a.txt' for each report, in book order");
		return -1;
	}
	return rc;
}

/* editorial-board = front/board.txt and its editorial-board-title. */
static int read_front(const yb_keyfile *kf, const char *dir, yb_manifest *m)
{
	int rc = 0;
	for (int k = 0; k < YB_FRONT_COUNT; k++) {
		char *key = g_strconcat(front_keys[k], "-title", NULL);
		m->front[k].title = value(kf, "book", key);
		g_free(key);
		char *file = value(kf, "book", front_keys[k]);
		if (!file)
			continue;
		m->front[k].file = resolve(dir, file);
		int bad_file = check_file(kf, "book", front_keys[k], "text", file, m->front[k].file);
		rc |= bad_file ? bad_file : check_inside(kf, "book", front_keys[k], file, m->front[k].file, dir);
		g_free(file);
	}
	return rc;
}

char *yb_manifest_bad_isbn(const char *v)
{
	const char *p = g_str_has_prefix(v, "ISBN") ? v + 4 : v;
	char digits[14];
	size_t n = 0;
	for (; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (!g_ascii_isdigit(*p) || n == 13)
			return g_strdup_printf("'%s' is not an ISBN-13; use the 13 digits printed on the book's "
			                       "licence, e.g. 978-7-5000-0000-8", v);
		digits[n++] = *p;
	}
	if (n != 13 || (strncmp(digits, "978", 3) && strncmp(digits, "979", 3)))
		return g_strdup_printf("'%s' is not an ISBN-13; use the 13 digits starting with 978 or 979 printed "
		                       "on the book's licence, e.g. 978-7-5000-0000-8", v);
	int sum = 0;
	for (int i = 0; i < 12; i++)
		sum += (digits[i] - '0') * (i % 2 ? 3 : 1);
	int check = (10 - sum % 10) % 10;
	if (digits[12] - '0' == check)
		return NULL;
	return g_strdup_printf("'%s' has a wrong check digit (%c; these twelve digits need %d): a digit is "
	                       "mistyped; copy the ISBN again from the book's licence", v, digits[12], check);
}

/* An [imprint] value checked by `bad_of` (NULL: fine), else the error at its line. */
static int check_with(const yb_keyfile *kf, const char *key, const char *v, char *(*bad_of)(const char *))
{
	char *msg = v ? bad_of(v) : NULL;
	if (!msg)
		return 0;
	yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, "imprint", key), "[imprint] %s: %s", key, msg);
	g_free(msg);
	return -1;
}

/* YYYY-MM or YYYY-MM-DD. */
static char *bad_print_date(const char *v)
{
	char *full = strlen(v) == 7 ? g_strconcat(v, "-01", NULL) : g_strdup(v);
	char *msg = yb_manifest_bad_date(full);
	int bad_date = msg != NULL;
	g_free(full);
	g_free(msg);
	return bad_date ? g_strdup_printf("'%s' is not a date; use YYYY-MM or YYYY-MM-DD, e.g. 2025-06", v) : NULL;
}

static char *bad_copies(const char *v)
{
	return all_digits(v, strlen(v)) && strlen(v) <= 9 && atol(v) > 0 ? NULL
	       : g_strdup_printf("'%s' is not a print run; use the number of copies in digits, e.g. 1000", v);
}

static int read_imprint_page(const yb_keyfile *kf, yb_manifest_imprint *im)
{
	char *v = value(kf, "imprint", "page");
	im->page = !v ? YB_IMPRINT_STYLE : !strcmp(v, "title-verso") ? YB_IMPRINT_TITLE_VERSO
	         : !strcmp(v, "last-page") ? YB_IMPRINT_LAST_PAGE : -2;
	int rc = im->page == -2 ? bad(kf, "imprint", "page", v, "a page for the imprint",
	                              "title-verso (the back of the title page) or last-page") : 0;
	g_free(v);
	return rc;
}

/* [imprint]: an internal publication's permit or a book's ISBN, not both. */
static int read_imprint(const yb_keyfile *kf, yb_manifest_imprint *im)
{
	char **const slots[] = { &im->notice, &im->permit, &im->compiler, &im->publisher, &im->recipients,
	                         &im->printer, &im->print_date, &im->copies, &im->isbn, &im->place, &im->subjects,
	                         &im->classification, &im->cip_number };
	for (size_t i = 0; i < G_N_ELEMENTS(slots); i++)
		*slots[i] = value(kf, "imprint", imprint_keys[i]);
	int rc = read_imprint_page(kf, im) | check_with(kf, "isbn", im->isbn, yb_manifest_bad_isbn) |
	         check_with(kf, "print-date", im->print_date, bad_print_date) |
	         check_with(kf, "copies", im->copies, bad_copies);
	if (im->isbn && im->permit)
		rc = yb_diag_error(yb_keyfile_path(kf), yb_keyfile_line(kf, "imprint", "permit"),
		                   "[imprint] permit: a book with an ISBN is not an internal publication; give "
		                   "either 'isbn =' (a copyright page with CIP data) or 'permit =' (内部资料)");
	return rc;
}

int yb_manifest_read(const char *path, yb_manifest *out)
{
	memset(out, 0, sizeof *out);
	yb_keyfile *kf = yb_keyfile_load(path);
	if (!kf)
		return -1;
	yb_keyfile_check(kf, known, G_N_ELEMENTS(known));
	char *dir = g_path_get_dirname(path);
	out->path = g_strdup(path);
	int rc = read_book(kf, dir, out) | read_front(kf, dir, out) | read_imprint(kf, &out->imprint) |
	         read_reports(kf, dir, out);
	g_free(dir);
	yb_keyfile_free(kf);
	if (rc != 0)
		yb_manifest_release(out);
	return rc ? -1 : 0;
}

const char *yb_manifest_encoding(const yb_manifest *m, size_t i)
{
	return i < m->nreports && m->reports[i].encoding ? m->reports[i].encoding : m->encoding;
}

void yb_manifest_release(yb_manifest *m)
{
	for (size_t i = 0; i < m->nreports; i++) {
		yb_manifest_report *r = &m->reports[i];
		g_free(r->file);
		g_free(r->title);
		g_free(r->short_title);
		g_free(r->issuer);
		g_free(r->year);
		g_free(r->lang);
		g_free(r->encoding);
		g_free(r->date);
		g_free(r->number);
		g_free(r->lines);
	}
	g_free(m->reports);
	g_free(m->path);
	g_free(m->title);
	g_free(m->back_cover);
	g_free(m->subtitle);
	g_free(m->editor);
	g_free(m->date);
	g_free(m->style);
	g_free(m->output);
	g_free(m->archive);
	g_free(m->archive_split);
	g_free(m->press);
	g_free(m->press_cover);
	g_free(m->keywords);
	g_free(m->indicators);
	g_free(m->encoding);
	for (int k = 0; k < YB_FRONT_COUNT; k++) {
		g_free(m->front[k].file);
		g_free(m->front[k].title);
	}
	yb_manifest_imprint *im = &m->imprint;
	char *const owned[] = { im->notice, im->permit, im->compiler, im->publisher, im->recipients, im->printer,
	                        im->print_date, im->copies, im->isbn, im->place, im->subjects, im->classification,
	                        im->cip_number };
	for (size_t i = 0; i < G_N_ELEMENTS(owned); i++)
		g_free(owned[i]);
	memset(m, 0, sizeof *m);
}

char *yb_manifest_output(const yb_manifest *m)
{
	if (m->output)
		return g_strdup(m->output);
	size_t n = strlen(m->path);
	if (g_str_has_suffix(m->path, ".ini"))
		n -= 4;
	return g_strdup_printf("%.*s.pdf", (int)n, m->path);
}
