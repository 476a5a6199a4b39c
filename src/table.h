/* table: three-line tables set into a galley (internal to layout): the
 * report's own TAB tables and the book's summary tables.  See table.c. */
#ifndef YB_TABLE_H
#define YB_TABLE_H

#include "block.h"

typedef struct yb_table_in {
	size_t nrows, ncols;
	const char *const *cells;  /* nrows * ncols, row-major; row 0 is the header */
	const char *caption;       /* 表1 …, or NULL */
	const uint32_t *links;     /* per cell: 1 + a destination to link to, or 0; may be NULL */
	yb_script script;
	size_t stub;               /* columns every part of a split table repeats (the rows'
	                              labels); 0: the first, or the first two when the first
	                              holds numbers (序号) or groups of rows (类别) */
	size_t head_rows;          /* header rows (0 or 1: one); with 2, a cell of row 0 followed
	                              by empty ones spans them (over the second row) */
	int condense;              /* the book's own table: a unit all of a column's numbers share
	                              moves to its header, a repeated group label is printed once
	                              (a report's table keeps every character it has) */
	int whole_or_nothing;      /* a table that would be split into parts is not set at all */
} yb_table_in;

/* Appends the table's lines to the galley (and its head, for continuation
 * pages, to the galley's tables).  Returns 0, or -1 when whole_or_nothing
 * is set and the table is too wide for the type area (nothing appended). */
int yb_table_set(yb_setter *s, const yb_lctx *c, yb_galley *g, const yb_table_in *t);

#endif
