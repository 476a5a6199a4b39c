/* test_linebreak: the Chinese line breaker on synthetic units (no fonts):
 * 禁则 at each level, breaks inside quotations, punctuation compression,
 * Han–Latin spacing, justification, shrink before stretch, lonely lines. */
#include "linebreak.h"
#include "t.h"

#include <math.h>

#define EM 10.0f

/* Units for a UTF-8 string: Han and full-width marks 1 em, Latin ½ em,
 * space ¼ em.  Unicode breaks: before every Han and full-width mark, and
 * after a space (enough for these tests; the real ones come from Pango). */
static guint units(const char *s, yb_lb_unit *u)
{
	guint n = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p), n++) {
		gunichar c = g_utf8_get_char(p);
		int latin = c < 0x2000 && c != 0xB7;
		u[n] = (yb_lb_unit){.ch = c, .em = EM, .nat = c == ' ' ? EM / 4 : latin ? EM / 2 : EM};
		u[n].pango_break = !latin || (n > 0 && u[n - 1].ch == ' ');
		if (c == 0x201C || (n > 0 && u[n - 1].ch == 0x201D))
			u[n].pango_break = 0; /* what Pango 1.50 does around quotes */
	}
	return n;
}

static yb_lb_opts opts(float measure)
{
	return (yb_lb_opts){.kinsoku = YB_KINSOKU_GB, .punct = YB_PUNCT_GB, .han_latin = 1, .measure = measure};
}

/* The text of each line, '|' between lines. */
static char *lines_of(const char *s, const yb_lb_opts *o, yb_lb_unit *u, GArray *ends)
{
	guint n = units(s, u);
	yb_lb_prepare(u, n, o);
	g_array_set_size(ends, 0);
	yb_lb_break(u, n, o, ends);
	GString *out = g_string_new(NULL);
	guint b = 0;
	for (guint k = 0; k < ends->len; k++) {
		guint e = g_array_index(ends, guint, k);
		for (guint i = b; i < e; i++)
			g_string_append_unichar(out, u[i].ch);
		if (k + 1 < ends->len)
			g_string_append_c(out, '|');
		b = e;
	}
	return g_string_free(out, FALSE);
}

static int near(float a, float b) { return fabsf(a - b) < 0.01f; }

/* Breaks `s` and sets its lines; returns the largest extra space
 * justification put after a Han character on a non-final line, in em. */
static float loosest(const char *s, const yb_lb_opts *o, yb_lb_unit *u, GArray *ends)
{
	guint n = units(s, u);
	yb_lb_prepare(u, n, o);
	g_array_set_size(ends, 0);
	guint lines = yb_lb_break(u, n, o, ends);
	float most = 0;
	for (guint k = 0, b = 0; k < lines; k++) {
		guint e = g_array_index(ends, guint, k);
		yb_lb_set_line(u, b, e, o->measure - (k ? 0 : o->indent), 1, k + 1 == lines, o);
		for (guint i = b; k + 1 < lines && i + 1 < e; i++)
			if (u[i].ch >= 0x4E00 && u[i].ch <= 0x9FFF)
				most = fmaxf(most, u[i].extra / EM);
		b = e;
	}
	return most;
}

int main(void)
{
	yb_lb_unit u[256];
	GArray *ends = g_array_new(FALSE, FALSE, sizeof(guint));
	yb_lb_opts o = opts(5.5f * EM);
	char *got;

	/* 禁则: a comma cannot start a line: the line end compression pulls it up */
	got = lines_of("一二三四五，六七", &o, u, ends);
	T_STREQ("a comma at the line end is pulled up (half an em)", got, "一二三四五，|六七");
	g_free(got);
	o.punct = YB_PUNCT_FULL;
	got = lines_of("一二三四五，六七", &o, u, ends);
	o.measure = 5 * EM;
	T_STREQ("without compression the comma pushes a character down", got, "一二三四|五，六七");
	g_free(got);
	o = opts(5 * EM);
	got = lines_of("一二三四《五六》七", &o, u, ends);
	T_STREQ("an opening bracket cannot end a line", got, "一二三四|《五六》七");
	g_free(got);
	o.kinsoku = YB_KINSOKU_NONE;
	got = lines_of("一二三四《五六》七", &o, u, ends);
	T_STREQ("kinsoku none lets it end a line", got, "一二三四《|五六》七");
	g_free(got);

	/* —— is one unit; strict keeps it from a line start */
	o = opts(5 * EM);
	got = lines_of("一二三四——五六", &o, u, ends);
	T_STREQ("a 2-em dash is never split", got, "一二三四|——五六");
	g_free(got);
	got = lines_of("一二三四五——六", &o, u, ends);
	T_STREQ("GB lets a dash start a line", got, "一二三四五|——六");
	g_free(got);
	o.kinsoku = YB_KINSOKU_STRICT;
	got = lines_of("一二三四五——六", &o, u, ends);
	T_STREQ("strict does not", got, "一二三四|五——六");
	g_free(got);

	/* a long quotation breaks inside, and around its marks */
	o = opts(5 * EM);
	got = lines_of("他说“一二三四五六七八”好", &o, u, ends);
	T_STREQ("a long quotation breaks inside", got, "他说“一二|三四五六七|八”好");
	g_free(got);
	got = lines_of("一二三四“五六”七八九十十", &o, u, ends);
	T_STREQ("a line may break before an opening quote", got, "一二三四|“五六”七|八九十十");
	g_free(got);

	/* Latin words are not split; Han–Latin gaps are ¼ em */
	o = opts(6 * EM);
	got = lines_of("一二三 abcdef 四", &o, u, ends);
	T_STREQ("a Latin word moves whole", got, "一二三 |abcdef 四");
	g_free(got);
	guint n = units("一ab二", u);
	yb_lb_prepare(u, n, &o);
	T_OK("¼ em between Han and Latin", near(u[1].gap, EM / 4) && near(u[3].gap, EM / 4) && u[2].gap == 0,
	     "gaps %.2f %.2f %.2f", u[1].gap, u[2].gap, u[3].gap);
	o.han_latin = 0;
	yb_lb_prepare(u, n, &o);
	T_OK("and none when the style turns it off", u[1].gap == 0 && u[3].gap == 0, "gap %.2f", u[1].gap);

	/* compression: adjacent marks 1.5 em; middle dots ½ em */
	o = opts(20 * EM);
	n = units("一。”二（《三", u);
	yb_lb_prepare(u, n, &o);
	T_OK("。” take 1.5 em", near(u[1].adv + u[2].adv, 1.5f * EM), "%.2f", u[1].adv + u[2].adv);
	T_OK("（《 take 1.5 em, the second losing its left half",
	     near(u[4].adv + u[5].adv, 1.5f * EM) && near(u[5].shift, -EM / 2), "%.2f shift %.2f",
	     u[4].adv + u[5].adv, u[5].shift);
	n = units("一·二", u);
	yb_lb_prepare(u, n, &o);
	T_OK("an interpunct takes ½ em", near(u[1].adv, EM / 2), "%.2f", u[1].adv);
	o.punct = YB_PUNCT_EDGE;
	n = units("一。”二", u);
	yb_lb_prepare(u, n, &o);
	T_OK("edge-only compression leaves pairs inside a line", near(u[1].adv + u[2].adv, 2 * EM),
	     "%.2f", u[1].adv + u[2].adv);

	/* justification: every non-final line ends at the measure, the slack
	 * spread over the gaps, a space never taking it all */
	o = opts(10 * EM);
	n = units("一二三 ab 四五六七八九十一二三", u);
	yb_lb_prepare(u, n, &o);
	g_array_set_size(ends, 0);
	yb_lb_break(u, n, &o, ends);
	guint e = g_array_index(ends, guint, 0);
	float w = yb_lb_set_line(u, 0, e, o.measure, 1, 0, &o);
	T_OK("a justified line is exactly the measure", near(w, o.measure), "%.3f", w);
	float most = 0;
	for (guint i = 0; i < e; i++)
		most = fmaxf(most, u[i].extra + (u[i].ch == ' ' ? u[i].adv : 0));
	T_OK("no space grows past ½ em", most <= EM / 2 + 0.01f, "largest %.2f", most);
	T_OK("no stretch inside the Latin word", u[4].extra == 0, "extra %.2f", u[4].extra);

	/* a line-final full-width mark takes ½ em */
	o = opts(5 * EM);
	n = units("一二三四，五六", u);
	yb_lb_prepare(u, n, &o);
	g_array_set_size(ends, 0);
	yb_lb_break(u, n, &o, ends);
	e = g_array_index(ends, guint, 0);
	yb_lb_set_line(u, 0, e, o.measure, 1, 0, &o);
	T_OK("the line-end comma is ½ em", e == 5 && near(u[4].adv, EM / 2), "end %u adv %.2f", e, u[4].adv);

	/* shrink before stretch: a line ½ em over fits by shrinking its marks */
	o = opts(6 * EM);
	got = lines_of("一，二，三四五", &o, u, ends);
	T_STREQ("a line slightly over shrinks its commas", got, "一，二，三四|五");
	g_free(got);

	/* total fit: a justified paragraph is broken as a whole, so the line
	 * before an unbreakable run is not letter-spaced when other breaks exist */
	o = opts(10 * EM);
	const char *loose = "一，二，三四五六七八九十一二三四五ABCDEFG六七八九十一二三四五六七八九十";
	float first_fit = loosest(loose, &o, u, ends);
	o.justify = 1;
	float total = loosest(loose, &o, u, ends);
	T_OK("line by line, the line before a long Latin run is loose", first_fit > 0.3f, "%.3f em", first_fit);
	T_OK("broken as a whole, no line is letter-spaced above 3 %", total <= 0.03f, "%.3f em", total);
	o = opts(10 * EM);
	o.justify = 1;
	got = lines_of("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", &o, u, ends);
	T_STREQ("total fit avoids a lonely last line", got, "一二三四五六七八九十|一二三四五六七八九十|一二三四五六七八九|十一");
	g_free(got);
	o.measure = 5 * EM;
	got = lines_of("abcdefghijklmnop", &o, u, ends);
	T_STREQ("and still breaks an over-long token where it must", got, "abcdefghij|klmnop");
	g_free(got);

	/* a range never breaks at its dash; a number keeps its unit */
	o = opts(5 * EM);
	n = units("一二三2021—2025年", u);
	u[8].pango_break = 1;   /* Unicode allows a break after a dash */
	yb_lb_prepare(u, n, &o);
	T_OK("no break around the dash of 2021—2025", !u[7].brk && !u[8].brk, "brk %d %d", u[7].brk, u[8].brk);
	T_OK("nor between 2025 and 年", !u[12].brk, "brk %d", u[12].brk);
	n = units("一二三四—五", u);
	yb_lb_prepare(u, n, &o);
	T_OK("a dash between Han characters still breaks", u[4].brk, "brk %d", u[4].brk);

	/* a line that is over never hangs: a last line pushes in its marks too */
	o = opts(5 * EM);
	n = units("一，二三四。", u);   /* 5.5 em set: the 。 ends the line at ½ em */
	yb_lb_prepare(u, n, &o);
	w = yb_lb_set_line(u, 0, n, o.measure, 1, 1, &o);
	T_OK("a last line ½ em over compresses its comma", w <= o.measure + 0.01f, "width %.2f of %.2f", w, o.measure);
	/* Han–Latin gaps stay equal when a line shrinks */
	o = opts(20 * EM);
	n = units("一ab二cd三ef四", u);
	yb_lb_prepare(u, n, &o);
	yb_lb_set_line(u, 0, n, 8.2f * EM, 1, 0, &o);   /* 8.5 em natural */
	T_OK("Han–Latin gaps shrink alike", near(u[1].gap, u[3].gap) && near(u[3].gap, u[7].gap) && u[1].gap < EM / 4,
	     "gaps %.2f %.2f %.2f", u[1].gap, u[3].gap, u[7].gap);

	/* lonely last lines are recognised */
	n = units("一二三四五六七八九十。", u);
	yb_lb_prepare(u, n, &o);
	T_OK("one character and a mark is lonely", yb_lb_lonely(u, 9, 11), "units 9-11");
	T_OK("two characters are not", !yb_lb_lonely(u, 8, 11), "units 8-11");

	/* an unbreakable run longer than the line is broken between clusters */
	o = opts(5 * EM);
	got = lines_of("abcdefghijklmnop", &o, u, ends);
	T_STREQ("an over-long token breaks where it must", got, "abcdefghij|klmnop");
	g_free(got);

	g_array_free(ends, TRUE);
	T_DONE();
}
