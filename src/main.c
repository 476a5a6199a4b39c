/* main: the command line.
 *
 *   yearbook build [OPTIONS] REPORT.txt... | BOOK.ini
 *   yearbook cover [OPTIONS] REPORT.txt... | BOOK.ini
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
#include "cli.h"
#include "compose.h"
#include "diag.h"
#include "fonts.h"
#include "layout.h"
#include "manifest.h"
#include "output.h"
#include "parse.h"
#include "paths.h"
#include "press.h"
#include "read.h"
#include "stats.h"
#include "style.h"

#include <errno.h>
#include <glib.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define YB_VERSION "0.1.0"

typedef struct opts {
	char *output, *title, *subtitle, *editor, *date, *style, *dump, *proof, *proof_sheet, *indicators, *encoding;
	int keep_punct, normalize_ranges, strict, quiet, verbose, jobs, csv, json, archive, split, allow_outside, press, cover, pages;
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
	yb_text front[YB_FRONT_COUNT]; /* the manifest's front matter; data NULL when it names none */
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
	g_assert(in->paths->len > 0); /* the command line wants operands, a manifest reports */
	in->n = in->paths->len;
	return 0;
}

/* Reads the front matter's texts (编委会, 前言, 凡例) as reports are read. */
static int read_front(const opts *o, inputs *in)
{
	int bad = 0;
	for (int k = 0; in->have_manifest && k < YB_FRONT_COUNT; k++) {
		const char *path = in->manifest.front[k].file;
		if (path && yb_read_file_as(path, o->encoding ? o->encoding : in->manifest.encoding, &in->front[k]) != 0)
			bad = 1;
	}
	return bad;
}

/* Reads every report in order, then parses them in parallel, naming every
 * bad one before giving up. */
static int read_all(const opts *o, inputs *in)
{
	in->texts = g_new0(yb_text, in->n);
	in->reports = g_new0(yb_report, in->n);
	yb_parse_opts *po = g_new0(yb_parse_opts, in->n + 1);
	for (size_t i = 0; i < in->n; i++) {
		const char *path = g_ptr_array_index(in->paths, i);
		const char *enc = in->have_manifest ? yb_manifest_encoding(&in->manifest, i) : NULL;
		yb_read_file_as(path, o->encoding ? o->encoding : enc, &in->texts[i]);
		po[i] = (yb_parse_opts){
			.keep_punctuation = o->keep_punct,
			.normalize_ranges = o->normalize_ranges || (in->have_manifest && in->manifest.normalize_ranges),
			.lines = in->have_manifest ? in->manifest.reports[i].lines : NULL,
			.nlines = in->have_manifest ? in->manifest.reports[i].nlines : 0,
		};
	}
	int bad = yb_parse_reports(in->texts, po, in->reports, in->n, o->jobs);
	g_free(po);
	return bad | read_front(o, in) ? -1 : 0;
}

static void release_inputs(inputs *in)
{
	for (size_t i = 0; in->texts && i < in->n; i++) {
		yb_report_release(&in->reports[i]);
		yb_text_release(&in->texts[i]);
	}
	g_free(in->texts);
	g_free(in->reports);
	for (int k = 0; k < YB_FRONT_COUNT; k++)
		if (in->front[k].data)
			yb_text_release(&in->front[k]);
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
	for (int k = 0; in->have_manifest && k < YB_FRONT_COUNT; k++)
		if (in->manifest.front[k].file && same_file(out, in->manifest.front[k].file))
			return yb_diag_usage("the output '%s' is the front matter '%s'; choose another output file",
			                     out, in->manifest.front[k].file);
	if (is_manifest(o->files) && same_file(out, o->files[0]))
		return yb_diag_usage("the output '%s' is the manifest; choose another output file", out);
	if (strcmp(out, "-") == 0 && o->dump)
		return yb_diag_usage("'-o -' writes the PDF to standard output; --dump cannot go there too");
	return yb_output_check(out);
}

/* The contact sheet replaces a PNG only, and neither an input nor the book. */
static int check_sheet(const char *sheet, const char *out, const inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		if (same_file(sheet, g_ptr_array_index(in->paths, i)))
			return yb_diag_usage("the contact sheet '%s' is the input '%s'; choose another file", sheet,
			                     (const char *)g_ptr_array_index(in->paths, i));
	if (out && (!strcmp(sheet, out) || same_file(sheet, out)))
		return yb_diag_usage("the contact sheet '%s' is the book's output; choose another file", sheet);
	return yb_output_check_new(sheet, "\211PNG");
}

/* The folder a manifest's output goes in (output = dist/book.pdf) is made
 * when missing, as yearbook batch makes it; a folder given with -o must
 * exist (a typo there should not make folders). */
static int make_folder_of(const char *out)
{
	char *dir = g_path_get_dirname(out);
	int rc = g_mkdir_with_parents(dir, 0777) == 0 ? 0
	         : yb_diag_syserr("cannot create the folder '%s' for '%s': %s", dir, out, strerror(errno));
	g_free(dir);
	return rc;
}

/* Proofs are written in place, each after its page is drawn: their folder
 * is checked first (the first proof stands for all). */
static int check_proof(const char *prefix)
{
	char *first = g_strdup_printf("%s-1.png", prefix);
	int rc = yb_output_check_new(first, "\211PNG");
	g_free(first);
	return rc;
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
	for (int k = 0; k < YB_FRONT_COUNT; k++)
		if (in->front[k].data && stat(in->front[k].path, &st) == 0 && st.st_mtime > t)
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
	/* libharu (--archive, --press) embeds TrueType faces only */
	yb_fonts *f = yb_fonts_load_with(dir, o->archive || o->press ? "archive.conf" : NULL);
	g_free(dir);
	return f;
}

/* Characters no font has are warnings, and errors for an archive or press
 * file, which must not draw .notdef. */
static void check_coverage(const opts *o, yb_fonts *fonts, const inputs *in)
{
	const char *haru = o->archive ? "--archive" : o->press ? "--press" : NULL;
	if (haru)
		yb_diag_set_strict(1);
	for (size_t i = 0; i < in->n + YB_FRONT_COUNT; i++) {
		const yb_text *t = i < in->n ? &in->texts[i] : &in->front[i - in->n];
		if (!t->data)
			continue;
		long missing = yb_fonts_check_coverage(fonts, t->path, t->data, t->len);
		if (haru && missing)
			yb_diag_error(t->path, 0, "the archive font set (fonts/archive.conf: TrueType faces only) lacks "
			              "%ld character%s named above: install a TrueType font that has %s, or build "
			              "without %s", missing, missing == 1 ? "" : "s", missing == 1 ? "it" : "them", haru);
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

/* The dump on standard output got there: 0, or -1 after printing (a full disk). */
static int dump_written(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	return yb_diag_syserr("cannot write the dump: %s", strerror(errno));
}

static int dump_tree(const inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		yb_report_dump(&in->reports[i], stdout);
	return dump_written();
}

/* ---- what the user sees while and after it works -------------------------------- */

static gint64 started;   /* g_get_monotonic_time() when main() began */

static double seconds(void)
{
	return (double)(g_get_monotonic_time() - started) / G_USEC_PER_SEC;
}

/* Progress: the build names its stage (and counts reports where it can); a
 * thread shows it on the terminal once the build has run PROGRESS_AFTER
 * seconds, and refreshes it every PROGRESS_EVERY, until the build ends. */
#define PROGRESS_AFTER (1 * G_TIME_SPAN_SECOND)
#define PROGRESS_EVERY (G_TIME_SPAN_SECOND / 5)

static struct {
	GMutex lock;
	GCond done;
	GThread *thread;
	int stop;
	const char *stage;        /* "laying out" */
	size_t count, total;      /* reports, or total 0 */
} progress;

static void set_stage(const char *stage, size_t count, size_t total)
{
	g_mutex_lock(&progress.lock);
	progress.stage = stage;
	progress.count = count;
	progress.total = total;
	g_mutex_unlock(&progress.lock);
}

static void count_report(size_t done, size_t total, void *data)
{
	set_stage("laying out", done, total);
}

static gpointer show_progress(gpointer data)
{
	g_mutex_lock(&progress.lock);
	gint64 next = started + PROGRESS_AFTER;
	while (!progress.stop) {
		if (!g_cond_wait_until(&progress.done, &progress.lock, next)) {
			if (progress.total)
				yb_diag_progress("%s: %zu of %zu reports", progress.stage, progress.count, progress.total);
			else
				yb_diag_progress("%s", progress.stage);
			next = g_get_monotonic_time() + PROGRESS_EVERY;
		}
	}
	g_mutex_unlock(&progress.lock);
	return NULL;
}

static void start_progress(const opts *o)
{
	if (o->quiet || !isatty(STDERR_FILENO))
		return;
	progress.stage = "reading the reports";
	progress.thread = g_thread_new("progress", show_progress, NULL);
}

static void stop_progress(void)
{
	if (!progress.thread)
		return;
	g_mutex_lock(&progress.lock);
	progress.stop = 1;
	g_cond_signal(&progress.done);
	g_mutex_unlock(&progress.lock);
	g_thread_join(progress.thread);
	progress.thread = NULL;
	yb_diag_progress_end();
}

/* "1.1 MB", "640 kB", "812 bytes" */
static char *size_text(long long bytes)
{
	if (bytes < 1000)
		return g_strdup_printf("%lld bytes", bytes);
	if (bytes < 1000 * 1000)
		return g_strdup_printf("%.0f kB", (double)bytes / 1000);
	return g_strdup_printf("%.1f MB", (double)bytes / (1000 * 1000));
}

/* `wrote book.pdf: 32 pages, 1.1 MB, 0.5 s` on standard error. */
static void say_written(const char *out, guint pages)
{
	struct stat st;
	char *size = stat(out, &st) == 0 && S_ISREG(st.st_mode) ? size_text((long long)st.st_size) : NULL;
	fprintf(stderr, "wrote %s: %u page%s%s%s, %.1f s\n", strcmp(out, "-") ? out : "standard output", pages, pages == 1 ? "" : "s",
	        size ? ", " : "", size ? size : "", seconds());
	g_free(size);
}

/* After writing `out` (rc 0, or -1): the notes, then the line that says so. */
static int written(const opts *o, const char *out, int rc, guint pages)
{
	stop_progress();
	yb_diag_flush_notes(o->verbose);
	if (rc == 0 && !o->quiet)
		say_written(out, pages);
	return rc;
}

static int render(const opts *o, const char *out, yb_doc *doc, const yb_book *book, const yb_style *st)
{
	if (o->dump && strcmp(o->dump, "layout") == 0) {
		yb_doc_dump(doc, stdout);
		if (dump_written() != 0)
			return -1;
	}
	set_stage("writing the proofs", 0, 0);
	if (o->proof && yb_render_png(doc, o->proof, 1, 0, 60) != 0)
		return -1;
	set_stage("drawing the contact sheet", 0, 0);
	if (o->proof_sheet && yb_render_png_sheet(doc, o->proof_sheet) != 0)
		return -1;
	if (!out && o->proof_sheet)   /* the contact sheet alone: its own success line */
		return written(o, o->proof_sheet, 0, doc->pages->len);
	if (!out && o->proof) {       /* the proofs alone: `wrote p-1.png ... p-24.png` */
		char *name = g_strdup_printf("%s-1.png ... %s-%u.png", o->proof, o->proof, doc->pages->len);
		int rc = written(o, name, 0, doc->pages->len);
		g_free(name);
		return rc;
	}
	if (!out)
		return 0;
	set_stage("writing the PDF", 0, 0);
	int rc = o->archive ? yb_archive_write(doc, book, out, o->split, "yearbook " YB_VERSION)
	         : o->press ? yb_press_write(doc, book, st, -1, out, "yearbook " YB_VERSION)
	                    : yb_render_pdf(doc, out);
	rc = written(o, out, rc, doc->pages->len);
	if (rc == 0 && o->proof_sheet && !o->quiet)
		say_written(o->proof_sheet, doc->pages->len);
	return rc;
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

/* `cover`: the spread for the book just laid out, its spine from the page
 * count (or --pages) and the style's paper. */
static int write_cover(const opts *o, const inputs *in, const char *out, const yb_doc *interior,
                       const yb_book *book, const yb_style *st, yb_fonts *fonts)
{
	guint pages = o->pages ? (guint)o->pages : interior->pages->len;
	const yb_manifest *m = in->have_manifest ? &in->manifest : NULL;
	double caliper = m && m->paper_caliper > 0 ? m->paper_caliper : st->paper_caliper;
	double spine = yb_press_spine(caliper, pages);
	yb_diag_note(NULL, 0, "the spine: %u pages, %u sheets x %.3f mm = %.2f mm", pages, (pages + 1) / 2,
	             caliper * 25.4 / 72, spine * 25.4 / 72);
	set_stage("writing the cover", 0, 0);
	yb_doc *doc = yb_layout_cover(book, st, fonts, (float)spine, m ? m->back_cover : NULL);
	int rc = o->press ? yb_press_write(doc, book, st, spine, out, "yearbook " YB_VERSION) : yb_render_pdf(doc, out);
	rc = written(o, out, rc, doc->pages->len);
	yb_doc_free(doc);
	return rc;
}

/* Lays the book out and writes what was asked for.  The PDF alone is
 * written while the book is laid out (the layout's page sink); every other
 * output needs the whole display list. */
static int lay_out_and_write(const opts *o, const inputs *in, const char *out, const yb_book *book,
                             const yb_style *st, yb_fonts *fonts)
{
	int stream = out && !o->cover && !o->archive && !o->press && !o->proof && !o->proof_sheet && !o->dump;
	yb_pdf_writer *w = NULL;
	if (stream && !(w = yb_render_pdf_open(out)))
		return -1;
	yb_layout_opts lo = {.jobs = o->jobs, .progress = count_report, .sink = w ? yb_render_pdf_page : NULL,
	                     .sink_data = w};
	yb_doc *doc = yb_layout_book(book, st, fonts, &lo);
	int rc = -1;
	/* with --strict, what the layout had to bend is an error: nothing is written */
	if (yb_diag_error_count() && w)
		yb_render_pdf_abort(w);
	else if (w)
		rc = written(o, out, yb_render_pdf_close(w, doc), doc->pages->len);
	else if (!yb_diag_error_count())
		rc = o->cover ? write_cover(o, in, out, doc, book, st, fonts) : render(o, out, doc, book, st);
	yb_doc_free(doc);
	return rc;
}

static int build_book(const opts *o, inputs *in, yb_style *st, yb_fonts *fonts, const char *out)
{
	yb_book book = {0};
	yb_indicators ind = {0};
	if (load_indicators(o, in, &ind) != 0)
		return -1;
	yb_stats *stats = yb_stats_extract(&ind, in->reports, in->n, o->jobs);
	yb_compose_in ci = {
		.title = o->title, .subtitle = o->subtitle, .editor = o->editor, .date = o->date,
		.manifest = in->have_manifest ? &in->manifest : NULL,
		.reports = in->reports, .nreports = in->n, .stats = stats,
		.source_date_epoch = g_getenv("SOURCE_DATE_EPOCH"), .newest_input = newest_input(in),
		.creator = "yearbook " YB_VERSION,
	};
	for (int k = 0; k < YB_FRONT_COUNT; k++)
		ci.front[k] = in->front[k].data ? &in->front[k] : NULL;
	yb_compose_book(&book, &ci);
	set_stage("laying out", 0, book.nreports);
	note_stand_ins(fonts, st, &book);
	int rc = lay_out_and_write(o, in, out, &book, st, fonts);
	yb_book_release(&book);
	yb_stats_free(stats);
	yb_indicators_release(&ind);
	return rc;
}

/* "a.txt" -> "a.pdf", beside it. */
static char *pdf_beside(const char *path)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	char *dir = g_path_get_dirname(path);
	char *name = g_strconcat(base, ".pdf", NULL);
	char *out = strcmp(dir, ".") ? g_build_filename(dir, name, NULL) : g_strdup(name);
	g_free(name);
	g_free(dir);
	g_free(base);
	return out;
}

/* "book.pdf" -> "book-cover.pdf" for suffix "-cover" (takes book) */
static char *with_suffix(char *book, const char *suffix)
{
	char *stem = g_str_has_suffix(book, ".pdf") ? g_strndup(book, strlen(book) - 4) : g_strdup(book);
	char *out = g_strconcat(stem, suffix, ".pdf", NULL);
	g_free(stem);
	g_free(book);
	return out;
}

/* The manifest's own name for what o writes besides the book (press =,
 * archive =, archive-split =, press-cover =), or NULL. */
static const char *manifest_extra(const opts *o, const inputs *in)
{
	const yb_manifest *m = in->have_manifest ? &in->manifest : NULL;
	if (!m)
		return NULL;
	if (o->cover)
		return o->press ? m->press_cover : NULL;
	return o->press ? m->press : o->split ? m->archive_split : o->archive ? m->archive : NULL;
}

/* Where the book goes: -o; else, unless only a dump, proofs, a contact
 * sheet or timings were asked for, the manifest's output (its `output =`, else its name with
 * .pdf) or the only report's name with .pdf.  What is not the screen book
 * never takes its name: without -o, --press, --archive and `cover` write to
 * the manifest's press =, archive =, archive-split =, press-cover = or that
 * name with -press, -a, -cover, -cover-press.  NULL for no PDF (after a
 * usage error when one is needed); caller frees. */
static char *output_path(const opts *o, const inputs *in)
{
	if (o->output)
		return g_strdup(o->output);
	const char *extra = manifest_extra(o, in);
	if (extra)
		return g_strdup(extra);
	if (o->split) {
		yb_diag_usage("--split writes a folder: give it with -o FOLDER, or with 'archive-split =' in the "
		              "manifest's [book]");
		return NULL;
	}
	if (o->cover || o->press || o->archive) {
		opts book = *o;
		book.cover = book.press = book.archive = 0;
		char *path = output_path(&book, in);
		const char *suffix = o->cover ? (o->press ? "-cover-press" : "-cover") : o->press ? "-press" : "-a";
		return path ? with_suffix(path, suffix) : NULL;
	}
	if (in->have_manifest && in->manifest.output)
		return g_strdup(in->manifest.output);
	if (o->dump || o->proof || o->proof_sheet)
		return NULL;
	if (in->have_manifest)
		return yb_manifest_output(&in->manifest);
	if (in->n == 1)
		return pdf_beside(g_ptr_array_index(in->paths, 0));
	yb_diag_usage("no output file for %zu reports; give one with -o BOOK.pdf, or list them in a book "
	              "manifest with 'output ='", in->n);
	return NULL;
}

static int build(const opts *o)
{
	inputs in = {0};
	yb_style *st = NULL;
	yb_fonts *fonts = NULL;
	char *out = NULL;
	start_progress(o);
	int rc = collect_paths(o, &in);
	if (rc == 0 && !(out = output_path(o, &in)) && yb_diag_error_count())
		rc = -1;
	if (rc == 0 && out && !o->output && in.have_manifest)
		rc = make_folder_of(out);
	if (rc == 0 && out && !o->split)
		rc = check_output(out, &in, o);
	if (rc == 0 && o->proof_sheet)
		rc = check_sheet(o->proof_sheet, out, &in);
	if (rc == 0 && o->proof)
		rc = check_proof(o->proof);
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
	set_stage("loading the fonts", 0, 0);
	if (rc == 0 && !(fonts = load_fonts(o)))
		rc = -1;
	if (rc == 0)
		check_coverage(o, fonts, &in);
	if (rc == 0 && yb_diag_error_count() == 0)
		rc = build_book(o, &in, st, fonts, out);
done:
	stop_progress();
	g_free(out);
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
			printf("%-18s %-9s %4.1f pt  %s%s\n", p.name, p.face->role, p.face->size, m.face,
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

/* The manifest's issuer and year win over the text's, in the table as in the book. */
static void take_manifest_names(inputs *in)
{
	for (size_t i = 0; in->have_manifest && i < in->n; i++) {
		const yb_manifest_report *m = &in->manifest.reports[i];
		yb_report *r = &in->reports[i];
		if (m->issuer) {
			g_free(r->issuer);
			r->issuer = g_strdup(m->issuer);
		}
		if (m->year) {
			g_free(r->year);
			r->year = g_strdup(m->year);
		}
	}
}

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
		take_manifest_names(&in);
		yb_stats *s = yb_stats_extract(&ind, in.reports, in.n, o->jobs);
		rc = yb_stats_print(s, o->json ? YB_STATS_JSON : o->csv ? YB_STATS_CSV : YB_STATS_TEXT, stdout);
		if (rc != 0)
			yb_diag_syserr("cannot write the table: %s", strerror(errno));
		yb_stats_free(s);
		yb_indicators_release(&ind);
	}
	release_inputs(&in);
	return rc;
}

/* ---- the command line ---------------------------------------------------------- */

/* Every command's options land here; the run functions below hand it on. */
static opts opt;

/* Option values are checked as the manifest checks the same values, with
 * the same messages. */
/* `msg` (owned, NULL when the value is good) refuses `value`; else it goes to `slot`. */
static gboolean take_value(const char *name, const char *value, char *msg, char **slot, GError **err)
{
	if (msg) {
		yb_cli_bad_value(err, name, "%s", msg);
		g_free(msg);
		return FALSE;
	}
	g_free(*slot);
	*slot = g_strdup(value);
	return TRUE;
}

static gboolean parse_date(const char *name, const char *value, gpointer data, GError **err)
{
	return take_value(name, value, yb_manifest_bad_date(value), &opt.date, err);
}

static gboolean parse_encoding(const char *name, const char *value, gpointer data, GError **err)
{
	return take_value(name, value, yb_manifest_bad_encoding(value), &opt.encoding, err);
}

static gboolean parse_indicators(const char *name, const char *value, gpointer data, GError **err)
{
	char *msg = g_file_test(value, G_FILE_TEST_IS_REGULAR) ? NULL
	            : g_strdup_printf("indicator file '%s' not found; give the path of an .ini file (the one that "
	                              "ships is the data folder's styles/indicators/rule-of-law.ini)", value);
	return take_value(name, value, msg, &opt.indicators, err);
}

static gboolean parse_style(const char *name, const char *value, gpointer data, GError **err)
{
	return take_value(name, value, yb_style_missing(value, NULL), &opt.style, err);
}

/* More threads than the layout uses are capped there (four a core). */
static gboolean parse_jobs(const char *name, const char *value, gpointer data, GError **err)
{
	return yb_cli_parse_count(name, value, "threads", &opt.jobs, err);
}

static gboolean parse_pages(const char *name, const char *value, gpointer data, GError **err)
{
	return yb_cli_parse_count(name, value, "pages", &opt.pages, err);
}

static gboolean parse_dump(const char *name, const char *value, gpointer data, GError **err)
{
	if (strcmp(value, "tree") && strcmp(value, "layout"))
		return yb_cli_bad_value(err, name, "'%s' is not a dump; use tree or layout", value);
	g_free(opt.dump);
	opt.dump = g_strdup(value);
	return TRUE;
}

#define END {NULL, 0, 0, 0, NULL, NULL, NULL}
#define CALLBACK(f) G_OPTION_ARG_CALLBACK, (gpointer)(GOptionArgFunc)(f)

static const GOptionEntry book_entries[] = {
	{"title", 0, 0, G_OPTION_ARG_STRING, &opt.title,
	 "the book's title, on the cover and in the PDF (default: the manifest's, the only report's "
	 "title, or 报告汇编)", "TEXT"},
	{"subtitle", 0, 0, G_OPTION_ARG_STRING, &opt.subtitle, "the line under the title on the cover (default: "
	 "the manifest's, else a line naming the reports' years and count)", "TEXT"},
	{"editor", 0, 0, G_OPTION_ARG_STRING, &opt.editor, "the editing organisation, on the cover and as the "
	 "PDF's author (default: the manifest's, else none)", "TEXT"},
	{"date", 0, 0, CALLBACK(parse_date), "the book's date, on the cover and as the PDF's creation date "
	 "(default: the manifest's, else none on the cover and SOURCE_DATE_EPOCH or the newest input's time in "
	 "the PDF)", "YYYY-MM-DD"},
	{"style", 's', 0, CALLBACK(parse_style), "the house style: the name of a style in the data folder's "
	 "styles/ (default: the manifest's, else yearbook) or a path to a style file", "STYLE"},
	{"indicators", 0, 0, CALLBACK(parse_indicators), "the indicator file for the key figures "
	 "table (default: the manifest's, else the rule-of-law indicators that ship)", "FILE.ini"},
	END
};

static const GOptionEntry output_entries[] = {
	{"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "write the book to BOOK.pdf (default: the "
	 "manifest's 'output =', else the manifest's or the only report's name with .pdf, beside it; with "
	 "--press or --archive the manifest's 'press =' or 'archive =', else that name with -press or -a: "
	 "book-press.pdf, book-a.pdf)", "BOOK.pdf"},
	{"proof", 0, 0, G_OPTION_ARG_FILENAME, &opt.proof, "also write PNG proofs PREFIX-1.png, PREFIX-2.png, "
	 "... at 60 dpi; without -o (or a manifest's output =) only the proofs are written", "PREFIX"},
	{"proof-sheet", 0, 0, G_OPTION_ARG_FILENAME, &opt.proof_sheet, "also write a contact sheet: every page as "
	 "a thumbnail in reading spreads, with its page number, on one PNG image; without -o (or a manifest's "
	 "output =) only the sheet is written", "SHEET.png"},
	{"dump", 0, 0, CALLBACK(parse_dump), "print what was recognised (tree: titles, issuers, years, headings) "
	 "or every laid-out line with its characters' advances (layout) on standard output; without -o (or a "
	 "manifest's output =) no PDF is written", "tree|layout"},
	END
};

static const GOptionEntry archive_entries[] = {
	{"archive", 0, 0, G_OPTION_ARG_NONE, &opt.archive, "write a PDF/A-1b archive (TrueType fonts, libharu)", NULL},
	{"split", 0, 0, G_OPTION_ARG_NONE, &opt.split, "with --archive: -o names a folder (default: the manifest's "
	 "'archive-split =') that gets one PDF/A file per report and the hand-over files", NULL},
	{"press", 0, 0, G_OPTION_ARG_NONE, &opt.press, "write a PDF/X-1a:2001 file for the print shop: the pages "
	 "with bleed, crop marks and the style's [press] settings (TrueType fonts, libharu)", NULL},
	END
};

static const GOptionEntry cover_entries[] = {
	{"output", 'o', 0, G_OPTION_ARG_FILENAME, &opt.output, "write the cover to COVER.pdf (default: the book's "
	 "output name with -cover, e.g. book-cover.pdf; with --press the manifest's 'press-cover =', else "
	 "book-cover-press.pdf)", "COVER.pdf"},
	{"press", 0, 0, G_OPTION_ARG_NONE, &opt.press, "write PDF/X-1a:2001 in the style's CMYK colours, with bleed, "
	 "crop and fold marks, for the print shop (without it: the same spread in sRGB, for the screen)", NULL},
	{"pages", 0, 0, CALLBACK(parse_pages), "the interior's page count the spine is for (default: the pages "
	 "this book lays out in, as build --press makes them)", "N"},
	END
};

static const GOptionEntry input_entries[] = {
	{"encoding", 0, 0, CALLBACK(parse_encoding), "read the reports as utf-8, gb18030 or big5 (default: "
	 "detected; a manifest's 'encoding =' also sets it)", "utf-8|gb18030|big5"},
	{"allow-outside", 0, 0, G_OPTION_ARG_NONE, &opt.allow_outside, "let a manifest name files outside its "
	 "folder", NULL},
	END
};

static const GOptionEntry text_entries[] = {
	{"keep-punctuation", 0, 0, G_OPTION_ARG_NONE, &opt.keep_punct, "keep half-width , : ; ( ) ? ! in Chinese "
	 "text as they are (by default they become full-width)", NULL},
	{"normalize-ranges", 0, 0, G_OPTION_ARG_NONE, &opt.normalize_ranges, "set 2020-2022 and 2020~2022 in "
	 "Chinese text with an em dash, 2020—2022 (off by default; check lists the lines it would change)", NULL},
	END
};

static const GOptionEntry run_entries[] = {
	{"jobs", 'j', 0, CALLBACK(parse_jobs), "lay out with N threads (default: one per core)", "N"},
	END
};

static const GOptionEntry message_entries[] = {
	{"quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, "print errors only: no notes, warnings or success line",
	 NULL},
	{"verbose", 'v', 0, G_OPTION_ARG_NONE, &opt.verbose, "print every note, also those repeated for many "
	 "reports (by default they are grouped with a count)", NULL},
	{"strict", 0, 0, G_OPTION_ARG_NONE, &opt.strict, "treat warnings (e.g. characters no font has) as "
	 "errors", NULL},
	END
};

static const GOptionEntry fonts_entries[] = {
	{"style", 's', 0, CALLBACK(parse_style), "also show the face that serves each part of this style "
	 "(default: yearbook)", "STYLE"},
	{"archive", 0, 0, G_OPTION_ARG_NONE, &opt.archive, "show the archive font set (fonts/archive.conf, "
	 "TrueType faces only) that build --archive uses", NULL},
	END
};

static const GOptionEntry stats_entries[] = {
	{"indicators", 0, 0, CALLBACK(parse_indicators), "the indicator file (default: the "
	 "manifest's, else the rule-of-law indicators that ship)", "FILE.ini"},
	{"csv", 0, 0, G_OPTION_ARG_NONE, &opt.csv, "print CSV: one row per figure found", NULL},
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt.json, "print JSON: an array of indicators with their figures",
	 NULL},
	END
};

static const yb_cli_group book_group = {"book", book_entries};
static const yb_cli_group output_group = {"output", output_entries};
static const yb_cli_group archive_group = {"archive", archive_entries};
static const yb_cli_group input_group = {"input", input_entries};
static const yb_cli_group cover_group = {"cover", cover_entries};
static const yb_cli_group text_group = {"text", text_entries};
static const yb_cli_group run_group = {"speed", run_entries};
static const yb_cli_group message_group = {"message", message_entries};
static const yb_cli_group fonts_group = {"fonts", fonts_entries};
static const yb_cli_group stats_group = {"stats", stats_entries};

static const yb_cli_group *const build_groups[] = {
	&book_group, &output_group, &archive_group, &input_group, &text_group, &run_group, &message_group, NULL
};
static const yb_cli_group *const fonts_groups[] = {&fonts_group, &message_group, NULL};
static const yb_cli_group *const stats_groups[] = {&stats_group, &input_group, &text_group, &message_group, NULL};
static const yb_cli_group *const check_groups[] = {&input_group, &text_group, &message_group, NULL};
static const yb_cli_group *const cover_groups[] = {
	&book_group, &cover_group, &input_group, &text_group, &run_group, &message_group, NULL
};

/* Hands the parsed options to a command, after what applies to every one. */
static int with_options(int (*command)(const opts *o), char **files)
{
	yb_diag_set_quiet(opt.quiet);
	yb_diag_set_strict(opt.strict);
	yb_diag_hold_notes();
	opt.files = files;
	int rc = command(&opt);
	yb_diag_progress_end();
	yb_diag_flush_notes(opt.verbose);
	return rc;
}

static int run_build(char **files)
{
	if (opt.split && !opt.archive)
		return yb_diag_usage("--split needs --archive: 'yearbook build --archive --split -o FOLDER ...'");
	if (opt.split && opt.output && !strcmp(opt.output, "-"))
		return yb_diag_usage("--split writes a folder of files, which cannot go to standard output; give "
		                     "the folder with -o FOLDER");
	if (opt.press && opt.archive)
		return yb_diag_usage("--press and --archive exclude each other; build the two files one at a time");
	if (yb_read_check_string("--title", opt.title) || yb_read_check_string("--subtitle", opt.subtitle) ||
	    yb_read_check_string("--editor", opt.editor))
		return -1;
	return with_options(build, files);
}

static int run_cover(char **files)
{
	opt.cover = 1;
	if (yb_read_check_string("--title", opt.title) || yb_read_check_string("--subtitle", opt.subtitle) ||
	    yb_read_check_string("--editor", opt.editor))
		return -1;
	return with_options(build, files);
}

static int run_fonts(char **files)
{
	return with_options(fonts_cmd, files);
}

static int run_stats(char **files)
{
	if (opt.csv && opt.json)
		return yb_diag_usage("--csv and --json exclude each other; give one");
	return with_options(stats_cmd, files);
}

/* `check` exits 1 when it found something doubtful, with no error printed. */
static int check_cmd(const opts *o)
{
	size_t doubtful = 0;
	yb_check_opts co = {.keep_punctuation = o->keep_punct, .normalize_ranges = o->normalize_ranges,
	                    .encoding = o->encoding};
	yb_manifest_allow_outside(o->allow_outside);
	int rc = yb_check_run(o->files, &co, stdout, &doubtful);
	return rc ? rc : doubtful ? YB_EXIT_INPUT : 0;
}

static int run_check(char **files)
{
	return with_options(check_cmd, files);
}

static const yb_cli_command commands[] = {
	{"build", "REPORT.txt... | BOOK.ini", "compile reports, or a book manifest, into one PDF book",
	 "Compiles annual reports in plain text (UTF-8; GB18030 and Big5 are converted, with a note) into one "
	 "PDF book: "
	 "a cover, the contents, a table of the reports and one of their key figures, then every report "
	 "as a chapter.  Give the reports in book order, or one book manifest (BOOK.ini) that lists them "
	 "with the book's title, date and style.  Every input is checked before anything is laid out: a "
	 "bad input stops the build with its file, line and what to do, and nothing is written.",
	 "  yearbook build book.ini                          # the manifest names the reports and output\n"
	 "  yearbook build reports/*.txt -o book.pdf --title \"年度报告汇编\"\n"
	 "  yearbook build report.txt                        # writes report.pdf beside it\n"
	 "  yearbook build --style gb9704 a.txt -o a.pdf\n"
	 "  yearbook build --dump=tree reports/*.txt         # what was recognised, nothing written",
	 build_groups, "*.ini *.txt", run_build},
	{"cover", "REPORT.txt... | BOOK.ini", "write the book's cover spread: back cover, spine and front cover",
	 "Writes the cover of the book as one spread: the back cover, the spine and the front cover (the "
	 "book's cover page) side by side.  The spine is as wide as the interior is thick: sheets (pages / 2) "
	 "times the style's [press] paper-caliper, the pages being those the book lays out in (padded to the "
	 "style's signature) or --pages; the title and the compiling body are set on it top to bottom, one "
	 "character a line.  The ground and the ink are the style's [cover] colours.  With --press the "
	 "spread is PDF/X-1a:2001 in their CMYK, with bleed, crop marks and fold marks at the spine, laid "
	 "out with the archive font set like build --press; without it, the same spread in their sRGB for "
	 "looking at on a screen.",
	 "  yearbook cover book.ini --press -o cover-press.pdf\n"
	 "  yearbook cover book.ini                          # book-cover.pdf, sRGB, for the screen\n"
	 "  yearbook cover book.ini --press --pages 500      # the spine of a 500-page interior",
	 cover_groups, "*.ini *.txt", run_cover},
	{"check", "REPORT.txt... | BOOK.ini", "show what was recognised in each report, and what is doubtful",
	 "Prints, for each report, what was recognised: title, issuer, date, document number, year, the "
	 "elements of an official document, and the headings with their level, number and line, as an outline "
	 "an editor reads in a minute.  Every doubtful thing is on a line of its own starting with '?'; then "
	 "the exit status is 1.  A manifest's per-report values and structure overrides are applied, so "
	 "'yearbook check book.ini' shows what 'yearbook build book.ini' will set.",
	 "  yearbook check book.ini\n"
	 "  yearbook check reports/*.txt | grep '^?'      # only the doubtful things",
	 check_groups, "*.ini *.txt", run_check},
	{"batch", "BOOK.ini|FOLDER...", "build many books, each from its manifest, in parallel", yb_batch_help,
	 "  yearbook batch books/                     # every manifest under books/\n"
	 "  yearbook batch books/*.ini -j 4 --out dist/ --report batch.json\n"
	 "  yearbook batch books/ --list              # one build command per book, for another scheduler",
	 yb_batch_groups, "*.ini", yb_batch_run},
	{"fonts", "[REPORT.txt...]", "show the font of each role and style part; characters no font has",
	 "Prints the font that serves each role (song, hei, kai, fangsong, latin) for simplified and "
	 "traditional text, the face each part of a style is set in, and, for each report given, how many "
	 "of its characters no installed font covers.",
	 "  yearbook fonts\n"
	 "  yearbook fonts --style gb9704 reports/*.txt",
	 fonts_groups, "*.txt", run_fonts},
	{"stats", "REPORT.txt... | BOOK.ini", "list the key figures found in the reports",
	 "Lists the key figures (主要数据) that the indicator file describes, as found in each report, each "
	 "with its file, line and sentence; a figure a report gives twice with different values is "
	 "listed as ambiguous.  CSV and JSON carry the number, its unit, whether it is approximate, and "
	 "the report's issuer and year, for a spreadsheet.\n\n"
	 "CSV columns: indicator, group, file, issuer, year, value (as written: 400余万元), number (4000000), "
	 "unit (元), approx (1 for 约, 余, 多, 近, 超过, 逾), line, status (ok, or ambiguous when the report "
	 "gives two values), sentence.  JSON: an array of indicators, each with a cell per report (file, "
	 "issuer, year, status) holding its hits (value, number, unit, approx, line, sentence).",
	 "  yearbook stats reports/*.txt\n"
	 "  yearbook stats --csv book.ini > figures.csv",
	 stats_groups, "*.ini *.txt", run_stats},
};

static const yb_cli yearbook_cli = {
	"yearbook", YB_VERSION,
	"Compiles Chinese annual reports (plain text) into one PDF book.",
	"examples:\n"
	"  yearbook build report.txt            # one report: report.pdf beside it\n"
	"  yearbook build reports/ -o book.pdf  # a folder's reports in one book\n"
	"  yearbook build book.ini              # a book manifest, see 'man yearbook'\n"
	"  yearbook check book.ini              # what was recognised, before building\n"
	"\n"
	"'yearbook help COMMAND' or 'yearbook COMMAND --help' shows a command's options;\n"
	"'man yearbook' is the whole manual.\n"
	"\n"
	"environment: YEARBOOK_DATADIR  the data folder (styles/, fonts/) to use instead\n"
	"                               of the one beside the program\n"
	"             SOURCE_DATE_EPOCH the PDF's creation time, in seconds since 1970\n"
	"                               (default: the book's date, else the newest\n"
	"                               input's modification time)\n"
	"\n"
	"exit status: 0 ok, 1 bad input (a report, manifest, style or font),\n"
	"             2 usage error, 3 system failure (I/O, disk full, a library),\n"
	"             128+N stopped by signal N, e.g. 130 Ctrl-C, 143 SIGTERM (nothing\n"
	"             written, the previous output untouched)\n",
	commands, G_N_ELEMENTS(commands)
};

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
	g_free(o->proof_sheet);
	g_free(o->indicators);
	g_free(o->encoding);
}

/* Memory for a build.  A build allocates and frees tens of megabytes at a
 * time (cairo copies each whole CFF font table twice; pages' arrays grow),
 * and every page the kernel maps is a fault, which virtual machines make
 * expensive (12.8 % of a 100-report build's samples were in the fault
 * handler).  So freed memory stays with the process for reuse instead of
 * going back to the kernel, and the heap is grown once by 256 MB of
 * address space (nothing is touched) and marked for transparent huge
 * pages: a fault per 2 MB instead of per 4 KB where the system allows it.
 * Peak memory stays the same within 2 MB.  Under an address-space limit
 * (ulimit -v) none of that: the pad alone would take 256 MB of it, and each
 * thread's malloc arena reserves 64 MB more, so one arena serves them all
 * (a small book then builds in 150 MB instead of failing under 400 MB). */
static void tune_memory(void)
{
	struct rlimit as;
	if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
		mallopt(M_ARENA_MAX, 1);
		return;
	}
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
	yb_output_guard_stdio();
	started = g_get_monotonic_time();
	tune_memory();
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C"); /* dumps and figures use a decimal point whatever the locale */
	yb_output_catch_faults();
	g_set_prgname(argv[0]); /* batch runs this program again */
	int rc = yb_cli_run(&yearbook_cli, argc, argv);
	free_options(&opt);
	int status = yb_diag_exit_status();
	return status ? status : rc < 0 ? YB_EXIT_SYSTEM : rc;
}
