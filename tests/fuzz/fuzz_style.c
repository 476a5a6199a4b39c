/* fuzz_style: arbitrary bytes as a style file (yb_style_load, inheriting
 * from the shipped styles/).  An accepted style has a usable grid. */
#include "fuzz.h"
#include "style.h"

#include <assert.h>

int yb_fuzz_style(const uint8_t *data, size_t size)
{
	yb_style *s = yb_style_load(yb_fuzz_file("fuzz.ini", data, size), NULL);
	if (!s)
		return 0;
	assert(s->body.size > 0);
	yb_style_free(s);
	return 0;
}

YB_FUZZ_ENTRY(yb_fuzz_style)
