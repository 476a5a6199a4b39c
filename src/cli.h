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
 * folder and *.ini files, "NAME.ext" files *.ext, "FILE", "PREFIX" and
 * "FOLDER" any file; anything else (TEXT, N, YYYY-MM-DD) nothing.
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
	int (*run)(char **operands);  /* operands NULL-terminated, never NULL; 0 or -1 */
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
 * or -1 after printing (a usage error through yb_diag_usage, or whatever the
 * command printed). */
int yb_cli_run(const yb_cli *cli, int argc, char **argv);

/* Sets *err to `--NAME: MESSAGE` in the domain the parser reports as a usage
 * error; for option callbacks.  Returns FALSE, as callbacks do on failure. */
gboolean yb_cli_bad_value(GError **err, const char *option_name, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

#endif
