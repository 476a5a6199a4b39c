/* test_style: the shipped styles and their numbers, units, inheritance, and
 * the warnings and errors for bad style files. */
#include "diag.h"
#include "style.h"

#include "capture.h"
#include "t.h"

#include <math.h>
#include <stdlib.h>

#define MM(x) ((x) * 72.0 / 25.4)

static char *styles_dir;   /* the project's styles/ */
static char *tmp;          /* test inputs */

static int near(double a, double b, double tol)
{
	return fabs(a - b) <= tol;
}

/* styles/ beside build/ (the test binary is build/tests/test_style). */
static char *find_styles(void)
{
	return project_path("styles");
}

/* Loads `text` written to tmp/name; *err gets stderr. */
static yb_style *load_text(const char *name, const char *text, char **err)
{
	char *path = write_file(tmp, name, text);
	capture_begin();
	yb_style *s = yb_style_load(path, styles_dir);
	*err = capture_end();
	g_free(path);
	return s;
}

/* Every shipped style loads without a word and keeps the grid whole. */
static void test_shipped(void)
{
	GDir *d = g_dir_open(styles_dir, 0, NULL);
	int n = 0;
	for (const char *f; d && (f = g_dir_read_name(d));) {
		if (!g_str_has_suffix(f, ".ini"))
			continue;
		char *name = g_strndup(f, strlen(f) - 4), *t;
		int warnings = yb_diag_warning_count(), errors = yb_diag_error_count();
		capture_begin();
		yb_style *s = yb_style_load(name, styles_dir);
		char *err = capture_end();
		t = g_strdup_printf("shipped %s loads", name);
		T_OK(t, s != NULL, "stderr: %s", err);
		g_free(t);
		t = g_strdup_printf("shipped %s is silent", name);
		T_OK(t, *err == '\0' && yb_diag_warning_count() == warnings && yb_diag_error_count() == errors,
		     "stderr: %s", err);
		g_free(t);
		if (s) {
			double chars = yb_style_text_width(s) / s->body.size;
			t = g_strdup_printf("shipped %s: whole characters per line", name);
			T_OK(t, near(chars, round(chars), 1e-9) && yb_style_chars_per_line(s) == (int)round(chars),
			     "%.6f characters", chars);
			g_free(t);
			int lines = yb_style_lines_per_page(s);
			t = g_strdup_printf("shipped %s: lines fill the type area", name);
			T_OK(t, near((lines - 1) * s->body.pitch + s->body.size, yb_style_text_height(s), 1e-6),
			     "%d lines of pitch %.3f in %.3f pt", lines, s->body.pitch, yb_style_text_height(s));
			g_free(t);
			t = g_strdup_printf("shipped %s: name", name);
			T_STREQ(t, s->name, name);
			g_free(t);
		}
		yb_style_free(s);
		g_free(err);
		g_free(name);
		n++;
	}
	if (d)
		g_dir_close(d);
	T_OK("four styles ship", n == 4, "found %d in %s", n, styles_dir);
}

static void test_gb9704(void)
{
	yb_style *s = yb_style_load("gb9704", styles_dir);
	T_OK("gb9704 loads", s != NULL, "NULL");
	if (!s)
		return;
	T_OK("gb9704 page", near(s->page_width, 595.28, 0.01) && near(s->page_height, 841.89, 0.01),
	     "%.2f x %.2f", s->page_width, s->page_height);
	T_OK("gb9704 type area 156 x 225 mm", near(yb_style_text_width(s), MM(156), 1e-9) &&
	     near(yb_style_text_height(s), MM(225), 1e-9), "%.4f x %.4f mm",
	     yb_style_text_width(s) * 25.4 / 72, yb_style_text_height(s) * 25.4 / 72);
	T_OK("gb9704 margins 37 top, 28 binding", near(s->margin_top, MM(37), 1e-9) &&
	     near(s->margin_inner, MM(28), 1e-9) && near(s->margin_outer, MM(26), 1e-9) &&
	     near(s->margin_bottom, MM(35), 1e-9), "top %.2f inner %.2f", s->margin_top, s->margin_inner);
	T_OK("gb9704 28 characters exactly", near(yb_style_text_width(s) / s->body.size, 28, 1e-9),
	     "%.9f", yb_style_text_width(s) / s->body.size);
	T_INTEQ("gb9704 chars per line", yb_style_chars_per_line(s), 28);
	T_INTEQ("gb9704 lines per page", yb_style_lines_per_page(s), 22);
	T_OK("gb9704 body 三号 (15.75-16 pt)", s->body.size >= 15.75 && s->body.size <= 16, "%.3f", s->body.size);
	T_OK("gb9704 pitch about 29.6 pt", near(s->body.pitch, 29.6, 0.05), "%.3f", s->body.pitch);
	T_STREQ("gb9704 body fangsong", s->body.role, "fangsong");
	T_STREQ("gb9704 heading1 hei", s->heading[0].role, "hei");
	T_STREQ("gb9704 heading2 kai", s->heading[1].role, "kai");
	T_STREQ("gb9704 heading3 fangsong", s->heading[2].role, "fangsong");
	T_OK("gb9704 headings 三号 like the body", s->heading[0].size == s->body.size &&
	     s->heading[3].size == s->body.size, "%.2f", s->heading[0].size);
	T_OK("gb9704 title 二号 bold centred", s->title.size == 22 && s->title.bold &&
	     s->title.align == YB_ALIGN_CENTER, "%.1f %d %d", s->title.size, s->title.bold, s->title.align);
	T_STREQ("gb9704 folio format", s->folio_format, "— %d —");
	T_OK("gb9704 folio 7 mm below, 四号, outside, 1 字 in", near(s->folio_offset, MM(7), 1e-9) &&
	     s->folio.size == 14 && s->folio_position == YB_FOLIO_OUTSIDE &&
	     near(s->folio_inset, s->body.size, 1e-9), "offset %.3f size %.1f", s->folio_offset, s->folio.size);
	T_OK("gb9704 two-sided, no running heads, no odd opening", s->two_sided && !s->running_heads &&
	     !s->open_odd, "%d %d %d", s->two_sided, s->running_heads, s->open_odd);
	yb_style_free(s);
}

static void test_yearbook_and_screen(void)
{
	yb_style *y = yb_style_load("yearbook", styles_dir);
	yb_style *s = yb_style_load("screen", styles_dir);
	T_OK("yearbook and screen load", y && s, "NULL");
	if (y) {
		T_OK("yearbook 16开", near(y->page_width, MM(185), 1e-9) && near(y->page_height, MM(260), 1e-9),
		     "%.2f x %.2f", y->page_width, y->page_height);
		T_OK("yearbook mirrored margins", y->two_sided && y->margin_inner > y->margin_outer,
		     "inner %.2f outer %.2f", y->margin_inner, y->margin_outer);
		T_OK("yearbook opens odd with running heads", y->open_odd && y->running_heads, "%d %d",
		     y->open_odd, y->running_heads);
		T_OK("yearbook song 五号, pitch 1.6-1.7", !strcmp(y->body.role, "song") && y->body.size == 10.5 &&
		     y->body.pitch >= 1.6 * 10.5 && y->body.pitch <= 1.7 * 10.5, "%.2f", y->body.pitch);
		T_OK("yearbook folio at the foot, outside", y->folio_position == YB_FOLIO_OUTSIDE &&
		     y->folio_offset > 0 && y->folio_offset < y->margin_bottom, "%.2f", y->folio_offset);
		T_OK("running head keeps the body's leading", near(y->running_head.pitch,
		     y->running_head.size * y->body.pitch / y->body.size, 1e-9), "%.3f", y->running_head.pitch);
		T_OK("press defaults: 3 mm bleed, crop marks, FOGRA39, 0.094 mm paper, no signature",
		     near(y->bleed, MM(3), 1e-9) && y->crop_marks && !y->slug && y->mark_offset >= y->bleed &&
		     !strcmp(y->output_condition, "FOGRA39") && near(y->paper_caliper, MM(0.094), 1e-9) &&
		     y->signature == 1, "bleed %.2f caliper %.4f signature %d", y->bleed, y->paper_caliper, y->signature);
		T_OK("cover colours: black ink on white, in CMYK and sRGB", y->cover_ink.cmyk[3] == 1 &&
		     y->cover_ink.cmyk[0] == 0 && y->cover_paper.rgb[0] == 1 && y->cover_ink.rgb[2] == 0, "k %.2f",
		     y->cover_ink.cmyk[3]);
	}
	if (s) {
		T_OK("screen A5", near(s->page_width, MM(148), 1e-9) && near(s->page_height, MM(210), 1e-9),
		     "%.2f x %.2f", s->page_width, s->page_height);
		T_OK("screen single-sided, equal margins, no blank pages", !s->two_sided && !s->open_odd &&
		     near(s->margin_inner, s->margin_outer, 1e-9), "%d %d", s->two_sided, s->open_odd);
		T_OK("screen larger leading", near(s->body.pitch / s->body.size, 1.8, 1e-9) &&
		     (!y || s->body.pitch / s->body.size > y->body.pitch / y->body.size), "%.2f",
		     s->body.pitch / s->body.size);
	}
	yb_style_free(y);
	yb_style_free(s);
}

static void test_units(void)
{
	char *err;
	yb_style *s = load_text("units.ini",
		"[style]\ninherit = yearbook\n"
		"[page]\nmargin-top = 20mm\nmargin-inner = 30mm\nmargin-outer = 185mm - 30mm - 36字\n"
		"[body]\nsize = 小四\npitch = 1.5em\nindent = 2字\n"
		"[title]\nsize = 20pt\nbefore = 2行\npitch = 1.25em\n"
		"[folio]\noffset = 0.5 * (10pt + 4pt)\n", &err);
	T_OK("units: loads", s != NULL, "stderr: %s", err);
	if (s) {
		T_OK("units: mm", near(s->margin_top, 20 * 72 / 25.4, 1e-9), "%.4f", s->margin_top);
		T_OK("units: size name", s->body.size == 12, "%.2f", s->body.size);
		T_OK("units: em of its own face", s->body.pitch == 18 && s->title.pitch == 25,
		     "%.2f %.2f", s->body.pitch, s->title.pitch);
		T_OK("units: 字 is the body size", s->indent == 24, "%.2f", s->indent);
		T_OK("units: 行 is the body pitch", s->title.before == 36, "%.2f", s->title.before);
		T_OK("units: expression", near(s->folio_offset, 7, 1e-9), "%.4f", s->folio_offset);
		T_INTEQ("units: 字 in a margin follows the body size", yb_style_chars_per_line(s), 36);
		T_OK("units: heading in 1字 follows the body size", s->heading[0].size == 12, "%.2f",
		     s->heading[0].size);
	}
	yb_style_free(s);
	g_free(err);

	static const struct { const char *name; double pt; } sizes[] = {
		{ "初号", 42 }, { "小初", 36 }, { "一号", 26 }, { "小一", 24 }, { "二号", 22 }, { "小二", 18 },
		{ "三号", 16 }, { "小三", 15 }, { "四号", 14 }, { "小四", 12 }, { "五号", 10.5 }, { "小五", 9 },
		{ "六号", 7.5 }, { "小六", 6.5 }, { "七号", 5.5 }, { "八号", 5 },
	};
	int right = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(sizes); i++) {
		char *text = g_strdup_printf("[style]\ninherit = yearbook\n[title]\nsize = %s\n", sizes[i].name);
		s = load_text("size.ini", text, &err);
		right += s && s->title.size == sizes[i].pt;
		if (!s || s->title.size != sizes[i].pt)
			printf("# %s: %s\n", sizes[i].name, err);
		yb_style_free(s);
		g_free(err);
		g_free(text);
	}
	T_INTEQ("units: all 16 size names", right, 16);
}

static void test_inherit(void)
{
	char *err;
	yb_style *y = yb_style_load("yearbook", styles_dir);
	yb_style *s = load_text("child.ini", "[style]\ninherit = yearbook\n\n[body]\nsize = 小四\n", &err);
	T_OK("inherit: loads silently", s && !*err, "stderr: %s", err);
	if (s && y) {
		T_OK("inherit: the key overridden", s->body.size == 12 && y->body.size == 10.5, "%.2f", s->body.size);
		T_OK("inherit: the others kept", s->page_width == y->page_width && s->body.pitch == y->body.pitch &&
		     !strcmp(s->folio_format, y->folio_format) && s->running_heads == y->running_heads &&
		     !strcmp(s->title.role, y->title.role), "differs");
		T_STREQ("inherit: name from the file", s->name, "child");
	}
	yb_style_free(s);
	yb_style_free(y);
	g_free(err);

	/* a chain through a path, and a file without `inherit` takes base */
	char *mid = write_file(tmp, "mid.ini", "[style]\ninherit = screen\n[folio]\nformat = p. %d\n");
	s = load_text("leaf.ini", "[style]\nname = leaf\ninherit = mid.ini\n[body]\nindent = 0mm\n", &err);
	T_OK("inherit: chain of three", s && !strcmp(s->folio_format, "p. %d") && s->indent == 0 &&
	     !s->two_sided && !strcmp(s->name, "leaf"), "stderr: %s", err);
	yb_style_free(s);
	g_free(err);
	s = load_text("alone.ini", "[body]\nsize = 五号\n", &err);
	T_OK("inherit: base by default", s && s->body.size == 10.5 && s->page_width > 595 &&
	     !strcmp(s->name, "alone"), "stderr: %s", err);
	yb_style_free(s);
	g_free(err);
	g_free(mid);
}

/* Loading `text` fails and prints `want` (a substring). */
static void expect_error(const char *name, const char *text, const char *want)
{
	char *err;
	yb_style *s = load_text("bad.ini", text, &err);
	T_OK(name, !s && strstr(err, want), "got style %p, stderr: %s", (void *)s, err);
	yb_style_free(s);
	g_free(err);
}

static void test_diagnostics(void)
{
	char *err;
	char *path = g_build_filename(tmp, "typo.ini", NULL);
	yb_style *s = load_text("typo.ini", "# a typo\n[style]\ninherit = yearbook\n\n[body]\nsise = 12pt\n"
				"[heading5]\nsize = 1字\n", &err);
	char *want = g_strdup_printf("%s:6: warning: unknown key 'sise' in [body]; did you mean 'size'?", path);
	T_OK("unknown key: warning with file, line and nearest key", s && strstr(err, want), "stderr: %s", err);
	g_free(want);
	want = g_strdup_printf("%s:7: warning: unknown group '[heading5]' (its keys are ignored); did you mean 'heading1'?", path);
	T_OK("unknown group: warning with line", strstr(err, want), "stderr: %s", err);
	g_free(want);
	yb_style_free(s);
	g_free(err);
	g_free(path);

	path = g_build_filename(tmp, "bad.ini", NULL);
	want = g_strdup_printf("%s:4: error: [body] size: '12 pounds' is not a length (unknown unit 'pounds')",
			       path);
	expect_error("12 pounds: error with line", "[style]\ninherit = yearbook\n[body]\nsize = 12 pounds\n", want);
	g_free(want);
	want = g_strdup_printf("%s:3: error: [page] margin-inner: '300mm' leaves no type area", path);
	expect_error("margin wider than the page", "[style]\n[page]\nmargin-inner = 300mm\n", want);
	g_free(want);
	g_free(path);
	expect_error("margins taller than the page", "[page]\nmargin-top = 150mm\nmargin-bottom = 150mm\n",
		     "leaves no type area");
	expect_error("negative length", "[title]\nbefore = -3mm\n", "'-3mm' is negative");
	expect_error("number without unit", "[title]\nbefore = 3\n", "a number needs a unit");
	expect_error("em outside a face", "[page]\nmargin-top = 2em\n", "em has no face to measure in [page]");
	expect_error("size in its own em", "[body]\nsize = 2em\n", "[body] size: '2em' depends on itself");
	expect_error("unknown enum word", "[title]\nalign = middle\n",
		     "'middle' is not allowed here; use one of: left, indent, center, right");
	expect_error("bad boolean", "[page]\ntwo-sided = yes\n", "use one of: true, false");
	expect_error("folio without %d", "[folio]\nformat = page\n", "exactly one %d");
	expect_error("folio with two %d", "[folio]\nformat = %d/%d\n", "is not a page number format");
	expect_error("folio with %s", "[folio]\nformat = %s %d\n", "is not a page number format");
	expect_error("folio below the paper", "[folio]\noffset = 100mm\n", "off the paper");
	expect_error("bad role", "[body]\nfont = Noto Serif\n", "is not a font role");
	expect_error("signature of 6 pages", "[page]\nsignature = 6\n", "is not a signature; use 1 (none), 2, "
	             "or a multiple of 4");
	expect_error("signature of 128 pages", "[page]\nsignature = 128\n", "is not a signature");
	expect_error("CMYK of three inks", "[cover]\nink-cmyk = 0 0 100\n", "is not a CMYK colour; give four");
	expect_error("CMYK over 100 %", "[cover]\npaper-cmyk = 0 0 0 120\n", "is not a CMYK colour");
	expect_error("sRGB by name", "[cover]\npaper-rgb = red\n", "is not an sRGB colour; use #rrggbb");
	expect_error("crop marks in the bleed", "[press]\nbleed = 5mm\n", "puts the crop marks inside the bleed");
	expect_error("no printing condition", "[press]\noutput-condition =\n", "names no printing condition");
	yb_style *c = load_text("red.ini", "[cover]\npaper-cmyk = 0 100 100 30%\npaper-rgb = #B01C1C\n"
	                        "[page]\nsignature = 16\n", &err);
	T_OK("CMYK in per cent, sRGB in hex, signature 16", c && near(c->cover_paper.cmyk[1], 1, 1e-9) &&
	     near(c->cover_paper.cmyk[3], 0.3, 1e-9) && near(c->cover_paper.rgb[0], 176 / 255.0, 1e-9) &&
	     c->signature == 16, "stderr: %s", err);
	yb_style_free(c);
	g_free(err);
	expect_error("body wider than the line",
		     "[page]\nmargin-outer = 20mm\nmargin-bottom = 20mm\n[body]\nsize = 200mm\n", "wider than the type area");
	/* an indent wider than the line set the paragraph off the page, with exit 0 */
	expect_error("indent wider than the line", "[body]\nindent = 1000字\n",
		     "[body] indent: '1000字' leaves less than half the line");
	expect_error("a hexadecimal number", "[page]\nwidth = 0x10mm\n", "'0x10' is not a decimal number");
	expect_error("indent over half the line", "[body]\nindent = 21字\n", "leaves less than half the line");
	expect_error("not INI", "[body]\nsize 12pt\n", ":2: error: not a valid INI file");
	expect_error("not UTF-8", "[contents]\ntitle = \xc4\xbf\xc2\xbc\xff\n", ":2: error: not UTF-8");
	expect_error("missing style", "[style]\ninherit = nosuch\n", "style 'nosuch' not found");
	expect_error("missing style lists the styles", "[style]\ninherit = nosuch\n", "gb9704, screen, yearbook");
	expect_error("missing parent file", "[style]\ninherit = ./nosuch.ini\n", "nosuch.ini' not found");

	capture_begin();
	s = yb_style_load("nosuch", styles_dir);
	err = capture_end();
	T_OK("missing style by name", !s && strstr(err, "error: style 'nosuch' not found") &&
	     strstr(err, "yearbook"), "stderr: %s", err);
	g_free(err);

	g_free(write_file(tmp, "a.ini", "[style]\ninherit = b.ini\n"));
	g_free(write_file(tmp, "b.ini", "[style]\ninherit = a.ini\n"));
	expect_error("inherit cycle", "[style]\ninherit = a.ini\n", "b.ini:2: error: styles inherit each other "
		     "in a cycle");
	expect_error("inherit itself", "[style]\ninherit = bad.ini\n", "cycle");

	s = load_text("ragged.ini", "[page]\nmargin-outer = 20mm\n", &err);
	T_OK("ragged line width warns", s && strstr(err, "warning: [body] size: the type area is"),
	     "stderr: %s", err);
	yb_style_free(s);
	g_free(err);
}

/* Limits: nesting that would exhaust the stack, pages no PDF can hold, type
 * too small to read (the contents' leader dots would fill memory). */
static void test_limits(void)
{
	GString *deep = g_string_new("[style]\nname = deep\ninherit = yearbook\n[page]\nmargin-top = ");
	for (int i = 0; i < 100000; i++)
		g_string_append_c(deep, '(');
	g_string_append(deep, "20mm");
	for (int i = 0; i < 100000; i++)
		g_string_append_c(deep, ')');
	g_string_append_c(deep, '\n');
	expect_error("100,000 brackets: refused, not a crash", deep->str, "nested more than 32 deep");
	g_string_free(deep, TRUE);
	GString *neg = g_string_new("[style]\nname = neg\ninherit = yearbook\n[page]\nmargin-top = ");
	for (int i = 0; i < 100000; i++)
		g_string_append_c(neg, '-');
	g_string_append(neg, "20mm\n");
	expect_error("100,000 minus signs: refused", neg->str, "nested more than 32 deep");
	g_string_free(neg, TRUE);
	expect_error("30 brackets still fine, then a page too wide", "[style]\nname = w\ninherit = yearbook\n[page]\n"
	             "width = ((((((((((((((((((((((((((((((1e7mm))))))))))))))))))))))))))))))\n",
	             "longer than the largest PDF page");
	expect_error("a page 201 in high", "[style]\nname = h\ninherit = yearbook\n[page]\nheight = 5106mm\n",
	             "5106 mm, longer than the largest PDF page");
	expect_error("a 0.01 pt contents face", "[style]\nname = t\ninherit = yearbook\n[contents]\nlevel1-size = 0.01pt\n",
	             "a type size under 1 pt");
}

int main(void)
{
	styles_dir = find_styles();
	if (!g_file_test(styles_dir, G_FILE_TEST_IS_DIR)) {
		T_SKIP("styles", "no styles/ beside build/");
		T_DONE();
	}
	tmp = g_dir_make_tmp("yb-style-XXXXXX", NULL);
	test_shipped();
	test_gb9704();
	test_yearbook_and_screen();
	test_units();
	test_inherit();
	test_diagnostics();
	test_limits();
	remove_tree(tmp);
	T_DONE();
}
