/* fuzz_parse: arbitrary bytes read (yb_read_bytes) and parsed
 * (yb_parse_report) both with and without --keep-punctuation; every parsed
 * report must pass yb_report_check(). */
#include "fuzz.h"
#include "parse.h"

int yb_fuzz_parse(const uint8_t *data, size_t size)
{
	yb_text t;
	if (yb_read_bytes("fuzz.txt", (const char *)data, size, &t) != 0)
		return 0;
	for (int keep = 0; keep <= 1; keep++) {
		yb_parse_opts opts = { .keep_punctuation = keep };
		yb_report r;
		if (yb_parse_report(&t, &opts, &r) != 0)
			continue;
		yb_report_check(&r);
		yb_report_release(&r);
	}
	yb_text_release(&t);
	return 0;
}

YB_FUZZ_ENTRY(yb_fuzz_parse)
