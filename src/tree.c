/* tree: release, invariants and the --dump=tree text of a yb_report.
 *
 * The dump, one fact per line, stable for golden tests:
 *   report: <base name of the file>
 *   title: <title> (line N)          the title line N of the file, or
 *   title: <title> (lines N-M)       a title over lines N to M, or
 *   title: <title> (built)           built from issuer and year
 *   issuer: <issuer> | (not found in the text)
 *   year: <year> | (not found in the text)
 *   date: YYYY-MM-DD                 only when found
 *   number: <发文字号>                only when found
 *   lang: zh-cn | zh-tw
 *   h<level> L<line> [run-in ]<the heading: its first head_len bytes>
 *   table L<line> <rows>x<cols>[ <caption>]
 *   <element> L<line> <text>         an official-document element (yb_element_name)
 *   lead L<line> <the lead>          a paragraph opened by a bold run-in lead
 *   o<level> L<line> <its label>     a numbered paragraph in the outline at that level
 *   ...                              (one line per heading, table, element or lead, in order)
 *   headings: N
 *   paragraphs: N                    paragraph blocks plus run-in headings,
 *                                    i.e. every paragraph set in the body
 *   chars: N                         non-white-space characters of the text
 */
#include "tree.h"

#include <assert.h>
#include <string.h>

#include <glib.h>

static const char *const element_names[YB_EL_COUNT] = {
	[YB_EL_NONE] = "body", [YB_EL_MARK] = "mark", [YB_EL_NUMBER] = "number",
	[YB_EL_SUBTITLE] = "subtitle", [YB_EL_ADDRESSEE] = "addressee", [YB_EL_ATTACHMENTS] = "attachments",
	[YB_EL_SIGNATURE] = "signature", [YB_EL_DATE] = "date", [YB_EL_NOTE] = "note",
	[YB_EL_COPIES] = "copies", [YB_EL_APPENDIX] = "appendix",
};

const char *yb_element_name(yb_element e)
{
	assert(e >= 0 && e < YB_EL_COUNT);
	return element_names[e];
}

static void block_release(yb_block *b)
{
	for (size_t i = 0; b->cells && i < b->nrows * b->ncols; i++)
		g_free(b->cells[i]);
	g_free(b->cells);
	g_free(b->row_lines);
	g_free(b->caption);
	g_free(b->text);
}

void yb_report_release(yb_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nblocks; i++)
		block_release(&r->blocks[i]);
	g_free(r->blocks);
	g_free(r->path);
	g_free(r->title);
	g_free(r->title_text);
	g_free(r->date);
	g_free(r->number);
	g_free(r->issuer);
	g_free(r->year);
	g_free(r->lang);
	memset(r, 0, sizeof *r);
}

static void check_table(const yb_block *b)
{
	assert(b->nrows >= 2 && b->ncols >= 1 && b->cells && b->row_lines);
	assert(b->row_lines[0] >= b->line);
	for (size_t i = 0; i < b->nrows * b->ncols; i++)
		assert(b->cells[i]);
	for (size_t i = 1; i < b->nrows; i++)
		assert(b->row_lines[i] > b->row_lines[i - 1]);
}

static void check_block(const yb_block *b)
{
	assert(b->text && *b->text);
	assert(b->line > 0);
	size_t len = strlen(b->text);
	if (b->kind == YB_BLOCK_TABLE)
		check_table(b);
	else
		assert(!b->cells && !b->caption && b->nrows == 0);
	assert(b->number_len <= len && b->lead_len <= len);
	assert(b->outline_level >= 0 && b->outline_level <= 4 && b->label_len <= len);
	assert((b->outline_level > 0) == (b->label_len > 0));
	assert(!b->outline_level || (b->kind == YB_BLOCK_PARAGRAPH && b->number_len && b->label_len > b->number_len));
	if (b->kind != YB_BLOCK_HEADING) {
		assert(b->level == 0 && b->run_in == 0);
		assert(b->kind == YB_BLOCK_PARAGRAPH || (b->element == YB_EL_NONE && b->lead_len == 0));
		return;
	}
	assert(b->element == YB_EL_NONE && b->lead_len == 0);
	assert(b->level >= 1 && b->level <= 4);
	assert(b->number_len <= b->head_len && b->head_len <= len);
	assert(b->run_in ? b->head_len < len : b->head_len == len);
	assert(g_utf8_validate_len(b->text, b->head_len, NULL));
}

void yb_report_check(const yb_report *r)
{
	assert(r && r->path);
	assert(r->title && *r->title);
	assert(r->lang && (strcmp(r->lang, "zh-cn") == 0 || strcmp(r->lang, "zh-tw") == 0));
	assert(r->title_line >= 0 && (r->title_line == 0 || r->title_end >= r->title_line));
	assert((r->title_line > 0) == (r->title_text != NULL));
	assert(r->nblocks == 0 || r->blocks);
	long last = 0;
	for (size_t i = 0; i < r->nblocks; i++) {
		check_block(&r->blocks[i]);
		assert(r->blocks[i].line > last);
		assert(r->blocks[i].line < r->title_line || r->blocks[i].line > r->title_end);
		last = r->blocks[i].kind == YB_BLOCK_TABLE ? r->blocks[i].row_lines[r->blocks[i].nrows - 1]
		                                          : r->blocks[i].line;
	}
}

static const char *or_missing(const char *s)
{
	return s ? s : "(not found in the text)";
}

void yb_report_dump(const yb_report *r, FILE *out)
{
	size_t headings = 0, paragraphs = 0;
	char *base = g_path_get_basename(r->path);
	fprintf(out, "report: %s\n", base);
	g_free(base);
	if (r->title_line > 0 && r->title_end > r->title_line)
		fprintf(out, "title: %s (lines %ld-%ld)\n", r->title, r->title_line, r->title_end);
	else if (r->title_line > 0)
		fprintf(out, "title: %s (line %ld)\n", r->title, r->title_line);
	else
		fprintf(out, "title: %s (built)\n", r->title);
	fprintf(out, "issuer: %s\nyear: %s\n", or_missing(r->issuer), or_missing(r->year));
	if (r->date)
		fprintf(out, "date: %s\n", r->date);
	if (r->number)
		fprintf(out, "number: %s\n", r->number);
	fprintf(out, "lang: %s\n", r->lang);
	for (size_t i = 0; i < r->nblocks; i++) {
		const yb_block *b = &r->blocks[i];
		if (b->kind == YB_BLOCK_TABLE)
			fprintf(out, "table L%ld %zux%zu%s%s\n", b->line, b->nrows, b->ncols,
			        b->caption ? " " : "", b->caption ? b->caption : "");
		if (b->kind == YB_BLOCK_PARAGRAPH && b->element != YB_EL_NONE)
			fprintf(out, "%s L%ld %s\n", yb_element_name(b->element), b->line, b->text);
		else if (b->kind == YB_BLOCK_PARAGRAPH && b->lead_len > b->number_len)
			fprintf(out, "lead L%ld %.*s\n", b->line, (int)b->lead_len, b->text);
		else if (b->outline_level)
			fprintf(out, "o%d L%ld %.*s\n", b->outline_level, b->line, (int)b->label_len, b->text);
		if (b->kind != YB_BLOCK_HEADING) {
			paragraphs += b->kind == YB_BLOCK_PARAGRAPH;
			continue;
		}
		headings++;
		paragraphs += b->run_in;
		fprintf(out, "h%d L%ld %s%.*s\n", b->level, b->line, b->run_in ? "run-in " : "",
		        (int)b->head_len, b->text);
	}
	fprintf(out, "headings: %zu\nparagraphs: %zu\nchars: %zu\n", headings, paragraphs, r->nchars);
}
