/* check: `yearbook check FILES|book.ini`, what was recognised, for an editor.
 *
 * For each report: title, issuer, date, number and year (with where they
 * came from), the official-document elements by line, then the headings
 * with their level, number and line, indented by level, and a count of
 * numbered paragraphs, articles and leads.  Lines starting with `?` are
 * doubtful, each with what to do:
 *   - a title built rather than read, an issuer or year not found;
 *   - a heading whose number does not follow the one before it at its
 *     level (（三） after （一）, or a first number that is not 1);
 *   - a heading that skips a level (a level-3 heading under a level 1);
 *   - a heading (not run-in) ending in 。;
 *   - a manifest structure override naming a line that holds no text.
 * With --normalize-ranges (or the manifest's normalize-ranges = true), a
 * `ranges` line names the lines whose ranges a build would set with an em
 * dash and how many (the parse itself leaves them as written).
 * Numbered paragraphs in the outline are listed with their level and label,
 * marked ¶.
 * The manifest's values and overrides are applied, as in `build`.
 */
#include "check.h"

#include "diag.h"
#include "manifest.h"
#include "parse.h"
#include "read.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include <glib.h>

typedef struct checker {
	FILE *out;
	size_t doubtful;
} checker;

static void doubt(checker *c, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void doubt(checker *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("  ? ", c->out);
	vfprintf(c->out, fmt, ap);
	fputc('\n', c->out);
	va_end(ap);
	c->doubtful++;
}

static void field(checker *c, const char *name, const char *manifest, const char *found, const char *where)
{
	if (manifest)
		fprintf(c->out, "  %-9s %s (manifest)\n", name, manifest);
	else if (found)
		fprintf(c->out, "  %-9s %s%s\n", name, found, where);
	else
		fprintf(c->out, "  %-9s -\n", name);
}

static void metadata(checker *c, const yb_report *r, const yb_manifest_report *m)
{
	char *where = r->title_line == 0 ? g_strdup(" (built)")
	            : r->title_end > r->title_line ? g_strdup_printf(" (lines %ld-%ld)", r->title_line, r->title_end)
	            : g_strdup_printf(" (line %ld)", r->title_line);
	field(c, "title", m ? m->title : NULL, r->title, where);
	g_free(where);
	field(c, "issuer", m ? m->issuer : NULL, r->issuer, "");
	field(c, "date", m ? m->date : NULL, r->date, "");
	field(c, "number", m ? m->number : NULL, r->number, "");
	field(c, "year", m ? m->year : NULL, r->year, "");
	if (r->title_line == 0 && !(m && m->title))
		doubt(c, "title: none in the text, built as '%s'; give 'title =' in the report's manifest group", r->title);
	if (!r->issuer && !(m && m->issuer))
		doubt(c, "issuer: not found; give 'issuer =' in the report's manifest group");
	if (!r->year && !(m && m->year))
		doubt(c, "year: not found; give 'year =' in the report's manifest group");
}

static void elements(checker *c, const yb_report *r)
{
	GString *g = g_string_new(NULL);
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *b = &r->blocks[i];
		if (b->kind != YB_BLOCK_PARAGRAPH || b->element == YB_EL_NONE)
			continue;
		const yb_block *n = i + 1 < r->nblocks ? &r->blocks[i + 1] : NULL;
		long last = b->line;
		while (n && n->kind == YB_BLOCK_PARAGRAPH && n->element == b->element) {
			last = n->line;
			n = ++i + 1 < r->nblocks ? &r->blocks[i + 1] : NULL;
		}
		g_string_append_printf(g, "%s%s L%ld", g->len ? ", " : "", yb_element_name(b->element), b->line);
		if (last != b->line)
			g_string_append_printf(g, "-%ld", last);
	}
	fprintf(c->out, "  %-9s %s\n", "elements", g->len ? g->str : "-");
	g_string_free(g, TRUE);
}

static void headings(checker *c, const yb_report *r)
{
	long last[5] = { 0 };   /* the last number seen at each level, 0: none since the level above */
	int prev_level = 0;
	size_t numbered = 0, outlined = 0, articles = 0, leads = 0;
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *b = &r->blocks[i];
		if (b->kind == YB_BLOCK_PARAGRAPH) {
			articles += b->lead_len && b->lead_len == b->number_len;
			leads += b->lead_len > b->number_len;
			numbered += b->number_len && !b->lead_len;
			outlined += b->outline_level > 0;
		}
		if (b->outline_level)
			fprintf(c->out, "  L%-5ld %*s%d ¶ %.*s\n", b->line, 2 * (b->outline_level - 1), "", b->outline_level,
			        (int)b->label_len, b->text);
		if (b->kind != YB_BLOCK_HEADING)
			continue;
		fprintf(c->out, "  L%-5ld %*s%d %.*s\n", b->line, 2 * (b->level - 1), "", b->level, (int)b->head_len, b->text);
		if (b->level > prev_level + 1)
			doubt(c, "L%ld: a level-%d heading under a level-%d one; check the level above it", b->line, b->level,
			      prev_level);
		prev_level = b->level;
		long value = 0;
		size_t nl;
		if (b->number_len && yb_parse_numbering(b->text, b->number_len, &nl, &value) != YB_NUM_NONE) {
			if (value != last[b->level] + 1 && last[b->level])
				doubt(c, "L%ld: %.*s follows number %ld; a number missing, or a line that is not a heading",
				      b->line, (int)b->number_len, b->text, last[b->level]);
			else if (value != last[b->level] + 1)
				doubt(c, "L%ld: %.*s opens its level; a number missing, or a line that is not a heading",
				      b->line, (int)b->number_len, b->text);
			last[b->level] = value;
		}
		for (int l = b->level + 1; l <= 4; l++)
			last[l] = 0;
		if (!b->run_in && g_str_has_suffix(b->text, "。"))
			doubt(c, "L%ld: a heading ending in 。; if it is a sentence, give 'body = %ld'", b->line, b->line);
	}
	fprintf(c->out, "  numbered paragraphs %zu (%zu in the outline), articles %zu, leads %zu\n", numbered, outlined,
	        articles, leads);
}

static void overrides_found(checker *c, const yb_report *r, const yb_manifest_report *m)
{
	for (size_t k = 0; m && k < m->nlines; k++) {
		int found = r->title_line && m->lines[k].line >= r->title_line && m->lines[k].line <= r->title_end;
		for (size_t i = 0; i < r->nblocks && !found; i++)
			found = r->blocks[i].line == m->lines[k].line;
		if (!found)
			doubt(c, "%s = %ld: line %ld of the report holds no text (or belongs to a table)",
			      m->lines[k].level ? "heading" : "body", m->lines[k].line, m->lines[k].line);
	}
}

static void add_ranges(GString *g, size_t *total, long line, const char *s)
{
	size_t n = yb_parse_count_ranges(s);
	if (!n)
		return;
	g_string_append_printf(g, "%sL%ld (%zu)", g->len ? ", " : "", line, n);
	*total += n;
}

/* The ranges --normalize-ranges would set with an em dash, by line. */
static void ranges(checker *c, const yb_report *r)
{
	GString *g = g_string_new(NULL);
	size_t total = 0;
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *b = &r->blocks[i];
		for (size_t k = 0; k < b->nrows * b->ncols; k++)
			add_ranges(g, &total, b->row_lines[k / b->ncols], b->cells[k]);
		if (b->caption)
			add_ranges(g, &total, b->line, b->caption);
		if (!b->cells)
			add_ranges(g, &total, b->line, b->text);
	}
	if (total)
		fprintf(c->out, "  %-9s %zu to set as 2020\u20142022: %s\n", "ranges", total, g->str);
	else
		fprintf(c->out, "  %-9s none to change\n", "ranges");
	g_string_free(g, TRUE);
}

static size_t check_report(FILE *out, const yb_report *r, const yb_manifest_report *m, int normalize_ranges)
{
	checker c = { out, 0 };
	fprintf(out, "%s\n", r->path);
	metadata(&c, r, m);
	elements(&c, r);
	if (normalize_ranges)
		ranges(&c, r);
	headings(&c, r);
	overrides_found(&c, r, m);
	fprintf(out, "  %s\n\n", c.doubtful ? "doubtful: see the lines with ?" : "nothing doubtful");
	return c.doubtful;
}

int yb_check_run(char *const *files, const yb_check_opts *o, FILE *out, size_t *doubtful)
{
	yb_manifest m = { 0 };
	int manifest = files && files[0] && !files[1] && g_str_has_suffix(files[0], ".ini");
	if (!files || !files[0])
		return yb_diag_usage("no reports given; try 'yearbook check reports/*.txt' or 'yearbook check book.ini'");
	if (manifest && yb_manifest_read(files[0], &m) != 0)
		return -1;
	size_t n = manifest ? m.nreports : g_strv_length((char **)files);
	int rc = 0;
	*doubtful = 0;
	for (size_t i = 0; i < n; i++) {
		const yb_manifest_report *mr = manifest ? &m.reports[i] : NULL;
		yb_parse_opts po = { .keep_punctuation = o->keep_punctuation, .lines = mr ? mr->lines : NULL,
		                     .nlines = mr ? mr->nlines : 0 };
		const char *encoding = o->encoding ? o->encoding : manifest ? yb_manifest_encoding(&m, i) : NULL;
		yb_text t;
		yb_report r;
		if (yb_read_file_as(mr ? mr->file : files[i], encoding, &t) != 0) {
			rc = -1;
			continue;
		}
		if (yb_parse_report(&t, &po, &r) == 0) {
			*doubtful += check_report(out, &r, mr, o->normalize_ranges || (manifest && m.normalize_ranges));
			yb_report_release(&r);
		} else {
			rc = -1;
		}
		yb_text_release(&t);
	}
	if (manifest)
		yb_manifest_release(&m);
	if (fflush(out) != 0)
		return yb_diag_syserr("cannot write the outline: %s", g_strerror(errno));
	return rc;
}
