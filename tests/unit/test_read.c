/* test_read: the reader (src/read.c).  Diagnostics are captured with
 * capture.h (stderr pointed at a temporary file for one call). */
#include "t.h"
#include "capture.h"
#include "read.h"
#include "diag.h"

/* Reads `len` bytes; returns the return code, *err gets stderr. */
static int read_bytes(const char *bytes, size_t len, yb_text *t, char **err)
{
	capture_begin();
	int rc = yb_read_bytes("x.txt", bytes, len, t);
	*err = capture_end();
	return rc;
}

#define T_CONTAINS(name, hay, needle) \
	T_OK(name, (hay) && strstr((hay), (needle)), "\"%s\" not in \"%s\"", (needle), (hay) ? (hay) : "(null)")

/* ---- good input ---- */

static void test_plain(void)
{
	yb_text t;
	char *err;
	const char src[] = "第一行\n第二行\t表格\n";
	T_INTEQ("plain: returns 0", read_bytes(src, sizeof src - 1, &t, &err), 0);
	T_STREQ("plain: data unchanged, tabs kept", t.data, src);
	T_INTEQ("plain: len", t.len, sizeof src - 1);
	T_INTEQ("plain: not gb18030", t.from_gb18030, 0);
	T_STREQ("plain: path", t.path, "x.txt");
	T_STREQ("plain: silent", err, "");
	yb_text_release(&t);
	g_free(err);
}

static void test_bom_and_line_ends(void)
{
	yb_text t;
	char *err;
	const char bom[] = "\xEF\xBB\xBF标题\n正文";
	T_INTEQ("bom: returns 0", read_bytes(bom, sizeof bom - 1, &t, &err), 0);
	T_STREQ("bom: removed", t.data, "标题\n正文");
	yb_text_release(&t);
	g_free(err);

	const char crlf[] = "一\r\n二\r\n\r\n三";
	read_bytes(crlf, sizeof crlf - 1, &t, &err);
	T_STREQ("crlf: becomes lf", t.data, "一\n二\n\n三");
	yb_text_release(&t);
	g_free(err);

	const char cr[] = "一\r二\r\r三\r";
	read_bytes(cr, sizeof cr - 1, &t, &err);
	T_STREQ("lone cr: becomes lf", t.data, "一\n二\n\n三\n");
	yb_text_release(&t);
	g_free(err);

	const char mixed[] = "一\r\n二\n三\r四\f五";
	read_bytes(mixed, sizeof mixed - 1, &t, &err);
	T_STREQ("mixed line ends; form feed is a space", t.data, "一\n二\n三\n四 五");
	T_INTEQ("mixed: len matches", t.len, strlen(t.data));
	yb_text_release(&t);
	g_free(err);
}

static void test_gb18030(void)
{
	const char *utf8 = "云泽市2024年度报告\n第二行：共1874件。\n𠮷";
	gsize n = 0;
	char *gb = g_convert(utf8, -1, "GB18030", "UTF-8", NULL, &n, NULL);
	yb_text t;
	char *err;
	T_OK("gb18030: test bytes made", gb && !g_utf8_validate(gb, (gssize)n, NULL), "g_convert failed");
	T_INTEQ("gb18030: returns 0", read_bytes(gb, n, &t, &err), 0);
	T_STREQ("gb18030: converted", t.data, utf8);
	T_INTEQ("gb18030: flagged", t.from_gb18030, 1);
	T_CONTAINS("gb18030: note names the file", err, "x.txt: note:");
	T_CONTAINS("gb18030: note says converted", err, "converted from GB18030");
	yb_text_release(&t);
	g_free(err);

	/* GB18030 with CRLF line ends */
	char *crlf = g_convert("甲\r\n乙", -1, "GB18030", "UTF-8", NULL, &n, NULL);
	read_bytes(crlf, n, &t, &err);
	T_STREQ("gb18030 crlf: lf", t.data, "甲\n乙");
	yb_text_release(&t);
	g_free(err);
	g_free(crlf);
	g_free(gb);
}

static void test_stray_nul(void)
{
	yb_text t;
	char *err;
	const char src[] = "第一行\n第二\0行\n第三行";
	T_INTEQ("stray nul: accepted", read_bytes(src, sizeof src - 1, &t, &err), 0);
	T_STREQ("stray nul: dropped", t.data, "第一行\n第二行\n第三行");
	T_CONTAINS("stray nul: warning on line 2", err, "x.txt:2: warning:");
	T_CONTAINS("stray nul: warning says dropped", err, "dropped");
	yb_text_release(&t);
	g_free(err);
}

/* Traditional text in Big5 is read as Big5, and GB18030 text as GB18030. */
static void test_big5(void)
{
	const char *utf8 = "臺北市政府法務局2023年度報告\n本局依據《行政程序法》及相關法規，持續推動依法行政，強化法制作業品質。\n"
	                   "受理訴願案件八百零六件，均依法定期限審結。";
	gsize n = 0;
	char *b5 = g_convert(utf8, -1, "BIG5", "UTF-8", NULL, &n, NULL);
	yb_text t;
	char *err;
	T_OK("big5: test bytes made", b5 != NULL, "g_convert failed");
	T_INTEQ("big5: detected and read", read_bytes(b5, n, &t, &err), 0);
	T_STREQ("big5: the text, not mojibake", t.data, utf8);
	T_STREQ("big5: encoding named", t.encoding, "Big5");
	T_CONTAINS("big5: the note names Big5", err, "converted from Big5");
	T_CONTAINS("big5: the note names GB18030 too", err, "read as GB18030");
	yb_text_release(&t);
	g_free(err);

	capture_begin();
	int rc = yb_read_bytes_as("x.txt", b5, n, "GB18030", &t);
	err = capture_end();
	T_INTEQ("big5 read as gb18030 when asked: accepted", rc, 0);
	T_CONTAINS("asked encoding: the note says so", err, "converted from GB18030, as asked");
	yb_text_release(&t);
	g_free(err);

	capture_begin();
	rc = yb_read_bytes_as("x.txt", b5, n, "latin-9", &t);
	err = capture_end();
	T_INTEQ("unknown encoding: refused", rc, -1);
	T_CONTAINS("unknown encoding: named", err, "unknown encoding 'latin-9'");
	g_free(err);
	g_free(b5);

	/* random double bytes: neither reading is probable */
	char junk[400];
	for (size_t i = 0; i < sizeof junk; i += 2) {
		junk[i] = (char)(0xF1 + (i * 7) % 8);   /* rare ideographs or private use in both */
		junk[i + 1] = (char)(0xA1 + (i * 13) % 0x5E);
	}
	T_INTEQ("neither encoding probable: refused", read_bytes(junk, sizeof junk, &t, &err), -1);
	T_CONTAINS("neither: names both", err, "read as GB18030");
	T_CONTAINS("neither: says what to do", err, "--encoding");
	g_free(err);

	/* Korean in EUC-KR: its syllables are common GB2312 ideographs, but
	 * Chinese puts no spaces between them; refused, not set as nonsense */
	const char *korean = "2023년 행정 보고서\n올해 우리 시는 행정의 투명성을 높이기 위해 다양한 노력을 "
	                     "기울였습니다. 시민 여러분의 협조에 감사드립니다.\n";
	char *kr = g_convert(korean, -1, "EUC-KR", "UTF-8", NULL, &n, NULL);
	T_INTEQ("euc-kr: refused", read_bytes(kr, n, &t, &err), -1);
	T_CONTAINS("euc-kr: encoding unclear", err, "its encoding is unclear");
	g_free(err);
	g_free(kr);
	/* a letter-spaced heading in GB18030 stays probable */
	const char *spaced = "附 件 说 明\n一、本市2023年法治政府建设工作情况。\n二、全年办理行政复议案件一百二十件。\n";
	char *gb = g_convert(spaced, -1, "GB18030", "UTF-8", NULL, &n, NULL);
	T_INTEQ("gb18030 with a letter-spaced heading: read", read_bytes(gb, n, &t, &err), 0);
	T_STREQ("gb18030 with a letter-spaced heading: the text", t.data, spaced);
	yb_text_release(&t);
	g_free(err);
	g_free(gb);
}

/* GB18030-2022 two-byte codes and the 2005 four-byte codes of the same
 * characters; a bad byte on line 3 is reported on line 3. */
static void test_gb18030_2022(void)
{
	yb_text t;
	char *err;
	/* 中文报告 (2022 codes) newline (2005 codes) 中文报告中文报告 */
	const char src[] = "\xd6\xd0\xce\xc4\xb1\xa8\xb8\xe6\xa6\xd9\xfe\x59\n\x84\x31\x82\x36\x82\x35\x90\x37\x82\x35\x91\x34"
	                   "\xd6\xd0\xce\xc4\xb1\xa8\xb8\xe6\xd6\xd0\xce\xc4\xb1\xa8\xb8\xe6";
	T_INTEQ("gb18030-2022: accepted", read_bytes(src, sizeof src - 1, &t, &err), 0);
	T_STREQ("gb18030-2022: FE10 and 9FB4, both codes", t.data,
	        "中文报告\uFE10\u9FB4\n\uFE10\u9FB4\u9FBB中文报告中文报告");
	yb_text_release(&t);
	g_free(err);

	const char bad[] = "\xd6\xd0\xce\xc4\n\xd6\xd0\n\xd6\xd0\xff\xce\xc4\n";
	T_INTEQ("bad byte: refused", read_bytes(bad, sizeof bad - 1, &t, &err), -1);
	T_CONTAINS("bad byte: its real line", err, "x.txt:3: error:");
	T_CONTAINS("bad byte: its byte in the line (not UTF-8 before it)", err, "byte 3 of the line");
	g_free(err);

	/* in UTF-8 the column counts characters, as editors do: 第5000, then
	 * 段's first two bytes and 0xFF */
	const char u8[] = "标题\n第5000\xe6\xae\xff\n";
	read_bytes(u8, sizeof u8 - 1, &t, &err);
	T_CONTAINS("bad byte in UTF-8: its line", err, "x.txt:2: error:");
	T_CONTAINS("bad byte in UTF-8: the character column", err, "(column 6 of the line)");
	g_free(err);
}

/* Noncharacters: refused with line and column, even with -q. */
static void test_noncharacters(void)
{
	yb_text t;
	char *err;
	const char src[] = "第一行\n第二\xEF\xBF\xBE行\n\xEF\xB7\x90\n\xF4\x8F\xBF\xBF";
	yb_diag_set_quiet(1);
	T_INTEQ("noncharacters: refused", read_bytes(src, sizeof src - 1, &t, &err), -1);
	yb_diag_set_quiet(0);
	T_CONTAINS("U+FFFE: line 2, column 3", err, "x.txt:2: error: column 3: U+FFFE is a Unicode noncharacter");
	T_CONTAINS("U+FDD0: line 3", err, "x.txt:3: error: column 1: U+FDD0");
	T_CONTAINS("U+10FFFF: line 4", err, "x.txt:4: error: column 1: U+10FFFF");
	g_free(err);
	yb_diag_reset();
}

/* ---- refusals ---- */

static void test_invalid(void)
{
	yb_text t;
	char *err;
	/* line 3, byte offset 3+2+3+1+2 = 11; 0xFF is no lead byte in GB18030 either */
	const char src[] = "一\r\n二\nab\xFF" "cd\n";
	T_INTEQ("invalid: refused", read_bytes(src, sizeof src - 1, &t, &err), -1);
	T_CONTAINS("invalid: file and line", err, "x.txt:3: error:");
	T_CONTAINS("invalid: byte offset", err, "byte offset 11");
	T_CONTAINS("invalid: says what to do", err, "save the file as UTF-8");
	T_OK("invalid: no data", t.data == NULL, "data set");
	g_free(err);

	/* a truncated UTF-8 sequence after a lone CR */
	const char src2[] = "甲\r乙\r\x80";
	read_bytes(src2, sizeof src2 - 1, &t, &err);
	T_CONTAINS("invalid after cr: line 3", err, "x.txt:3: error:");
	T_CONTAINS("invalid after cr: offset 8", err, "byte offset 8");
	g_free(err);
}

static void test_empty(void)
{
	yb_text t;
	char *err;
	T_INTEQ("empty: refused", read_bytes("", 0, &t, &err), -1);
	T_CONTAINS("empty: message", err, "'x.txt' is empty");
	g_free(err);

	const char ws[] = " \n\t\r\n\xE3\x80\x80\n\xEF\xBB\xBF";
	T_INTEQ("white space only: refused", read_bytes(ws, sizeof ws - 1, &t, &err), -1);
	T_CONTAINS("white space only: message", err, "'x.txt' is empty");
	g_free(err);
}

static void test_binary(void)
{
	yb_text t;
	char *err;
	const char pdf[] = "%PDF-1.4\n1 0 obj\n";
	T_INTEQ("pdf: refused", read_bytes(pdf, sizeof pdf - 1, &t, &err), -1);
	T_CONTAINS("pdf: message", err, "looks like a binary file (a PDF file)");
	g_free(err);

	const char png[] = "\x89PNG\r\n\x1a\n";
	read_bytes(png, sizeof png - 1, &t, &err);
	T_CONTAINS("png: message", err, "looks like a binary file");
	g_free(err);

	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)((i * 7919u) % 256);
	T_INTEQ("nul-rich bytes: refused", read_bytes(junk, sizeof junk, &t, &err), -1);
	T_CONTAINS("nul-rich bytes: message", err, "looks like a binary file");
	g_free(err);
}

/* ---- UTF-16 and UTF-32 ---- */

/* `text` (UTF-8) in `charset`, with a byte order mark when `bom`. */
static char *wide(const char *text, const char *charset, int bom, gsize *len)
{
	char *w = g_convert(text, -1, charset, "UTF-8", NULL, len, NULL);
	g_assert(w);
	if (!bom)
		return w;
	char *mark = g_convert("\xEF\xBB\xBF", 3, charset, "UTF-8", NULL, NULL, NULL);
	size_t m = strlen(charset) == 8 && charset[4] == '3' ? 4 : 2;
	char *both = g_malloc(m + *len);
	memcpy(both, mark, m);
	memcpy(both + m, w, *len);
	*len += m;
	g_free(mark);
	g_free(w);
	return both;
}

static void test_wide(void)
{
	static const struct { const char *charset; int bom; } cases[] = {
		{ "UTF-16LE", 1 }, { "UTF-16BE", 1 }, { "UTF-16LE", 0 }, { "UTF-16BE", 0 },
		{ "UTF-32LE", 1 }, { "UTF-32BE", 1 },
	};
	const char src[] = "2023年法治政府建设年度报告\r\n一、主要工作\n全年办理案件1,046件。\n";
	const char want[] = "2023年法治政府建设年度报告\n一、主要工作\n全年办理案件1,046件。\n";
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len;
		char *w = wide(src, cases[i].charset, cases[i].bom, &len);
		yb_text t;
		char *err, *name = g_strdup_printf("%s%s", cases[i].charset, cases[i].bom ? " with BOM" : "");
		char *what = g_strdup_printf("'x.txt' is %s text%s; converted to UTF-8", cases[i].charset,
		                             cases[i].bom ? "" : " (it has no byte order mark: told by where its "
		                             "NUL bytes stand)");
		T_INTEQ(name, read_bytes(w, len, &t, &err), 0);
		T_STREQ(name, t.data, want);
		T_CONTAINS(name, err, what);
		T_STREQ(name, t.encoding, cases[i].charset);
		yb_text_release(&t);
		g_free(err);
		g_free(what);
		g_free(name);
		g_free(w);
	}
	/* an encoding named for UTF-16 text: said so */
	gsize wlen;
	char *w = wide("第一行\n", "UTF-16LE", 1, &wlen);
	yb_text wt;
	char *werr;
	capture_begin();
	T_INTEQ("utf-16 read as gb18030 when asked: refused", yb_read_bytes_as("x.txt", w, wlen, "gb18030", &wt), -1);
	werr = capture_end();
	T_CONTAINS("utf-16 read as gb18030: said so", werr, "'x.txt' is UTF-16LE text, not gb18030; leave out --encoding");
	g_free(werr);
	g_free(w);
	/* a lone surrogate on line 3 */
	const char bad[] = "\xFF\xFE" "a\0\n\0b\0\n\0c\0\x00\xD8\n\0";
	yb_text t;
	char *err;
	T_INTEQ("utf-16 lone surrogate: refused", read_bytes(bad, sizeof bad - 1, &t, &err), -1);
	T_CONTAINS("utf-16 lone surrogate: line 3", err, "x.txt:3: error: 'x.txt' is UTF-16LE text");
	g_free(err);
	/* a binary file with NULs on even offsets only is still a binary file */
	char zip[400] = "PK\x03\x04";
	for (size_t i = 4; i < sizeof zip; i++)
		zip[i] = i % 2 ? 'x' : '\0';
	read_bytes(zip, sizeof zip, &t, &err);
	T_CONTAINS("zip with NULs: binary", err, "looks like a binary file");
	g_free(err);
}

/* ---- files ---- */

static void test_files(void)
{
	yb_text t;
	char *err;
	yb_diag_reset();
	capture_begin();
	int rc = yb_read_file("/nonexistent/report.txt", &t);
	err = capture_end();
	T_INTEQ("missing file: refused", rc, -1);
	T_CONTAINS("missing file: message", err, "cannot read '/nonexistent/report.txt': No such file or directory");
	T_INTEQ("missing file: an input error", yb_diag_exit_status(), YB_EXIT_INPUT);
	g_free(err);

	capture_begin();
	rc = yb_read_file("/", &t);
	err = capture_end();
	T_INTEQ("directory: refused", rc, -1);
	T_CONTAINS("directory: message", err, "cannot read '/': Is a directory");
	g_free(err);

	char *dir = g_dir_make_tmp("yb-test-read-XXXXXX", NULL);
	char *path = write_file(dir, "report.txt", "\xEF\xBB\xBF报告\r\n正文");
	capture_begin();
	rc = yb_read_file(path, &t);
	err = capture_end();
	T_INTEQ("file: read", rc, 0);
	T_STREQ("file: normalised", t.data, "报告\n正文");
	yb_text_release(&t);
	g_free(err);
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	yb_diag_reset();
}

/* Random bytes never crash the reader, and what it accepts is clean text. */
static void test_random(void)
{
	GRand *r = g_rand_new_with_seed(20250630);
	int bad = 0, accepted = 0;
	for (int i = 0; i < 3000; i++) {
		size_t len = (size_t)g_rand_int_range(r, 0, 64);
		char buf[64];
		for (size_t k = 0; k < len; k++)   /* mostly text-like bytes */
			buf[k] = (char)(g_rand_int_range(r, 0, 4) ? g_rand_int_range(r, 0x09, 0x7f)
			                                          : g_rand_int_range(r, 0, 256));
		yb_text t;
		char *err;
		if (read_bytes(buf, len, &t, &err) == 0) {
			accepted++;
			bad += !g_utf8_validate(t.data, (gssize)t.len, NULL) || strlen(t.data) != t.len ||
			       strchr(t.data, '\r') != NULL;
			yb_text_release(&t);
		}
		g_free(err);
	}
	T_OK("random bytes: accepted text is valid UTF-8 without CR or NUL", bad == 0, "%d bad of %d", bad, accepted);
	T_OK("random bytes: some accepted, some refused", accepted > 0 && accepted < 3000, "%d accepted", accepted);
	g_rand_free(r);
}

int main(void)
{
	test_plain();
	test_bom_and_line_ends();
	test_gb18030();
	test_big5();
	test_gb18030_2022();
	test_noncharacters();
	test_stray_nul();
	test_invalid();
	test_empty();
	test_binary();
	test_wide();
	test_files();
	test_random();
	T_DONE();
}
