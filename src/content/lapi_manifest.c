/* SPDX-License-Identifier: MIT */
/*
 * lapi_manifest.c: manifest {} (languages, start page, theme), strings {}
 * (the interface words in every language) and the `kiosk` table that
 * callbacks receive.
 *
 * The manifest runs first because it declares the languages every other
 * text is checked against. strings {} is read in two passes — collect the
 * union of keys, then demand each key in each language — with a Lua table
 * for the union, so a huge strings file costs Lua memory (capped) rather
 * than C time.
 */
#include "content_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

static const char *const rtl_codes[] = { "ar", "he", "fa", "ur", NULL };

static int valid_code(const char *s, size_t n)
{
	if (n < 2 || n > 15)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || (s[i] == '-' && i >= 2)))
			return 0;
	return 1;
}

static int is_rtl(const char *code)
{
	for (int i = 0; rtl_codes[i]; i++) {
		size_t n = strlen(rtl_codes[i]);
		if (strncmp(code, rtl_codes[i], n) == 0 && (code[n] == 0 || code[n] == '-'))
			return 1;
	}
	return 0;
}

static void add_language(lua_State *L, content *c, cloc at, int i)
{
	content_model *m = &c->model;
	size_t n;
	const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &n) : NULL;
	if (!s || !valid_code(s, n)) {
		content_report(c, at, "language %d must be a code in quotes like \"en\" or \"ar\"", i);
	} else if (content_lang_index(m, s) >= 0) {
		content_report(c, at, "language '%s' is listed twice", s);
	} else if (m->n_langs == CONTENT_MAX_LANGS) {
		content_report(c, at, "at most %d languages", CONTENT_MAX_LANGS);
	} else {
		m->langs[m->n_langs] = lapi_need(L, c, content_arena_strdup(c, s, n));
		m->rtl[m->n_langs] = is_rtl(s);
		m->lang_names[m->n_langs] = m->langs[m->n_langs];
		m->n_langs++;
	}
}

static void languages(lua_State *L, content *c, cloc at)
{
	if (lapi_rawfield(L, 1, "languages") != LUA_TTABLE) {
		content_report(c, at, "manifest needs languages = { \"en\", ... } (the first is the default)");
	} else {
		int n = (int)lua_rawlen(L, -1);
		lapi_fields(L, c, -1, NULL, 0, 1, at, "manifest languages");
		if (n == 0)
			content_report(c, at, "manifest languages is empty");
		for (int i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			add_language(L, c, at, i);
			lua_pop(L, 1);
		}
	}
	lua_pop(L, 1);
}

static void language_names(lua_State *L, content *c, cloc at)
{
	content_model *m = &c->model;
	char desc[64];
	if (lapi_rawfield(L, 1, "language_names") != LUA_TNIL) {
		if (lua_type(L, -1) != LUA_TTABLE) {
			content_report(c, at, "language_names must be a table like { en = \"English\" }");
		} else {
			lapi_fields(L, c, -1, NULL, 1, 0, at, "language_names");
			for (int i = 0; i < m->n_langs; i++) {
				snprintf(desc, sizeof desc, "the name of language '%s'", m->langs[i]);
				if (lapi_rawfield(L, -1, m->langs[i]) != LUA_TNIL)
					lapi_take_string(L, c, at, desc, &m->lang_names[i]);
				lua_pop(L, 1);
			}
		}
	}
	lua_pop(L, 1);
}

/* A page id field: a problem when required and absent, or not text. */
static void id_field(lua_State *L, content *c, const char *field, cloc at,
		     const char **out, int required)
{
	if (lapi_rawfield(L, 1, field) == LUA_TNIL) {
		if (required)
			content_report(c, at, "manifest needs %s = \"page-id\"", field);
	} else {
		char desc[64];
		snprintf(desc, sizeof desc, "manifest %s", field);
		lapi_take_string(L, c, at, desc, out);
	}
	lua_pop(L, 1);
}

/* "YYYY-MM-DD" as days since 1970, or -1. */
static long day_number(const char *s)
{
	int y, mo, d, n = 0;
	if (!s || sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10 || s[10] || mo < 1 ||
	    mo > 12 || d < 1 || d > 31 || y < 2000)
		return -1;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= mo <= 2;
	long era = y / 400, yoe = y - era * 400;
	long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* reviewed_by, reviewed_on and next_review: who last checked the medical
 * content and when it is due again. A due date passed is a warning (the
 * content stays on screen; staff mode and --check say so), a malformed
 * date a problem. */
static void review(lua_State *L, content *c, cloc at)
{
	content_model *m = &c->model;
	const char **dst[] = { NULL, &m->reviewed_on, &m->next_review };
	static const char *const keys[] = { "reviewed_by", "reviewed_on", "next_review" };
	int ty = lapi_rawfield(L, 1, "reviewed_by");
	if (ty == LUA_TTABLE) { /* a text by language ("not yet reviewed ...") */
		lapi_text(L, c, -1, at, "manifest reviewed_by", &m->reviewed_by);
	} else if (ty != LUA_TNIL) { /* a name: the same in every language */
		lapi_take_string(L, c, at, "manifest reviewed_by", &m->reviewed_by.s[0]);
		for (int i = 1; i < m->n_langs; i++)
			m->reviewed_by.s[i] = m->reviewed_by.s[0];
	}
	lua_pop(L, 1);
	for (int i = 1; i < 3; i++) {
		if (lapi_rawfield(L, 1, keys[i]) != LUA_TNIL)
			lapi_take_string(L, c, at, keys[i], dst[i]);
		lua_pop(L, 1);
	}
	for (int i = 1; i < 3; i++)
		if (*dst[i] && day_number(*dst[i]) < 0)
			content_report(c, at, "manifest %s must be a date like 2027-06-30, got '%s'", keys[i],
				       *dst[i]);
	if (!m->next_review)
		return;
	long due = day_number(m->next_review), today = (long)(mk_wall_s() / 86400);
	if (due >= 0 && today > due)
		content_warn(c, at, "the medical content was due for review on %s: ask a clinician to "
			     "review it, then update reviewed_by, reviewed_on and next_review in manifest.lua",
			     m->next_review);
}

static int l_manifest(lua_State *L)
{
	static const char *const allowed[] = {
		"title", "version", "languages", "language_names", "start", "theme",
		"help_page", "attract_image", "reviewed_by", "reviewed_on", "next_review", NULL,
	};
	static const char *const themes[] = { "default", "high-contrast", NULL };
	cloc at;
	content *c = lapi_begin(L, "manifest", &at);
	content_model *m = &c->model;
	if (c->role != ROLE_MANIFEST || c->manifest_at.file) {
		content_report(c, at, c->role != ROLE_MANIFEST ? "manifest { ... } belongs in manifest.lua"
				: "manifest { ... } is given twice");
		return 0;
	}
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, at, "manifest needs a table: manifest { ... }");
		return 0;
	}
	lua_settop(L, 1);
	c->manifest_at = at;
	lapi_fields(L, c, 1, allowed, 0, 0, at, "manifest");
	languages(L, c, at);
	language_names(L, c, at);
	lapi_text_field(L, c, 1, "title", at, "manifest", &m->title, 1);
	if (lapi_rawfield(L, 1, "version") == LUA_TNIL)
		content_report(c, at, "manifest needs version = \"...\" (for example a date)");
	else
		lapi_take_string(L, c, at, "manifest version", &m->version);
	lua_pop(L, 1);
	id_field(L, c, "start", at, &m->start, 1);
	id_field(L, c, "help_page", at, &m->help_page, 0);
	m->theme = themes[lapi_choice_field(L, c, 1, "theme", at, "manifest", themes, 0)];
	lapi_rawfield(L, 1, "attract_image"); /* the attract screen's picture */
	lapi_take_image(L, c, at, "manifest attract_image", &c->model.attract_image);
	review(L, c, at);
	return 0;
}

/* ---- strings { en = { back = "Back", ... }, ar = { ... } } */

/* Pass 1: the union of keys over all languages, in the table at `keys`
 * (key -> index) and the arena array c->model.string_keys. */
static void string_keys(lua_State *L, content *c, cloc at, int keys)
{
	content_model *m = &c->model;
	int cap = 0;
	for (int i = 0; i < m->n_langs; i++) {
		int ty = lapi_rawfield(L, 1, m->langs[i]);
		if (ty == LUA_TNIL)
			content_report(c, at, "strings: missing the '%s' strings", m->langs[i]);
		else if (ty != LUA_TTABLE)
			content_report(c, at, "strings: '%s' must be a table like { back = \"...\" }",
					m->langs[i]);
		for (lua_pushnil(L); ty == LUA_TTABLE && lua_next(L, -2); lua_pop(L, 1)) {
			if (lua_type(L, -2) != LUA_TSTRING) {
				content_report(c, at, "strings for '%s': every entry needs a name, "
						"like back = \"...\"", m->langs[i]);
				continue;
			}
			lua_pushvalue(L, -2);
			if (lua_rawget(L, keys) != LUA_TNIL) {
				lua_pop(L, 1);
				continue;
			}
			lua_pop(L, 1);
			if (m->n_strings == cap) {
				cap = cap ? cap * 2 : 32;
				const char **v = lapi_need(L, c, content_arena_alloc(c, sizeof(*v) * (size_t)cap));
				if (m->n_strings)
					memcpy(v, m->string_keys, sizeof(*v) * (size_t)m->n_strings);
				m->string_keys = v;
			}
			size_t n;
			const char *k = lua_tolstring(L, -2, &n);
			m->string_keys[m->n_strings++] = lapi_need(L, c, content_arena_strdup(c, k, n));
			lua_pushvalue(L, -2);
			lua_pushinteger(L, m->n_strings);
			lua_rawset(L, keys);
		}
		lua_pop(L, 1);
	}
}

/* Pass 2: every key in every language. */
static void string_texts(lua_State *L, content *c, cloc at)
{
	content_model *m = &c->model;
	char desc[160];
	m->strings = lapi_need(L, c, content_arena_alloc(c, sizeof(content_text) * (size_t)(m->n_strings + 1)));
	for (int i = 0; i < m->n_langs; i++) {
		if (lapi_rawfield(L, 1, m->langs[i]) != LUA_TTABLE) {
			lua_pop(L, 1);
			continue;
		}
		for (int k = 0; k < m->n_strings; k++) {
			if (lapi_rawfield(L, -1, m->string_keys[k]) == LUA_TNIL) {
				content_report(c, at, "strings: missing '%s' text for '%s'",
						m->langs[i], m->string_keys[k]);
			} else {
				snprintf(desc, sizeof desc, "strings: the '%s' text of '%s'",
					 m->langs[i], m->string_keys[k]);
				lapi_take_string(L, c, at, desc, &m->strings[k].s[i]);
				if (!strcmp(m->langs[i], "fr"))
					content_check_french(c, at, desc, m->strings[k].s[i]);
			}
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	/* {clinic_phone} and the like, once every string is there to fall
	 * back on ("contact_ask"). */
	for (int i = 0; i < m->n_langs; i++)
		for (int k = 0; k < m->n_strings; k++)
			m->strings[k].s[i] = content_vars_apply(c, at, i, m->strings[k].s[i]);
}

static int l_strings(lua_State *L)
{
	cloc at;
	content *c = lapi_begin(L, "strings", &at);
	if (c->role != ROLE_STRINGS || c->strings_seen) {
		content_report(c, at, c->role != ROLE_STRINGS ? "strings { ... } belongs in strings.lua"
				: "strings { ... } is given twice");
		return 0;
	}
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, at, "strings needs a table: strings { en = { ... } }");
		return 0;
	}
	c->strings_seen = 1;
	lua_settop(L, 1);
	lapi_fields(L, c, 1, NULL, 1, 0, at, "strings");
	lua_newtable(L);
	string_keys(L, c, at, 2);
	string_texts(L, c, at);
	return 0;
}

/* ---- The kiosk table callbacks get. */

static content *in_callback(lua_State *L, const char *name)
{
	content *c = sandbox_content(L);
	if (!c->act)
		luaL_error(L, "kiosk.%s can only be used in on_tap or on_show", name);
	return c;
}

static int k_go(lua_State *L)
{
	content *c = in_callback(L, "go");
	const char *id = luaL_checkstring(L, 1);
	if (content_page_index(&c->model, id) < 0)
		return luaL_error(L, "kiosk.go: there is no page '%s'", id);
	snprintf(c->act->go, sizeof c->act->go, "%s", id);
	return 0;
}

static int k_lang(lua_State *L)
{
	content *c = in_callback(L, "lang");
	lua_pushstring(L, c->model.langs[c->call_lang]);
	return 1;
}

static int k_page(lua_State *L)
{
	content *c = in_callback(L, "page");
	if (c->call_page)
		lua_pushstring(L, c->call_page);
	else
		lua_pushnil(L);
	return 1;
}

void lapi_kiosk_push(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "go", k_go }, { "lang", k_lang }, { "page", k_page }, { NULL, NULL },
	};
	luaL_newlib(L, fns);
}

void lapi_manifest_open(lua_State *L)
{
	lua_pushcfunction(L, l_manifest);
	lua_setfield(L, -2, "manifest");
	lua_pushcfunction(L, l_strings);
	lua_setfield(L, -2, "strings");
}
