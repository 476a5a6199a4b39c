/* script: Simplified or Traditional Chinese, resolved once from a language
 * tag.  Inside yearbook a text's script is this enum; language tags live
 * only at the edges: what the parser detects and a manifest gives
 * ("zh-cn", "zh-tw"), what fontconfig is asked for, and the BCP 47 tag of
 * Pango's PangoLanguage (setter.c) and the PDF's /Lang.
 */
#ifndef YB_SCRIPT_H
#define YB_SCRIPT_H

typedef enum yb_script { YB_SCRIPT_SC, YB_SCRIPT_TC, YB_NSCRIPT } yb_script;

/* zh-tw, zh-hk, zh-mo and zh-hant (any case, any subtags after them) are
 * Traditional; anything else, NULL included, Simplified. */
yb_script yb_script_of(const char *lang);
/* The tag yearbook writes and fontconfig matches: "zh-cn" or "zh-tw". */
const char *yb_script_tag(yb_script s);
/* BCP 47 as Pango's PangoLanguage and the PDF's /Lang want it: "zh-CN" or "zh-TW". */
const char *yb_script_bcp47(yb_script s);

#endif
