/* fonts: yearbook's fontconfig configuration and its font roles.
 *
 * Design note.  Everything a user may change lives in fonts/yearbook.conf;
 * this file only reads what the configuration says:
 *
 * - A role's family ("yearbook-fangsong") is an <alias>.  Its <prefer>
 *   families are the role's own faces and its <accept> families stand in.
 *   After FcConfigSubstitute, prefer-ed names sit BEFORE the role's own name
 *   in the family list and accept-ed ones after it; that is how the role's
 *   preferred faces are told from stand-ins without parsing the XML.
 * - Which face serves a role is found as Pango 1.50 finds it: sort all fonts
 *   for the pattern and take the first one HarfBuzz can shape (TrueType or
 *   CFF outlines).  All roles and both scripts are resolved once, at load.
 * - Pango falls back, character by character, through every usable font
 *   of the configuration, whatever the role.  So a character is missing from
 *   the book exactly when no usable font has it: the union of their
 *   coverage is flattened, at load, into one bit per code point, and the
 *   check of a report is one bit test per character.
 */
#include "fonts.h"

#include "diag.h"
#include "script.h"

#include <errno.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const role_names[] = { "song", "hei", "kai", "fangsong", "latin", NULL };
/* What to call a role's kind of face in a note. */
static const char *const role_kinds[] = { "Song (宋体)", "Hei (黑体)", "Kai (楷体)", "FangSong (仿宋)", "Latin" };
#define YB_NROLE (G_N_ELEMENTS(role_names) - 1)

static const char *const script_suffixes[YB_NSCRIPT] = { "", "-tc" };

#define YB_UNICODE_SIZE 0x110000

struct yb_fonts {
	FcConfig *config;
	char *conf_path;
	char *user_dir;                 /* the font folder next to the conf, or NULL */
	char *add_dir;                  /* where the user adds fonts: user_dir, or the one in the home */
	GStringChunk *strings;          /* every string handed out */
	yb_font_match match[YB_NROLE][YB_NSCRIPT];
	guint32 *covered;               /* YB_UNICODE_SIZE bits: some font has it */
};

/* Stand-in notes already printed, per process. */
static gint noted[YB_NROLE][YB_NSCRIPT];

const char *const *yb_fonts_roles(void)
{
	return role_names;
}

static int role_index(const char *role)
{
	for (size_t i = 0; role && i < YB_NROLE; i++)
		if (strcmp(role, role_names[i]) == 0)
			return (int)i;
	return -1;
}

int yb_fonts_role_known(const char *role)
{
	return role_index(role) >= 0;
}

/* Only fonts HarfBuzz can shape, as Pango 1.50 decides: TrueType or CFF
 * outlines, and no WOFF (it loads but gives no glyphs). */
static int usable(FcPattern *font)
{
	FcChar8 *format, *file;
	if (FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
	    (g_str_has_suffix((const char *)file, ".woff") || g_str_has_suffix((const char *)file, ".woff2")))
		return 0;
	if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch)
		return 0;
	return g_ascii_strcasecmp((const char *)format, "TrueType") == 0 ||
	       g_ascii_strcasecmp((const char *)format, "CFF") == 0;
}

/* Family names compare as fontconfig compares them: ignoring case and blanks. */
static int same_family(const FcChar8 *a, const FcChar8 *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (g_ascii_tolower(*a) != g_ascii_tolower(*b))
			return 0;
		if (!*a)
			return 1;
	}
}

/* The pattern Pango would build for family and lang, after substitution. */
static FcPattern *role_pattern(FcConfig *config, const char *family, const char *lang)
{
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
	FcConfigSubstitute(config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	return pat;
}

/* The number of families listed before family itself: its preferred faces. */
static int count_preferred(FcPattern *pat, const char *family)
{
	FcChar8 *name;
	for (int i = 0; FcPatternGetString(pat, FC_FAMILY, i, &name) == FcResultMatch; i++)
		if (same_family(name, (const FcChar8 *)family))
			return i;
	return 0;
}

static int is_preferred(FcPattern *pat, int npreferred, FcPattern *font)
{
	FcChar8 *want, *have;
	for (int i = 0; i < npreferred; i++) {
		FcPatternGetString(pat, FC_FAMILY, i, &want);
		for (int j = 0; FcPatternGetString(font, FC_FAMILY, j, &have) == FcResultMatch; j++)
			if (same_family(want, have))
				return 1;
	}
	return 0;
}

static FcPattern *first_usable(FcFontSet *set)
{
	for (int i = 0; set && i < set->nfont; i++)
		if (usable(set->fonts[i]))
			return set->fonts[i];
	return NULL;
}

static const char *pattern_string(yb_fonts *f, FcPattern *pat, const char *object)
{
	FcChar8 *s;
	if (FcPatternGetString(pat, object, 0, &s) != FcResultMatch)
		return "";
	return g_string_chunk_insert_const(f->strings, (const char *)s);
}

/* Resolves role r for script s; -1 when the configuration lacks its family. */
static int resolve_one(yb_fonts *f, int r, int s)
{
	yb_font_match *m = &f->match[r][s];
	char *family = g_strconcat("yearbook-", role_names[r], script_suffixes[s], NULL);
	FcPattern *pat = role_pattern(f->config, family, yb_script_tag(s));
	int npreferred = count_preferred(pat, family);
	FcResult res;
	FcFontSet *sorted = npreferred ? FcFontSort(f->config, pat, FcFalse, NULL, &res) : NULL;
	FcPattern *font = first_usable(sorted);
	if (font) {
		FcChar8 *preferred;
		FcPatternGetString(pat, FC_FAMILY, 0, &preferred);
		m->role = role_names[r];
		m->lang = yb_script_tag(s);
		m->family = g_string_chunk_insert_const(f->strings, family);
		m->file = pattern_string(f, font, FC_FILE);
		if (FcPatternGetInteger(font, FC_INDEX, 0, &m->index) != FcResultMatch)
			m->index = 0;
		m->index &= 0xffff;  /* the high bits name a variable font's instance */
		m->face = pattern_string(f, font, FC_FAMILY);
		m->style = pattern_string(f, font, FC_STYLE);
		m->preferred = g_string_chunk_insert_const(f->strings, (const char *)preferred);
		m->stand_in = !is_preferred(pat, npreferred, font);
	}
	if (sorted)
		FcFontSetDestroy(sorted);
	FcPatternDestroy(pat);
	g_free(family);
	return font ? 0 : -1;
}

static int resolve_all(yb_fonts *f)
{
	for (size_t r = 0; r < YB_NROLE; r++) {
		if (resolve_one(f, (int)r, YB_SCRIPT_SC) < 0) {
			yb_diag_error(f->conf_path, 0, "no <alias> with <prefer> faces for family 'yearbook-%s' "
				      "(role '%s'): restore it from yearbook's fonts/yearbook.conf",
				      role_names[r], role_names[r]);
			return -1;
		}
		/* A role without a traditional family uses its simplified one. */
		if (resolve_one(f, (int)r, YB_SCRIPT_TC) < 0)
			f->match[r][YB_SCRIPT_TC] = f->match[r][YB_SCRIPT_SC];
	}
	return 0;
}

static void cover_charset(guint32 *bits, const FcCharSet *cs)
{
	FcChar32 map[FC_CHARSET_MAP_SIZE], next;
	for (FcChar32 base = FcCharSetFirstPage(cs, map, &next); base != FC_CHARSET_DONE;
	     base = FcCharSetNextPage(cs, map, &next)) {
		if (base >= YB_UNICODE_SIZE)
			break;
		for (int i = 0; i < FC_CHARSET_MAP_SIZE; i++)
			bits[base / 32 + i] |= map[i];
	}
}

/* Flattens the coverage of every usable font; returns how many there are. */
static int build_coverage(yb_fonts *f)
{
	static const FcSetName sets[] = { FcSetSystem, FcSetApplication };
	int n = 0;
	f->covered = g_new0(guint32, YB_UNICODE_SIZE / 32);
	for (size_t s = 0; s < G_N_ELEMENTS(sets); s++) {
		FcFontSet *fs = FcConfigGetFonts(f->config, sets[s]);
		for (int i = 0; fs && i < fs->nfont; i++) {
			FcCharSet *cs;
			if (!usable(fs->fonts[i]) ||
			    FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch)
				continue;
			cover_charset(f->covered, cs);
			n++;
		}
	}
	return n;
}

/* The folder of user fonts the configuration names next to itself. */
static char *find_user_dir(FcConfig *config, const char *fonts_dir)
{
	char *found = NULL;
	FcStrList *dirs = FcConfigGetFontDirs(config);
	const FcChar8 *dir;
	while (!found && (dir = FcStrListNext(dirs)))
		if (g_str_has_prefix((const char *)dir, fonts_dir))
			found = g_strdup((const char *)dir);
	FcStrListDone(dirs);
	return found;
}

/* Where a user adds fonts: the folder next to the configuration when it
 * may be written (a checkout, a prefix of one's own), else the one in the
 * home that the configuration also names (an installed yearbook's data
 * folder belongs to root).  NULL when there is neither. */
static char *find_add_dir(FcConfig *config, const char *user_dir)
{
	if (user_dir && access(user_dir, W_OK) == 0)
		return g_strdup(user_dir);
	char *home = g_strconcat(g_get_home_dir(), "/", NULL);
	char *found = NULL;
	FcStrList *dirs = FcConfigGetFontDirs(config);
	const FcChar8 *dir;
	while (!found && strcmp(home, "//") && (dir = FcStrListNext(dirs)))
		if (g_str_has_prefix((const char *)dir, home))
			found = g_strdup((const char *)dir);
	FcStrListDone(dirs);
	g_free(home);
	return found ? found : g_strdup(user_dir);
}

static int parse_config(FcConfig *config, const char *conf_path)
{
	if (!g_file_test(conf_path, G_FILE_TEST_IS_REGULAR)) {
		yb_diag_error(conf_path, 0, "font configuration not found: set YEARBOOK_DATADIR to "
			      "yearbook's data folder or reinstall yearbook");
		return -1;
	}
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf_path, FcTrue)) {
		yb_diag_error(conf_path, 0, "cannot read the font configuration: fix it as fontconfig says above");
		return -1;
	}
	return 0;
}

/* conf_path, then extra (another file read into the same configuration) when not NULL. */
static const char *special_kind(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return NULL;
	return S_ISFIFO(st.st_mode) ? "a pipe" : S_ISSOCK(st.st_mode) ? "a socket" : "a device";
}

/* A pipe, socket or device in a user font folder (a link to /dev/zero named
 * x.ttf, say) would hang fontconfig's scan, which opens every file and which
 * no configuration can stop: each is an error before the scan.  0 or -1. */
static int refuse_special_files(FcConfig *config, const char *fonts_dir)
{
	char *dirs[2];
	dirs[0] = find_user_dir(config, fonts_dir);
	dirs[1] = find_add_dir(config, dirs[0]);
	int rc = 0;
	for (int k = 0; k < 2; k++) {
		GDir *d = dirs[k] && (k == 0 || !dirs[0] || strcmp(dirs[0], dirs[1])) ? g_dir_open(dirs[k], 0, NULL) : NULL;
		for (const char *name; d && (name = g_dir_read_name(d));) {
			char *path = g_build_filename(dirs[k], name, NULL);
			const char *kind = special_kind(path);
			if (kind)
				rc = yb_diag_error(path, 0, "'%s' is %s, not a font file, and would stop the font scan; "
				                   "remove it from '%s'", name, kind, dirs[k]);
			g_free(path);
		}
		if (d)
			g_dir_close(d);
	}
	g_free(dirs[0]);
	g_free(dirs[1]);
	return rc;
}

static FcConfig *load_config(const char *conf_path, const char *extra, const char *fonts_dir)
{
	FcConfig *config = FcConfigCreate();
	if (!config) {
		yb_diag_syserr("cannot create a fontconfig configuration: out of memory");
		return NULL;
	}
	if (parse_config(config, conf_path) != 0 || (extra && parse_config(config, extra) != 0) ||
	    refuse_special_files(config, fonts_dir) != 0) {
		FcConfigDestroy(config);
		return NULL;
	}
	if (!FcConfigBuildFonts(config) || !FcConfigSetCurrent(config)) {
		yb_diag_syserr("cannot load the fonts named by '%s': out of memory", conf_path);
		FcConfigDestroy(config);
		return NULL;
	}
	return config;
}

/* ---- user fonts ---------------------------------------------------------- */

/* Whether the face draws the first characters its charset claims: a font
 * whose names read fine but whose outlines are cut short would otherwise
 * draw blanks wherever its family is asked for. */
static const char *face_problem(FT_Library ft, const char *file, int index, FcCharSet *cs)
{
	FT_Face face;
	if (FT_New_Face(ft, file, index, &face) != 0)
		return "FreeType cannot open it";
	const char *problem = NULL;
	FcChar32 map[FC_CHARSET_MAP_SIZE], next;
	int tried = 0;
	for (FcChar32 page = FcCharSetFirstPage(cs, map, &next); page != FC_CHARSET_DONE && tried < 48 && !problem;
	     page = FcCharSetNextPage(cs, map, &next))
		for (int w = 0; w < FC_CHARSET_MAP_SIZE && tried < 48 && !problem; w++)
			for (int b = 0; b < 32 && tried < 48 && !problem; b++) {
				if (!(map[w] & (1u << b)))
					continue;
				FT_UInt gi = FT_Get_Char_Index(face, page + (FcChar32)(w * 32 + b));
				tried++;
				if (gi && FT_Load_Glyph(face, gi, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0)
					problem = "its glyphs cannot be loaded (the file is damaged or cut short)";
			}
	FT_Done_Face(face);
	return problem;
}

/* Names every file in a user font folder that is not a usable font:
 * files fontconfig skipped (empty, garbage) are warnings, fonts fontconfig
 * took but whose glyphs are damaged are errors (they would blank text). */
static int check_user_folder(yb_fonts *f, const char *dir)
{
	if (!dir)
		return 0;
	GHashTable *known = g_hash_table_new(g_str_hash, g_str_equal);
	FcFontSet *set = FcConfigGetFonts(f->config, FcSetSystem);
	FT_Library ft;
	int rc = 0, have_ft = FT_Init_FreeType(&ft) == 0;
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *file;
		FcCharSet *cs;
		int index = 0;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
		    !g_str_has_prefix((const char *)file, dir))
			continue;
		g_hash_table_add(known, file);
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
		const char *problem = FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch
		                      ? "it has no characters" : have_ft ? face_problem(ft, (const char *)file, index, cs) : NULL;
		if (problem)
			rc = -1, yb_diag_error((const char *)file, 0, "user font unusable: %s; remove it from '%s' or "
			                       "replace it with a good copy", problem, dir);
	}
	if (have_ft)
		FT_Done_FreeType(ft);
	GDir *d = g_dir_open(dir, 0, NULL);
	for (const char *name; d && (name = g_dir_read_name(d));) {
		char *path = g_build_filename(dir, name, NULL);
		if (name[0] != '.' && g_file_test(path, G_FILE_TEST_IS_REGULAR) && !g_hash_table_contains(known, path) &&
		    !g_str_has_suffix(name, ".txt") && !g_str_has_suffix(name, ".md") && strcmp(name, "README") != 0) {
			struct stat st;
			int empty = stat(path, &st) == 0 && st.st_size == 0;
			yb_diag_warn(path, 0, "not used as a font: %s; remove it from '%s' or replace it with a .ttf, "
			             ".otf or .ttc font", empty ? "the file is empty" : "fontconfig cannot read it",
			             dir);
		}
		g_free(path);
	}
	if (d)
		g_dir_close(d);
	g_hash_table_destroy(known);
	return rc;
}

/* The folder next to the configuration and, when it is another, the one
 * the user adds fonts to. */
static int check_user_fonts(yb_fonts *f)
{
	int rc = check_user_folder(f, f->user_dir);
	if (f->add_dir && (!f->user_dir || strcmp(f->add_dir, f->user_dir)))
		rc |= check_user_folder(f, f->add_dir);
	return rc;
}

static int load_fonts(yb_fonts *f)
{
	if (check_user_fonts(f) < 0)
		return -1;
	if (build_coverage(f) == 0) {
		yb_diag_error(f->conf_path, 0, "no usable fonts in the folders it names: install "
			      "fonts-noto-cjk, or drop .ttf/.otf fonts into '%s'",
			      f->add_dir ? f->add_dir : "fonts/user");
		return -1;
	}
	return resolve_all(f);
}

yb_fonts *yb_fonts_load(const char *fonts_dir)
{
	return yb_fonts_load_with(fonts_dir, NULL);
}

yb_fonts *yb_fonts_load_with(const char *fonts_dir, const char *extra_conf)
{
	char *real = realpath(fonts_dir, NULL); /* fontconfig names folders by their real path */
	char *dir = g_canonicalize_filename(real ? real : fonts_dir, NULL);
	free(real);
	yb_fonts *f = g_new0(yb_fonts, 1);
	f->conf_path = g_build_filename(dir, "yearbook.conf", NULL);
	f->strings = g_string_chunk_new(1024);
	char *extra = extra_conf ? g_build_filename(dir, extra_conf, NULL) : NULL;
	f->config = load_config(f->conf_path, extra, dir);
	g_free(extra);
	if (f->config)
		f->user_dir = find_user_dir(f->config, dir);
	if (f->config)
		f->add_dir = find_add_dir(f->config, f->user_dir);
	g_free(dir);
	if (!f->config || load_fonts(f) < 0) {
		yb_fonts_free(f);
		return NULL;
	}
	return f;
}

void yb_fonts_free(yb_fonts *f)
{
	if (!f)
		return;
	if (f->config)
		FcConfigDestroy(f->config);
	g_string_chunk_free(f->strings);
	g_free(f->covered);
	g_free(f->user_dir);
	g_free(f->add_dir);
	g_free(f->conf_path);
	g_free(f);
}

static gint compare_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *yb_fonts_fingerprint(const yb_fonts *f)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char *conf = NULL;
	gsize len = 0;
	if (g_file_get_contents(f->conf_path, &conf, &len, NULL))
		g_checksum_update(sum, (const guchar *)conf, (gssize)len);
	g_free(conf);
	FcFontSet *set = FcConfigGetFonts(f->config, FcSetSystem);
	GPtrArray *files = g_ptr_array_new();
	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *file;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch)
			g_ptr_array_add(files, file);
	}
	g_ptr_array_sort(files, compare_paths);
	for (guint i = 0; i < files->len; i++) {
		const char *file = g_ptr_array_index(files, i);
		struct stat st;
		if (i > 0 && strcmp(file, g_ptr_array_index(files, i - 1)) == 0)
			continue; /* a collection: one entry per face */
		char *line = stat(file, &st) == 0
			? g_strdup_printf("%s %lld %lld\n", file, (long long)st.st_size, (long long)st.st_mtime)
			: g_strdup_printf("%s missing\n", file);
		g_checksum_update(sum, (const guchar *)line, -1);
		g_free(line);
	}
	g_ptr_array_free(files, TRUE);
	char *hex = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return hex;
}

FcConfig *yb_fonts_config(const yb_fonts *f)
{
	return f->config;
}

const char *yb_fonts_family(const yb_fonts *f, const char *role, yb_script script)
{
	int r = role_index(role);
	return r < 0 ? NULL : f->match[r][script].family;
}

/* "drop WHAT into 'DIR'" or, without a user font folder, "install WHAT". */
static const char *how_to_add(const yb_fonts *f, const char *what, char *buf, size_t size)
{
	if (f->add_dir)
		snprintf(buf, size, "drop %s into '%s'", what, f->add_dir);
	else
		snprintf(buf, size, "install %s", what);
	return buf;
}

static void note_stand_in(const yb_fonts *f, int r, int s)
{
	const yb_font_match *m = &f->match[r][s];
	char how[4200];
	if (!g_atomic_int_compare_and_exchange(&noted[r][s], 0, 1))
		return;
	yb_diag_note(NULL, 0, "no %s font is installed%s%s: '%s' stands in for role '%s' (%s)",
		     role_kinds[r], s == YB_SCRIPT_TC ? " for " : "", s == YB_SCRIPT_TC ? m->lang : "",
		     m->face, m->role, how_to_add(f, "one", how, sizeof how));
}

int yb_fonts_resolve(const yb_fonts *f, const char *role, const char *lang, yb_font_match *out)
{
	int r = role_index(role), s = yb_script_of(lang);
	if (r < 0)
		return -1;
	*out = f->match[r][s];
	if (out->stand_in)
		note_stand_in(f, r, s);
	return 0;
}

/* Characters that draw nothing need no font: controls, format characters
 * (zero-width joiners, marks), separators and variation selectors. */
static int needs_glyph(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
		return 0;
	default:
		break;
	}
	return !((c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef) ||
		 (c >= 0x180b && c <= 0x180f));
}

static int is_covered(const yb_fonts *f, gunichar c)
{
	return c < YB_UNICODE_SIZE && (f->covered[c / 32] >> (c % 32) & 1);
}

static void warn_missing(const yb_fonts *f, const char *path, long line, gunichar c)
{
	char utf8[8] = { 0 }, how[4200];
	g_unichar_to_utf8(c, utf8);
	yb_diag_warn(path, line, "no installed font has '%s' (U+%04X): %s, or change the text",
		     utf8, (unsigned)c, how_to_add(f, "a font that has it", how, sizeof how));
}

long yb_fonts_check_coverage(const yb_fonts *f, const char *path, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	GHashTable *seen = NULL;
	long line = 1, missing = 0;
	while (p < end) {
		gunichar c = (guchar)*p;
		int step = 1;
		if (c >= 0x80) {
			c = g_utf8_get_char_validated(p, end - p);
			if (c >= 0x80000000u)  /* not UTF-8: the reader reports that */
				c = 0;
			else
				step = (int)(g_utf8_next_char(p) - p);
		}
		if (c == '\n')
			line++;
		else if (!is_covered(f, c) && needs_glyph(c)) {
			if (!seen)
				seen = g_hash_table_new(NULL, NULL);
			if (g_hash_table_add(seen, GUINT_TO_POINTER(c))) {
				warn_missing(f, path, line, c);
				missing++;
			}
		}
		p += step;
	}
	if (seen)
		g_hash_table_destroy(seen);
	return missing;
}

static void print_match(const yb_fonts *f, int r, int s, FILE *out)
{
	const yb_font_match *m = &f->match[r][s];
	char face[256];
	snprintf(face, sizeof face, "%s %s", m->face, m->style);
	fprintf(out, "%-9s %-6s %-21s %-28s %s, face %d", m->role, m->lang, m->family, face, m->file, m->index);
	if (m->stand_in)
		fprintf(out, "  (stand-in: no %s font is installed)", role_kinds[r]);
	fputc('\n', out);
}

int yb_fonts_print(const yb_fonts *f, FILE *out)
{
	fprintf(out, "configuration: %s\n", f->conf_path);
	fprintf(out, "user fonts:    %s\n", f->add_dir ? f->add_dir : "(none)");
	fprintf(out, "%-9s %-6s %-21s %-28s %s\n", "role", "lang", "family", "face", "file");
	for (int s = 0; s < YB_NSCRIPT; s++)
		for (size_t r = 0; r < YB_NROLE; r++)
			if (s == YB_SCRIPT_SC || f->match[r][s].family != f->match[r][YB_SCRIPT_SC].family)
				print_match(f, (int)r, s, out);
	if (fflush(out) != 0 || ferror(out))
		return yb_diag_syserr("cannot write the font list: %s", g_strerror(errno));
	return 0;
}
