/* read: bytes of a report file -> UTF-8 text with stable line numbers.
 *
 * Design note.  The checks run in this order, each on the raw bytes unless
 * said otherwise:
 *   1. nothing at all               -> "is empty"
 *   2. a UTF-16 byte order mark     -> "is UTF-16 text" (say: save as UTF-8)
 *   3. a known binary signature (PDF, ZIP/DOCX, PNG, JPEG, GIF, ELF, OLE/DOC),
 *      or "bad" bytes (NUL and C0 controls other than TAB LF VT FF CR, and
 *      DEL) making up more than 1 % of the file and more than 3 of them
 *                                   -> "looks like a binary file"
 *   3a. text that is another kind of document: a book manifest (its first
 *      line other than blanks and comments is [book] or [report...]), an
 *      HTML or XML page (it starts with <!DOCTYPE, <html or <?xml), a README
 *      (by its name)                -> "is a book manifest / an HTML page /
 *                                      a README, not a report"
 *   4. UTF-8, validated with NUL bytes stepped over; if that fails, the whole
 *      file through g_convert from GB18030 (with a note); if that fails too,
 *      the error names the line and byte offset of the first bad UTF-8
 *      sequence in the original file
 *   5. on the UTF-8 text: the BOM is removed, CRLF and lone CR become LF,
 *      FF and VT become spaces, and the few remaining bad bytes are dropped
 *      with one warning naming the line of the first of them
 *   6. nothing but white space      -> "is empty"
 * Bytes below 0x30 are never part of a multi-byte sequence in UTF-8 or in
 * GB18030, so line ends and control bytes can be found on the raw bytes, and
 * line numbers are the same before and after conversion and normalisation.
 */
#include "read.h"
#include "diag.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

/* A NUL or a control byte that has no business in a text file. */
static int is_bad_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') || c == 0x7f;
}

/* 1-based line of byte `off`, counting LF, CRLF and lone CR as line ends. */
static long line_of(const char *b, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++) {
		if (b[i] == '\n' || (b[i] == '\r' && (i + 1 >= off || b[i + 1] != '\n')))
			line++;
	}
	return line;
}

/* ---------------------------------------------------------------------------
 * Refusals on the raw bytes
 */

static int has_prefix(const char *b, size_t len, const char *magic, size_t mlen)
{
	return len >= mlen && memcmp(b, magic, mlen) == 0;
}

static const char *binary_signature(const char *b, size_t len)
{
	static const struct { const char *magic; size_t len; const char *what; } sigs[] = {
		{ "%PDF-", 5, "a PDF file" },
		{ "PK\003\004", 4, "a ZIP archive (or a DOCX/XLSX/ODT document)" },
		{ "\211PNG", 4, "a PNG image" },
		{ "\377\330\377", 3, "a JPEG image" },
		{ "GIF8", 4, "a GIF image" },
		{ "\177ELF", 4, "an executable" },
		{ "\320\317\021\340", 4, "an old Office document (DOC/XLS)" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
		if (has_prefix(b, len, sigs[i].magic, sigs[i].len))
			return sigs[i].what;
	}
	return NULL;
}

static size_t count_bad_bytes(const char *b, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += is_bad_byte((unsigned char)b[i]);
	return n;
}

/* The first line of `b` that is not blank or an INI comment, and its length. */
static const char *first_content_line(const char *b, size_t len, size_t *n)
{
	const char *end = b + len, *p = b;
	if (has_prefix(b, len, "\357\273\277", 3))
		p += 3;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *stop = eol ? eol : end;
		const char *q = p;
		while (q < stop && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q < stop && *q != '#' && *q != ';') {
			*n = (size_t)(stop - q);
			return q;
		}
		p = stop + 1;
	}
	*n = 0;
	return NULL;
}

static int starts_with_nocase(const char *line, size_t n, const char *word)
{
	size_t wl = strlen(word);
	return n >= wl && g_ascii_strncasecmp(line, word, wl) == 0;
}

/* A text file that is plainly not a report: -1 after saying what it is. */
static int refuse_other_document(const char *path, const char *b, size_t len)
{
	size_t n;
	const char *line = first_content_line(b, len, &n);
	char *base = g_path_get_basename(path);
	int readme = g_ascii_strncasecmp(base, "README", 6) == 0;
	g_free(base);
	if (line && (starts_with_nocase(line, n, "[book]") || starts_with_nocase(line, n, "[report"))) {
		yb_diag_error(path, 0, "'%s' is a book manifest, not a report: build its book with 'yearbook build "
		              "%s', several books with 'yearbook batch', or list the reports in one manifest", path, path);
		return -1;
	}
	if (line && (starts_with_nocase(line, n, "<!doctype") || starts_with_nocase(line, n, "<html") ||
	             starts_with_nocase(line, n, "<?xml"))) {
		yb_diag_error(path, 0, "'%s' is an HTML or XML page, not a plain-text report: save the report's "
		              "text as a .txt file (UTF-8) and give that", path);
		return -1;
	}
	if (readme) {
		yb_diag_error(path, 0, "'%s' is a README, not a report: leave it out (give the reports, e.g. "
		              "'reports/*.txt', or list them in a book manifest)", path);
		return -1;
	}
	return 0;
}

/* Returns -1 after a diagnostic when the bytes cannot be a text file. */
static int refuse_non_text(const char *path, const char *b, size_t len)
{
	if (len == 0) {
		yb_diag_error(path, 0, "'%s' is empty (0 bytes): give a report with text in it", path);
		return -1;
	}
	if (has_prefix(b, len, "\377\376", 2) || has_prefix(b, len, "\376\377", 2)) {
		yb_diag_error(path, 0, "'%s' is UTF-16 text: save it as UTF-8 and try again", path);
		return -1;
	}
	const char *what = binary_signature(b, len);
	if (what) {
		yb_diag_error(path, 0, "'%s' looks like a binary file (%s), not a plain-text report: "
		              "export the report as plain text (UTF-8)", path, what);
		return -1;
	}
	size_t bad = count_bad_bytes(b, len);
	if (bad > 3 && bad > len / 100) {
		yb_diag_error(path, 0, "'%s' looks like a binary file (%zu of its %zu bytes are NUL or "
		              "control bytes), not a plain-text report: export the report as plain text (UTF-8)",
		              path, bad, len);
		return -1;
	}
	return refuse_other_document(path, b, len);
}

/* ---------------------------------------------------------------------------
 * Encoding
 */

/* Validates UTF-8, stepping over NUL bytes (dropped later).  Returns the
 * offset of the first invalid sequence, or len when there is none. */
static size_t first_invalid_utf8(const char *b, size_t len)
{
	size_t off = 0;
	while (off < len) {
		const char *end;
		if (g_utf8_validate_len(b + off, len - off, &end))
			return len;
		off = (size_t)(end - b);
		if (b[off] != '\0')
			return off;
		off++;
	}
	return len;
}

/* Returns the UTF-8 bytes (newly allocated) and their length, or NULL after a
 * diagnostic. */
static char *decode(const char *path, const char *b, size_t len, size_t *out_len, int *from_gb)
{
	size_t bad = first_invalid_utf8(b, len);
	*from_gb = 0;
	if (bad == len) {
		*out_len = len;
		return g_memdup2(b, len);
	}
	gsize written = 0;
	GError *err = NULL;
	char *u = g_convert(b, (gssize)len, "UTF-8", "GB18030", NULL, &written, &err);
	if (err && g_error_matches(err, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION)) {
		yb_diag_syserr("cannot convert '%s' from GB18030: %s", path, err->message);
		g_error_free(err);
		return NULL;
	}
	g_clear_error(&err);
	if (u) {
		yb_diag_note(path, 0, "'%s' is not UTF-8; converted from GB18030", path);
		*from_gb = 1;
		*out_len = written;
		return u;
	}
	yb_diag_error(path, line_of(b, bad),
	              "'%s' is neither UTF-8 nor GB18030: invalid UTF-8 byte 0x%02X at byte offset %zu; "
	              "save the file as UTF-8 and try again",
	              path, (unsigned char)b[bad], bad);
	return NULL;
}

/* ---------------------------------------------------------------------------
 * Normalisation
 */

/* BOM removed, line ends to LF, FF/VT to space, bad bytes dropped (with one
 * warning).  Returns a NUL-terminated string owned by the caller. */
static char *normalise(const char *path, const char *u, size_t len, size_t *out_len)
{
	GString *s = g_string_sized_new(len + 1);
	size_t dropped = 0;
	long line = 1, first_line = 0;
	size_t i = has_prefix(u, len, "\357\273\277", 3) ? 3 : 0;

	for (; i < len; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && u[i + 1] == '\n')
				i++;
			g_string_append_c(s, '\n');
			line++;
		} else if (c == '\f' || c == '\v') {
			g_string_append_c(s, ' ');
		} else if (is_bad_byte(c)) {
			if (!dropped++)
				first_line = line;
		} else {
			g_string_append_c(s, (char)c);
		}
	}
	if (dropped)
		yb_diag_warn(path, first_line, "dropped %zu NUL or control byte%s from '%s' (the first on this line): "
		             "check the text there", dropped, dropped == 1 ? "" : "s", path);
	*out_len = s->len;
	return g_string_free(s, FALSE);
}

static int is_blank(const char *s, size_t len)
{
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c) && c != 0xFEFF)
			return 0;
	}
	return 1;
}

/* ---------------------------------------------------------------------------
 * Public
 */

int yb_read_bytes(const char *path, const char *bytes, size_t len, yb_text *out)
{
	memset(out, 0, sizeof *out);
	if (refuse_non_text(path, bytes, len) < 0)
		return -1;

	size_t ulen, nlen;
	int from_gb;
	char *u = decode(path, bytes, len, &ulen, &from_gb);
	if (!u)
		return -1;
	char *data = normalise(path, u, ulen, &nlen);
	g_free(u);
	if (is_blank(data, nlen)) {
		yb_diag_error(path, 0, "'%s' is empty: it holds nothing but white space; give a report with text in it", path);
		g_free(data);
		return -1;
	}
	out->path = g_strdup(path);
	out->data = data;
	out->len = nlen;
	out->from_gb18030 = from_gb;
	return 0;
}

/* Reads the whole file into *buf (NUL-terminated); -1 after a diagnostic. */
static int slurp(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return yb_diag_unreadable(path, g_strerror(errno));
	struct stat st;
	gsize hint = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		hint = (gsize)st.st_size + 1;
	GString *s = g_string_sized_new(hint);

	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n > 0) {
			g_string_append_len(s, chunk, n);
			continue;
		}
		if (n == 0)
			break;
		if (errno == EINTR)
			continue;
		int err = errno;
		close(fd);
		g_string_free(s, TRUE);
		return yb_diag_unreadable(path, g_strerror(err));
	}
	close(fd);
	*len = s->len;
	*buf = g_string_free(s, FALSE);
	return 0;
}

int yb_read_file(const char *path, yb_text *out)
{
	char *buf;
	size_t len;
	memset(out, 0, sizeof *out);
	if (slurp(path, &buf, &len) < 0)
		return -1;
	int rc = yb_read_bytes(path, buf, len, out);
	g_free(buf);
	return rc;
}

void yb_text_release(yb_text *t)
{
	if (!t)
		return;
	g_free(t->path);
	g_free(t->data);
	memset(t, 0, sizeof *t);
}
