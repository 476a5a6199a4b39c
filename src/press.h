/* press: PDF/X-1a:2001 output for the print shop (yearbook build --press,
 * yearbook cover --press).
 *
 * render_haru.c writes it (press is a mode of the libharu backend: the same
 * display-list replay as the archive, with another page geometry and
 * another file-level dictionary); press.c drives it: the sheet's geometry
 * and marks from the style's [press] group, the document information from
 * the book.
 *
 * The sheet.  Each page of the display list is the trim (TrimBox = the
 * ordinary book's page).  The MediaBox adds `margin` on every side: the
 * bleed (BleedBox), then the crop marks, registration marks and the slug
 * line, all outside the TrimBox and inside the MediaBox.
 */
#ifndef YB_PRESS_H
#define YB_PRESS_H

#include "compose.h"
#include "pages.h"
#include "style.h"

/* What the press mode of the backend needs; strings borrowed. */
typedef struct yb_press {
	float bleed;                 /* pt beyond the trim on each side */
	float margin;                /* pt from the trim to the sheet's edge (>= bleed) */
	int crop_marks, registration_marks, slug;
	float mark_offset, mark_length, mark_width;
	const char *condition;       /* OutputConditionIdentifier, e.g. "FOGRA39" */
	const char *condition_info;  /* its description */
	const char *slug_title, *slug_date; /* the slug line's book title and date, or NULL */
	float fold[2];               /* a cover spread: x of the spine's edges in the trim, for
	                                fold marks beside the crop marks; 0 for none */
} yb_press;

/* `build --press`: the whole book as PDF/X-1a:2001, written atomically to
 * out; `cover --press` (spine >= 0: doc is the cover spread, yb_layout_cover,
 * with a spine that wide, pt, whose edges get fold marks).  0, or -1 after
 * printing. */
int yb_press_write(const yb_doc *doc, const yb_book *book, const yb_style *st, double spine, const char *out,
                   const char *producer);

/* The spine of a book of `pages` pages on paper `caliper` pt thick: sheets
 * (pages / 2, rounded up) × caliper, pt. */
double yb_press_spine(double caliper, guint pages);

#endif
