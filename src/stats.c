/* stats: indicator files, figure extraction and the printed table.
 *
 * Design note.  Each paragraph or heading is cut into sentences (at 。；！？)
 * and each sentence into clauses (at ，、；：; the clean-up made the marks
 * between Chinese full-width, and 1,874 keeps its comma).  In a clause, a figure is
 *     [约|近|超过|逾] number [余|多] [万|亿] [余|多] unit
 * where the number is digits (1,874 / 99.75) or Chinese numerals (千 / 一万)
 * and the unit one of the units any indicator takes, longest first.  A
 * figure right after 第 is a rank or an article (第13位, 第三条) and is never
 * taken; years and dates have no unit (2023年).  The figure belongs to the
 * indicator whose word ends nearest before it in the clause, when nothing
 * but connecting words (达, 为, 共, 累计, 同比, …: CONNECTORS) stands
 * between them, so that 权重占6% or 信访事项化解率达96% never feed an
 * indicator whose own words are not right there; failing that, to the indicator one of
 * whose `after` words starts at most AFTER_MAX characters after it.  The
 * unit must be one the indicator takes, or nothing is taken.  Table blocks
 * are not searched.
 */
#include "stats.h"

#include "diag.h"
#include "json.h"
#include "keyfile.h"
#include "par.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

enum { AFTER_MAX = 2 };

/* ---------------------------------------------------------------------------
 * Indicator files
 */

static const char *const indicator_keys[] = { "group", "words", "after", "units", "context", NULL };
static const yb_keyfile_group indicator_groups[] = { { "", 1, indicator_keys } };

/* A ;-separated list, items trimmed, empty ones dropped; never NULL. */
static char **list(const yb_keyfile *kf, const char *group, const char *key)
{
	char *v = yb_keyfile_get(kf, group, key);
	GPtrArray *out = g_ptr_array_new();
	char **parts = g_strsplit(v ? v : "", ";", -1);
	for (char **p = parts; *p; p++)
		if (*g_strstrip(*p))
			g_ptr_array_add(out, g_strdup(*p));
	g_ptr_array_add(out, NULL);
	g_strfreev(parts);
	g_free(v);
	return (char **)g_ptr_array_free(out, FALSE);
}

static int read_indicator(const yb_keyfile *kf, const char *name, yb_indicator *it)
{
	it->name = g_strdup(name);
	it->line = yb_keyfile_line(kf, name, NULL);
	it->group = yb_keyfile_get(kf, name, "group");
	it->words = list(kf, name, "words");
	it->after = list(kf, name, "after");
	it->units = list(kf, name, "units");
	it->context = list(kf, name, "context");
	const char *missing = !it->group || !*it->group ? "'group'" : !*it->units ? "'units'"
	                      : !*it->words && !*it->after ? "'words' or 'after'" : NULL;
	if (!missing)
		return 0;
	yb_diag_error(yb_keyfile_path(kf), it->line, "indicator [%s] has no %s; add it, e.g. "
	              "'group = 法律援助', 'words = 法律援助案件', 'units = 件;宗'", name, missing);
	return -1;
}

static void indicator_release(yb_indicator *it)
{
	g_free(it->name);
	g_free(it->group);
	g_strfreev(it->words);
	g_strfreev(it->after);
	g_strfreev(it->units);
	g_strfreev(it->context);
}

int yb_indicators_load(const char *path, yb_indicators *out)
{
	memset(out, 0, sizeof *out);
	yb_keyfile *kf = yb_keyfile_load(path);
	if (!kf)
		return -1;
	yb_keyfile_check(kf, indicator_groups, G_N_ELEMENTS(indicator_groups));
	const char *const *groups = yb_keyfile_groups(kf);
	while (groups[out->n])
		out->n++;
	out->path = g_strdup(path);
	out->items = g_new0(yb_indicator, out->n);
	int rc = 0;
	for (size_t i = 0; i < out->n; i++)
		rc |= read_indicator(kf, groups[i], &out->items[i]);
	if (rc == 0 && out->n == 0)
		rc = -1, yb_diag_error(path, 0, "no indicators; add a group such as '[法律援助案件]' for each");
	yb_keyfile_free(kf);
	if (rc != 0)
		yb_indicators_release(out);
	return rc;
}

void yb_indicators_release(yb_indicators *ind)
{
	for (size_t i = 0; i < ind->n; i++)
		indicator_release(&ind->items[i]);
	g_free(ind->items);
	g_free(ind->path);
	memset(ind, 0, sizeof *ind);
}

/* ---------------------------------------------------------------------------
 * Figures
 */

static int by_length_desc(gconstpointer a, gconstpointer b)
{
	return (int)strlen(*(char *const *)b) - (int)strlen(*(char *const *)a);
}

/* The figure pattern for every unit the indicators take. */
static GRegex *figure_regex(const yb_indicators *ind)
{
	GPtrArray *units = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < ind->n; i++)
		for (char **u = ind->items[i].units; *u; u++)
			g_ptr_array_add(units, g_regex_escape_string(*u, -1));
	g_ptr_array_sort(units, by_length_desc);
	g_ptr_array_add(units, NULL);
	char *alt = g_strjoinv("|", (char **)units->pdata);
	char *pat = g_strdup_printf("(?<![0-9０-９.,])(约|近|超过|逾)?"
	                            "([0-9０-９]+(?:,[0-9]{3})*(?:\\.[0-9]+)?|[〇零一二两三四五六七八九十百千万]+)"
	                            "(余|多)?([万亿])?(余|多)?(%s)", alt);
	GRegex *rx = g_regex_new(pat, G_REGEX_OPTIMIZE, 0, NULL);
	assert(rx);
	g_free(pat);
	g_free(alt);
	g_ptr_array_free(units, TRUE);
	return rx;
}

/* Words that may stand between an indicator's word and its figure:
 * "调解成功率达99.75%", "法律援助案件共1874件", "同比增长". */
static const char *const CONNECTORS[] = {
	"分别为", "分别", "达到", "高达", "共计", "累计", "合计", "总计", "同比", "突破", "超过",
	"达", "为", "是", "共", "计", "约", "近", "逾", "有", "均", "已", "：", "》", "”", "」", NULL,
};

/* Is the gap between a word and a figure made of connecting words only? */
static int gap_connects(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *const *w = CONNECTORS;
		while (*w && !(g_str_has_prefix(p, *w) && p + strlen(*w) <= end))
			w++;
		if (!*w)
			return 0;
		p += strlen(*w);
	}
	return 1;
}

static int in_list(char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* The indicator whose word ends nearest before the figure at fig, in [from, fig), or -1. */
static long word_before(const yb_indicators *ind, const char *from, const char *fig)
{
	long best = -1;
	const char *best_end = NULL;
	size_t best_len = 0;
	for (size_t i = 0; i < ind->n; i++)
		for (char **w = ind->items[i].words; *w; w++) {
			size_t wl = strlen(*w);
			const char *at = g_strrstr_len(from, fig - from, *w);
			if (!at || (best_end && (at + wl < best_end || (at + wl == best_end && wl <= best_len))))
				continue;
			best = (long)i;
			best_end = at + wl;
			best_len = wl;
		}
	if (best < 0 || !gap_connects(best_end, (size_t)(fig - best_end)))
		return -1;
	return best;
}

/* The indicator one of whose `after` words starts right after the figure, or -1. */
static long word_after(const yb_indicators *ind, const char *p, const char *end)
{
	for (size_t i = 0; i < ind->n; i++)
		for (char **w = ind->items[i].after; *w; w++) {
			size_t wl = strlen(*w);
			const char *q = p;
			for (int k = 0; k <= AFTER_MAX && q < end; k++, q = g_utf8_next_char(q))
				if ((size_t)(end - q) >= wl && memcmp(q, *w, wl) == 0)
					return (long)i;
		}
	return -1;
}

/* ---------------------------------------------------------------------------
 * Extraction
 */

typedef struct extractor {
	const yb_indicators *ind;
	GRegex *rx;
	yb_stats *s;
	size_t report, block;
	const yb_block *b;
	const char *b_end;          /* the end of b's text */
	const char *sentence, *sentence_end;
} extractor;

static void add_hit(extractor *x, long row, GMatchInfo *mi)
{
	yb_stats_cell *c = &x->s->cells[(size_t)row * x->s->ncols + x->report];
	char *value = g_match_info_fetch(mi, 0), *pre = g_match_info_fetch(mi, 1), *a1 = g_match_info_fetch(mi, 3),
	     *a2 = g_match_info_fetch(mi, 5), *unit = g_match_info_fetch(mi, 6);
	for (size_t i = 0; i < c->nhits; i++)
		if (strcmp(c->hits[i].value, value) == 0)
			goto done;
	c->hits = g_renew(yb_stats_hit, c->hits, c->nhits + 1);
	c->hits[c->nhits++] = (yb_stats_hit){
		.value = value, .unit = unit, .block = x->block,
		.approx = *pre || *a1 || *a2,
		.offset = (size_t)(x->sentence - x->b->text), .line = x->b->line,
		.sentence = g_strndup(x->sentence, (size_t)(x->sentence_end - x->sentence)),
	};
	value = unit = NULL;
done:
	g_free(value);
	g_free(pre);
	g_free(a1);
	g_free(a2);
	g_free(unit);
}

static int after_di(const char *clause, const char *fig)
{
	return fig > clause && g_utf8_get_char(g_utf8_prev_char(fig)) == 0x7B2C;   /* 第 */
}

/* Whether the sentence holds one of the indicator's context words (if it has any). */
static int in_context(const extractor *x, long row)
{
	char **words = x->ind->items[row].context;
	if (!*words)
		return 1;
	for (; *words; words++)
		if (g_strstr_len(x->sentence, x->sentence_end - x->sentence, *words))
			return 1;
	return 0;
}

static void scan_clause(extractor *x, const char *clause, const char *end)
{
	GMatchInfo *mi;
	const char *from = clause;   /* after the previous figure */
	g_regex_match_full(x->rx, clause, end - clause, 0, 0, &mi, NULL);
	for (; g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
		gint s, e, us, ue;
		g_match_info_fetch_pos(mi, 0, &s, &e);
		g_match_info_fetch_pos(mi, 6, &us, &ue);
		const char *fig = clause + s;
		char *unit = g_strndup(clause + us, (size_t)(ue - us));
		long row = after_di(clause, fig) ? -1 : word_before(x->ind, from, fig);
		if (row < 0 && !after_di(clause, fig))
			row = word_after(x->ind, clause + e, end);
		if (row >= 0 && in_list(x->ind->items[row].units, unit) && in_context(x, row))
			add_hit(x, row, mi);
		g_free(unit);
		from = clause + e;
	}
	g_match_info_free(mi);
}

static int in_marks(const char *marks, const char *p)
{
	return g_utf8_strchr(marks, -1, g_utf8_get_char(p)) != NULL;
}

/* Cuts [p, end) at any of `marks` and calls back for each piece. */
static void split(extractor *x, const char *p, const char *end, const char *marks,
                  void (*each)(extractor *, const char *, const char *))
{
	const char *start = p;
	for (; p < end; p = g_utf8_next_char(p)) {
		if (!in_marks(marks, p))
			continue;
		each(x, start, p);
		start = g_utf8_next_char(p);
	}
	if (start < end)
		each(x, start, end);
}

static void scan_sentence(extractor *x, const char *s, const char *e)
{
	x->sentence = s;
	x->sentence_end = e < x->b_end ? g_utf8_next_char(e) : e;
	split(x, s, e, "，、；：", scan_clause);
}

/* One report's column of the table (reports fill their own columns). */
static void extract_report(size_t report, void *data)
{
	const extractor *all = data;
	extractor x = *all;
	x.report = report;
	const yb_report *r = &x.s->reports[report];
	for (x.block = 0; x.block < r->nblocks; x.block++) {
		x.b = &r->blocks[x.block];
		x.b_end = x.b->text + strlen(x.b->text);
		if (x.b->kind != YB_BLOCK_TABLE)
			split(&x, x.b->text, x.b_end, "。；！？", scan_sentence);
	}
}

yb_stats *yb_stats_extract(const yb_indicators *ind, const yb_report *reports, size_t n, int threads)
{
	yb_stats *s = g_new0(yb_stats, 1);
	*s = (yb_stats){ .ind = ind, .reports = reports, .nrows = ind->n, .ncols = n };
	s->cells = g_new0(yb_stats_cell, s->nrows * s->ncols);
	extractor x = { .ind = ind, .rx = figure_regex(ind), .s = s };
	yb_par_for(n, threads, extract_report, &x);
	g_regex_unref(x.rx);
	return s;
}

const yb_stats_cell *yb_stats_cell_at(const yb_stats *s, size_t row, size_t col)
{
	assert(row < s->nrows && col < s->ncols);
	return &s->cells[row * s->ncols + col];
}

void yb_stats_free(yb_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nrows * s->ncols; i++) {
		for (size_t k = 0; k < s->cells[i].nhits; k++) {
			g_free(s->cells[i].hits[k].value);
			g_free(s->cells[i].hits[k].unit);
			g_free(s->cells[i].hits[k].sentence);
		}
		g_free(s->cells[i].hits);
	}
	g_free(s->cells);
	g_free(s);
}

/* ---------------------------------------------------------------------------
 * Printing
 */

static void print_text(const yb_stats *s, FILE *out)
{
	for (size_t r = 0; r < s->nrows; r++) {
		fprintf(out, "%s (%s)\n", s->ind->items[r].name, s->ind->items[r].group);
		for (size_t c = 0; c < s->ncols; c++) {
			const yb_stats_cell *cell = yb_stats_cell_at(s, r, c);
			if (cell->nhits > 1)
				fprintf(out, "  %s: (ambiguous, left empty: %zu candidates)\n", s->reports[c].path, cell->nhits);
			for (size_t k = 0; k < cell->nhits; k++) {
				const yb_stats_hit *h = &cell->hits[k];
				fprintf(out, "  %s:%ld: %s%s%s\n      %s\n", s->reports[c].path, h->line,
				        cell->nhits > 1 ? "candidate " : "", h->value, h->approx ? " (approx.)" : "",
				        h->sentence);
			}
		}
	}
}

/* The value of a run of Chinese numerals (三, 十二, 千, 百万, 一万二千), moving *p past it. */
static double chinese_number(const char **p)
{
	static const char digits[] = "〇零一二两三四五六七八九";
	static const int digit_of[] = {0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9};
	double total = 0, section = 0, n = 0;
	for (;; *p = g_utf8_next_char(*p)) {
		gunichar c = g_utf8_get_char(*p);
		const char *d = c ? g_utf8_strchr(digits, -1, c) : NULL;
		if (d)
			n = digit_of[g_utf8_pointer_to_offset(digits, d)];
		else if (c == 0x5341 || c == 0x767e || c == 0x5343) /* 十 百 千 */
			section += (n ? n : 1) * (c == 0x5341 ? 10 : c == 0x767e ? 100 : 1000), n = 0;
		else if (c == 0x4e07 || c == 0x4ebf) /* 万 亿 */
			total += (section + n) * (c == 0x4e07 ? 1e4 : 1e8), section = n = 0;
		else
			return total + section + n;
	}
}

/* The number a figure as written stands for: "1,280" 1280, "400余万元"
 * 4000000, "千余次" 1000, "94.4%" 94.4.  0 when it cannot be read. */
static int figure_number(const char *v, double *n)
{
	static const char *const before[] = {"约", "近", "超过", "逾"};
	for (size_t i = 0; i < G_N_ELEMENTS(before); i++)
		if (g_str_has_prefix(v, before[i]))
			v += strlen(before[i]);
	GString *ascii = g_string_new(NULL);
	for (; *v; v = g_utf8_next_char(v)) {
		gunichar c = g_utf8_get_char(v);
		if (c >= 0xff10 && c <= 0xff19) /* full-width digits */
			g_string_append_c(ascii, (char)('0' + (c - 0xff10)));
		else if (g_ascii_isdigit(*v) || *v == '.')
			g_string_append_c(ascii, *v);
		else if (*v != ',')
			break;
	}
	const char *start = v;
	*n = ascii->len ? g_ascii_strtod(ascii->str, NULL) : chinese_number(&v);
	int ok = ascii->len || v != start;
	g_string_free(ascii, TRUE);
	if (g_str_has_prefix(v, "余") || g_str_has_prefix(v, "多"))
		v += strlen("余");
	if (g_str_has_prefix(v, "万"))
		*n *= 1e4;
	else if (g_str_has_prefix(v, "亿"))
		*n *= 1e8;
	return ok;
}

static void csv_field(GString *g, const char *s)
{
	g_string_append_c(g, '"');
	for (; *s; s++) {
		if (*s == '"')
			g_string_append_c(g, '"');
		g_string_append_c(g, *s);
	}
	g_string_append_c(g, '"');
}

/* "4000000", "94.4", or "" (CSV) / "null" (JSON) when the figure cannot be read. */
static void append_number(GString *g, const char *value, const char *none)
{
	double n;
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_string_append(g, figure_number(value, &n) ? g_ascii_formatd(buf, sizeof buf, "%.15g", n) : none);
}

static void print_csv(const yb_stats *s, FILE *out)
{
	GString *g = g_string_new("indicator,group,file,issuer,year,value,number,unit,approx,line,status,sentence\n");
	for (size_t r = 0; r < s->nrows; r++)
		for (size_t c = 0; c < s->ncols; c++) {
			const yb_stats_cell *cell = yb_stats_cell_at(s, r, c);
			const yb_report *rep = &s->reports[c];
			for (size_t k = 0; k < cell->nhits; k++) {
				const yb_stats_hit *h = &cell->hits[k];
				const char *f[] = { s->ind->items[r].name, s->ind->items[r].group, rep->path,
				                    rep->issuer ? rep->issuer : "", rep->year ? rep->year : "", h->value };
				for (size_t i = 0; i < G_N_ELEMENTS(f); i++) {
					csv_field(g, f[i]);
					g_string_append_c(g, ',');
				}
				append_number(g, h->value, "");
				g_string_append_c(g, ',');
				csv_field(g, h->unit);
				g_string_append_printf(g, ",%d,%ld,%s,", h->approx, h->line,
				                       cell->nhits > 1 ? "ambiguous" : "ok");
				csv_field(g, h->sentence);
				g_string_append_c(g, '\n');
			}
		}
	fputs(g->str, out);
	g_string_free(g, TRUE);
}

static void json_hit(GString *g, const yb_stats_hit *h)
{
	g_string_append(g, "{\"value\": ");
	yb_json_string(g, h->value);
	g_string_append(g, ", \"number\": ");
	append_number(g, h->value, "null");
	g_string_append(g, ", \"unit\": ");
	yb_json_string(g, h->unit);
	g_string_append_printf(g, ", \"approx\": %s, \"line\": %ld, \"sentence\": ", h->approx ? "true" : "false",
	                       h->line);
	yb_json_string(g, h->sentence);
	g_string_append(g, "}");
}

static void json_cell(GString *g, const yb_stats *s, size_t r, size_t c)
{
	const yb_stats_cell *cell = yb_stats_cell_at(s, r, c);
	g_string_append(g, "{\"file\": ");
	yb_json_string(g, s->reports[c].path);
	g_string_append(g, ", \"issuer\": ");
	yb_json_string(g, s->reports[c].issuer);
	g_string_append(g, ", \"year\": ");
	yb_json_string(g, s->reports[c].year);
	g_string_append_printf(g, ", \"status\": \"%s\", \"hits\": [",
	                       cell->nhits == 0 ? "empty" : cell->nhits == 1 ? "ok" : "ambiguous");
	for (size_t k = 0; k < cell->nhits; k++) {
		g_string_append(g, k ? ", " : "");
		json_hit(g, &cell->hits[k]);
	}
	g_string_append(g, "]}");
}

static void print_json(const yb_stats *s, FILE *out)
{
	GString *g = g_string_new("[\n");
	for (size_t r = 0; r < s->nrows; r++) {
		g_string_append(g, "  {\"indicator\": ");
		yb_json_string(g, s->ind->items[r].name);
		g_string_append(g, ", \"group\": ");
		yb_json_string(g, s->ind->items[r].group);
		g_string_append(g, ", \"cells\": [\n");
		for (size_t c = 0; c < s->ncols; c++) {
			g_string_append(g, "    ");
			json_cell(g, s, r, c);
			g_string_append(g, c + 1 < s->ncols ? ",\n" : "\n");
		}
		g_string_append_printf(g, "  ]}%s\n", r + 1 < s->nrows ? "," : "");
	}
	g_string_append(g, "]\n");
	fputs(g->str, out);
	g_string_free(g, TRUE);
}

int yb_stats_print(const yb_stats *s, yb_stats_format fmt, FILE *out)
{
	if (fmt == YB_STATS_CSV)
		print_csv(s, out);
	else if (fmt == YB_STATS_JSON)
		print_json(s, out);
	else
		print_text(s, out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
