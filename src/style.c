/* style: style files -> yb_style.
 *
 * Design.  The C code knows only key names, their kinds and where each goes in
 * yb_style (the `fields` table); every value, page sizes included, comes from
 * files.  Loading has three steps:
 *   1. the chain: the named file, the one it inherits, and so on; a file
 *      without `inherit` inherits styles/base.ini, which has every key, so
 *      a style only says what differs.  Each file is checked for unknown keys.
 *   2. each known key takes its text, file and line from the nearest file in
 *      the chain that sets it (`slot`s).
 *   3. values are converted.  Lengths are small expressions (`156mm / 28`,
 *      `(225mm - 1字) / 21`) whose units may refer to other keys: em to the
 *      size of the key's own face, 字 to [body] size, 行 to [body] pitch.
 *      They are resolved on demand, so a child that changes the body size
 *      moves everything measured in 字; a key that depends on itself is an
 *      error.
 * Then the page is checked as a whole (the margins leave a type area, the
 * folio and running head fit on the paper).
 */
#include "style.h"

#include "fonts.h"

#include "diag.h"
#include "keyfile.h"
#include "paths.h"

#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- what a style file may say ---- */

typedef enum kind {
	K_LENGTH,    /* pt, 0 or more */
	K_POSITIVE,  /* pt, more than 0 */
	K_BOOL,
	K_LEVELS,    /* 0..2 */
	K_COUNT,     /* a whole number of lines, 0..MAX_COUNT */
	K_TEXT,      /* any text */
	K_ROLE,      /* a font role */
	K_ENUM,
	K_FORMAT,    /* printf format with exactly one %d */
	K_SIGNATURE, /* 1, 2 or a multiple of 4 up to 64 (pages a folded sheet holds) */
	K_CMYK,      /* four percentages, c m y k: "0 0 0 100" */
	K_RGB,       /* #rrggbb */
	K_FACE       /* a yb_face: expands into the keys of face_keys */
} kind;

typedef struct word {
	const char *name;
	int value;
} word;

static const word align_words[] = {
	{ "left", YB_ALIGN_LEFT }, { "indent", YB_ALIGN_INDENT },
	{ "center", YB_ALIGN_CENTER }, { "right", YB_ALIGN_RIGHT }, { NULL, 0 }
};
static const word kinsoku_words[] = {
	{ "none", YB_KINSOKU_NONE }, { "basic", YB_KINSOKU_BASIC },
	{ "gb", YB_KINSOKU_GB }, { "strict", YB_KINSOKU_STRICT }, { NULL, 0 }
};
static const word punct_words[] = {
	{ "full", YB_PUNCT_FULL }, { "gb", YB_PUNCT_GB }, { "edge", YB_PUNCT_EDGE }, { NULL, 0 }
};
static const word numbers_words[] = {
	{ "roman", 0 }, { "arabic", 1 }, { NULL, 0 }
};
static const word imprint_words[] = {
	{ "title-verso", 0 }, { "last-page", 1 }, { NULL, 0 }
};
static const word folio_words[] = {
	{ "outside", YB_FOLIO_OUTSIDE }, { "center", YB_FOLIO_CENTER },
	{ "inside", YB_FOLIO_INSIDE }, { NULL, 0 }
};

_Static_assert(sizeof(yb_align) == sizeof(int) && sizeof(yb_kinsoku) == sizeof(int) &&
	       sizeof(yb_punct) == sizeof(int) && sizeof(yb_folio_pos) == sizeof(int),
	       "enums are stored through int pointers");

/* The keys of a face, and which faces have which (a face's keys are its
 * group's prefix followed by these: "title-size" in [cover]). */
enum { F_FONT = 1, F_SIZE = 2, F_BOLD = 4, F_ALIGN = 8, F_BEFORE = 16, F_AFTER = 32, F_PITCH = 64 };
enum {
	FACE_BLOCK = F_FONT | F_SIZE | F_BOLD | F_ALIGN | F_BEFORE | F_AFTER | F_PITCH,
	FACE_BODY = F_FONT | F_SIZE | F_PITCH,
	FACE_RUN = F_FONT | F_SIZE | F_BOLD   /* pitch follows the body's leading */
};

typedef struct face_key {
	const char *key;
	int bit;
	kind kind;
	size_t offset;
	const word *words;
} face_key;

static const face_key face_keys[] = {
	{ "font", F_FONT, K_ROLE, offsetof(yb_face, role), NULL },
	{ "size", F_SIZE, K_POSITIVE, offsetof(yb_face, size), NULL },
	{ "bold", F_BOLD, K_BOOL, offsetof(yb_face, bold), NULL },
	{ "align", F_ALIGN, K_ENUM, offsetof(yb_face, align), align_words },
	{ "before", F_BEFORE, K_LENGTH, offsetof(yb_face, before), NULL },
	{ "after", F_AFTER, K_LENGTH, offsetof(yb_face, after), NULL },
	{ "pitch", F_PITCH, K_POSITIVE, offsetof(yb_face, pitch), NULL },
};

typedef struct field {
	const char *group;
	const char *key;     /* for K_FACE the prefix of its keys */
	kind kind;
	size_t offset;       /* in yb_style */
	int faces;           /* K_FACE: which face keys (F_...) */
	const word *words;   /* K_ENUM */
} field;

#define AT(member) offsetof(yb_style, member)

static const field fields[] = {
	{ "page", "width", K_POSITIVE, AT(page_width), 0, NULL },
	{ "page", "height", K_POSITIVE, AT(page_height), 0, NULL },
	{ "page", "margin-top", K_LENGTH, AT(margin_top), 0, NULL },
	{ "page", "margin-bottom", K_LENGTH, AT(margin_bottom), 0, NULL },
	{ "page", "margin-inner", K_LENGTH, AT(margin_inner), 0, NULL },
	{ "page", "margin-outer", K_LENGTH, AT(margin_outer), 0, NULL },
	{ "page", "two-sided", K_BOOL, AT(two_sided), 0, NULL },
	{ "page", "open-odd", K_BOOL, AT(open_odd), 0, NULL },
	{ "page", "signature", K_SIGNATURE, AT(signature), 0, NULL },
	{ "page", "balance", K_BOOL, AT(balance), 0, NULL },
	{ "page", "balance-lines", K_COUNT, AT(balance_lines), 0, NULL },
	{ "page", "last-page-lines", K_COUNT, AT(last_page_lines), 0, NULL },
	{ "body", "", K_FACE, AT(body), FACE_BODY, NULL },
	{ "body", "indent", K_LENGTH, AT(indent), 0, NULL },
	{ "title", "", K_FACE, AT(title), FACE_BLOCK, NULL },
	{ "heading1", "", K_FACE, AT(heading[0]), FACE_BLOCK, NULL },
	{ "heading2", "", K_FACE, AT(heading[1]), FACE_BLOCK, NULL },
	{ "heading3", "", K_FACE, AT(heading[2]), FACE_BLOCK, NULL },
	{ "heading4", "", K_FACE, AT(heading[3]), FACE_BLOCK, NULL },
	{ "cover", "title-", K_FACE, AT(cover_title), FACE_BLOCK, NULL },
	{ "cover", "subtitle-", K_FACE, AT(cover_subtitle), FACE_BLOCK, NULL },
	{ "cover", "org-", K_FACE, AT(cover_org), FACE_BLOCK, NULL },
	{ "cover", "date-", K_FACE, AT(cover_date), FACE_BLOCK, NULL },
	{ "cover", "paper-cmyk", K_CMYK, AT(cover_paper.cmyk), 0, NULL },
	{ "cover", "paper-rgb", K_RGB, AT(cover_paper.rgb), 0, NULL },
	{ "cover", "ink-cmyk", K_CMYK, AT(cover_ink.cmyk), 0, NULL },
	{ "cover", "ink-rgb", K_RGB, AT(cover_ink.rgb), 0, NULL },
	{ "contents", "title", K_TEXT, AT(toc_title), 0, NULL },
	{ "contents", "levels", K_LEVELS, AT(toc_levels), 0, NULL },
	{ "contents", "leaders", K_BOOL, AT(toc_leaders), 0, NULL },
	{ "contents", "heading-", K_FACE, AT(toc_heading), FACE_BLOCK, NULL },
	{ "contents", "report-", K_FACE, AT(toc_entry[0]), FACE_BLOCK, NULL },
	{ "contents", "level1-", K_FACE, AT(toc_entry[1]), FACE_BLOCK, NULL },
	{ "contents", "level2-", K_FACE, AT(toc_entry[2]), FACE_BLOCK, NULL },
	{ "front-matter", "board-title", K_TEXT, AT(front_title[0]), 0, NULL },
	{ "front-matter", "preface-title", K_TEXT, AT(front_title[1]), 0, NULL },
	{ "front-matter", "notes-title", K_TEXT, AT(front_title[2]), 0, NULL },
	{ "front-matter", "title-", K_FACE, AT(front_heading), FACE_BLOCK, NULL },
	{ "front-matter", "board-align", K_ENUM, AT(board_align), 0, align_words },
	{ "imprint", "position", K_ENUM, AT(imprint_last_page), 0, imprint_words },
	{ "imprint", "notice", K_TEXT, AT(imprint_notice), 0, NULL },
	{ "imprint", "cip-title", K_TEXT, AT(cip_title), 0, NULL },
	{ "imprint", "", K_FACE, AT(imprint), FACE_BLOCK, NULL },
	{ "imprint", "heading-", K_FACE, AT(imprint_heading), FACE_BLOCK, NULL },
	{ "imprint", "rules", K_BOOL, AT(imprint_rules), 0, NULL },
	{ "running-head", "enabled", K_BOOL, AT(running_heads), 0, NULL },
	{ "running-head", "", K_FACE, AT(running_head), FACE_RUN, NULL },
	{ "running-head", "rule", K_BOOL, AT(running_head_rule), 0, NULL },
	{ "running-head", "gap", K_LENGTH, AT(running_head_gap), 0, NULL },
	{ "folio", "format", K_FORMAT, AT(folio_format), 0, NULL },
	{ "folio", "", K_FACE, AT(folio), FACE_RUN, NULL },
	{ "folio", "position", K_ENUM, AT(folio_position), 0, folio_words },
	{ "folio", "offset", K_LENGTH, AT(folio_offset), 0, NULL },
	{ "folio", "inset", K_LENGTH, AT(folio_inset), 0, NULL },
	{ "folio", "front-numbers", K_ENUM, AT(folio_front_arabic), 0, numbers_words },
	{ "typography", "kinsoku", K_ENUM, AT(kinsoku), 0, kinsoku_words },
	{ "typography", "punct", K_ENUM, AT(punct), 0, punct_words },
	{ "typography", "han-latin-space", K_BOOL, AT(han_latin_space), 0, NULL },
	{ "typography", "quote-font", K_ROLE, AT(quote_role), 0, NULL },
	{ "fonts", "stand-in-note", K_TEXT, AT(stand_in_note), 0, NULL },
	{ "elements", "date-right", K_LENGTH, AT(date_right), 0, NULL },
	{ "elements", "signature-over-date", K_BOOL, AT(signature_over_date), 0, NULL },
	{ "elements", "attachments-indent", K_LENGTH, AT(attachments_indent), 0, NULL },
	{ "elements", "note-indent", K_LENGTH, AT(note_indent), 0, NULL },
	{ "elements", "gap", K_LENGTH, AT(element_gap), 0, NULL },
	{ "elements", "copies-rule-thick", K_LENGTH, AT(copies_thick), 0, NULL },
	{ "elements", "copies-rule-thin", K_LENGTH, AT(copies_thin), 0, NULL },
	{ "elements", "copies-foot", K_BOOL, AT(copies_foot), 0, NULL },
	{ "table", "", K_FACE, AT(table), FACE_BODY, NULL },
	{ "table", "rule-thick", K_POSITIVE, AT(table_rule_thick), 0, NULL },
	{ "table", "rule-thin", K_POSITIVE, AT(table_rule_thin), 0, NULL },
	{ "table", "continued", K_TEXT, AT(table_continued), 0, NULL },
	{ "table", "overview-title", K_TEXT, AT(overview_title), 0, NULL },
	{ "table", "figures-title", K_TEXT, AT(figures_title), 0, NULL },
	{ "press", "bleed", K_LENGTH, AT(bleed), 0, NULL },
	{ "press", "crop-marks", K_BOOL, AT(crop_marks), 0, NULL },
	{ "press", "mark-offset", K_LENGTH, AT(mark_offset), 0, NULL },
	{ "press", "mark-length", K_POSITIVE, AT(mark_length), 0, NULL },
	{ "press", "mark-width", K_POSITIVE, AT(mark_width), 0, NULL },
	{ "press", "registration-marks", K_BOOL, AT(registration_marks), 0, NULL },
	{ "press", "slug", K_BOOL, AT(slug), 0, NULL },
	{ "press", "output-condition", K_TEXT, AT(output_condition), 0, NULL },
	{ "press", "output-condition-info", K_TEXT, AT(output_condition_info), 0, NULL },
	{ "press", "paper-caliper", K_POSITIVE, AT(paper_caliper), 0, NULL },
};

/* [style] is per file: a style's name and parent are never inherited. */
static const char *const style_keys[] = { "name", "inherit", NULL };

/* ---- the chain and the slots ---- */

enum { S_NEW, S_BUSY, S_DONE, S_FAILED };

/* One key: where it goes, and the value the chain gives it. */
typedef struct slot {
	const char *group;
	char *key;
	const char *prefix;  /* of its face: em is measured by prefix + "size" */
	kind kind;
	size_t offset;
	const word *words;
	char *value;         /* NULL when no file sets it */
	const char *file;
	long line;
	int state;           /* S_..., for lengths */
	double pt;
} slot;

typedef struct loader {
	const char *styles_dir;
	GPtrArray *files;    /* yb_keyfile *, the named style first, base last */
	GArray *slots;       /* of slot */
	GHashTable *by_id;   /* "group\037key" -> index + 1 in slots */
	yb_keyfile_group *known; /* for yb_keyfile_check() */
	size_t nknown;
	const char **keys;       /* the known groups' key lists */
} loader;

static void add_slot(loader *ld, const char *group, const char *prefix, const char *key,
		     kind k, size_t offset, const word *words)
{
	slot sl = { group, g_strconcat(prefix, key, NULL), prefix, k, offset, words, NULL, NULL, 0, S_NEW, 0 };
	g_array_append_val(ld->slots, sl);
	g_hash_table_insert(ld->by_id, g_strconcat(group, "\037", sl.key, NULL),
			    GUINT_TO_POINTER(ld->slots->len));
}

static void make_slots(loader *ld)
{
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
		const field *f = &fields[i];
		if (f->kind != K_FACE) {
			add_slot(ld, f->group, "", f->key, f->kind, f->offset, f->words);
			continue;
		}
		for (size_t j = 0; j < G_N_ELEMENTS(face_keys); j++) {
			const face_key *fk = &face_keys[j];
			if (f->faces & fk->bit)
				add_slot(ld, f->group, f->key, fk->key, fk->kind, f->offset + fk->offset, fk->words);
		}
	}
}

/* The groups and keys for yb_keyfile_check(), from the slots (the fields
 * table keeps each group's keys together). */
static void make_known(loader *ld)
{
	guint n = ld->slots->len;
	const char **k = ld->keys = g_new0(const char *, 2 * n);  /* each group's keys, then NULL */
	ld->known = g_new0(yb_keyfile_group, n + 1);
	ld->known[ld->nknown++] = (yb_keyfile_group){ "style", 0, style_keys };
	for (guint i = 0; i < n; i++) {
		const slot *sl = &g_array_index(ld->slots, slot, i);
		if (strcmp(ld->known[ld->nknown - 1].name, sl->group) != 0) {
			if (ld->nknown > 1)
				k++;
			ld->known[ld->nknown++] = (yb_keyfile_group){ sl->group, 0, k };
		}
		*k++ = sl->key;
	}
}

static slot *find_slot(const loader *ld, const char *group, const char *key)
{
	char *id = g_strconcat(group, "\037", key, NULL);
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(ld->by_id, id));
	g_free(id);
	return i ? &g_array_index(ld->slots, slot, i - 1) : NULL;
}

static void loader_init(loader *ld, const char *styles_dir)
{
	memset(ld, 0, sizeof *ld);
	ld->styles_dir = styles_dir;
	ld->files = g_ptr_array_new_with_free_func((GDestroyNotify)yb_keyfile_free);
	ld->slots = g_array_new(FALSE, TRUE, sizeof(slot));
	ld->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	make_slots(ld);
	make_known(ld);
}

static void loader_release(loader *ld)
{
	for (guint i = 0; i < ld->slots->len; i++) {
		slot *sl = &g_array_index(ld->slots, slot, i);
		g_free(sl->key);
		g_free(sl->value);
	}
	g_free(ld->keys);
	g_free(ld->known);
	g_array_unref(ld->slots);
	g_hash_table_destroy(ld->by_id);
	g_ptr_array_unref(ld->files);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **yb_style_names(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new();
	for (const char *f; d && (f = g_dir_read_name(d));)
		if (g_str_has_suffix(f, ".ini"))
			g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, by_name);
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

/* The message for a style name that is not in dir: the nearest name and
 * the list, or, when dir holds no style at all, where the data should be. */
static char *unknown_name(const char *name, const char *dir)
{
	char **names = yb_style_names(dir);
	char *msg;
	if (!names[0]) {
		msg = g_strdup_printf("style '%s' not found: '%s' holds no styles; set YEARBOOK_DATADIR to "
				      "yearbook's data folder or reinstall yearbook", name, dir);
	} else {
		const char *near = yb_keyfile_nearest(name, (const char *const *)names);
		char *list = g_strjoinv(", ", names);
		char *mean = near ? g_strdup_printf("did you mean '%s'? ", near) : g_strdup("");
		msg = g_strdup_printf("style '%s' not found in '%s'; %suse one of: %s, or a path to a .ini file",
				      name, dir, mean, list);
		g_free(mean);
		g_free(list);
	}
	g_strfreev(names);
	return msg;
}

char *yb_style_missing(const char *name, const char *styles_dir)
{
	char *dir = styles_dir ? g_strdup(styles_dir) : yb_paths_data("styles");
	int is_path = yb_style_is_path(name);
	char *base = g_strconcat(name, ".ini", NULL);
	char *path = is_path ? g_strdup(name) : g_build_filename(dir, base, NULL);
	char *msg = g_file_test(path, G_FILE_TEST_IS_REGULAR) ? NULL
		    : is_path ? g_strdup_printf("style file '%s' not found; check the path", path)
		    : unknown_name(name, dir);
	g_free(path);
	g_free(base);
	g_free(dir);
	return msg;
}

/* The file for `name`: a style of the styles folder, or a path (relative to
 * `from_dir` when given).  NULL after printing at file:line. */
static char *locate(const loader *ld, const char *name, const char *from_dir, const char *file, long line)
{
	char *path;
	if (!yb_style_is_path(name)) {
		char *base = g_strconcat(name, ".ini", NULL);
		path = g_build_filename(ld->styles_dir, base, NULL);
		g_free(base);
	} else {
		path = from_dir && !g_path_is_absolute(name) ? g_build_filename(from_dir, name, NULL) : g_strdup(name);
	}
	char *problem = yb_style_missing(yb_style_is_path(name) ? path : name, ld->styles_dir);
	if (!problem)
		return path;
	yb_diag_error(file, line, "%s", problem);
	g_free(problem);
	g_free(path);
	return NULL;
}

static int is_base(const loader *ld, const char *real)
{
	char *base = g_build_filename(ld->styles_dir, "base.ini", NULL);
	char *base_real = realpath(base, NULL);
	int same = base_real && !strcmp(base_real, real);
	free(base_real);
	g_free(base);
	return same;
}

/* "a -> b -> a" for the cycle message. */
static char *cycle_text(const loader *ld, const char *again)
{
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < ld->files->len; i++)
		g_string_append_printf(s, "%s -> ", yb_keyfile_path(g_ptr_array_index(ld->files, i)));
	g_string_append(s, again);
	return g_string_free(s, FALSE);
}

/* The file `kf` inherits: its `inherit`, else base (nothing for base itself).
 * Returns -1 after printing when it cannot be found. */
static int parent_of(const loader *ld, const yb_keyfile *kf, const char *real, char **next)
{
	*next = NULL;
	char *parent = yb_keyfile_get(kf, "style", "inherit");
	if (!parent || !*parent) {
		g_free(parent);
		if (is_base(ld, real))
			return 0;
		parent = g_strdup("base");
	}
	char *dir = g_path_get_dirname(yb_keyfile_path(kf));
	*next = locate(ld, parent, dir, yb_keyfile_path(kf), yb_keyfile_line(kf, "style", "inherit"));
	g_free(dir);
	g_free(parent);
	return *next ? 0 : -1;
}

/* Reads the file *path into ld->files and replaces *path by its parent's. */
static int load_one(loader *ld, GHashTable *seen, char **path)
{
	char *real = realpath(*path, NULL);
	if (!real)
		return yb_diag_unreadable(*path, g_strerror(errno));
	if (!g_hash_table_add(seen, real)) {
		const yb_keyfile *child = g_ptr_array_index(ld->files, ld->files->len - 1);
		char *cycle = cycle_text(ld, *path);
		yb_diag_error(yb_keyfile_path(child), yb_keyfile_line(child, "style", "inherit"),
			      "styles inherit each other in a cycle: %s; remove one 'inherit'", cycle);
		g_free(cycle);
		return -1;
	}
	yb_keyfile *kf = yb_keyfile_load(*path);
	if (!kf)
		return -1;
	g_ptr_array_add(ld->files, kf);
	yb_keyfile_check(kf, ld->known, ld->nknown);
	g_free(*path);
	return parent_of(ld, kf, real, path);
}

/* Step 1: `path` (which it takes) and everything it inherits into ld->files. */
static int load_chain(loader *ld, char *path)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	int rc = 0;
	while (path && rc == 0)
		rc = load_one(ld, seen, &path);
	g_free(path);
	g_hash_table_destroy(seen);
	return rc;
}

/* Step 2: every slot takes its value from the nearest file that sets it. */
static void fill_slots(loader *ld)
{
	for (guint i = 0; i < ld->slots->len; i++) {
		slot *sl = &g_array_index(ld->slots, slot, i);
		for (guint j = 0; j < ld->files->len && !sl->value; j++) {
			const yb_keyfile *kf = g_ptr_array_index(ld->files, j);
			sl->value = yb_keyfile_get(kf, sl->group, sl->key);
			sl->file = yb_keyfile_path(kf);
			sl->line = yb_keyfile_line(kf, sl->group, sl->key);
		}
	}
}
/* ---- reporting ---- */

static int bad(const slot *sl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* `file:line: error: [group] key: 'value' <why>`; returns -1. */
static int bad(const slot *sl, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *why = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* a value of thousands of brackets is quoted by its start */
	char *shown = g_utf8_strlen(sl->value, -1) > 60 ? g_utf8_substring(sl->value, 0, 50) : g_strdup(sl->value);
	if (strlen(shown) < strlen(sl->value)) {
		char *t = g_strconcat(shown, "...", NULL);
		g_free(shown);
		shown = t;
	}
	yb_diag_error(sl->file, sl->line, "[%s] %s: '%s' %s", sl->group, sl->key, shown, why);
	g_free(shown);
	g_free(why);
	return -1;
}

/* A key no file in the chain sets (only when base.ini lacks it). */
static int present(const loader *ld, slot *sl)
{
	if (sl->value)
		return 0;
	if (sl->state != S_FAILED)
		yb_diag_error(yb_keyfile_path(g_ptr_array_index(ld->files, 0)), 0,
			      "[%s] %s has no value; add '%s = ...' to [%s] or inherit a style that sets it",
			      sl->group, sl->key, sl->key, sl->group);
	sl->state = S_FAILED;
	return -1;
}

/* ---- lengths ---- */

static const struct size_name {
	const char *name;
	double pt;
} size_names[] = {
	{ "初号", 42 }, { "小初", 36 }, { "一号", 26 }, { "小一", 24 }, { "二号", 22 }, { "小二", 18 },
	{ "三号", 16 }, { "小三", 15 }, { "四号", 14 }, { "小四", 12 }, { "五号", 10.5 }, { "小五", 9 },
	{ "六号", 7.5 }, { "小六", 6.5 }, { "七号", 5.5 }, { "八号", 5 },
};

typedef struct qty {
	double v;
	int length;          /* 1 for a length, 0 for a plain number */
} qty;

typedef struct parser {
	loader *ld;
	const slot *sl;
	const char *p;
	GString *why;        /* what is wrong; empty when it was reported already */
	int depth;           /* brackets and signs open around the current factor */
} parser;

/* Deeper nesting than this is no length anyone writes, and would exhaust
 * the stack of the recursive parser. */
#define MAX_NESTING 32

static int resolve(loader *ld, slot *sl);
static int expr(parser *ps, qty *q);

static int syntax(parser *ps, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int syntax(parser *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_string_vprintf(ps->why, fmt, ap);
	va_end(ap);
	return -1;
}

static void skip_space(parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\t')
		ps->p++;
}

/* The length of another key, for the units em, 字 and 行. */
static int refer(parser *ps, const char *group, const char *key, double *pt)
{
	slot *sl = find_slot(ps->ld, group, key);
	if (!sl)
		return syntax(ps, "em has no face to measure in [%s]; use mm, pt, 字 or 行", group);
	if (resolve(ps->ld, sl) < 0)
		return -1;
	*pt = sl->pt;
	return 0;
}

/* The unit after a number, if any, applied to q. */
static int unit(parser *ps, qty *q)
{
	skip_space(ps);
	const char *u = ps->p;
	size_t n = 0;
	if (g_ascii_isalpha(*u))
		while (g_ascii_isalpha(u[n]))
			n++;
	else if ((unsigned char)*u >= 0x80)
		n = (size_t)(g_utf8_next_char(u) - u);
	if (!n)
		return 0;
	ps->p += n;
	char *name = g_strndup(u, n);
	double pt = 1;
	int rc = 0;
	if (!strcmp(name, "mm"))
		pt = 72 / 25.4;
	else if (!strcmp(name, "em")) {
		char *size = g_strconcat(ps->sl->prefix, "size", NULL);
		rc = refer(ps, ps->sl->group, size, &pt);
		g_free(size);
	} else if (!strcmp(name, "字"))
		rc = refer(ps, "body", "size", &pt);
	else if (!strcmp(name, "行"))
		rc = refer(ps, "body", "pitch", &pt);
	else if (strcmp(name, "pt") != 0)
		rc = syntax(ps, "unknown unit '%s'", name);
	g_free(name);
	q->v *= pt;
	q->length = 1;
	return rc;
}

/* factor := '(' expr ')' | '-' factor | size-name | number [unit] */
static int factor(parser *ps, qty *q)
{
	skip_space(ps);
	if ((*ps->p == '(' || *ps->p == '-') && ps->depth >= MAX_NESTING)
		return syntax(ps, "brackets or signs nested more than %d deep; write the length more simply",
			      MAX_NESTING);
	if (*ps->p == '(') {
		ps->depth++;
		ps->p++;
		if (expr(ps, q) < 0)
			return -1;
		skip_space(ps);
		if (*ps->p != ')')
			return syntax(ps, "a ')' is missing");
		ps->p++;
		ps->depth--;
		return 0;
	}
	if (*ps->p == '-') {
		ps->p++;
		ps->depth++;
		int rc = factor(ps, q);
		ps->depth--;
		q->v = -q->v;
		return rc;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(size_names); i++)
		if (g_str_has_prefix(ps->p, size_names[i].name)) {
			ps->p += strlen(size_names[i].name);
			*q = (qty){ size_names[i].pt, 1 };
			return 0;
		}
	if (!g_ascii_isdigit(*ps->p) && *ps->p != '.')
		return *ps->p ? syntax(ps, "unexpected '%s'", ps->p) : syntax(ps, "a value is missing");
	char *end;
	*q = (qty){ g_ascii_strtod(ps->p, &end), 0 };
	if (memchr(ps->p, 'x', (size_t)(end - ps->p)) || memchr(ps->p, 'X', (size_t)(end - ps->p)))
		return syntax(ps, "'%.*s' is not a decimal number", (int)(end - ps->p), ps->p); /* strtod reads hex */
	ps->p = end;
	return unit(ps, q);
}

/* term := factor { ('*' | '/') factor }: lengths scale by plain numbers only */
static int term(parser *ps, qty *q)
{
	if (factor(ps, q) < 0)
		return -1;
	for (;;) {
		skip_space(ps);
		char op = *ps->p;
		if (op != '*' && op != '/')
			return 0;
		ps->p++;
		qty r;
		if (factor(ps, &r) < 0)
			return -1;
		if (r.length && (op == '/' || q->length))
			return syntax(ps, "a length can only be multiplied or divided by a plain number");
		if (op == '/' && r.v == 0)
			return syntax(ps, "division by 0");
		q->v = op == '*' ? q->v * r.v : q->v / r.v;
		q->length |= r.length;
	}
}

/* expr := term { ('+' | '-') term }: lengths add to lengths */
static int expr(parser *ps, qty *q)
{
	if (term(ps, q) < 0)
		return -1;
	for (;;) {
		skip_space(ps);
		char op = *ps->p;
		if (op != '+' && op != '-')
			return 0;
		ps->p++;
		qty r;
		if (term(ps, &r) < 0)
			return -1;
		if (r.length != q->length)
			return syntax(ps, "a length and a plain number cannot be added");
		q->v = op == '+' ? q->v + r.v : q->v - r.v;
	}
}

static int parse_length(parser *ps, double *pt)
{
	qty q;
	if (expr(ps, &q) < 0)
		return -1;
	skip_space(ps);
	if (*ps->p)
		return syntax(ps, "unexpected '%s'", ps->p);
	if (!q.length)
		return syntax(ps, "a number needs a unit");
	*pt = q.v;
	return 0;
}

static int check_range(const slot *sl)
{
	if (!isfinite(sl->pt))
		return bad(sl, "is not a finite length; use e.g. 12pt");
	if (sl->kind == K_POSITIVE && sl->pt <= 0)
		return bad(sl, "is not more than 0; use a positive length");
	if (sl->pt < 0)
		return bad(sl, "is negative; use 0 or more");
	if (sl->pt > 200 * 72)
		return bad(sl, "is %.0f mm, longer than the largest PDF page (5080 mm, 200 in)", sl->pt * 25.4 / 72);
	if (g_str_has_suffix(sl->key, "size") && sl->pt < 1)
		return bad(sl, "is a type size under 1 pt, which nobody can read; use e.g. 五号 or 10.5pt");
	return 0;
}

/* The slot's length in pt, resolving the keys its units refer to. */
static int resolve(loader *ld, slot *sl)
{
	if (sl->state == S_DONE)
		return 0;
	if (sl->state == S_FAILED || present(ld, sl) < 0)
		return -1;
	if (sl->state == S_BUSY) {
		sl->state = S_FAILED;
		return bad(sl, "depends on itself through em, 字 or 行; give it in pt, mm or a size name");
	}
	sl->state = S_BUSY;
	parser ps = { ld, sl, sl->value, g_string_new(NULL), 0 };
	int rc = parse_length(&ps, &sl->pt);
	if (rc < 0 && ps.why->len)
		bad(sl, "is not a length (%s); use e.g. 12pt, 4.2mm, 2字, 1.5行, 1.2em, 小四 or 156mm / 28",
		    ps.why->str);
	if (rc == 0)
		rc = check_range(sl);
	g_string_free(ps.why, TRUE);
	sl->state = rc < 0 ? S_FAILED : S_DONE;
	return rc;
}

/* ---- other values ---- */

static int to_enum(const slot *sl, int *dest)
{
	for (const word *w = sl->words; w->name; w++)
		if (!strcmp(sl->value, w->name)) {
			*dest = w->value;
			return 0;
		}
	GString *allowed = g_string_new(NULL);
	for (const word *w = sl->words; w->name; w++)
		g_string_append_printf(allowed, "%s%s", w == sl->words ? "" : ", ", w->name);
	bad(sl, "is not allowed here; use one of: %s", allowed->str);
	g_string_free(allowed, TRUE);
	return -1;
}

static int to_bool(const slot *sl, int *dest)
{
	static const word bools[] = { { "true", 1 }, { "false", 0 }, { NULL, 0 } };
	slot as_enum = *sl;
	as_enum.words = bools;
	return to_enum(&as_enum, dest);
}

static int to_levels(const slot *sl, int *dest)
{
	static const word levels[] = { { "auto", -1 }, { "0", 0 }, { "1", 1 }, { "2", 2 }, { NULL, 0 } };
	slot as_enum = *sl;
	as_enum.words = levels;
	return to_enum(&as_enum, dest);
}

enum { MAX_COUNT = 20 };

static int to_count(const slot *sl, int *dest)
{
	char *end;
	long n = strtol(sl->value, &end, 10);
	if (!g_ascii_isdigit(*sl->value) || *end || n > MAX_COUNT)
		return bad(sl, "is not a number of lines; use a whole number from 0 to %d", MAX_COUNT);
	*dest = (int)n;
	return 0;
}

static int to_role(const slot *sl, char **dest, GStringChunk *strings)
{
	if (!yb_fonts_role_known(sl->value)) {
		char *known = g_strjoinv(", ", (char **)yb_fonts_roles());
		int rc = bad(sl, "is not a font role; use one of %s", known);
		g_free(known);
		return rc;
	}
	*dest = g_string_chunk_insert(strings, sl->value);
	return 0;
}

/* Exactly one %d, and %% for a per cent sign. */
static int to_format(const slot *sl, char **dest, GStringChunk *strings)
{
	int numbers = 0;
	for (const char *p = strchr(sl->value, '%'); p; p = strchr(p + 2, '%')) {
		if (p[1] == 'd') {
			numbers++;
		} else if (p[1] != '%') {
			numbers = -1;
			break;
		}
	}
	if (numbers != 1)
		return bad(sl, "is not a page number format; use exactly one %%d (and %%%% for a %%), "
			   "e.g. '— %%d —'");
	*dest = g_string_chunk_insert(strings, sl->value);
	return 0;
}

static int to_signature(const slot *sl, int *dest)
{
	char *end;
	long n = strtol(sl->value, &end, 10);
	if (end == sl->value || *end || !(n == 1 || n == 2 || (n >= 4 && n <= 64 && n % 4 == 0)))
		return bad(sl, "is not a signature; use 1 (none), 2, or a multiple of 4 up to 64 "
			   "(16 for sewn 16开 books, 4 for saddle stitching)");
	*dest = (int)n;
	return 0;
}

/* "c m y k" in per cent, each 0..100. */
static int to_cmyk(const slot *sl, double *dest)
{
	char **parts = g_strsplit_set(sl->value, " \t", -1);
	int n = 0, rc = 0;
	for (char **p = parts; *p && rc == 0; p++) {
		if (!**p)
			continue;
		char *end;
		double v = g_ascii_strtod(*p, &end);
		if (end == *p || (*end && strcmp(end, "%")) || !(v >= 0 && v <= 100) || n == 4)
			rc = -1;
		else
			dest[n++] = v / 100;
	}
	g_strfreev(parts);
	if (rc < 0 || n != 4)
		return bad(sl, "is not a CMYK colour; give four percentages, cyan magenta yellow black, "
			   "e.g. '0 0 0 100' for black");
	return 0;
}

/* "#rrggbb" */
static int to_rgb(const slot *sl, double *dest)
{
	const char *v = sl->value;
	if (strlen(v) != 7 || v[0] != '#' || strspn(v + 1, "0123456789abcdefABCDEF") != 6)
		return bad(sl, "is not an sRGB colour; use #rrggbb, e.g. '#000000' for black");
	for (int i = 0; i < 3; i++)
		dest[i] = (g_ascii_xdigit_value(v[1 + 2 * i]) * 16 + g_ascii_xdigit_value(v[2 + 2 * i])) / 255.0;
	return 0;
}

static int convert(loader *ld, slot *sl, yb_style *s, GStringChunk *strings)
{
	void *dest = (char *)s + sl->offset;
	if (present(ld, sl) < 0)
		return -1;
	switch (sl->kind) {
	case K_LENGTH:
	case K_POSITIVE:
		if (resolve(ld, sl) < 0)
			return -1;
		*(double *)dest = sl->pt;
		return 0;
	case K_BOOL:
		return to_bool(sl, dest);
	case K_LEVELS:
		return to_levels(sl, dest);
	case K_COUNT:
		return to_count(sl, dest);
	case K_ENUM:
		return to_enum(sl, dest);
	case K_TEXT:
		*(char **)dest = g_string_chunk_insert(strings, sl->value);
		return 0;
	case K_ROLE:
		return to_role(sl, dest, strings);
	case K_FORMAT:
		return to_format(sl, dest, strings);
	case K_SIGNATURE:
		return to_signature(sl, dest);
	case K_CMYK:
		return to_cmyk(sl, dest);
	case K_RGB:
		return to_rgb(sl, dest);
	case K_FACE:
		break;
	}
	g_assert_not_reached();
	return -1;
}

/* ---- the page as a whole ---- */

static double mm(double pt)
{
	return pt * 25.4 / 72;
}

/* Two margins along a page side of `room` pt must leave a type area. */
static int margins_fit(loader *ld, const char *a, const char *b, double room, const char *side)
{
	slot *sa = find_slot(ld, "page", a), *sb = find_slot(ld, "page", b);
	if (sa->pt + sb->pt < room)
		return 0;
	return bad(sa->pt >= sb->pt ? sa : sb, "leaves no type area: %s + %s = %.1f mm on a page %.1f mm %s; "
		   "make the two add up to less than that", a, b, mm(sa->pt + sb->pt), mm(room), side);
}

static int grid_fits(loader *ld, const yb_style *s)
{
	slot *size = find_slot(ld, "body", "size");
	if (yb_style_chars_per_line(s) < 1)
		return bad(size, "is wider than the type area (%.1f mm); use a smaller size or smaller margins",
			   mm(yb_style_text_width(s)));
	if (yb_style_lines_per_page(s) < 1)
		return bad(size, "is taller than the type area (%.1f mm); use a smaller size or smaller margins",
			   mm(yb_style_text_height(s)));
	double chars = yb_style_text_width(s) / s->body.size;
	if (fabs(chars - round(chars)) > 1e-6)
		yb_diag_warn(size->file, size->line, "[body] size: the type area is %.3f characters wide, not a "
			     "whole number; give a side margin in 字, e.g. 'margin-outer = 185mm - 24mm - 38字'", chars);
	return 0;
}

/* The folio and the running head must stay on the paper. */
static int furniture_fits(loader *ld, const yb_style *s)
{
	int rc = 0;
	if (s->folio_offset >= s->margin_bottom)
		rc = bad(find_slot(ld, "folio", "offset"), "puts the page number off the paper: the bottom "
			 "margin is %.1f mm; use less than that", mm(s->margin_bottom));
	if (s->running_heads && s->running_head_gap >= s->margin_top)
		rc = bad(find_slot(ld, "running-head", "gap"), "puts the running head off the paper: the top "
			 "margin is %.1f mm; use less than that", mm(s->margin_top));
	return rc;
}

/* The paragraph indent and the elements' offsets leave room on the line for
 * their text (an indent wider than the line would set the text off the page). */
static int indents_fit(loader *ld, const yb_style *s)
{
	static const char *const keys[][2] = { { "body", "indent" }, { "elements", "date-right" },
	                                       { "elements", "attachments-indent" }, { "elements", "note-indent" } };
	const double values[] = { s->indent, s->date_right, s->attachments_indent, s->note_indent };
	double half = yb_style_text_width(s) / 2;
	int rc = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		if (values[i] >= half)
			rc = bad(find_slot(ld, keys[i][0], keys[i][1]), "leaves less than half the line (%.1f mm) for "
				 "the text; use less than %.1f mm, e.g. 4字", mm(yb_style_text_width(s)), mm(half));
	return rc;
}

/* PDF viewers need a page side between 3 pt and 200 in (PDF 1.5, annex C);
 * beyond that the contents' leader dots alone would fill memory. */
static int page_size_fits(loader *ld, const yb_style *s)
{
	static const double lo = 3, hi = 200 * 72;
	int rc = 0;
	if (s->page_width < lo || s->page_width > hi)
		rc = bad(find_slot(ld, "page", "width"), "is %.1f mm; a PDF page is between 1.1 mm and 5080 mm "
			 "(200 in) wide", mm(s->page_width));
	if (s->page_height < lo || s->page_height > hi)
		rc = bad(find_slot(ld, "page", "height"), "is %.1f mm; a PDF page is between 1.1 mm and 5080 mm "
			 "(200 in) high", mm(s->page_height));
	return rc;
}

/* Crop marks stay out of the bleed, which the press prints and the
 * guillotine cuts; the output intent names a printing condition. */
static int press_fits(loader *ld, const yb_style *s)
{
	if (!*s->output_condition)
		return bad(find_slot(ld, "press", "output-condition"), "names no printing condition; give its "
			   "identifier in the ICC registry, e.g. FOGRA39 or JC200103");
	if (!s->crop_marks || s->mark_offset >= s->bleed - 1e-6)
		return 0;
	return bad(find_slot(ld, "press", "mark-offset"), "puts the crop marks inside the bleed (%.1f mm); "
		   "use at least the bleed", mm(s->bleed));
}

static int check_page(loader *ld, const yb_style *s)
{
	if (page_size_fits(ld, s) < 0 || press_fits(ld, s) < 0)
		return -1;
	if (margins_fit(ld, "margin-inner", "margin-outer", s->page_width, "wide") < 0 ||
	    margins_fit(ld, "margin-top", "margin-bottom", s->page_height, "high") < 0)
		return -1;
	return grid_fits(ld, s) < 0 || furniture_fits(ld, s) < 0 || indents_fit(ld, s) < 0 ? -1 : 0;
}

/* Faces without a pitch key take the body's leading. */
static void derive_pitches(yb_style *s)
{
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
		if (fields[i].kind == K_FACE && !(fields[i].faces & F_PITCH)) {
			yb_face *f = (yb_face *)((char *)s + fields[i].offset);
			f->pitch = f->size * s->body.pitch / s->body.size;
		}
}

/* The named file's [style] name, else its file name without ".ini". */
static char *style_name(const yb_keyfile *kf, GStringChunk *strings)
{
	char *name = yb_keyfile_get(kf, "style", "name");
	if (!name || !*name) {
		g_free(name);
		name = g_path_get_basename(yb_keyfile_path(kf));
		if (g_str_has_suffix(name, ".ini"))
			name[strlen(name) - 4] = '\0';
	}
	char *s = g_string_chunk_insert(strings, name);
	g_free(name);
	return s;
}

/* Step 3: the values of the slots into a style. */
static yb_style *build(loader *ld)
{
	yb_style *s = g_new0(yb_style, 1);
	GStringChunk *strings = g_string_chunk_new(512);
	const yb_keyfile *top = g_ptr_array_index(ld->files, 0);
	s->strings = strings;
	s->path = g_string_chunk_insert(strings, yb_keyfile_path(top));
	s->name = style_name(top, strings);
	int rc = 0;
	for (guint i = 0; i < ld->slots->len; i++)
		if (convert(ld, &g_array_index(ld->slots, slot, i), s, strings) < 0)
			rc = -1;
	if (rc == 0) {
		derive_pitches(s);
		rc = check_page(ld, s);
	}
	if (rc < 0) {
		yb_style_free(s);
		return NULL;
	}
	return s;
}

/* ---- public ---- */

yb_style *yb_style_load(const char *name_or_path, const char *styles_dir)
{
	char *dir = styles_dir ? g_strdup(styles_dir) : yb_paths_data("styles");
	loader ld;
	loader_init(&ld, dir);
	yb_style *s = NULL;
	char *path = locate(&ld, name_or_path, NULL, NULL, 0);
	if (path && load_chain(&ld, path) == 0) {
		fill_slots(&ld);
		s = build(&ld);
	}
	loader_release(&ld);
	g_free(dir);
	return s;
}

void yb_style_free(yb_style *s)
{
	if (!s)
		return;
	g_string_chunk_free(s->strings);
	g_free(s);
}

int yb_style_is_path(const char *name_or_path)
{
	return strchr(name_or_path, '/') || g_str_has_suffix(name_or_path, ".ini");
}

double yb_style_text_width(const yb_style *s)
{
	return s->page_width - s->margin_inner - s->margin_outer;
}

double yb_style_text_height(const yb_style *s)
{
	return s->page_height - s->margin_top - s->margin_bottom;
}

/* A tolerance for lengths that are meant to be exact multiples. */
#define GRID_EPSILON 1e-6

int yb_style_chars_per_line(const yb_style *s)
{
	return (int)floor(yb_style_text_width(s) / s->body.size + GRID_EPSILON);
}

int yb_style_face_at(const yb_style *s, size_t i, yb_style_part *part)
{
	for (size_t k = 0; k < G_N_ELEMENTS(fields); k++) {
		const field *f = &fields[k];
		if (f->kind != K_FACE || i-- > 0)
			continue;
		size_t n = strlen(f->key);
		snprintf(part->name, sizeof part->name, "%s%s%.*s", f->group, n ? " " : "",
		         (int)(n && f->key[n - 1] == '-' ? n - 1 : n), f->key);
		part->face = (const yb_face *)((const char *)s + f->offset);
		return 1;
	}
	return 0;
}

int yb_style_lines_per_page(const yb_style *s)
{
	double h = yb_style_text_height(s);
	if (h + GRID_EPSILON < s->body.size)
		return 0;
	return (int)floor((h - s->body.size) / s->body.pitch + GRID_EPSILON) + 1;
}
