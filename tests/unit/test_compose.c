/* test_compose: the book compose makes from its inputs (src/compose.c):
 * which value wins (command line, manifest, parsed), the book's language,
 * the creation time's sources in order, the document information, and the
 * notes for built titles. */
#include "t.h"
#include "capture.h"
#include "compose.h"
#include "parse.h"

#include <glib.h>

static void parse_src(const char *name, const char *src, yb_report *r)
{
	yb_text t;
	capture_begin();
	g_assert(yb_read_bytes(name, src, strlen(src), &t) == 0);
	g_assert(yb_parse_report(&t, NULL, r) == 0);
	yb_text_release(&t);
	g_free(capture_end());
}

int main(void)
{
	yb_report r[2];
	parse_src("a.txt", "甲区司法局2023年法治政府建设年度报告\n\n一、总体情况\n今年推进依法行政。\n", &r[0]);
	parse_src("b.txt", "一、基本情况\n本年度推进依法行政。\n", &r[1]);
	yb_book b;

	/* one report, nothing given: its title, the newest input's time */
	yb_compose_in in = {.reports = r, .nreports = 1, .newest_input = 86400, .creator = "yb"};
	capture_begin();
	yb_compose_book(&b, &in);
	char *err = capture_end();
	T_STREQ("title: the only report's", b.title, r[0].title);
	T_INTEQ("script: simplified", b.script, YB_SCRIPT_SC);
	T_INTEQ("epoch: the newest input's", b.epoch, 86400);
	T_STREQ("info: date from the epoch", b.info.date, "1970-01-02T00:00:00");
	T_STREQ("info: lang is BCP 47", b.info.lang, "zh-CN");
	T_STREQ("info: subject is the title", b.info.subject, b.title);
	T_STREQ("info: creator", b.info.creator, "yb");
	T_STREQ("no note for a title read", err, "");
	g_free(err);
	yb_book_release(&b);

	/* two reports: the neutral title; the book's date beats the inputs' time;
	 * a built title is named in a note; keywords are the titles, each once */
	in.nreports = 2;
	in.date = "2024-01-02";
	capture_begin();
	yb_compose_book(&b, &in);
	err = capture_end();
	T_STREQ("title: neutral for several reports", b.title, "报告汇编");
	T_STREQ("date: the command line's", b.date, "2024-01-02");
	T_STREQ("info: date from the book's date", b.info.date, "2024-01-02T00:00:00");
	T_OK("note: a built title", strstr(err, "b.txt: note: no title line") != NULL, "stderr: %s", err);
	T_OK("keywords: both reports", b.info.keywords && strchr(b.info.keywords, ','), "got %s", b.info.keywords);
	g_free(err);
	yb_book_release(&b);

	/* SOURCE_DATE_EPOCH beats the date; the command line beats the manifest,
	 * whose per-report values beat the parsed ones (and silence the note) */
	yb_manifest_report mr[2] = {{.issuer = "甲区人民政府", .lang = "zh-tw"},
	                            {.title = "乙区报告", .lang = "zh-tw"}};
	yb_manifest m = {.title = "清单书名", .subtitle = "副题", .keywords = "法治", .reports = mr, .nreports = 2};
	in.manifest = &m;
	in.title = "命令行书名";
	in.source_date_epoch = "0";
	capture_begin();
	yb_compose_book(&b, &in);
	err = capture_end();
	T_STREQ("title: the command line wins", b.title, "命令行书名");
	T_STREQ("subtitle: the manifest's", b.subtitle, "副题");
	T_STREQ("issuer: the manifest's", b.reports[0].issuer, "甲区人民政府");
	T_STREQ("report title: the manifest's", b.reports[1].title, "乙区报告");
	T_INTEQ("script: traditional when every report is", b.script, YB_SCRIPT_TC);
	T_STREQ("info: lang zh-TW", b.info.lang, "zh-TW");
	T_INTEQ("epoch: SOURCE_DATE_EPOCH first", b.epoch, 0);
	T_STREQ("info: keywords the manifest's", b.info.keywords, "法治");
	T_STREQ("info: subject the subtitle", b.info.subject, "副题");
	T_STREQ("no note for a title the manifest gives", err, "");
	g_free(err);
	yb_book_release(&b);

	/* the one place a language tag becomes a script */
	T_INTEQ("script: zh-tw", yb_script_of("zh-tw"), YB_SCRIPT_TC);
	T_INTEQ("script: zh-HK", yb_script_of("zh-HK"), YB_SCRIPT_TC);
	T_INTEQ("script: zh-Hant-MO", yb_script_of("zh-Hant-MO"), YB_SCRIPT_TC);
	T_INTEQ("script: zh-cn", yb_script_of("zh-cn"), YB_SCRIPT_SC);
	T_INTEQ("script: none", yb_script_of(NULL), YB_SCRIPT_SC);
	T_STREQ("script: BCP 47 at the edge", yb_script_bcp47(YB_SCRIPT_TC), "zh-TW");

	yb_report_release(&r[0]);
	yb_report_release(&r[1]);
	T_DONE();
}
