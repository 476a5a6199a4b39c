/* press: the press build around the libharu backend (see press.h). */
#include "press.h"

#include "archive.h"

#include <math.h>

/* Room under the marks for the 6 pt slug line. */
#define SLUG_ROOM 9.0f

/* The press sheet of a style: its [press] keys and the margin they need. */
static void press_from_style(yb_press *p, const yb_style *st, const char *slug_title, const char *slug_date)
{
	*p = (yb_press){
		.bleed = (float)st->bleed, .crop_marks = st->crop_marks, .registration_marks = st->registration_marks,
		.slug = st->slug, .mark_offset = (float)st->mark_offset, .mark_length = (float)st->mark_length,
		.mark_width = (float)st->mark_width, .condition = st->output_condition,
		.condition_info = st->output_condition_info, .slug_title = slug_title, .slug_date = slug_date,
	};
	float marks = p->crop_marks || p->registration_marks ? p->mark_offset + p->mark_length : 0;
	p->margin = fmaxf(p->bleed, marks) + (p->slug ? SLUG_ROOM : 0);
}

double yb_press_spine(double caliper, guint pages)
{
	return (double)((pages + 1) / 2) * caliper;
}

int yb_press_write(const yb_doc *doc, const yb_book *book, const yb_style *st, double spine, const char *out,
                   const char *producer)
{
	char *date = book->date ? g_strdup(book->date) : doc->date ? g_strndup(doc->date, 10) : NULL;
	yb_press press;
	press_from_style(&press, st, book->title, date);
	if (spine >= 0) {
		press.fold[0] = (float)st->page_width;
		press.fold[1] = (float)(st->page_width + spine);
	}
	yb_archive_meta meta = {.title = book->title, .issuer = book->editor, .date = date, .lang = doc->lang,
	                        .compiler = book->editor, .subject = doc->subject, .keywords = doc->keywords,
	                        .creator = producer, .created = doc->date};
	guint pages;
	int rc = yb_render_haru(doc, 0, 0, &meta, NULL, &press, out, &pages);
	g_free(date);
	return rc;
}
