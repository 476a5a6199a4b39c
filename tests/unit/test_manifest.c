/* test_manifest: book manifests, good and bad. */
#include "diag.h"
#include "manifest.h"

#include "capture.h"
#include "t.h"

#include <stdlib.h>

static char *tmp;

/* Reads `text` written to tmp/book.ini; *err gets stderr. */
static int read_text(const char *text, yb_manifest *m, char **err)
{
	char *path = write_file(tmp, "book.ini", text);
	capture_begin();
	int rc = yb_manifest_read(path, m);
	*err = capture_end();
	g_free(path);
	return rc;
}

/* `tmp/book.ini:LINE: KIND: MESSAGE`, for comparisons. */
static char *at(long line, const char *kind, const char *message)
{
	return g_strdup_printf("%s/book.ini:%ld: %s: %s", tmp, line, kind, message);
}

static void test_happy(void)
{
	yb_manifest m;
	char *err;
	int rc = read_text("# the 2024 reports\n"
		"[book]\n"
		"title = 广东省法治政府建设年度报告汇编\n"
		"subtitle = 2024年度\n"
		"editor = 广东省司法厅\n"
		"date = 2025-06-30\n"
		"style = mine.ini\n"
		"output = out/book.pdf\n"
		"keywords = 法治政府, 年度报告\n"
		"\n"
		"[report 2]\n"
		"file = reports/b.txt\n"
		"year = 2024\n"
		"lang = zh-TW\n"
		"[report 1]\n"
		"file = reports/a.txt\n"
		"title = 甲市报告\n"
		"issuer =\n", &m, &err);
	T_OK("happy: reads silently", rc == 0 && !*err, "rc %d, stderr: %s", rc, err);
	g_free(err);
	if (rc)
		return;
	T_STREQ("happy: title", m.title, "广东省法治政府建设年度报告汇编");
	T_STREQ("happy: subtitle", m.subtitle, "2024年度");
	T_STREQ("happy: editor", m.editor, "广东省司法厅");
	T_STREQ("happy: date", m.date, "2025-06-30");
	T_STREQ("happy: keywords", m.keywords, "法治政府, 年度报告");
	char *want = g_build_filename(tmp, "mine.ini", NULL);
	T_STREQ("happy: style path beside the manifest", m.style, want);
	g_free(want);
	want = g_build_filename(tmp, "out", "book.pdf", NULL);
	T_STREQ("happy: output beside the manifest", m.output, want);
	char *out = yb_manifest_output(&m);
	T_STREQ("happy: yb_manifest_output gives output =", out, want);
	g_free(out);
	g_free(want);
	T_INTEQ("happy: two reports", m.nreports, 2);
	if (m.nreports == 2) {
		want = g_build_filename(tmp, "reports", "b.txt", NULL);
		T_STREQ("happy: file order is book order", m.reports[0].file, want);
		g_free(want);
		T_INTEQ("happy: group line", m.reports[0].line, 11);
		T_INTEQ("happy: second group line", m.reports[1].line, 15);
		T_STREQ("happy: year", m.reports[0].year, "2024");
		T_STREQ("happy: lang in lower case", m.reports[0].lang, "zh-tw");
		T_OK("happy: absent overrides are NULL", !m.reports[0].title && !m.reports[0].issuer &&
		     !m.reports[1].year && !m.reports[1].issuer, "not NULL");
		T_STREQ("happy: title override", m.reports[1].title, "甲市报告");
	}
	yb_manifest_release(&m);

	rc = read_text("\xef\xbb\xbf[book]\r\nstyle = gb9704\r\n[report]\r\nfile = reports/a.txt\r\n", &m, &err);
	T_OK("BOM and CRLF", rc == 0 && !*err && m.nreports == 1 && !strcmp(m.style, "gb9704") && !m.title,
	     "rc %d, stderr: %s", rc, err);
	if (rc == 0) {
		char *dest = yb_manifest_output(&m);
		want = g_build_filename(tmp, "book.pdf", NULL);
		T_STREQ("no output =: the manifest's name with .pdf, beside it", dest, want);
		g_free(want);
		g_free(dest);
		yb_manifest_release(&m);
	}
	g_free(err);
}

static void test_warnings(void)
{
	yb_manifest m;
	char *err;
	int rc = read_text("[book]\ntitel = x\n[report 1]\nfile = reports/a.txt\nisuer = y\n[chapter]\n",
			   &m, &err);
	T_OK("warnings: still read", rc == 0, "stderr: %s", err);
	char *want = at(2, "warning", "unknown key 'titel' in [book]; did you mean 'title'?");
	T_OK("unknown key: file, line and nearest key", strstr(err, want), "stderr: %s\nwant: %s", err, want);
	g_free(want);
	want = at(5, "warning", "unknown key 'isuer' in [report 1]; did you mean 'issuer'?");
	T_OK("unknown key in a report", strstr(err, want), "stderr: %s", err);
	g_free(want);
	want = at(6, "warning", "unknown group '[chapter]'");
	T_OK("unknown group", strstr(err, want), "stderr: %s", err);
	g_free(want);
	if (rc == 0)
		yb_manifest_release(&m);
	g_free(err);
}

/* Reading `text` fails and prints `want`. */
static void expect_error(const char *name, const char *text, const char *want)
{
	yb_manifest m;
	char *err;
	int rc = read_text(text, &m, &err);
	T_OK(name, rc == -1 && strstr(err, want) && !m.reports, "rc %d, stderr: %s\nwant: %s", rc, err, want);
	if (rc == 0)
		yb_manifest_release(&m);
	g_free(err);
}

static void test_errors(void)
{
	char *want = at(4, "error", "[report 2] file: report 'reports/gone.txt' not found");
	expect_error("missing report file: manifest line and file",
		     "[report 1]\nfile = reports/a.txt\n[report 2]\nfile = reports/gone.txt\n", want);
	g_free(want);
	want = at(2, "error", "[book] style: style 'gb9074' not found in ");
	expect_error("a style that does not exist: at its line", "[book]\nstyle = gb9074\n[report]\nfile = reports/a.txt\n", want);
	g_free(want);
	want = at(2, "error", "[book] style: style file '");
	expect_error("a style file that does not exist: at its line", "[book]\nstyle = gone.ini\n[report]\nfile = reports/a.txt\n",
		     want);
	g_free(want);
	want = at(2, "error", "[book] date: '2025-6-30' is not a date; use YYYY-MM-DD");
	expect_error("bad date", "[book]\ndate = 2025-6-30\n[report]\nfile = reports/a.txt\n", want);
	g_free(want);
	expect_error("impossible date", "[book]\ndate = 2025-02-30\n[report]\nfile = reports/a.txt\n",
		     "'2025-02-30' is not a date");
	want = at(3, "error", "[report 1] has no 'file'");
	expect_error("report without file", "[book]\ntitle = t\n[report 1]\ntitle = x\n", want);
	g_free(want);
	expect_error("no reports", "[book]\ntitle = t\n", "error: no reports");
	expect_error("bad year", "[report]\nfile = reports/a.txt\nyear = 24\n", ":3: error: [report] year: '24'");
	expect_error("bad lang", "[report]\nfile = reports/a.txt\nlang = en\n", "use zh-cn or zh-tw");
	expect_error("a folder as report", "[report]\nfile = reports\n", "not a file");
	expect_error("not INI", "[book]\ntitle = t\nreport 1\n", ":3: error: not a valid INI file");
	expect_error("key before any group", "title = t\n", ":1: error: not a valid INI file");
	expect_error("not UTF-8", "[book]\ntitle = \xb9\xe3\xb6\xab\n", ":2: error: not UTF-8");

	yb_manifest m;
	capture_begin();
	int rc = yb_manifest_read("/nonexistent/book.ini", &m);
	char *err = capture_end();
	T_OK("missing manifest", rc == -1 && strstr(err, "/nonexistent/book.ini: error: cannot read '/nonexistent/book.ini'"),
	     "stderr: %s", err);
	g_free(err);
}

/* ISBN-13: hyphens and spaces allowed, the check digit checked. */
static void test_isbn(void)
{
	static const char *const good[] = { "978-7-5000-0000-6", "9787500000006", "ISBN 978-7-302-12260-9",
	                                    "979-10-90636-07-1" };
	for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
		char *msg = yb_manifest_bad_isbn(good[i]);
		T_OK(good[i], !msg, "refused: %s", msg);
		g_free(msg);
	}
	static const char *const bad[][2] = {
		{ "978-7-5000-0000-9", "wrong check digit (9; these twelve digits need 6)" },
		{ "7-5000-0000-X", "is not an ISBN-13" }, { "978-7-5000-0000", "is not an ISBN-13" },
		{ "977-7-5000-0000-6", "starting with 978 or 979" }, { "978-7-5000-0000-66", "is not an ISBN-13" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		char *msg = yb_manifest_bad_isbn(bad[i][0]);
		T_OK(bad[i][0], msg && strstr(msg, bad[i][1]), "message: %s", msg ? msg : "(accepted)");
		g_free(msg);
	}
	expect_error("imprint: a wrong ISBN at its line", "[imprint]\nisbn = 9787500000001\n[report]\nfile = reports/a.txt\n",
	             ":2: error: [imprint] isbn: '9787500000001' has a wrong check digit");
	expect_error("imprint: a bad page", "[imprint]\npage = back\n[report]\nfile = reports/a.txt\n",
	             ":2: error: [imprint] page: 'back' is not a page for the imprint; use title-verso");
	expect_error("front matter: a missing file", "[book]\nnotes = gone.txt\n[report]\nfile = reports/a.txt\n",
	             ":2: error: [book] notes: text 'gone.txt' not found");
}

/* heading line numbers: every separator, and 200,000 of them in no time
 * (the regular expression that split them took minutes) */
static void test_line_numbers(void)
{
	yb_manifest m;
	char *err;
	int rc = read_text("[report 1]\nfile = reports/a.txt\nheading2 = 42，57、60;61；62  63,\t64\n", &m, &err);
	T_INTEQ("line numbers: read", rc, 0);
	T_INTEQ("line numbers: all seven", (long)m.reports[0].nlines, 7);
	T_INTEQ("line numbers: the last", m.reports[0].lines[6].line, 64);
	yb_manifest_release(&m);
	g_free(err);
	GString *many = g_string_new("[report 1]\nfile = reports/a.txt\nheading1 = 1");
	for (int i = 2; i <= 200000; i++)
		g_string_append_printf(many, ", %d", i);
	g_string_append_c(many, '\n');
	gint64 t0 = g_get_monotonic_time();
	rc = read_text(many->str, &m, &err);
	double s = (double)(g_get_monotonic_time() - t0) / 1e6;
	T_OK("200,000 line numbers: read in under 5 s", rc == 0 && m.reports[0].nlines == 200000 && s < 5,
	     "rc %d, %ld lines, %.1f s", rc, (long)m.reports[0].nlines, s);
	yb_manifest_release(&m);
	g_free(err);
	g_string_free(many, TRUE);
}

int main(void)
{
	tmp = g_dir_make_tmp("yb-manifest-XXXXXX", NULL);
	char *reports = g_build_filename(tmp, "reports", NULL);
	g_mkdir(reports, 0755);
	g_free(write_file(reports, "a.txt", "甲市2024年法治政府建设年度报告\n"));
	g_free(write_file(reports, "b.txt", "乙市2024年法治政府建设年度报告\n"));
	g_free(write_file(tmp, "mine.ini", "[style]\nname = mine\ninherit = base\n"));
	test_happy();
	test_warnings();
	test_errors();
	test_isbn();
	test_line_numbers();
	remove_tree(tmp);
	g_free(reports);
	T_DONE();
}
