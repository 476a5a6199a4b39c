/* fonts: yearbook's own fontconfig configuration and the font roles in it.
 *
 * yb_fonts_load() reads fonts/yearbook.conf into a private FcConfig; the
 * system's and the user's fontconfig files are never read, so which font
 * sets a book does not depend on desktop settings or the locale.  Styles name
 * font roles (song, hei, kai, fangsong, latin); the configuration defines a
 * family for each ("yearbook-song", and "yearbook-song-tc" for traditional
 * text), and that family is what the layout asks Pango for, after handing
 * yb_fonts_config() to its font map with pango_fc_font_map_set_config().
 * The configuration also becomes fontconfig's current one, so nothing in the
 * process loads the desktop's configuration behind yearbook's back.
 *
 * This module knows fontconfig only, never Pango or cairo.  A yb_fonts is the
 * caller's (yb_fonts_free); the FcConfig and every string it hands out are
 * borrowed from it.  After loading it is read-only: threads may share it.
 */
#ifndef YB_FONTS_H
#define YB_FONTS_H

#include "script.h"

#include <fontconfig/fontconfig.h>
#include <stddef.h>
#include <stdio.h>

typedef struct yb_fonts yb_fonts;

/* Which face serves a role.  Strings are borrowed from the yb_fonts. */
typedef struct yb_font_match {
	const char *role;      /* "fangsong" */
	const char *lang;      /* "zh-cn" or "zh-tw": the script variant resolved */
	const char *family;    /* the family to ask Pango for: "yearbook-fangsong" */
	const char *file;      /* the font file that serves it */
	int index;             /* face index in that file (collections: .ttc) */
	const char *face;      /* that face's family, e.g. "AR PL UKai CN" */
	const char *style;     /* and its style, e.g. "Book" */
	const char *preferred; /* the role's first preferred face, e.g. "FangSong" */
	int stand_in;          /* no preferred face is installed: another stands in */
} yb_font_match;

/* The roles a style may name, NULL-terminated; and a check for one. */
const char *const *yb_fonts_roles(void);
int yb_fonts_role_known(const char *role);

/* Loads fonts_dir/yearbook.conf (fonts_dir is yb_paths_data("fonts")).
 * Returns NULL after printing when it cannot be used. */
yb_fonts *yb_fonts_load(const char *fonts_dir);
/* The same, then extra_conf (a file in fonts_dir) read into the same
 * configuration: "archive.conf" leaves out every CFF font, for the archive
 * build that lays out with the fonts libharu can embed. */
yb_fonts *yb_fonts_load_with(const char *fonts_dir, const char *extra_conf);
void yb_fonts_free(yb_fonts *f);

/* A SHA-256 (hex, g_free) of what the fonts are: the configuration file's
 * bytes and the path, size and modification time of every font file it
 * finds.  Any font added, removed or replaced changes it (yearbook batch
 * keeps it to know whether a book must be built again). */
char *yb_fonts_fingerprint(const yb_fonts *f);

/* The private configuration, for pango_fc_font_map_set_config(). */
FcConfig *yb_fonts_config(const yb_fonts *f);

/* The family to ask Pango for: role "song" in Simplified gives
 * "yearbook-song"; Traditional gives the traditional family where the
 * configuration defines one.  NULL, printing nothing, for a role
 * yb_fonts_role_known() rejects. */
const char *yb_fonts_family(const yb_fonts *f, const char *role, yb_script script);

/* Fills *out with the face that serves role for lang; returns 0, or -1
 * (printing nothing) for an unknown role.  The first time a role is served by
 * a stand-in, prints a note saying so and what to do (once per role and
 * script per process).  Call it for each role a style uses. */
int yb_fonts_resolve(const yb_fonts *f, const char *role, const char *lang, yb_font_match *out);

/* Warns, as path:line, about each distinct character of text (UTF-8, lines
 * separated by '\n') that no font in the configuration has, naming the first
 * line it is on.  Returns how many distinct characters were missing. */
long yb_fonts_check_coverage(const yb_fonts *f, const char *path, const char *text, size_t len);

/* `yearbook fonts`: the configuration file, the user font folder, and for
 * each role and script the face that serves it, marking stand-ins.
 * Returns 0, or -1 after printing when writing fails. */
int yb_fonts_print(const yb_fonts *f, FILE *out);

#endif
