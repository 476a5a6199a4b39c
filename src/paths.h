/* paths: where yearbook finds its data (styles/, fonts/) and small path helpers.
 *
 * The data directory is, first found:
 *   1. $YEARBOOK_DATADIR, when set (the documented override);
 *   2. PREFIX/share/yearbook next to an installed binary PREFIX/bin/yearbook
 *      (found from /proc/self/exe, so a moved prefix still works);
 *   3. the build tree: the folder above the binary's folder when it holds
 *      styles/ (build/yearbook in a checkout);
 *   4. the checkout the binary was built in (YB_SRCDIR), when it still has
 *      styles/: the fallback for test programs deeper in build/;
 *   5. YB_DATADIR given at build time (PREFIX/share/yearbook).
 * Returned strings are owned by the module (data dir) or by the caller
 * (g_free) as noted.
 */
#ifndef YB_PATHS_H
#define YB_PATHS_H

/* The data directory; owned by the module, valid for the process lifetime. */
const char *yb_paths_datadir(void);
/* datadir/sub, caller frees with g_free(). */
char *yb_paths_data(const char *sub);

#endif
