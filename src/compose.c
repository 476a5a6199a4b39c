/* compose: see compose.h. */
#include "compose.h"

#include "diag.h"
#include "stats.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *first_set(const char *a, const char *b)
{
	return a && *a ? a : b;
}

static char *pick(const char *override, const char *parsed)
{
	return g_strdup(first_set(override, parsed));
}

static void compose_reports(yb_book *book, const yb_compose_in *in)
{
	const yb_manifest *m = in->manifest;
	book->reports = g_new0(yb_book_report, in->nreports);
	book->nreports = in->nreports;
	for (size_t i = 0; i < in->nreports; i++) {
		const yb_manifest_report *o = m ? &m->reports[i] : NULL;
		const yb_report *r = &in->reports[i];
		yb_book_report *br = &book->reports[i];
		br->tree = r;
		br->title = pick(o ? o->title : NULL, r->title);
		br->issuer = pick(o ? o->issuer : NULL, r->issuer);
		br->short_title = o && o->short_title ? g_strdup(o->short_title) : NULL;
		br->year = pick(o ? o->year : NULL, r->year);
		br->lang = pick(o ? o->lang : NULL, r->lang ? r->lang : "zh-cn");
		br->script = yb_script_of(br->lang);
	}
}

/* Traditional when every report is. */
static yb_script book_script(const yb_book *book)
{
	for (size_t i = 0; i < book->nreports; i++)
		if (book->reports[i].script != YB_SCRIPT_TC)
			return YB_SCRIPT_SC;
	return book->nreports ? YB_SCRIPT_TC : YB_SCRIPT_SC;
}

static long long book_epoch(const yb_book *book, const yb_compose_in *in)
{
	if (in->source_date_epoch && *in->source_date_epoch)
		return g_ascii_strtoll(in->source_date_epoch, NULL, 10);
	int y, m, d;
	if (book->date && sscanf(book->date, "%d-%d-%d", &y, &m, &d) == 3) {
		GDateTime *dt = g_date_time_new_utc(y, m, d, 0, 0, 0);
		if (dt) {
			long long t = g_date_time_to_unix(dt);
			g_date_time_unref(dt);
			return t;
		}
	}
	return in->newest_input;
}

/* The reports' issuers (or titles), each once. */
static char *keywords_of(const yb_book *book)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < book->nreports; i++) {
		const char *k = first_set(book->reports[i].issuer, book->reports[i].title);
		if (!strstr(s->str, k))
			g_string_append_printf(s, "%s%s", s->len ? ", " : "", k);
	}
	return g_string_free(s, FALSE);
}

static void compose_info(yb_book *book, const yb_compose_in *in)
{
	const yb_manifest *m = in->manifest;
	yb_book_info *info = &book->info;
	info->title = g_strdup(book->title);
	info->author = g_strdup(book->editor);
	info->subject = g_strdup(first_set(book->subtitle, book->title));
	info->keywords = m && m->keywords ? g_strdup(m->keywords) : keywords_of(book);
	info->creator = g_strdup(in->creator);
	info->lang = g_strdup(yb_script_bcp47(book->script));
	GDateTime *dt = g_date_time_new_from_unix_utc(book->epoch);
	info->date = dt ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
	if (dt)
		g_date_time_unref(dt);
}

/* Tells the editor which titles were built rather than read, and how to set them. */
static void note_built_titles(const yb_book *book, const yb_manifest *m)
{
	for (size_t i = 0; i < book->nreports; i++) {
		const yb_report *r = book->reports[i].tree;
		int overridden = m && m->reports[i].title;
		if (r->title_line == 0 && !overridden)
			yb_diag_note(r->path, 0, "no title line; the title is built as '%s' (give 'title =' in a "
			             "book manifest to change it)", book->reports[i].title);
	}
}

/* Names every key figure left empty because the report gives two values. */
static void note_ambiguous(const yb_stats *st)
{
	for (size_t row = 0; row < st->nrows; row++)
		for (size_t col = 0; col < st->ncols; col++) {
			const yb_stats_cell *cell = yb_stats_cell_at(st, row, col);
			if (cell->nhits < 2)
				continue;
			GString *vals = g_string_new(NULL);
			for (size_t h = 0; h < cell->nhits; h++)
				g_string_append_printf(vals, "%s'%s' (line %ld)", h ? ", " : "", cell->hits[h].value,
				                       cell->hits[h].line);
			yb_diag_note(st->reports[col].path, cell->hits[0].line,
			             "'%s' has %zu values, %s: the key figures table leaves it empty",
			             st->ind->items[row].name, cell->nhits, vals->str);
			g_string_free(vals, TRUE);
		}
}

/* ---- the imprint page ---------------------------------------------------- */

/* 2025-06 -> 2025年6月, 2025-06-30 -> 2025年6月30日 (the manifest checked the form). */
static char *chinese_date(const char *v)
{
	int y = atoi(v), m = atoi(v + 5);
	return strlen(v) > 7 ? g_strdup_printf("%d年%d月%d日", y, m, atoi(v + 8)) : g_strdup_printf("%d年%d月", y, m);
}

/* The first character of s and an ellipsis: a CIP access point (GB/T 12451). */
static void access_point(GString *s, const char *roman, const char *what)
{
	const char *next = g_utf8_next_char(what);
	g_string_append_printf(s, "%s%s．①%.*s%s", s->len ? "　" : "", roman, (int)(next - what), what,
	                       *next ? "…" : "");
}

/* The CIP data block (GB/T 12451) under its heading: title / compiler,
 * publication, ISBN, access points, the CIP number; each part only when
 * the manifest gives it. */
static char **cip_lines(const yb_manifest_imprint *im, const yb_book *book)
{
	GPtrArray *out = g_ptr_array_new();
	const char *compiler = first_set(im->compiler, book->editor);
	const char *date = first_set(im->print_date, book->date);
	GString *s = g_string_new(book->title);
	if (compiler)
		g_string_append_printf(s, " / %s编", compiler);
	if (im->place || im->publisher || date) {
		g_string_append(s, "．—");
		if (im->place)
			g_string_append_printf(s, "%s：", im->place);
		g_string_append(s, im->publisher ? im->publisher : "");
		if (date)
			g_string_append_printf(s, "%s%.4s", im->place || im->publisher ? "，" : "", date);
	}
	g_ptr_array_add(out, g_string_free(s, FALSE));
	g_ptr_array_add(out, g_strdup_printf("ISBN %s", g_str_has_prefix(im->isbn, "ISBN") ? im->isbn + 4 : im->isbn));
	if (im->subjects || im->classification) {
		GString *a = g_string_new(NULL);
		access_point(a, "Ⅰ", book->title);
		if (compiler)
			access_point(a, "Ⅱ", compiler);
		if (im->subjects)
			g_string_append_printf(a, "　Ⅲ．①%s", im->subjects);
		if (im->classification)
			g_string_append_printf(a, "　Ⅳ．①%s", im->classification);
		g_ptr_array_add(out, g_string_free(a, FALSE));
	}
	if (im->cip_number)
		g_ptr_array_add(out, g_strdup(im->cip_number));
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* The imprint's list, labelled as Chinese imprints are, in their order. */
static char **imprint_items(const yb_manifest_imprint *im)
{
	char *date = im->print_date ? chinese_date(im->print_date) : NULL;
	char *copies = im->copies ? g_strdup_printf("%s册", im->copies) : NULL;
	const struct { const char *label, *value; } items[] = {
		{ "准印证号", im->permit }, { "编印单位", im->compiler }, { "出版发行", im->publisher },
		{ "发送对象", im->recipients }, { "印刷单位", im->printer }, { "印刷日期", date },
		{ "印　　数", copies },
	};
	GPtrArray *out = g_ptr_array_new();
	for (size_t i = 0; i < G_N_ELEMENTS(items); i++)
		if (items[i].value)
			g_ptr_array_add(out, g_strdup_printf("%s：%s", items[i].label, items[i].value));
	g_free(date);
	g_free(copies);
	if (!out->len) {
		g_ptr_array_free(out, TRUE);
		return NULL;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

static void compose_imprint(yb_book *book, const yb_manifest *m)
{
	const yb_manifest_imprint *im = &m->imprint;
	book->imprint.page = im->page;
	book->imprint.notice = !im->isbn && (im->permit || im->notice);
	book->imprint.notice_text = g_strdup(im->notice);
	book->imprint.cip = im->isbn ? cip_lines(im, book) : NULL;
	book->imprint.items = imprint_items(im);
}

int yb_book_has_imprint(const yb_book *book)
{
	return book->imprint.notice || book->imprint.cip || book->imprint.items;
}

static void compose_front(yb_book *book, const yb_compose_in *in)
{
	for (int k = 0; k < YB_FRONT_COUNT; k++)
		if (in->front[k])
			book->front[book->nfront++] = (yb_book_front){ k, in->manifest->front[k].title, in->front[k] };
}

void yb_compose_book(yb_book *book, const yb_compose_in *in)
{
	const yb_manifest *m = in->manifest;
	*book = (yb_book){0};
	book->title = g_strdup(first_set(in->title, m ? m->title : NULL));
	book->subtitle = g_strdup(first_set(in->subtitle, m ? m->subtitle : NULL));
	book->editor = g_strdup(first_set(in->editor, m ? m->editor : NULL));
	book->date = g_strdup(first_set(in->date, m ? m->date : NULL));
	compose_reports(book, in);
	book->script = book_script(book);
	if (!book->title)
		book->title = g_strdup(in->nreports == 1 ? book->reports[0].title : "报告汇编");
	book->epoch = book_epoch(book, in);
	book->stats = in->stats;
	book->toc_depth = m ? m->toc_depth : YB_TOC_STYLE;
	book->imprint.page = YB_IMPRINT_STYLE;
	if (m) {
		compose_imprint(book, m);
		compose_front(book, in);
	}
	compose_info(book, in);
	note_built_titles(book, m);
	if (in->stats)
		note_ambiguous(in->stats);
}

static void release_info(yb_book_info *info)
{
	g_free(info->title);
	g_free(info->author);
	g_free(info->subject);
	g_free(info->keywords);
	g_free(info->creator);
	g_free(info->lang);
	g_free(info->date);
}

void yb_book_release(yb_book *book)
{
	for (size_t i = 0; i < book->nreports; i++) {
		yb_book_report *br = &book->reports[i];
		g_free(br->title);
		g_free(br->short_title);
		g_free(br->issuer);
		g_free(br->year);
		g_free(br->lang);
	}
	g_free(book->reports);
	g_free(book->title);
	g_free(book->subtitle);
	g_free(book->editor);
	g_free(book->date);
	g_free(book->imprint.notice_text);
	g_strfreev(book->imprint.cip);
	g_strfreev(book->imprint.items);
	release_info(&book->info);
	*book = (yb_book){0};
}
