/* diag: diagnostics for the user, and the exit status they add up to.
 *
 * Three kinds of failure (see README): a broken invariant is a bug and is an
 * assert; bad input is reported with yb_diag_error(file, line, ...) in the
 * form `file:line: error: message`; a failing system call or library is
 * reported with yb_diag_syserr(...).  Every error function returns -1, so a
 * caller writes `return yb_diag_error(...)` (as git's error()).  The module
 * counts what it printed so that main() can turn it into an exit status.
 * Messages are lower-case, with no full stop, and quote their subject.
 * Nothing here allocates; all strings are the caller's.
 */
#ifndef YB_DIAG_H
#define YB_DIAG_H

#include <stddef.h>

enum {
	YB_EXIT_OK = 0,
	YB_EXIT_INPUT = 1,   /* bad input: a report, manifest, style or font */
	YB_EXIT_USAGE = 2,   /* bad command line */
	YB_EXIT_SYSTEM = 3,  /* the system failed: I/O, memory, a library */
	YB_EXIT_INTERRUPTED = 130
};

/* Bad input; returns -1 so callers can `return yb_diag_error(...)`.  file
 * may be NULL (no location); line 0 means "the whole file". */
int yb_diag_error(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A file the user named (a report, a manifest, a style, an indicator file)
 * cannot be opened or read: always bad input, whatever the reason, since
 * naming another file fixes it.  Returns -1. */
int yb_diag_unreadable(const char *path, const char *reason);
void yb_diag_warn(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void yb_diag_note(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A note printed at once, never held back (what the user must know while it
 * happens, e.g. that yearbook waits for a program to read a pipe). */
void yb_diag_note_now(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A system failure; always returns -1 so callers can `return yb_diag_syserr(...)`. */
int yb_diag_syserr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error; returns -1. */
int yb_diag_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Counters since start (or the last reset) and the exit status they imply. */
int yb_diag_error_count(void);
int yb_diag_warning_count(void);
int yb_diag_exit_status(void);
void yb_diag_reset(void);
/* --quiet: suppress notes and warnings (errors are always printed). */
void yb_diag_set_quiet(int quiet);
/* Print nothing at all (the counters still count): for a caller that only
 * wants to know whether something can be read, and leaves the telling to
 * whoever reads it for real (yearbook batch, reading manifests to plan). */
void yb_diag_set_silent(int silent);
/* Treat warnings as errors (--strict). */
void yb_diag_set_strict(int strict);

/* From now on notes are kept, not printed, until yb_diag_flush_notes()
 * prints them: identical ones once with "(N times)", and of many notes
 * written by one message the first two and a line counting the others
 * (all = 1, --verbose: every one). */
void yb_diag_hold_notes(void);
void yb_diag_flush_notes(int all);

/* A progress line on standard error, only when it is a terminal (and not
 * quiet): rewritten by the next call, cleared by any other message and by
 * yb_diag_progress_end(). */
void yb_diag_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void yb_diag_progress_end(void);

#endif
