/* fuzz_book: the whole pipeline.  The fuzzer's bytes choose pieces of text
 * (Chinese words, Latin words and numbers, Uyghur, Arabic and Hebrew words,
 * bidi controls, Chinese punctuation, TAB, line ends, heading numbers), so
 * random bytes make report-like text; the text is read, parsed, composed
 * into a book, and laid out while the PDF is written page by page (the
 * layout's page sink, as `yearbook build` does) through the output module
 * into /dev/null (the PDF is made in a scratch file in $TMPDIR, /dev/shm
 * when there is one).  Property checked: every character of the report
 * that is not white space is in the pages' text at least as often as in
 * the report (the book only adds: cover, contents, running heads); the
 * sink counts each page's text before it is written and emptied. */
#include "fuzz.h"

#include "backend.h"
#include "compose.h"
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "parse.h"
#include "paths.h"
#include "read.h"
#include "style.h"

#include <assert.h>
#include <glib.h>
#include <string.h>

static const char *const pieces[] = {
	"政府", "法治", "建设", "报告", "工作", "年度", "依法行政", "推进", "的", "和", "一", "了",
	"市场监管局", "执法", "案件", "人民", "𠮷", "GDP", "Latin", "ISO 9001", "2024", "12.5%", "386",
	"ئۇيغۇر", "تىلى", "العربية", "وفد", "עברית", "שלום", "\u202e", "\u200f", "\u2067", "\u200b",
	"كَتَبَ", "\u064e", "\u061c", "\u2069", "ދިވެހި", "ܫܠܡܐ", "\u0301", "葛\ufe00", "😀",
	"。", "，", "、", "（", "）", "《", "》", "“", "”", "『", "』", "：", "；", "！", "？", "……", "——",
	"。（", "，（", "）（", "》（", "“『", "\t", "\t", "\n", "\n", "\n\n", " ", "　",
	"一、", "（一）", "1.", "第一章", "第二条", "表1 ", "2024年度法治政府建设报告\n",
};

static yb_style *style;
static yb_fonts *fonts;

static void init(void)
{
	if (style)
		return;
	if (g_file_test("/dev/shm", G_FILE_TEST_IS_DIR))
		g_setenv("TMPDIR", "/dev/shm", TRUE);
	yb_diag_set_quiet(1);
	char *dir = yb_paths_data("styles");
	style = yb_style_load("yearbook", dir);
	g_free(dir);
	dir = yb_paths_data("fonts");
	fonts = yb_fonts_load(dir);
	g_free(dir);
	assert(style && fonts);
}

/* counts[c] += 1 for every non-space character of s (len bytes) */
static void count(GHashTable *counts, const char *s, size_t len, int sign)
{
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_isspace(c) || c == 0x3000)
			continue;
		gpointer k = GUINT_TO_POINTER(c);
		g_hash_table_insert(counts, k, GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(counts, k)) + sign));
	}
}

/* The page sink: each page's text counted, then the page written. */
typedef struct tee {
	GHashTable *counts;
	yb_pdf_writer *w;
} tee;

static int count_and_write(void *data, const yb_doc *doc, const yb_page *page, int front)
{
	tee *t = data;
	count(t->counts, page->text->str, page->text->len, -1);
	return yb_render_pdf_page(t->w, doc, page, front);
}

static void check_roundtrip(GHashTable *counts)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, counts);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (GPOINTER_TO_INT(v) > 0) {
			fprintf(stderr, "fuzz_book: U+%04X is in the report %d more time(s) than in the book\n",
			        GPOINTER_TO_UINT(k), GPOINTER_TO_INT(v));
			assert(!"a character of the report is missing from the book");
		}
	}
	g_hash_table_destroy(counts);
}

int yb_fuzz_book(const uint8_t *data, size_t size)
{
	init();
	yb_diag_reset();
	GString *src = g_string_new(NULL);
	for (size_t i = 0; i < size; i++)
		g_string_append(src, pieces[data[i] % G_N_ELEMENTS(pieces)]);
	yb_text t;
	yb_report r;
	yb_parse_opts po = {.keep_punctuation = 1};
	if (yb_read_bytes("fuzz.txt", src->str, src->len, &t) != 0) {
		g_string_free(src, TRUE);
		return 0;
	}
	g_string_free(src, TRUE);
	if (yb_parse_report(&t, &po, &r) != 0) {
		yb_text_release(&t);
		return 0;
	}
	yb_book book = {0};
	yb_compose_in ci = {.reports = &r, .nreports = 1, .source_date_epoch = "1700000000", .creator = "fuzz"};
	yb_compose_book(&book, &ci);
	tee sink = {g_hash_table_new(g_direct_hash, g_direct_equal), yb_render_pdf_open("/dev/null")};
	assert(sink.w);
	count(sink.counts, t.data, t.len, 1);
	yb_layout_opts lo = {.jobs = 1, .sink = count_and_write, .sink_data = &sink};
	yb_doc *doc = yb_layout_book(&book, style, fonts, &lo);
	assert(doc && doc->streamed);
	check_roundtrip(sink.counts);
	int rc = yb_render_pdf_close(sink.w, doc);
	assert(rc == 0);
	(void)rc;
	yb_doc_free(doc);
	yb_book_release(&book);
	yb_report_release(&r);
	yb_text_release(&t);
	return 0;
}

YB_FUZZ_ENTRY(yb_fuzz_book)
