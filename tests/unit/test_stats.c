/* test_stats: indicator files and key-figure extraction (src/stats.c).
 *
 * Small sentences check what must and must not be taken (years, ranks,
 * article numbers, percentages of another measure, a figure between);
 * samples/ checks a fresh clone; the five shared reports are compared cell
 * by cell with the hand-checked tests/expected/stats.tsv, printing
 * precision and recall (skipped when ../shared is missing): a wrong value
 * fails its cell, a missed one (empty or ambiguous) only lowers recall,
 * which must stay at 0.9 or more.  Tests run from
 * the repository root.
 */
#include "t.h"
#include "capture.h"
#include "parse.h"
#include "stats.h"

#include <glib.h>
#include <stdlib.h>

#define CORPUS "../shared/corpus"
#define RULE_OF_LAW "styles/indicators/rule-of-law.ini"

static int load_reports(char **paths, size_t n, yb_report *out)
{
	int rc = 0;
	capture_begin();
	for (size_t i = 0; i < n; i++) {
		yb_text t;
		if (yb_read_file(paths[i], &t) != 0 || yb_parse_report(&t, NULL, &out[i]) != 0)
			rc = -1;
		else
			yb_text_release(&t);
	}
	g_free(capture_end());
	return rc;
}

static int parse_src(const char *src, yb_report *r)
{
	yb_text t;
	capture_begin();
	int rc = yb_read_bytes("r.txt", src, strlen(src), &t);
	if (rc == 0) {
		rc = yb_parse_report(&t, NULL, r);
		yb_text_release(&t);
	}
	g_free(capture_end());
	return rc;
}

static long row_of(const yb_indicators *ind, const char *name)
{
	for (size_t i = 0; i < ind->n; i++)
		if (strcmp(ind->items[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* The value of `name` in report `col`, "" when empty, "?" when ambiguous. */
static const char *value_of(const yb_stats *s, const char *name, size_t col)
{
	long row = row_of(s->ind, name);
	if (row < 0)
		return "(no such indicator)";
	const yb_stats_cell *c = yb_stats_cell_at(s, (size_t)row, col);
	return c->nhits == 0 ? "" : c->nhits > 1 ? "?" : c->hits[0].value;
}

static int load_indicators(const char *text, yb_indicators *ind)
{
	char *path = write_file(g_get_tmp_dir(), "yb-test-indicators.ini", text);
	capture_begin();
	int rc = yb_indicators_load(path, ind);
	g_free(capture_end());
	g_unlink(path);
	g_free(path);
	return rc;
}

static const char TEST_INDICATORS[] =
	"[法律援助案件]\ngroup = 法律援助\nwords = 法律援助案件\nunits = 件;宗\n"
	"[调解成功率]\ngroup = 人民调解\nwords = 调解成功率\nunits = %\n"
	"[法律意见]\ngroup = 法律顾问\nwords = 法律意见\nunits = 条;份\n"
	"[全省排名]\ngroup = 普法\nwords = 全省排名\nunits = 名;位\n"
	"[法治督察专员]\ngroup = 法治督察\nafter = 法治督察专员\nunits = 名\n"
	"[调解涉及金额]\ngroup = 人民调解\nwords = 涉及金额\ncontext = 调解;纠纷\nunits = 元\n";

/* One sentence: the value taken for `name`. */
static void check_sentence(const yb_indicators *ind, const char *sentence, const char *name, const char *want)
{
	yb_report r;
	char *src = g_strconcat("报告\n", sentence, "\n", NULL);
	parse_src(src, &r);
	yb_stats *s = yb_stats_extract(ind, &r, 1, 0);
	char *test = g_strdup_printf("sentence %s: %s", sentence, *want ? want : "nothing taken");
	T_STREQ(test, value_of(s, name, 0), want);
	g_free(test);
	yb_stats_free(s);
	yb_report_release(&r);
	g_free(src);
}

static void test_sentences(void)
{
	yb_indicators ind;
	T_INTEQ("indicators: a small file loads", load_indicators(TEST_INDICATORS, &ind), 0);
	check_sentence(&ind, "今年以来，共受理法律援助案件1874件。", "法律援助案件", "1874件");
	check_sentence(&ind, "受理法律援助案件约50件。", "法律援助案件", "约50件");
	check_sentence(&ind, "受理法律援助案件三件。", "法律援助案件", "三件");
	check_sentence(&ind, "法律援助案件1,562件。", "法律援助案件", "1,562件");
	check_sentence(&ind, "提供法律意见35条。", "法律意见", "35条");
	check_sentence(&ind, "首批聘任33名法治督察专员。", "法治督察专员", "33名");
	check_sentence(&ind, "共受理矛盾纠纷479宗，涉及金额400余万元。", "调解涉及金额", "400余万元");
	/* a general word outside its context: the fines of 不予处罚 are not a mediation figure */
	check_sentence(&ind, "全年依法不予处罚案件213件，涉及金额41.7万元。", "调解涉及金额", "");
	/* not taken */
	check_sentence(&ind, "法律援助案件2023年起实行新规。", "法律援助案件", "");
	check_sentence(&ind, "普法工作全省排名第13名。", "全省排名", "");
	check_sentence(&ind, "提供法律意见应依照第三条办理。", "法律意见", "");
	check_sentence(&ind, "调解成功率指标权重占6%。", "调解成功率", "");
	check_sentence(&ind, "人民调解成功率较上年提高3%。", "调解成功率", "");
	check_sentence(&ind, "法律援助案件同比增长12%。", "法律援助案件", "");
	check_sentence(&ind, "受理法律援助案件和12348热线咨询500件。", "法律援助案件", "");
	check_sentence(&ind, "受理法律援助案件，其中农民工讨薪214件。", "法律援助案件", "");
	check_sentence(&ind, "在全区办理的法律援助案件中，我们共计处理了很多很多的案件200件。", "法律援助案件", "");

	yb_report r;
	parse_src("报告\n受理法律援助案件10件。\n另受理法律援助案件12件；受理法律援助案件10件。\n", &r);
	yb_stats *s = yb_stats_extract(&ind, &r, 1, 0);
	const yb_stats_cell *c = yb_stats_cell_at(s, (size_t)row_of(&ind, "法律援助案件"), 0);
	T_OK("ambiguous: two different figures leave the cell empty, both reported",
	     c->nhits == 2 && strcmp(c->hits[0].value, "10件") == 0 && strcmp(c->hits[1].value, "12件") == 0 &&
	     c->hits[1].line == 3 && strcmp(c->hits[1].sentence, "另受理法律援助案件12件；") == 0,
	     "%zu hits", c->nhits);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	yb_stats_print(s, YB_STATS_TEXT, f);
	fclose(f);
	T_OK("ambiguous: printed as such", out && strstr(out, "ambiguous, left empty: 2 candidates"), "%s", out);
	free(out);
	yb_stats_free(s);
	yb_report_release(&r);

	parse_src("报告\n受理法律援助案件10件。\n受理法律援助案件10件。\n", &r);
	s = yb_stats_extract(&ind, &r, 1, 0);
	T_STREQ("the same figure twice is one value", value_of(s, "法律援助案件", 0), "10件");
	c = yb_stats_cell_at(s, (size_t)row_of(&ind, "法律援助案件"), 0);
	T_OK("hit: block, offset and line", c->nhits == 1 && c->hits[0].block == 0 && c->hits[0].offset == 0 &&
	     c->hits[0].line == 2 && !c->hits[0].approx, "%zu hits", c->nhits);
	yb_stats_free(s);
	yb_report_release(&r);
	yb_indicators_release(&ind);

	T_INTEQ("indicators: no units is an error", load_indicators("[甲]\ngroup = 乙\nwords = 丙\n", &ind), -1);
	T_INTEQ("indicators: no words is an error", load_indicators("[甲]\ngroup = 乙\nunits = 件\n", &ind), -1);
	T_INTEQ("indicators: empty file is an error", load_indicators("# nothing\n", &ind), -1);
}

/* A figure feeds an indicator only when the indicator's own words stand
 * right before it: 信访事项化解率达96% is not 行政争议化解率. */
static void test_own_words(void)
{
	yb_indicators ind;
	if (yb_indicators_load(RULE_OF_LAW, &ind) != 0) {
		T_OK("own words: " RULE_OF_LAW " loads", 0, "refused");
		return;
	}
	char *paths[] = { "samples/genres/rol-report-street.txt", "samples/genres/rol-report-titled.txt" };
	yb_report r[2];
	T_INTEQ("own words: parsed", load_reports(paths, 2, r), 0);
	yb_stats *s = yb_stats_extract(&ind, r, 2, 0);
	T_STREQ("own words: 信访事项化解率达96% feeds no 行政争议化解率", value_of(s, "行政争议化解率", 0), "");
	T_STREQ("own words: 调解成功率达98.2% still feeds 调解成功率", value_of(s, "调解成功率", 0), "98.2%");
	T_STREQ("own words: 行政争议实质性化解率达87.5% feeds it", value_of(s, "行政争议化解率", 1), "87.5%");
	T_STREQ("own words: 办理法律援助案件812件", value_of(s, "法律援助案件", 1), "812件");
	yb_stats_free(s);
	for (int i = 0; i < 2; i++)
		yb_report_release(&r[i]);
	yb_indicators_release(&ind);
}

/* samples/: a fresh clone's check. */
static void test_samples(void)
{
	yb_indicators ind;
	if (yb_indicators_load(RULE_OF_LAW, &ind) != 0) {
		T_OK("samples: " RULE_OF_LAW " loads", 0, "refused");
		return;
	}
	char *paths[] = { "samples/2023-qingyuan-wangchuan.txt" };
	yb_report r;
	T_INTEQ("samples: parsed", load_reports(paths, 1, &r), 0);
	yb_stats *s = yb_stats_extract(&ind, &r, 1, 0);
	static const char *const want[][2] = {
		{ "法律咨询", "8,516人次" }, { "法律援助案件", "732件" }, { "行政处罚", "1,874件" },
		{ "法律意见", "56份" }, { "法律顾问人数", "8人" }, { "案卷评查", "412宗" },
		{ "学法考试参考率", "100%" }, { "行政复议案件", "" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		char *name = g_strdup_printf("samples: 清源 %s", want[i][0]);
		T_STREQ(name, value_of(s, want[i][0], 0), want[i][1]);
		g_free(name);
	}
	yb_stats_free(s);
	yb_report_release(&r);
	yb_indicators_release(&ind);
}

/* ---------------------------------------------------------------------------
 * The shared reports against tests/expected/stats.tsv
 */

static char **corpus_paths(size_t *n)
{
	GPtrArray *a = g_ptr_array_new();
	GDir *d = g_dir_open(CORPUS, 0, NULL);
	const char *name;
	while (d && (name = g_dir_read_name(d)))
		if (g_str_has_suffix(name, ".txt"))
			g_ptr_array_add(a, g_build_filename(CORPUS, name, NULL));
	if (d)
		g_dir_close(d);
	*n = a->len;
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static void test_corpus(void)
{
	if (!g_file_test(CORPUS, G_FILE_TEST_IS_DIR)) {
		T_SKIP("stats corpus", CORPUS " is missing (the shared corpus sits beside the repository)");
		return;
	}
	yb_indicators ind;
	char *tsv = NULL;
	size_t n;
	char **paths = corpus_paths(&n);
	yb_report *reports = g_new0(yb_report, n);
	if (yb_indicators_load(RULE_OF_LAW, &ind) != 0 || load_reports(paths, n, reports) != 0 ||
	    !g_file_get_contents("tests/expected/stats.tsv", &tsv, NULL, NULL)) {
		T_OK("stats corpus: inputs", 0, "indicators, reports or tests/expected/stats.tsv missing");
		return;
	}
	yb_stats *s = yb_stats_extract(&ind, reports, n, 0);
	GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char **lines = g_strsplit(tsv, "\n", -1);
	for (char **l = lines; *l; l++) {
		char **f = g_strsplit(*l, "\t", 3);
		if (**l && **l != '#' && g_strv_length(f) == 3)
			g_hash_table_insert(want, g_strconcat(f[0], "\t", f[1], NULL), g_strdup(f[2]));
		g_strfreev(f);
	}
	long taken = 0, right = 0, expected = 0;
	for (size_t r = 0; r < s->nrows; r++)
		for (size_t c = 0; c < s->ncols; c++) {
			char *base = g_path_get_basename(reports[c].path);
			char *key = g_strconcat(ind.items[r].name, "\t", base, NULL);
			const char *w = g_hash_table_lookup(want, key);
			const char *got = value_of(s, ind.items[r].name, c);
			int want_value = w && strcmp(w, "-") != 0;
			expected += want_value;
			taken += *got && strcmp(got, "?") != 0;
			right += want_value && strcmp(got, w) == 0;
			/* a wrong value fails; a miss (empty or ambiguous) only lowers recall */
			char *name = g_strdup_printf("stats corpus: %s in %s", ind.items[r].name, base);
			int missed = !*got || !strcmp(got, "?");
			if (*got || w)
				T_OK(name, missed || (want_value && strcmp(got, w) == 0), "got '%s', want '%s'", got,
				     w ? w : "(empty)");
			if (want_value && missed)
				printf("# stats corpus: missed %s in %s: want '%s', got %s\n", ind.items[r].name, base, w,
				       *got ? "an ambiguous cell" : "nothing");
			g_free(name);
			g_free(key);
			g_free(base);
		}
	double precision = taken ? (double)right / (double)taken : 0, recall = expected ? (double)right / (double)expected : 0;
	printf("# stats corpus: %ld taken, %ld right, %ld expected: precision %.3f, recall %.3f\n", taken, right, expected,
	       precision, recall);
	T_OK("stats corpus: precision 1.0", right == taken, "%ld of %ld", right, taken);
	T_OK("stats corpus: recall at least 0.9", recall >= 0.9, "%.3f", recall);
	g_strfreev(lines);
	g_hash_table_destroy(want);
	g_free(tsv);
	yb_stats_free(s);
	for (size_t i = 0; i < n; i++)
		yb_report_release(&reports[i]);
	g_free(reports);
	g_strfreev(paths);
	yb_indicators_release(&ind);
}

int main(void)
{
	test_sentences();
	test_samples();
	test_own_words();
	test_corpus();
	T_DONE();
}
