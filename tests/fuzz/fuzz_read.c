/* fuzz_read: arbitrary bytes through the reader's encoding detection
 * (yb_read_bytes).  Accepted text must be valid UTF-8, NUL-terminated, with
 * no carriage return left.  (A second U+FEFF after the BOM is text, a
 * zero-width no-break space: regressions/read/double-bom-cr.) */
#include "fuzz.h"
#include "read.h"

#include <assert.h>
#include <glib.h>
#include <string.h>

int yb_fuzz_read(const uint8_t *data, size_t size)
{
	yb_text t;
	if (yb_read_bytes("fuzz.txt", (const char *)data, size, &t) != 0)
		return 0;
	assert(t.data && t.data[t.len] == '\0');
	assert(g_utf8_validate(t.data, (gssize)t.len, NULL));
	assert(!memchr(t.data, '\r', t.len));
	yb_text_release(&t);
	return 0;
}

YB_FUZZ_ENTRY(yb_fuzz_read)
