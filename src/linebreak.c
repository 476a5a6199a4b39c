/* linebreak: 禁则, 标点挤压 and justification (typography.md §2–§5).
 *
 * Design note.
 * 1. Classes.  Every unit (cluster) gets a class from its first character:
 *    Han, opening mark (ink on the right), closing mark (ink on the left),
 *    a mark that is always half an em (· ／ –), dash, ellipsis, Latin
 *    letter or digit, space, other.  A mark is "wide" when its natural
 *    advance is about an em (a CJK font's full-width form).
 * 2. Breaks.  Unicode line breaking (Pango) says where a line may break.
 *    Pango 1.50 forbids breaks on both sides of “ ” (UAX #14 class QU), so
 *    a long quotation cannot break; we allow a break before “‘ and after ”’
 *    when Chinese text is on the other side.  Then the 禁则 of the style's
 *    level forbid breaks before line-start marks and after line-end marks,
 *    and a break inside —— or …… is never allowed.  A number keeps the
 *    Han character after it (2024年), and a dash or hyphen between digits
 *    (2021—2025, GB/T 9704—2012) is never a break on either side.
 * 3. Compression (GB, the default): two adjacent wide marks take 1.5 em (the
 *    first loses its right half when it is a closing mark, else the second
 *    loses its left half); · ／ – take half an em; a wide closing mark at a
 *    line end takes half an em ("edge" compresses only there; "full"
 *    nowhere).  Traditional text keeps full-width marks (its punctuation is
 *    centred).
 *    A quotation mark that a font draws narrow (Latin style) gets a full em
 *    box next to Chinese text, so it behaves like the other marks, its glyph
 *    toward its text but leaving no gap wider than about half an em.
 * 4. Han–Latin spacing: ¼ em between a Han character and a Latin letter or
 *    digit next to it; never at a line start (the gap belongs to the unit
 *    after it, and a line's first unit has none) nor at its end.
 * 5. Breaking.  A justified paragraph is broken as a whole (total fit,
 *    after Knuth and Plass): of all the ways to end its lines at allowed
 *    breaks, the one with the least summed demerits (10 + badness)², where
 *    a line's badness is 100 at 3 % letter-spacing and grows with its cube;
 *    shrinking (Han–Latin gaps down to ⅛ em, wide marks inside the line
 *    down to half) costs by the share of that room it uses, Western spaces
 *    and Han–Latin gaps stretching to their limits cost little.  A last line
 *    of one character costs nearly as much as a break no rule allows (which
 *    is how a unit too long for any line, a 3,000-character URL, is still
 *    broken).  A line start leaves the search once the line from it is too
 *    long even shrunk, so each break looks back over about one line: linear
 *    in the paragraph.  A title (balance) keeps first fit's number of lines
 *    but makes them even, broken at phrase boundaries (after 的, 关于, the
 *    suffix of a place or body, a year) with no runt last line.  Other
 *    blocks (ragged, centred) are broken first-fit: a line takes the most
 *    units that fit, counting its end compression and up to half an em of
 *    shrink.
 * 6. Justification of a line that is short: Western spaces grow up to ½ em,
 *    then Han–Latin gaps up to ⅓ em, then every gap where Chinese text may
 *    stretch takes an equal share (never inside a Latin word, a digit string,
 *    a 2-em dash or an ellipsis).  A line that is over shrinks in the order
 *    of §4: Han–Latin gaps (all alike), then wide marks inside the line;
 *    so does a last or ragged line, which never hangs past the measure.  A line of one
 *    long Latin run (a URL broken after a / or -) has no such gap: it is
 *    letter-spaced, a last resort that keeps the right edge straight.
 */
#include "linebreak.h"

#include "chars.h"

#include <string.h>

#define EPS 0.01f

/* ---- classes -------------------------------------------------------------- */

static yb_cl classify(gunichar c)
{
	if (c < 0x80)
		return c == ' ' ? YB_CL_SPACE : g_ascii_isalnum((char)c) || c == '%' ? YB_CL_LATIN : YB_CL_OTHER;
	if (yb_is_han_basic(c))
		return YB_CL_HAN;   /* the common case first */
	if (c == 0xA0 || c == 0x3000)
		return YB_CL_SPACE;
	if (c == 0x2014 || c == 0x2E3A)
		return YB_CL_DASH;
	if (c == 0x2026)
		return YB_CL_ELLIPSIS;
	if (c == 0x00B7 || c == 0x30FB || c == 0xFF0F || c == 0x2013)
		return YB_CL_MIDDLE;
	if (yb_is_open_mark(c))
		return YB_CL_OPEN;
	if (yb_is_close_mark(c))
		return YB_CL_CLOSE;
	if (c < 0x2E80 && g_unichar_isalnum(c))
		return YB_CL_LATIN;
	if (yb_is_cjk_graph(c))
		return YB_CL_HAN;
	return YB_CL_OTHER;
}

/* 禁则: may c start / end a line at this level? */
static int no_start(gunichar c, yb_kinsoku k)
{
	if (k == YB_KINSOKU_NONE || (yb_is_han_basic(c)))
		return 0;
	if (yb_is_close_mark(c) || c == 0x2013 || c == 0xFF5E || c == 0x00B7 || c == 0x30FB)
		return 1;
	if (k >= YB_KINSOKU_GB && c == 0xFF0F)
		return 1;
	return k == YB_KINSOKU_STRICT && (c == 0x2014 || c == 0x2026 || c == 0x2E3A);
}

static int no_end(gunichar c, yb_kinsoku k)
{
	if (k == YB_KINSOKU_NONE || (yb_is_han_basic(c)))
		return 0;
	return yb_is_open_mark(c) || (k >= YB_KINSOKU_GB && c == 0xFF0F);
}

static int chinese(uint8_t cls)
{
	return cls == YB_CL_HAN || cls == YB_CL_OPEN || cls == YB_CL_CLOSE || cls == YB_CL_MIDDLE ||
	       cls == YB_CL_DASH || cls == YB_CL_ELLIPSIS;
}

/* ---- preparing ------------------------------------------------------------- */

static int tailored_break(const yb_lb_unit *a, const yb_lb_unit *b, yb_kinsoku k)
{
	int brk = b->pango_break;
	if ((b->ch == 0x201C || b->ch == 0x2018) && (chinese(a->cls) || a->cls == YB_CL_LATIN))
		brk = 1;   /* before an opening quote */
	if ((a->ch == 0x201D || a->ch == 0x2019) && (chinese(b->cls) || b->cls == YB_CL_LATIN))
		brk = 1;   /* after a closing quote */
	if (no_start(b->ch, k) || no_end(a->ch, k))
		brk = 0;
	if ((a->cls == YB_CL_DASH && b->cls == YB_CL_DASH) ||
	    (a->cls == YB_CL_ELLIPSIS && b->cls == YB_CL_ELLIPSIS))
		brk = 0;   /* —— and …… are one unit */
	if (a->cls == YB_CL_SPACE && b->cls == YB_CL_SPACE)
		brk = 0;
	if (g_unichar_isdigit(a->ch) && a->cls == YB_CL_LATIN && b->cls == YB_CL_HAN)
		brk = 0;   /* 2024年, 15名: a number keeps its unit */
	return brk;
}

/* A dash or hyphen between digits joins a range (2021—2025, GB/T 9704—2012,
 * 2020-2022年): no break on either side of it. */
static int range_mark(gunichar c)
{
	return c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014 || c == 0xFF5E || c == '~' || c == 0x301C;
}

static void join_ranges(yb_lb_unit *u, guint n)
{
	for (guint i = 1; i + 1 < n; i++)
		if (range_mark(u[i].ch) && g_unichar_isdigit(u[i - 1].ch) && g_unichar_isdigit(u[i + 1].ch))
			u[i].brk = u[i + 1].brk = 0;
}

static void compress_pair(yb_lb_unit *a, yb_lb_unit *b)
{
	if (!a->wide || !b->wide)
		return;
	if (a->cls == YB_CL_CLOSE && a->adv > a->nat - EPS) {
		a->adv = a->nat - a->em / 2;
	} else if (a->cls == YB_CL_OPEN && b->cls == YB_CL_OPEN) {
		b->adv = b->nat - b->em / 2;
		b->shift -= b->em / 2;
	}
}

static int han_latin(const yb_lb_unit *a, const yb_lb_unit *b)
{
	return (a->cls == YB_CL_HAN && b->cls == YB_CL_LATIN) ||
	       (a->cls == YB_CL_LATIN && b->cls == YB_CL_HAN);
}

/* A proportional quotation mark (from a font whose “ ” are Latin style,
 * such as LXGW WenKai) next to Chinese text is given a full em box like a
 * CJK font's, so it spaces and compresses like the other marks; its glyph
 * is placed in whatever box it ends up with by yb_lb_set_line(). */
static void widen_quote(yb_lb_unit *u, guint i, guint n)
{
	gunichar c = u[i].ch;
	if ((c != 0x201C && c != 0x2018 && c != 0x201D && c != 0x2019) || u[i].nat >= 0.75f * u[i].em)
		return;
	int han_before = i > 0 && u[i - 1].cls == YB_CL_HAN;
	int han_after = i + 1 < n && u[i + 1].cls == YB_CL_HAN;
	if (!han_before && !han_after)
		return;
	u[i].glyph = u[i].nat;
	u[i].nat = u[i].adv = u[i].em;
	u[i].wide = 1;
}

void yb_lb_prepare(yb_lb_unit *u, guint n, const yb_lb_opts *o)
{
	for (guint i = 0; i < n; i++) {
		u[i].cls = (uint8_t)classify(u[i].ch);
		u[i].wide = (u[i].cls == YB_CL_OPEN || u[i].cls == YB_CL_CLOSE || u[i].cls == YB_CL_MIDDLE) &&
		            u[i].nat > 0.9f * u[i].em;
		u[i].adv = u[i].nat;
		u[i].shift = u[i].gap = u[i].extra = u[i].glyph = 0;
		if (o->punct != YB_PUNCT_FULL && u[i].cls == YB_CL_MIDDLE && u[i].wide) {
			u[i].adv = u[i].nat / 2;
			u[i].shift = -u[i].nat / 4;
		}
	}
	for (guint i = 0; i < n; i++)
		widen_quote(u, i, n);
	for (guint i = 1; i < n; i++) {
		u[i].brk = (uint8_t)tailored_break(&u[i - 1], &u[i], o->kinsoku);
		if (o->han_latin && han_latin(&u[i - 1], &u[i]))
			u[i].gap = (u[i - 1].cls == YB_CL_HAN ? u[i - 1].em : u[i].em) / 4;
		if (o->punct == YB_PUNCT_GB)
			compress_pair(&u[i - 1], &u[i]);
	}
	join_ranges(u, n);
	if (n)
		u[0].brk = 0;
}

/* Whether justification may widen the gap between a and b. */
static int stretchable(const yb_lb_unit *a, const yb_lb_unit *b)
{
	if (a->cls == b->cls && (a->cls == YB_CL_DASH || a->cls == YB_CL_ELLIPSIS))
		return 0;
	return chinese(a->cls) || chinese(b->cls) || a->cls == YB_CL_SPACE || b->cls == YB_CL_SPACE;
}

static int has_stretch(const yb_lb_unit *u, guint s, guint e)
{
	for (guint i = s; i + 1 < e; i++)
		if (stretchable(&u[i], &u[i + 1]))
			return 1;
	return 0;
}

/* ---- breaking -------------------------------------------------------------- */

/* How much a wide closing mark at a line end gives up. */
static float end_saving(const yb_lb_unit *u, const yb_lb_opts *o)
{
	if (o->punct == YB_PUNCT_FULL || u->cls != YB_CL_CLOSE || !u->wide)
		return 0;
	return u->adv > u->nat - EPS ? u->em / 2 : 0;
}

/* Shrink a wide mark offers inside a line: down to half an em. */
static float mark_shrink(const yb_lb_unit *u, const yb_lb_opts *o)
{
	if (o->punct == YB_PUNCT_GB && u->wide && (u->cls == YB_CL_OPEN || u->cls == YB_CL_CLOSE) &&
	    u->adv > u->nat - EPS)
		return u->em / 2;
	return 0;
}

/* Shrink a Han–Latin gap offers: down to ⅛ em. */
static float gap_cut_room(const yb_lb_unit *u)
{
	return u->gap > u->em / 8 ? u->gap - u->em / 8 : 0;
}

/* The end of the line starting at s, at most `width` wide: the last legal
 * break that fits, else (an emergency) the last cluster that fits. */
static guint break_line(const yb_lb_unit *u, guint s, guint n, float width, const yb_lb_opts *o)
{
	float sum = 0, shrink = 0, last_ns = 0;
	guint best = 0, fit_any = s + 1;
	for (guint i = s; i < n; i++) {
		if (i > s) {
			sum += u[i].gap;
			shrink += u[i].gap / 2 + mark_shrink(&u[i - 1], o);
		}
		sum += u[i].adv;
		if (u[i].cls != YB_CL_SPACE)
			last_ns = sum - end_saving(&u[i], o);
		int fits = last_ns - (shrink < u[i].em / 2 ? shrink : u[i].em / 2) <= width + EPS;
		if (fits)
			fit_any = i + 1;
		if (fits && (i + 1 == n || u[i + 1].brk))
			best = i + 1;
		if (sum - shrink - u[i].em > width)
			break;
	}
	return best ? best : fit_any;
}

static guint first_fit(const yb_lb_unit *u, guint n, const yb_lb_opts *o, float width, GArray *ends)
{
	guint lines = 0;
	for (guint s = 0; s < n; lines++) {
		float w = width - (lines == 0 ? o->indent : 0);
		guint e = break_line(u, s, n, w, o);
		g_array_append_val(ends, e);
		s = e;
	}
	return lines;
}

static float space_room(const yb_lb_unit *u)
{
	float r = u->em / 2 - u->adv - u->extra;
	return u->cls == YB_CL_SPACE && r > 0 ? r : 0;
}

static float gap_room(const yb_lb_unit *u)
{
	float r = u->em / 3 - u->gap;
	return u->gap > 0 && r > 0 ? r : 0;
}

/* ---- total fit ------------------------------------------------------------- */

/* Running sums over the units, so any line's measures cost O(1):
 * entry k holds the sum over units [0, k). */
struct sums {
	double *adv, *gap;     /* advances; Han–Latin gaps (a unit's gap is before it) */
	double *gap_shrink;    /* what the gaps give down to ⅛ em */
	double *mark_shrink;   /* what wide marks give inside a line */
	double *free_room;     /* cheap stretch: spaces to ½ em, the gap after each unit to ⅓ em */
	double *gaps;          /* stretchable gaps after each unit */
	double *floor;         /* adv + gap - every shrink: monotone, bounds a line */
};

static void sums_init(struct sums *m, const yb_lb_unit *u, guint n, const yb_lb_opts *o)
{
	double *all = g_new0(double, 7 * (gsize)(n + 1));
	double **f[] = {&m->adv, &m->gap, &m->gap_shrink, &m->mark_shrink, &m->free_room, &m->gaps, &m->floor};
	for (guint k = 0; k < 7; k++)
		*f[k] = all + k * (gsize)(n + 1);
	for (guint i = 0; i < n; i++) {
		float gs = gap_cut_room(&u[i]);
		m->adv[i + 1] = m->adv[i] + u[i].adv;
		m->gap[i + 1] = m->gap[i] + u[i].gap;
		m->gap_shrink[i + 1] = m->gap_shrink[i] + gs;
		m->mark_shrink[i + 1] = m->mark_shrink[i] + mark_shrink(&u[i], o);
		m->free_room[i + 1] = m->free_room[i] + space_room(&u[i]) + (i + 1 < n ? gap_room(&u[i + 1]) : 0);
		m->gaps[i + 1] = m->gaps[i] + (i + 1 < n && stretchable(&u[i], &u[i + 1]));
		m->floor[i + 1] = m->floor[i] + u[i].adv + u[i].gap - gs - mark_shrink(&u[i], o);
	}
}

static void sums_release(struct sums *m)
{
	g_free(m->adv);
}

#define LB_INFEASIBLE 1e30
#define LB_EMERGENCY 1e15   /* a break no rule allows (inside a long Latin run) */
#define LB_LONELY 1e8       /* a paragraph's last line of one character */
#define LB_SPACING 0.03     /* letter-spacing (share of an em) that costs badness 100 */

/* Badness of line [s, e) set to `width` (TeX's idea: 100 at the tolerable
 * limit, growing with the cube of the adjustment), or LB_INFEASIBLE. */
static double line_badness(const yb_lb_unit *u, const struct sums *m, guint s, guint e, guint n, double width,
                           const yb_lb_opts *o)
{
	guint last = e - 1;
	while (last > s && u[last].cls == YB_CL_SPACE)
		last--;
	double nat = m->adv[last + 1] - m->adv[s] + m->gap[last + 1] - m->gap[s + 1] - end_saving(&u[last], o);
	double shrink = m->gap_shrink[last + 1] - m->gap_shrink[s + 1] + m->mark_shrink[last] - m->mark_shrink[s];
	double em = u[s].em > 0 ? u[s].em : 1;
	if (nat > width + EPS) {
		if (nat - shrink <= width + EPS) {
			double q = (nat - width) / shrink;
			return 100 * q * q * q;
		}
		return e == s + 1 ? 1e6 : LB_INFEASIBLE;
	}
	if (e == n)
		return 0;   /* the last line is not stretched */
	double slack = width - nat, free = m->free_room[last] - m->free_room[s];
	if (slack <= free + EPS)
		return free > 0 ? 10 * (slack / free) * (slack / free) : 0;
	double gaps = m->gaps[last] - m->gaps[s], penalty = 0;
	if (gaps < 1) {   /* letter-spacing a Latin run: a last resort */
		gaps = last > s ? last - s : 1;
		penalty = 1000;
	}
	double r = (slack - free) / gaps / em / LB_SPACING;
	return penalty + 100 * r * r * r;
}

/* One pass of the search: the least demerits of every end j (cost[j], its
 * line's start from[j]); with legal_only, ends no rule allows are left out
 * (cost LB_INFEASIBLE).  Returns cost[n]. */
static double fit_pass(const yb_lb_unit *u, guint n, const yb_lb_opts *o, float width, const struct sums *m,
                       int legal_only, double *cost, guint *from)
{
	cost[0] = 0;
	guint lo = 0;
	for (guint j = 1; j <= n; j++) {
		cost[j] = LB_INFEASIBLE;
		from[j] = j - 1;
		while (lo + 1 < j && m->floor[j] - m->floor[lo] - 2 * u[lo].em > width)
			lo++;
		int legal = j == n || u[j].brk;
		if (legal_only && !legal)
			continue;
		double brk = legal ? 0 : LB_EMERGENCY;
		for (guint i = j; i-- > lo;) {
			if (cost[i] >= LB_INFEASIBLE)
				continue;
			double w = width - (i == 0 ? o->indent : 0);
			double b = line_badness(u, m, i, j, n, w, o);
			if (b >= LB_INFEASIBLE)
				continue;
			double d = (10 + b) * (10 + b) + brk;
			if (j == n && i > 0 && yb_lb_lonely(u, i, n))
				d += LB_LONELY;
			if (cost[i] + d < cost[j]) {
				cost[j] = cost[i] + d;
				from[j] = i;
			}
		}
	}
	return cost[n];
}

/* Breaks a justified paragraph as a whole: over every place a line may end
 * (every cluster boundary, those no rule allows at a huge cost), the set
 * of lines whose summed demerits (10 + badness)² are least, a paragraph's
 * last line of one character costing nearly as much as an emergency break.
 * A line start is dropped from the search once even its shrunk content is
 * wider than the line, so each end looks back over about one line's units.
 * The search runs over the legal ends first: when that finds a paragraph
 * cheaper than one emergency break, no set of breaks with an emergency
 * break can be cheaper, and the ends no rule allows were never tried;
 * else it runs again over every end. */
static guint total_fit(const yb_lb_unit *u, guint n, const yb_lb_opts *o, float width, GArray *ends)
{
	struct sums m;
	sums_init(&m, u, n, o);
	double *cost = g_new(double, n + 1);
	guint *from = g_new(guint, n + 1);
	if (fit_pass(u, n, o, width, &m, 1, cost, from) >= LB_EMERGENCY)
		fit_pass(u, n, o, width, &m, 0, cost, from);
	guint lines = 0;
	for (guint j = n; j > 0; j = from[j])
		lines++;
	g_array_set_size(ends, ends->len + lines);
	guint k = ends->len;
	for (guint j = n; j > 0; j = from[j])
		g_array_index(ends, guint, --k) = j;
	g_free(cost);
	g_free(from);
	sums_release(&m);
	return lines;
}

/* ---- balanced titles ------------------------------------------------------- */

/* Whether a break before unit j falls at a phrase boundary: after a mark,
 * a function word such as 的 和 关于, the suffix of a place or body such as
 * 市 区 局 政府 办事处, a year 2024年度, a phrase-final noun such as 建设
 * 情况; before 关于, 第 or a number. */
static int phrase_boundary(const yb_lb_unit *u, guint j)
{
	/* function words, the suffixes of places and bodies, and the last
	 * characters of the nouns official titles end phrases with (建设, 工作,
	 * 情况, 成效, 问题, 不足, 任务, 制度, 决策) */
	static const char after[] = "的之和与及于对在年度省市区县镇乡村街局厅委室府处院会部所司组"
	                            "设作况效题足务制策";
	gunichar a = u[j - 1].ch, b = u[j].ch;
	if (u[j - 1].cls != YB_CL_HAN || u[j].cls == YB_CL_OPEN)
		return 1;
	if (b == 0x5173 /* 关于 */ || b == 0x7B2C /* 第 */ || u[j].cls != YB_CL_HAN)
		return 1;
	return g_utf8_strchr(after, -1, a) && !g_utf8_strchr("度道", -1, b);
}

/* How a title reads broken before unit j: 0 at a phrase boundary; inside
 * a phrase, less after an even number of characters (most words of
 * official prose have two: 深入学习|贯彻) than after an odd one (学|习). */
static double phrase_cost(const yb_lb_unit *u, guint j)
{
	if (phrase_boundary(u, j))
		return 0;
	guint run = 1;
	while (run < j && !phrase_boundary(u, j - run))
		run++;
	return run % 2 ? 16 : 6;
}

/* The width a title line [s, e) takes. */
static double natural(const yb_lb_unit *u, guint s, guint e, const yb_lb_opts *o)
{
	guint last = e - 1;
	while (last > s && u[last].cls == YB_CL_SPACE)
		last--;
	double w = 0;
	for (guint i = s; i <= last; i++)
		w += u[i].adv + (i > s ? u[i].gap : 0);
	return w - end_saving(&u[last], o);
}

/* The least cost of breaking a title into `lines` lines, each as near as
 * it can to an even share of the whole (squared difference, in em), with
 * its breaks' phrase costs and a runt last line (under three characters)
 * costing much; fills from[] and returns LB_INFEASIBLE when none fits. */
static double balance_lines(const yb_lb_unit *u, guint n, const yb_lb_opts *o, float width, guint lines,
                            guint *from)
{
	double *cost = g_new(double, (gsize)(n + 1) * (lines + 1));
	double em = u[0].em > 0 ? u[0].em : 1, share = natural(u, 0, n, o) / lines;
#define AT(j, k) ((gsize)(k) * (n + 1) + (j))
	for (gsize i = 0; i < (gsize)(n + 1) * (lines + 1); i++)
		cost[i] = LB_INFEASIBLE;
	cost[AT(0, 0)] = 0;
	for (guint k = 1; k <= lines; k++)
		for (guint j = 1; j <= n; j++) {
			if (j < n && !u[j].brk)
				continue;
			for (guint i = j; i-- > 0;) {
				if (cost[AT(i, k - 1)] >= LB_INFEASIBLE || (i > 0 && !u[i].brk))
					continue;
				double w = natural(u, i, j, o);
				if (w > width - (i == 0 ? o->indent : 0) + EPS)
					break;
				double c = (w - share) / em * (w - share) / em;
				c += j < n ? phrase_cost(u, j) : j - i < 3 ? 100 : 0;
				if (cost[AT(i, k - 1)] + c < cost[AT(j, k)]) {
					cost[AT(j, k)] = cost[AT(i, k - 1)] + c;
					from[AT(j, k)] = i;
				}
			}
		}
	double best = cost[AT(n, lines)];
	g_free(cost);
	return best;
}

/* Breaks a title into as many lines as first fit gives, or one more when
 * that reads much better, the lines even and broken at phrase boundaries
 * (see balance_lines); first fit when nothing better fits. */
static guint balanced(const yb_lb_unit *u, guint n, const yb_lb_opts *o, float width, GArray *ends)
{
	guint base = ends->len, lines = first_fit(u, n, o, width, ends);
	if (lines < 2 || lines > 6 || n > 400)
		return lines;
	guint *from[2] = {g_new(guint, (gsize)(n + 1) * (lines + 2)), g_new(guint, (gsize)(n + 1) * (lines + 2))};
	double c0 = balance_lines(u, n, o, width, lines, from[0]);
	double c1 = balance_lines(u, n, o, width, lines + 1, from[1]) + 8;
	int more = c1 < c0;
	guint k = lines + (guint)more;
	if ((more ? c1 : c0) < LB_INFEASIBLE) {
		g_array_set_size(ends, base + k);
		for (guint j = n, l = k; l > 0; j = from[more][AT(j, l)], l--)
			g_array_index(ends, guint, base + l - 1) = j;
		lines = k;
	}
#undef AT
	g_free(from[0]);
	g_free(from[1]);
	return lines;
}

guint yb_lb_break(yb_lb_unit *u, guint n, const yb_lb_opts *o, GArray *ends)
{
	float width = o->break_width > 0 ? o->break_width : o->measure;
	if (n == 0)
		return 0;
	if (o->justify)
		return total_fit(u, n, o, width, ends);
	if (o->balance)
		return balanced(u, n, o, width, ends);
	return first_fit(u, n, o, width, ends);
}

/* ---- setting a line ----------------------------------------------------------- */

/* Gives up to `want` of space to the units whose room is room(u); returns what was given. */
static float spread(yb_lb_unit *u, guint s, guint e, float want, float (*room)(const yb_lb_unit *),
                    float *field_of(yb_lb_unit *))
{
	float total = 0;
	for (guint i = s; i < e; i++)
		total += room(&u[i]);
	if (total <= EPS || want <= 0)
		return 0;
	float take = want < total ? want : total;
	for (guint i = s; i < e; i++)
		*field_of(&u[i]) += room(&u[i]) * take / total;
	return take;
}

static float *extra_field(yb_lb_unit *u) { return &u->extra; }
static float *gap_field(yb_lb_unit *u) { return &u->gap; }

/* Every stretchable gap takes an equal share; a line with none (a URL
 * broken between clusters) is letter-spaced as a last resort. */
static void stretch_evenly(yb_lb_unit *u, guint s, guint last, float slack)
{
	int any = has_stretch(u, s, last + 1);
	guint gaps = 0;
	for (guint i = s; i < last; i++)
		gaps += !any || stretchable(&u[i], &u[i + 1]);
	if (!gaps)
		return;
	for (guint i = s; i < last; i++)
		if (!any || stretchable(&u[i], &u[i + 1]))
			u[i].extra += slack / (float)gaps;
}

/* Takes `need` from the wide marks inside the line, evenly (each gives at
 * most half an em, from its empty half); returns what it took. */
static float compress_marks(yb_lb_unit *u, guint s, guint last, float need, const yb_lb_opts *o)
{
	guint count = 0;
	float room = 0;
	for (guint i = s; i < last; i++)
		if (mark_shrink(&u[i], o) > 0) {
			count++;
			room += u[i].em / 2;
		}
	if (!count)
		return 0;
	float take = need < room ? need : room;
	for (guint i = s; i < last; i++) {
		if (mark_shrink(&u[i], o) <= 0)
			continue;
		float cut = take * (u[i].em / 2) / room;
		u[i].adv -= cut;
		if (u[i].cls == YB_CL_OPEN)
			u[i].shift -= cut;
	}
	return take;
}

/* Where a widened narrow mark's glyph goes in its box: toward the text it
 * belongs to (an opening mark to the right, a closing one to the left), but
 * never leaving more than about half an em empty on either side, which a
 * reader would see as a gap. */
static float place_narrow(const yb_lb_unit *u)
{
	float spare = u->adv - u->glyph, most = u->em / 2 - 0.5f;
	if (spare <= 0)
		return 0;
	if (u->cls == YB_CL_OPEN)
		return spare < most ? spare : most;
	return spare > most ? spare - most : 0;
}

static float line_width(const yb_lb_unit *u, guint s, guint last)
{
	float w = 0;
	for (guint i = s; i <= last; i++)
		w += u[i].adv + u[i].extra + (i > s ? u[i].gap : 0);
	return w - u[last].extra;
}

static void justify(yb_lb_unit *u, guint s, guint last, float slack)
{
	slack -= spread(u, s, last, slack, space_room, extra_field);
	slack -= spread(u, s + 1, last + 1, slack, gap_room, gap_field);
	stretch_evenly(u, s, last, slack);
}

/* A line that is over: Han–Latin gaps down to ⅛ em (all by the same share,
 * so they stay equal), then wide marks inside the line to half; returns
 * what is still over (negative: room was made). */
static float shrink(yb_lb_unit *u, guint s, guint last, float over, const yb_lb_opts *o)
{
	float room = 0;
	for (guint i = s + 1; i <= last; i++)
		room += gap_cut_room(&u[i]);
	if (room > EPS) {
		float take = over < room ? over : room;
		for (guint i = s + 1; i <= last; i++)
			u[i].gap -= gap_cut_room(&u[i]) * take / room;
		over -= take;
	}
	if (over > EPS)
		over -= compress_marks(u, s, last, over, o);
	return over;
}

float yb_lb_set_line(yb_lb_unit *u, guint s, guint e, float avail, int justify_it, int last_line,
                     const yb_lb_opts *o)
{
	guint last = e - 1;
	while (last > s && u[last].cls == YB_CL_SPACE)
		last--;
	u[s].gap = 0;
	if (end_saving(&u[last], o) > 0)
		u[last].adv -= u[last].em / 2;
	float slack = avail - line_width(u, s, last);
	if (slack < -EPS)   /* any line that is over, a paragraph's last one too: push in */
		slack = -shrink(u, s, last, -slack, o);
	if (justify_it && !last_line && slack > EPS)
		justify(u, s, last, slack);
	for (guint i = s; i < e; i++)
		if (u[i].glyph > 0)
			u[i].shift = place_narrow(&u[i]);
	return line_width(u, s, last);
}

int yb_lb_lonely(const yb_lb_unit *u, guint s, guint e)
{
	guint chars = 0, marks = 0;
	for (guint i = s; i < e; i++) {
		if (u[i].cls == YB_CL_SPACE)
			continue;
		if (u[i].cls == YB_CL_HAN || u[i].cls == YB_CL_LATIN)
			chars++;
		else
			marks++;
	}
	return chars == 1 && marks <= 1;
}
