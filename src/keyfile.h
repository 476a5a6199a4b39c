/* keyfile: an INI file read with GLib's GKeyFile, plus the line of every
 * group and key, which GKeyFile does not keep, so that messages can point at
 * them; and the check that warns about unknown groups and keys, naming the
 * nearest known one.
 *
 * The file must be UTF-8 (a BOM is allowed); comments start with '#' (GKeyFile
 * does not accept ';').  yb_keyfile_load() returns a keyfile the caller owns
 * and frees with yb_keyfile_free(); strings returned by yb_keyfile_get() are
 * the caller's (g_free), all others belong to the keyfile.
 */
#ifndef YB_KEYFILE_H
#define YB_KEYFILE_H

#include <stddef.h>

typedef struct yb_keyfile yb_keyfile;

/* The groups a reader knows: a group called `name`, or with `prefix` set
 * every group whose name starts with `name`; `keys` is NULL-terminated. */
typedef struct yb_keyfile_group {
	const char *name;
	int prefix;
	const char *const *keys;
} yb_keyfile_group;

/* Reads and parses `path`.  Returns NULL after printing `path:line: error:`
 * when it cannot be read, is not UTF-8 or is not valid INI. */
yb_keyfile *yb_keyfile_load(const char *path);
void yb_keyfile_free(yb_keyfile *kf);

const char *yb_keyfile_path(const yb_keyfile *kf);

/* The groups in file order (duplicates merged, as GKeyFile does), NULL-terminated. */
const char *const *yb_keyfile_groups(const yb_keyfile *kf);

/* The value of `key` in `group`, whitespace-trimmed and unescaped, or NULL when
 * absent.  The caller frees it with g_free(). */
char *yb_keyfile_get(const yb_keyfile *kf, const char *group, const char *key);

/* The line of `key` in `group` (the last one when repeated, as that is the
 * value GKeyFile keeps), or of the group's header when key is NULL; 0 when
 * absent. */
long yb_keyfile_line(const yb_keyfile *kf, const char *group, const char *key);

/* Whether group `name` is one of `g` (for a prefix group: the prefix, then
 * nothing or a character that is not a letter, so [reports] is not one). */
int yb_keyfile_group_matches(const char *name, const yb_keyfile_group *g);

/* Warns about every group or key given twice (GKeyFile keeps the last), then,
 * in file order, about every group and key not in `known` (n groups):
 * `file:line: warning: unknown key 'x' in [g]; did you mean 'y'?`.  Returns
 * the number of warnings. */
int yb_keyfile_check(const yb_keyfile *kf, const yb_keyfile_group *known, size_t n);

/* The candidate (NULL-terminated list) nearest to `word` by edit distance
 * (in characters), or NULL when none is close enough to be a likely typo. */
const char *yb_keyfile_nearest(const char *word, const char *const *candidates);

#endif
