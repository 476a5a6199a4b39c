/* fuzz: one entry point per fuzz target, shared by the libFuzzer binaries
 * (make fuzz, built with -DYB_LIBFUZZER) and by the replay test that runs
 * every saved crash in tests/fuzz/regressions/ (make check).
 *
 * Each function takes arbitrary bytes, must never crash, hang or leak, and
 * checks what it can about the result with assert().  Returns 0.  Input
 * bytes stay the caller's.
 */
#ifndef YB_FUZZ_H
#define YB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int yb_fuzz_read(const uint8_t *data, size_t size);
int yb_fuzz_parse(const uint8_t *data, size_t size);
int yb_fuzz_manifest(const uint8_t *data, size_t size);
int yb_fuzz_style(const uint8_t *data, size_t size);
int yb_fuzz_book(const uint8_t *data, size_t size);

/* The path readers take a file: `size` bytes of `data` written to a
 * temporary file named `name` (kept for the whole process, rewritten on each
 * call).  Returns its path, owned by the module. */
const char *yb_fuzz_file(const char *name, const uint8_t *data, size_t size);

#ifdef YB_LIBFUZZER
#define YB_FUZZ_ENTRY(fn) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fn(data, size); }
#else
#define YB_FUZZ_ENTRY(fn)
#endif

#endif
