/* main: the command line.
 *
 *   yearbook build [OPTIONS] REPORT.txt... | BOOK.ini
 *   yearbook fonts [--style S] [FILES...]
 *   yearbook stats [--indicators F] [--csv|--json] REPORT.txt... | BOOK.ini
 *
 * `build` runs the pipeline: read -> parse -> compose -> layout -> render.
 * Every input is read and checked before anything is laid out, so a bad
 * input stops the build with every problem named and nothing written.
 */
#include "archive.h"
#include "backend.h"
#include "batch.h"
#include "check.h"
#include "compose.h"
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "manifest.h"
#include "output.h"
#include "parse.h"
#include "paths.h"
#include "read.h"
#include "stats.h"
#include "style.h"

#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define YB_VERSION "0.1.0"

static const char usage_text[] =
	"usage: yearbook build [OPTIONS] REPORT.txt... | BOOK.ini\n"
	"       yearbook fonts [--style S] [FILES...]\n"
	"       yearbook stats [--indicators F] [--csv|--json] REPORT.txt... | BOOK.ini\n"
	"       yearbook --help | --version\n"
	"\n"
	"Compiles Chinese annual reports (plain text) into one PDF book.\n"
	"\n"
	"exit status: 0 ok, 1 bad input (a report, manifest, style or font),\n"
	"             2 usage error, 3 system failure (I/O, disk full, a library),\n"
	"             128+N stopped by signal N, e.g. 130 Ctrl-C, 143 SIGTERM (nothing written)\n";

typedef struct opts {
	char *output, *title, *subtitle, *editor, *date, *style, *dump, *proof, *indicators, *encoding;
	int keep_punct, strict, quiet, jobs, csv, json, archive, split, allow_outside;
	char **files;
} opts;

/* ---- reading and parsing ------------------------------------------------ */

typedef struct inputs {
	yb_manifest manifest;
	int have_manifest;
	GPtrArray *paths;          /* char*, borrowed from opts, the manifest or `found` */
	GPtrArray *found;          /* char*, owned: the reports of a folder given as an argument */
	yb_text *texts;
	yb_report *reports;
	size_t n;
} inputs;

static int is_manifest(char **files)
{
	return files && files[0] && !files[1] && g_str_has_suffix(files[0], ".ini");
}

static gint compare_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A folder given as a report stands for its .txt files, in name order. */
static void add_folder(inputs *in, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new();
	for (const char *name; d && (name = g_dir_read_name(d));)
		if (g_str_has_suffix(name, ".txt") || g_str_has_suffix(name, ".TXT"))
			g_ptr_array_add(names, g_build_filename(dir, name, NULL));
	if (d)
		g_dir_close(d);
	g_ptr_array_sort(names, compare_paths);
	if (!in->found)
		in->found = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < names->len; i++) {
		g_ptr_array_add(in->found, names->pdata[i]);
		g_ptr_array_add(in->paths, names->pdata[i]);
	}
	if (names->len == 0)
		g_ptr_array_add(in->paths, (char *)dir);  /* the reader names it */
	g_ptr_array_free(names, FALSE);
}

static int collect_paths(const opts *o, inputs *in)
{
	in->paths = g_ptr_array_new();
	if (is_manifest(o->files)) {
		yb_manifest_allow_outside(o->allow_outside);
		if (yb_manifest_read(o->files[0], &in->manifest) != 0)
			return -1;
		in->have_manifest = 1;
		for (size_t i = 0; i < in->manifest.nreports; i++)
			g_ptr_array_add(in->paths, in->manifest.reports[i].file);
	} else {
		for (char **f = o->files; f && *f; f++)
			if (g_file_test(*f, G_FILE_TEST_IS_DIR))
				add_folder(in, *f);
			else
				g_ptr_array_add(in->paths, *f);
	}
	if (in->paths->len == 0)
		return yb_diag_usage("no reports given; try 'yearbook build reports/*.txt -o book.pdf'");
	in->n = in->paths->len;
	return 0;
}

/* Reads and parses every report, naming every bad one before giving up. */
static int read_all(const opts *o, inputs *in)
{
	yb_parse_opts po = {.keep_punctuation = o->keep_punct};
	in->texts = g_new0(yb_text, in->n);
	in->reports = g_new0(yb_report, in->n);
	int bad = 0;
	for (size_t i = 0; i < in->n; i++) {
		const char *path = g_ptr_array_index(in->paths, i);
		const char *enc = in->have_manifest ? yb_manifest_encoding(&in->manifest, i) : NULL;
		po.lines = in->have_manifest ? in->manifest.reports[i].lines : NULL;
		po.nlines = in->have_manifest ? in->manifest.reports[i].nlines : 0;
		if (yb_read_file_as(path, o->encoding ? o->encoding : enc, &in->texts[i]) != 0 ||
		    yb_parse_report(&in->texts[i], &po, &in->reports[i]) != 0)
			bad = 1;
	}
	return bad ? -1 : 0;
}

static void release_inputs(inputs *in)
{
	for (size_t i = 0; in->texts && i < in->n; i++) {
		yb_report_release(&in->reports[i]);
		yb_text_release(&in->texts[i]);
	}
	g_free(in->texts);
	g_free(in->reports);
	if (in->paths)
		g_ptr_array_free(in->paths, TRUE);
	if (in->found)
		g_ptr_array_free(in->found, TRUE);
	if (in->have_manifest)
		yb_manifest_release(&in->manifest);
}

/* ---- the output path --------------------------------------------------------- */

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Refuses an output that is an input or sits in a folder that cannot be written. */
static int check_output(const char *out, const inputs *in, const opts *o)
{
	for (size_t i = 0; i < in->n; i++)
		if (same_file(out, g_ptr_array_index(in->paths, i)))
			return yb_diag_usage("the output '%s' is the input '%s'; choose another output file",
			                     out, (const char *)g_ptr_array_index(in->paths, i));
	if (is_manifest(o->files) && same_file(out, o->files[0]))
		return yb_diag_usage("the output '%s' is the manifest; choose another output file", out);
	if (strcmp(out, "-") == 0 && o->dump)
		return yb_diag_usage("'-o -' writes the PDF to standard output; --dump cannot go there too");
	return yb_output_check(out);
}

/* ---- the book's inputs --------------------------------------------------------- */

static const char *first_set(const char *a, const char *b)
{
	return a && *a ? a : b;
}

/* The newest input's modification time: the creation time's last resort. */
static long long newest_input(const inputs *in)
{
	long long t = 0;
	struct stat st;
	for (size_t i = 0; i < in->n; i++)
		if (stat(g_ptr_array_index(in->paths, i), &st) == 0 && st.st_mtime > t)
			t = st.st_mtime;
	return t;
}

/* ---- build ------------------------------------------------------------------- */

static yb_style *load_style(const opts *o, const inputs *in)
{
	const char *name = first_set(o->style, in->have_manifest ? in->manifest.style : NULL);
	char *dir = yb_paths_data("styles");
	yb_style *st = yb_style_load(first_set(name, "yearbook"), dir);
	g_free(dir);
	return st;
}

static yb_fonts *load_fonts(const opts *o)
{
	char *dir = yb_paths_data("fonts");
	yb_fonts *f = yb_fonts_load_with(dir, o->archive ? "archive.conf" : NULL);
	g_free(dir);
	return f;
}

/* Characters no font has are warnings, and errors for an archive, which
 * must not draw .notdef. */
static void check_coverage(const opts *o, yb_fonts *fonts, const inputs *in)
{
	if (o->archive)
		yb_diag_set_strict(1);
	for (size_t i = 0; i < in->n; i++) {
		const yb_text *t = &in->texts[i];
		long missing = yb_fonts_check_coverage(fonts, t->path, t->data, t->len);
		if (o->archive && missing)
			yb_diag_error(t->path, 0, "the archive font set (fonts/archive.conf: TrueType faces only) lacks "
			              "%ld character%s named above: install a TrueType font that has %s, or build "
			              "without --archive", missing, missing == 1 ? "" : "s", missing == 1 ? "it" : "them");
	}
	yb_diag_set_strict(o->strict);
}

/* Resolving every face of the style names each stand-in font once; the
 * style's own note follows when any face is a stand-in (gb9704: the
 * document does not meet GB/T 9704 until 仿宋 and 小标宋 are installed). */
static void note_stand_ins(yb_fonts *fonts, const yb_style *st, const yb_book *book)
{
	yb_style_part p;
	yb_font_match m;
	int stand_in = 0;
	for (size_t r = 0; r < book->nreports; r++)
		for (size_t i = 0; yb_style_face_at(st, i, &p); i++)
			if (yb_fonts_resolve(fonts, p.face->role, book->reports[r].lang, &m) == 0)
				stand_in |= m.stand_in;
	if (stand_in && st->stand_in_note && *st->stand_in_note)
		yb_diag_note(st->path, 0, "%s", st->stand_in_note);
}

static int dump_tree(const inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		yb_report_dump(&in->reports[i], stdout);
	return fflush(stdout) == 0 ? 0 : yb_diag_syserr("cannot write the dump: %s", strerror(errno));
}

static int render(const opts *o, const char *out, yb_doc *doc, const yb_book *book)
{
	if (o->dump && strcmp(o->dump, "layout") == 0)
		yb_doc_dump(doc, stdout);
	if (o->proof && yb_render_png(doc, o->proof, 1, 0, 60) != 0)
		return -1;
	if (!out)
		return 0;
	if (o->archive)
		return yb_archive_write(doc, book, out, o->split, "yearbook " YB_VERSION);
	return yb_render_pdf(doc, out);
}

/* The indicator file: --indicators, the manifest's, or the one that ships. */
static int load_indicators(const opts *o, const inputs *in, yb_indicators *ind)
{
	char *def = yb_paths_data("styles/indicators/rule-of-law.ini");
	const char *path = first_set(o->indicators, in->have_manifest ? in->manifest.indicators : NULL);
	int rc = yb_indicators_load(first_set(path, def), ind);
	g_free(def);
	return rc;
}

static int build_book(const opts *o, inputs *in, yb_style *st, yb_fonts *fonts, const char *out)
{
	yb_book book = {0};
	yb_indicators ind = {0};
	if (load_indicators(o, in, &ind) != 0)
		return -1;
	yb_stats *stats = yb_stats_extract(&ind, in->reports, in->n);
	yb_compose_in ci = {
		.title = o->title, .subtitle = o->subtitle, .editor = o->editor, .date = o->date,
		.manifest = in->have_manifest ? &in->manifest : NULL,
		.reports = in->reports, .nreports = in->n, .stats = stats,
		.source_date_epoch = g_getenv("SOURCE_DATE_EPOCH"), .newest_input = newest_input(in),
		.creator = "yearbook " YB_VERSION,
	};
	yb_compose_book(&book, &ci);
	note_stand_ins(fonts, st, &book);
	yb_layout_opts lo = {.jobs = o->jobs};
	yb_doc *doc = yb_layout_book(&book, st, fonts, &lo);
	/* with --strict, what the layout had to bend is an error: nothing is written */
	int rc = yb_diag_error_count() ? -1 : render(o, out, doc, &book);
	yb_doc_free(doc);
	yb_book_release(&book);
	yb_stats_free(stats);
	yb_indicators_release(&ind);
	return rc;
}

static int build(const opts *o)
{
	inputs in = {0};
	yb_style *st = NULL;
	yb_fonts *fonts = NULL;
	int rc = collect_paths(o, &in);
	const char *out = first_set(o->output, in.have_manifest ? in.manifest.output : NULL);
	if (rc == 0 && !out && !o->dump && !o->proof)
		rc = yb_diag_usage("no output file; give one with -o BOOK.pdf");
	if (rc == 0 && out && !o->split)
		rc = check_output(out, &in, o);
	if (rc == 0)
		rc = yb_output_check_epoch(g_getenv("SOURCE_DATE_EPOCH"));
	if (rc == 0)
		rc = read_all(o, &in);
	if (rc == 0 && o->dump && strcmp(o->dump, "tree") == 0) {
		rc = dump_tree(&in);
		if (!out)
			goto done;
	}
	if (rc == 0 && !(st = load_style(o, &in)))
		rc = -1;
	if (rc == 0 && !(fonts = load_fonts(o)))
		rc = -1;
	if (rc == 0)
		check_coverage(o, fonts, &in);
	if (rc == 0 && yb_diag_error_count() == 0)
		rc = build_book(o, &in, st, fonts, out);
done:
	yb_fonts_free(fonts);
	yb_style_free(st);
	release_inputs(&in);
	return rc;
}

/* ---- fonts ------------------------------------------------------------------- */

/* Which role each part of the style is set in, and the face that serves it. */
static void print_style_roles(yb_fonts *fonts, const yb_style *st)
{
	yb_style_part p;
	printf("\nstyle '%s' (%s):\n", st->name, st->path);
	int stand_in = 0;
	for (size_t i = 0; yb_style_face_at(st, i, &p); i++) {
		yb_font_match m;
		if (yb_fonts_resolve(fonts, p.face->role, "zh-cn", &m) == 0) {
			printf("%-17s %-9s %4.1f pt  %s%s\n", p.name, p.face->role, p.face->size, m.face,
			       m.stand_in ? "  (stand-in)" : "");
			stand_in |= m.stand_in;
		}
	}
	if (stand_in && st->stand_in_note && *st->stand_in_note)
		printf("note: %s\n", st->stand_in_note);
}

static int fonts_cmd(const opts *o)
{
	yb_fonts *fonts = load_fonts(o);
	if (!fonts)
		return -1;
	int rc = yb_fonts_print(fonts, stdout);
	char *dir = yb_paths_data("styles");
	yb_style *st = yb_style_load(first_set(o->style, "yearbook"), dir);
	g_free(dir);
	if (st)
		print_style_roles(fonts, st);
	else
		rc = -1;
	yb_style_free(st);
	for (char **f = o->files; rc == 0 && f && *f; f++) {
		yb_text t;
		if (yb_read_file(*f, &t) != 0)
			continue;
		long missing = yb_fonts_check_coverage(fonts, t.path, t.data, t.len);
		printf("%s: %ld character%s no font covers\n", t.path, missing, missing == 1 ? "" : "s");
		yb_text_release(&t);
	}
	yb_fonts_free(fonts);
	return rc;
}

/* ---- stats ------------------------------------------------------------------- */

static int stats_cmd(const opts *o)
{
	inputs in = {0};
	yb_indicators ind = {0};
	int rc = collect_paths(o, &in);
	if (rc == 0)
		rc = read_all(o, &in);
	if (rc == 0)
		rc = load_indicators(o, &in, &ind);
	if (rc == 0) {
		yb_stats *s = yb_stats_extract(&ind, in.reports, in.n);
		rc = yb_stats_print(s, o->json ? YB_STATS_JSON : o->csv ? YB_STATS_CSV : YB_STATS_TEXT, stdout);
		if (rc != 0)
			yb_diag_syserr("cannot write the table: %s", strerror(errno));
		yb_stats_free(s);
		yb_indicators_release(&ind);
	}
	release_inputs(&in);
	return rc;
}

/* ---- options ----------------------------------------------------------------- */

static int parse_options(int *argc, char ***argv, opts *o)
{
	GOptionEntry entries[] = {
		{"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, "write the book to FILE", "FILE"},
		{"title", 0, 0, G_OPTION_ARG_STRING, &o->title, "the book's title", "TEXT"},
		{"subtitle", 0, 0, G_OPTION_ARG_STRING, &o->subtitle, "the book's subtitle", "TEXT"},
		{"editor", 0, 0, G_OPTION_ARG_STRING, &o->editor, "the editing organisation", "TEXT"},
		{"date", 0, 0, G_OPTION_ARG_STRING, &o->date, "the book's date", "YYYY-MM-DD"},
		{"style", 's', 0, G_OPTION_ARG_STRING, &o->style, "a style name from styles/ or a style file", "S"},
		{"dump", 0, 0, G_OPTION_ARG_STRING, &o->dump, "print the parsed tree or the laid-out lines", "tree|layout"},
		{"proof", 0, 0, G_OPTION_ARG_FILENAME, &o->proof, "also write PNG proofs PREFIX-N.png at 60 dpi", "PREFIX"},
		{"keep-punctuation", 0, 0, G_OPTION_ARG_NONE, &o->keep_punct, "keep half-width punctuation as it is", NULL},
		{"strict", 0, 0, G_OPTION_ARG_NONE, &o->strict, "treat warnings (e.g. characters no font has) as errors", NULL},
		{"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "print errors only", NULL},
		{"encoding", 0, 0, G_OPTION_ARG_STRING, &o->encoding, "read the reports as utf-8, gb18030 or big5 (default: detect)", "ENC"},
		{"allow-outside", 0, 0, G_OPTION_ARG_NONE, &o->allow_outside, "let a manifest name files outside its folder", NULL},
		{"jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs, "lay out with N threads (default: one per core)", "N"},
		{"archive", 0, 0, G_OPTION_ARG_NONE, &o->archive, "write a PDF/A-1b archive (TrueType fonts, libharu)", NULL},
		{"split", 0, 0, G_OPTION_ARG_NONE, &o->split, "with --archive: -o names a folder that gets one PDF/A file per report and the hand-over files", NULL},
		{"indicators", 0, 0, G_OPTION_ARG_FILENAME, &o->indicators, "stats: the indicator file", "FILE"},
		{"csv", 0, 0, G_OPTION_ARG_NONE, &o->csv, "stats: print CSV", NULL},
		{"json", 0, 0, G_OPTION_ARG_NONE, &o->json, "stats: print JSON", NULL},
		{G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, NULL},
		{NULL, 0, 0, 0, NULL, NULL, NULL}
	};
	GOptionContext *ctx = g_option_context_new("build|fonts|stats ...");
	g_option_context_set_summary(ctx, usage_text);
	g_option_context_add_main_entries(ctx, entries, NULL);
	GError *err = NULL;
	int ok = g_option_context_parse(ctx, argc, argv, &err);
	g_option_context_free(ctx);
	if (!ok) {
		yb_diag_usage("%s; see 'yearbook --help'", err->message);
		g_error_free(err);
		return -1;
	}
	if (o->split && !o->archive)
		return yb_diag_usage("--split needs --archive: 'yearbook build --archive --split -o FOLDER ...'");
	if (yb_read_check_string("--title", o->title) || yb_read_check_string("--subtitle", o->subtitle) ||
	    yb_read_check_string("--editor", o->editor))
		return -1;
	if (o->dump && strcmp(o->dump, "tree") != 0 && strcmp(o->dump, "layout") != 0)
		return yb_diag_usage("--dump takes 'tree' or 'layout', not '%s'", o->dump);
	return 0;
}

static void free_options(opts *o)
{
	g_free(o->output);
	g_free(o->title);
	g_free(o->subtitle);
	g_free(o->editor);
	g_free(o->date);
	g_free(o->style);
	g_free(o->dump);
	g_free(o->proof);
	g_free(o->indicators);
	g_free(o->encoding);
	g_strfreev(o->files);
}

/* Memory for a build.  A build allocates and frees tens of megabytes at a
 * time (cairo copies each whole CFF font table twice; pages' arrays grow),
 * and every page the kernel maps is a fault, which virtual machines make
 * expensive (12.8 % of a 100-report build's samples were in the fault
 * handler).  So freed memory stays with the process for reuse instead of
 * going back to the kernel, and the heap is grown once by 256 MB of
 * address space (nothing is touched) and marked for transparent huge
 * pages: a fault per 2 MB instead of per 4 KB where the system allows it.
 * Peak memory stays the same within 2 MB. */
static void tune_memory(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20); /* the largest glibc accepts */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_TOP_PAD, 256 << 20);
	char *probe = malloc(1 << 20);
	uintptr_t lo = (uintptr_t)probe & ~(uintptr_t)4095, hi = (uintptr_t)sbrk(0);
	if (probe && hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
	free(probe);
	mallopt(M_TOP_PAD, 0);
}

int main(int argc, char **argv)
{
	tune_memory();
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* dumps and figures use a decimal point whatever the locale */
	yb_output_catch_faults();
	if (argc >= 2 && strcmp(argv[1], "batch") == 0)
		return yb_batch_main(argc - 1, argv + 1, argv[0]);
	opts o = {0};
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("yearbook %s\n", YB_VERSION);
		return 0;
	}
	if (parse_options(&argc, &argv, &o) != 0) {
		free_options(&o);
		return yb_diag_exit_status();
	}
	yb_diag_set_quiet(o.quiet);
	yb_diag_set_strict(o.strict);
	const char *cmd = o.files && o.files[0] ? o.files[0] : NULL;
	int rc;
	size_t doubtful = 0;
	opts sub = o;
	sub.files = o.files ? o.files + 1 : NULL;
	if (cmd && strcmp(cmd, "build") == 0)
		rc = build(&sub);
	else if (cmd && strcmp(cmd, "fonts") == 0)
		rc = fonts_cmd(&sub);
	else if (cmd && strcmp(cmd, "stats") == 0)
		rc = stats_cmd(&sub);
	else if (cmd && strcmp(cmd, "check") == 0)   /* exit 1 when something is doubtful */
		rc = yb_check_run(sub.files, o.keep_punct, stdout, &doubtful);
	else
		rc = yb_diag_usage("expected 'build', 'check', 'fonts' or 'stats'; see 'yearbook --help'");
	free_options(&o);
	int status = yb_diag_exit_status();
	return status ? status : rc ? YB_EXIT_SYSTEM : doubtful ? 1 : 0;
}
