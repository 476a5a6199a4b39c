#include "cli.h"

#include "diag.h"
#include "keyfile.h"
#include "paths.h"
#include "style.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HELP_COLUMN 26   /* where option descriptions start */
#define HELP_WIDTH 79

static const GOptionEntry help_entry[] = {
	{"help", 'h', 0, G_OPTION_ARG_NONE, NULL, "show this help", NULL},
	{NULL, 0, 0, 0, NULL, NULL, NULL}
};
static const yb_cli_group common_group = {"common", help_entry};

/* ---- the table ---------------------------------------------------------------- */

static const yb_cli_command *find_command(const yb_cli *cli, const char *name)
{
	for (size_t i = 0; i < cli->ncommands; i++)
		if (!strcmp(cli->commands[i].name, name))
			return &cli->commands[i];
	return NULL;
}

/* Calls fn for every option entry of cmd (its groups, then --help). */
typedef int (*entry_fn)(const GOptionEntry *e, const yb_cli_group *g, void *data);

static int each_entry(const yb_cli_command *cmd, entry_fn fn, void *data)
{
	for (const yb_cli_group *const *g = cmd->groups; g && *g; g++)
		for (const GOptionEntry *e = (*g)->entries; e->long_name; e++)
			if (*e->long_name && fn(e, *g, data))
				return 1;
	for (const GOptionEntry *e = common_group.entries; e->long_name; e++)
		if (fn(e, &common_group, data))
			return 1;
	return 0;
}

typedef struct lookup {
	const char *long_name;
	char short_name;
	const GOptionEntry *found;
} lookup;

static int match_entry(const GOptionEntry *e, const yb_cli_group *g, void *data)
{
	lookup *l = data;
	if ((l->long_name && !strcmp(e->long_name, l->long_name)) || (l->short_name && e->short_name == l->short_name))
		l->found = e;
	return l->found != NULL;
}

/* The entry of cmd called --name (name without dashes), or -c when name is NULL. */
static const GOptionEntry *find_option(const yb_cli_command *cmd, const char *name, char c)
{
	lookup l = {name, name ? 0 : c, NULL};
	each_entry(cmd, match_entry, &l);
	return l.found;
}

static int takes_value(const GOptionEntry *e)
{
	return e->arg != G_OPTION_ARG_NONE;
}

static int add_name(const GOptionEntry *e, const yb_cli_group *g, void *data)
{
	if (!(e->flags & G_OPTION_FLAG_HIDDEN))
		g_ptr_array_add(data, (gpointer)e->long_name);
	return 0;
}

/* The long option names of cmd, NULL-terminated (strings borrowed). */
static GPtrArray *option_names(const yb_cli_command *cmd)
{
	GPtrArray *names = g_ptr_array_new();
	each_entry(cmd, add_name, names);
	g_ptr_array_add(names, NULL);
	return names;
}

static GPtrArray *command_names(const yb_cli *cli)
{
	GPtrArray *names = g_ptr_array_new();
	for (size_t i = 0; i < cli->ncommands; i++)
		g_ptr_array_add(names, (gpointer)cli->commands[i].name);
	g_ptr_array_add(names, "help");
	g_ptr_array_add(names, "version");
	g_ptr_array_add(names, NULL);
	return names;
}

/* ---- help --------------------------------------------------------------------- */

/* Columns on a terminal: two for wide (Chinese) characters. */
static int columns(const char *s)
{
	int n = 0;
	for (; *s; s = g_utf8_next_char(s))
		n += g_unichar_iswide(g_utf8_get_char(s)) ? 2 : 1;
	return n;
}

/* Prints text wrapped at HELP_WIDTH, its first line after `used` columns
 * already printed, the others indented by `indent`. */
static void print_wrapped(FILE *out, const char *text, int used, int indent)
{
	char **words = g_strsplit(text, " ", -1);
	int col = used;
	for (char **w = words; *w; w++) {
		int len = columns(*w);
		if (w != words && col + 1 + len > HELP_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (w != words) {
			fputc(' ', out);
			col++;
		}
		fputs(*w, out);
		col += len;
	}
	fputc('\n', out);
	g_strfreev(words);
}

/* "-o, --output=BOOK.pdf" or "    --title=TEXT" */
static char *option_label(const GOptionEntry *e)
{
	GString *s = g_string_new(NULL);
	if (e->short_name)
		g_string_append_printf(s, "-%c, ", e->short_name);
	else
		g_string_append(s, "    ");
	g_string_append_printf(s, "--%s", e->long_name);
	if (takes_value(e))
		g_string_append_printf(s, "=%s", e->arg_description ? e->arg_description : "VALUE");
	return g_string_free(s, FALSE);
}

static void print_group(FILE *out, const yb_cli_group *g)
{
	fprintf(out, "\n%s options:\n", g->title);
	for (const GOptionEntry *e = g->entries; e->long_name; e++) {
		if (!*e->long_name || (e->flags & G_OPTION_FLAG_HIDDEN))
			continue;
		char *label = option_label(e);
		int len = 2 + (int)strlen(label);
		fprintf(out, "  %s", label);
		if (len + 2 > HELP_COLUMN) {
			fprintf(out, "\n%*s", HELP_COLUMN, "");
		} else {
			fprintf(out, "%*s", HELP_COLUMN - len, "");
		}
		print_wrapped(out, e->description ? e->description : "", HELP_COLUMN, HELP_COLUMN);
		g_free(label);
	}
}

static void print_usage_line(FILE *out, const yb_cli *cli, const yb_cli_command *cmd)
{
	fprintf(out, "usage: %s %s [OPTIONS]%s%s\n", cli->name, cmd->name, cmd->operands ? " " : "",
	        cmd->operands ? cmd->operands : "");
}

static void print_command_help(FILE *out, const yb_cli *cli, const yb_cli_command *cmd)
{
	print_usage_line(out, cli, cmd);
	char **paragraphs = g_strsplit(cmd->help, "\n\n", -1);
	for (char **p = paragraphs; *p; p++) {
		fputc('\n', out);
		print_wrapped(out, *p, 0, 0);
	}
	g_strfreev(paragraphs);
	for (const yb_cli_group *const *g = cmd->groups; g && *g; g++)
		print_group(out, *g);
	print_group(out, &common_group);
	if (cmd->examples)
		fprintf(out, "\nexamples:\n%s\n", cmd->examples);
	fprintf(out, "\nSee 'man %s' for the manifest's keys, the files read and the exit status.\n", cli->name);
}

static void print_overview(FILE *out, const yb_cli *cli)
{
	fprintf(out, "usage: %s COMMAND [OPTIONS] [FILES...]\n\n%s\n\ncommands:\n", cli->name, cli->summary);
	for (size_t i = 0; i < cli->ncommands; i++)
		fprintf(out, "  %-10s %s\n", cli->commands[i].name, cli->commands[i].summary);
	fprintf(out, "  %-10s %s\n", "help", "show a command's help: 'help build' is 'build --help'");
	fprintf(out, "  %-10s %s\n", "version", "print the version (also --version, -V)");
	fprintf(out, "\n%s", cli->footer);
}

/* ---- "did you mean" ------------------------------------------------------------- */

/* The one name that starts with word ("--ver" for "--verbose"), else the
 * nearest by spelling, else NULL. */
static const char *suggestion(const char *word, GPtrArray *names)
{
	const char *found = NULL;
	for (guint i = 0; *word && i + 1 < names->len; i++) {
		if (!g_str_has_prefix(g_ptr_array_index(names, i), word))
			continue;
		if (found)
			return NULL;
		found = g_ptr_array_index(names, i);
	}
	return found ? found : yb_keyfile_nearest(word, (const char *const *)names->pdata);
}

static int unknown_command(const yb_cli *cli, const char *name)
{
	GPtrArray *names = command_names(cli);
	const char *near = suggestion(name, names);
	char *list = g_strjoinv(", ", (char **)names->pdata);
	if (near)
		yb_diag_usage("unknown command '%s'; did you mean '%s'? (see '%s help')", name, near, cli->name);
	else
		yb_diag_usage("unknown command '%s'; the commands are %s (see '%s help')", name, list, cli->name);
	g_free(list);
	g_ptr_array_free(names, TRUE);
	return -1;
}

/* The command, other than cmd, that has the option --name (or -c when name
 * is NULL), or NULL. */
static const yb_cli_command *owner_of(const yb_cli *cli, const char *name, char c, const yb_cli_command *cmd)
{
	for (size_t i = 0; i < cli->ncommands; i++)
		if (&cli->commands[i] != cmd && find_option(&cli->commands[i], name, c))
			return &cli->commands[i];
	return NULL;
}

static int unknown_long(const yb_cli *cli, const yb_cli_command *cmd, const char *name)
{
	const yb_cli_command *other = owner_of(cli, name, 0, cmd);
	if (other)
		return yb_diag_usage("'--%s' is an option of '%s %s', not of '%s %s'", name, cli->name, other->name,
		                     cli->name, cmd->name);
	GPtrArray *names = option_names(cmd);
	const char *near = suggestion(name, names);
	if (near)
		yb_diag_usage("unknown option '--%s'; did you mean '--%s'? (see '%s %s --help')", name, near,
		              cli->name, cmd->name);
	else
		yb_diag_usage("unknown option '--%s' (see '%s %s --help')", name, cli->name, cmd->name);
	g_ptr_array_free(names, TRUE);
	return -1;
}

/* Checks the option names of argv (after the command, up to "--") before
 * GLib sees them, so that a misspelt one gets a suggestion.  Sets *help
 * when -h or --help is among them. */
static int check_names(const yb_cli *cli, const yb_cli_command *cmd, int argc, char **argv, int *help)
{
	for (int i = 2; i < argc && strcmp(argv[i], "--"); i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1])
			continue;
		if (a[1] == '-') {
			char *name = g_strndup(a + 2, strcspn(a + 2, "="));
			const GOptionEntry *e = find_option(cmd, name, 0);
			int rc = e ? 0 : unknown_long(cli, cmd, name);
			g_free(name);
			if (rc)
				return rc;
			*help |= e == help_entry;
			i += takes_value(e) && !strchr(a, '=');
			continue;
		}
		for (const char *c = a + 1; *c; c++) {
			const GOptionEntry *e = find_option(cmd, NULL, *c);
			const yb_cli_command *other = e ? NULL : owner_of(cli, NULL, *c, cmd);
			if (other)
				return yb_diag_usage("'-%c' is an option of '%s %s', not of '%s %s'", *c, cli->name,
				                     other->name, cli->name, cmd->name);
			if (!e)
				return yb_diag_usage("unknown option '-%c' (see '%s %s --help')", *c, cli->name, cmd->name);
			*help |= e == help_entry;
			if (takes_value(e)) {
				i += !c[1];
				break;
			}
		}
	}
	return 0;
}

/* ---- parsing -------------------------------------------------------------------- */

/* Where a short option's value is attached in the cluster `a` ("-j4",
 * "-qobook.pdf": after the first option that takes a value), or 0; sets
 * *next when that option takes the next argument instead. */
static size_t attached_value(const yb_cli_command *cmd, const char *a, int *next)
{
	for (const char *c = a + 1; *c; c++) {
		const GOptionEntry *e = find_option(cmd, NULL, *c);
		if (e && takes_value(e)) {
			*next = !c[1];
			return c[1] ? (size_t)(c + 1 - a) : 0;
		}
	}
	return 0;
}

/* argv (argv[0] the command) with every attached short option value made an
 * argument of its own, which is how GLib takes it: "-j4" -> "-j" "4".  The
 * new strings go to `owned`; returns a new NULL-terminated array. */
static char **split_values(const yb_cli_command *cmd, int *argc, char **argv, GPtrArray *owned)
{
	GPtrArray *out = g_ptr_array_new();
	int next = 0, i = 0;
	for (; i < *argc && strcmp(argv[i], "--"); i++) {
		const char *a = argv[i];
		int is_value = next;
		size_t cut = 0;
		next = 0;
		if (i > 0 && !is_value && a[0] == '-' && a[1] == '-') {
			char *name = g_strndup(a + 2, strcspn(a + 2, "="));
			const GOptionEntry *e = find_option(cmd, name, 0);
			next = e && takes_value(e) && !strchr(a, '=');
			g_free(name);
		} else if (i > 0 && !is_value && a[0] == '-' && a[1])
			cut = attached_value(cmd, a, &next);
		if (!cut) {
			g_ptr_array_add(out, argv[i]);
			continue;
		}
		g_ptr_array_add(owned, g_strndup(a, cut));
		g_ptr_array_add(owned, g_strdup(a + cut));
		g_ptr_array_add(out, g_ptr_array_index(owned, owned->len - 2));
		g_ptr_array_add(out, g_ptr_array_index(owned, owned->len - 1));
	}
	for (; i < *argc; i++)
		g_ptr_array_add(out, argv[i]);
	*argc = (int)out->len;
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

gboolean yb_cli_bad_value(GError **err, const char *option_name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", option_name, msg);
	g_free(msg);
	return FALSE;
}

gboolean yb_cli_parse_count(const char *option_name, const char *value, const char *what, int *out,
                            GError **err)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	if (!g_ascii_isdigit(*value) || *end || errno || n < 1 || n > INT_MAX)
		return yb_cli_bad_value(err, option_name, "'%s' is not a number of %s; use a whole number, 1 or more",
		                        value, what);
	*out = (int)n;
	return TRUE;
}

static int parse(const yb_cli *cli, const yb_cli_command *cmd, int *argc, char ***argv, char ***operands)
{
	GOptionEntry rest[] = {
		{G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, operands, NULL, NULL},
		{NULL, 0, 0, 0, NULL, NULL, NULL}
	};
	GOptionContext *ctx = g_option_context_new(NULL);
	g_option_context_set_help_enabled(ctx, FALSE);
	for (const yb_cli_group *const *g = cmd->groups; g && *g; g++)
		g_option_context_add_main_entries(ctx, (*g)->entries, NULL);
	g_option_context_add_main_entries(ctx, rest, NULL);
	GError *err = NULL;
	int ok = g_option_context_parse(ctx, argc, argv, &err);
	g_option_context_free(ctx);
	if (ok)
		return 0;
	/* GLib's own messages start with a capital ("Missing argument for --date") */
	if (g_ascii_isupper(err->message[0]) && g_ascii_islower(err->message[1]))
		err->message[0] = g_ascii_tolower(err->message[0]);
	yb_diag_usage("%s (see '%s %s --help')", err->message, cli->name, cmd->name);
	g_error_free(err);
	return -1;
}

static int needs_operands(const yb_cli_command *cmd)
{
	return cmd->operands && cmd->operands[0] != '[';
}

/* "'yearbook stats' needs REPORT.txt... | BOOK.ini, e.g. 'yearbook stats book.ini'" */
static int missing_operands(const yb_cli *cli, const yb_cli_command *cmd)
{
	char *example = NULL;
	if (cmd->examples) {
		char *line = g_strndup(cmd->examples, strcspn(cmd->examples, "\n#"));
		example = g_strdup_printf(", e.g. '%s'", g_strstrip(line));
		g_free(line);
	}
	yb_diag_usage("'%s %s' needs %s%s (see '%s %s --help')", cli->name, cmd->name, cmd->operands,
	              example ? example : "", cli->name, cmd->name);
	g_free(example);
	return -1;
}

static int run_command(const yb_cli *cli, const yb_cli_command *cmd, int argc, char **argv)
{
	int help = 0;
	if (check_names(cli, cmd, argc, argv, &help) != 0)
		return -1;
	if (help) {
		print_command_help(stdout, cli, cmd);
		return 0;
	}
	/* GLib sees the command as the program name, so its operands start at 1 */
	int n = argc - 1;
	GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
	char **split = split_values(cmd, &n, argv + 1, owned), **args = split;
	char **operands = NULL;
	int parsed = parse(cli, cmd, &n, &args, &operands);
	g_free(split);
	if (parsed != 0) {
		g_ptr_array_free(owned, TRUE);
		return -1;
	}
	if (!operands)
		operands = g_new0(char *, 1);
	int rc;
	if (!operands[0] && needs_operands(cmd))
		rc = missing_operands(cli, cmd);
	else
		rc = cmd->run(operands);
	g_strfreev(operands);
	g_ptr_array_free(owned, TRUE);
	return rc;
}

/* ---- completion ---------------------------------------------------------------- */

static void offer(const char *word, const char *prefix)
{
	if (g_str_has_prefix(word, prefix))
		printf("%s\n", word);
}

static void offer_styles(const char *prefix)
{
	char *dir = yb_paths_data("styles");
	char **names = yb_style_names(dir);
	for (char **n = names; *n; n++)
		offer(*n, prefix);
	g_strfreev(names);
	g_free(dir);
}

/* What the value of option e completes to (see cli.h). */
static void offer_value(const GOptionEntry *e, const char *prefix)
{
	const char *what = e->arg_description ? e->arg_description : "";
	const char *dot = strrchr(what, '.');
	if (strchr(what, '|')) {
		char **words = g_strsplit(what, "|", -1);
		for (char **w = words; *w; w++)
			offer(*w, prefix);
		g_strfreev(words);
	} else if (!strcmp(what, "STYLE")) {
		offer_styles(prefix);
		printf(":files *.ini\n");
	} else if (dot && dot[1]) {
		printf(":files *%s\n", dot);
	} else if (!strcmp(what, "FILE") || !strcmp(what, "PREFIX")) {
		printf(":files *\n");
	} else if (!strcmp(what, "FOLDER")) {
		printf(":dirs\n");
	}
}

static int offer_option(const GOptionEntry *e, const yb_cli_group *g, void *data)
{
	if (!(e->flags & G_OPTION_FLAG_HIDDEN)) {
		char *word = g_strconcat("--", e->long_name, NULL);
		offer(word, data);
		g_free(word);
	}
	return 0;
}

/* bash splits "--style=gb" into "--style", "=", "gb"; joins them again. */
static GPtrArray *join_equals(int cword, char **words, int nwords, int *cur)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	*cur = -1;
	for (int i = 0; i < nwords; i++) {
		int glue = out->len && (!strcmp(words[i], "=") ||
		           (i > 0 && !strcmp(words[i - 1], "=") && out->len));
		if (glue) {
			char **last = (char **)&out->pdata[out->len - 1];
			char *joined = g_strconcat(*last, words[i], NULL);
			g_free(*last);
			*last = joined;
		} else {
			g_ptr_array_add(out, g_strdup(words[i]));
		}
		if (i == cword)
			*cur = (int)out->len - 1;
	}
	if (*cur < 0) {
		g_ptr_array_add(out, g_strdup(""));
		*cur = (int)out->len - 1;
	}
	return out;
}

/* The option whose value words[cur] is: "--opt=" in the word itself (*value
 * then points after the '='), or an option taking a value just before it. */
static const GOptionEntry *value_of(const yb_cli_command *cmd, char **words, int cur, const char **value)
{
	const char *w = words[cur];
	const char *eq = strchr(w, '=');
	*value = w;
	if (g_str_has_prefix(w, "--") && eq) {
		char *name = g_strndup(w + 2, (size_t)(eq - w - 2));
		const GOptionEntry *e = find_option(cmd, name, 0);
		g_free(name);
		*value = eq + 1;
		return e;
	}
	const char *prev = cur > 2 ? words[cur - 1] : "";
	const GOptionEntry *e = NULL;
	if (g_str_has_prefix(prev, "--"))
		e = find_option(cmd, prev + 2, 0);
	else if (prev[0] == '-' && prev[1] && !prev[2])
		e = find_option(cmd, NULL, prev[1]);
	return e && takes_value(e) ? e : NULL;
}

static int complete(const yb_cli *cli, int argc, char **argv)
{
	if (argc < 3)
		return yb_diag_usage("__complete takes CWORD and the words of the command line");
	int cur;
	GPtrArray *joined = join_equals(atoi(argv[2]), argv + 3, argc - 3, &cur);
	char **words = (char **)joined->pdata;
	const char *w = words[cur];
	const yb_cli_command *cmd = cur > 1 ? find_command(cli, words[1]) : NULL;
	const GOptionEntry *e;
	const char *value;
	if (cur == 1 || (cur == 2 && !strcmp(words[1], "help"))) {
		GPtrArray *names = command_names(cli);
		for (guint i = 0; i + 1 < names->len; i++)
			if (cur == 1 || i < cli->ncommands)
				offer(g_ptr_array_index(names, i), w);
		g_ptr_array_free(names, TRUE);
		if (cur == 1 && w[0] == '-') {
			offer("--help", w);
			offer("--version", w);
		}
	} else if (!cmd) {
		/* an unknown command: nothing to offer */
	} else if ((e = value_of(cmd, words, cur, &value))) {
		offer_value(e, value);
	} else if (w[0] == '-') {
		each_entry(cmd, offer_option, (void *)w);
	} else if (cmd->operand_globs) {
		printf(":files %s\n", cmd->operand_globs);
	}
	g_ptr_array_free(joined, TRUE);
	return 0;
}

/* ---- the man page's COMMANDS section ---------------------------------------------- */

/* Text for roff: backslashes and hyphens escaped, a leading . or ' made literal. */
static void roff_text(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

static void roff_lines(FILE *out, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (!**l) {
			fputs(".PP\n", out);
			continue;
		}
		roff_text(out, *l);
		fputc('\n', out);
	}
	g_strfreev(lines);
}

typedef struct man_state {
	FILE *out;
	const yb_cli_group *group;   /* whose heading was printed last */
} man_state;

static int man_option(const GOptionEntry *e, const yb_cli_group *g, void *data)
{
	man_state *m = data;
	FILE *out = m->out;
	if (e->flags & G_OPTION_FLAG_HIDDEN)
		return 0;
	if (g != m->group)   /* options grouped as in the help: "book options:" */
		fprintf(out, ".PP\n\\fI%s options:\\fR\n", g->title);
	m->group = g;
	fputs(".TP\n", out);
	if (e->short_name)
		fprintf(out, "\\fB\\-%c\\fR, ", e->short_name);
	fputs("\\fB", out);
	roff_text(out, "--");
	roff_text(out, e->long_name);
	fputs("\\fR", out);
	if (takes_value(e)) {
		fputs("=\\fI", out);
		roff_text(out, e->arg_description ? e->arg_description : "VALUE");
		fputs("\\fR", out);
	}
	fputc('\n', out);
	roff_lines(out, e->description ? e->description : "");
	return 0;
}

static void man_command(FILE *out, const yb_cli *cli, const yb_cli_command *cmd)
{
	fprintf(out, ".SS \"%s %s [OPTIONS]", cli->name, cmd->name);
	if (cmd->operands) {
		fputc(' ', out);
		roff_text(out, cmd->operands);
	}
	fputs("\"\n", out);
	roff_lines(out, cmd->help);
	man_state m = {out, NULL};
	each_entry(cmd, man_option, &m);
	if (cmd->examples) {
		fputs(".PP\nExamples:\n.PP\n.RS\n.nf\n", out);
		roff_lines(out, cmd->examples);
		fputs(".fi\n.RE\n", out);
	}
}

/* "yearbook build [OPTIONS] REPORT.txt... | BOOK.ini", one line each */
static void man_synopsis(FILE *out, const yb_cli *cli)
{
	for (size_t i = 0; i < cli->ncommands; i++) {
		const yb_cli_command *cmd = &cli->commands[i];
		fprintf(out, "%s\\fB%s %s\\fR [\\fIOPTIONS\\fR]", i ? ".br\n" : "", cli->name, cmd->name);
		if (cmd->operands) {
			fputs(" \\fI", out);
			roff_text(out, cmd->operands);
			fputs("\\fR", out);
		}
		fputc('\n', out);
	}
	fprintf(out, ".br\n\\fB%s help\\fR [\\fICOMMAND\\fR]\n.br\n\\fB%s \\-\\-version\\fR | "
	        "\\fB\\-V\\fR | \\fBversion\\fR\n", cli->name, cli->name);
}

static void man_commands(FILE *out, const yb_cli *cli)
{
	for (size_t i = 0; i < cli->ncommands; i++)
		man_command(out, cli, &cli->commands[i]);
	fprintf(out, ".SS \"%s help [COMMAND]\"\nThe list of commands, or the help of one: the same as "
	        "\\fB%s\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR.\n", cli->name, cli->name);
	fprintf(out, ".SS \"%s version\"\nPrints the version; also \\fB\\-\\-version\\fR and \\fB\\-V\\fR.\n",
	        cli->name);
}

/* ---- the command line ------------------------------------------------------------- */

static int help_cmd(const yb_cli *cli, int argc, char **argv)
{
	if (argc < 3) {
		print_overview(stdout, cli);
		return 0;
	}
	if (!strcmp(argv[2], "--man")) {
		if (argc > 3 && !strcmp(argv[3], "synopsis"))
			man_synopsis(stdout, cli);
		else
			man_commands(stdout, cli);
		return 0;
	}
	const yb_cli_command *cmd = find_command(cli, argv[2]);
	if (cmd)
		print_command_help(stdout, cli, cmd);
	else if (!strcmp(argv[2], "help"))
		printf("usage: %s help [COMMAND]\n\nLists the commands, or prints COMMAND's help: the same as\n"
		       "'%s COMMAND --help'.\n", cli->name, cli->name);
	else if (!strcmp(argv[2], "version"))
		printf("usage: %s version\n\nPrints the name and version, e.g. '%s %s'; also --version and -V.\n",
		       cli->name, cli->name, cli->version);
	else
		return unknown_command(cli, argv[2]);
	return 0;
}

static int is_any(const char *a, const char *x, const char *y, const char *z)
{
	return !strcmp(a, x) || !strcmp(a, y) || (z && !strcmp(a, z));
}

int yb_cli_run(const yb_cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		print_overview(stderr, cli);
		return yb_diag_usage("no command; give one of those above, e.g. '%s build book.ini'", cli->name);
	}
	const char *a = argv[1];
	if (is_any(a, "help", "--help", "-h"))
		return help_cmd(cli, argc, argv);
	if (is_any(a, "version", "--version", "-V")) {
		printf("%s %s\n", cli->name, cli->version);
		return 0;
	}
	if (!strcmp(a, "__complete"))
		return complete(cli, argc, argv);
	const yb_cli_command *cmd = find_command(cli, a);
	if (cmd)
		return run_command(cli, cmd, argc, argv);
	if (a[0] == '-')
		return yb_diag_usage("'%s' before the command; options go after it, as in '%s build -q book.ini' "
		                     "(see '%s help')", a, cli->name, cli->name);
	return unknown_command(cli, a);
}
