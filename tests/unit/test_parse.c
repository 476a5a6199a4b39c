/* test_parse: the parser (src/parse.c) and the tree dump (src/tree.c).
 *
 * Golden files: for every report in ../shared/corpus (skipped when that
 * folder is missing) and in samples/, the --dump=tree text is compared with
 * tests/expected/<base name>.tree.  Tests run from the repository root.
 * To regenerate the expected files after a deliberate change:
 *     YB_REGEN=1 build/tests/test_parse
 * then read the diff (git diff tests/expected) line by line against the
 * reports before committing it.
 */
#include "t.h"
#include "capture.h"
#include "parse.h"
#include "diag.h"

#include <stdlib.h>

#define CORPUS "../shared/corpus"
#define SAMPLES "samples"
#define EXPECTED "tests/expected"

/* Reads and parses `len` bytes of src (stderr captured and dropped). */
static int parse_src(const char *src, int keep, yb_report *r)
{
	yb_text t;
	yb_parse_opts o = { .keep_punctuation = keep };
	capture_begin();
	int rc = yb_read_bytes("r.txt", src, strlen(src), &t);
	if (rc == 0)
		rc = yb_parse_report(&t, &o, r);
	g_free(capture_end());
	yb_text_release(&t);
	return rc;
}

/* ---------------------------------------------------------------------------
 * The heading recogniser
 */

static void test_heading_levels(void)
{
	static const struct { const char *line; int level; const char *number; } cases[] = {
		{ "一、总体情况", 1, "一、" },
		{ "十、其他", 1, "十、" },
		{ "十一、附则", 1, "十一、" },
		{ "二十、附则", 1, "二十、" },
		{ "九十九、附则", 1, "九十九、" },
		{ "（一）加强学习", 2, "（一）" },
		{ "(一)加强学习", 2, "(一)" },
		{ "(七) 持续做好", 2, "(七) " },
		{ "（十二）混合", 2, "（十二）" },
		{ "（一)半角右括号", 2, "（一)" },
		{ "1.精准高效", 3, "1." },
		{ "1、推进权责清单制度。", 3, "1、" },
		{ "1．全角点", 3, "1．" },
		{ "１．全角数字", 3, "１．" },
		{ "12、两位数", 3, "12、" },
		{ "3. 带空格", 3, "3. " },
		{ "（1）完善执法证管理工作", 4, "（1）" },
		{ "(2)持续开展", 4, "(2)" },
		{ "（１）全角", 4, "（１）" },
		{ "(12)两位", 4, "(12)" },
		{ "第一章 总则", 1, "第一章 " },
		{ "第三章　附则", 1, "第三章　" },
		{ "第二节 审查", 2, "第二节 " },
		{ "第十条 本办法自发布之日起施行。", 3, "第十条 " },
		{ "第一百零一条 附则", 3, "第一百零一条 " },
		{ "第5条 阿拉伯数字", 3, "第5条 " },
		{ "第一条", 3, "第一条" },
		/* not headings */
		{ "2023年以来，我局坚持", 0, NULL },
		{ "1874件行政处罚", 0, NULL },
		{ "1.5万元用于", 0, NULL },
		{ "99.75%的调解成功率", 0, NULL },
		{ "10:30开会", 0, NULL },
		{ "(2021-2025年)规划", 0, NULL },
		{ "（2021—2025年）规划", 0, NULL },
		{ "(2021)年度", 0, NULL },
		{ "1000.千位", 0, NULL },
		{ "2023.12.31前完成", 0, NULL },
		{ "1、2月份", 0, NULL },
		{ "一是加强学习", 0, NULL },
		{ "十分重视", 0, NULL },
		{ "第一条主线是", 0, NULL },
		{ "第一，加强", 0, NULL },
		{ "（一是）", 0, NULL },
		{ "（一", 0, NULL },
		{ "(a)拉丁", 0, NULL },
		{ "一", 0, NULL },
		{ "", 0, NULL },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		size_t nl = 12345;
		int level = yb_parse_heading_level(cases[i].line, strlen(cases[i].line), &nl);
		char *name = g_strdup_printf("heading level of \"%s\"", cases[i].line);
		T_INTEQ(name, level, cases[i].level);
		g_free(name);
		if (cases[i].number && level) {
			name = g_strdup_printf("number of \"%s\"", cases[i].line);
			T_INTEQ(name, nl, strlen(cases[i].number));
			g_free(name);
		}
	}
	size_t nl;
	T_INTEQ("heading level: length is respected", yb_parse_heading_level("一、", 3, &nl), 0);
	T_INTEQ("heading level: invalid UTF-8 is no heading", yb_parse_heading_level("\xE4\xB8", 2, &nl), 0);
}

/* ---------------------------------------------------------------------------
 * Lines: title, heading, run-in heading, paragraph
 */

static const yb_block *block_at_line(const yb_report *r, long line)
{
	for (size_t i = 0; i < r->nblocks; i++)
		if (r->blocks[i].line == line)
			return &r->blocks[i];
	return NULL;
}

static void test_title_line(void)
{
	yb_report r;
	parse_src("某某区司法局2023年工作报告\n正文第一段。\n", 0, &r);
	T_STREQ("title line: taken", r.title, "某某区司法局2023年工作报告");
	T_INTEQ("title line: its line", r.title_line, 1);
	T_INTEQ("title line: not a block", r.nblocks, 1);
	yb_report_release(&r);

	parse_src("\n\n  短标题　\n正文。\n", 0, &r);
	T_STREQ("title line after empty lines: trimmed", r.title, "短标题");
	T_INTEQ("title line after empty lines: line 3", r.title_line, 3);
	yb_report_release(&r);

	static const char *const not_titles[] = {
		"2023年以来，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。\n正文。\n",
		"一、总体情况\n正文。\n",
		"我局坚持依法行政。\n正文。\n",
		"主要表现在：\n正文。\n",
		"开始，\n正文。\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(not_titles); i++) {
		char *name = g_strdup_printf("no title line in case %zu", i);
		parse_src(not_titles[i], 0, &r);
		T_INTEQ(name, r.title_line, 0);
		T_INTEQ(name, r.blocks[0].line, 1);
		g_free(name);
		yb_report_release(&r);
	}
}

static void test_headings_in_text(void)
{
	yb_report r;
	/* levels follow the order in which the numbering styles first appear */
	const char *src =
		"这是正文的第一段，它比较长，用来说明报告没有标题行的情况，并且以句号结尾。\n"
		"1、推进权责清单制度。\n"
		"（一）加强学习。全年开展学习12次。\n"
		"（二）他说“好。”然后继续。\n"
		"二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况\n"
		"（三）这是一个很长的编号段落，它的第一句话一直没有句号，而是用逗号连接了很多分句，一直写到超过了六十个字的长度限制以后，才最终结束。后面还有话。\n"
		"2、加强执法监督。\n"
		"（1）完善执法证管理工作\n";
	T_INTEQ("headings: parsed", parse_src(src, 0, &r), 0);
	const yb_block *b = block_at_line(&r, 2);
	T_OK("one-sentence heading: first style, level 1, not run-in", b && b->kind == YB_BLOCK_HEADING &&
	     b->level == 1 && !b->run_in && b->head_len == strlen(b->text), "got kind %d", b ? (int)b->kind : -1);
	b = block_at_line(&r, 3);
	T_OK("run-in heading: second style, level 2", b && b->kind == YB_BLOCK_HEADING && b->level == 2 && b->run_in,
	     "not run-in");
	T_INTEQ("run-in heading: head up to the first 。", b ? b->head_len : 0, strlen("（一）加强学习。"));
	T_INTEQ("run-in heading: number_len", b ? b->number_len : 0, strlen("（一）"));
	b = block_at_line(&r, 4);
	T_INTEQ("run-in heading: closing quote belongs to the head", b ? b->head_len : 0, strlen("（二）他说“好。”"));
	b = block_at_line(&r, 5);
	T_OK("long heading without 。: third style, level 3", b && b->kind == YB_BLOCK_HEADING && b->level == 3 &&
	     !b->run_in, "not a heading");
	b = block_at_line(&r, 6);
	T_OK("numbered line with a long first sentence: paragraph", b && b->kind == YB_BLOCK_PARAGRAPH &&
	     b->number_len == strlen("（三）"), "not a numbered paragraph");
	b = block_at_line(&r, 8);
	T_OK("（1） right under 2、: level 2 (ranked 4th, but levels never jump)",
	     b && b->kind == YB_BLOCK_HEADING && b->level == 2, "not level 2");
	b = block_at_line(&r, 1);
	T_OK("paragraph: no heading fields", b && b->kind == YB_BLOCK_PARAGRAPH && b->level == 0 &&
	     b->head_len == 0 && b->number_len == 0, "fields set");
	yb_report_release(&r);

	/* a style of long sentences numbers paragraphs; numbers that run on across
	 * a higher heading number paragraphs too */
	T_INTEQ("paragraph styles: parsed", parse_src(
		"一、总体要求\n"
		"1.这是一个编号的单句段落，内容很长，包括很多分句和数字，比如全年办理案件1874件，共计超过三十个字。\n"
		"2.这也是一个编号的单句段落，内容同样很长，包括很多分句，用来说明同一种编号只有一种角色。\n"
		"二、主要任务\n"
		"（1）第一项。后面还有内容。\n"
		"（2）第二项。后面还有内容。\n"
		"三、保障措施\n"
		"（3）第三项。编号接着上一节继续。\n", 0, &r), 0);
	b = block_at_line(&r, 2);
	T_OK("long one-sentence numbered lines: paragraphs", b && b->kind == YB_BLOCK_PARAGRAPH, "not a paragraph");
	b = block_at_line(&r, 8);
	T_OK("numbers running on across 三、: paragraphs", b && b->kind == YB_BLOCK_PARAGRAPH, "not a paragraph");
	b = block_at_line(&r, 7);
	T_OK("三、 still a level-1 heading", b && b->kind == YB_BLOCK_HEADING && b->level == 1, "not level 1");
	yb_report_release(&r);

	T_INTEQ("articles: parsed", parse_src(
		"第一章　总则\n"
		"第一条　为了规范管理，制定本办法。\n"
		"第二条　本办法适用于下列事项：\n"
		"（一）第一项；\n"
		"（二）第二项。\n"
		"第二章　附则\n", 0, &r), 0);
	b = block_at_line(&r, 2);
	T_OK("第一条: a paragraph with a bold number", b && b->kind == YB_BLOCK_PARAGRAPH &&
	     b->lead_len == strlen("第一条　"), "not an article");
	b = block_at_line(&r, 4);
	T_OK("（一） inside an article: a paragraph", b && b->kind == YB_BLOCK_PARAGRAPH, "a heading");
	b = block_at_line(&r, 6);
	T_OK("第二章: level 1", b && b->kind == YB_BLOCK_HEADING && b->level == 1, "not level 1");
	yb_report_release(&r);
}

static void test_dates(void)
{
	static const struct { const char *in; int whole; const char *iso; } cases[] = {
		{ "2021年3月5日", 1, "2021-03-05" },
		{ "二○○八年五月十二日", 1, "2008-05-12" },
		{ "二〇二三年二月二十八日", 1, "2023-02-28" },
		{ "　２０２４年１２月３１日　", 1, "2024-12-31" },
		{ "——2024年1月15日在大会上", 0, "2024-01-15" },
		{ "2021年3月5日印发", 1, NULL },
		{ "2021年13月5日", 1, NULL },
		{ "12021年3月5日", 0, NULL },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char iso[11] = "", *name = g_strdup_printf("date: \"%s\"", cases[i].in);
		size_t n = yb_parse_date(cases[i].in, strlen(cases[i].in), cases[i].whole, iso);
		T_STREQ(name, n ? iso : "(none)", cases[i].iso ? cases[i].iso : "(none)");
		g_free(name);
	}
	long v;
	size_t nl;
	T_INTEQ("numbering: 第十二条 is an article", yb_parse_numbering("第十二条　内容", strlen("第十二条　内容"), &nl, &v),
	        YB_NUM_ARTICLE);
	T_INTEQ("numbering: 第十二条 is 12", v, 12);
	yb_parse_numbering("一百零一、内容", strlen("一百零一、内容"), &nl, &v);
	T_INTEQ("numbering: 一百零一 is 101", v, 101);
	yb_parse_numbering("（23）内容", strlen("（23）内容"), &nl, &v);
	T_INTEQ("numbering: （23） is 23", v, 23);
}

/* ---------------------------------------------------------------------------
 * Punctuation clean-up
 */

static void test_punctuation(void)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "我们,你们", "我们，你们" },
		{ "总额296,100元", "总额296,100元" },
		{ "时间为10:30,地点在会议室", "时间为10:30,地点在会议室" },
		{ "依据GB/T 9704—2012,规范公文", "依据GB/T 9704—2012,规范公文" },
		{ "在第33(ii)段所述", "在第33(ii)段所述" },
		{ "(i)设立基金;(ii)预留土地", "(i)设立基金;(ii)预留土地" },
		{ "电子平台Cargo: Link,简化手续", "电子平台Cargo: Link,简化手续" },
		{ "PM2.5浓度,同比下降", "PM2.5浓度，同比下降" },
		{ "第13位,1人获奖", "第13位,1人获奖" },
		{ "规划(2021-2025年)提出", "规划（2021-2025年）提出" },
		{ "(一)加强学习", "（一）加强学习" },
		{ "(七) 持续做好", "（七）持续做好" },
		{ "(1)完善", "（1）完善" },
		{ "（一)混合", "（一）混合" },
		{ "电话(020)12345678", "电话(020)12345678" },
		{ "英文 see (a) b 结束", "英文 see (a) b 结束" },
		{ "比率99.75%,同比上升", "比率99.75%，同比上升" },
		{ "是吗?是的!", "是吗？是的！" },
		{ "网址a.php?id=1", "网址a.php?id=1" },
		{ "工作 , 推进", "工作，推进" },
		{ "“精准普法”,认真落实", "“精准普法”，认真落实" },
		{ "注:见附件;另见说明", "注：见附件；另见说明" },
		{ "项目\t数量,合计", "项目\t数量，合计" },
		{ "上线App,服务群众", "上线App,服务群众" },
		{ "村(社区)24小时", "村(社区)24小时" },
		{ "电话(020),传真", "电话（020），传真" },
		{ "比分3:1获胜", "比分3:1获胜" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *src = g_strdup_printf("第一行是很长的正文，不是标题，因为它以句号结尾，并且超过了标题的长度限制，这样第二行才是被测试的行。\n%s\n",
		                            cases[i].in);
		yb_report r;
		char *name = g_strdup_printf("punctuation: \"%s\"", cases[i].in);
		parse_src(src, 0, &r);
		T_STREQ(name, r.nblocks == 2 ? r.blocks[1].text : NULL, cases[i].out);
		yb_report_release(&r);
		g_free(name);
		g_free(src);
	}
	yb_report r;
	parse_src("正文,不变。\n(一)保持(原样)\n", 1, &r);
	T_STREQ("keep_punctuation: comma kept", r.blocks[0].text, "正文,不变。");
	T_STREQ("keep_punctuation: heading number kept", r.blocks[1].text, "(一)保持(原样)");
	T_INTEQ("keep_punctuation: still a heading (the only style: level 1)", r.blocks[1].level, 1);
	yb_report_release(&r);
}

/* ---------------------------------------------------------------------------
 * Metadata
 */

static void test_metadata(void)
{
	yb_report r;
	parse_src("清源市望川区司法局2023年法治政府建设年度报告\n2022年回顾。\n", 0, &r);
	T_STREQ("issuer from the title", r.issuer, "清源市望川区司法局");
	T_STREQ("year: the first in the text", r.year, "2023");
	T_STREQ("title: the title line", r.title, "清源市望川区司法局2023年法治政府建设年度报告");
	yb_report_release(&r);

	parse_src("江门市江海区2022年法治政府建设年度报告\n印发《2022年度江门市江海区人民政府学法计划》。\n", 0, &r);
	T_STREQ("issuer: the title's place, named in the text", r.issuer, "江门市江海区人民政府");
	yb_report_release(&r);

	parse_src("在区委、区政府和市司法局的领导下，河东区司法局坚持依法行政，全年办理案件1874件，成效明显。\n"
	          "落实《天津市河东区人民政府重大行政决策规定》。\n", 0, &r);
	T_STREQ("issuer: first name in the text, completed with its city", r.issuer, "天津市河东区司法局");
	T_OK("year: none", r.year == NULL, "got %s", r.year);
	T_STREQ("title: built from the issuer", r.title, "天津市河东区司法局年度报告");
	T_INTEQ("title: built, no line", r.title_line, 0);
	yb_report_release(&r);

	parse_src("２０２１年以来，我局坚持依法行政，按照市司法局的要求，报请区政府审定了多项制度，成效明显。\n", 0, &r);
	T_OK("issuer: generic references are no issuer", r.issuer == NULL, "got %s", r.issuer);
	T_STREQ("year: full-width digits", r.year, "2021");
	T_STREQ("title: built from the year alone", r.title, "2021年度报告");
	yb_report_release(&r);

	parse_src("编号12023年的记录不是年份，全文也没有机关名称，只有一段足够长的正文内容用来测试。\n", 0, &r);
	T_OK("year: not part of a longer number", r.year == NULL, "got %s", r.year);
	T_STREQ("title: the file name when nothing is found", r.title, "r");
	yb_report_release(&r);

	parse_src("2023年，松濤區司法局在區委、區政府的堅強領導下，認真落實《翠峰市松濤區人民政府關於建設法治政府的實施意見》，"
	          "紮實推進依法行政，各項工作取得明顯成效。\n一、主要舉措\n", 0, &r);
	T_STREQ("lang: traditional", r.lang, "zh-tw");
	T_STREQ("issuer: traditional text", r.issuer, "翠峰市松濤區司法局");
	T_STREQ("title: built in traditional", r.title, "翠峰市松濤區司法局2023年度報告");
	yb_report_release(&r);

	parse_src("2023年，区司法局在区委、区政府的坚强领导下，认真落实各项工作，国务院关于建设法治政府的实施意见得到落实。\n", 0, &r);
	T_STREQ("lang: simplified", r.lang, "zh-cn");
	yb_report_release(&r);

	parse_src("ab c\n　中文，\t好\n", 0, &r);
	T_INTEQ("nchars: characters that are not white space", r.nchars, 7);
	yb_report_release(&r);
}

static void test_empty_text(void)
{
	yb_text t = { .path = (char *)"blank.txt", .data = (char *)" \n\t\n", .len = 4 };
	yb_report r;
	capture_begin();
	int rc = yb_parse_report(&t, NULL, &r);
	char *err = capture_end();
	T_INTEQ("blank text: refused", rc, -1);
	T_OK("blank text: message", strstr(err, "'blank.txt' is empty") != NULL, "got \"%s\"", err);
	g_free(err);
	yb_diag_reset();
}

/* ---------------------------------------------------------------------------
 * Tables
 */

/* The cells of a table, "|" between cells, "/" between rows. */
static char *cells_of(const yb_block *b)
{
	GString *s = g_string_new("");
	for (size_t r = 0; b && r < b->nrows; r++)
		for (size_t c = 0; c < b->ncols; c++)
			g_string_append_printf(s, "%s%s", b->cells[r * b->ncols + c],
			                       c + 1 < b->ncols ? "|" : r + 1 < b->nrows ? "/" : "");
	return g_string_free(s, FALSE);
}

static const yb_block *first_table(const yb_report *r)
{
	for (size_t i = 0; i < r->nblocks; i++)
		if (r->blocks[i].kind == YB_BLOCK_TABLE)
			return &r->blocks[i];
	return NULL;
}

static void test_tables(void)
{
	yb_report r;
	parse_src("报告\n正文。\n街道\t2022年\t2023年\n甲街道\t12\t15\n乙街道\t3\t4\n结尾段落。\n", 0, &r);
	const yb_block *t = first_table(&r);
	char *got = cells_of(t);
	T_STREQ("table: cells", got, "街道|2022年|2023年/甲街道|12|15/乙街道|3|4");
	g_free(got);
	T_INTEQ("table: blocks (paragraph, table, paragraph)", r.nblocks, 3);
	T_OK("table: line and row lines", t && t->line == 3 && t->row_lines[0] == 3 && t->row_lines[2] == 5,
	     "line %ld", t ? t->line : 0L);
	T_STREQ("table: text holds every cell", t ? t->text : NULL, "街道 2022年 2023年 甲街道 12 15 乙街道 3 4");
	T_OK("table: no caption", t && !t->caption, "caption '%s'", t && t->caption ? t->caption : "");
	yb_report_release(&r);

	parse_src("报告\n表1 2023年各街道案件数\n街道\t件数\n甲\t1\n", 0, &r);
	t = first_table(&r);
	T_STREQ("table: caption 表1", t ? t->caption : NULL, "表1 2023年各街道案件数");
	T_OK("table: caption is not a paragraph, the table starts at its line",
	     r.nblocks == 1 && t && t->line == 2 && t->row_lines[0] == 3, "nblocks %zu", r.nblocks);
	T_STREQ("table: text starts with the caption", t ? t->text : NULL, "表1 2023年各街道案件数 街道 件数 甲 1");
	yb_report_release(&r);

	static const struct { const char *line; int caption; } captions[] = {
		{ "表 2 调解情况", 1 }, { "表一 案件统计", 1 }, { "附表：法律援助情况", 1 }, { "表１ 全角", 1 },
		{ "表明全年受理案件如下：", 0 }, { "表1 这是一个很长的句子。", 0 }, { "统计如下", 0 },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(captions); i++) {
		char *src = g_strdup_printf("报告\n%s\na\tb\nc\td\n", captions[i].line);
		parse_src(src, 0, &r);
		t = first_table(&r);
		char *name = g_strdup_printf("table: caption? %s", captions[i].line);
		T_OK(name, t && (t->caption != NULL) == captions[i].caption && r.nblocks == 2 - (size_t)captions[i].caption,
		     "caption %s, %zu blocks", t && t->caption ? t->caption : "(none)", r.nblocks);
		g_free(name);
		g_free(src);
		yb_report_release(&r);
	}

	parse_src("报告\n\t2022\t2023\n甲\t1\n乙\t2\t3\t备注\t\t\n", 0, &r);
	t = first_table(&r);
	got = cells_of(t);
	T_STREQ("table: ragged rows padded, a longer row widens, empty first cell kept", got,
	        "|2022|2023|/甲|1||/乙|2|3|备注");
	g_free(got);
	yb_report_release(&r);

	parse_src("报告\n段落。\n项目\t数量\n调解\t5", 0, &r);
	t = first_table(&r);
	T_OK("table: at the end of the file, no final newline", t && t->nrows == 2 && t->row_lines[1] == 4 &&
	     strcmp(t->cells[3], "5") == 0, "%s", t ? t->text : "no table");
	yb_report_release(&r);

	parse_src("报告\n联系电话\t12345\n段落。\n", 0, &r);
	T_OK("table: a lone TAB line is a paragraph, its TAB kept", !first_table(&r) && r.nblocks == 2 &&
	     strcmp(r.blocks[0].text, "联系电话\t12345") == 0, "%s", r.nblocks ? r.blocks[0].text : "");
	yb_report_release(&r);

	parse_src("报告\na\tb\nc\td\n\ne\tf\ng\th\n", 0, &r);
	T_OK("table: an empty line ends a table", r.nblocks == 2 && r.blocks[1].kind == YB_BLOCK_TABLE &&
	     r.blocks[1].line == 5, "%zu blocks", r.nblocks);
	yb_report_release(&r);

	parse_src("报告\n甲(一)\t1,2\n乙\t3\n", 0, &r);
	t = first_table(&r);
	T_STREQ("table: cells cleaned up like lines", t ? t->cells[0] : NULL, "甲（一）");
	yb_report_release(&r);
}

/* ---------------------------------------------------------------------------
 * The dump
 */

static char *dump_string(const yb_report *r)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	yb_report_dump(r, f);
	fclose(f);
	return buf;
}

static void test_dump(void)
{
	yb_report r;
	parse_src("某单位2024年度报告\n\n一、工作情况\n(一)依法行政。全年审查文件20件。\n正文段落。\n", 0, &r);
	char *got = dump_string(&r);
	T_STREQ("dump: format", got,
	        "report: r.txt\n"
	        "title: 某单位2024年度报告 (line 1)\n"
	        "issuer: (not found in the text)\n"
	        "year: 2024\n"
	        "lang: zh-cn\n"
	        "h1 L3 一、工作情况\n"
	        "h2 L4 run-in （一）依法行政。\n"
	        "headings: 2\n"
	        "paragraphs: 2\n"
	        "chars: 40\n");
	free(got);
	yb_report_release(&r);
}

/* ---------------------------------------------------------------------------
 * Pathological input: each must finish quickly (linear algorithms)
 */

static void test_pathological(void)
{
	GString *s = g_string_new("");
	for (int i = 0; i < 25000; i++)
		g_string_append(s, "(,");
	for (int i = 0; i < 25000; i++)
		g_string_append(s, "中)");
	g_string_append_c(s, '\n');
	for (int i = 0; i < 200000; i++)
		g_string_append(s, i % 50 ? "字" : ",");
	g_string_append_c(s, '\n');
	for (int i = 0; i < 10000; i++)
		g_string_append_printf(s, "%d、标题%d\n", i % 999 + 1, i);
	for (int i = 0; i < 20000; i++)   /* issuer and year candidates that never qualify */
		g_string_append(s, "，甲乙区司法局3999年");
	g_string_append_c(s, '\n');
	yb_report r;
	gint64 t0 = g_get_monotonic_time();
	int rc = parse_src(s->str, 0, &r);
	double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
	T_INTEQ("pathological: parsed", rc, 0);
	T_INTEQ("pathological: blocks", r.nblocks, 10003);
	T_STREQ("pathological: issuer", r.issuer, "甲乙区司法局");
	T_OK("pathological: fast", secs < 5.0, "took %.2f s", secs);
	T_OK("pathological: marks converted in the 50,000-mark line",
	     r.nblocks > 0 && g_str_has_prefix(r.blocks[0].text, "（，（，"), "got %.12s", r.nblocks ? r.blocks[0].text : "");
	yb_report_release(&r);
	g_string_free(s, TRUE);

	parse_src("𠮷野家报告\n只有标题和一行。\n", 0, &r);
	T_STREQ("outside the BMP: title kept", r.title, "𠮷野家报告");
	yb_report_release(&r);

	parse_src("只有标题", 0, &r);
	T_OK("only a title: no blocks", r.nblocks == 0 && strcmp(r.title, "只有标题") == 0, "nblocks %zu", r.nblocks);
	yb_report_release(&r);
}

/* ---------------------------------------------------------------------------
 * Golden dumps
 */

static char *dump_file(const char *path)
{
	yb_text t;
	yb_report r;
	yb_parse_opts o = { 0 };
	char *out = NULL;
	capture_begin();
	if (yb_read_file(path, &t) == 0) {
		if (yb_parse_report(&t, &o, &r) == 0) {
			char *d = dump_string(&r);
			out = g_strdup(d);
			free(d);
			yb_report_release(&r);
		}
		yb_text_release(&t);
	}
	g_free(capture_end());
	return out;
}

/* s without white space, half-width , : ; ? ! ( ) as full-width. */
static void append_folded(GString *out, const char *s)
{
	static const char half[] = ",:;?!()";
	static const gunichar full[] = { 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0xFF08, 0xFF09 };
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		const char *h = c < 0x80 ? strchr(half, (int)c) : NULL;
		if (!g_unichar_isspace(c))
			g_string_append_unichar(out, h ? full[h - half] : c);
	}
}

/* Every character of the file is in the report, in order: the title line
 * and the blocks' texts hold the whole text, up to white space and the
 * width of the marks the clean-up converts. */
static void check_nothing_lost(const char *path, const char *name)
{
	yb_text t;
	yb_report r;
	capture_begin();
	int rc = yb_read_file(path, &t);
	if (rc == 0 && (rc = yb_parse_report(&t, NULL, &r)) != 0)
		yb_text_release(&t);
	g_free(capture_end());
	if (rc != 0) {
		T_OK(name, 0, "'%s' was refused", path);
		return;
	}
	GString *src = g_string_new(""), *got = g_string_new("");
	append_folded(src, t.data);
	if (r.title_line > 0)
		append_folded(got, r.title);
	for (size_t i = 0; i < r.nblocks; i++)
		append_folded(got, r.blocks[i].text);
	T_OK(name, g_string_equal(src, got), "%zu characters in the file, %zu in the report", src->len, got->len);
	g_string_free(src, TRUE);
	g_string_free(got, TRUE);
	yb_report_release(&r);
	yb_text_release(&t);
}

/* The first line where a and b differ, for the failure message. */
static char *first_difference(const char *a, const char *b)
{
	char **la = g_strsplit(a, "\n", -1), **lb = g_strsplit(b, "\n", -1);
	char *msg = NULL;
	for (int i = 0; !msg && (la[i] || lb[i]); i++) {
		if (!la[i] || !lb[i] || strcmp(la[i], lb[i]) != 0)
			msg = g_strdup_printf("line %d: got \"%s\", want \"%s\"", i + 1,
			                      la[i] ? la[i] : "(end)", lb[i] ? lb[i] : "(end)");
	}
	g_strfreev(la);
	g_strfreev(lb);
	return msg ? msg : g_strdup("(no difference)");
}

static void golden_one(const char *dir, const char *file)
{
	char *path = g_build_filename(dir, file, NULL);
	char *base = g_strndup(file, strlen(file) - 4);
	char *expected_path = g_strdup_printf(EXPECTED "/%s.tree", base);
	char *name = g_strdup_printf("golden %s", path);
	char *got = dump_file(path), *want = NULL;

	if (!got) {
		T_OK(name, 0, "'%s' was refused", path);
	} else if (getenv("YB_REGEN")) {
		char *tree = g_strconcat(base, ".tree", NULL);
		g_free(write_file(EXPECTED, tree, got));
		g_free(tree);
		T_OK(name, 1, "regenerated");
	} else if (!g_file_get_contents(expected_path, &want, NULL, NULL)) {
		T_OK(name, 0, "no '%s': run YB_REGEN=1 build/tests/test_parse and check it", expected_path);
	} else {
		char *diff = strcmp(got, want) ? first_difference(got, want) : NULL;
		T_OK(name, diff == NULL, "%s (see %s)", diff, expected_path);
		g_free(diff);
	}
	g_free(name);
	name = g_strdup_printf("nothing lost %s", path);
	check_nothing_lost(path, name);
	g_free(want);
	g_free(got);
	g_free(name);
	g_free(expected_path);
	g_free(base);
	g_free(path);
}

static int by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Golden-checks every *.txt in dir; returns how many. */
static int golden_dir(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return 0;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	while ((n = g_dir_read_name(d)))
		if (g_str_has_suffix(n, ".txt"))
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, by_name);
	for (guint i = 0; i < names->len; i++)
		golden_one(dir, g_ptr_array_index(names, i));
	int count = (int)names->len;
	g_ptr_array_free(names, TRUE);
	return count;
}

static void test_golden(void)
{
	if (!g_file_test(CORPUS, G_FILE_TEST_IS_DIR))
		T_SKIP("golden corpus", CORPUS " is missing (the shared corpus sits beside the repository)");
	else
		T_INTEQ("golden corpus: five reports", golden_dir(CORPUS), 5);
	int samples = golden_dir(SAMPLES);
	T_OK("golden samples: every sample report", samples >= 5, "%d reports", samples);
}

/* yb_parse_reports() on several threads: the same trees as one at a time,
 * and the same messages in the same order; two texts the reader refused
 * (white space only) are left out. */
static void test_many(void)
{
	static const char *const src[] = {
		"甲区2024年度报告\n一、工作(一)\n正文,有半角标点.\n", "\u3000\u3000\n\n",
		"乙县2023年度报告\n二、情况\n2020-2022年开展工作。\n", "\u00a0\n", "丙市报告\n(一)依法行政:全年审查文件20件。\n",
	};
	enum { N = G_N_ELEMENTS(src) };
	yb_text t[N];
	yb_parse_opts o[N];
	yb_report one[N] = {0}, many[N] = {0};
	GString *dumps1 = g_string_new(NULL), *dumps2 = g_string_new(NULL);
	capture_begin();   /* the reader refuses r1 and r3 */
	for (size_t i = 0; i < N; i++) {
		char path[16];
		snprintf(path, sizeof path, "r%zu.txt", i);
		yb_read_bytes_as(path, src[i], strlen(src[i]), NULL, &t[i]);
		o[i] = (yb_parse_opts){.normalize_ranges = 1};
	}
	g_free(capture_end());
	yb_diag_reset();
	capture_begin();
	int rc1 = 0;
	for (size_t i = 0; i < N; i++)
		rc1 |= t[i].data ? yb_parse_report(&t[i], &o[i], &one[i]) : -1;
	char *err1 = capture_end();
	capture_begin();
	int rc2 = yb_parse_reports(t, o, many, N, 3);
	char *err2 = capture_end();
	yb_diag_reset();
	for (size_t i = 0; i < N; i++) {
		if (one[i].path) {
			char *d = dump_string(&one[i]);
			g_string_append(dumps1, d);
			free(d);
		}
		if (many[i].path) {
			char *d = dump_string(&many[i]);
			g_string_append(dumps2, d);
			free(d);
		}
	}
	T_INTEQ("many: the same status", rc2, rc1);
	T_OK("many: the unread texts left out", rc2 == -1 && !many[1].path && !many[3].path && many[4].path, "%d", rc2);
	T_OK("many: notes for each report that has them", strstr(err2, "r0.txt") && strstr(err2, "r2.txt")
	     && strstr(err2, "r4.txt"), "%s", err2);
	T_STREQ("many: the same messages in the same order", err2, err1);
	T_OK("many: the same trees", dumps1->len > 0 && strcmp(dumps1->str, dumps2->str) == 0, "%s", dumps2->str);
	for (size_t i = 0; i < N; i++) {
		yb_report_release(&one[i]);
		yb_report_release(&many[i]);
		yb_text_release(&t[i]);
	}
	g_string_free(dumps1, TRUE);
	g_string_free(dumps2, TRUE);
	g_free(err1);
	g_free(err2);
}

int main(void)
{
	test_heading_levels();
	test_title_line();
	test_headings_in_text();
	test_dates();
	test_punctuation();
	test_metadata();
	test_empty_text();
	test_tables();
	test_dump();
	test_pathological();
	test_golden();
	test_many();
	T_DONE();
}
