#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int errors, warnings, sys_errors, usage_errors;
static int quiet, strict, silent;

static void vprint(const char *file, long line, const char *kind, const char *fmt, va_list ap)
{
	if (silent)
		return;
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: %s: ", file, line, kind);
	else if (file)
		fprintf(stderr, "%s: %s: ", file, kind);
	else
		fprintf(stderr, "yearbook: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
	if (quiet)
		return;
	va_start(ap, fmt);
	vprint(file, line, "note", fmt, ap);
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
