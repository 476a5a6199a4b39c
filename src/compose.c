#include "compose.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static char *pick(const char *override, const char *parsed)
{
	return g_strdup(override && *override ? override : parsed);
}

void yb_compose_book(yb_book *book, const yb_report *reports, size_t nreports,
                     const yb_compose_override *overrides)
{
	book->reports = g_new0(yb_book_report, nreports);
	book->nreports = nreports;
	for (size_t i = 0; i < nreports; i++) {
		const yb_compose_override *o = overrides ? &overrides[i] : NULL;
		yb_book_report *br = &book->reports[i];
		br->tree = &reports[i];
		br->title = pick(o ? o->title : NULL, reports[i].title);
		br->issuer = pick(o ? o->issuer : NULL, reports[i].issuer);
		br->year = pick(o ? o->year : NULL, reports[i].year);
		br->lang = pick(o ? o->lang : NULL, reports[i].lang ? reports[i].lang : "zh-cn");
	}
	book->lang = "zh-cn";
	for (size_t i = 0; i < nreports; i++)
		if (strcmp(book->reports[i].lang, "zh-tw") != 0)
			break;
		else if (i + 1 == nreports)
			book->lang = "zh-tw";
	if (!book->title)
		book->title = g_strdup(nreports == 1 ? book->reports[0].title : "报告汇编");
}

void yb_book_release(yb_book *book)
{
	for (size_t i = 0; i < book->nreports; i++) {
		yb_book_report *br = &book->reports[i];
		g_free(br->title);
		g_free(br->issuer);
		g_free(br->year);
		g_free(br->lang);
	}
	g_free(book->reports);
	g_free(book->title);
	g_free(book->subtitle);
	g_free(book->editor);
	g_free(book->date);
	g_free(book->keywords);
	*book = (yb_book){0};
}
