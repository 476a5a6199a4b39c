/* parse: UTF-8 text of one report -> yb_report.
 *
 * Design note: the rules, as read off the five shared reports.
 *
 * Lines.  One paragraph per line.  Outer white space (also U+3000 and a
 * stray U+FEFF) is trimmed; empty lines are skipped but still counted, so
 * every block keeps its source line.
 *
 * Structure.  Every line becomes a paragraph block; structure.c then finds
 * the title (one to three lines), the official-document elements, the
 * headings and their levels (see its design note).
 *
 * Numbers (yb_parse_numbering): 一、; （一）(一); 1. 1、 1． (not when a
 * digit follows the mark: 1.5万, 99.75%); （1）(1); and 第一编 / 第一章 /
 * 第一节 / 第一条 when a space or the line end follows them (so that
 * 第一条主线… stays a sentence).  Digits may be half- or full-width,
 * parentheses of either width and mixed; Chinese numerals up to five
 * characters (一 … 九十九 … 一百零一); 1 to 3 digits, so 2023年 and 1874件
 * never count.  A stray space after the number is part of number_len.
 *
 * Dates (yb_parse_date): 2021年3月5日, 二○○八年五月十二日, 二〇二三年…,
 * digits of either width, ○ (U+25CB), 〇 (U+3007) and 零 as zero.
 *
 * Metadata.  year: the year the title names (2023年度, 2024年工作,
 * 二〇二三年施政報告), else the year of the document's date, else the first
 * 19xx年 / 20xx年 (digits of either width, not part of a longer number) in
 * the text.  issuer, first that applies:
 *   0. the signature over the document's date, when it names a body, then
 *      the body a 发文机关标志 (××文件) or decree header (××令) names;
 *   1. the title starts with an organisation name;
 *   2. the title starts with a place (江门市江海区2022年…): the first
 *      organisation name in the text that starts with that place;
 *   3. an organisation name right after 代表 (我代表南屿市人民政府…);
 *   4. the first organisation name in the text that starts a word
 *      (after a non-Han character), e.g. "，河东区司法局坚持…".
 * The addressee (主送机关) is never searched.
 * An organisation name is [省][市][区/县][人民政府][街道/镇/乡] and an
 * ending (人民政府, 政府, …局, …办事处, …委员会), each place part being 2–3
 * Han characters plus its unit; generic references (区政府, 市司法局, 我局,
 * 全区…) have no place name and never match.  A name without a city
 * (河东区司法局) is completed with the city when the text names the same
 * district with its city elsewhere (天津市河东区人民政府 -> 天津市河东区司法局).
 * title, when there is no title line: "<issuer><year>年度报告" (报告 in
 * traditional text), or the part that was found plus 年度报告, or the file's
 * base name without extension.  Nothing else is invented.
 * lang: "zh-tw" when characters found only in traditional text outnumber
 * simplified-only ones four to one (and there are at least 5), else "zh-cn";
 * the table holds common simplified/traditional pairs.
 *
 * Tables.  A line holding a TAB (after trimming the spaces around it, but
 * not the TABs, so that an empty first cell keeps its column) is a table
 * row; two or more such lines in a row (no empty line between) are one
 * table block, the first row its header.  A lone TAB line is an ordinary
 * line, its TABs kept.  Cells are trimmed and cleaned up like lines;
 * empty cells at the end of a row are dropped, then every row is padded
 * with "" to the widest row, so no text is lost.  When the block before
 * the table is a paragraph that looks like a table title (表1 …, 表 1 …,
 * 表一 …, 附表…; at most CAPTION_MAX characters, no 。) it becomes the
 * table's caption and the table starts at its line.
 *
 * Punctuation (unless keep_punctuation).  A half-width , : ; ? ! becomes
 * ，：；？！ when the nearest non-space character before or after it is Han or
 * a full-width mark and neither is a Latin letter, a digit or a half-width
 * parenthesis (so 296,100 / 10:30 / a.php?id=1 / Cargo: Link / 第13位,1人 /
 * (i);(ii) keep theirs).  A pair of half-width parentheses becomes （） when
 * no Latin letter is inside, no Latin letter or digit right outside, and the
 * text it encloses holds a Han character or the character before ( or after
 * ) is Han or a full-width mark: (一) (1)完善 (2021-2025年) become
 * full-width, (Android), (i), 第33(ii)段 and 村(社区)24小时 do not; pairs
 * are settled first, then the other marks.  Each report counts the marks it
 * changed (one note per file, naming --keep-punctuation).  Only
 * the marks change, never digits or dashes; ASCII spaces next to a converted
 * mark are dropped ("(七) 持续" -> "（七）持续").  Tabs are kept.
 */
#include "parse.h"

#include "chars.h"
#include "diag.h"
#include "par.h"
#include "structure.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

enum { HEAD_MAX = 60 };   /* characters: longest title line or heading sentence */
enum { CAPTION_MAX = 40 };   /* characters: longest table title */

/* ---------------------------------------------------------------------------
 * Characters
 */

/* Full-width punctuation, and the marks Chinese text shares with others
 * (curly quotes, em dash, ellipsis, middle dot). */
static int is_cjk_mark(gunichar c)
{
	return (c > 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) ||
	       (c >= 0x2018 && c <= 0x201D) || c == 0x2014 || c == 0x2026 || c == 0x00B7;
}

static int is_cjk(gunichar c)
{
	return yb_is_han(c) || is_cjk_mark(c);
}

static int is_trim_space(gunichar c)
{
	return g_unichar_isspace(c) || c == 0xFEFF;
}


/* ---------------------------------------------------------------------------
 * Punctuation clean-up
 */

static gunichar full_width(gunichar c)
{
	switch (c) {
	case ',': return 0xFF0C;
	case ':': return 0xFF1A;
	case ';': return 0xFF1B;
	case '?': return 0xFF1F;
	case '!': return 0xFF01;
	case '(': return 0xFF08;
	case ')': return 0xFF09;
	default: return 0;
	}
}

typedef struct cleaner {
	gunichar *u;      /* the line; converted in place */
	glong n;
	glong *prev;      /* index of the nearest non-gap character before i, or -1 */
	glong *next;      /* ... after i, or n */
	glong *mate;      /* the matching parenthesis, or -1 */
	glong *han;       /* Han characters in u[0..i) */
	glong *latin;     /* Latin letters in u[0..i) */
	guint8 *conv;     /* 1 where a mark was converted */
	size_t count;     /* marks converted */
} cleaner;

static int is_latin_letter(gunichar u)
{
	return u < 0x250 && g_unichar_isalpha(u);
}

static void cleaner_index(cleaner *c)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(glong));
	glong last = -1;
	c->han[0] = c->latin[0] = 0;
	for (glong i = 0; i < c->n; i++) {
		c->prev[i] = last;
		if (!yb_is_gap(c->u[i]))
			last = i;
		c->han[i + 1] = c->han[i] + yb_is_han(c->u[i]);
		c->latin[i + 1] = c->latin[i] + is_latin_letter(c->u[i]);
		c->mate[i] = -1;
		if (yb_is_paren_open(c->u[i])) {
			g_array_append_val(stack, i);
		} else if (yb_is_paren_close(c->u[i]) && stack->len) {
			glong o = g_array_index(stack, glong, stack->len - 1);
			g_array_set_size(stack, stack->len - 1);
			c->mate[o] = i;
			c->mate[i] = o;
		}
	}
	last = c->n;
	for (glong i = c->n - 1; i >= 0; i--) {
		c->next[i] = last;
		if (!yb_is_gap(c->u[i]))
			last = i;
	}
	g_array_free(stack, TRUE);
}

/* Is the mark at i in a Chinese context?  Left neighbours are already
 * converted, so "（一）," sees a full-width ）. */
static int near_cjk(const cleaner *c, glong i)
{
	return (c->prev[i] >= 0 && is_cjk(c->u[c->prev[i]])) ||
	       (c->next[i] < c->n && is_cjk(c->u[c->next[i]]));
}

/* A Latin letter or a digit, of either width. */
static int is_alnum_latin(gunichar u)
{
	return (u < 0x250 && g_unichar_isalnum(u)) || (u >= 0xFF10 && u <= 0xFF5A && g_unichar_isalnum(u));
}

/* Latin text around a mark: a letter, a digit, or a parenthesis left
 * half-width ((i);(ii)). */
static int is_latin_side(gunichar u)
{
	return is_alnum_latin(u) || u == '(' || u == ')';
}

/* Does Latin text stand next to the mark at i?  Then it stays as written:
 * Cargo: Link, 296,100, 10:30, 第13位,1人, (i);(ii). */
static int near_latin(const cleaner *c, glong i)
{
	return (c->prev[i] >= 0 && is_latin_side(c->u[c->prev[i]])) ||
	       (c->next[i] < c->n && is_latin_side(c->u[c->next[i]]));
}


/* A pair: nothing Latin inside ((i), (Android)) or outside (第33(ii)段),
 * and Han inside or Chinese outside. */
static int convert_pair(const cleaner *c, glong open, glong close)
{
	int before = c->prev[open] >= 0 && is_alnum_latin(c->u[c->prev[open]]);
	int after = c->next[close] < c->n && is_alnum_latin(c->u[c->next[close]]);
	if (before || after || c->latin[close] - c->latin[open + 1] > 0)
		return 0;
	return c->han[close] - c->han[open + 1] > 0 || near_cjk(c, open) || near_cjk(c, close);
}

static void convert(cleaner *c, glong i)
{
	gunichar fw = full_width(c->u[i]);
	if (fw) {
		c->u[i] = fw;
		c->conv[i] = 1;
		c->count++;
	}
}

/* A pair of parentheses is decided at its opening half, whatever the width
 * of either half; everything else on its own, once the pairs are settled. */
static void cleaner_convert(cleaner *c)
{
	for (glong i = 0; i < c->n; i++) {
		glong m = c->mate[i];
		if (m > i && convert_pair(c, i, m)) {
			convert(c, i);
			convert(c, m);
		}
	}
	for (glong i = 0; i < c->n; i++)
		if (c->mate[i] < 0 && full_width(c->u[i]) && near_cjk(c, i) && !near_latin(c, i))
			convert(c, i);
}

/* ASCII spaces next to a converted mark are dropped. */
static char *cleaner_output(const cleaner *c)
{
	GString *s = g_string_sized_new((gsize)c->n * 3 + 1);
	for (glong i = 0; i < c->n; i++) {
		if (c->u[i] == ' ' && ((c->prev[i] >= 0 && c->conv[c->prev[i]]) ||
		                       (c->next[i] < c->n && c->conv[c->next[i]])))
			continue;
		g_string_append_unichar(s, c->u[i]);
	}
	return g_string_free(s, FALSE);
}

/* Returns the cleaned copy of s[0..len) (valid UTF-8, no NUL); adds the
 * marks converted to *count. */
static char *clean_line(const char *s, size_t len, int keep, size_t *count)
{
	char *copy = g_strndup(s, len);
	if (keep || !strpbrk(copy, ",:;?!()"))
		return copy;
	cleaner c = { 0 };
	c.u = g_utf8_to_ucs4_fast(copy, (glong)len, &c.n);
	c.prev = g_new(glong, c.n);
	c.next = g_new(glong, c.n);
	c.mate = g_new(glong, c.n);
	c.han = g_new(glong, c.n + 1);
	c.latin = g_new(glong, c.n + 1);
	c.conv = g_new0(guint8, c.n);
	cleaner_index(&c);
	cleaner_convert(&c);
	*count += c.count;
	char *out = cleaner_output(&c);
	g_free(c.u);
	g_free(c.prev);
	g_free(c.next);
	g_free(c.mate);
	g_free(c.han);
	g_free(c.latin);
	g_free(c.conv);
	g_free(copy);
	return out;
}

/* ---------------------------------------------------------------------------
 * Range marks (opts->normalize_ranges)
 *
 * NUM-NUM and NUM~NUM (also ～) become NUM—NUM (一字线, GB/T 15834) when
 * each number has 1 to 4 ASCII digits, the token stands alone (no digit,
 * Latin letter, - ~ . : / , right outside it, so 2021-03-15, 010-12345678,
 * v1.2-3 and 1-2-3 stay) and Chinese text touches it: a Han character or a
 * full-width mark right before or right after (2020-2022年, 第3~5条).
 */

static int is_range_mark(gunichar u)
{
	return u == '-' || u == '~' || u == 0xFF5E;
}

static int blocks_range(gunichar u)
{
	return is_alnum_latin(u) || is_range_mark(u) || (u && strchr(".:/,", (int)u) && u < 0x80);
}

/* Length of the ASCII digit run at u[i], 0 when none. */
static glong digits_at(const gunichar *u, glong n, glong i)
{
	glong k = i;
	while (k < n && u[k] >= '0' && u[k] <= '9')
		k++;
	return k - i;
}

/* Rewrites s in place when needed (returns the new string, frees the old). */
static char *normalize_ranges(char *s, size_t *count)
{
	if (!strpbrk(s, "-~") && !strstr(s, "\xEF\xBD\x9E"))
		return s;
	glong n;
	gunichar *u = g_utf8_to_ucs4_fast(s, -1, &n);
	size_t changed = 0;
	for (glong i = 0; i < n; i++) {
		if (!(u[i] >= '0' && u[i] <= '9') || (i > 0 && u[i - 1] >= '0' && u[i - 1] <= '9'))
			continue;
		glong a = digits_at(u, n, i), m = i + a;
		if (a > 4 || m >= n || !is_range_mark(u[m]))
			continue;
		glong b = digits_at(u, n, m + 1), e = m + 1 + b;
		if (b == 0 || b > 4)
			continue;
		gunichar before = i > 0 ? u[i - 1] : 0, after = e < n ? u[e] : 0;
		if (blocks_range(before) || blocks_range(after) || !(is_cjk(before) || is_cjk(after)))
			continue;
		u[m] = 0x2014;
		changed++;
		i = e - 1;
	}
	if (changed) {
		g_free(s);
		s = g_ucs4_to_utf8(u, n, NULL, NULL, NULL);
		*count += changed;
	}
	g_free(u);
	return s;
}

size_t yb_parse_count_ranges(const char *s)
{
	size_t count = 0;
	g_free(normalize_ranges(g_strdup(s), &count));
	return count;
}

/* Every paragraph and table cell; a table's text follows its cells. */
static size_t normalize_blocks(GArray *blocks)
{
	size_t count = 0, ignored = 0;
	for (guint i = 0; i < blocks->len; i++) {
		yb_block *b = &g_array_index(blocks, yb_block, i);
		for (size_t c = 0; c < b->nrows * b->ncols; c++)
			b->cells[c] = normalize_ranges(b->cells[c], &count);
		b->text = normalize_ranges(b->text, b->cells ? &ignored : &count);
		if (b->caption)
			b->caption = normalize_ranges(b->caption, &count);
	}
	return count;
}

/* ---------------------------------------------------------------------------
 * Lines: title, headings, paragraphs
 */

/* ---------------------------------------------------------------------------
 * Metadata
 */

/* PCRE2's \p{Han} follows Script_Extensions, which count 《、。 as Han:
 * spell the ideograph blocks out instead. */
#define HAN "[\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{F900}-\\x{FAFF}\\x{20000}-\\x{3134F}]"
#define NAME HAN "{2,3}"
#define SAR "(?:特别行政区|特別行政區)"
#define UNIT "(?:[省市区县區縣]|" SAR ")"
/* Words that start a clause, never a place name (按照市司法局, 报请区政府). */
#define NOT_A_NAME \
	"(?!全|各|本|我|该|該|每|其|为|為|在|由|对|對|与|與|及|并|並|年|月|区委|區委|市委|县委|縣委|按照|报请|報請|作为|作為|确保|" \
	"確保|纳入|納入|联合|聯合|根据|根據|依据|依據|协助|協助|配合|会同|會同|推动|推動|组织|組織|" \
	"指导|指導|督促|要求|提请|提請|通过|通過|参加|參加|参与|參與)"
#define ORG \
	NOT_A_NAME "(?=" NAME UNIT ")" \
	"(" NAME "(?:省|" SAR "))?(" NAME "市)?(" NAME "[区县區縣])?(?:人民政府)?" \
	"(?:" HAN "{2,4}?(?:街道|[镇乡鎮鄉]))?" \
	"(?:人民政府|政府|" HAN "{0,6}?(?:办事处|辦事處|委员会|委員會|局))"

enum { RX_ORG, RX_ORG_WORD, RX_PLACE, RX_YEAR, RX_COUNT };

/* Compiled once, shared by threads.  G_REGEX_OPTIMIZE turns on PCRE2's JIT,
 * which also skips the UTF-8 check of the whole subject that the interpreter
 * repeats on every call (quadratic over a text with many candidates); the
 * text is valid UTF-8 already (yb_read). */
static GRegex *regex(int which)
{
	static GRegex *rx[RX_COUNT];
	static gsize once;
	if (g_once_init_enter(&once)) {
		static const char *const pat[RX_COUNT] = {
			[RX_ORG] = ORG,
			[RX_ORG_WORD] = "(?<!" HAN ")" ORG,
			[RX_PLACE] = "(?=" NAME UNIT ")(?:" NAME "(?:省|" SAR "))?(?:" NAME "市)?(?:" NAME "[区县區縣])?",
			[RX_YEAR] = "(?<![0-9０-９])[12１２][09０９][0-9０-９]{2}(?=年)",
		};
		for (int i = 0; i < RX_COUNT; i++) {
			rx[i] = g_regex_new(pat[i], G_REGEX_OPTIMIZE, 0, NULL);
			assert(rx[i]);
		}
		g_once_init_leave(&once, 1);
	}
	return rx[which];
}

/* The match of `rx` anchored at s + pos, or NULL; *mi is set when found. */
static char *match_at(int which, const char *s, gssize len, gint pos, GMatchInfo **mi)
{
	if (g_regex_match_full(regex(which), s, len, pos, G_REGEX_MATCH_ANCHORED, mi, NULL))
		return g_match_info_fetch(*mi, 0);
	g_match_info_free(*mi);
	*mi = NULL;
	return NULL;
}

static char *group(GMatchInfo *mi, int n)
{
	char *g = g_match_info_fetch(mi, n);
	if (g && !*g) {
		g_free(g);
		return NULL;
	}
	return g;
}

/* 坪山区司法局 + "深圳市坪山区…" elsewhere in the text -> 深圳市坪山区司法局. */
static char *complete_city(char *org, const char *dist, const char *text)
{
	GMatchInfo *mi;
	char *full = NULL;
	g_regex_match(regex(RX_ORG_WORD), text, 0, &mi);
	for (; !full && g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
		char *city = group(mi, 2), *d = group(mi, 3);
		if (city && d && strcmp(d, dist) == 0)
			full = g_strconcat(city, org, NULL);
		g_free(city);
		g_free(d);
	}
	g_match_info_free(mi);
	if (!full)
		return org;
	g_free(org);
	return full;
}

/* Rule 2: the first organisation in the text that starts with the place the
 * title starts with. */
static char *org_of_title_place(const char *title, const char *text)
{
	GMatchInfo *mi;
	char *place = match_at(RX_PLACE, title, -1, 0, &mi), *org = NULL;
	g_match_info_free(mi);
	if (!place)
		return NULL;
	for (const char *p = strstr(text, place); p && !org; p = strstr(p + 1, place)) {
		org = match_at(RX_ORG, text, -1, (gint)(p - text), &mi);
		g_match_info_free(mi);
	}
	g_free(place);
	return org;
}

/* "我代表南屿市人民政府，向大会报告" (a work report read by its head). */
static char *org_after_daibiao(const char *text)
{
	GMatchInfo *mi;
	for (const char *p = strstr(text, "代表"); p; p = strstr(p + 1, "代表")) {
		char *org = match_at(RX_ORG, text, -1, (gint)(p + strlen("代表") - text), &mi);
		g_match_info_free(mi);
		if (org)
			return org;
	}
	return NULL;
}

/* The issuer from the title, then from the text (see the design note). */
/* Past a year the title opens with (2024年青禾省人民政府工作报告). */
static const char *past_year(const char *title)
{
	const char *p = title;
	int n = 0;
	for (; n < 4 && *p && (g_unichar_isdigit(g_utf8_get_char(p)) ||
	                       g_utf8_strchr("〇○零一二三四五六七八九", -1, g_utf8_get_char(p))); n++)
		p = g_utf8_next_char(p);
	if (n < 4 || !g_str_has_prefix(p, "年"))
		return title;
	p += strlen("年");
	return g_str_has_prefix(p, "度") ? p + strlen("度") : p;
}

static char *find_issuer(const char *title, const char *text)
{
	GMatchInfo *mi = NULL;
	if (title)
		title = past_year(title);
	char *org = title ? match_at(RX_ORG, title, -1, 0, &mi) : NULL;
	if (!org && title && (org = org_of_title_place(title, text)))
		return org;
	if (!org && (org = org_after_daibiao(text)))
		return org;
	if (!org && g_regex_match(regex(RX_ORG_WORD), text, 0, &mi))
		org = g_match_info_fetch(mi, 0);
	if (org) {
		char *prov = group(mi, 1), *city = group(mi, 2), *dist = group(mi, 3);
		if (!prov && !city && dist)
			org = complete_city(org, dist, text);
		g_free(prov);
		g_free(city);
		g_free(dist);
	}
	g_match_info_free(mi);
	return org;
}

/* The year a title names (2023年度, 2024年工作, 二〇二三年施政報告), or NULL. */
static char *title_year(const char *title)
{
	GMatchInfo *mi;
	char *year = NULL;
	static const char cn[] = "〇○零一二三四五六七八九";
	GRegex *rx = g_regex_new("(?<![0-9０-９〇○零一二三四五六七八九])([12１２][09０９][0-9０-９]{2}|[一二][〇○零九][〇○零一二三四五六七八九]{2})年",
	                         0, 0, NULL);
	if (g_regex_match(rx, title, 0, &mi)) {
		char *m = g_match_info_fetch(mi, 1), buf[5] = { 0 };
		int i = 0;
		for (const char *p = m; *p && i < 4; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			const char *at = g_utf8_strchr(cn, -1, c);
			int v = g_unichar_digit_value(c);
			if (v < 0 && at)
				v = c == 0x25CB || c == 0x96F6 || c == 0x3007 ? 0 : (int)g_utf8_pointer_to_offset(cn, at) - 2;
			buf[i++] = (char)('0' + (v < 0 ? 0 : v));
		}
		year = g_strdup(buf);
		g_free(m);
	}
	g_match_info_free(mi);
	g_regex_unref(rx);
	return year;
}

static char *find_year(const char *text)
{
	GMatchInfo *mi;
	char *year = NULL;
	for (g_regex_match(regex(RX_YEAR), text, 0, &mi); !year && g_match_info_matches(mi);
	     g_match_info_next(mi, NULL)) {
		char *m = g_match_info_fetch(mi, 0), buf[5] = { 0 };
		int i = 0;
		for (const char *p = m; *p && i < 4; p = g_utf8_next_char(p))
			buf[i++] = (char)('0' + g_unichar_digit_value(g_utf8_get_char(p)));
		if (strncmp(buf, "19", 2) == 0 || strncmp(buf, "20", 2) == 0)
			year = g_strdup(buf);
		g_free(m);
	}
	g_match_info_free(mi);
	return year;
}

/* Common characters whose simplified and traditional forms differ, in pairs
 * (simplified, traditional), none of them used in the other script. */
static const char SIMP_TRAD[] =
	"这這个個们們来來时時国國会會说說对對发發经經动動开開关關长長进進现現实實"
	"问問题題点點体體还還样樣当當从從应應产產业業务務设設调調员員区區处處门門"
	"规規义義书書条條办辦级級众眾报報执執监監决決议議审審组組织織导導领領强強"
	"责責权權检檢认認识識为為与與机機达達质質传傳险險济濟费費环環节節统統网網"
	"县縣乡鄉镇鎮园園团團纪紀违違诉訴讼訟宪憲选選举舉观觀标標构構历歷头頭纠糾"
	"纷紛项項计計划劃营營车車东東万萬亿億协協岗崗优優训訓";

static GHashTable *script_table(void)
{
	static GHashTable *t;
	if (g_once_init_enter(&t)) {
		GHashTable *h = g_hash_table_new(NULL, NULL);
		int side = 0;
		for (const char *p = SIMP_TRAD; *p; p = g_utf8_next_char(p), side ^= 1) {
			gunichar c = g_utf8_get_char(p);
			gunichar other = g_utf8_get_char(side ? g_utf8_prev_char(p) : g_utf8_next_char(p));
			if (c != other)
				g_hash_table_insert(h, GUINT_TO_POINTER(c), GINT_TO_POINTER(side ? 2 : 1));
		}
		g_once_init_leave(&t, h);
	}
	return t;
}

static char *detect_lang(const char *text)
{
	GHashTable *t = script_table();
	size_t simp = 0, trad = 0;
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		int side = GPOINTER_TO_INT(g_hash_table_lookup(t, GUINT_TO_POINTER(g_utf8_get_char(p))));
		simp += side == 1;
		trad += side == 2;
	}
	return g_strdup(trad >= 5 && trad > 4 * simp ? "zh-tw" : "zh-cn");
}

static char *build_title(const yb_report *r)
{
	const char *report = strcmp(r->lang, "zh-tw") == 0 ? "年度報告" : "年度报告";
	if (r->issuer || r->year)
		return g_strconcat(r->issuer ? r->issuer : "", r->year ? r->year : "", report, NULL);
	char *base = g_path_get_basename(r->path);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	return base;
}

static size_t count_nonspace(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		n += !g_unichar_isspace(g_utf8_get_char(p));
	return n;
}

/* Trims outer white space of [*s, *e). */
static void trim(const char **s, const char **e)
{
	while (*s < *e && is_trim_space(g_utf8_get_char(*s)))
		*s = g_utf8_next_char(*s);
	while (*e > *s) {
		const char *p = g_utf8_prev_char(*e);
		if (!is_trim_space(g_utf8_get_char(p)))
			break;
		*e = p;
	}
}

/* ---------------------------------------------------------------------------
 * Tables
 */

static int is_tab_trim_space(gunichar c)
{
	return c != '\t' && is_trim_space(c);
}

/* Trims the outer white space of [*s, *e) except TABs; is it a table row? */
static int is_row(const char **s, const char **e)
{
	while (*s < *e && is_tab_trim_space(g_utf8_get_char(*s)))
		*s = g_utf8_next_char(*s);
	while (*e > *s && is_tab_trim_space(g_utf8_get_char(g_utf8_prev_char(*e))))
		*e = g_utf8_prev_char(*e);
	if (!memchr(*s, '\t', (size_t)(*e - *s)))
		return 0;
	for (const char *p = *s; p < *e; p = g_utf8_next_char(p))
		if (!is_trim_space(g_utf8_get_char(p)))
			return 1;
	return 0;
}

/* The rows of a table being collected. */
typedef struct rows {
	GPtrArray *cells;     /* GPtrArray of char*, one per row */
	GArray *lines;        /* long */
	const char *s, *e;    /* the first row, as found, for a lone TAB line */
} rows;

static void rows_add(rows *t, const char *s, const char *e, long line, int keep, size_t *count)
{
	if (t->cells->len == 0) {
		t->s = s;
		t->e = e;
	}
	GPtrArray *row = g_ptr_array_new_with_free_func(g_free);
	for (const char *p = s;; ) {
		const char *tab = memchr(p, '\t', (size_t)(e - p)), *ce = tab ? tab : e, *cs = p;
		trim(&cs, &ce);
		g_ptr_array_add(row, clean_line(cs, (size_t)(ce - cs), keep, count));
		if (!tab)
			break;
		p = tab + 1;
	}
	while (row->len && !*(char *)g_ptr_array_index(row, row->len - 1))
		g_ptr_array_remove_index(row, row->len - 1);
	g_ptr_array_add(t->cells, row);
	g_array_append_val(t->lines, line);
}

/* 表1 / 表 1 / 表一 / 附表, short, not a sentence. */
static int is_caption(const char *s)
{
	const char *end = s + strlen(s), *n, *q;
	if (yb_count_chars(s, (size_t)(end - s), CAPTION_MAX) > CAPTION_MAX || strstr(s, "。"))
		return 0;
	if (g_str_has_prefix(s, "附表"))
		return 1;
	if (yb_peek(s, end, &n) != 0x8868)   /* 表 */
		return 0;
	while (yb_is_gap(yb_peek(n, end, &q)))
		n = q;
	gunichar c = yb_peek(n, end, &q);
	return yb_is_digit_any(c) || yb_in_set(YB_CN_NUMERALS, c);
}

/* ---- merged cells ----
 * A table flattened from a web page or a word processor keeps a merged
 * cell only in its first row: a row that misses its leading cells (a group
 * label above spans it) has fewer cells, and a two-row header has a first
 * row with fewer cells, each spanning several of the second's.  A short
 * row is put flush right when its cells' kinds (number or text) match the
 * columns' better so; a short first row over a second row of text, in a
 * table with number columns, is a spanning header. */

/* 0 empty, 1 a number (starts with a digit), 2 text. */
static int cell_kind(const char *s)
{
	if (!*s)
		return 0;
	return g_ascii_isdigit(s[*s == '-' || *s == '+'] ) ? 1 : 2;
}

static size_t row_len(const rows *t, size_t r)
{
	return ((GPtrArray *)g_ptr_array_index(t->cells, r))->len;
}

static const char *row_cell(const rows *t, size_t r, size_t c)
{
	return g_ptr_array_index((GPtrArray *)g_ptr_array_index(t->cells, r), c);
}

/* Each column's kind: what most of the full rows from `from` on hold there. */
static int *column_kinds(const rows *t, size_t ncols, size_t from)
{
	int *kind = g_new0(int, ncols);
	for (size_t c = 0; c < ncols; c++) {
		size_t num = 0, text = 0;
		for (size_t r = from; r < t->cells->len; r++) {
			if (row_len(t, r) != ncols)
				continue;
			int k = cell_kind(row_cell(t, r, c));
			num += k == 1;
			text += k == 2;
		}
		kind[c] = num > text ? 1 : text ? 2 : 0;
	}
	return kind;
}

static size_t matches(const rows *t, size_t r, const int *kind, size_t shift)
{
	size_t m = 0;
	for (size_t c = 0; c < row_len(t, r); c++) {
		int k = cell_kind(row_cell(t, r, c));
		m += k && k == kind[c + shift];
	}
	return m;
}

static int has_number(const rows *t, size_t r)
{
	for (size_t c = 0; c < row_len(t, r); c++)
		if (cell_kind(row_cell(t, r, c)) == 1)
			return 1;
	return 0;
}

/* Where each row's first cell goes (shift[r]) and how many header rows
 * the table has. */
static size_t merged_cells(const rows *t, size_t ncols, size_t *shift)
{
	size_t n = t->cells->len, head = 1;
	int *kind = column_kinds(t, ncols, 2);
	int numbers = 0;
	for (size_t c = 0; c < ncols; c++)
		numbers |= kind[c] == 1;
	if (n >= 3 && numbers && row_len(t, 0) < ncols && row_len(t, 1) > 0 && !has_number(t, 1) &&
	    row_len(t, 0) > ncols - row_len(t, 1)) {
		head = 2;
		shift[1] = ncols - row_len(t, 1);
	}
	for (size_t r = head; r < n; r++) {
		size_t len = row_len(t, r);
		if (len && len < ncols && matches(t, r, kind, ncols - len) > matches(t, r, kind, 0))
			shift[r] = ncols - len;
	}
	g_free(kind);
	return head;
}

/* The cells of a spanning first header row: its first `lead` cells over
 * the columns the second row leaves empty, the others each over an equal
 * share of the rest, at the share's first column. */
static void spread_head(const rows *t, size_t ncols, size_t lead, char **cells)
{
	size_t m = row_len(t, 0) - lead, cols = ncols - lead;
	for (size_t c = 0, at = lead; c < m; c++) {
		size_t span = cols / m + (c < cols % m);
		g_free(cells[at]);
		cells[at] = g_strdup(row_cell(t, 0, lead + c));
		for (size_t k = at + 1; k < at + span; k++) {
			g_free(cells[k]);
			cells[k] = g_strdup("");
		}
		at += span;
	}
}

/* The table block of t's rows; takes the caption from the last block. */
static void table_block(rows *t, GArray *blocks)
{
	yb_block b = { .kind = YB_BLOCK_TABLE, .nrows = t->cells->len };
	for (guint i = 0; i < t->cells->len; i++)
		b.ncols = MAX(b.ncols, ((GPtrArray *)g_ptr_array_index(t->cells, i))->len);
	b.cells = g_new(char *, b.nrows * b.ncols);
	GString *text = g_string_new(NULL);
	yb_block *prev = blocks->len ? &g_array_index(blocks, yb_block, blocks->len - 1) : NULL;
	if (prev && prev->kind == YB_BLOCK_PARAGRAPH && is_caption(prev->text)) {
		b.caption = prev->text;
		b.line = prev->line;
		g_string_append(text, b.caption);
		g_array_set_size(blocks, blocks->len - 1);
	}
	size_t *shift = g_new0(size_t, b.nrows);
	b.head_rows = merged_cells(t, b.ncols, shift);
	for (size_t r = 0; r < b.nrows; r++) {
		GPtrArray *row = g_ptr_array_index(t->cells, r);
		for (size_t c = 0; c < b.ncols; c++) {
			size_t k = c - shift[r];
			char *cell = c >= shift[r] && k < row->len ? g_strdup(g_ptr_array_index(row, k)) : g_strdup("");
			b.cells[r * b.ncols + c] = cell;
			if (*cell)
				g_string_append_printf(text, "%s%s", text->len ? " " : "", cell);
		}
	}
	if (b.head_rows == 2)
		spread_head(t, b.ncols, shift[1], b.cells);
	g_free(shift);
	b.text = g_string_free(text, FALSE);
	b.row_lines = (long *)(void *)g_array_free(t->lines, FALSE);
	if (!b.caption)
		b.line = b.row_lines[0];
	g_array_append_val(blocks, b);
}

/* ---------------------------------------------------------------------------
 * The report
 */

typedef struct lines {
	int keep;
	yb_report *r;
	GArray *blocks;
	rows table;
} lines;

/* One non-empty line that is not part of a table. */
static void add_line(lines *ls, const char *s, const char *e, long line)
{
	trim(&s, &e);
	char *clean = clean_line(s, (size_t)(e - s), ls->keep, &ls->r->punct_changed);
	yb_block b = { .kind = YB_BLOCK_PARAGRAPH, .line = line, .text = clean };
	g_array_append_val(ls->blocks, b);
}

/* Ends the table being collected: a block, or a lone TAB line. */
static void flush_table(lines *ls)
{
	rows *t = &ls->table;
	if (t->cells->len >= 2) {
		table_block(t, ls->blocks);
		t->lines = g_array_new(FALSE, FALSE, sizeof(long));
	} else if (t->cells->len == 1) {
		add_line(ls, t->s, t->e, g_array_index(t->lines, long, 0));
		g_array_set_size(t->lines, 0);
	}
	g_ptr_array_set_size(t->cells, 0);
}

/* Splits the text into blocks (and the title line). */
static void parse_lines(const yb_text *text, int keep, yb_report *r, GArray *blocks)
{
	const char *p = text->data, *end = text->data + text->len;
	lines ls = { .keep = keep, .r = r, .blocks = blocks };
	ls.table.cells = g_ptr_array_new_with_free_func((GDestroyNotify)(void (*)(void))g_ptr_array_unref);
	ls.table.lines = g_array_new(FALSE, FALSE, sizeof(long));
	long line = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl ? nl : end;
		p = nl ? nl + 1 : end;
		line++;
		if (is_row(&s, &e)) {
			rows_add(&ls.table, s, e, line, keep, &r->punct_changed);
			continue;
		}
		flush_table(&ls);
		trim(&s, &e);
		if (s != e)
			add_line(&ls, s, e, line);
	}
	flush_table(&ls);
	g_ptr_array_free(ls.table.cells, TRUE);
	g_array_free(ls.table.lines, TRUE);
}

/* The text the issuer is looked for in: title and blocks, addressees left out. */
static char *issuer_text(const yb_report *r)
{
	GString *g = g_string_new(r->title_text ? r->title_text : "");
	for (size_t i = 0; i < r->nblocks; i++)
		if (r->blocks[i].element != YB_EL_ADDRESSEE)
			g_string_append_printf(g, "\n%s", r->blocks[i].text);
	return g_string_free(g, FALSE);
}

static void find_metadata(yb_report *r, const yb_text *text, yb_structure_hints *h)
{
	r->lang = detect_lang(text->data);
	if (!r->title && h->title)   /* no title line: the web page's header's */
		r->title = g_steal_pointer(&h->title);
	r->year = r->title ? title_year(r->title) : NULL;
	if (!r->year && r->date)
		r->year = g_strndup(r->date, 4);
	if (!r->year)
		r->year = find_year(text->data);
	if (h->signature)
		r->issuer = g_steal_pointer(&h->signature);
	else if (h->mark)
		r->issuer = g_steal_pointer(&h->mark);
	else if (h->byline)
		r->issuer = g_steal_pointer(&h->byline);
	if (!r->issuer) {
		char *body = issuer_text(r);
		r->issuer = find_issuer(r->title, body);
		g_free(body);
	}
	if (!r->title)
		r->title = build_title(r);
}

/* The parse, telling nothing; *ranges: how many ranges were set with an em
 * dash.  Returns -1 for a text of white space only (the report keeps its
 * path and nothing else), else 0. */
static int parse_silently(const yb_text *text, const yb_parse_opts *opts, yb_report *out, size_t *ranges)
{
	assert(text && text->data && out);
	assert(g_utf8_validate_len(text->data, text->len, NULL));
	memset(out, 0, sizeof *out);
	out->path = g_strdup(text->path ? text->path : "");

	GArray *blocks = g_array_new(FALSE, TRUE, sizeof(yb_block));
	parse_lines(text, opts && opts->keep_punctuation, out, blocks);
	*ranges = opts && opts->normalize_ranges ? normalize_blocks(blocks) : 0;
	if (!blocks->len) {
		g_array_free(blocks, TRUE);
		return -1;
	}
	yb_structure_hints hints;
	yb_structure_recognise(out, blocks, opts ? opts->lines : NULL, opts ? opts->nlines : 0, &hints);
	out->nblocks = blocks->len;
	out->blocks = (yb_block *)(void *)g_array_free(blocks, FALSE);
	find_metadata(out, text, &hints);
	yb_structure_hints_release(&hints);
	out->nchars = count_nonspace(text->data);
	yb_report_check(out);
	return 0;
}

/* What the parse (which returned `rc`) has to tell of a report; an empty
 * one is an error and is released.  Returns 0, or -1 after printing. */
static int tell(yb_report *out, size_t ranges, int rc)
{
	if (rc != 0) {
		yb_diag_error(out->path, 0, "'%s' is empty: it holds nothing but white space; "
		              "give a report with text in it", out->path);
		yb_report_release(out);
		return -1;
	}
	if (out->punct_changed)
		yb_diag_note(out->path, 0, "%zu half-width mark%s (, : ; ( ) ? !) between Chinese characters set full-width; "
		             "--keep-punctuation keeps them as written", out->punct_changed, out->punct_changed == 1 ? "" : "s");
	if (ranges)
		yb_diag_note(out->path, 0, "%zu range mark%s (- ~) between numbers in Chinese text set as an em dash "
		             "(2020\u20142022)", ranges, ranges == 1 ? "" : "s");
	return 0;
}

int yb_parse_report(const yb_text *text, const yb_parse_opts *opts, yb_report *out)
{
	size_t ranges;
	int rc = parse_silently(text, opts, out, &ranges);
	return tell(out, ranges, rc);
}

typedef struct many {
	const yb_text *texts;
	const yb_parse_opts *opts;
	yb_report *out;
	size_t *ranges;
	int *rc;
} many;

static void parse_one(size_t i, void *data)
{
	many *m = data;
	if (m->texts[i].data)
		m->rc[i] = parse_silently(&m->texts[i], &m->opts[i], &m->out[i], &m->ranges[i]);
}

int yb_parse_reports(const yb_text *texts, const yb_parse_opts *opts, yb_report *out, size_t n, int threads)
{
	many m = {texts, opts, out, g_new0(size_t, n + 1), g_new0(int, n + 1)};
	yb_par_for(n, threads, parse_one, &m);
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= texts[i].data ? tell(&out[i], m.ranges[i], m.rc[i]) : -1;
	g_free(m.ranges);
	g_free(m.rc);
	return rc;
}
