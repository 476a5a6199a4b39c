/* keyfile: GKeyFile with line numbers.
 *
 * GKeyFile parses the values (escapes, duplicate keys and groups) but forgets
 * where things were.  So the text is also scanned line by line with the same
 * rules GKeyFile uses (blank and '#' lines are comments, "[name]" starts a
 * group, "key = value" is an entry, anything else is an error) and every
 * group header and key is recorded with its line.  The same scan finds the
 * line GKeyFile complains about, since its messages carry none.
 */
#include "keyfile.h"

#include "diag.h"
#include "read.h"

#include <glib.h>
#include <string.h>

typedef struct place {
	char *group;
	char *key;          /* NULL for a group header */
	long line;
} place;

struct yb_keyfile {
	char *path;
	GKeyFile *gkf;
	char **groups;      /* from GKeyFile, file order */
	GArray *places;     /* of place, file order */
	GHashTable *lines;  /* "group\037key" or "group" -> line (as pointer) */
	long bad_line;      /* first line the scan could not read, 0 when none */
};

static char *line_id(const char *group, const char *key)
{
	return key ? g_strconcat(group, "\037", key, NULL) : g_strdup(group);
}

static void record(yb_keyfile *kf, const char *group, char *key, long line)
{
	place p = { g_strdup(group), key, line };
	g_array_append_val(kf->places, p);
	/* a group keeps its first header's line; a key its last occurrence's */
	char *id = line_id(group, key);
	if (!key && g_hash_table_contains(kf->lines, id))
		g_free(id);
	else
		g_hash_table_replace(kf->lines, id, GINT_TO_POINTER(line));
}

/* One line of the scan; returns 0 when the line is not INI. */
static int scan_line(yb_keyfile *kf, char *text, long line, char **group)
{
	char *s = g_strstrip(text);
	if (!*s || *s == '#')
		return 1;
	size_t len = strlen(s);
	if (*s == '[') {
		if (len < 3 || s[len - 1] != ']' || strpbrk(s + 1, "[]") != s + len - 1)
			return 0;
		g_free(*group);
		*group = g_strndup(s + 1, len - 2);
		record(kf, *group, NULL, line);
		return 1;
	}
	char *eq = strchr(s, '=');
	if (!eq || eq == s || !*group)
		return 0;
	*eq = '\0';
	record(kf, *group, g_strdup(g_strchomp(s)), line);
	return 1;
}

static void scan(yb_keyfile *kf, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	char *group = NULL;
	for (long i = 0; lines[i]; i++)
		if (!scan_line(kf, lines[i], i + 1, &group) && !kf->bad_line)
			kf->bad_line = i + 1;
	g_free(group);
	g_strfreev(lines);
}

static long line_of_offset(const char *text, size_t offset)
{
	long line = 1;
	for (size_t i = 0; i < offset; i++)
		line += text[i] == '\n';
	return line;
}

static void free_place(void *p)
{
	place *pl = p;
	g_free(pl->group);
	g_free(pl->key);
}

static yb_keyfile *keyfile_new(const char *path)
{
	yb_keyfile *kf = g_new0(yb_keyfile, 1);
	kf->path = g_strdup(path);
	kf->gkf = g_key_file_new();
	kf->places = g_array_new(FALSE, FALSE, sizeof(place));
	g_array_set_clear_func(kf->places, free_place);
	kf->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return kf;
}

/* Parses UTF-8 `text` into kf; returns -1 after printing. */
static int parse(yb_keyfile *kf, const char *text, size_t len)
{
	const char *bad;
	if (!g_utf8_validate(text, len, &bad)) {
		yb_diag_error(kf->path, line_of_offset(text, bad - text),
			      "not UTF-8 (byte offset %zu); save the file as UTF-8", (size_t)(bad - text));
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	long line, col;
	gunichar c = yb_read_noncharacter(text, len, &line, &col);
	if (c) {
		yb_diag_error(kf->path, line, "column %ld: U+%04X is a Unicode noncharacter, which no text may hold; "
			      "delete it", col, c);
		return -1;
	}
	if ((c = yb_read_bidi_control(text, len, &line, &col)))
		yb_diag_warn(kf->path, line, "column %ld: U+%04X, %s", col, c, YB_READ_BIDI_WARNING);
	scan(kf, text);
	GError *err = NULL;
	if (!g_key_file_load_from_data(kf->gkf, text, len, G_KEY_FILE_NONE, &err)) {
		yb_diag_error(kf->path, kf->bad_line, "not a valid INI file: %s; write '[group]' headers, "
			      "'key = value' lines and '#' comments", err->message);
		g_error_free(err);
		return -1;
	}
	kf->groups = g_key_file_get_groups(kf->gkf, NULL);
	return 0;
}

/* The most a manifest, style or indicator file may hold: far more than any
 * does, far less than /dev/zero behind a link would pour in. */
#define MAX_KEYFILE_BYTES (16u << 20)

yb_keyfile *yb_keyfile_load(const char *path)
{
	char *text;
	size_t len;
	if (yb_read_raw(path, MAX_KEYFILE_BYTES, "manifest or style file", &text, &len) < 0)
		return NULL;
	yb_keyfile *kf = keyfile_new(path);
	int rc = parse(kf, text, len);
	g_free(text);
	if (rc < 0) {
		yb_keyfile_free(kf);
		return NULL;
	}
	return kf;
}

void yb_keyfile_free(yb_keyfile *kf)
{
	if (!kf)
		return;
	g_free(kf->path);
	g_key_file_free(kf->gkf);
	g_strfreev(kf->groups);
	g_array_unref(kf->places);
	g_hash_table_destroy(kf->lines);
	g_free(kf);
}

const char *yb_keyfile_path(const yb_keyfile *kf)
{
	return kf->path;
}

const char *const *yb_keyfile_groups(const yb_keyfile *kf)
{
	return (const char *const *)kf->groups;
}

char *yb_keyfile_get(const yb_keyfile *kf, const char *group, const char *key)
{
	char *v = g_key_file_get_string(kf->gkf, group, key, NULL);
	return v ? g_strstrip(v) : NULL;
}

long yb_keyfile_line(const yb_keyfile *kf, const char *group, const char *key)
{
	char *id = line_id(group, key);
	long line = GPOINTER_TO_INT(g_hash_table_lookup(kf->lines, id));
	g_free(id);
	return line;
}

/* ---- unknown groups and keys ---- */

/* Optimal string alignment distance (edits and adjacent swaps), in characters. */
static size_t distance(const char *a, const char *b)
{
	glong n, m;
	gunichar *s = g_utf8_to_ucs4_fast(a, -1, &n);
	gunichar *t = g_utf8_to_ucs4_fast(b, -1, &m);
	size_t w = (size_t)m + 1;
	size_t *d = g_new(size_t, ((size_t)n + 1) * w);
	for (glong i = 0; i <= n; i++)
		for (glong j = 0; j <= m; j++) {
			size_t v;
			if (!i || !j) {
				v = (size_t)(i + j);
			} else {
				size_t sub = d[(i - 1) * w + j - 1] + (s[i - 1] != t[j - 1]);
				v = MIN(MIN(d[(i - 1) * w + j], d[i * w + j - 1]) + 1, sub);
				if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1])
					v = MIN(v, d[(i - 2) * w + j - 2] + 1);
			}
			d[i * w + j] = v;
		}
	size_t r = d[n * w + m];
	g_free(d);
	g_free(s);
	g_free(t);
	return r;
}

const char *yb_keyfile_nearest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; candidates[i]; i++) {
		size_t d = distance(word, candidates[i]);
		if (d < best_d)
			best = candidates[i], best_d = d;
	}
	/* a typo changes a few characters, not most of the word */
	return best && best_d <= 1 + (size_t)g_utf8_strlen(word, -1) / 3 ? best : NULL;
}

int yb_keyfile_group_matches(const char *name, const yb_keyfile_group *g)
{
	if (!g->prefix)
		return !strcmp(name, g->name);
	size_t n = strlen(g->name);
	/* "report 1", "report-a", "report": yes; "reports", "reporter": no */
	return !strncmp(name, g->name, n) && !g_ascii_isalpha(name[n]);
}

static const yb_keyfile_group *find_group(const char *name, const yb_keyfile_group *known, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (yb_keyfile_group_matches(name, &known[i]))
			return &known[i];
	return NULL;
}

static int known_key(const char *key, const char *const *keys)
{
	for (size_t i = 0; keys[i]; i++)
		if (!strcmp(key, keys[i]))
			return 1;
	return 0;
}

/* "; did you mean 'y'?" or "; known keys are: a, b, c" into msg. */
static void suggest(GString *msg, const char *word, const char *what, const char *const *candidates)
{
	const char *near = yb_keyfile_nearest(word, candidates);
	if (near) {
		g_string_append_printf(msg, "; did you mean '%s'?", near);
		return;
	}
	char *list = g_strjoinv(", ", (char **)candidates);
	g_string_append_printf(msg, "; known %s are: %s", what, list);
	g_free(list);
}

static void warn_group(const yb_keyfile *kf, const place *p, const yb_keyfile_group *known, size_t n)
{
	const char **names = g_new0(const char *, n + 1);
	for (size_t i = 0; i < n; i++)
		names[i] = known[i].name;
	GString *msg = g_string_new(NULL);
	g_string_printf(msg, "unknown group '[%s]' (its keys are ignored)", p->group);
	const yb_keyfile_group *near = NULL;
	for (size_t i = 0; i < n && !near; i++)
		if (known[i].prefix && g_str_has_prefix(p->group, known[i].name))
			near = &known[i];
	if (near)
		g_string_append_printf(msg, "; a group of this kind is named '[%s' and a number or name after a space, "
				       "e.g. '[%s 1]'", near->name, near->name);
	else
		suggest(msg, p->group, "groups", names);
	yb_diag_warn(kf->path, p->line, "%s", msg->str);
	g_string_free(msg, TRUE);
	g_free(names);
}

static void warn_key(const yb_keyfile *kf, const place *p, const yb_keyfile_group *g)
{
	GString *msg = g_string_new(NULL);
	g_string_printf(msg, "unknown key '%s' in [%s]", p->key, p->group);
	suggest(msg, p->key, "keys", g->keys);
	yb_diag_warn(kf->path, p->line, "%s", msg->str);
	g_string_free(msg, TRUE);
}

/* A group or a key in the same group given twice: GKeyFile merges the
 * groups and keeps the last value, so the first is silently lost. */
static int warn_repeats(const yb_keyfile *kf)
{
	GHashTable *first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int warnings = 0;
	for (guint i = 0; i < kf->places->len; i++) {
		const place *p = &g_array_index(kf->places, place, i);
		char *id = line_id(p->group, p->key);
		long at = GPOINTER_TO_INT(g_hash_table_lookup(first, id));
		if (!at) {
			g_hash_table_insert(first, id, GINT_TO_POINTER(p->line));
			continue;
		}
		g_free(id);
		warnings++;
		if (p->key)
			yb_diag_warn(kf->path, p->line, "'%s' is given again in [%s] (first on line %ld); only this "
				     "last value is used", p->key, p->group, at);
		else
			yb_diag_warn(kf->path, p->line, "group '[%s]' is given again (first on line %ld); the two are "
				     "read as one group, the later keys winning: give each group its own name",
				     p->group, at);
	}
	g_hash_table_destroy(first);
	return warnings;
}

int yb_keyfile_check(const yb_keyfile *kf, const yb_keyfile_group *known, size_t n)
{
	int warnings = warn_repeats(kf);
	for (guint i = 0; i < kf->places->len; i++) {
		const place *p = &g_array_index(kf->places, place, i);
		const yb_keyfile_group *g = find_group(p->group, known, n);
		if (!g && !p->key) {
			warn_group(kf, p, known, n);
			warnings++;
		} else if (g && p->key && !known_key(p->key, g->keys)) {
			warn_key(kf, p, g);
			warnings++;
		}
	}
	return warnings;
}
