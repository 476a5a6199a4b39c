/* paths: where yearbook finds its data (styles/, fonts/) and small path helpers.
 *
 * The data directory is $YEARBOOK_DATADIR when set, else the project folder
 * the binary was built in (the parent of the folder holding the executable,
 * when it has styles/), else YB_DATADIR from the build.  Returned strings are
 * owned by the module (data dir) or by the caller (g_free) as noted.
 */
#ifndef YB_PATHS_H
#define YB_PATHS_H

/* The data directory; owned by the module, valid for the process lifetime. */
const char *yb_paths_datadir(void);
/* datadir/sub, caller frees with g_free(). */
char *yb_paths_data(const char *sub);

#endif
