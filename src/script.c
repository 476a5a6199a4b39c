/* script: see script.h. */
#include "script.h"

#include <glib.h>
#include <string.h>

yb_script yb_script_of(const char *lang)
{
	static const char *const traditional[] = { "zh-tw", "zh-hk", "zh-mo", "zh-hant" };
	for (size_t i = 0; lang && i < G_N_ELEMENTS(traditional); i++)
		if (g_ascii_strncasecmp(lang, traditional[i], strlen(traditional[i])) == 0)
			return YB_SCRIPT_TC;
	return YB_SCRIPT_SC;
}

const char *yb_script_tag(yb_script s)
{
	return s == YB_SCRIPT_TC ? "zh-tw" : "zh-cn";
}

const char *yb_script_bcp47(yb_script s)
{
	return s == YB_SCRIPT_TC ? "zh-TW" : "zh-CN";
}
