/* read: bytes of a report file -> UTF-8 text with stable line numbers.
 *
 * Design note.  The checks run in this order, each on the raw bytes unless
 * said otherwise:
 *   1. nothing at all               -> "is empty"
 *   2. UTF-16 or UTF-32 (a byte order mark, or NUL bytes nearly all on odd
 *      or all on even offsets) is converted to UTF-8 first, with a note; the
 *      checks below then run on the UTF-8 bytes
 *   3. a known binary signature (PDF, ZIP/DOCX, PNG, JPEG, GIF, ELF, OLE/DOC),
 *      or "bad" bytes (NUL and C0 controls other than TAB LF VT FF CR, and
 *      DEL) making up more than 1 % of the file and more than 3 of them
 *                                   -> "looks like a binary file"
 *   3a. text that is another kind of document: a book manifest (its first
 *      line other than blanks and comments is [book] or [report...]), an
 *      HTML or XML page (it starts with <!DOCTYPE, <html or <?xml), a README
 *      (by its name)                -> "is a book manifest / an HTML page /
 *                                      a README, not a report"
 *   4. the encoding given (--encoding, `encoding =`), else UTF-8, validated
 *      with NUL bytes stepped over; if that fails, the whole file from GB18030
 *      and from Big5 (HKSCS): a Big5 file read as GB18030 is full of kana,
 *      private-use and rare characters, and the other way round, so the one
 *      with fewer improbable characters wins, with a note naming it; both over
 *      20 % improbable is an error naming both.  When all fail, the error names
 *      the line and column of the bad byte in the decoding that got furthest
 *   4b. Unicode noncharacters are refused with line and column
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
#include <inttypes.h>
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

/* GB18030-2005 gave 18 characters four-byte codes that GB18030-2022 (and
 * glibc since 2.35) moved to two-byte ones: U+FE10..FE19 and U+9FB4..9FBB.
 * Files written by a 2005 encoder still hold the four-byte codes; they are
 * valid GB18030 and are read as those characters.  Returns the character,
 * or 0. */
static gunichar gb2005_four_byte(const unsigned char *p, size_t left)
{
	if (left < 4 || p[0] < 0x81 || p[0] > 0x84 || p[1] < 0x30 || p[1] > 0x39 || p[2] < 0x81 ||
	    p[2] > 0xFE || p[3] < 0x30 || p[3] > 0x39)
		return 0;
	long lin = (((long)(p[0] - 0x81) * 10 + (p[1] - 0x30)) * 126 + (p[2] - 0x81)) * 10 + (p[3] - 0x30);
	static const struct { long from; gunichar to; int n; } moved[] = {
		{ ((3L * 10 + 1) * 126 + 1) * 10 + 6, 0xFE10, 10 },  /* 0x84318236 */
		{ ((1L * 10 + 5) * 126 + 15) * 10 + 7, 0x9FB4, 8 },  /* 0x82359037 */
	};
	for (size_t i = 0; i < G_N_ELEMENTS(moved); i++)
		if (lin >= moved[i].from && lin < moved[i].from + moved[i].n)
			return moved[i].to + (gunichar)(lin - moved[i].from);
	return 0;
}

/* Converts from `charset` to UTF-8 with iconv.  Returns the text, or NULL
 * with *bad_at the offset of the first byte that is not `charset`. */
static char *convert(const char *b, size_t len, const char *charset, size_t *out_len, size_t *bad_at)
{
	GIConv cd = g_iconv_open("UTF-8", charset);
	*bad_at = 0;
	if (cd == (GIConv)-1)
		return NULL;
	GString *s = g_string_sized_new(len + len / 2 + 16);
	char out[16384];
	char *in = (char *)b;
	gsize left = len;
	int ok = 1;
	while (left > 0 && ok) {
		char *o = out;
		gsize room = sizeof out;
		gsize r = g_iconv(cd, &in, &left, &o, &room);
		g_string_append_len(s, out, (gssize)(o - out));
		if (r != (gsize)-1 || errno == E2BIG)
			continue;
		gunichar c = strcmp(charset, "GB18030") == 0 ? gb2005_four_byte((const unsigned char *)in, left) : 0;
		if (c) {
			g_string_append_unichar(s, c);
			in += 4;
			left -= 4;
		} else {
			ok = 0;
		}
	}
	g_iconv_close(cd);
	*bad_at = (size_t)(in - b);
	if (!ok) {
		g_string_free(s, TRUE);
		return NULL;
	}
	*out_len = s->len;
	return g_string_free(s, FALSE);
}

/* Whether `c`, encoded in `charset`, falls in [lo, hi] (two bytes, big-endian). */
static int encodes_in(GIConv cd, gunichar c, unsigned lo, unsigned hi)
{
	char u[6], out[8];
	gsize n = (gsize)g_unichar_to_utf8(c, u), room = sizeof out;
	char *in = u, *o = out;
	g_iconv(cd, NULL, NULL, NULL, NULL);
	if (g_iconv(cd, &in, &n, &o, &room) == (gsize)-1 || o - out != 2)
		return 0;
	unsigned code = (unsigned)(unsigned char)out[0] << 8 | (unsigned char)out[1];
	return code >= lo && code <= hi;
}

static int is_ideograph(gunichar c)
{
	return c >= 0x3400 && g_unichar_type(c) == G_UNICODE_OTHER_LETTER;
}

/* Characters a Chinese text hardly ever holds but a text read in the wrong
 * double-byte encoding is full of: kana, Greek and Cyrillic letters, box
 * drawing, private-use characters, ideographs outside the common ones (the
 * first level of GB2312, simplified, or of Big5, traditional), and
 * ideographs after a space after an ideograph (Chinese sets no spaces
 * between words; Korean in EUC-KR, whose syllables read as common GB2312
 * ideographs, does, and ends up improbable in both readings).  Returns the
 * share of such characters among the non-ASCII ones, in per mille. */
static int improbable_per_mille(const char *u, size_t len)
{
	GIConv gb = g_iconv_open("GB2312", "UTF-8"), big5 = g_iconv_open("BIG5", "UTF-8");
	long odd = 0, all = 0;
	gunichar prev = 0, before = 0; /* the two characters before c */
	for (const char *p = u; p < u + len && all < 20000; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p), b2 = before, b1 = prev;
		before = prev;
		prev = c;
		if (c < 0x80)
			continue;
		all++;
		if (b1 == ' ' && is_ideograph(b2) && is_ideograph(c))
			odd++; /* a space between ideographs */
		else if ((c >= 0x0370 && c <= 0x04FF) || (c >= 0x2500 && c <= 0x259F) || (c >= 0x3040 && c <= 0x312F) ||
		    (c >= 0xE000 && c <= 0xF8FF) || (c >= 0x0100 && c <= 0x024F) || (c >= 0xAC00 && c <= 0xD7AF))
			odd++;
		else if (is_ideograph(c) &&
		         !encodes_in(gb, c, 0xB0A1, 0xD7F9) && !encodes_in(big5, c, 0xA440, 0xC67E))
			odd++;
	}
	g_iconv_close(gb);
	g_iconv_close(big5);
	return all ? (int)(odd * 1000 / all) : 0;
}

static const char *const gb_names[] = { "gb18030", "gbk", "gb2312", "cp936", NULL };
static const char *const big5_names[] = { "big5", "big5-hkscs", "cp950", NULL };

const char *yb_read_encoding_name(const char *given)
{
	if (!given)
		return NULL;
	char *lower = g_ascii_strdown(given, -1);
	const char *r = NULL;
	if (!strcmp(lower, "utf-8") || !strcmp(lower, "utf8"))
		r = "UTF-8";
	for (int i = 0; !r && gb_names[i]; i++)
		if (!strcmp(lower, gb_names[i]))
			r = "GB18030";
	for (int i = 0; !r && big5_names[i]; i++)
		if (!strcmp(lower, big5_names[i]))
			r = "BIG5-HKSCS";
	g_free(lower);
	return r;
}

static const char *display_name(const char *charset)
{
	return !strcmp(charset, "BIG5-HKSCS") ? "Big5" : charset;
}

/* `path:line: error:` for bytes that are not `what`, at the first bad byte. */
static void not_encoded(const char *path, const char *b, size_t len, size_t bad, const char *what)
{
	size_t ls = bad;
	while (ls > 0 && b[ls - 1] != '\n' && b[ls - 1] != '\r')
		ls--;
	/* the column in characters where the line so far is UTF-8, as editors count */
	int utf8 = g_utf8_validate_len(b + ls, bad - ls, NULL);
	yb_diag_error(path, line_of(b, bad),
	              "'%s' is not %s: byte 0x%02X at byte offset %zu (%s %zu of the line) is not valid there; "
	              "save the file as UTF-8 and try again, or name its encoding with --encoding",
	              path, what, bad < len ? (unsigned char)b[bad] : 0, bad, utf8 ? "column" : "byte",
	              (utf8 ? (size_t)g_utf8_strlen(b + ls, (gssize)(bad - ls)) : bad - ls) + 1);
}

/* Decodes in a named encoding; NULL after a diagnostic. */
static char *decode_as(const char *path, const char *b, size_t len, const char *charset, size_t *out_len)
{
	size_t bad;
	if (!strcmp(charset, "UTF-8")) {
		bad = first_invalid_utf8(b, len);
		if (bad == len) {
			*out_len = len;
			return g_memdup2(b, len);
		}
		not_encoded(path, b, len, bad, "UTF-8");
		return NULL;
	}
	char *u = convert(b, len, charset, out_len, &bad);
	if (u)
		yb_diag_note(path, 0, "'%s' converted from %s, as asked", path, display_name(charset));
	else
		not_encoded(path, b, len, bad, display_name(charset));
	return u;
}

/* Returns the UTF-8 bytes (newly allocated) and their length, or NULL after a
 * diagnostic.  *charset gets the encoding read. */
static char *decode(const char *path, const char *b, size_t len, const char *given, size_t *out_len,
                    const char **charset)
{
	if (given) {
		*charset = given;
		return decode_as(path, b, len, given, out_len);
	}
	size_t bad_utf8 = first_invalid_utf8(b, len);
	*charset = "UTF-8";
	if (bad_utf8 == len) {
		*out_len = len;
		return g_memdup2(b, len);
	}
	size_t gb_len = 0, b5_len = 0, bad_gb, bad_b5;
	char *gb = convert(b, len, "GB18030", &gb_len, &bad_gb);
	char *b5 = convert(b, len, "BIG5-HKSCS", &b5_len, &bad_b5);
	int odd_gb = gb ? improbable_per_mille(gb, gb_len) : 1000;
	int odd_b5 = b5 ? improbable_per_mille(b5, b5_len) : 1000;
	if (!gb && !b5) {
		size_t bad = MAX(bad_utf8, MAX(bad_gb, bad_b5));
		not_encoded(path, b, len, bad, bad == bad_utf8 ? "UTF-8, GB18030 or Big5"
		                                 : bad == bad_gb ? "GB18030 (nor UTF-8, nor Big5)"
		                                                 : "Big5 (nor UTF-8, nor GB18030)");
		return NULL;
	}
	if (MIN(odd_gb, odd_b5) > 200) {
		yb_diag_error(path, 0, "'%s' is not UTF-8, and its encoding is unclear: read as GB18030, %d.%d%% of its "
		              "characters are improbable, read as Big5 %d.%d%%; name its encoding with --encoding "
		              "(or 'encoding =' in the manifest), or save it as UTF-8", path, odd_gb / 10, odd_gb % 10,
		              odd_b5 / 10, odd_b5 % 10);
		g_free(gb);
		g_free(b5);
		return NULL;
	}
	int use_gb = odd_gb <= odd_b5;
	*charset = use_gb ? "GB18030" : "BIG5-HKSCS";
	*out_len = use_gb ? gb_len : b5_len;
	int other = use_gb ? odd_b5 : odd_gb;
	char *also = !(use_gb ? b5 : gb) ? g_strdup_printf("it is not %s", use_gb ? "Big5" : "GB18030")
	             : g_strdup_printf("read as %s, %d.%d%% of its characters would be improbable",
	                               use_gb ? "Big5" : "GB18030", other / 10, other % 10);
	yb_diag_note(path, 0, "'%s' is not UTF-8 (%s; --encoding chooses another); converted from %s", path, also,
	             display_name(*charset));
	g_free(also);
	g_free(use_gb ? b5 : gb);
	return use_gb ? gb : b5;
}

static int is_noncharacter(gunichar c)
{
	return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static int is_bidi_control(gunichar c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* The first character of s for which is() holds, with its line and column. */
static gunichar find_char(const char *s, size_t len, int (*is)(gunichar), long *line, long *col)
{
	*line = 1;
	*col = 0;
	for (const char *p = s; p < s + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		++*col;
		if (c == '\n')
			++*line, *col = 0;
		else if (is(c))
			return c;
	}
	return 0;
}

gunichar yb_read_noncharacter(const char *s, size_t len, long *line, long *col)
{
	return find_char(s, len, is_noncharacter, line, col);
}

gunichar yb_read_bidi_control(const char *s, size_t len, long *line, long *col)
{
	return find_char(s, len, is_bidi_control, line, col);
}

int yb_read_check_string(const char *what, const char *s)
{
	long line, col;
	gunichar c = s ? yb_read_noncharacter(s, strlen(s), &line, &col) : 0;
	if (c)
		return yb_diag_usage("%s: character %ld is U+%04X, a Unicode noncharacter, which no text may hold; "
		                     "delete it", what, col, c);
	if (s && (c = yb_read_bidi_control(s, strlen(s), &line, &col)))
		yb_diag_warn(NULL, 0, "%s: character %ld, U+%04X, %s", what, col, c, YB_READ_BIDI_WARNING);
	return 0;
}

/* Unicode noncharacters (U+FDD0..FDEF, U+xFFFE, U+xFFFF) are valid UTF-8 but
 * no text may hold them, and Pango refuses them: one error per line, with
 * line and column, up to five lines.  Returns -1 when there is any.  The
 * first explicit bidi control gets a warning (the setter neutralises them). */
static int refuse_noncharacters(const char *path, const char *u, size_t len)
{
	long line = 1, col = 0, found = 0, bidi = 0;
	for (const char *p = u; p < u + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		col++;
		if (c == '\n') {
			line++;
			col = 0;
			continue;
		}
		if (is_bidi_control(c)) {
			if (!bidi++)
				yb_diag_warn(path, line, "column %ld: U+%04X, %s", col, c, YB_READ_BIDI_WARNING);
			continue;
		}
		if (!is_noncharacter(c))
			continue;
		if (found++ < 5)
			yb_diag_error(path, line, "column %ld: U+%04X is a Unicode noncharacter, which no text may hold; "
			              "delete it (it is invisible in most editors)", col, c);
	}
	if (found > 5)
		yb_diag_error(path, 0, "%ld more noncharacters after these five", found - 5);
	return found ? -1 : 0;
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
 * UTF-16 and UTF-32
 */

/* The encoding of a UTF-16 or UTF-32 text: by its byte order mark, or UTF-16
 * without one when NUL bytes (the high halves of ASCII characters) stand
 * nearly all on odd offsets (little-endian) or on even ones (big-endian).
 * NULL for any other text.  *bom: whether it has a byte order mark. */
static const char *wide_charset(const char *b, size_t len, int *bom)
{
	*bom = 1;
	if (has_prefix(b, len, "\377\376\0\0", 4))
		return "UTF-32LE";
	if (has_prefix(b, len, "\0\0\376\377", 4))
		return "UTF-32BE";
	if (has_prefix(b, len, "\377\376", 2))
		return "UTF-16LE";
	if (has_prefix(b, len, "\376\377", 2))
		return "UTF-16BE";
	*bom = 0;
	if (len % 2 != 0 || binary_signature(b, len))
		return NULL;
	size_t nul[2] = { 0, 0 };
	for (size_t i = 0; i < len; i++)
		nul[i % 2] += b[i] == '\0';
	size_t most = MAX(nul[0], nul[1]), least = MIN(nul[0], nul[1]);
	if (most < 4 || most < len / 100 || least * 8 > most)
		return NULL;
	return nul[1] > nul[0] ? "UTF-16LE" : "UTF-16BE";
}

/* The line of byte `off` in UTF-16 or UTF-32 text (LF code units counted). */
static long wide_line_of(const char *b, size_t off, const char *charset)
{
	size_t unit = charset[4] == '3' ? 4 : 2;
	int little = g_str_has_suffix(charset, "LE");
	long line = 1;
	for (size_t i = 0; i + unit <= off; i += unit) {
		size_t lf = little ? i : i + unit - 1;
		int others_zero = 1;
		for (size_t k = i; k < i + unit; k++)
			others_zero &= k == lf || b[k] == '\0';
		line += b[lf] == '\n' && others_zero;
	}
	return line;
}

/* UTF-16 or UTF-32 bytes as UTF-8 (the byte order mark becomes U+FEFF, which
 * normalise() removes); NULL after a diagnostic. */
static char *from_wide(const char *path, const char *b, size_t len, const char *charset, size_t *out_len)
{
	size_t bad;
	char *u = convert(b, len, charset, out_len, &bad);
	if (!u)
		yb_diag_error(path, wide_line_of(b, bad, charset), "'%s' is %s text (converted to UTF-8 for you), "
		              "but the bytes at offset %zu are not %s (a lone surrogate or a cut-off end?); save "
		              "the file as UTF-8 and try again", path, charset, bad, charset);
	return u;
}

/* ---------------------------------------------------------------------------
 * Public
 */

static int read_bytes(const char *path, const char *bytes, size_t len, const char *encoding, yb_text *out);

int yb_read_bytes_as(const char *path, const char *bytes, size_t len, const char *encoding, yb_text *out)
{
	memset(out, 0, sizeof *out);
	if (encoding && !yb_read_encoding_name(encoding))
		return yb_diag_usage("unknown encoding '%s'; use utf-8, gb18030 (gbk, gb2312) or big5", encoding);
	int bom;
	const char *wide = wide_charset(bytes, len, &bom);
	if (wide && encoding)
		return yb_diag_error(path, 0, "'%s' is %s text, not %s; leave out --encoding (or 'encoding =') and "
		                     "yearbook converts it", path, wide, encoding);
	if (!wide || encoding)
		return read_bytes(path, bytes, len, encoding, out);
	size_t ulen;
	char *u = from_wide(path, bytes, len, wide, &ulen);
	if (!u)
		return -1;
	int rc = read_bytes(path, u, ulen, "utf-8", out);
	g_free(u);
	if (rc < 0)
		return -1;
	yb_diag_note(path, 0, "'%s' is %s text%s; converted to UTF-8", path, wide,
	             bom ? "" : " (it has no byte order mark: told by where its NUL bytes stand)");
	out->encoding = wide;
	return 0;
}

/* The bytes in `encoding` (NULL: detected) as a report's text. */
static int read_bytes(const char *path, const char *bytes, size_t len, const char *encoding, yb_text *out)
{
	if (refuse_non_text(path, bytes, len) < 0)
		return -1;

	size_t ulen, nlen;
	const char *charset;
	char *u = decode(path, bytes, len, yb_read_encoding_name(encoding), &ulen, &charset);
	if (!u)
		return -1;
	char *data = normalise(path, u, ulen, &nlen);
	g_free(u);
	if (refuse_noncharacters(path, data, nlen) < 0) {
		g_free(data);
		return -1;
	}
	if (is_blank(data, nlen)) {
		yb_diag_error(path, 0, "'%s' is empty: it holds nothing but white space; give a report with text in it", path);
		g_free(data);
		return -1;
	}
	out->path = g_strdup(path);
	out->data = data;
	out->len = nlen;
	out->from_gb18030 = !strcmp(charset, "GB18030");
	out->encoding = display_name(charset);
	return 0;
}

int yb_read_bytes(const char *path, const char *bytes, size_t len, yb_text *out)
{
	return yb_read_bytes_as(path, bytes, len, NULL, out);
}

static int cannot_read(const char *path, int err)
{
	return yb_diag_unreadable(path, g_strerror(err));
}

/* The most a report may hold: far more than any annual report, far less than
 * what /dev/zero or a runaway pipe would pour in. */
#define MAX_REPORT_BYTES (64u << 20)

static int too_big(const char *path, size_t max, const char *what)
{
	return yb_diag_error(path, 0, "'%s' holds more than %zu MiB, more than any %s; give the %s itself", path,
	                     max >> 20, what, what);
}

/* A pipe with no writer yet must not hang the build: it is opened without
 * blocking, and read blocking once it is open (a writer that comes later is
 * not waited for: the pipe reads as empty). */
static int open_input(const char *path, struct stat *st, size_t max, const char *what)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 && errno == ENXIO && stat(path, st) == 0 && S_ISSOCK(st->st_mode))
		return yb_diag_error(path, 0, "'%s' is a socket, not a file; give a %s", path, what);
	if (fd < 0)
		return cannot_read(path, errno);
	if (fstat(fd, st) != 0 || S_ISDIR(st->st_mode)) {
		int err = S_ISDIR(st->st_mode) ? EISDIR : errno;
		close(fd);
		return cannot_read(path, err);
	}
	if (!S_ISREG(st->st_mode) && !S_ISFIFO(st->st_mode) && !S_ISCHR(st->st_mode)) {
		close(fd);
		yb_diag_error(path, 0, "'%s' is not a file (a socket or a block device); give a %s", path, what);
		return -1;
	}
	if (S_ISREG(st->st_mode) && st->st_size > (off_t)max) {
		close(fd);
		return too_big(path, max, what);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int yb_read_raw(const char *path, size_t max, const char *what, char **buf, size_t *len)
{
	struct stat st;
	int fd = open_input(path, &st, max, what);
	if (fd < 0)
		return -1;
	GString *s = g_string_sized_new(S_ISREG(st.st_mode) && st.st_size > 0 ? (gsize)st.st_size + 1 : 0);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n > 0 && s->len + (size_t)n > max) {
			close(fd);
			g_string_free(s, TRUE);
			return too_big(path, max, what);
		}
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
	if (s->len == 0 && S_ISFIFO(st.st_mode)) {
		g_string_free(s, TRUE);
		return yb_diag_error(path, 0, "'%s' is a pipe, and nothing was written to it when yearbook read it; "
		                     "start the program that writes it first, or give the %s", path, what);
	}
	*len = s->len;
	*buf = g_string_free(s, FALSE);
	return 0;
}

/* A note when the same file (device and inode) is read a second time. */
static void note_repeat(const char *path)
{
	static GHashTable *seen; /* "dev:ino" -> first path; lives as long as the process */
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	if (!seen)
		seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *key = g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
	const char *first = g_hash_table_lookup(seen, key);
	if (first) {
		yb_diag_note(path, 0, "'%s' is the same file as '%s', given before; it is included again", path, first);
		g_free(key);
	} else {
		g_hash_table_insert(seen, key, g_strdup(path));
	}
}

int yb_read_file_as(const char *path, const char *encoding, yb_text *out)
{
	char *buf;
	size_t len;
	memset(out, 0, sizeof *out);
	if (yb_read_raw(path, MAX_REPORT_BYTES, "report file", &buf, &len) < 0)
		return -1;
	int rc = yb_read_bytes_as(path, buf, len, encoding, out);
	g_free(buf);
	if (rc == 0)
		note_repeat(path);
	return rc;
}

int yb_read_file(const char *path, yb_text *out)
{
	return yb_read_file_as(path, NULL, out);
}

void yb_text_release(yb_text *t)
{
	if (!t)
		return;
	g_free(t->path);
	g_free(t->data);
	memset(t, 0, sizeof *t);
}
