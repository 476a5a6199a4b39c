/* test_fonts: yearbook's font configuration, role resolution, stand-in notes,
 * coverage warnings and the user font folder, against the fonts installed. */
#include "diag.h"
#include "fonts.h"
#include "paths.h"
#include "t.h"
#include "capture.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

static int count_of(const char *haystack, const char *needle)
{
	int n = 0;
	for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static char *fonts_dir(void)
{
	return project_path("fonts");
}

static int family_installed(FcConfig *config, const char *family)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, (char *)NULL);
	FcFontSet *set = FcFontList(config, pat, os);
	int n = set ? set->nfont : 0;
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return n > 0;
}

/* Independently of the module: does any font of the configuration have c? */
static int any_font_has(FcConfig *config, FcChar32 c)
{
	FcFontSet *set = FcConfigGetFonts(config, FcSetSystem);
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch && FcCharSetHasChar(cs, c))
			return 1;
	}
	return 0;
}

/* The first code point from lo to hi that no font has, or 0. */
static FcChar32 find_uncovered(FcConfig *config, FcChar32 lo, FcChar32 hi)
{
	for (FcChar32 c = lo; c <= hi; c++)
		if (!any_font_has(config, c))
			return c;
	return 0;
}

static void test_notes(yb_fonts *f)
{
	yb_font_match m = { 0 }, song = { 0 };
	capture_begin();
	int rc = yb_fonts_resolve(f, "fangsong", "zh-cn", &m);
	yb_fonts_resolve(f, "fangsong", "zh-cn", &m);
	yb_fonts_resolve(f, "fangsong", NULL, &m);
	yb_fonts_resolve(f, "song", "zh-cn", &song);
	char *err = capture_end();
	T_INTEQ("resolve fangsong", rc, 0);
	if (!m.stand_in) {
		T_SKIP("stand-in note", "a FangSong font is installed, so nothing stands in");
		g_free(err);
		return;
	}
	T_INTEQ("stand-in note printed once", count_of(err, "note: "), 1);
	T_OK("stand-in note says who stands in",
	     count_of(err, "stands in for role 'fangsong'") == 1 && strstr(err, m.face) && strstr(err, "FangSong"),
	     "stderr: %s", err);
	T_OK("stand-in note says where to drop a font", strstr(err, "drop one into '") && strstr(err, "/fonts/user'"),
	     "stderr: %s", err);
	T_INTEQ("song is not a stand-in", song.stand_in, 0);
	T_STREQ("stand-in's preferred face", m.preferred, "FangSong");
	g_free(err);
}

static gpointer resolve_tc(gpointer data)
{
	yb_font_match m;
	yb_fonts_resolve(data, "fangsong", "zh-TW", &m);
	return NULL;
}

static void test_notes_threads(yb_fonts *f)
{
	GThread *threads[8];
	yb_font_match m;
	capture_begin();
	for (size_t i = 0; i < G_N_ELEMENTS(threads); i++)
		threads[i] = g_thread_new("resolve", resolve_tc, f);
	for (size_t i = 0; i < G_N_ELEMENTS(threads); i++)
		g_thread_join(threads[i]);
	yb_fonts_resolve(f, "fangsong", "zh-hk", &m);
	char *err = capture_end();
	if (!m.stand_in) {
		T_SKIP("stand-in note from threads", "a traditional FangSong font is installed");
	} else {
		T_INTEQ("stand-in note once from 8 threads", count_of(err, "stands in for role 'fangsong'"), 1);
		T_OK("traditional stand-in note names its script", strstr(err, "for zh-tw: ") != NULL, "stderr: %s", err);
	}
	g_free(err);
}

static void test_roles(yb_fonts *f)
{
	const char *const *roles = yb_fonts_roles();
	char *joined = g_strjoinv(",", (char **)roles);
	T_STREQ("roles", joined, "song,hei,kai,fangsong,latin");
	g_free(joined);
	for (size_t i = 0; roles[i]; i++) {
		for (int tc = 0; tc < 2; tc++) {
			char name[128];
			yb_font_match m = { 0 };
			const char *lang = tc ? "zh-tw" : "zh-cn";
			int rc = yb_fonts_resolve(f, roles[i], lang, &m);
			snprintf(name, sizeof name, "role %s %s resolves to an installed file", roles[i], lang);
			T_OK(name, rc == 0 && m.file && g_file_test(m.file, G_FILE_TEST_IS_REGULAR) && *m.face,
			     "rc %d, file %s", rc, m.file ? m.file : "(null)");
			snprintf(name, sizeof name, "role %s %s family", roles[i], lang);
			T_STREQ(name, m.family, yb_fonts_family(f, roles[i], yb_script_of(lang)));
		}
		T_OK("role known", yb_fonts_role_known(roles[i]), "%s", roles[i]);
	}
	T_STREQ("family song", yb_fonts_family(f, "song", yb_script_of(NULL)), "yearbook-song");
	T_STREQ("family song zh-tw", yb_fonts_family(f, "song", yb_script_of("zh-tw")), "yearbook-song-tc");
	T_STREQ("family kai zh-hk", yb_fonts_family(f, "kai", yb_script_of("zh-HK")), "yearbook-kai-tc");
	T_STREQ("family latin zh-tw (no traditional family)", yb_fonts_family(f, "latin", yb_script_of("zh-tw")), "yearbook-latin");

	yb_font_match m;
	capture_begin();
	int rc = yb_fonts_resolve(f, "xingkai", "zh-cn", &m);
	const char *fam = yb_fonts_family(f, "xingkai", YB_SCRIPT_SC);
	char *err = capture_end();
	T_INTEQ("unknown role: resolve fails", rc, -1);
	T_OK("unknown role: no family", fam == NULL, "got %s", fam);
	T_STREQ("unknown role: prints nothing", err, "");
	T_OK("unknown role: not known", !yb_fonts_role_known("xingkai") && !yb_fonts_role_known(NULL), "known");
	g_free(err);
}

static void expect_face(yb_fonts *f, const char *role, const char *lang, const char *face)
{
	char name[128];
	yb_font_match m = { 0 };
	snprintf(name, sizeof name, "%s %s is %s", role, lang, face);
	if (!family_installed(yb_fonts_config(f), face)) {
		T_SKIP(name, "that font is not installed (fonts-noto-cjk, then make for the TT copies)");
		return;
	}
	yb_fonts_resolve(f, role, lang, &m);
	T_STREQ(name, m.face, face);
	T_INTEQ(name, m.stand_in, 0);
}

static void test_coverage(yb_fonts *f)
{
	FcConfig *config = yb_fonts_config(f);
	FcChar32 pua = find_uncovered(config, 0xe000, 0xe0ff);
	FcChar32 rare = find_uncovered(config, 0x2b820, 0x2ceaf);
	if (!pua || !rare) {
		T_SKIP("coverage", "every candidate character is covered by some installed font");
		return;
	}
	char a[8] = { 0 }, b[8] = { 0 };
	g_unichar_to_utf8(pua, a);
	g_unichar_to_utf8(rare, b);
	char *text = g_strdup_printf("第一行，没有问题。\n第二行有%s字。\n第三行又有%s和%s。\r\n第四行", a, a, b);
	char want_a[128], want_b[128];
	snprintf(want_a, sizeof want_a, "report.txt:2: warning: no installed font has '%s' (U+%04X)", a, pua);
	snprintf(want_b, sizeof want_b, "report.txt:3: warning: no installed font has '%s' (U+%04X)", b, rare);

	int warnings = yb_diag_warning_count();
	capture_begin();
	long n = yb_fonts_check_coverage(f, "report.txt", text, strlen(text));
	char *err = capture_end();
	T_INTEQ("coverage: two missing characters", n, 2);
	T_OK("coverage: first missing character with file:line", strstr(err, want_a) != NULL, "stderr: %s", err);
	T_OK("coverage: second missing character with file:line", strstr(err, want_b) != NULL, "stderr: %s", err);
	T_INTEQ("coverage: one message per character", count_of(err, "warning: "), 2);
	T_OK("coverage: says what to do", strstr(err, "drop a font that has it into '") != NULL, "stderr: %s", err);
	T_INTEQ("coverage: counted as warnings", yb_diag_warning_count() - warnings, 2);
	g_free(err);
	g_free(text);

	const char *plain = "一、总体情况\n（一）依法行政。全区共办理行政复议案件1874件，同比增长99.75%，"
			    "“放管服”改革持续深化；《条例》——落实到位…… ABC abc 123\t,.;:()\r\n";
	capture_begin();
	n = yb_fonts_check_coverage(f, "plain.txt", plain, strlen(plain));
	err = capture_end();
	T_INTEQ("coverage: ordinary Chinese text", n, 0);
	T_STREQ("coverage: ordinary Chinese text prints nothing", err, "");
	g_free(err);
}

/* The real reports, and the speed over a million characters of them. */
static void test_coverage_corpus(yb_fonts *f)
{
	GDir *dir = g_dir_open("../shared/corpus", 0, NULL);
	if (!dir) {
		T_SKIP("coverage of the corpus", "../shared/corpus is missing");
		return;
	}
	GString *all = g_string_new(NULL);
	const char *name;
	long missing = 0;
	while ((name = g_dir_read_name(dir))) {
		char *path = g_build_filename("../shared/corpus", name, NULL), *text;
		gsize len;
		if (g_str_has_suffix(name, ".txt") && g_file_get_contents(path, &text, &len, NULL)) {
			missing += yb_fonts_check_coverage(f, path, text, len);
			g_string_append_len(all, text, len);
			g_free(text);
		}
		g_free(path);
	}
	g_dir_close(dir);
	T_INTEQ("coverage: the corpus has no missing characters", missing, 0);

	GString *big = g_string_new(NULL);
	while (g_utf8_strlen(big->str, big->len) < 1000000)
		g_string_append_len(big, all->str, all->len);
	gint64 t0 = g_get_monotonic_time();
	long n = yb_fonts_check_coverage(f, "big.txt", big->str, big->len);
	double ms = (g_get_monotonic_time() - t0) / 1000.0;
	char label[128];
	snprintf(label, sizeof label, "coverage: %ld characters in %.1f ms",
		 g_utf8_strlen(big->str, big->len), ms);
	T_OK(label, n == 0 && ms < 500, "%ld missing, %.1f ms", n, ms);
	g_string_free(big, TRUE);
	g_string_free(all, TRUE);
}

static void test_print(yb_fonts *f)
{
	char *path = NULL;
	int fd = g_file_open_tmp("yb-fonts-print-XXXXXX", &path, NULL);
	FILE *out = fdopen(fd, "w+");
	int rc = yb_fonts_print(f, out);
	fclose(out);
	char *text = NULL;
	g_file_get_contents(path, &text, NULL, NULL);
	g_unlink(path);
	g_free(path);
	T_INTEQ("print returns 0", rc, 0);
	T_OK("print names the configuration", strstr(text, "/fonts/yearbook.conf\n") != NULL, "%s", text);
	yb_font_match m;
	yb_fonts_resolve(f, "song", "zh-cn", &m);
	char line[512];
	snprintf(line, sizeof line, "%s, face %d\n", m.file, m.index);
	T_OK("print shows the song face and file", strstr(text, "song      zh-cn  yearbook-song") && strstr(text, line),
	     "%s", text);
	yb_fonts_resolve(f, "fangsong", "zh-cn", &m);
	char **lines = g_strsplit(text, "\n", -1);
	int standin_marked = -1;
	for (char **l = lines; *l; l++)
		if (g_str_has_prefix(*l, "fangsong  zh-cn"))
			standin_marked = strstr(*l, "(stand-in: no FangSong (仿宋) font is installed)") != NULL;
	T_INTEQ("print marks the fangsong stand-in", standin_marked, m.stand_in);
	T_INTEQ("print: 1 header + 5 simplified + 4 traditional roles", count_of(text, "\n"), 3 + 5 + 4);
	g_strfreev(lines);
	g_free(text);
}

static int copy_file(const char *from, const char *to)
{
	char *data;
	gsize len;
	int ok = g_file_get_contents(from, &data, &len, NULL) && g_file_set_contents(to, data, len, NULL);
	if (ok)
		g_free(data);
	return ok;
}

/* Folders below fonts_root down to file's folder, or 0 when file is elsewhere. */
static int depth_below(const char *file, const char *fonts_root)
{
	int depth = 0;
	if (!g_str_has_prefix(file, fonts_root))
		return 0;
	for (const char *p = file + strlen(fonts_root); *p; p++)
		depth += *p == '/';
	return depth;
}

/* A copy of fonts/ in a temporary folder, with a copy of the font serving
 * role latin dropped into user/.  Fontconfig scans folders breadth first, so
 * the copy goes as deep below user/ as the original is below the system's
 * folder: then only the order of <dir> in the configuration decides. */
static void test_user_dir(yb_fonts *f, const char *dir)
{
	yb_font_match latin;
	yb_fonts_resolve(f, "latin", NULL, &latin);
	char *tmp = g_dir_make_tmp("yb-fonts-XXXXXX", NULL);
	char *conf = g_build_filename(dir, "yearbook.conf", NULL);
	char *tconf = g_build_filename(tmp, "yearbook.conf", NULL);
	char *user = g_build_filename(tmp, "user", NULL);
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(dirs, g_strdup(user));
	for (int i = depth_below(latin.file, "/usr/share/fonts/"); i > 0; i--)
		g_ptr_array_add(dirs, g_build_filename(g_ptr_array_index(dirs, dirs->len - 1), "sub", NULL));
	const char *deepest = g_ptr_array_index(dirs, dirs->len - 1);
	char *base = g_path_get_basename(latin.file);
	char *font = g_build_filename(deepest, base, NULL);
	g_mkdir_with_parents(deepest, 0755);
	int copied = copy_file(conf, tconf) && copy_file(latin.file, font);
	T_OK("user font copied", copied, "%s -> %s", latin.file, font);

	yb_fonts *g = yb_fonts_load(tmp);
	T_OK("temp fonts folder loads", g != NULL, "%s", tmp);
	if (g) {
		yb_font_match m = { 0 };
		yb_fonts_resolve(g, "latin", NULL, &m);
		T_STREQ("a font in user/ takes precedence over the installed copy", m.file, font);
		T_STREQ("the user font's face", m.face, latin.face);
		for (guint i = 0; i < dirs->len; i++)
			FcDirCacheUnlink(g_ptr_array_index(dirs, i), yb_fonts_config(g));
		yb_fonts_free(g);
	}
	g_unlink(font);
	for (guint i = dirs->len; i-- > 0;)
		g_rmdir(g_ptr_array_index(dirs, i));
	g_unlink(tconf);
	g_rmdir(tmp);
	g_ptr_array_free(dirs, TRUE);
	g_free(font);
	g_free(base);
	g_free(user);
	g_free(tconf);
	g_free(conf);
	g_free(tmp);
}

static void write_conf(const char *dir, const char *text)
{
	char *path = g_build_filename(dir, "yearbook.conf", NULL);
	g_file_set_contents(path, text, -1, NULL);
	g_free(path);
}

static void expect_load_error(const char *name, const char *dir, const char *want)
{
	capture_begin();
	yb_fonts *g = yb_fonts_load(dir);
	char *err = capture_end();
	T_OK(name, g == NULL && strstr(err, want) != NULL, "want \"%s\" in: %s", want, err);
	yb_fonts_free(g);
	g_free(err);
}

static void test_load_errors(void)
{
	char *tmp = g_dir_make_tmp("yb-fonts-XXXXXX", NULL);
	char *path = g_build_filename(tmp, "yearbook.conf", NULL);
	char want[512];
	snprintf(want, sizeof want, "%s: error: font configuration not found", path);
	expect_load_error("load: missing configuration", tmp, want);
	write_conf(tmp, "<fontconfig><dir>/usr/share/fonts</dir>");
	snprintf(want, sizeof want, "%s: error: cannot read the font configuration", path);
	expect_load_error("load: broken configuration", tmp, want);
	write_conf(tmp, "<fontconfig><dir>/usr/share/fonts</dir><cachedir>/var/cache/fontconfig</cachedir></fontconfig>");
	expect_load_error("load: configuration without roles", tmp, "no <alias> with <prefer> faces for family 'yearbook-song'");
	write_conf(tmp, "<fontconfig><dir>/nonexistent/fonts</dir></fontconfig>");
	expect_load_error("load: configuration without fonts", tmp, "no usable fonts in the folders it names");
	g_unlink(path);
	g_rmdir(tmp);
	g_free(path);
	g_free(tmp);
}

/* The same choices under any locale: run this program again with LANG=C and
 * with a Japanese locale, and compare what it prints. */
static char *run_dump(const char *locale)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL), *out = NULL;
	char *argv[] = { exe, (char *)"--dump", NULL };
	char **env = g_get_environ();
	env = g_environ_setenv(env, "LANG", locale, TRUE);
	env = g_environ_setenv(env, "LC_ALL", locale, TRUE);
	env = g_environ_setenv(env, "LANGUAGE", locale, TRUE);
	env = g_environ_unsetenv(env, "FC_LANG");
	int status = -1;
	if (!g_spawn_sync(NULL, argv, env, 0, NULL, NULL, &out, NULL, &status, NULL) || status != 0) {
		g_free(out);
		out = NULL;
	}
	g_strfreev(env);
	g_free(exe);
	return out;
}

static void test_locale(void)
{
	char *c = run_dump("C"), *ja = run_dump("ja_JP.UTF-8");
	T_OK("dump under LANG=C", c && strstr(c, "yearbook-song"), "%s", c ? c : "(failed)");
	T_STREQ("same fonts under LANG=C and LANG=ja_JP.UTF-8", ja, c);
	g_free(c);
	g_free(ja);
}

static int dump(const char *dir)
{
	yb_fonts *f = yb_fonts_load(dir);
	if (!f)
		return 1;
	for (const char *const *r = yb_fonts_roles(); *r; r++)
		for (int tc = 0; tc < 2; tc++) {
			yb_font_match m;
			yb_fonts_resolve(f, *r, tc ? "zh-tw" : "zh-cn", &m);
			printf("%s %s %s %s:%d %s %s %d\n", m.role, m.lang, m.family, m.file, m.index, m.face, m.style,
			       m.stand_in);
		}
	yb_fonts_free(f);
	return 0;
}

int main(int argc, char **argv)
{
	char *dir = fonts_dir();
	if (argc > 1 && strcmp(argv[1], "--dump") == 0)
		return dump(dir);

	gint64 t0 = g_get_monotonic_time();
	yb_fonts *f = yb_fonts_load(dir);
	gint64 t1 = g_get_monotonic_time();
	T_OK("fonts/yearbook.conf loads", f != NULL, "%s", dir);
	if (!f)
		T_DONE();
	T_OK("private FcConfig", yb_fonts_config(f) != NULL, "no config");
	yb_fonts *again = yb_fonts_load(dir);
	gint64 t2 = g_get_monotonic_time();
	char label[128];
	snprintf(label, sizeof label, "second load uses the caches (first %.1f ms, second %.1f ms)",
		 (t1 - t0) / 1000.0, (t2 - t1) / 1000.0);
	T_OK(label, again && t2 - t1 < 200000, "took %.1f ms", (t2 - t1) / 1000.0);
	yb_fonts_free(again);

	test_notes(f);   /* first: the note is printed the first time only */
	test_notes_threads(f);
	test_roles(f);
	/* the TrueType copies that make puts in fonts/truetype/ come first */
	expect_face(f, "song", "zh-cn", "Noto Serif CJK SC TT");
	expect_face(f, "song", "zh-tw", "Noto Serif CJK TC TT");
	expect_face(f, "hei", "zh-cn", "Noto Sans CJK SC TT");
	test_coverage(f);
	test_coverage_corpus(f);
	test_print(f);
	test_user_dir(f, dir);
	test_load_errors();
	test_locale();
	yb_fonts_free(f);
	g_free(dir);
	T_DONE();
}
