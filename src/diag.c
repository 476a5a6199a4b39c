/* Held notes: between yb_diag_hold_notes() and yb_diag_flush_notes() a
 * note is kept, not printed.  The flush merges identical notes (one line
 * with "(N times)") and groups the notes written by one message (the same
 * format string, or the same text for "%s"): a group of more than
 * GROUP_SHOWN is printed as its first GROUP_SHOWN - 1 notes and one line
 * that counts the others and names their files.  A progress line stands on
 * the terminal's last line; anything else printed clears it first. */
#include "diag.h"

#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define GROUP_SHOWN 3      /* notes of one kind printed before they are counted */
#define FILES_NAMED 3      /* files a count line names */

static int errors, warnings, sys_errors, usage_errors;
static int quiet, strict, silent;

typedef struct held {
	char *key;     /* the format, or the text when the format is only "%s" */
	char *file;    /* or NULL */
	char *line;    /* the whole line, without its newline */
	int count;     /* how many times it was written */
} held;

static GMutex lock;
static GPtrArray *notes;     /* held*, in order; NULL when notes are printed at once */
static int progress_shown;   /* a progress line is on the terminal */

static void clear_progress(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = 0;
}

static char *prefix(const char *file, long line, const char *kind)
{
	if (file && line > 0)
		return g_strdup_printf("%s:%ld: %s: ", file, line, kind);
	if (file)
		return g_strdup_printf("%s: %s: ", file, kind);
	return g_strdup_printf("yearbook: %s: ", kind);
}

static void vprint(const char *file, long line, const char *kind, const char *fmt, va_list ap)
{
	if (silent)
		return;
	char *head = prefix(file, line, kind);
	char *text = g_strdup_vprintf(fmt, ap);
	g_mutex_lock(&lock);
	clear_progress();
	fprintf(stderr, "%s%s\n", head, text);
	g_mutex_unlock(&lock);
	g_free(text);
	g_free(head);
}

static void hold(const char *file, long line, const char *fmt, va_list ap)
{
	char *head = prefix(file, line, "note");
	char *text = g_strdup_vprintf(fmt, ap);
	char *whole = g_strconcat(head, text, NULL);
	for (guint i = 0; i < notes->len; i++) {
		held *h = g_ptr_array_index(notes, i);
		if (!strcmp(h->line, whole)) {
			h->count++;
			g_free(whole);
			whole = NULL;
			break;
		}
	}
	if (whole) {
		held *h = g_new0(held, 1);
		h->key = g_strdup(strcmp(fmt, "%s") ? fmt : text);
		h->file = g_strdup(file);
		h->line = whole;
		h->count = 1;
		g_ptr_array_add(notes, h);
	}
	g_free(text);
	g_free(head);
}

static void held_free(gpointer p)
{
	held *h = p;
	g_free(h->key);
	g_free(h->file);
	g_free(h->line);
	g_free(h);
}

void yb_diag_hold_notes(void)
{
	g_mutex_lock(&lock);
	if (!notes)
		notes = g_ptr_array_new_with_free_func(held_free);
	g_mutex_unlock(&lock);
}

static void print_held(const held *h)
{
	if (h->count > 1)
		fprintf(stderr, "%s (%d times)\n", h->line, h->count);
	else
		fprintf(stderr, "%s\n", h->line);
}

/* "and 57 more like these, in a.txt, b.txt, c.txt and 12 more files" */
static void print_count(GPtrArray *rest)
{
	GPtrArray *files = g_ptr_array_new();
	for (guint i = 0; i < rest->len; i++) {
		const held *h = g_ptr_array_index(rest, i);
		int seen = !h->file;
		for (guint j = 0; !seen && j < files->len; j++)
			seen = !strcmp(g_ptr_array_index(files, j), h->file);
		if (!seen)
			g_ptr_array_add(files, h->file);
	}
	GString *s = g_string_new(NULL);
	g_string_printf(s, "yearbook: note: and %u more like these", rest->len);
	for (guint j = 0; j < files->len && j < FILES_NAMED; j++)
		g_string_append_printf(s, "%s%s", j ? ", " : ", in ", (char *)g_ptr_array_index(files, j));
	if (files->len > FILES_NAMED)
		g_string_append_printf(s, " and %u more files", files->len - FILES_NAMED);
	fprintf(stderr, "%s (--verbose prints each)\n", s->str);
	g_string_free(s, TRUE);
	g_ptr_array_free(files, TRUE);
}

/* The held notes of one key from index `from` on, in order. */
static GPtrArray *group_of(const char *key, guint from)
{
	GPtrArray *g = g_ptr_array_new();
	for (guint i = from; i < notes->len; i++) {
		held *h = g_ptr_array_index(notes, i);
		if (h->key && !strcmp(h->key, key))
			g_ptr_array_add(g, h);
	}
	return g;
}

void yb_diag_flush_notes(int all)
{
	g_mutex_lock(&lock);
	if (!notes) {
		g_mutex_unlock(&lock);
		return;
	}
	clear_progress();
	for (guint i = 0; i < notes->len; i++) {
		held *first = g_ptr_array_index(notes, i);
		if (!first->key)
			continue;
		GPtrArray *g = group_of(first->key, i);
		guint shown = all || g->len <= GROUP_SHOWN ? g->len : GROUP_SHOWN - 1;
		for (guint j = 0; j < shown; j++)
			print_held(g_ptr_array_index(g, j));
		for (guint j = 0; j < g->len; j++) { /* printed or counted below: done */
			held *h = g_ptr_array_index(g, j);
			g_free(h->key);
			h->key = NULL;
		}
		if (shown < g->len) {
			g_ptr_array_remove_range(g, 0, shown);
			print_count(g);
		}
		g_ptr_array_free(g, TRUE);
	}
	/* the notes come last: an error printed before them would scroll off
	 * the terminal (a file or a pipe, as yearbook batch reads, keeps it) */
	int failed = errors + sys_errors + usage_errors;
	if (notes->len && failed && !silent && isatty(STDERR_FILENO))
		fprintf(stderr, "yearbook: %d error%s, above the notes\n", failed, failed == 1 ? "" : "s");
	g_ptr_array_free(notes, TRUE);
	notes = NULL;
	g_mutex_unlock(&lock);
}

void yb_diag_progress(const char *fmt, ...)
{
	if (quiet || !isatty(STDERR_FILENO))
		return;
	va_list ap;
	va_start(ap, fmt);
	char *text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_mutex_lock(&lock);
	fprintf(stderr, "\r%s\033[K", text);
	fflush(stderr);
	progress_shown = 1;
	g_mutex_unlock(&lock);
	g_free(text);
}

void yb_diag_progress_end(void)
{
	g_mutex_lock(&lock);
	clear_progress();
	g_mutex_unlock(&lock);
}

int yb_diag_error(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	errors++;
	va_start(ap, fmt);
	vprint(file, line, "error", fmt, ap);
	va_end(ap);
	return -1;
}

int yb_diag_unreadable(const char *path, const char *reason)
{
	return yb_diag_error(path, 0, "cannot read '%s': %s; check the path", path, reason);
}

void yb_diag_warn(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (strict) {
		errors++;
	} else {
		warnings++;
		if (quiet)
			return;
	}
	va_start(ap, fmt);
	vprint(file, line, strict ? "error" : "warning", fmt, ap);
	va_end(ap);
}

void yb_diag_note(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (quiet || silent)
		return;
	va_start(ap, fmt);
	g_mutex_lock(&lock);
	int held_back = notes != NULL;
	if (held_back)
		hold(file, line, fmt, ap);
	g_mutex_unlock(&lock);
	if (!held_back)
		vprint(file, line, "note", fmt, ap);
	va_end(ap);
}

void yb_diag_note_now(const char *fmt, ...)
{
	va_list ap;
	if (quiet || silent)
		return;
	va_start(ap, fmt);
	vprint(NULL, 0, "note", fmt, ap);
	va_end(ap);
}

int yb_diag_syserr(const char *fmt, ...)
{
	va_list ap;
	sys_errors++;
	va_start(ap, fmt);
	vprint(NULL, 0, "error", fmt, ap);
	va_end(ap);
	return -1;
}

int yb_diag_usage(const char *fmt, ...)
{
	va_list ap;
	usage_errors++;
	va_start(ap, fmt);
	vprint(NULL, 0, "usage", fmt, ap);
	va_end(ap);
	return -1;
}

int yb_diag_error_count(void) { return errors + sys_errors + usage_errors; }
int yb_diag_warning_count(void) { return warnings; }
void yb_diag_set_quiet(int q) { quiet = q; }
void yb_diag_set_silent(int s) { silent = s; }
void yb_diag_set_strict(int s) { strict = s; }

int yb_diag_exit_status(void)
{
	if (sys_errors)
		return YB_EXIT_SYSTEM;
	if (usage_errors)
		return YB_EXIT_USAGE;
	if (errors)
		return YB_EXIT_INPUT;
	return YB_EXIT_OK;
}

void yb_diag_reset(void)
{
	errors = warnings = sys_errors = usage_errors = 0;
}
