/* SPDX-License-Identifier: MIT */
/*
 * lapi_audio.c: the `audio` field of a paragraph or a page, recorded
 * narration by language: audio = { en = "audio/x.en.opus", fr = ... }.
 * Any of the manifest's languages may be left out (synthesis reads the
 * text in those). Only where the file is, is checked here: a path inside
 * the content folder. Whether the file is there, readable Opus and of a
 * sensible length is --check's business (app/check_narration.c) and the
 * kiosk's when it plays it, which reads the text itself when it is not,
 * so a recording deleted or spoilt after a load never silences a page.
 */
#include "content_int.h"
#include <limits.h>
#include <stdio.h>
#include <string.h>

static void take_one(lua_State *L, content *c, cloc at, const char *what, const char *code,
		     const char **path, const char **rel)
{
	char full[PATH_MAX];
	const char *why;
	if (lua_type(L, -1) != LUA_TSTRING) {
		content_report(c, at, "the '%s' recording of %s must be a file name in quotes, like "
			       "\"audio/x.%s.opus\", not %s", code, what, code, lapi_typename(L, -1));
		return;
	}
	if (validate_audio_path(c, lua_tostring(L, -1), full, sizeof full, &why)) {
		content_report(c, at, "the '%s' recording of %s, '%s', %s", code, what,
			       lua_tostring(L, -1), why);
		return;
	}
	*path = lapi_need(L, c, content_arena_strdup(c, full, strlen(full)));
	*rel = lapi_need(L, c, content_arena_strdup(c, lua_tostring(L, -1), lua_rawlen(L, -1)));
}

void lapi_audio_field(lua_State *L, content *c, int t, cloc at, const char *what,
		      content_audio *out)
{
	char desc[160];
	t = lua_absindex(L, t);
	if (lapi_rawfield(L, t, "audio") == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	snprintf(desc, sizeof desc, "audio of %s", what);
	if (lua_type(L, -1) != LUA_TTABLE) {
		content_report(c, at, "%s must be a table of recordings by language, like "
			       "{ en = \"audio/x.en.opus\" }, not %s", desc, lapi_typename(L, -1));
		lua_pop(L, 1);
		return;
	}
	lapi_fields(L, c, -1, NULL, 1, 0, at, desc);
	for (int i = 0; i < c->model.n_langs; i++) {
		if (lapi_rawfield(L, -1, c->model.langs[i]) != LUA_TNIL)
			take_one(L, c, at, what, c->model.langs[i], &out->s[i], &out->rel[i]);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}
