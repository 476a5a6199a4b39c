/* pdf_update: an incremental update appended to a finished PDF (ISO 32000-1
 * §7.5.6): a new revision of the document catalog with /PageLabels (roman
 * numbers for the front matter, decimal from 1 for the body), /MarkInfo
 * << /Marked true >> and /Lang, which cairo 1.16 cannot write.
 *
 * What it relies on (true of every PDF cairo 1.16 writes; anything else is
 * refused with a system error, never patched blindly):
 *   - a classic cross-reference table and a `trailer` dictionary with
 *     /Size, /Root and (optionally) /Info as plain numbers, within the last
 *     1024 bytes of the file, followed by `startxref` and its offset;
 *   - the catalog is an uncompressed object `N 0 obj << ... >> endobj`
 *     (not inside an object stream) within 16 KiB before the
 *     cross-reference table, with one key per line, as cairo writes it.
 * The new catalog keeps every key of the old one except those the update
 * sets (/PageLabels, /MarkInfo, /Lang), which it replaces, so no key ever
 * appears twice.  It gets the old catalog's object number; the page-label
 * tree is one new object (number /Size).  The new trailer points back to
 * the old cross-reference table with /Prev.
 *
 * When the front matter was written after the body (yb_pdf_fix.moved_*),
 * the update also gives a new revision of the page tree (cairo writes one
 * /Pages node whose /Kids lists every page in the order written) and of the
 * structure tree root (its /K array of top-level elements, in the order
 * written), each with the moved entries first.  Both are found through the
 * cross-reference table (one subsection from object 0, as cairo writes it).
 */
#ifndef YB_PDF_UPDATE_H
#define YB_PDF_UPDATE_H

#include <glib.h>

#include "output.h"

/* Reads n bytes at `offset` of the PDF; 0, or -1 after printing. */
typedef int (*yb_pdf_reader)(void *closure, char *buf, size_t n, long offset);

/* What the update sets. */
typedef struct yb_pdf_fix {
	guint front_pages;   /* labelled i, ii, ..., the rest 1, 2, ... */
	int front_arabic;    /* or all of them 1, 2, ... (the body continues the
	                        front matter's count) */
	const char *lang;    /* BCP 47; NULL: zh-CN */
	guint moved_pages;   /* the last moved_pages pages written open the book (a
	                        front matter written after the body: layout.h's page
	                        sink): the new page tree puts them first */
	guint moved_elems;   /* and the structure tree its last moved_elems
	                        top-level elements */
} yb_pdf_fix;

/* The update's bytes for a PDF of `size` bytes (a GString the caller
 * frees), or NULL after printing. */
GString *yb_pdf_update_make(yb_pdf_reader read, void *closure, long size, const yb_pdf_fix *fix);

/* Appends the update to the PDF written so far to `out`: 0, or -1 after printing. */
int yb_pdf_update(yb_output *out, const yb_pdf_fix *fix);

#endif
