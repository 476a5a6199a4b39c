/* structure: title, official-document elements, headings and paragraphs.
 *
 * Design note.  The rules are written for documents nobody tuned them on
 * (GB/T 9704-2012 official documents, work reports, regulations, policy
 * addresses), and kept to what a reader of the page would use.
 *
 * Front.  A web page's header (索 引 号：…, 标　　题：…, 发文字号：…, as
 * lines or a table) is notes; its values serve where the document gives
 * none.  Then from the first line: 发文机关标志 (a short line ending in 文件 or
 * 令, 签发人, or a body's name right over a document number) and 发文字号
 * (…〔2021〕7号, 第23号) are elements.  Then the title: one title-like line
 * (at most HEAD_MAX characters, no 。, no final mark, no number, no date),
 * joined with the next one or two title-like lines until the joined text
 * ends with a genre word (通知, 报告, 意见, 办法, 规则, …); when none does,
 * the first line alone.  Letter spacing (工 作 规 则) is removed from
 * r->title and kept in r->title_text, the title as printed.  Under the title:
 * subtitles (——…, （…）, a byline), a document number, then 主送机关 (a
 * line ending in ： that names bodies, never the issuer).  A decree header
 * (××令, 第N号) with no title under it: the title is the first title-like
 * line after the decree's date (the regulation it promulgates).
 *
 * A regulation's own contents (目　　录 over 第一章 …) are body lines.
 * Lines under the title name the issuer when nothing else does: a head's
 * byline (青禾省省长　林振华: 青禾省人民政府), a regulation's adoption
 * (（…青禾省第十三届人民代表大会常务委员会第三十次会议通过）).
 *
 * Elements anywhere: a line that is only a date is 成文日期 and the one or
 * two short lines right above it 发文机关署名; （此件公开发布） and similar
 * notes; 抄送：… and ……印发 (版记); 附件：1．… and its following items.
 *
 * Parts.  The first date after the title closes the main document.  An
 * appendix mark (附件1, 附录), a glossary (名词解释, 注释) anywhere, or a
 * title-like line right after an element once the main document is closed
 * (the inner document of a forwarding notice) opens a part: its title is a
 * level-1 heading and its own numbering starts one level lower, so a
 * restart of 一、 in 附件1 stays inside it.
 *
 * Numbering.  In each part, every numbering style (parse.h) has one role:
 * 第X条 are articles (paragraphs with a bold number), and styles first seen
 * after an article are the items of articles; a style whose lines are
 * mostly sentences (a line of one sentence ending in 。 over SENTENCE_MIN
 * characters after its number, or a first sentence over HEAD_MAX) is
 * numbered paragraphs; a style whose numbers run on across a higher
 * heading without restarting (policy addresses: 1. … 200.) is numbered
 * paragraphs too.  The other styles are headings, ranked by their first
 * appearance: the first is level 1, and so on (at most 4).  A heading line
 * whose first sentence is longer than HEAD_MAX is still a numbered
 * paragraph; one whose first sentence is followed by more text is run-in.
 *
 * Sequences.  A heading's number follows the one before it in its style
 * under the same parent (a higher heading restarts it).  A line of a
 * heading style that is a sentence and out of sequence (1. after 2. under
 * one parent) is a numbered paragraph; a number skipped (一、二、四、) stays
 * a heading, and `yearbook check` flags it.  A restart inside an appendix
 * or glossary belongs to its part (above).  Levels never jump: a heading
 * is at most one level below the heading before it (一、 then 1. where
 * （一） ranks between them: 1. is level 2 there).
 *
 * Outline paragraphs.  A part whose headings are at most one level deep
 * (none, or only its top level: a policy address of 一、 parts and 1. …
 * 200. paragraphs) has its numbered paragraphs in the outline, each one
 * level below the heading over it, labelled with its number and first
 * words; a part with deeper headings (一、 over （一）) keeps them out.
 *
 * Parts.  When the main document's top numbered style restarts under
 * short unnumbered lines (过去一年工作回顾 … （一）（二） 2024年工作安排 …
 * （一）), those lines are its level-1 headings and the numbers start at 2.
 *
 * Unnumbered lines.  A short line (at most SHORT_HEAD characters, no 。,
 * no final mark, some Han text) between paragraphs is a heading one level
 * below the last numbered heading; a run of short lines (a table flattened
 * to a cell a line) holds none.  A lead sentence alone on a line (one sentence ending
 * in 。, at most LEAD_MAX characters) over a paragraph is joined to it as a
 * bold run-in lead, when the document has at least two of them.
 * Inline enumerations (一是……；二是……) start with no number and stay text.
 */
#include "structure.h"

#include "chars.h"

#include <assert.h>
#include <string.h>

enum {
	HEAD_MAX = 60,      /* characters: longest title line or heading sentence */
	SHORT_HEAD = 25,    /* characters: longest unnumbered heading */
	LEAD_MAX = 40,      /* characters: longest lead sentence alone on a line */
	LABEL_MIN = 4,      /* characters: an outline paragraph's label is cut at the first mark past this, */
	LABEL_MAX = 24,     /* or at this many characters */
	SENTENCE_MIN = 30,  /* characters: a numbered sentence longer than this is a paragraph */
	SIGN_MAX = 30,      /* characters: longest signature or mark line */
	TITLE_LINES = 3,
};

enum role { R_BODY, R_TITLE, R_ELEMENT, R_HEADING, R_NUMBERED, R_ARTICLE, R_LEAD, R_CONTENTS };

typedef struct info {
	yb_numbering style;
	long value;
	size_t nl;            /* bytes of the number */
	size_t len, chars;
	size_t head;          /* bytes up to the end of the first sentence, or len */
	size_t head_chars;    /* characters of the first sentence after the number */
	int ends_mark, has_stop, table;
	int head_comma;       /* the first sentence holds a ， or ； */
	int semicolon;        /* the line holds a ； (a list item: (ii) …；及) */
	int web;              /* a line of a web page's header (发文字号：…) */
	int part;
	enum role role;
	yb_element el;
	int level;
	int paragraph_style;  /* its style numbers paragraphs (not headings, articles or their items) */
	int outline;          /* numbered paragraph: its outline level, 0 when not in the outline */
} info;

typedef struct doc {
	yb_block *b;
	info *in;
	size_t n;
	long title0, title1;  /* block indices of the title's lines; -1 when none */
} doc;

/* ---------------------------------------------------------------------------
 * Lines
 */

/* Past the first 。！？ and the closing marks right after it, or NULL. */
static const char *first_sentence_end(const char *p, const char *end)
{
	const char *n;
	gunichar c;
	while ((c = yb_peek(p, end, &n)) && !yb_in_set("。！？", c))
		p = n;
	if (!c)
		return NULL;
	p = n;
	while (yb_in_set("”’）」』》〉】\")", yb_peek(p, end, &n)))
		p = n;
	return p;
}

static void features(doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const yb_block *b = &d->b[i];
		info *f = &d->in[i];
		f->table = b->kind == YB_BLOCK_TABLE;
		if (f->table)
			continue;
		f->len = strlen(b->text);
		f->chars = (size_t)g_utf8_strlen(b->text, (gssize)f->len);
		f->style = yb_parse_numbering(b->text, f->len, &f->nl, &f->value);
		const char *end = b->text + f->len, *stop = first_sentence_end(b->text + f->nl, end);
		f->head = stop ? (size_t)(stop - b->text) : f->len;
		f->head_chars = (size_t)g_utf8_strlen(b->text + f->nl, (gssize)(f->head - f->nl));
		char *first = g_strndup(b->text + f->nl, f->head - f->nl);
		f->head_comma = strstr(first, "，") || strstr(first, "；");
		g_free(first);
		f->has_stop = strstr(b->text, "。") != NULL;
		f->semicolon = strstr(b->text, "；") || strchr(b->text, ';');
		f->ends_mark = yb_in_set("。；：，、！？…,;:!?", yb_last_char(b->text, f->len));
	}
}

static const char *text(const doc *d, long i)
{
	return d->b[i].text;
}

static int is_plain(const doc *d, long i)
{
	return i >= 0 && (size_t)i < d->n && !d->in[i].table && d->in[i].role == R_BODY;
}

static int starts_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (g_str_has_prefix(s, *words))
			return 1;
	return 0;
}

static int ends_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (g_str_has_suffix(s, *words))
			return 1;
	return 0;
}

static int contains_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

static const char *const GENRES[] = {
	"通知", "通报", "通報", "报告", "報告", "意见", "意見", "批复", "批覆", "决定", "決定", "规定", "規定",
	"办法", "辦法", "条例", "條例", "细则", "細則", "规则", "規則", "纲要", "綱要", "方案", "函", "公告",
	"通告", "请示", "請示", "纪要", "紀要", "决议", "決議", "命令", "议案", "議案", "规划", "規劃", "措施",
	"名单", "名單", "章程", "守则", "守則", "计划", "計劃", "要点", "要點", "总结", "總結", "讲话", "講話",
	"公报", "公報", "令", NULL,
};

static const char *const ORG_ENDS[] = {
	"政府", "办公室", "辦公室", "办公厅", "辦公廳", "局", "委员会", "委員會", "委", "办事处", "辦事處",
	"支队", "支隊", "大队", "大隊", "厅", "廳", "院", "会", "會", "部", "中心", "公司", "处", "處", "所",
	"站", "队", "隊", "办", "辦", "署", NULL,
};

/* s without the spaces between two characters that are not ASCII: 工 作 规 则 -> 工作规则. */
static char *despace(const char *s)
{
	GString *g = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (yb_is_gap(c) && p != s) {
			const char *q = p;
			while (yb_is_gap(g_utf8_get_char(q)))
				q = g_utf8_next_char(q);
			gunichar before = g_utf8_get_char(g_utf8_prev_char(p)), after = g_utf8_get_char(q);
			if (after && before >= 0x80 && after >= 0x80) {
				p = g_utf8_prev_char(q);
				continue;
			}
		}
		g_string_append_unichar(g, c);
	}
	return g_string_free(g, FALSE);
}

static int is_date_line(const doc *d, long i)
{
	char iso[11];
	return !d->in[i].table && d->in[i].chars <= 20 && yb_parse_date(text(d, i), d->in[i].len, 1, iso);
}

/* No number, no 。, no final mark, at most `max` characters. */
static int is_short(const doc *d, long i, size_t max)
{
	const info *f = &d->in[i];
	return !f->table && f->style == YB_NUM_NONE && !f->has_stop && !f->ends_mark && !f->semicolon && f->chars <= max;
}

enum { RX_DOCNO, RX_DECREE_NO, RX_APPENDIX, RX_HEAD_OF, RX_ADOPTED, RX_COUNT };

/* Compiled once, shared by threads. */
static GRegex *rx_get(int which)
{
	static GRegex *rx[RX_COUNT];
	static gsize once;
	if (g_once_init_enter(&once)) {
		static const char *const pat[RX_COUNT] = {
			[RX_DOCNO] = "[〔\\[［(（][0-9０-９]{4}[〕\\]］)）]",
			[RX_DECREE_NO] = "^第[0-9０-９〇一二三四五六七八九十百]+[号號]$",
			[RX_APPENDIX] = "^(附件|附录|附錄)\\s*[0-9０-９一二三四五六七八九十]*[：:]?$",
			[RX_ADOPTED] = "^[（(][0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日(\\S{2,12}?[省市区县州區縣])"
			               "(?:第\\S{1,6}?[届屆](人民代表大会|人民代表大會)(常务委员会|常務委員會)?|(人民政府)第)",
			[RX_HEAD_OF] = "^(\\S{2,12}?[省市区县州盟區縣])代?(省长|市长|区长|县长|州长|盟长|主席|省長|市長|區長|縣長|州長)[\\s　]",
		};
		for (int i = 0; i < RX_COUNT; i++) {
			rx[i] = g_regex_new(pat[i], G_REGEX_OPTIMIZE, 0, NULL);
			assert(rx[i]);
		}
		g_once_init_leave(&once, 1);
	}
	return rx[which];
}

static int rx_match(int which, const char *s)
{
	return g_regex_match(rx_get(which), s, 0, NULL);
}

/* The body a line under the title names: 青禾省省长　林振华 -> 青禾省人民政府;
 * （2021年9月29日青禾省第十三届人民代表大会常务委员会第三十次会议通过）
 * -> 青禾省人民代表大会常务委员会; or NULL. */
static char *head_of(const char *byline)
{
	GMatchInfo *mi;
	char *org = NULL;
	if (g_regex_match(rx_get(RX_HEAD_OF), byline, 0, &mi)) {
		char *place = g_match_info_fetch(mi, 1);
		org = g_strconcat(place, "人民政府", NULL);
		g_free(place);
	}
	g_match_info_free(mi);
	mi = NULL;
	int adopted = strstr(byline, "通过") || strstr(byline, "通過");   /* not 在…会议上 (a report read there) */
	if (!org && adopted && g_regex_match(rx_get(RX_ADOPTED), byline, 0, &mi)) {
		GString *g = g_string_new(NULL);
		for (int k = 1; k <= 4; k++) {
			char *part = g_match_info_fetch(mi, k);
			g_string_append(g, part ? part : "");
			g_free(part);
		}
		org = g_string_free(g, FALSE);
	}
	g_match_info_free(mi);
	return org;
}

static int is_org(const char *s)
{
	return ends_any(s, ORG_ENDS);
}

static int is_docno(const doc *d, long i)
{
	const char *s = text(d, i);
	if (d->in[i].table || d->in[i].chars > SIGN_MAX || d->in[i].has_stop || !ends_any(s, (const char *const[]){"号", "號", NULL}))
		return 0;
	return rx_match(RX_DOCNO, s) || rx_match(RX_DECREE_NO, s);
}

static int is_mark(const doc *d, long i)
{
	const char *s = text(d, i);
	if (g_str_has_prefix(s, "签发人") || g_str_has_prefix(s, "簽發人"))
		return 1;
	if (!is_short(d, i, SIGN_MAX))
		return 0;
	char *flat = despace(s);   /* 青 禾 市 人 民 政 府 文 件 */
	int mark = ends_any(flat, (const char *const[]){"文件", "令", NULL}) ||
	           (is_org(flat) && (size_t)i + 1 < d->n && is_docno(d, i + 1));
	g_free(flat);
	return mark;
}

static int is_title_like(const doc *d, long i)
{
	return is_short(d, i, HEAD_MAX) && !is_date_line(d, i) && !is_docno(d, i) &&
	       !starts_any(text(d, i), (const char *const[]){"——", "—", "――", "（", "(", NULL});
}

static int is_subtitle(const doc *d, long i)
{
	const info *f = &d->in[i];
	const char *s = text(d, i);
	if (f->table || f->chars > 100)
		return 0;
	if (starts_any(s, (const char *const[]){"——", "――", "—", NULL}))
		return 1;
	return g_str_has_prefix(s, "（") && g_str_has_suffix(s, "）") && !f->has_stop;
}

/* 目　　录 */
static int is_contents_mark(const doc *d, long i)
{
	if (!is_short(d, i, 8))
		return 0;
	char *flat = despace(text(d, i));
	int yes = !strcmp(flat, "目录") || !strcmp(flat, "目錄");
	g_free(flat);
	return yes;
}

/* 南屿市市长　陈明远: short, a space inside. */
static int is_byline(const doc *d, long i)
{
	return is_short(d, i, 20) && (strstr(text(d, i), "　") || strchr(text(d, i), ' ')) && !is_contents_mark(d, i);
}

/* 市教育局, 翠峰市政府 under a title */
static int is_byline_org(const doc *d, long i)
{
	return is_plain(d, i) && is_short(d, i, 12) && is_org(text(d, i));
}

static int is_addressee(const doc *d, long i)
{
	const info *f = &d->in[i];
	const char *s = text(d, i);
	if (f->table || f->style != YB_NUM_NONE || f->has_stop || f->chars > 80 || !g_str_has_suffix(s, "：") ||
	    strstr(s, "如下"))
		return 0;
	if (g_str_has_prefix(s, "各") || strstr(s, "，各") || strstr(s, "、各"))
		return 1;
	char *body = g_strndup(s, f->len - strlen("："));
	int org = is_org(body) || ends_any(body, (const char *const[]){"代表", "同志", "部门", "單位", "单位", "机构", "機構", NULL});
	g_free(body);
	return org;
}

static int is_note(const doc *d, long i)
{
	const char *s = text(d, i);
	return !d->in[i].table && d->in[i].chars <= 80 && g_str_has_prefix(s, "（") && g_str_has_suffix(s, "）") &&
	       contains_any(s, (const char *const[]){"此件", "本件", "本文", "联系人", "聯繫人", "聯絡人", "删减", "刪減",
	                                             "公开发布", "公開發布", "主动公开", "主動公開", NULL});
}

static int is_copies(const doc *d, long i)
{
	const char *s = text(d, i);
	if (d->in[i].table || d->in[i].style != YB_NUM_NONE)
		return 0;
	return starts_any(s, (const char *const[]){"抄送：", "抄报：", "抄報：", "分送：", "抄送:", NULL}) ||
	       (d->in[i].chars <= 60 && ends_any(s, (const char *const[]){"印发", "印發", NULL}));
}

static int is_appendix_mark(const doc *d, long i)
{
	if (d->in[i].table || d->in[i].chars > 8)
		return 0;
	return rx_match(RX_APPENDIX, text(d, i));
}

static int is_glossary(const doc *d, long i)
{
	static const char *const names[] = { "名词解释", "名詞解釋", "注释", "註釋", "名词注释", "名詞註釋", NULL };
	const char *s = text(d, i);
	for (const char *const *n = names; *n; n++)
		if (g_str_has_prefix(s, *n) && (!s[strlen(*n)] || !strcmp(s + strlen(*n), "：")))
			return 1;
	return 0;
}

static void set_element(doc *d, long i, yb_element el)
{
	d->in[i].role = R_ELEMENT;
	d->in[i].el = el;
}

/* ---------------------------------------------------------------------------
 * Front: marks, numbers, the title, subtitles, the addressee
 */

/* The title's lines from i: up to TITLE_LINES title-like lines, as many as
 * make the joined text end with a genre word, else the first alone. */
static long take_title(doc *d, long i)
{
	GString *g = g_string_new(NULL);
	long last = i;
	for (long k = i; k < i + TITLE_LINES && (size_t)k < d->n && is_plain(d, k) && is_title_like(d, k); k++) {
		g_string_append(g, text(d, k));
		char *flat = despace(g->str);
		int more = (size_t)k + 1 < d->n && is_plain(d, k + 1) && is_title_like(d, k + 1) &&
		           g_str_has_prefix(text(d, k + 1), "的");   /* …的通知 / 的通知 */
		int done = ends_any(flat, GENRES) && !more;
		g_free(flat);
		if (done) {
			last = k;
			break;
		}
	}
	g_string_free(g, TRUE);
	d->title0 = i;
	d->title1 = last;
	for (long k = i; k <= last; k++)
		d->in[k].role = R_TITLE;
	return last + 1;
}

/* Subtitles and a number under the title, then the addressee. */
static long under_title(doc *d, long i)
{
	for (; (size_t)i < d->n && is_plain(d, i); i++) {
		if (is_docno(d, i))
			set_element(d, i, YB_EL_NUMBER);
		else if (is_subtitle(d, i) || is_byline(d, i) || is_byline_org(d, i))
			set_element(d, i, YB_EL_SUBTITLE);
		else
			break;
	}
	if ((size_t)i < d->n && is_plain(d, i) && is_addressee(d, i))
		set_element(d, i++, YB_EL_ADDRESSEE);
	return i;
}

static const char *const WEB_KEYS[] = {
	"索引号", "索引號", "主题分类", "主題分類", "发文机关", "發文機關", "成文日期", "标题", "標題", "发文字号",
	"發文字號", "发布日期", "發布日期", "主题词", "主題詞", "有效性", "发布机构", "發布機構", "文号", "文號",
	"公开方式", "公開方式", "发布时间", "發布時間", "来源", "來源", "信息来源", "分类", "分類", NULL,
};

/* 标　　题：…, 发文字号：… (the header a government web site prints over a
 * document): the value after the key when line i is one with `key` (any
 * known key when NULL), else NULL. */
static const char *web_value(const doc *d, long i, const char *key)
{
	const char *s = text(d, i), *colon = strstr(s, "：");
	size_t mark = strlen("：");
	if (!colon && (colon = strchr(s, ':')))
		mark = 1;
	if (!colon || colon - s > 40)
		return NULL;
	char *k = g_strndup(s, (size_t)(colon - s)), *flat = despace(k);
	int known = 0;
	for (const char *const *w = WEB_KEYS; *w && !known; w++)
		known = !strcmp(flat, *w) && (!key || !strcmp(key, *w));
	g_free(k);
	g_free(flat);
	const char *v = colon + mark;
	while (yb_is_gap(g_utf8_get_char(v)))
		v = g_utf8_next_char(v);
	return known ? v : NULL;
}

/* 【字体：大 中 小】, 打印本页: a web page's buttons copied with its text. */
static int is_web_chrome(const doc *d, long i)
{
	static const char *const words[] = { "【字体", "【字號", "字号：大", "打印本页", "打印本頁", "关闭窗口",
	                                     "關閉窗口", "【打印】", "【关闭】", "分享到", NULL };
	return d->in[i].chars <= 40 && contains_any(text(d, i), words);
}

/* The web page's header over a document: its lines (or its table) are
 * notes, their values the metadata of last resort. */
static long web_header(doc *d)
{
	long i = 0;
	for (; (size_t)i < d->n; i++) {
		if (d->in[i].table && i == 0 && (strstr(text(d, i), "发文字号") || strstr(text(d, i), "索引号"))) {
			d->in[i].web = 1;
			continue;
		}
		if (!is_plain(d, i) || (!web_value(d, i, NULL) && !is_web_chrome(d, i)))
			break;
		set_element(d, i, YB_EL_NOTE);
		d->in[i].web = 1;
	}
	return i;
}

static long front(doc *d)
{
	long i = web_header(d);
	for (; (size_t)i < d->n && is_plain(d, i); i++) {
		if (is_docno(d, i))
			set_element(d, i, YB_EL_NUMBER);
		else if (is_mark(d, i))
			set_element(d, i, YB_EL_MARK);
		else
			break;
	}
	if ((size_t)i < d->n && is_plain(d, i) && is_title_like(d, i))
		i = take_title(d, i);
	return under_title(d, i);
}

/* A regulation's own contents (目录 over 第一章 … 第四章, which then come
 * again as headings): body lines, never headings. */
static void contents_list(doc *d, long from)
{
	for (long i = from; (size_t)i < d->n; i++) {
		if (!is_plain(d, i) || !is_contents_mark(d, i))
			continue;
		d->in[i].role = R_CONTENTS;
		for (long k = i + 1; (size_t)k < d->n && is_plain(d, k) && d->in[k].style != YB_NUM_NONE &&
		                     !d->in[k].has_stop && d->in[k].chars <= HEAD_MAX; k++) {
			char *a = despace(text(d, k)), *b = despace(text(d, i + 1));
			int again = k > i + 1 && !strcmp(a, b);   /* the first entry again: the text itself */
			g_free(a);
			g_free(b);
			if (again)
				break;
			d->in[k].role = R_CONTENTS;
		}
		return;
	}
}

/* ---------------------------------------------------------------------------
 * A regulation's own contents (目　　录 over 第一章 …) are body lines.
 * Lines under the title name the issuer when nothing else does: a head's
 * byline (青禾省省长　林振华: 青禾省人民政府), a regulation's adoption
 * (（…青禾省第十三届人民代表大会常务委员会第三十次会议通过）).
 *
 * Elements anywhere: signature and date, notes, 版记, 附件说明
 */

static void elements(doc *d, long from)
{
	for (long i = from; (size_t)i < d->n; i++) {
		if (!is_plain(d, i))
			continue;
		const char *s = text(d, i);
		if (g_str_has_prefix(s, "附件：") || g_str_has_prefix(s, "附件:")) {
			set_element(d, i, YB_EL_ATTACHMENTS);
			while ((size_t)i + 1 < d->n && is_plain(d, i + 1) && d->in[i + 1].style == YB_NUM_DIGIT &&
			       !d->in[i + 1].has_stop && d->in[i + 1].chars <= HEAD_MAX)
				set_element(d, ++i, YB_EL_ATTACHMENTS);
		} else if (is_date_line(d, i)) {
			set_element(d, i, YB_EL_DATE);
			for (long k = i - 1; k >= from && k >= i - 2 && is_plain(d, k) && is_short(d, k, SIGN_MAX) &&
			                     !is_appendix_mark(d, k); k--)
				set_element(d, k, YB_EL_SIGNATURE);
		} else if (is_note(d, i)) {
			set_element(d, i, YB_EL_NOTE);
		} else if (is_copies(d, i)) {
			set_element(d, i, YB_EL_COPIES);
		}
	}
}

static long first_element(const doc *d, long from, yb_element el)
{
	for (long i = from < 0 ? 0 : from; (size_t)i < d->n; i++)
		if (d->in[i].role == R_ELEMENT && d->in[i].el == el)
			return i;
	return -1;
}

/* A decree (××令 / 第N号) with no title under it: the regulation's title
 * after the decree's date. */
static void decree_title(doc *d)
{
	if (d->title0 >= 0)
		return;
	int decree = 0;
	for (size_t i = 0; i < d->n && d->in[i].role == R_ELEMENT; i++)
		decree |= d->in[i].el == YB_EL_MARK && g_str_has_suffix(text(d, (long)i), "令");
	long i = decree ? first_element(d, 0, YB_EL_DATE) : -1;
	if (i < 0)
		return;
	while ((size_t)++i < d->n && d->in[i].role == R_ELEMENT)
		;
	if ((size_t)i < d->n && is_plain(d, i) && is_title_like(d, i))
		under_title(d, take_title(d, i));
}

/* ---------------------------------------------------------------------------
 * Parts: the main document, appendices, glossaries, inner documents
 */

/* An appended or inner document's title: its issuer under it, then its
 * own addressee. */
static void part_title(doc *d, long i)
{
	d->in[i].role = R_HEADING;
	d->in[i].level = 1;
	if ((size_t)i + 1 < d->n && is_plain(d, i + 1) && is_docno(d, i + 1))
		set_element(d, ++i, YB_EL_NUMBER);
	if ((size_t)i + 1 < d->n && is_byline_org(d, i + 1))
		set_element(d, ++i, YB_EL_SUBTITLE);
	if ((size_t)i + 1 < d->n && is_plain(d, i + 1) && is_addressee(d, i + 1))
		set_element(d, i + 1, YB_EL_ADDRESSEE);
}

/* The date that closes the main document: the first one after some body
 * text (a date right under the title belongs to the front). */
static long closing_date(const doc *d)
{
	int body = 0;
	for (long i = d->title1 + 1; (size_t)i < d->n; i++) {
		body |= d->in[i].role == R_BODY && !d->in[i].table && d->in[i].has_stop;
		if (body && d->in[i].role == R_ELEMENT && d->in[i].el == YB_EL_DATE)
			return i;
	}
	return -1;
}

static void parts(doc *d)
{
	long close = closing_date(d);
	int part = 0;
	for (long i = 0; (size_t)i < d->n; i++) {
		int after_element = i > 0 && d->in[i - 1].role == R_ELEMENT;
		if (is_plain(d, i) && i > d->title1 && is_appendix_mark(d, i)) {
			part++;
			if ((size_t)i + 1 < d->n && is_plain(d, i + 1) && is_title_like(d, i + 1)) {
				set_element(d, i, YB_EL_APPENDIX);
				d->in[i].part = part;
				part_title(d, ++i);
			} else {
				part_title(d, i);
			}
		} else if (is_plain(d, i) && is_glossary(d, i)) {
			part += !(i > 0 && d->in[i - 1].el == YB_EL_APPENDIX);
			part_title(d, i);
		} else if (close >= 0 && i > close && after_element && is_plain(d, i) && is_title_like(d, i) &&
		           (size_t)i + 1 < d->n && (!is_title_like(d, i + 1) || is_byline_org(d, i + 1))) {
			part++;
			part_title(d, i);
		}
		d->in[i].part = part;
	}
}

/* ---------------------------------------------------------------------------
 * Numbering: one role per style and part, levels by first appearance
 */

/* A short unnumbered line that can head what follows: it has Han text
 * and stands alone, not in a run of short lines (a table flattened to one
 * cell a line: 序号 / 类别 / 数量 / 1 / 行政复议 / 126). */
static int is_heading_like(const doc *d, long i)
{
	if (!is_short(d, i, SHORT_HEAD) || (i > 0 && d->in[i - 1].role == R_BODY && is_short(d, i - 1, SHORT_HEAD)))
		return 0;
	for (const char *p = text(d, i); *p; p = g_utf8_next_char(p))
		if (yb_is_han(g_utf8_get_char(p)))
			return 1;
	return 0;
}

static int sentence_like(const info *f)
{
	if (f->head_chars > HEAD_MAX || (f->has_stop && f->head_comma && f->head_chars > SENTENCE_MIN))
		return 1;
	return f->head == f->len && f->has_stop && f->head_chars > SENTENCE_MIN;
}

typedef struct styles {
	long first[YB_NUM_COUNT];     /* first block of each style, -1 */
	long count[YB_NUM_COUNT], sentences[YB_NUM_COUNT];
	int heading[YB_NUM_COUNT];    /* the style's role: heading */
	int item[YB_NUM_COUNT];       /* the style's role: items of articles */
	int level[YB_NUM_COUNT];
} styles;

static void rank(styles *st, int shift)
{
	int next = 1 + shift;
	for (;;) {
		int best = -1;
		for (int s = 1; s < YB_NUM_COUNT; s++)
			if (st->heading[s] && !st->level[s] && (best < 0 || st->first[s] < st->first[best]))
				best = s;
		if (best < 0)
			return;
		st->level[best] = next < 4 ? next : 4;
		next++;
	}
}

/* Do the numbers of `s` run on across a heading of a higher style or a
 * short unnumbered line right over one of them (1. 2. 一、 3.; 1. 2. 经济
 * 3.) and never restart?  Then they number paragraphs, not headings. */
static int runs_on(const doc *d, const styles *st, int s, int part)
{
	long prev = -1, higher = 0, on = 0, restart = 0;
	for (size_t i = 0; i < d->n; i++) {
		const info *f = &d->in[i];
		if (f->part != part || f->role != R_BODY)
			continue;
		if (f->style == YB_NUM_NONE) {   /* a short line right over an item: an unnumbered heading */
			higher |= is_heading_like(d, (long)i) && i + 1 < d->n && (int)d->in[i + 1].style == s;
			continue;
		}
		if ((int)f->style != s) {
			higher |= st->heading[f->style] && st->level[f->style] < st->level[s];
			continue;
		}
		if (prev >= 0 && higher) {
			on += f->value == prev + 1;
			restart += f->value <= 1;
		}
		prev = f->value;
		higher = 0;
	}
	return on > 0 && restart == 0;
}

/* The short unnumbered line a restart of the top style `s0` opens under
 * (过去一年工作回顾 / 2024年工作安排 over （一）… （一）…): the line at most
 * three blocks above item i with only paragraphs between, or -1. */
static long part_line(const doc *d, long i)
{
	for (long k = i - 1; k >= 0 && k >= i - 3; k--) {
		const info *f = &d->in[k];
		if (f->role != R_BODY || f->table)
			return -1;
		if (is_short(d, k, SHORT_HEAD) && !starts_any(text(d, k), (const char *const[]){"(", "（", NULL}))
			return k;
		if (f->style != YB_NUM_NONE)
			return -1;
	}
	return -1;
}

/* A main document whose top numbered style restarts under short
 * unnumbered lines has those lines as its level-1 headings, every one;
 * then its numbered levels start at 2.  Returns 1 when so. */
static int lift_parts(doc *d, const styles *st)
{
	int s0 = 0, restarts = 0, seen = 0;
	for (int s = 1; s < YB_NUM_COUNT; s++)
		if (st->heading[s] && st->level[s] == 1)
			s0 = s;
	for (long i = 0; s0 && (size_t)i < d->n; i++) {
		const info *f = &d->in[i];
		if (f->part || f->role != R_BODY || (int)f->style != s0 || f->value != 1)
			continue;
		if (seen++ && part_line(d, i) < 0)
			return 0;   /* a restart with no line over it: not parts */
		restarts += seen > 1;
	}
	if (!restarts)
		return 0;
	for (long i = 0; (size_t)i < d->n; i++) {
		const info *f = &d->in[i];
		long k = f->part || f->role != R_BODY || (int)f->style != s0 || f->value != 1 ? -1 : part_line(d, i);
		if (k >= 0) {
			d->in[k].role = R_HEADING;
			d->in[k].level = 1;
		}
	}
	return 1;
}

static void number_part(doc *d, int part, int shift)
{
	styles st;
	memset(&st, 0, sizeof st);
	for (int s = 0; s < YB_NUM_COUNT; s++)
		st.first[s] = -1;
	for (size_t i = 0; i < d->n; i++) {
		const info *f = &d->in[i];
		if (f->part != part || f->role != R_BODY || f->style == YB_NUM_NONE)
			continue;
		if (st.first[f->style] < 0)
			st.first[f->style] = (long)i;
		st.count[f->style]++;
		st.sentences[f->style] += sentence_like(f);
	}
	long article = st.first[YB_NUM_ARTICLE];
	for (int s = 1; s < YB_NUM_COUNT; s++) {
		st.item[s] = article >= 0 && st.first[s] > article && s != YB_NUM_PART && s != YB_NUM_CHAPTER &&
		             s != YB_NUM_SECTION;
		st.heading[s] = st.count[s] && s != YB_NUM_ARTICLE && !st.item[s] &&
		                !(st.sentences[s] > 0 && 2 * st.sentences[s] >= st.count[s]);
	}
	rank(&st, shift);
	int changed = 0;
	for (int s = 1; s < YB_NUM_COUNT; s++)
		if (st.heading[s] && st.first[s] != -1 && runs_on(d, &st, s, part)) {
			st.heading[s] = 0;
			changed = 1;
		}
	if (changed) {
		memset(st.level, 0, sizeof st.level);
		rank(&st, shift);
	}
	if (!part && lift_parts(d, &st)) {
		shift = 1;
		memset(st.level, 0, sizeof st.level);
		rank(&st, shift);
	}
	long last[YB_NUM_COUNT] = { 0 };   /* the last number of each heading style under its parent */
	int open[YB_NUM_COUNT] = { 0 };    /* the level of each style's last heading under its parent */
	for (size_t i = 0; i < d->n; i++) {
		info *f = &d->in[i];
		if (f->part != part || f->role != R_BODY || f->style == YB_NUM_NONE)
			continue;
		yb_numbering s = f->style;
		f->paragraph_style = !st.heading[s] && !st.item[s] && s != YB_NUM_ARTICLE;
		if (s == YB_NUM_ARTICLE)
			f->role = R_ARTICLE;
		else if (!st.heading[s] || f->head_chars > HEAD_MAX || (f->value != last[s] + 1 && sentence_like(f)))
			f->role = R_NUMBERED;   /* a sentence out of its heading style's sequence is a paragraph */
		if (f->role != R_BODY)
			continue;
		int parent = shift;   /* the level of the open heading of a higher style */
		for (int k = 1; k < YB_NUM_COUNT; k++)
			if (st.level[k] < st.level[s])
				parent = MAX(parent, open[k]);
		f->role = R_HEADING;
		f->level = MIN(st.level[s], parent + 1);   /* never deeper than one below its parent */
		last[s] = f->value;
		open[s] = f->level;
		for (int k = 1; k < YB_NUM_COUNT; k++)
			if (st.level[k] > st.level[s])
				last[k] = open[k] = 0;
	}
}

/* ---------------------------------------------------------------------------
 * Unnumbered headings and lead sentences
 */

static int is_paragraph(const doc *d, long i)
{
	if (i < 0 || (size_t)i >= d->n || d->in[i].table)
		return 0;
	enum role r = d->in[i].role;
	return (r == R_BODY && (d->in[i].has_stop || d->in[i].chars > SHORT_HEAD)) || r == R_NUMBERED || r == R_ARTICLE;
}

static void unnumbered(doc *d)
{
	int level = 0, part = 0;
	for (long i = 0; (size_t)i < d->n; i++) {
		info *f = &d->in[i];
		if (f->part != part) {
			part = f->part;
			level = 0;
		}
		if (f->role == R_HEADING && (f->style != YB_NUM_NONE || f->level == 1)) {
			level = f->level;
			continue;
		}
		if (f->role != R_BODY || !is_short(d, i, SHORT_HEAD) || i == 0 || !is_paragraph(d, i + 1) ||
		    starts_any(text(d, i), (const char *const[]){"(", "（", NULL}))   /* (iii) …, （略） */
			continue;
		const info *p = &d->in[i - 1];   /* after text, a heading, the title or what stands under it */
		int front = p->role == R_TITLE || (p->role == R_ELEMENT && p->el <= YB_EL_ADDRESSEE);
		if (p->table || (p->role != R_BODY && p->role != R_HEADING && p->role != R_NUMBERED &&
		                 p->role != R_ARTICLE && !front) || !is_heading_like(d, i))
			continue;
		f->role = R_HEADING;
		f->level = level < 4 ? level + 1 : 4;
	}
}

static int lead_candidate(const doc *d, long i)
{
	const info *f = &d->in[i];
	return is_plain(d, i) && f->style == YB_NUM_NONE && f->head == f->len && f->has_stop && f->chars <= LEAD_MAX &&
	       is_plain(d, i + 1) && d->in[i + 1].style == YB_NUM_NONE && d->in[i + 1].has_stop;
}

static void leads(doc *d)
{
	size_t n = 0;
	for (long i = 0; (size_t)i + 1 < d->n; i++)
		n += lead_candidate(d, i);
	if (n < 2)
		return;
	for (long i = 0; (size_t)i + 1 < d->n; i++)
		if (lead_candidate(d, i)) {
			d->in[i].role = R_LEAD;
			i++;
		}
}

/* ---------------------------------------------------------------------------
 * Numbered paragraphs in the outline
 */

/* A part whose headings are at most one level deep (its own title and its
 * top numbered level) has its numbered paragraphs in the outline, one level
 * below the heading over each; a part with deeper headings keeps them out. */
static void outline_part(doc *d, int part, int shift)
{
	int deepest = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->in[i].part == part && d->in[i].role == R_HEADING)
			deepest = MAX(deepest, d->in[i].level);
	if (deepest > 1 + shift)
		return;
	int over = shift;
	for (size_t i = 0; i < d->n; i++) {
		info *f = &d->in[i];
		if (f->part != part)
			continue;
		if (f->role == R_HEADING)
			over = f->level;
		else if (f->role == R_NUMBERED && f->paragraph_style)
			f->outline = over + 1;
	}
}

/* An outline paragraph's label: its number and first words, to the first
 * mark past LABEL_MIN characters, at most LABEL_MAX characters. */
static size_t label_len(const doc *d, long i)
{
	const char *s = text(d, i), *end = s + d->in[i].len, *p = s + d->in[i].nl, *n;
	gunichar c;
	for (size_t k = 0; (c = yb_peek(p, end, &n)) && k < LABEL_MAX; k++, p = n)
		if (k >= LABEL_MIN && yb_in_set("，。；：！？,;:!?", c))
			break;
	return (size_t)(p - s);
}

/* ---------------------------------------------------------------------------
 * Overrides, metadata, the blocks
 */

static void overrides(doc *d, const yb_line_override *lines, size_t nlines)
{
	for (size_t k = 0; lines && k < nlines; k++)
		for (size_t i = 0; i < d->n; i++) {
			info *f = &d->in[i];
			if (d->b[i].line != lines[k].line || f->table || f->role == R_TITLE)
				continue;
			f->el = YB_EL_NONE;
			f->role = lines[k].level ? R_HEADING : R_BODY;
			f->level = lines[k].level;
			if (f->role == R_BODY && i > 0 && d->in[i - 1].role == R_LEAD)
				d->in[i - 1].role = R_BODY;
		}
}

/* A table cell that is `key` (标　　题：). */
static int is_key_cell(const char *cell, const char *key)
{
	char *flat = despace(cell);
	size_t n = strlen(flat);
	if (g_str_has_suffix(flat, "："))
		n -= strlen("：");
	else if (n && flat[n - 1] == ':')
		n--;
	int yes = n == strlen(key) && !strncmp(flat, key, n);
	g_free(flat);
	return yes;
}

/* The value the web page's header gives for `key`, in a line or a table, or NULL. */
static const char *web_lookup(const doc *d, const char *key)
{
	for (long i = 0; (size_t)i < d->n && d->in[i].web; i++) {
		const yb_block *b = &d->b[i];
		const char *v = d->in[i].table ? NULL : web_value(d, i, key);
		for (size_t c = 0; d->in[i].table && c + 1 < b->nrows * b->ncols && !v; c++)
			if (is_key_cell(b->cells[c], key) && *b->cells[c + 1])
				v = b->cells[c + 1];
		if (v && *v)
			return v;
	}
	return NULL;
}

/* The body a title names before its 关于 (青禾省人民政府办公厅关于…), or NULL. */
static char *title_org(const doc *d)
{
	GString *g = g_string_new(NULL);
	for (long k = d->title0; k <= d->title1; k++)
		g_string_append(g, text(d, k));
	const char *about = strstr(g->str, "关于");
	if (!about)
		about = strstr(g->str, "關於");
	char *org = about && about > g->str ? g_strndup(g->str, (size_t)(about - g->str)) : NULL;
	g_string_free(g, TRUE);
	if (org && (g_utf8_strlen(org, -1) > SIGN_MAX || !is_org(org) || strchr("0123456789", org[0]))) {
		g_free(org);
		org = NULL;
	}
	return org;
}

/* What the web page's header says, where the document itself did not. */
static void web_metadata(const doc *d, yb_report *r, yb_structure_hints *h)
{
	char iso[11];
	const char *v;
	if (!h->mark && (v = web_lookup(d, "发文机关")))
		h->mark = g_strdup(v);
	if (!r->date && (v = web_lookup(d, "成文日期")) && yb_parse_date(v, strlen(v), 0, iso))
		r->date = g_strdup(iso);
	if (!r->number && (v = web_lookup(d, "发文字号")))
		r->number = g_strdup(v);
	if (!h->title && (v = web_lookup(d, "标题")))
		h->title = despace(v);
}

static void metadata(doc *d, yb_report *r, yb_structure_hints *h)
{
	char iso[11];
	long close = closing_date(d), any = first_element(d, 0, YB_EL_DATE);
	long date = close >= 0 ? close : any;
	if (date >= 0 && yb_parse_date(text(d, date), d->in[date].len, 1, iso))
		r->date = g_strdup(iso);
	long no = first_element(d, 0, YB_EL_NUMBER), sub = first_element(d, 0, YB_EL_SUBTITLE);
	if (no >= 0)
		r->number = g_strdup(text(d, no));
	for (size_t i = 0; i < d->n && !h->byline; i++)
		if (d->in[i].role == R_ELEMENT && d->in[i].el == YB_EL_SUBTITLE)
			h->byline = head_of(text(d, (long)i));
	if (!h->byline && d->title0 >= 0)
		h->byline = title_org(d);
	if (sub >= 0) {
		h->subtitle = g_strdup(text(d, sub));
		if (!r->date && yb_parse_date(h->subtitle, strlen(h->subtitle), 0, iso))
			r->date = g_strdup(iso);
		const char *order = strstr(h->subtitle, "令第");
		const char *hao = order ? strstr(order, "号") : NULL;
		if (!r->number && hao)
			r->number = g_strndup(order + strlen("令"), (size_t)(hao + strlen("号") - order - strlen("令")));
	}
	/* the signature over the closing date first, then any signature naming a body */
	for (long pass = 0; pass < 2 && !h->signature; pass++)
		for (size_t i = 0; i < d->n && !h->signature; i++)
			if (d->in[i].el == YB_EL_SIGNATURE && is_org(text(d, (long)i)) &&
			    (pass || (close >= 0 && (long)i < close && (long)i >= close - 2)))
				h->signature = g_strdup(text(d, (long)i));
	for (size_t i = 0; i < d->n && !h->mark; i++) {
		if (d->in[i].el != YB_EL_MARK || g_str_has_prefix(text(d, (long)i), "签发人") ||
		    g_str_has_prefix(text(d, (long)i), "簽發人"))
			continue;
		char *s = despace(text(d, (long)i));
		char *m = g_str_has_suffix(s, "文件") ? g_strndup(s, strlen(s) - strlen("文件"))
		        : g_str_has_suffix(s, "令") ? g_strndup(s, strlen(s) - strlen("令")) : g_strdup(s);
		g_free(s);
		if (is_org(m))
			h->mark = m;
		else
			g_free(m);
	}
	web_metadata(d, r, h);
	if (d->title0 < 0)
		return;
	GString *g = g_string_new(NULL);
	for (long k = d->title0; k <= d->title1; k++)
		g_string_append(g, text(d, k));
	r->title_text = g_string_free(g, FALSE);
	r->title = despace(r->title_text);
	r->title_line = d->b[d->title0].line;
	r->title_end = d->b[d->title1].line;
}

/* A run of spaces becomes one space: 印发机关　　　　日期 is set as
 * 印发机关　日期, not as two columns a text extractor reads apart.  A run
 * with an ideographic space (or three ASCII spaces, as wide) becomes one
 * ideographic space; a shorter run its first space.  Never longer. */
static void squeeze_gaps(char *s)
{
	char *w = s;
	for (const char *p = s; *p;) {
		gunichar c = g_utf8_get_char(p);
		const char *q = p;
		while (yb_is_gap(g_utf8_get_char(q)))
			q = g_utf8_next_char(q);
		if (q == p) {
			w += g_unichar_to_utf8(c, w);
			p = g_utf8_next_char(p);
			continue;
		}
		w += g_unichar_to_utf8(q - p >= 3 ? 0x3000 : c, w);
		p = q;
	}
	*w = '\0';
}

static yb_block make_block(const doc *d, size_t i)
{
	yb_block b = d->b[i];
	const info *f = &d->in[i];
	if (f->table)
		return b;
	b.kind = f->role == R_HEADING ? YB_BLOCK_HEADING : YB_BLOCK_PARAGRAPH;
	b.element = f->role == R_ELEMENT ? f->el : YB_EL_NONE;
	if (b.element == YB_EL_COPIES)
		squeeze_gaps(b.text);
	if (f->role == R_CONTENTS) {   /* 第一章　总　　则 -> 第一章　总则, read as one line, not columns */
		size_t nl = f->nl;
		while (nl && yb_is_gap(g_utf8_get_char(g_utf8_prev_char(b.text + nl))))
			nl = (size_t)(g_utf8_prev_char(b.text + nl) - b.text);
		char *number = g_strndup(b.text, nl), *rest = despace(b.text + f->nl);
		g_free(b.text);
		b.text = g_strconcat(number, *number ? "\u3000" : "", rest, NULL);
		g_free(number);
		g_free(rest);
	}
	b.number_len = f->role == R_HEADING || f->role == R_NUMBERED || f->role == R_ARTICLE ? f->nl : 0;
	b.lead_len = f->role == R_ARTICLE ? f->nl : 0;
	if (f->role == R_NUMBERED && f->outline && label_len(d, (long)i) > f->nl) {
		b.outline_level = f->outline;
		b.label_len = label_len(d, (long)i);
	}
	if (f->role == R_HEADING) {
		b.level = f->level;
		b.run_in = f->style != YB_NUM_NONE && f->head < f->len;
		b.head_len = b.run_in ? f->head : f->len;
	}
	return b;
}

static void rebuild(doc *d, GArray *out)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->in[i].role == R_TITLE)
			continue;   /* its text went into r->title_text */
		yb_block b = make_block(d, i);
		if (d->in[i].role == R_LEAD) {
			char *joined = g_strconcat(b.text, d->b[i + 1].text, NULL);
			b.lead_len = d->in[i].len;
			g_free(b.text);
			g_free(d->b[i + 1].text);
			b.text = joined;
			i++;
		}
		g_array_append_val(out, b);
	}
}

void yb_structure_recognise(yb_report *r, GArray *blocks, const yb_line_override *lines, size_t nlines,
                            yb_structure_hints *hints)
{
	memset(hints, 0, sizeof *hints);
	doc d = { .b = (yb_block *)(void *)blocks->data, .n = blocks->len, .title0 = -1, .title1 = -1 };
	d.in = g_new0(info, d.n ? d.n : 1);
	features(&d);
	long body = front(&d);
	contents_list(&d, body);
	elements(&d, body);
	decree_title(&d);
	parts(&d);
	int nparts = 0;
	for (size_t i = 0; i < d.n; i++)
		nparts = MAX(nparts, d.in[i].part + 1);
	for (int p = 0; p < nparts; p++)
		number_part(&d, p, p > 0);
	unnumbered(&d);
	leads(&d);
	for (int p = 0; p < nparts; p++)
		outline_part(&d, p, p > 0);
	overrides(&d, lines, nlines);
	metadata(&d, r, hints);
	GArray *out = g_array_sized_new(FALSE, TRUE, sizeof(yb_block), blocks->len);
	rebuild(&d, out);
	for (long k = d.title0; k >= 0 && k <= d.title1; k++)
		g_free(d.b[k].text);
	g_array_set_size(blocks, 0);
	g_array_append_vals(blocks, out->data, out->len);
	g_array_free(out, TRUE);
	g_free(d.in);
}

void yb_structure_hints_release(yb_structure_hints *h)
{
	g_free(h->signature);
	g_free(h->mark);
	g_free(h->subtitle);
	g_free(h->byline);
	g_free(h->title);
	memset(h, 0, sizeof *h);
}
