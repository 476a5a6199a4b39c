/* batch: `yearbook batch`, many books in one run.
 *
 * Design note.
 *
 * One child process per book.  Each book is built by the same binary,
 * `yearbook build MANIFEST -o OUTPUT -j K`, started with posix_spawn, its
 * stdout and stderr captured through one pipe.  Not threads, because:
 *  - diagnostics are per process (diag.c counts and prints to stderr for
 *    the whole process, fonts.c prints each stand-in note once per
 *    process), and fontconfig's current configuration is process-wide; a
 *    child gives every book its own, and its messages come back per book;
 *  - a book that crashes, runs out of memory or meets a failing library
 *    ends its own process only: the rest of the batch goes on;
 *  - memory is bounded by the -j children alive at a time; the parent keeps
 *    one small record per book (at most LOG_MAX bytes of its messages).
 * The price is one process start per book (exec and fontconfig's caches,
 * some tens of milliseconds against about a second for a small book).
 *
 * Thread budget (-j J, default one per core): at most J books at a time; a
 * book started when R books are still to finish lays out its reports with
 * max(1, J / min(J, R)) threads, so the tail of a batch uses every core.
 *
 * Incremental builds.  Before anything is built, a SHA-256 is taken over
 * everything a book's bytes depend on: yearbook's own executable (its
 * version and code), the fonts (yb_fonts_fingerprint), every file of the
 * styles folder (the styles, their bases, the shipped indicator file), the
 * settings that change the output (SOURCE_DATE_EPOCH, --strict,
 * --keep-punctuation), and per book the manifest, each report, a style
 * given by path (with the styles beside it, which it may inherit, but not
 * the manifests there) and its indicator file.  After a successful build
 * the hash, the page count and the output's size and modification time
 * go into a stamp beside the output, `.NAME.pdf.yearbook` (temporary file
 * and rename).  A book is skipped when the stamp's hash is the book's and
 * the output is still the file that was built.  Manifests are read
 * silently here: a manifest that cannot be read is simply built, and its
 * child names its problems.
 *
 * Output: on a terminal one live line (books done of total, the book
 * started last, elapsed and estimated time left), refusals printed above it
 * as they come; otherwise, or with -q, one line per finished book.  Then
 * the notes of all books, each kind (numbers, quoted text and file names
 * blanked) once with the number of books it came from; each book's
 * warnings and errors, a message repeated shown once with a count; then a
 * table of every book on stdout, with its first error or, when built, its
 * first warning; --report FILE writes the same as JSON, with every book's
 * messages.
 *
 * Stopping.  SIGINT, SIGTERM and SIGHUP (^C, `kill PID`) stop the batch:
 * no more books are started, the ones being built get the signal too (their
 * outputs are never half-written), and the table and the report still come,
 * with exit 128+N as for build (130 for ^C).  The signals are blocked but
 * in ppoll(), so none is missed between a check and the wait.
 */
#include "batch.h"

#include "json.h"

#include "cli.h"
#include "diag.h"
#include "fonts.h"
#include "manifest.h"
#include "output.h"
#include "paths.h"
#include "style.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define LOG_MAX (64 * 1024)     /* the messages kept per book */
#define STAMP_SUFFIX ".yearbook"

typedef enum { PENDING, RUNNING, SKIPPED, BUILT, REFUSED, FAILED } book_state;
static const char *const state_name[] = {"pending", "running", "skipped", "built", "refused", "failed"};

/* What a job writes: the book, or the archive and press variants a
 * manifest asks for, each by a command and its flags. */
typedef enum { OUT_BOOK, OUT_ARCHIVE, OUT_SPLIT, OUT_PRESS, OUT_PRESS_COVER } output_kind;
static const char *const kind_name[] = {"book", "archive", "archive-split", "press", "press-cover"};
static const char *const kind_command[] = {"build", "build", "build", "build", "cover"};
static const char *const kind_flags[][2] = {
	{NULL, NULL}, {"--archive", NULL}, {"--archive", "--split"}, {"--press", NULL}, {"--press", NULL}
};

/* One job: one output of one manifest. */
typedef struct book {
	char *manifest;          /* as found */
	output_kind kind;
	char *output;            /* where the book goes */
	char *hash;              /* of its inputs, or NULL: cannot tell, so build */
	book_state state;
	int pages;               /* -1 unknown */
	double secs;
	char *first_error;       /* NULL when none */
	char *first_warning;     /* a built book's, NULL when none */
	GString *log;            /* the child's stdout and stderr */
	pid_t pid;
	int fd;
	double started;
} book;

typedef struct batch_opts {
	int jobs, quiet, list, force, strict, keep_punct, allow_outside;
	char *out, *report;
	char **args;
} batch_opts;

typedef struct batch {
	batch_opts o;
	const char *exe;
	GPtrArray *books;        /* book* */
	int tty;
	double t0;
	size_t done, to_build, built_done;
	const char *current;     /* the book started last */
	sigset_t mask;           /* the signal mask to give the children (and to poll with) */
	GHashTable *folders;     /* while planning: a style's folder -> the hash of its files */
	char *drawn;             /* the live line last drawn */
} batch;

static double now(void)
{
	return (double)g_get_monotonic_time() / 1e6;
}

/* ---- finding manifests ------------------------------------------------------- */

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in `dir` but hidden ones, sorted; NULL when it cannot be read. */
static GPtrArray *sorted_names(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return NULL;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	for (const char *n; (n = g_dir_read_name(d));)
		if (n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	return names;
}

/* A manifest has a [book] or a [report ...] group; a style or an indicator
 * file in the same folder has neither. */
static int looks_like_manifest(const char *path)
{
	char *text = NULL;
	/* a pipe or a device would hang or flood the read: let the build say why */
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents(path, &text, NULL, NULL))
		return 1; /* unreadable: let the build say why */
	int yes = 0;
	for (char *l = text; l && *l && !yes; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		l += strspn(l, " \t\xef\xbb\xbf");
		yes = g_str_has_prefix(l, "[book]") || g_str_has_prefix(l, "[report");
	}
	g_free(text);
	return yes;
}

/* Every manifest under `dir` (sorted, hidden entries skipped); `rel` is
 * the folder below the one named, kept under --out. */
static void scan_folder(batch *b, const char *dir, const char *rel, GPtrArray *found)
{
	GPtrArray *names = sorted_names(dir);
	if (!names)
		return;
	for (guint i = 0; i < names->len; i++) {
		const char *n = *(char **)&names->pdata[i];
		char *path = g_build_filename(dir, n, NULL);
		char *sub = rel[0] ? g_build_filename(rel, n, NULL) : g_strdup(n);
		if (g_file_test(path, G_FILE_TEST_IS_DIR))
			scan_folder(b, path, sub, found);
		else if (g_str_has_suffix(n, ".ini") && looks_like_manifest(path)) {
			g_ptr_array_add(found, g_strdup(path));
			char *up = g_path_get_dirname(sub);
			g_ptr_array_add(found, strcmp(up, ".") ? up : (g_free(up), g_strdup("")));
		}
		g_free(sub);
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
}

/* Pairs (manifest, folder under --out) from the arguments. */
static GPtrArray *find_manifests(batch *b)
{
	GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
	for (char **a = b->o.args; a && *a; a++) {
		if (g_file_test(*a, G_FILE_TEST_IS_DIR)) {
			scan_folder(b, *a, "", found);
		} else if (g_file_test(*a, G_FILE_TEST_EXISTS) && !looks_like_manifest(*a)) {
			/* a style or an indicator file caught by a glob of books */
			yb_diag_note(*a, 0, "not a book manifest (no [book] or [report] group): left out");
		} else if (g_file_test(*a, G_FILE_TEST_EXISTS)) {
			g_ptr_array_add(found, g_strdup(*a));
			g_ptr_array_add(found, g_strdup(""));
		} else {
			yb_diag_usage("'%s' is neither a book manifest nor a folder of them", *a);
			g_ptr_array_free(found, TRUE);
			return NULL;
		}
	}
	if (found->len == 0) {
		yb_diag_usage("no book manifests (*.ini with a [book] or [report] group) in %s; "
		              "try 'yearbook batch books/'", b->o.args && *b->o.args ? "what was given" : "no arguments");
		g_ptr_array_free(found, TRUE);
		return NULL;
	}
	return found;
}

/* ---- hashing the inputs ------------------------------------------------------ */

/* Adds a file's path, modification time and bytes to `sum` (the time too:
 * a book without a date takes its creation date from its newest input, and
 * touching a report is how a user asks for its books again); -1 when it
 * cannot be read.  The path is made absolute first: the same books named
 * 'books', './books/' or from inside the folder are the same books. */
static int hash_file(GChecksum *sum, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	char *canon = g_canonicalize_filename(path, NULL);
	char *head = g_strdup_printf("%s %lld", canon, (long long)st.st_mtime);
	g_checksum_update(sum, (const guchar *)head, (gssize)strlen(head) + 1);
	g_free(head);
	g_free(canon);
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	guchar buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		g_checksum_update(sum, buf, (gssize)n);
	int rc = ferror(f) ? -1 : 0;
	fclose(f);
	return rc;
}

/* Every style, indicator file and font configuration under `dir`, sorted,
 * hidden ones and book manifests skipped (a style inherits no manifest, and
 * editing one book's manifest must not rebuild every book whose style
 * stands beside it). */
static void hash_folder(GChecksum *sum, const char *dir, int recurse)
{
	GPtrArray *names = sorted_names(dir);
	if (!names)
		return;
	for (guint i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, *(char **)&names->pdata[i], NULL);
		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			if (recurse)
				hash_folder(sum, path, 1);
		} else if (g_str_has_suffix(path, ".conf") ||
		           (g_str_has_suffix(path, ".ini") && !looks_like_manifest(path))) {
			hash_file(sum, path);
		}
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
}

/* What every book depends on; NULL when the fonts cannot be loaded (then
 * every book is built, and says why). */
static char *common_hash(const batch *b)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	int rc = hash_file(sum, b->exe);
	char *dir = yb_paths_data("styles");
	hash_folder(sum, dir, 1);
	g_free(dir);
	dir = yb_paths_data("archive");
	hash_folder(sum, dir, 0);
	g_free(dir);
	dir = yb_paths_data("fonts");
	hash_folder(sum, dir, 0); /* the archive's font configuration too */
	yb_fonts *fonts = yb_fonts_load(dir);
	g_free(dir);
	if (fonts) {
		char *fp = yb_fonts_fingerprint(fonts);
		g_checksum_update(sum, (const guchar *)fp, -1);
		g_free(fp);
		yb_fonts_free(fonts);
	}
	const char *sde = g_getenv("SOURCE_DATE_EPOCH");
	char *settings = g_strdup_printf("epoch=%s strict=%d keep=%d", sde ? sde : "", b->o.strict, b->o.keep_punct);
	g_checksum_update(sum, (const guchar *)settings, -1);
	g_free(settings);
	char *hex = rc == 0 && fonts ? g_strdup(g_checksum_get_string(sum)) : NULL;
	g_checksum_free(sum);
	return hex;
}

/* The hash of the files in a style's folder (which it may inherit), taken
 * once per folder. */
static const char *style_folder(batch *b, const char *style)
{
	char *dir = g_path_get_dirname(style);
	const char *hex = g_hash_table_lookup(b->folders, dir);
	if (hex) {
		g_free(dir);
		return hex;
	}
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	hash_folder(sum, dir, 0);
	char *made = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	g_hash_table_insert(b->folders, dir, made);
	return made;
}

static char *book_hash(batch *b, const yb_manifest *m, const char *common)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)common, -1);
	int rc = hash_file(sum, m->path);
	for (size_t i = 0; i < m->nreports; i++)
		rc |= hash_file(sum, m->reports[i].file);
	for (int k = 0; k < YB_FRONT_COUNT; k++)
		if (m->front[k].file)
			rc |= hash_file(sum, m->front[k].file);
	if (m->style && yb_style_is_path(m->style)) {
		rc |= hash_file(sum, m->style);
		g_checksum_update(sum, (const guchar *)style_folder(b, m->style), -1);
	}
	if (m->indicators)
		rc |= hash_file(sum, m->indicators);
	char *hex = rc == 0 ? g_strdup(g_checksum_get_string(sum)) : NULL;
	g_checksum_free(sum);
	return hex;
}

/* ---- stamps ------------------------------------------------------------------ */

static char *stamp_path(const char *output)
{
	char *dir = g_path_get_dirname(output), *base = g_path_get_basename(output);
	char *name = g_strconcat(".", base, STAMP_SUFFIX, NULL);
	char *path = g_build_filename(dir, name, NULL);
	g_free(dir);
	g_free(base);
	g_free(name);
	return path;
}

/* Whether the stamp holds `hash` and the output is the file it describes;
 * *pages gets the pages it counted. */
static int stamp_matches(const char *output, const char *hash, int *pages)
{
	char *path = stamp_path(output), *text = NULL;
	int match = 0;
	struct stat st;
	if (g_file_get_contents(path, &text, NULL, NULL) && stat(output, &st) == 0) {
		char h[128] = "";
		long long size = -1, mtime = -1;
		int p = -1;
		if (sscanf(text, "yearbook-stamp 1\nhash %127s\npages %d\nsize %lld\nmtime %lld", h, &p, &size, &mtime) == 4 &&
		    strcmp(h, hash) == 0 && size == (long long)st.st_size && mtime == (long long)st.st_mtime) {
			match = 1;
			*pages = p;
		}
	}
	g_free(text);
	g_free(path);
	return match;
}

static int write_stamp(const book *k)
{
	struct stat st;
	if (stat(k->output, &st) != 0)
		return yb_diag_syserr("cannot read '%s' after building it: %s", k->output, strerror(errno));
	char *path = stamp_path(k->output);
	char *text = g_strdup_printf("yearbook-stamp 1\nhash %s\npages %d\nsize %lld\nmtime %lld\n", k->hash,
	                             k->pages, (long long)st.st_size, (long long)st.st_mtime);
	GError *err = NULL;
	int rc = g_file_set_contents(path, text, -1, &err) ? 0 : -1;
	if (rc)
		yb_diag_syserr("cannot write '%s': %s", path, err->message);
	g_clear_error(&err);
	g_free(text);
	g_free(path);
	return rc;
}

/* ---- planning ---------------------------------------------------------------- */

/* Where an output named by the manifest (`own`, resolved against its
 * folder) goes: there; or under --out DIR, at the same path relative to the
 * manifest, below `rel`, the manifest's folder under the argument named (an
 * absolute path in the manifest stays as it is). */
static char *output_for(const batch *b, const char *manifest, const char *own, const char *rel)
{
	char *path = g_strdup(own);
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0'; /* a folder's stamp goes beside it, not in it */
	if (!b->o.out)
		return path;
	char *dir = g_path_get_dirname(manifest);
	size_t dl = strlen(dir);
	const char *tail = NULL;
	if (strcmp(dir, ".") == 0)
		tail = g_path_is_absolute(path) ? NULL : path;
	else if (strncmp(path, dir, dl) == 0 && path[dl] == '/')
		tail = path + dl + 1;
	char *out = tail ? g_build_filename(b->o.out, rel, tail, NULL) : g_strdup(path);
	g_free(dir);
	g_free(path);
	return out;
}

static void add_job(batch *b, const char *manifest, const char *own, const char *rel, output_kind kind,
                    const char *hash)
{
	book *k = g_new0(book, 1);
	k->manifest = g_strdup(manifest);
	k->kind = kind;
	k->pages = -1;
	k->fd = -1;
	k->output = output_for(b, manifest, own, rel);
	if (hash)
		k->hash = g_strdup_printf("%s-%s", hash, kind_name[kind]);
	if (k->hash && !b->o.force && stamp_matches(k->output, k->hash, &k->pages))
		k->state = SKIPPED;
	g_ptr_array_add(b->books, k);
}

/* The jobs of one manifest: its book, and the archive outputs it names.
 * A manifest that cannot be read is one job, built to say why. */
static void plan_book(batch *b, const char *manifest, const char *rel, const char *common)
{
	yb_manifest m;
	yb_diag_set_silent(1);
	int ok = yb_manifest_read(manifest, &m) == 0;
	yb_diag_set_silent(0);
	yb_diag_reset();
	yb_manifest bare = {.path = (char *)manifest};
	char *own = yb_manifest_output(ok ? &m : &bare);
	char *hash = ok && common ? book_hash(b, &m, common) : NULL;
	add_job(b, manifest, own, rel, OUT_BOOK, hash);
	if (ok && m.archive)
		add_job(b, manifest, m.archive, rel, OUT_ARCHIVE, hash);
	if (ok && m.archive_split)
		add_job(b, manifest, m.archive_split, rel, OUT_SPLIT, hash);
	if (ok && m.press)
		add_job(b, manifest, m.press, rel, OUT_PRESS, hash);
	if (ok && m.press_cover)
		add_job(b, manifest, m.press_cover, rel, OUT_PRESS_COVER, hash);
	g_free(hash);
	g_free(own);
	if (ok)
		yb_manifest_release(&m);
}

static void refuse(book *k, char *message)
{
	k->state = REFUSED;
	k->first_error = message;
}

/* Two books writing one file would overwrite each other: the later is refused. */
static void refuse_shared_outputs(batch *b)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint i = 0; i < b->books->len; i++) {
		book *k = g_ptr_array_index(b->books, i);
		char *key = g_canonicalize_filename(k->output, NULL);
		book *first = g_hash_table_lookup(seen, key);
		if (first) {
			refuse(k, g_strdup_printf("%s: error: its book '%s' is also the book of '%s'; give it "
			                          "another 'output ='", k->manifest, k->output, first->manifest));
			g_free(key);
		} else {
			g_hash_table_insert(seen, key, k);
		}
	}
	g_hash_table_destroy(seen);
}

static void book_free(gpointer p)
{
	book *k = p;
	g_free(k->manifest);
	g_free(k->output);
	g_free(k->hash);
	g_free(k->first_error);
	g_free(k->first_warning);
	if (k->log)
		g_string_free(k->log, TRUE);
	g_free(k);
}

static int plan(batch *b)
{
	GPtrArray *found = find_manifests(b);
	if (!found)
		return -1;
	char *common = common_hash(b);
	GHashTable *dup = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	b->folders = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	b->books = g_ptr_array_new_with_free_func(book_free);
	for (guint i = 0; i < found->len; i += 2) {
		const char *manifest = g_ptr_array_index(found, i);
		char *canon = g_canonicalize_filename(manifest, NULL);
		if (g_hash_table_contains(dup, canon)) {
			g_free(canon);
			continue;
		}
		g_hash_table_add(dup, canon);
		plan_book(b, manifest, g_ptr_array_index(found, i + 1), common);
	}
	g_hash_table_destroy(dup);
	g_clear_pointer(&b->folders, g_hash_table_destroy);
	g_free(common);
	g_ptr_array_free(found, TRUE);
	refuse_shared_outputs(b);
	return 0;
}

/* ---- --list ------------------------------------------------------------------ */

/* One self-contained shell command per book: absolute paths, the output's
 * folder created, SOURCE_DATE_EPOCH carried when set. */
static int list_books(const batch *b)
{
	const char *sde = g_getenv("SOURCE_DATE_EPOCH");
	char *exe = g_shell_quote(b->exe);
	char *qsde = g_shell_quote(sde ? sde : "");
	char *epoch = sde && *sde ? g_strdup_printf("SOURCE_DATE_EPOCH=%s ", qsde) : g_strdup("");
	g_free(qsde);
	int refused = 0;
	for (guint i = 0; i < b->books->len; i++) {
		const book *k = g_ptr_array_index(b->books, i);
		if (k->state == REFUSED) {
			fprintf(stderr, "%s\n", k->first_error);
			refused = 1;
			continue;
		}
		char *man = g_canonicalize_filename(k->manifest, NULL), *out = g_canonicalize_filename(k->output, NULL);
		char *dir = g_path_get_dirname(out);
		char *qm = g_shell_quote(man), *qo = g_shell_quote(out), *qd = g_shell_quote(dir);
		const char *const *flags = kind_flags[k->kind];
		printf("mkdir -p %s && %s%s %s -q %s -o %s%s%s%s%s%s%s%s\n", qd, epoch, exe, kind_command[k->kind], qm, qo,
		       b->o.strict ? " --strict" : "", b->o.keep_punct ? " --keep-punctuation" : "",
		       flags[0] ? " " : "", flags[0] ? flags[0] : "", flags[1] ? " " : "", flags[1] ? flags[1] : "",
		       b->o.allow_outside ? " --allow-outside" : "");
		g_free(qm);
		g_free(qo);
		g_free(qd);
		g_free(dir);
		g_free(man);
		g_free(out);
	}
	g_free(exe);
	g_free(epoch);
	if (fflush(stdout) != 0)
		return yb_diag_syserr("cannot write the list: %s", strerror(errno));
	return refused ? YB_EXIT_INPUT : 0;
}

/* ---- pages ------------------------------------------------------------------- */

int yb_batch_pdf_pages(const char *pdf, size_t len)
{
	static const char pages[] = "/Type /Pages", count[] = "/Count ", endobj[] = "endobj";
	int best = -1;
	const char *end = pdf + len;
	for (const char *p = pdf; (p = memmem(p, (size_t)(end - p), pages, sizeof pages - 1)); p++) {
		const char *stop = memmem(p, (size_t)(end - p), endobj, sizeof endobj - 1);
		const char *c = memmem(p, (size_t)((stop ? stop : end) - p), count, sizeof count - 1);
		int n = c ? atoi(c + sizeof count - 1) : -1;
		if (n > best)
			best = n; /* the root counts every page; nodes below it count fewer */
	}
	return best;
}

static int pages_of(const char *path)
{
	char *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(path, &data, &len, NULL))
		return -1;
	int n = yb_batch_pdf_pages(data, len);
	g_free(data);
	return n;
}

/* ---- progress ---------------------------------------------------------------- */

static char *clock_text(double secs)
{
	long s = (long)(secs + 0.5);
	return s >= 3600 ? g_strdup_printf("%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60)
	                 : g_strdup_printf("%ld:%02ld", s / 60, s % 60);
}

static int term_width(void)
{
	struct winsize ws;
	return ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
}

/* Cuts `s` to `cols` columns (a CJK character counts two). */
static void clip(GString *s, int cols)
{
	int used = 0;
	for (const char *p = s->str; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		used += g_unichar_iswide(c) ? 2 : 1;
		if (used > cols) {
			g_string_truncate(s, (gsize)(p - s->str));
			return;
		}
	}
}

static void live_line(batch *b)
{
	if (!b->tty)
		return;
	double el = now() - b->t0;
	GString *s = g_string_new(NULL);
	char *elapsed = clock_text(el);
	g_string_printf(s, "[%zu/%u] %s elapsed", b->done, b->books->len, elapsed);
	if (b->built_done > 0 && b->to_build > b->built_done) {
		char *left = clock_text(el / (double)b->built_done * (double)(b->to_build - b->built_done));
		g_string_append_printf(s, ", about %s left", left);
		g_free(left);
	}
	if (b->current)
		g_string_append_printf(s, "  %s", b->current);
	clip(s, term_width() - 1);
	if (g_strcmp0(s->str, b->drawn) != 0) {
		fprintf(stderr, "\r\033[K%s", s->str);
		fflush(stderr);
	}
	g_free(elapsed);
	g_free(b->drawn);
	b->drawn = g_string_free(s, FALSE);
}

static void finished_line(batch *b, const book *k)
{
	if (b->tty && k->state == BUILT && !b->o.quiet)
		return; /* the live line says it */
	GString *s = g_string_new(NULL);
	int w = (int)snprintf(NULL, 0, "%u", b->books->len);
	g_string_printf(s, "[%*zu/%u] %-7s %s", w, b->done, b->books->len, state_name[k->state], k->manifest);
	if (k->state == BUILT && k->pages >= 0)
		g_string_append_printf(s, " -> %s (%d pages, %.1f s)", k->output, k->pages, k->secs);
	else if (k->state == BUILT)
		g_string_append_printf(s, " -> %s (%.1f s)", k->output, k->secs);
	else if (k->first_error)
		g_string_append_printf(s, ": %s", k->first_error);
	fprintf(stderr, "%s%s\n", b->tty ? "\r\033[K" : "", s->str);
	g_string_free(s, TRUE);
	g_clear_pointer(&b->drawn, g_free);
	live_line(b);
}

/* ---- building ---------------------------------------------------------------- */

static int start_book(batch *b, book *k)
{
	char *dir = g_path_get_dirname(k->output);
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		k->state = FAILED;
		k->first_error = g_strdup_printf("cannot create the folder '%s': %s", dir, strerror(errno));
		g_free(dir);
		return -1;
	}
	g_free(dir);
	size_t remaining = b->to_build - b->built_done; /* this one included */
	size_t inflight = MIN(remaining, (size_t)b->o.jobs);
	char *threads = g_strdup_printf("%d", MAX(1, b->o.jobs / (int)MAX(inflight, 1)));
	const char *argv[15];
	int n = 0;
	argv[n++] = b->exe;
	argv[n++] = kind_command[k->kind];
	argv[n++] = k->manifest;
	argv[n++] = "-o";
	argv[n++] = k->output;
	argv[n++] = "-j";
	argv[n++] = threads;
	if (b->o.quiet)
		argv[n++] = "-q";
	if (b->o.strict)
		argv[n++] = "--strict";
	if (b->o.keep_punct)
		argv[n++] = "--keep-punctuation";
	for (int f = 0; f < 2 && kind_flags[k->kind][f]; f++)
		argv[n++] = kind_flags[k->kind][f];
	if (b->o.allow_outside)
		argv[n++] = "--allow-outside";
	argv[n] = NULL;
	int fds[2];
	int rc = pipe2(fds, O_CLOEXEC);
	if (rc == 0) {
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
		posix_spawnattr_t at;
		posix_spawnattr_init(&at);
		posix_spawnattr_setsigmask(&at, &b->mask);
		posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
		rc = posix_spawn(&k->pid, b->exe, &fa, &at, (char *const *)argv, environ);
		posix_spawnattr_destroy(&at);
		posix_spawn_file_actions_destroy(&fa);
		close(fds[1]);
		if (rc != 0) {
			close(fds[0]);
			errno = rc;
		}
	}
	g_free(threads);
	if (rc != 0) {
		k->state = FAILED;
		k->first_error = g_strdup_printf("cannot start '%s': %s", b->exe, strerror(errno));
		return -1;
	}
	k->fd = fds[0];
	k->log = g_string_new(NULL);
	k->state = RUNNING;
	k->started = now();
	b->current = k->manifest;
	return 0;
}

/* The first error in the child's messages, else its last line. */
static char *first_error_of(const GString *log)
{
	char **lines = g_strsplit(log->str, "\n", -1);
	const char *error = NULL, *last = NULL;
	for (char **l = lines; *l; l++) {
		if (!error && (strstr(*l, ": error: ") || strstr(*l, ": usage: ")))
			error = *l;
		if (**l)
			last = *l;
	}
	char *pick = g_strdup(error ? error : last);
	g_strfreev(lines);
	return pick;
}

/* The first warning in the child's messages, or NULL. */
static char *first_warning_of(const GString *log)
{
	const char *w = strstr(log->str, ": warning: ");
	if (!w)
		return NULL;
	const char *start = w, *end = strchr(w, '\n');
	while (start > log->str && start[-1] != '\n')
		start--;
	return g_strndup(start, end ? (gsize)(end - start) : strlen(start));
}

static void reap(batch *b, book *k)
{
	int status = 0;
	while (waitpid(k->pid, &status, 0) < 0 && errno == EINTR)
		;
	close(k->fd);
	k->fd = -1;
	k->secs = now() - k->started;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 0) {
		k->state = BUILT;
		k->pages = k->kind == OUT_SPLIT ? -1 : pages_of(k->output);
		k->first_warning = first_warning_of(k->log);
		if (k->hash && write_stamp(k) != 0)
			k->state = FAILED;
	} else {
		k->state = code == YB_EXIT_INPUT || code == YB_EXIT_USAGE ? REFUSED : FAILED;
		k->first_error = first_error_of(k->log);
		if (!WIFEXITED(status)) {
			g_free(k->first_error);
			k->first_error = g_strdup_printf("%s: error: the build was killed by signal %d (%s)", k->manifest,
			                                 WTERMSIG(status), strsignal(WTERMSIG(status)));
		} else if (!k->first_error) {
			k->first_error = g_strdup_printf("%s: error: the build exited %d", k->manifest, code);
		}
	}
	b->done++;
	b->built_done++;
	finished_line(b, k);
}

/* Reads what the child wrote; at the end of its output, reaps it. */
static void drain(batch *b, book *k)
{
	char buf[8192];
	ssize_t n = read(k->fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		reap(b, k);
		return;
	}
	if (k->log->len < LOG_MAX)
		g_string_append_len(k->log, buf, MIN(n, (ssize_t)(LOG_MAX - k->log->len)));
}

/* ---- stopping --------------------------------------------------------------- */

static volatile sig_atomic_t stop_signal; /* SIGINT, SIGTERM or SIGHUP received, else 0 */

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* From now on SIGINT, SIGTERM and SIGHUP stop the batch, not end it: they
 * are blocked but in ppoll(), whose mask (b->mask, the one before, which the
 * children get too) lets them in.  A signal ignored when the batch started
 * (nohup) stays ignored. */
static void catch_stop(batch *b)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	sigset_t block;
	sigemptyset(&block);
	for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
		struct sigaction sa, was;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stop;
		sigemptyset(&sa.sa_mask);
		if (sigaction(sigs[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN) {
			sigaction(sigs[i], &sa, NULL);
			sigaddset(&block, sigs[i]);
		}
	}
	sigprocmask(SIG_BLOCK, &block, &b->mask);
}

/* Passes the stop on to the books being built (a terminal's ^C reaches
 * them already; `kill PID` reaches only the batch). */
static void stop_running(GPtrArray *running)
{
	for (guint i = 0; i < running->len; i++)
		kill(((book *)g_ptr_array_index(running, i))->pid, stop_signal);
}

static void run(batch *b)
{
	GPtrArray *running = g_ptr_array_new();
	guint next = 0;
	int stopped = 0;
	for (;;) {
		if (stop_signal && !stopped) {
			stop_running(running);
			stopped = 1;
		}
		while (!stop_signal && running->len < (guint)b->o.jobs && next < b->books->len) {
			book *k = g_ptr_array_index(b->books, next++);
			if (k->state != PENDING)
				continue;
			if (start_book(b, k) == 0) {
				g_ptr_array_add(running, k);
			} else {
				b->done++;
				b->built_done++;
				finished_line(b, k);
			}
		}
		if (running->len == 0)
			break;
		struct pollfd *pf = g_new(struct pollfd, running->len);
		for (guint i = 0; i < running->len; i++)
			pf[i] = (struct pollfd){.fd = ((book *)g_ptr_array_index(running, i))->fd, .events = POLLIN};
		const struct timespec half = {0, 500000000};
		int r = ppoll(pf, running->len, b->tty ? &half : NULL, &b->mask);
		for (guint i = running->len; r > 0 && i-- > 0;) {
			book *k = g_ptr_array_index(running, i);
			if (pf[i].revents) {
				drain(b, k);
				if (k->fd < 0)
					g_ptr_array_remove_index(running, i);
			}
		}
		g_free(pf);
		live_line(b);
	}
	g_ptr_array_free(running, TRUE);
}

/* ---- messages, grouped ------------------------------------------------------- */

typedef struct message {
	char *first;    /* the first line of its kind, as printed */
	int count;
	int books;      /* in how many books (the batch's notes) */
	guint last;     /* the last book counted */
} message;

/* The kind of a line: its message with the file it names (before the
 * colon, and quoted in the text) blanked, so one note about 100 reports is
 * one kind. */
static char *kind_of(const char *line)
{
	const char *colon = strstr(line, ": ");
	if (!colon)
		return g_strdup(line);
	char *file = g_strndup(line, (gsize)(colon - line));
	char *at = strchr(file, ':');
	if (at && g_ascii_isdigit(at[1]))
		*at = '\0'; /* file:line */
	const char *rest = colon + 2;
	if (g_ascii_isdigit(*rest))
		rest = strstr(rest, ": ") ? strstr(rest, ": ") + 2 : rest;
	GString *k = g_string_new(NULL);
	for (const char *p = rest; *p;) {
		if (*file && g_str_has_prefix(p, file)) {
			g_string_append_c(k, '\1');
			p += strlen(file);
		} else {
			g_string_append_c(k, *p++);
		}
	}
	g_free(file);
	return g_string_free(k, FALSE);
}

/* The kind of a note across books: its kind with numbers and quoted text
 * blanked too ("91 half-width marks ...", "the title is built as '...'"). */
static char *note_kind(const char *line)
{
	char *k = kind_of(line);
	GString *s = g_string_new(NULL);
	for (const char *p = k; *p; p++) {
		const char *close = *p == '\'' ? strchr(p + 1, '\'') : NULL;
		if (g_ascii_isdigit(*p)) {
			while (g_ascii_isdigit(p[1]))
				p++;
			g_string_append_c(s, '#');
		} else if (close) {
			p = close;
			g_string_append(s, "''");
		} else {
			g_string_append_c(s, *p);
		}
	}
	g_free(k);
	return g_string_free(s, FALSE);
}

static int is_note(const char *line)
{
	return strstr(line, ": note: ") != NULL;
}

/* Counts `line` under `key` in (out, index), for book number `from`. */
static void count_message(GArray *out, GHashTable *index, char *key, const char *line, guint from)
{
	gpointer at;
	if (g_hash_table_lookup_extended(index, key, NULL, &at)) {
		message *m = &g_array_index(out, message, GPOINTER_TO_UINT(at));
		m->count++;
		m->books += m->last != from;
		m->last = from;
		g_free(key);
	} else {
		g_hash_table_insert(index, key, GUINT_TO_POINTER(out->len));
		message m = {g_strdup(line), 1, 1, from};
		g_array_append_val(out, m);
	}
}

/* A book's messages by kind; with notes = 0, its warnings and errors only. */
static GArray *group_messages(const GString *log, int notes)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(message));
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char **lines = g_strsplit(log->str, "\n", -1);
	for (char **l = lines; *l; l++)
		if (**l && !g_str_has_prefix(*l, "wrote ") && (notes || !is_note(*l))) /* "wrote": the table says it */
			count_message(out, index, kind_of(*l), *l, 0);
	g_strfreev(lines);
	g_hash_table_destroy(index);
	return out;
}

static void free_messages(GArray *ms)
{
	for (guint i = 0; i < ms->len; i++)
		g_free(g_array_index(ms, message, i).first);
	g_array_free(ms, TRUE);
}

/* Every book's notes by kind, each kind once with the books it is in.  A
 * build's own count line ("yearbook: note: and 5 more like these", diag.c)
 * is left out: the books and times given here count what it counted. */
static GArray *batch_notes(const batch *b, guint *books)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(message));
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	*books = 0;
	for (guint i = 0; i < b->books->len; i++) {
		const book *k = g_ptr_array_index(b->books, i);
		if (!k->log)
			continue;
		int seen = 0;
		char **lines = g_strsplit(k->log->str, "\n", -1);
		for (char **l = lines; *l; l++)
			if (is_note(*l) && !g_str_has_prefix(*l, "yearbook: note: and ")) {
				count_message(out, index, note_kind(*l), *l, i + 1);
				seen = 1;
			}
		g_strfreev(lines);
		*books += seen;
	}
	g_hash_table_destroy(index);
	return out;
}

static void print_notes(const batch *b)
{
	guint books;
	GArray *ms = batch_notes(b, &books);
	if (ms->len)
		fprintf(stderr, "notes, from %u of %u books (each book's are in --report FILE; a book built alone "
		        "prints its own):\n", books, b->books->len);
	for (guint j = 0; j < ms->len; j++) {
		const message *m = &g_array_index(ms, message, j);
		if (m->books > 1)
			fprintf(stderr, "  %s (in %d books)\n", m->first, m->books);
		else if (m->count > 1)
			fprintf(stderr, "  %s (and %d more like it)\n", m->first, m->count - 1);
		else
			fprintf(stderr, "  %s\n", m->first);
	}
	free_messages(ms);
}

/* The notes of the batch, then each book's warnings and errors, a kind
 * repeated shown once with its count. */
static void print_messages(const batch *b)
{
	print_notes(b);
	for (guint i = 0; i < b->books->len; i++) {
		const book *k = g_ptr_array_index(b->books, i);
		GArray *ms = k->log ? group_messages(k->log, 0) : NULL;
		if (ms && ms->len)
			fprintf(stderr, "%s -> %s:\n", k->manifest, k->output);
		for (guint j = 0; ms && j < ms->len; j++) {
			const message *m = &g_array_index(ms, message, j);
			if (m->count > 1)
				fprintf(stderr, "  %s (and %d more like it)\n", m->first, m->count - 1);
			else
				fprintf(stderr, "  %s\n", m->first);
		}
		if (k->log && k->log->len >= LOG_MAX)
			fprintf(stderr, "%s: its messages were cut short: build it alone to see them all\n", k->manifest);
		if (ms)
			free_messages(ms);
	}
}

/* ---- the table and the report ------------------------------------------------ */

static void count_states(const batch *b, size_t n[FAILED + 1])
{
	memset(n, 0, sizeof(size_t) * (FAILED + 1));
	for (guint i = 0; i < b->books->len; i++)
		n[((book *)g_ptr_array_index(b->books, i))->state]++;
}

static void print_table(const batch *b)
{
	printf("%-8s %6s %7s  %s\n", "status", "pages", "time", "book");
	for (guint i = 0; i < b->books->len; i++) {
		const book *k = g_ptr_array_index(b->books, i);
		char pages[16] = "-", secs[16] = "-";
		if (k->pages >= 0)
			snprintf(pages, sizeof pages, "%d", k->pages);
		if (k->state == BUILT || k->state == REFUSED || k->state == FAILED)
			snprintf(secs, sizeof secs, "%.1f s", k->secs);
		printf("%-8s %6s %7s  %s -> %s\n", state_name[k->state], pages, secs, k->manifest, k->output);
		if (k->first_error || k->first_warning)
			printf("%24s%s\n", "", k->first_error ? k->first_error : k->first_warning);
	}
	size_t n[FAILED + 1];
	count_states(b, n);
	double el = now() - b->t0;
	char *elapsed = clock_text(el);
	guint warned = 0;
	for (guint i = 0; i < b->books->len; i++)
		warned += ((book *)g_ptr_array_index(b->books, i))->first_warning != NULL;
	printf("%u books: %zu built", b->books->len, n[BUILT]);
	if (warned)
		printf(" (%u with warnings)", warned);
	printf(", %zu skipped (unchanged), %zu refused, %zu failed", n[SKIPPED], n[REFUSED], n[FAILED]);
	if (n[PENDING])
		printf(", %zu not started (interrupted)", n[PENDING]);
	printf(" in %s", elapsed);
	if (n[BUILT] > 0 && el > 0)
		printf(" (%.1f books a minute)", (double)n[BUILT] * 60.0 / el);
	printf("\n");
	g_free(elapsed);
}

static void json_book(GString *s, const book *k)
{
	g_string_append(s, "    {\"manifest\": ");
	yb_json_string(s, k->manifest);
	g_string_append(s, ", \"output\": ");
	yb_json_string(s, k->output);
	g_string_append_printf(s, ", \"kind\": \"%s\"", kind_name[k->kind]);
	g_string_append_printf(s, ", \"status\": \"%s\", ", state_name[k->state]);
	if (k->pages >= 0)
		g_string_append_printf(s, "\"pages\": %d, ", k->pages);
	else
		g_string_append(s, "\"pages\": null, ");
	g_string_append_printf(s, "\"seconds\": %.3f, \"first_error\": ", k->secs);
	yb_json_string(s, k->first_error);
	g_string_append(s, ", \"first_warning\": ");
	yb_json_string(s, k->first_warning);
	g_string_append(s, ", \"messages\": [");
	GArray *ms = k->log ? group_messages(k->log, 1) : g_array_new(FALSE, FALSE, sizeof(message));
	for (guint j = 0; j < ms->len; j++) {
		const message *m = &g_array_index(ms, message, j);
		g_string_append(s, j ? ", {\"text\": " : "{\"text\": ");
		yb_json_string(s, m->first);
		g_string_append_printf(s, ", \"count\": %d}", m->count);
	}
	free_messages(ms);
	g_string_append(s, "]}");
}

static int write_report(const batch *b, int status)
{
	size_t n[FAILED + 1];
	count_states(b, n);
	GString *s = g_string_new("{\n  \"books\": [\n");
	for (guint i = 0; i < b->books->len; i++) {
		json_book(s, g_ptr_array_index(b->books, i));
		g_string_append(s, i + 1 < b->books->len ? ",\n" : "\n");
	}
	g_string_append_printf(s, "  ],\n  \"total\": %u, \"built\": %zu, \"skipped\": %zu, \"refused\": %zu, "
	                       "\"failed\": %zu,\n  \"seconds\": %.3f, \"jobs\": %d, \"exit\": %d\n}\n",
	                       b->books->len, n[BUILT], n[SKIPPED], n[REFUSED], n[FAILED], now() - b->t0,
	                       b->o.jobs, status);
	GError *err = NULL;
	int rc = g_file_set_contents(b->o.report, s->str, (gssize)s->len, &err) ? 0 : -1;
	if (rc)
		yb_diag_syserr("cannot write the report '%s': %s", b->o.report, err->message);
	g_clear_error(&err);
	g_string_free(s, TRUE);
	return rc;
}

/* ---- the command ------------------------------------------------------------- */

/* The command's options; main.c's command table parses them (cli.h). */
static batch_opts options;

static gboolean parse_jobs(const char *name, const char *value, gpointer data, GError **err)
{
	return yb_cli_parse_count(name, value, "threads", &options.jobs, err);
}

static const GOptionEntry batch_entries[] = {
	{"jobs", 'j', 0, G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)parse_jobs,
	 "build with N threads in all, books in parallel (default: one per core)", "N"},
	{"out", 0, 0, G_OPTION_ARG_FILENAME, &options.out, "write the books under FOLDER (folders below the one named are "
	 "kept)", "FOLDER"},
	{"list", 0, 0, G_OPTION_ARG_NONE, &options.list, "print one build command per book instead (for GNU parallel, "
	 "xargs -P, a job array)", NULL},
	{"force", 0, 0, G_OPTION_ARG_NONE, &options.force, "build every book, changed or not", NULL},
	{"report", 0, 0, G_OPTION_ARG_FILENAME, &options.report, "also write the results as JSON to FILE.json",
	 "FILE.json"},
	{"quiet", 'q', 0, G_OPTION_ARG_NONE, &options.quiet, "one line per finished book, errors only", NULL},
	{"strict", 0, 0, G_OPTION_ARG_NONE, &options.strict, "treat warnings as errors", NULL},
	{"keep-punctuation", 0, 0, G_OPTION_ARG_NONE, &options.keep_punct, "keep half-width punctuation as it is",
	 NULL},
	{"allow-outside", 0, 0, G_OPTION_ARG_NONE, &options.allow_outside, "let manifests name files outside their "
	 "folder", NULL},
	{NULL, 0, 0, 0, NULL, NULL, NULL}
};
static const yb_cli_group batch_group = {"batch", batch_entries};
const yb_cli_group *const yb_batch_groups[] = {&batch_group, NULL};

const char yb_batch_help[] =
	"Builds every book: each BOOK.ini given, and every manifest (*.ini with a [book] or [report] group) "
	"under each FOLDER.  A book goes to its 'output =' or to the manifest's name with .pdf, beside it or "
	"under --out.  A book whose inputs have not changed since it was last built is skipped.  Books are "
	"built in parallel, each by its own 'yearbook build'; a book that fails never stops the others.\n\n"
	"The exit status is 0 when every book was built or unchanged, 1 when some input was refused, 2 for a "
	"usage error, 3 for a system failure, 128+N when stopped by signal N (130 for Ctrl-C; the books built are "
	"kept, the table and --report still written).";

static int exit_status(const batch *b)
{
	size_t n[FAILED + 1];
	count_states(b, n);
	return stop_signal ? 128 + stop_signal : n[FAILED] ? YB_EXIT_SYSTEM : n[REFUSED] ? YB_EXIT_INPUT : YB_EXIT_OK;
}

static int build_all(batch *b)
{
	size_t n[FAILED + 1];
	count_states(b, n);
	b->to_build = n[PENDING];
	b->done = n[SKIPPED];
	if (n[SKIPPED] > 0)
		fprintf(stderr, "%zu of %u books unchanged since their last build, skipped (--force builds them)\n",
		        n[SKIPPED], b->books->len);
	for (guint i = 0; i < b->books->len; i++) {
		book *k = g_ptr_array_index(b->books, i);
		if (k->state == REFUSED) {
			b->done++;
			finished_line(b, k);
		}
	}
	catch_stop(b);
	run(b);
	if (b->tty)
		fprintf(stderr, "\r\033[K");
	if (stop_signal)
		fprintf(stderr, "yearbook: interrupted (%s): the books built are kept; run the batch again to build "
		        "the rest\n", strsignal(stop_signal));
	g_clear_pointer(&b->drawn, g_free);
	if (!b->o.quiet)
		print_messages(b);
	print_table(b);
	int status = exit_status(b);
	if (fflush(stdout) != 0)
		status = (yb_diag_syserr("cannot write the table: %s", strerror(errno)), YB_EXIT_SYSTEM);
	if (b->o.report && write_report(b, status) != 0)
		status = YB_EXIT_SYSTEM;
	return status;
}

/* This program, for the child builds (the process's argv[0] is its prgname). */
static char *own_executable(void)
{
	const char *argv0 = g_get_prgname() ? g_get_prgname() : "yearbook";
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe)
		return exe;
	if (strchr(argv0, '/'))
		return g_canonicalize_filename(argv0, NULL);
	exe = g_find_program_in_path(argv0);
	return exe ? exe : g_strdup(argv0);
}

int yb_batch_run(char **books)
{
	batch b = {.t0 = now(), .o = options};
	b.o.args = books;
	yb_manifest_allow_outside(b.o.allow_outside);
	if (b.o.jobs == 0)
		b.o.jobs = (int)g_get_num_processors();
	char *exe = own_executable();
	b.exe = exe;
	const char *term = g_getenv("TERM");
	b.tty = !b.o.quiet && isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
	int status;
	if (b.o.report && !b.o.list && yb_output_check_new(b.o.report, "{") != 0)
		status = YB_EXIT_USAGE; /* before any book is built: a folder to make, a file not ours */
	else if (b.o.out && !b.o.list && g_mkdir_with_parents(b.o.out, 0777) != 0)
		status = yb_diag_syserr("cannot create the folder '%s' (--out): %s; choose another", b.o.out, strerror(errno));
	else if (plan(&b) != 0)
		status = YB_EXIT_USAGE;
	else if (b.o.list)
		status = list_books(&b);
	else
		status = build_all(&b);
	if (b.books)
		g_ptr_array_free(b.books, TRUE);
	g_free(exe);
	g_free(options.out);
	g_free(options.report);
	return status;
}
