/* render_haru: the libharu 2.3 backend (the only code that talks to
 * libharu): PDF/A-1b for the archive, PDF/X-1a for the press.
 *
 * Design note.  It replays the display list like the cairo backends: every
 * glyph at its laid-out position, rules, links, named destinations, the
 * outline, roman and decimal page labels and the metadata.
 *
 * Text.  libharu draws text only as characters: with the UTF-8 encoder a
 * character is written as its own code (CID = Unicode, 16 bits) and the
 * font's cmap picks the glyph.  Each glyph goes out at its laid-out x.  A
 * cluster whose glyphs are the cmap's glyphs of its characters (the normal
 * case) is written as those characters.  Any other glyph (a character
 * outside the BMP, which libharu would write as a space; an Arabic
 * contextual form; a ligature) is written under a code of the surrogate
 * range, which no text and no cmap uses: this file sets that code's entries
 * in the CIDToGIDMap, the widths and the ToUnicode map (the cluster's text),
 * and marks the glyph, with the parts of a composite glyph, for libharu's
 * subset.  Runs of glyphs whose spacing differs from the natural advance by
 * one constant become one string with that character spacing (Tc), so
 * justified lines stay compact.  A character no font has stops the build
 * (main.c refuses such input, with file and line, before layout).
 *
 * PDF/A-1b.  libharu 2.3's own PDF/A step writes /SubType, leaves XMP values
 * unescaped and makes a clock-based /ID, and its fonts have no CIDSet and an
 * identity ToUnicode written with begincidrange.  None of it is patched;
 * this file writes through libharu's object layer instead (the headers
 * libhpdf-dev installs): its own XMP stream (/Subtype /XML, escaped,
 * uncompressed, with a described extension schema for yearbook's DA/T 46
 * elements), the trailer /ID as an MD5 of the display list and the
 * metadata (so rebuilds are byte-identical), a /CIDSet added to each font
 * descriptor when libharu writes it (from the glyphs its subset keeps), a
 * ToUnicode with bfrange entries, an sRGB output intent with the embedded
 * profile, link annotations with the Print flag, no transparency.
 *
 * PDF/X-1a:2001 (press.h).  The same replay, on a sheet: each page is set
 * at the trim's place on a MediaBox that is larger by the press margin on
 * every side (a translation at the top of the content), with a TrimBox and
 * BleedBox, crop and registration marks and the slug line outside the trim.
 * Text and rules stay in DeviceGray black (0 g / 0 G, written at the top of
 * each page: one ink, no rich black); the marks are registration colour,
 * 100 % of each ink (1 1 1 1 K), on every plate.  The file is PDF 1.3
 * with the GTS_PDFX output intent naming the style's printing condition,
 * the GTS_PDFX keys and /Trapped in the document information, no XMP and no
 * annotations (PDF/X allows none on the printed area), and the same
 * content-derived /ID, so rebuilds are byte-identical.
 */
#include "archive.h"

#include "backend.h"
#include "diag.h"
#include "output.h"
#include "press.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pdfa.h>
#include <hpdf_streams.h>
#include <math.h>
#include <string.h>

#define GLYPH_UNKNOWN 0x10000000u   /* Pango: a character no font has */
#define GLYPH_EMPTY   0x0fffffffu   /* Pango: draws nothing */

typedef struct hstate {
	HPDF_Doc pdf;
	HPDF_STATUS err, detail;     /* the first libharu error */
	const yb_doc *doc;
	guint first;
	struct hfont *fonts;         /* per doc font, loaded on first use */
	HPDF_Page *pages;            /* per page of the range */
	guint npages;                /* pages added so far */
	HPDF_Page page;
	GArray *links;               /* pending_link */
	float tc;                    /* the page's character spacing (Tc outlives BT/ET) */
	GString *txt;                /* the current run's text as libharu is to write it */
	GArray *pieces;              /* piece: the current run's glyphs */
	GString *seg;                /* text of the current segment */
	int failed;                  /* a refusal was printed */
	const yb_press *press;       /* PDF/X-1a on press sheets, or NULL for PDF/A-1b */
	HPDF_Font slug_font;         /* press: the font of the slug line, once found */
	int slug_tried;
} hstate;

/* The piece of text at one x: a cluster's characters. */
typedef struct piece {
	float x, adv;                /* position, natural advance */
	uint32_t t0, tn;             /* bytes in hstate.txt: what libharu is to write (one code) */
} piece;

/* A link, made once every page of the range exists. */
typedef struct pending_link {
	guint page;                  /* in the range */
	HPDF_Box box;
	uint32_t dest;
} pending_link;

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	hstate *s = user;
	if (!s->err) {
		s->err = err;
		s->detail = detail;
	}
}

static int haru_failed(hstate *s, const char *what)
{
	if (!s->err)
		return 0;
	yb_diag_syserr("libharu failed %s (error 0x%04X, detail %u)", what, (unsigned)s->err, (unsigned)s->detail);
	return -1;
}

/* ---- fonts ---------------------------------------------------------------- */

/* Glyphs that are not the cmap's glyph of a BMP character are written
 * under codes ASTRAL_FIRST.. (see the design note). */
#define ASTRAL_FIRST 0xd800u
#define ASTRAL_MAX   0x800u

typedef struct extra {
	HPDF_UINT16 gid;
	char *text;                  /* what it stands for in the text, UTF-8 */
} extra;

typedef struct hfont {
	HPDF_Font font;
	GArray *extra;               /* extra; CID = ASTRAL_FIRST + index */
	GHashTable *extra_index;     /* "gid:text" -> index + 1 */
} hfont;

static HPDF_FontDef def_of(HPDF_Font font)
{
	return ((HPDF_FontAttr)font->attr)->fontdef;
}

/* libharu's own write step of a CIDFontType2, shared by every font. */
static HPDF_Dict_BeforeWriteFunc haru_font_before_write;

/* The glyph of cid in a CIDToGIDMap stream (two bytes a CID), 0 past its end. */
static HPDF_UINT16 map_gid(HPDF_Stream map, guint cid)
{
	HPDF_UINT size = HPDF_MemStream_GetBufSize(map), len = 0, off = cid * 2;
	if (off / size >= HPDF_MemStream_GetBufCount(map))
		return 0;
	HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(map, off / size, &len);
	return buf && off % size + 1 < len ? (HPDF_UINT16)(buf[off % size] << 8 | buf[off % size + 1]) : 0;
}

/* A CIDSet: one bit per CID whose glyph (by the CIDToGIDMap) libharu's
 * subset keeps. */
static HPDF_STATUS add_cidset(HPDF_Dict font)
{
	HPDF_FontAttr attr = font->attr;
	HPDF_FontDef def = attr->fontdef;
	HPDF_TTFontDefAttr tt = def->attr;
	guint8 bits[65536 / 8] = {0};
	guint max = 0;
	for (guint cid = 0; cid < 65536; cid++) {
		HPDF_UINT16 gid = map_gid(attr->map_stream->stream, cid);
		if ((cid && !gid) || gid >= tt->num_glyphs || !tt->glyph_tbl.flgs[gid])
			continue;
		bits[cid / 8] |= (guint8)(0x80 >> (cid % 8));
		max = cid;
	}
	HPDF_Dict set = HPDF_DictStream_New(font->mmgr, attr->xref);
	if (!set)
		return HPDF_Error_GetCode(font->error);
	set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_STATUS rc = HPDF_Stream_Write(set->stream, bits, max / 8 + 1);
	return rc != HPDF_OK ? rc : HPDF_Dict_Add(def->descriptor, "CIDSet", set);
}

static HPDF_STATUS font_before_write(HPDF_Dict font)
{
	HPDF_STATUS rc = haru_font_before_write(font);
	if (rc != HPDF_OK)
		return rc;
	HPDF_FontAttr attr = font->attr;
	if (HPDF_Dict_GetItem(attr->fontdef->descriptor, "CIDSet", HPDF_OCLASS_DICT))
		return HPDF_OK;
	return add_cidset(font);
}

/* Replaces libharu's ToUnicode (begincidrange, which poppler warns about)
 * with the identity CID -> Unicode as bfrange entries, 256 codes each,
 * leaving out the surrogates, plus a bfchar entry per extra glyph. */
static HPDF_STATUS write_to_unicode(HPDF_Dict cmap, const GArray *extras)
{
	HPDF_MemStream_FreeData(cmap->stream);
	GString *s = g_string_new("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	                          "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	                          "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	guint n = 0;
	for (guint hi = 0; hi < 256; hi++) {
		if (hi >= 0xd8 && hi <= 0xdf)
			continue;
		if (n % 100 == 0)
			g_string_append_printf(s, "%s%u beginbfrange\n", n ? "endbfrange\n" : "", MIN(100u, 248 - n));
		g_string_append_printf(s, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
		n++;
	}
	g_string_append(s, "endbfrange\n");
	for (guint i = 0; extras && i < extras->len; i++) {
		if (i % 100 == 0)
			g_string_append_printf(s, "%s%u beginbfchar\n", i ? "endbfchar\n" : "", MIN(100u, extras->len - i));
		g_string_append_printf(s, "<%04X> <", ASTRAL_FIRST + i);
		glong units = 0;
		gunichar2 *u16 = g_utf8_to_utf16(g_array_index(extras, extra, i).text, -1, NULL, &units, NULL);
		for (glong k = 0; k < MIN(units, 64); k++)
			g_string_append_printf(s, "%04X", u16[k]);
		g_free(u16);
		g_string_append(s, ">\n");
		if (i + 1 == extras->len)
			g_string_append(s, "endbfchar\n");
	}
	g_string_append(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_STATUS rc = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)s->str, (HPDF_UINT)s->len);
	g_string_free(s, TRUE);
	return rc;
}

/* Marks gid for libharu's subset, and the glyphs a composite glyph is made
 * of (libharu follows one level only). */
static void mark_glyph(HPDF_FontDef def, HPDF_UINT16 gid, int depth)
{
	HPDF_TTFontDefAttr tt = def->attr;
	if (gid >= tt->num_glyphs || depth > 8)
		return;
	tt->glyph_tbl.flgs[gid] = 1;
	HPDF_UINT32 off = tt->glyph_tbl.offsets[gid] * (tt->header.index_to_loc_format == 0 ? 2 : 1);
	HPDF_BYTE b[4];
	HPDF_UINT len = 2;
	if (HPDF_Stream_Seek(tt->stream, (HPDF_INT32)(tt->glyph_tbl.base_offset + off), HPDF_SEEK_SET) != HPDF_OK ||
	    HPDF_Stream_Read(tt->stream, b, &len) != HPDF_OK || (gint16)(b[0] << 8 | b[1]) >= 0)
		return;
	HPDF_Stream_Seek(tt->stream, 8, HPDF_SEEK_CUR);
	for (HPDF_UINT16 flags = 0x20; flags & 0x20;) {  /* MORE_COMPONENTS */
		len = 4;
		if (HPDF_Stream_Read(tt->stream, b, &len) != HPDF_OK)
			return;
		flags = (HPDF_UINT16)(b[0] << 8 | b[1]);
		HPDF_UINT32 here = HPDF_Stream_Tell(tt->stream);
		mark_glyph(def, (HPDF_UINT16)(b[2] << 8 | b[3]), depth + 1);
		HPDF_INT32 skip = (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
		HPDF_Stream_Seek(tt->stream, (HPDF_INT32)here + skip, HPDF_SEEK_SET);
	}
}

/* Writes the extra glyphs of a font into its CIDToGIDMap, widths and
 * ToUnicode map; called once all text is drawn. */
static int finish_extra(hfont *hf)
{
	HPDF_FontAttr attr = hf->font->attr;
	HPDF_FontDef def = attr->fontdef;
	guint n = hf->extra->len;
	if (!n || !attr->map_stream)
		return 0;
	HPDF_MemStream_FreeData(attr->map_stream->stream);
	HPDF_BYTE *map = g_malloc0(65536 * 2);
	for (guint cid = 1; cid < 65536; cid++) {
		HPDF_UINT16 gid = cid >= ASTRAL_FIRST && cid < ASTRAL_FIRST + ASTRAL_MAX
		                  ? (cid - ASTRAL_FIRST < n ? g_array_index(hf->extra, extra, cid - ASTRAL_FIRST).gid : 0)
		                  : HPDF_TTFontDef_GetGlyphid(def, (HPDF_UNICODE)cid);
		map[cid * 2] = (HPDF_BYTE)(gid >> 8);
		map[cid * 2 + 1] = (HPDF_BYTE)gid;
	}
	HPDF_STATUS rc = HPDF_Stream_Write(attr->map_stream->stream, map, 65536 * 2);
	g_free(map);
	HPDF_Array w = HPDF_Dict_GetItem(attr->descendant_font, "W", HPDF_OCLASS_ARRAY);
	for (guint i = 0; rc == HPDF_OK && w && i < n; i++) {
		HPDF_UINT16 gid = g_array_index(hf->extra, extra, i).gid;
		HPDF_Array one = HPDF_Array_New(hf->font->mmgr);
		HPDF_Array_AddNumber(w, (HPDF_INT32)(ASTRAL_FIRST + i));
		HPDF_Array_AddNumber(one, HPDF_TTFontDef_GetGidWidth(def, gid));
		rc = HPDF_Array_Add(w, one);
		mark_glyph(def, gid, 0);
	}
	if (rc == HPDF_OK && attr->cmap_stream)
		rc = write_to_unicode(attr->cmap_stream, hf->extra);
	return rc == HPDF_OK ? 0 : -1;
}

/* The code glyph gid standing for text is written under, or 0 when the font
 * has run out of codes. */
static guint extra_cid(hfont *hf, HPDF_UINT16 gid, const char *text, size_t len)
{
	char *key = g_strdup_printf("%u:%.*s", gid, (int)len, text);
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(hf->extra_index, key));
	if (!i && hf->extra->len < ASTRAL_MAX) {
		extra e = {gid, g_strndup(text, len)};
		g_array_append_val(hf->extra, e);
		i = hf->extra->len;
		g_hash_table_insert(hf->extra_index, key, GUINT_TO_POINTER(i));
		key = NULL;
	}
	g_free(key);
	return i ? ASTRAL_FIRST + i - 1 : 0;
}

static int is_collection(const char *file)
{
	char magic[4] = {0};
	FILE *f = fopen(file, "rb");
	if (f) {
		if (fread(magic, 1, 4, f) != 4)
			magic[0] = 0;
		fclose(f);
	}
	return memcmp(magic, "ttcf", 4) == 0;
}

/* The glyph of character u under cmap segment i (format 4), as the
 * OpenType specification reads it. */
static HPDF_UINT16 segment_gid(const HPDF_TTF_CmapRange *c, HPDF_UINT i, HPDF_UINT u)
{
	HPDF_UINT segs = c->seg_count_x2 / 2;
	if (!c->id_range_offset[i])
		return (HPDF_UINT16)(u + (HPDF_UINT)c->id_delta[i]);
	HPDF_UINT idx = c->id_range_offset[i] / 2 + (u - c->start_count[i]) - (segs - i);
	if (idx >= c->glyph_id_array_count || !c->glyph_id_array[idx])
		return 0;
	return (HPDF_UINT16)(c->glyph_id_array[idx] + (HPDF_UINT)c->id_delta[i]);
}

/* libharu finds a character's glyph by a linear scan over the cmap's
 * segments, and does so for all 65,536 codes when it makes a font's
 * CIDToGIDMap: seconds for a face whose characters are scattered (a GB 2312
 * subset has thousands of segments).  This rewrites the parsed cmap (not the
 * embedded table, which libharu copies from the file) as one segment over a
 * dense array of the same mapping, so that every look-up is one step. */
static int dense_cmap(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = def->attr;
	HPDF_TTF_CmapRange *c = &a->cmap;
	if (c->format != 4 || c->seg_count_x2 <= 2 * 2)
		return 0;
	HPDF_UINT16 *gids = HPDF_GetMem(def->mmgr, sizeof *gids * 0xffff);
	HPDF_UINT16 *end = HPDF_GetMem(def->mmgr, sizeof *end * 2), *start = HPDF_GetMem(def->mmgr, sizeof *start * 2);
	HPDF_UINT16 *range = HPDF_GetMem(def->mmgr, sizeof *range * 2);
	HPDF_INT16 *delta = HPDF_GetMem(def->mmgr, sizeof *delta * 2);
	if (!gids || !end || !start || !range || !delta)
		return -1;   /* libharu's error handler has the cause; the document frees what was had */
	memset(gids, 0, sizeof *gids * 0xffff);
	for (HPDF_UINT i = 0; i < (HPDF_UINT)c->seg_count_x2 / 2; i++)
		for (HPDF_UINT u = c->start_count[i]; u <= c->end_count[i] && u < 0xffff; u++)
			gids[u] = segment_gid(c, i, u);
	HPDF_FreeMem(def->mmgr, c->end_count);
	HPDF_FreeMem(def->mmgr, c->start_count);
	HPDF_FreeMem(def->mmgr, c->id_delta);
	HPDF_FreeMem(def->mmgr, c->id_range_offset);
	if (c->glyph_id_array)
		HPDF_FreeMem(def->mmgr, c->glyph_id_array);
	/* segment 0: U+0000..FFFE, its id_range_offset (4 bytes past its own
	 * entry, i.e. past the two entries of the array) landing on gids[u];
	 * segment 1: U+FFFF, no glyph (0xffff + 1 wraps to 0) */
	end[0] = 0xfffe, end[1] = 0xffff;
	start[0] = 0, start[1] = 0xffff;
	range[0] = 4, range[1] = 0;
	delta[0] = 0, delta[1] = 1;
	c->seg_count_x2 = 4;
	c->end_count = end;
	c->start_count = start;
	c->id_range_offset = range;
	c->id_delta = delta;
	c->glyph_id_array = gids;
	c->glyph_id_array_count = 0xffff;
	return 0;
}

static HPDF_Font load_font(hstate *s, uint32_t i)
{
	const yb_font_ref *ref = &g_array_index(s->doc->fonts, yb_font_ref, i);
	const char *name = is_collection(ref->file)
	                   ? HPDF_LoadTTFontFromFile2(s->pdf, ref->file, (HPDF_UINT)ref->index, HPDF_TRUE)
	                   : HPDF_LoadTTFontFromFile(s->pdf, ref->file, HPDF_TRUE);
	if (name && dense_cmap(HPDF_GetFontDef(s->pdf, name)) != 0)
		name = NULL;
	HPDF_Font font = name ? HPDF_GetFont(s->pdf, name, "UTF-8") : NULL;
	if (!font) {
		yb_diag_error(ref->file, 0, "libharu cannot embed this font (error 0x%04X%s): the archive needs "
		              "TrueType fonts that allow embedding; give its role another TrueType face (remove it "
		              "from fonts/user/, or put another face first in the role's <prefer> list in "
		              "fonts/yearbook.conf), or install fonts-arphic-uming, fonts-wqy-zenhei and "
		              "fonts-lxgw-wenkai", (unsigned)s->err,
		              s->err == HPDF_TTF_CANNOT_EMBEDDING_FONT ? ": its licence bits (OS/2 fsType) forbid "
		              "embedding or subsetting" : s->err == HPDF_TTF_INVALID_CMAP || s->err == HPDF_TTF_INVALID_FOMAT
		              ? ": not a TrueType font libharu can read" : "");
		s->failed = 1;
		return NULL;
	}
	HPDF_FontAttr attr = font->attr;
	if (!haru_font_before_write)
		haru_font_before_write = font->before_write_fn;
	g_assert(font->before_write_fn == haru_font_before_write || font->before_write_fn == font_before_write);
	font->before_write_fn = font_before_write;
	if (attr->cmap_stream && write_to_unicode(attr->cmap_stream, NULL) != HPDF_OK)
		return NULL;
	return font;
}

static hfont *font_of(hstate *s, uint32_t i)
{
	hfont *hf = &s->fonts[i];
	if (!hf->font && !s->failed && (hf->font = load_font(s, i))) {
		hf->extra = g_array_new(FALSE, FALSE, sizeof(extra));
		hf->extra_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
	return hf->font ? hf : NULL;
}

static int finish_fonts(hstate *s)
{
	for (guint i = 0; i < s->doc->fonts->len; i++)
		if (s->fonts[i].font && finish_extra(&s->fonts[i]) != 0)
			return -1;
	return 0;
}

static void release_fonts(hstate *s)
{
	for (guint i = 0; i < s->doc->fonts->len; i++)
		if (s->fonts[i].extra) {
			for (guint k = 0; k < s->fonts[i].extra->len; k++)
				g_free(g_array_index(s->fonts[i].extra, extra, k).text);
			g_array_free(s->fonts[i].extra, TRUE);
			g_hash_table_destroy(s->fonts[i].extra_index);
		}
	g_free(s->fonts);
}

/* ---- text ----------------------------------------------------------------- */

static int refuse_char(hstate *s, const yb_page *page, gunichar c, HPDF_Font font, const char *why)
{
	char u[8] = {0};
	g_unichar_to_utf8(c, u);
	yb_diag_error(NULL, 0, "page %s: libharu cannot write '%s' (U+%04X) in font '%s': %s",
	              page->label ? page->label : "(blank)", u, (unsigned)c, def_of(font)->base_font, why);
	s->failed = 1;
	return -1;
}

/* Appends one piece: code at x with natural advance adv (font units). */
static void add_piece(hstate *s, GArray *pieces, gunichar code, float x, HPDF_INT adv, float size)
{
	char u[8];
	piece p = {x, adv * size / 1000.0f, (uint32_t)s->txt->len, 0};
	p.tn = (uint32_t)g_unichar_to_utf8(code, u);
	g_string_append_len(s->txt, u, p.tn);
	g_array_append_val(pieces, p);
}

/* Whether the cluster's glyphs are the cmap's glyphs of its characters, one each. */
static int plain_cluster(HPDF_FontDef def, const char *t, const char *end, const yb_glyph *g, uint32_t ng)
{
	uint32_t k = 0;
	for (; t < end; t = g_utf8_next_char(t), k++) {
		gunichar c = g_utf8_get_char(t);
		if (k >= ng || c > 0xffff || !g[k].id || g[k].id != HPDF_TTFontDef_GetGlyphid(def, (HPDF_UNICODE)c))
			return 0;
	}
	return k == ng;
}

/* Adds the pieces of cluster text[t0, t0+tn) drawn by glyphs g[0..ng) at
 * x + g[k].x: its characters, or each glyph under an extra code (the first
 * standing for the cluster's text, any others for a space).  0, or -1 after
 * refusing. */
static int add_cluster(hstate *s, GArray *pieces, const yb_page *page, hfont *hf, float size, float x,
                       const yb_glyph *g, uint32_t ng, uint32_t t0, uint32_t tn)
{
	const char *t = page->text->str + t0, *end = t + tn;
	HPDF_FontDef def = def_of(hf->font);
	for (uint32_t k = 0; k < ng; k++)
		if (g[k].id & GLYPH_UNKNOWN)
			return refuse_char(s, page, g_utf8_get_char(t), hf->font, "no font has it");
	if (plain_cluster(def, t, end, g, ng)) {
		for (uint32_t k = 0; t < end; t = g_utf8_next_char(t), k++) {
			gunichar c = g_utf8_get_char(t);
			add_piece(s, pieces, c, x + g[k].x, HPDF_Font_GetUnicodeWidth(hf->font, (HPDF_UNICODE)c), size);
		}
		return 0;
	}
	int first = 1;
	for (uint32_t k = 0; k < ng; k++) {
		if (g[k].id == GLYPH_EMPTY)
			continue;
		guint code = first ? extra_cid(hf, (HPDF_UINT16)g[k].id, t, tn) : extra_cid(hf, (HPDF_UINT16)g[k].id, " ", 1);
		if (!code)
			return refuse_char(s, page, g_utf8_get_char(t), hf->font, "the font has run out of codes for glyphs "
			                   "its cmap does not reach");
		add_piece(s, pieces, code, x + g[k].x, HPDF_TTFontDef_GetGidWidth(def, (HPDF_UINT16)g[k].id), size);
		first = 0;
	}
	return 0;
}

/* Writes pieces [a, b) as one string at a's position with character spacing tc. */
static void show(hstate *s, const piece *pc, guint a, guint b, float y, float tc)
{
	g_string_truncate(s->seg, 0);
	for (guint i = a; i < b; i++)
		g_string_append_len(s->seg, s->txt->str + pc[i].t0, pc[i].tn);
	if (fabsf(tc - s->tc) > 1e-4f) {
		HPDF_Page_SetCharSpace(s->page, tc);
		s->tc = tc;
	}
	HPDF_Page_SetTextMatrix(s->page, 1, 0, 0, 1, pc[a].x, y);
	HPDF_Page_ShowText(s->page, s->seg->str);
}

/* The extra spacing between pieces a and a + 1 beyond a's natural advance. */
static float spacing(const piece *pc, guint a)
{
	return pc[a + 1].x - pc[a].x - pc[a].adv;
}

/* Groups pieces whose spacing exceeds their natural advance by one constant
 * (a justified line) into one string with that character spacing. */
static void show_pieces(hstate *s, const piece *pc, guint n, float y)
{
	for (guint a = 0, b; a < n; a = b) {
		b = a + 1;
		float tc = s->tc;
		if (b < n && fabsf(spacing(pc, a)) < -HPDF_MIN_CHARSPACE) {
			tc = spacing(pc, a);
			uint32_t bytes = pc[a].tn;
			/* libharu takes strings of at most 65535 bytes (a letter with 40,000 accents) */
			for (b++; b < n && fabsf(spacing(pc, b - 1) - tc) < 0.005f && (bytes += pc[b].tn) < 60000; b++)
				;
		}
		show(s, pc, a, b, y, tc);
	}
}

static void draw_run(hstate *s, const yb_page *page, const yb_item *it)
{
	hfont *hf = font_of(s, it->u.run.font);
	if (!hf)
		return;
	const yb_glyph *g = &g_array_index(page->glyphs, yb_glyph, it->u.run.glyph0);
	const yb_cluster *c = &g_array_index(page->clusters, yb_cluster, it->u.run.cluster0);
	float x = page->ox + it->u.run.x, y = page->height - (page->oy + it->u.run.y);
	uint32_t t0 = it->u.run.text0, gi = 0;
	g_string_truncate(s->txt, 0);
	g_array_set_size(s->pieces, 0);
	for (uint32_t i = 0; i < it->u.run.nclusters; i++) {
		if (add_cluster(s, s->pieces, page, hf, it->u.run.size, x, g + gi, c[i].glyphs, t0, c[i].bytes) != 0)
			return;
		t0 += c[i].bytes;
		gi += c[i].glyphs;
	}
	if (!s->pieces->len)
		return;
	HPDF_Page_BeginText(s->page);
	HPDF_Page_SetFontAndSize(s->page, hf->font, it->u.run.size);
	show_pieces(s, (const piece *)s->pieces->data, s->pieces->len, y);
	HPDF_Page_EndText(s->page);
}

/* ---- links, destinations, outline, labels ----------------------------------- */

static int page_in_range(const hstate *s, int page)
{
	return page >= (int)s->first && (guint)(page - (int)s->first) < s->npages;
}

static int dest_here(const hstate *s, uint32_t dest)
{
	return page_in_range(s, g_array_index(s->doc->dests, yb_dest, dest).page);
}

static void record_link(hstate *s, const yb_page *page, const yb_item *it)
{
	float x = page->ox + it->u.link.x, top = page->height - (page->oy + it->u.link.y);
	pending_link l = {s->npages - 1, {x, top - it->u.link.h, x + it->u.link.w, top}, it->u.link.dest};
	g_array_append_val(s->links, l);
}

/* The link annotations, to named destinations, with the Print flag; a link
 * whose destination lies outside the range (a split report's link into the
 * front matter) is left out. */
static void add_links(hstate *s)
{
	for (guint i = 0; i < s->links->len; i++) {
		const pending_link *l = &g_array_index(s->links, pending_link, i);
		if (!dest_here(s, l->dest))
			continue;
		HPDF_Dict annot = HPDF_Dict_New(s->pdf->mmgr);
		if (!annot || HPDF_Xref_Add(s->pdf->xref, annot) != HPDF_OK)
			return;
		HPDF_Array border = HPDF_Array_New(s->pdf->mmgr);
		for (int k = 0; border && k < 3; k++)
			HPDF_Array_AddNumber(border, 0);
		HPDF_Dict_AddName(annot, "Type", "Annot");
		HPDF_Dict_AddName(annot, "Subtype", "Link");
		HPDF_Dict_Add(annot, "Rect", HPDF_Box_Array_New(s->pdf->mmgr, l->box));
		HPDF_Dict_Add(annot, "Border", border);
		HPDF_Dict_AddNumber(annot, "F", 4);  /* Print */
		HPDF_Dict_Add(annot, "Dest",
		              HPDF_Name_New(s->pdf->mmgr, g_array_index(s->doc->dests, yb_dest, l->dest).name));
		HPDF_Page page = s->pages[l->page];
		HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
		if (!annots) {
			annots = HPDF_Array_New(s->pdf->mmgr);
			HPDF_Dict_Add(page, "Annots", annots);
		}
		HPDF_Array_Add(annots, annot);
	}
}

static void add_dests(hstate *s)
{
	HPDF_Dict dests = HPDF_Dict_New(s->pdf->mmgr);
	if (!dests || HPDF_Xref_Add(s->pdf->xref, dests) != HPDF_OK)
		return;
	for (guint i = 0; i < s->doc->dests->len; i++) {
		const yb_dest *d = &g_array_index(s->doc->dests, yb_dest, i);
		if (!page_in_range(s, d->page))
			continue;
		HPDF_Page page = s->pages[d->page - (int)s->first];
		const yb_page *yp = g_ptr_array_index(s->doc->pages, d->page);
		float m = s->press ? s->press->margin : 0;
		HPDF_Array a = HPDF_Array_New(s->pdf->mmgr);
		HPDF_Array_Add(a, page);
		HPDF_Array_AddName(a, "XYZ");
		HPDF_Array_AddReal(a, m + d->x);
		HPDF_Array_AddReal(a, m + yp->height - d->y);
		HPDF_Array_Add(a, HPDF_Null_New(s->pdf->mmgr));
		HPDF_Dict_Add(dests, d->name, a);
	}
	HPDF_Dict_Add(s->pdf->catalog, "Dests", dests);
}

static void add_outline(hstate *s)
{
	HPDF_Encoder utf8 = HPDF_GetEncoder(s->pdf, "UTF-8");
	HPDF_Outline *ids = g_new0(HPDF_Outline, s->doc->outline->len + 1);
	for (guint i = 0; i < s->doc->outline->len; i++) {
		const yb_outline *o = &g_array_index(s->doc->outline, yb_outline, i);
		if (!dest_here(s, o->dest))
			continue;
		HPDF_Outline parent = o->parent >= 0 ? ids[o->parent] : NULL;
		ids[i] = HPDF_CreateOutline(s->pdf, parent, o->title, utf8);
		if (!ids[i])
			break;
		HPDF_Outline_SetOpened(ids[i], parent == NULL);
		HPDF_Dict_Add(ids[i], "Dest",
		              HPDF_Name_New(s->pdf->mmgr, g_array_index(s->doc->dests, yb_dest, o->dest).name));
	}
	g_free(ids);
}

/* Roman for the front matter, decimal from the body's first page; a range
 * starting in the body keeps the book's page numbers.  When the front
 * matter is numbered 1, 2, ... the body goes on counting: one decimal run. */
static void add_labels(hstate *s, guint npages)
{
	guint front = s->doc->front_arabic ? 0 : s->doc->front_pages;
	if (s->first < front) {
		HPDF_AddPageLabel(s->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, s->first + 1, NULL);
		if (s->first + npages > front)
			HPDF_AddPageLabel(s->pdf, front - s->first, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
	} else {
		HPDF_AddPageLabel(s->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, s->first - front + 1, NULL);
	}
}

/* ---- metadata --------------------------------------------------------------- */

static const char *set(const char *v)
{
	return v && *v ? v : NULL;
}

static void xmp_escaped(GString *x, const char *tag, const char *v, const char *wrap)
{
	if (!set(v))
		return;
	char *e = g_markup_escape_text(v, -1);
	if (wrap)
		g_string_append_printf(x, "<%s><rdf:%s><rdf:li%s>%s</rdf:li></rdf:%s></%s>\n", tag, wrap,
		                       strcmp(wrap, "Alt") == 0 ? " xml:lang=\"x-default\"" : "", e, wrap, tag);
	else
		g_string_append_printf(x, "<%s>%s</%s>\n", tag, e, tag);
	g_free(e);
}

#define YB_NS "http://yearbook.invalid/ns/dat46/1.0/"

static void xmp_extension_schema(GString *x)
{
	static const char *const props[][2] = {
		{"issuer", "responsible body (DA/T 46: 责任者)"},
		{"date", "date of the document (DA/T 46: 日期)"},
		{"docNumber", "document number (DA/T 46: 文号)"},
		{"year", "year the document reports on (DA/T 46: 年度)"},
		{"pageCount", "number of pages (DA/T 46: 页数)"},
		{"compiler", "body that compiled the book (编制单位)"},
		{"partOf", "title of the book the report belongs to"},
		{"order", "place of the report in the book"},
	};
	g_string_append(x, "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
	                   " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
	                   " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
	                   "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
	                   "<pdfaSchema:schema>yearbook archival metadata (DA/T 46)</pdfaSchema:schema>\n"
	                   "<pdfaSchema:namespaceURI>" YB_NS "</pdfaSchema:namespaceURI>\n"
	                   "<pdfaSchema:prefix>yb</pdfaSchema:prefix>\n<pdfaSchema:property><rdf:Seq>\n");
	for (size_t i = 0; i < G_N_ELEMENTS(props); i++)
		g_string_append_printf(x, "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>%s</pdfaProperty:name>"
		                       "<pdfaProperty:valueType>Text</pdfaProperty:valueType>"
		                       "<pdfaProperty:category>external</pdfaProperty:category>"
		                       "<pdfaProperty:description>%s</pdfaProperty:description></rdf:li>\n",
		                       props[i][0], props[i][1]);
	g_string_append(x, "</rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
	                   "</rdf:Description>\n");
}

static char *xmp_packet(const yb_archive_meta *m, const char *producer, const char *created, guint npages)
{
	GString *x = g_string_new("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	                          "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	                          "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	g_string_append(x, "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	                   "<dc:format>application/pdf</dc:format>\n");
	xmp_escaped(x, "dc:title", m->title, "Alt");
	xmp_escaped(x, "dc:creator", m->issuer, "Seq");
	xmp_escaped(x, "dc:description", m->subject, "Alt");
	xmp_escaped(x, "dc:publisher", m->compiler, "Bag");
	xmp_escaped(x, "dc:language", m->lang, "Bag");
	xmp_escaped(x, "dc:date", m->date, "Seq");
	xmp_escaped(x, "dc:identifier", m->docnum, NULL);
	g_string_append(x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	xmp_escaped(x, "xmp:CreatorTool", m->creator, NULL);
	xmp_escaped(x, "xmp:CreateDate", created, NULL);
	xmp_escaped(x, "xmp:ModifyDate", created, NULL);
	g_string_append(x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	xmp_escaped(x, "pdf:Producer", producer, NULL);
	xmp_escaped(x, "pdf:Keywords", m->keywords, NULL);
	g_string_append(x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:yb=\"" YB_NS "\">\n");
	char pages[16], order[16];
	snprintf(pages, sizeof pages, "%u", npages);
	snprintf(order, sizeof order, "%d", m->order);
	xmp_escaped(x, "yb:issuer", m->issuer, NULL);
	xmp_escaped(x, "yb:date", m->date, NULL);
	xmp_escaped(x, "yb:docNumber", m->docnum, NULL);
	xmp_escaped(x, "yb:year", m->year, NULL);
	xmp_escaped(x, "yb:pageCount", pages, NULL);
	xmp_escaped(x, "yb:compiler", m->compiler, NULL);
	xmp_escaped(x, "yb:partOf", m->part_of, NULL);
	xmp_escaped(x, "yb:order", m->order ? order : NULL, NULL);
	g_string_append(x, "</rdf:Description>\n<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	                   "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n</rdf:Description>\n");
	xmp_extension_schema(x);
	g_string_append(x, "</rdf:RDF>\n</x:xmpmeta>\n");
	/* room for an editor to change the packet in place */
	for (int i = 0; i < 20; i++)
		g_string_append(x, "                                                                                \n");
	g_string_append(x, "<?xpacket end=\"w\"?>");
	return g_string_free(x, FALSE);
}

/* The instant as libharu's date and as XMP's text (UTC, written +00:00:
 * libharu's date has no Z). */
static int parse_instant(const char *iso, HPDF_Date *d, char *xmp, size_t n)
{
	*d = (HPDF_Date){0};
	if (!iso || sscanf(iso, "%d-%d-%dT%d:%d:%d", &d->year, &d->month, &d->day, &d->hour, &d->minutes,
	                   &d->seconds) != 6)
		return -1;
	d->ind = '+';
	snprintf(xmp, n, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", d->year, d->month, d->day, d->hour, d->minutes,
	         d->seconds);
	return 0;
}

static void set_info(hstate *s, const yb_archive_meta *m, const char *producer)
{
	static const struct { HPDF_InfoType key; size_t off; } keys[] = {
		{HPDF_INFO_TITLE, offsetof(yb_archive_meta, title)},
		{HPDF_INFO_AUTHOR, offsetof(yb_archive_meta, issuer)},
		{HPDF_INFO_SUBJECT, offsetof(yb_archive_meta, subject)},
		{HPDF_INFO_KEYWORDS, offsetof(yb_archive_meta, keywords)},
		{HPDF_INFO_CREATOR, offsetof(yb_archive_meta, creator)},
	};
	HPDF_SetCurrentEncoder(s->pdf, "UTF-8");
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = *(const char *const *)((const char *)m + keys[i].off);
		if (set(v))
			HPDF_SetInfoAttr(s->pdf, keys[i].key, v);
	}
	HPDF_SetInfoAttr(s->pdf, HPDF_INFO_PRODUCER, producer);
}

/* The document information (and, in *producer and *created, the producer
 * and creation instant as XMP writes them). */
static void add_info(hstate *s, const yb_archive_meta *m, char *producer, size_t np, char *created, size_t nc)
{
	snprintf(producer, np, "%s; libharu %s", m->creator ? m->creator : "yearbook", HPDF_GetVersion());
	set_info(s, m, producer);
	HPDF_Date d;
	if (parse_instant(m->created, &d, created, nc) == 0) {
		HPDF_SetInfoDateAttr(s->pdf, HPDF_INFO_CREATION_DATE, d);
		HPDF_SetInfoDateAttr(s->pdf, HPDF_INFO_MOD_DATE, d);
	}
}

/* PDF/X-1a:2001 (ISO 15930-1) in the document information: its version and
 * conformance, and that the file is not trapped. */
static void add_pdfx_info(hstate *s, const yb_archive_meta *m)
{
	char producer[96], created[40] = "";
	add_info(s, m, producer, sizeof producer, created, sizeof created);
	HPDF_Dict info = s->pdf->info;
	if (!info)
		return;
	HPDF_Dict_Add(info, "GTS_PDFXVersion", HPDF_String_New(s->pdf->mmgr, "PDF/X-1a:2001", NULL));
	HPDF_Dict_Add(info, "GTS_PDFXConformance", HPDF_String_New(s->pdf->mmgr, "PDF/X-1a:2001", NULL));
	HPDF_Dict_AddName(info, "Trapped", "False");
}

static void add_metadata(hstate *s, const yb_archive_meta *m, guint npages)
{
	char producer[96], created[40] = "";
	add_info(s, m, producer, sizeof producer, created, sizeof created);
	char *xmp = xmp_packet(m, producer, *created ? created : NULL, npages);
	HPDF_Dict meta = HPDF_DictStream_New(s->pdf->mmgr, s->pdf->xref);
	if (meta) {
		meta->filter = HPDF_STREAM_FILTER_NONE;  /* PDF/A-1: metadata uncompressed */
		HPDF_Dict_AddName(meta, "Type", "Metadata");
		HPDF_Dict_AddName(meta, "Subtype", "XML");
		HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp));
		HPDF_Dict_Add(s->pdf->catalog, "Metadata", meta);
	}
	g_free(xmp);
	if (set(m->lang))
		HPDF_Dict_Add(s->pdf->catalog, "Lang", HPDF_String_New(s->pdf->mmgr, m->lang, NULL));
}

/* The trailer /ID: an MD5 of what the file shows and says, so the same
 * book gives the same bytes (libharu's own ID comes from the clock). */
static void add_id(hstate *s, const yb_archive_meta *m, guint last)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_MD5);
	for (guint p = s->first; p < last; p++) {
		const yb_page *page = g_ptr_array_index(s->doc->pages, p);
		g_checksum_update(ck, (const guchar *)page->text->str, page->text->len);
		g_checksum_update(ck, (const guchar *)page->glyphs->data, page->glyphs->len * sizeof(yb_glyph));
		g_checksum_update(ck, (const guchar *)page->clusters->data, page->clusters->len * sizeof(yb_cluster));
	}
	const char *fields[] = {m->title, m->issuer, m->date, m->docnum, m->year, m->lang, m->compiler,
	                        m->subject, m->keywords, m->creator, m->created, m->part_of,
	                        s->press ? s->press->condition : "PDF/A-1b"};
	for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
		g_checksum_update(ck, (const guchar *)(fields[i] ? fields[i] : ""), -1), g_checksum_update(ck, (const guchar *)"", 1);
	guint8 digest[16];
	gsize len = sizeof digest;
	g_checksum_get_digest(ck, digest, &len);
	g_checksum_free(ck);
	HPDF_Array id = HPDF_Array_New(s->pdf->mmgr);
	HPDF_Array_Add(id, HPDF_Binary_New(s->pdf->mmgr, digest, 16));
	HPDF_Array_Add(id, HPDF_Binary_New(s->pdf->mmgr, digest, 16));
	HPDF_Dict_Add(s->pdf->trailer, "ID", id);
}

static int add_output_intent(hstate *s, const char *icc)
{
	HPDF_OutputIntent profile = HPDF_LoadIccProfileFromFile(s->pdf, icc, 3);
	if (!profile || HPDF_PDFA_AppendOutputIntents(s->pdf, "sRGB IEC61966-2.1", profile) != HPDF_OK) {
		yb_diag_error(icc, 0, "libharu cannot read this ICC profile (error 0x%04X): reinstall "
		              "icc-profiles-free", (unsigned)s->err);
		return -1;
	}
	return 0;
}

/* The GTS_PDFX output intent: the printing condition the CMYK is meant
 * for, by its identifier in the ICC registry (no profile embedded). */
static int add_pdfx_intent(hstate *s)
{
	HPDF_MMgr mm = s->pdf->mmgr;
	HPDF_Dict oi = HPDF_Dict_New(mm);
	HPDF_Array list = HPDF_Array_New(mm);
	if (!oi || !list || HPDF_Xref_Add(s->pdf->xref, oi) != HPDF_OK)
		return haru_failed(s, "adding the output intent");
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFX");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, s->press->condition, NULL));
	HPDF_Dict_Add(oi, "OutputCondition", HPDF_String_New(mm, s->press->condition_info, NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, s->press->condition_info, NULL));
	HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
	HPDF_Array_Add(list, oi);
	HPDF_Dict_Add(s->pdf->catalog, "OutputIntents", list);
	return haru_failed(s, "adding the output intent");
}

/* ---- press sheets ----------------------------------------------------------------- */

static void box(hstate *s, const char *name, float x0, float y0, float x1, float y1)
{
	HPDF_Box b = {x0, y0, x1, y1};
	HPDF_Dict_Add(s->page, name, HPDF_Box_Array_New(s->pdf->mmgr, b));
}

static void stroke_line(HPDF_Page pg, float x0, float y0, float x1, float y1)
{
	HPDF_Page_MoveTo(pg, x0, y0);
	HPDF_Page_LineTo(pg, x1, y1);
	HPDF_Page_Stroke(pg);
}

/* At each corner of the trim (w × h, origin at its lower left) a horizontal
 * and a vertical line beyond it, from mark_offset to mark_offset +
 * mark_length away from the trim. */
static void crop_marks(HPDF_Page pg, const yb_press *p, float w, float h)
{
	float a = p->mark_offset, b = p->mark_offset + p->mark_length;
	for (int i = 0; i < 4; i++) {
		float x = i & 1 ? w : 0, y = i & 2 ? h : 0, sx = i & 1 ? 1 : -1, sy = i & 2 ? 1 : -1;
		stroke_line(pg, x + sx * a, y, x + sx * b, y);
		stroke_line(pg, x, y + sy * a, x, y + sy * b);
	}
}

/* At each edge of a cover's spine, a vertical line above and below the trim,
 * in the crop marks' band. */
static void fold_marks(HPDF_Page pg, const yb_press *p, float h)
{
	float a = p->mark_offset, b = p->mark_offset + p->mark_length;
	for (int i = 0; i < 2; i++) {
		if (p->fold[i] <= 0)
			continue;
		stroke_line(pg, p->fold[i], -a, p->fold[i], -b);
		stroke_line(pg, p->fold[i], h + a, p->fold[i], h + b);
	}
}

/* A circle with a cross at the middle of each side, in the marks' band. */
static void registration_marks(HPDF_Page pg, const yb_press *p, float w, float h)
{
	float r = p->mark_length / 2, d = p->mark_offset + r;
	const float c[4][2] = {{w / 2, -d}, {w / 2, h + d}, {-d, h / 2}, {w + d, h / 2}};
	for (int i = 0; i < 4; i++) {
		HPDF_Page_Circle(pg, c[i][0], c[i][1], r * 0.6f);
		HPDF_Page_Stroke(pg);
		stroke_line(pg, c[i][0] - r, c[i][1], c[i][0] + r, c[i][1]);
		stroke_line(pg, c[i][0], c[i][1] - r, c[i][0], c[i][1] + r);
	}
}

/* The sheet around a trim of w × h: media, boxes, the origin at the trim's
 * corner, the marks, and black in DeviceGray for what the page draws. */
static void begin_sheet(hstate *s, float w, float h)
{
	const yb_press *p = s->press;
	float m = p->margin;
	HPDF_Page_SetWidth(s->page, w + 2 * m);
	HPDF_Page_SetHeight(s->page, h + 2 * m);
	box(s, "TrimBox", m, m, m + w, m + h);
	box(s, "BleedBox", m - p->bleed, m - p->bleed, m + w + p->bleed, m + h + p->bleed);
	HPDF_Page_Concat(s->page, 1, 0, 0, 1, m, m);
	if (p->crop_marks || p->registration_marks) {
		HPDF_Page_SetCMYKStroke(s->page, 1, 1, 1, 1);  /* registration: every plate */
		HPDF_Page_SetLineWidth(s->page, p->mark_width);
	}
	if (p->crop_marks) {
		crop_marks(s->page, p, w, h);
		fold_marks(s->page, p, h);
	}
	if (p->registration_marks)
		registration_marks(s->page, p, w, h);
	HPDF_Page_SetGrayFill(s->page, 0);
	HPDF_Page_SetGrayStroke(s->page, 0);
}

static int font_has(HPDF_Font font, const char *text)
{
	for (const char *t = text; *t; t = g_utf8_next_char(t)) {
		gunichar c = g_utf8_get_char(t);
		if (c > 0xffff || !HPDF_TTFontDef_GetGlyphid(def_of(font), (HPDF_UNICODE)c))
			return 0;
	}
	return 1;
}

/* The slug line under the sheet's foot, left: the book, the sheet's page
 * number (the physical one, blank pages counted) and the date, in the
 * first of the document's fonts that has all of it; left out when none
 * has. */
static void slug_line(hstate *s, guint index)
{
	const yb_press *p = s->press;
	char *text = g_strdup_printf("%s  %u  %s", p->slug_title ? p->slug_title : "", index + 1,
	                             p->slug_date ? p->slug_date : "");
	for (guint i = 0; !s->slug_tried && !s->slug_font && i < s->doc->fonts->len; i++) {
		hfont *hf = font_of(s, i);
		if (hf && font_has(hf->font, text))
			s->slug_font = hf->font;
	}
	s->slug_tried = 1;
	if (s->slug_font && font_has(s->slug_font, text)) {
		HPDF_Page_SetGrayFill(s->page, 0);  /* black, whatever colour the page left */
		HPDF_Page_BeginText(s->page);
		HPDF_Page_SetFontAndSize(s->page, s->slug_font, 6);
		HPDF_Page_SetTextMatrix(s->page, 1, 0, 0, 1, 0, 3 - p->margin);
		HPDF_Page_ShowText(s->page, text);
		HPDF_Page_EndText(s->page);
	}
	g_free(text);
}

/* ---- the backend table -------------------------------------------------------- */

static int haru_begin(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	hstate *s = state;
	s->page = HPDF_AddPage(s->pdf);
	if (!s->page)
		return haru_failed(s, "adding a page");
	s->pages[s->npages++] = s->page;
	s->tc = 0;
	if (s->press) {
		begin_sheet(s, page->width, page->height);
		return haru_failed(s, "drawing the marks");
	}
	HPDF_Page_SetWidth(s->page, page->width);
	HPDF_Page_SetHeight(s->page, page->height);
	return 0;
}

/* A colour item: its CMYK on press sheets, its sRGB in an archive (whose
 * output intent is sRGB). */
static void set_colour(hstate *s, const yb_item *it)
{
	const float *k = it->u.colour.cmyk, *c = it->u.colour.rgb;
	if (s->press) {
		HPDF_Page_SetCMYKFill(s->page, k[0], k[1], k[2], k[3]);
		HPDF_Page_SetCMYKStroke(s->page, k[0], k[1], k[2], k[3]);
	} else {
		HPDF_Page_SetRGBFill(s->page, c[0], c[1], c[2]);
		HPDF_Page_SetRGBStroke(s->page, c[0], c[1], c[2]);
	}
}

static void haru_item(void *state, const yb_doc *doc, const yb_page *page, const yb_item *it)
{
	hstate *s = state;
	if (s->failed)
		return;
	switch (it->kind) {
	case YB_ITEM_RUN:
		draw_run(s, page, it);
		break;
	case YB_ITEM_RULE:
		HPDF_Page_SetLineWidth(s->page, it->u.rule.width);
		HPDF_Page_MoveTo(s->page, page->ox + it->u.rule.x0, page->height - (page->oy + it->u.rule.y0));
		HPDF_Page_LineTo(s->page, page->ox + it->u.rule.x1, page->height - (page->oy + it->u.rule.y1));
		HPDF_Page_Stroke(s->page);
		break;
	case YB_ITEM_COLOUR:
		set_colour(s, it);
		break;
	case YB_ITEM_FILL:
		HPDF_Page_Rectangle(s->page, page->ox + it->u.fill.x,
		                    page->height - (page->oy + it->u.fill.y + it->u.fill.h), it->u.fill.w, it->u.fill.h);
		HPDF_Page_Fill(s->page);
		break;
	case YB_ITEM_LINK:
		if (!s->press)  /* PDF/X: no annotations on the printed area */
			record_link(s, page, it);
		break;
	case YB_ITEM_DEST:       /* written from doc->dests at the end */
	case YB_ITEM_TAG_BEGIN:  /* libharu 2.3 writes no structure tree */
	case YB_ITEM_TAG_END:
	case YB_ITEM_LINE:
		break;
	}
}

static int haru_end(void *state, const yb_doc *doc, const yb_page *page, guint index)
{
	hstate *s = state;
	if (s->press && s->press->slug && !s->failed)
		slug_line(s, index);
	return s->failed ? -1 : haru_failed(s, "writing a page");
}

static int haru_finish(void *state, const yb_doc *doc)
{
	hstate *s = state;
	if (finish_fonts(s) != 0)
		return yb_diag_syserr("libharu failed writing the glyphs outside the BMP (error 0x%04X)", (unsigned)s->err);
	add_links(s);
	add_dests(s);
	add_outline(s);
	add_labels(s, s->npages);
	return haru_failed(s, "writing the outline and destinations");
}

static int save(hstate *s, const char *path)
{
	if (HPDF_SaveToStream(s->pdf) != HPDF_OK || haru_failed(s, "writing the PDF") != 0)
		return s->failed ? -1 : haru_failed(s, "writing the PDF");
	yb_output *out = yb_output_open(path);
	if (!out)
		return -1;
	HPDF_ResetStream(s->pdf);
	guint8 buf[65536];
	int rc = 0;
	for (;;) {
		HPDF_UINT32 n = sizeof buf;
		HPDF_STATUS st = HPDF_ReadFromStream(s->pdf, buf, &n);
		if (n && yb_output_write(out, buf, n) != 0) {
			rc = -1;
			break;
		}
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK) {
			rc = yb_diag_syserr("libharu failed reading back the PDF (error 0x%04X)", (unsigned)st);
			break;
		}
	}
	if (rc != 0) {
		yb_output_abort(out);
		return -1;
	}
	return yb_output_commit(out);
}

int yb_render_haru(const yb_doc *doc, guint first, guint last, const yb_archive_meta *meta,
                   const char *icc, const yb_press *press, const char *path, guint *pages)
{
	if (!last || last > doc->pages->len)
		last = doc->pages->len;
	g_assert(first < last);
	hstate s = {.doc = doc, .first = first, .press = press};
	s.pdf = HPDF_New(on_error, &s);
	if (!s.pdf)
		return yb_diag_syserr("cannot start libharu: out of memory");
	s.fonts = g_new0(hfont, doc->fonts->len + 1);
	s.pages = g_new0(HPDF_Page, last - first);
	s.seg = g_string_new(NULL);
	s.txt = g_string_new(NULL);
	s.pieces = g_array_new(FALSE, FALSE, sizeof(piece));
	s.links = g_array_new(FALSE, FALSE, sizeof(pending_link));
	HPDF_SetCompressionMode(s.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(s.pdf);
	s.pdf->pdf_version = press ? HPDF_VER_13 : HPDF_VER_14;  /* PDF/X-1a:2001 is PDF 1.3 */
	int rc = press ? add_pdfx_intent(&s) : add_output_intent(&s, icc);
	if (rc == 0) {
		yb_backend be = {&s, haru_begin, haru_item, haru_end, haru_finish};
		rc = yb_backend_replay(doc, &be, first, last);
	}
	if (rc == 0) {
		*pages = last - first;
		if (press)
			add_pdfx_info(&s, meta);
		else
			add_metadata(&s, meta, last - first);
		add_id(&s, meta, last);
		rc = haru_failed(&s, "writing the metadata");
	}
	if (rc == 0)
		rc = save(&s, path);
	HPDF_Free(s.pdf);
	release_fonts(&s);
	g_free(s.pages);
	g_string_free(s.seg, TRUE);
	g_string_free(s.txt, TRUE);
	g_array_free(s.pieces, TRUE);
	g_array_free(s.links, TRUE);
	return rc;
}
