/* fuzz_manifest: arbitrary bytes as a book manifest (yb_manifest_read).
 * An accepted manifest has at least one report, each with a file. */
#include "fuzz.h"
#include "manifest.h"

#include <assert.h>

int yb_fuzz_manifest(const uint8_t *data, size_t size)
{
	yb_manifest m;
	if (yb_manifest_read(yb_fuzz_file("book.ini", data, size), &m) != 0)
		return 0;
	assert(m.nreports > 0 && m.reports);
	for (size_t i = 0; i < m.nreports; i++)
		assert(m.reports[i].file);
	yb_manifest_release(&m);
	return 0;
}

YB_FUZZ_ENTRY(yb_fuzz_manifest)
