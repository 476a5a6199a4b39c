/* cli: the command line's grammar and manners, all from one table.
 *
 * The program (main.c) describes each command: its name, its operands, a
 * one-line summary, a help text, examples and its option groups (GLib
 * GOptionEntry arrays whose arg_data point at the command's storage).
 * From that table this module
 *   - parses `yearbook COMMAND [OPTIONS] OPERANDS...` with GLib (options
 *     anywhere after the command, `--` ends them),
 *   - prints the overview (`yearbook`, `--help`, `help`), a command's help
 *     (`yearbook help build`, `yearbook build --help`) and the version
 *     (`--version`, `-V`, `version`),
 *   - names the nearest command or option for a misspelt one ("did you
 *     mean"), and an option of another command as such,
 *   - answers the shell completion scripts (`yearbook __complete CWORD
 *     WORDS...`, see completion/) and
 *   - writes the man page's COMMANDS section (`yearbook help --man`),
 * so a new command or option is one new row, and shows up in all of them.
 *
 * Option values are validated where they are defined: an option of type
 * G_OPTION_ARG_CALLBACK sets a GError whose message the user sees after
 * `yearbook: usage: `.
 *
 * What an option's value completes to is read from its arg_description:
 * "tree|layout" offers those words, "STYLE" the style names of the data
 * folder and *.ini files, "NAME.ext" files *.ext, "FILE" and "PREFIX" any
 * file, "FOLDER" folders; anything else (TEXT, N, YYYY-MM-DD) nothing.
 */
#ifndef YB_CLI_H
#define YB_CLI_H

#include <glib.h>

typedef struct yb_cli_group {
	const char *title;            /* "book": printed as "book options:" */
	const GOptionEntry *entries;  /* ended by an entry whose long_name is NULL */
} yb_cli_group;

typedef struct yb_cli_command {
	const char *name;             /* "build" */
	const char *operands;         /* "REPORT.txt... | BOOK.ini"; in [] when optional; NULL: none */
	const char *summary;          /* one line, lower case, no full stop */
	const char *help;             /* what the command does: lines of plain text */
	const char *examples;         /* lines "yearbook build ...  # what it does", or NULL */
	const yb_cli_group *const *groups; /* NULL-terminated, or NULL */
	const char *operand_globs;    /* what completion offers for operands: "*.ini *.txt" */
	/* operands NULL-terminated, never NULL; returns 0, -1 after printing, or
	 * an exit status of its own (> 0: check's doubts, batch's books) */
	int (*run)(char **operands);
} yb_cli_command;

typedef struct yb_cli {
	const char *name;             /* "yearbook" */
	const char *version;          /* "0.1.0" */
	const char *summary;          /* one sentence under the usage line */
	const char *footer;           /* the end of the overview: exit status, where to read more */
	const yb_cli_command *commands;
	size_t ncommands;
} yb_cli;

/* Runs the command line: help, version, completion or a command.  Returns 0,
 * -1 after printing (a usage error through yb_diag_usage, or whatever the
 * command printed), or the exit status a command chose. */
int yb_cli_run(const yb_cli *cli, int argc, char **argv);

/* Sets *err to `--NAME: MESSAGE` in the domain the parser reports as a usage
 * error; for option callbacks.  Returns FALSE, as callbacks do on failure. */
gboolean yb_cli_bad_value(GError **err, const char *option_name, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

/* For an option callback: *out = value when it is a whole number, 1 or
 * more; else sets *err to "-j: 'x' is not a number of WHAT; use a whole
 * number, 1 or more" and returns FALSE. */
gboolean yb_cli_parse_count(const char *option_name, const char *value, const char *what, int *out,
                            GError **err);

#endif
