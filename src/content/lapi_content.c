/* SPDX-License-Identifier: MIT */
/*
 * lapi_content.c: the page and block constructors staff call —
 * page "id" { ... }, heading {}, paragraph {}, list {}, image {},
 * callout {}, button {}, columns {}, quiz {} — turning Lua tables straight
 * into content_block structs in the arena.
 *
 * Each block constructor returns a small userdata that points at its
 * block; page {} copies the blocks it is given into one array. The
 * constructors never raise for a mistake in content: they record a
 * problem with the line of the call and carry on, so one run of --check
 * lists every mistake. They only raise for memory, and then nothing is
 * lost, because everything they allocate is in the arena the content
 * owns. Tables are read with raw access only, so no content code runs
 * while C holds anything.
 */
#include "content_int.h"
#include "core.h"
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define BLOCK_MT "mk.block"

/* ---- Helpers shared with lapi_manifest.c. */

const char *lapi_typename(lua_State *L, int idx)
{
	switch (lua_type(L, idx)) {
	case LUA_TNIL: return "nothing";
	case LUA_TSTRING: return "text";
	case LUA_TNUMBER: return "a number";
	case LUA_TBOOLEAN: return "true or false";
	case LUA_TTABLE: return "a table";
	case LUA_TFUNCTION: return "a function";
	default:
		if (luaL_testudata(L, idx, BLOCK_MT))
			return "a block";
		if (luaL_testudata(L, idx, "mk.unknown"))
			return "an undefined name";
		return luaL_typename(L, idx);
	}
}

content *lapi_begin(lua_State *L, const char *name, cloc *at)
{
	content *c = sandbox_content(L);
	if (c->phase != PHASE_LOADING)
		luaL_error(L, "'%s' can only be used while content loads, not in a callback", name);
	*at = sandbox_where(L, c, 1);
	return c;
}

void *lapi_need(lua_State *L, content *c, void *p)
{
	if (!p) {
		c->blown |= BLOWN_MEM;
		sandbox_check(L, c);
	}
	return p;
}

/* Pushes t[name] without metamethods: no content code runs from C here. */
int lapi_rawfield(lua_State *L, int t, const char *name)
{
	t = lua_absindex(L, t);
	lua_pushstring(L, name);
	return lua_rawget(L, t);
}

static int in_list(const char *const *list, const char *k)
{
	for (int i = 0; list && list[i]; i++)
		if (strcmp(list[i], k) == 0)
			return 1;
	return 0;
}

void lapi_fields(lua_State *L, content *c, int idx, const char *const *allowed,
		 int langs_ok, int array_ok, cloc at, const char *what)
{
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		int kt = lua_type(L, -2);
		const char *k = kt == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		if (k && (in_list(allowed, k) ||
			  (langs_ok && (c->model.n_langs == 0 ||
					content_lang_index(&c->model, k) >= 0))))
			;
		else if (k && langs_ok && (!allowed || strlen(k) == 2)) /* "de": a language */
			content_report(c, at, "text in language '%s' in %s, but the manifest "
				       "does not list that language", k, what);
		else if (k && langs_ok)
			content_report(c, at, "unknown field or undeclared language '%s' in %s",
				       k, what);
		else if (k)
			content_report(c, at, "unknown field '%s' in %s", k, what);
		else if (!array_ok || !lua_isinteger(L, -2))
			content_report(c, at, "%s has a value without a name (%s): write name = value",
					what, lapi_typename(L, -1));
		lua_pop(L, 1);
	}
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

/* Unicode combining marks (accents, Arabic vowel signs ...), the ones
 * content could stack on one letter. */
static int combining(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
	       (cp >= 0x0591 && cp <= 0x05BD) || (cp >= 0x0610 && cp <= 0x061A) ||
	       (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* Text is laid out by the kiosk's own code, which wraps at spaces: a word
 * longer than a line is measured again and again (quadratic in its
 * length), and a letter under a thousand accents is drawn as a column
 * taller than the screen. Every text that reaches layout is bounded here,
 * whatever page or screen shows it; NULL when it is fine. */
static const char *text_shape(const char *s, size_t n, char *why, size_t wn)
{
	size_t word = 0, marks = 0, k;
	uint32_t cp;
	if (n > CONTENT_TEXT_MAX)
		return snprintf(why, wn, "is %zu bytes long; at most %d: split it into shorter "
				"paragraphs", n, CONTENT_TEXT_MAX), why;
	for (; n && (k = mk_utf8_next(s, n, &cp)); s += k, n -= k) {
		if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x200B) {
			word = marks = 0;
			continue;
		}
		if (combining(cp)) {
			if (++marks > CONTENT_MARKS_MAX)
				return snprintf(why, wn, "has more than %d accents or vowel signs on one "
						"letter", CONTENT_MARKS_MAX), why;
			continue;
		}
		marks = 0;
		if (++word > CONTENT_WORD_MAX)
			return snprintf(why, wn, "has a word of more than %d letters: no screen line "
					"can hold it; add spaces", CONTENT_WORD_MAX), why;
	}
	return NULL;
}

void lapi_take_string(lua_State *L, content *c, cloc at, const char *desc,
		      const char **out)
{
	size_t n;
	const char *s;
	if (lua_type(L, -1) != LUA_TSTRING) {
		content_report(c, at, "%s must be text in quotes, not %s", desc,
				lapi_typename(L, -1));
		return;
	}
	s = lua_tolstring(L, -1, &n);
	size_t bad = 0;
	while (bad < n && ((unsigned char)s[bad] >= 0x20 || s[bad] == '\n' || s[bad] == '\t') &&
	       s[bad] != 0x7f)
		bad++;
	char why[160];
	if (bad < n)
		content_report(c, at, "%s holds a control character (code %d, at byte %zu): only "
			       "printable text, line breaks and tabs", desc, (unsigned char)s[bad], bad + 1);
	else if (mk_utf8_valid(s, n) && text_shape(s, n, why, sizeof why))
		content_report(c, at, "%s %s", desc, why);
	else if (!mk_utf8_valid(s, n))
		content_report(c, at, "%s is not valid UTF-8 (save the file as UTF-8)", desc);
	else if (blank(s, n))
		content_report(c, at, "%s is empty", desc);
	else
		*out = lapi_need(L, c, content_arena_strdup(c, s, n));
}

/* A text is a table keyed by language; every manifest language must be
 * there. Other keys are the caller's business (lapi_fields). */
void lapi_text(lua_State *L, content *c, int idx, cloc at, const char *what,
	       content_text *out)
{
	char desc[160];
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE) {
		content_report(c, at, "%s must be a table of texts by language, like "
				"{ en = \"...\" }, not %s", what, lapi_typename(L, idx));
		return;
	}
	for (int i = 0; i < c->model.n_langs; i++) {
		const char *code = c->model.langs[i];
		lua_pushstring(L, code);
		if (lua_rawget(L, idx) == LUA_TNIL) {
			content_report(c, at, "missing '%s' text in %s", code, what);
		} else {
			snprintf(desc, sizeof desc, "the '%s' text in %s", code, what);
			lapi_take_string(L, c, at, desc, &out->s[i]);
			if (!strcmp(code, "fr"))
				content_check_french(c, at, what, out->s[i]);
			out->s[i] = content_vars_apply(c, at, i, out->s[i]);
		}
		lua_pop(L, 1);
	}
}

/* A text given as its own table (title = {...}): only languages inside. */
void lapi_text_field(lua_State *L, content *c, int t, const char *field, cloc at,
		       const char *what, content_text *out, int required)
{
	if (lapi_rawfield(L, t, field) == LUA_TNIL) {
		if (required)
			content_report(c, at, "%s needs %s = { en = \"...\" }", what, field);
	} else {
		char desc[160];
		snprintf(desc, sizeof desc, "%s of %s", field, what);
		lapi_text(L, c, -1, at, desc, out);
		if (lua_type(L, -1) == LUA_TTABLE)
			lapi_fields(L, c, -1, NULL, 1, 0, at, desc);
	}
	lua_pop(L, 1);
}

/* Index of the string field among names, default when absent, -1 (with a
 * problem) when it is something else. */
int lapi_choice_field(lua_State *L, content *c, int t, const char *field, cloc at,
			const char *what, const char *const *names, int dflt)
{
	int r = dflt;
	if (lapi_rawfield(L, t, field) != LUA_TNIL) {
		const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
		for (r = 0; names[r] && strcmp(names[r], s) != 0; r++)
			;
		if (!names[r]) {
			char all[120] = "";
			for (int i = 0; names[i]; i++)
				snprintf(all + strlen(all), sizeof all - strlen(all), "%s\"%s\"",
					 i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
			content_report(c, at, "%s %s must be %s", what, field, all);
			r = -1;
		}
	}
	lua_pop(L, 1);
	return r < 0 ? dflt : r;
}

static int add_callback(lua_State *L, content *c, int idx)
{
	idx = lua_absindex(L, idx);
	lua_getfield(L, LUA_REGISTRYINDEX, "mk.callbacks");
	lua_pushvalue(L, idx);
	lua_rawseti(L, -2, ++c->n_callbacks);
	lua_pop(L, 1);
	return c->n_callbacks;
}

/* A callback field: 0 when absent, a handle for a function. */
static int func_field(lua_State *L, content *c, int t, const char *field, cloc at,
		      const char *what)
{
	int h = 0;
	int ty = lapi_rawfield(L, t, field);
	if (ty == LUA_TFUNCTION)
		h = add_callback(L, c, -1);
	else if (ty != LUA_TNIL)
		content_report(c, at, "%s %s must be a function, not %s", what, field,
				lapi_typename(L, -1));
	lua_pop(L, 1);
	return h;
}

/* ---- Blocks. */

static content_block *new_block(lua_State *L, content *c, content_kind kind, cloc at)
{
	content_block **ud = lua_newuserdatauv(L, sizeof(*ud), 0);
	*ud = NULL;
	luaL_setmetatable(L, BLOCK_MT);
	content_block *b = lapi_need(L, c, content_arena_alloc(c, sizeof(*b)));
	b->kind = kind;
	b->file = at.file;
	b->line = at.line;
	*ud = b;
	return b;
}

/* Common start: the argument must be a table. Leaves the table at 1 and
 * the new block at 2; returns NULL (with a problem) if no table came. */
static content_block *block_begin(lua_State *L, const char *name, content_kind kind,
				  content **cp, cloc *at)
{
	content *c = lapi_begin(L, name, at);
	int ok = lua_type(L, 1) == LUA_TTABLE;
	*cp = c;
	if (!ok)
		content_report(c, *at, "%s needs a table, like %s { ... }, not %s",
				name, name, lapi_typename(L, 1));
	lua_settop(L, 1);
	content_block *b = new_block(L, c, kind, *at);
	return ok ? b : NULL;
}

static int l_heading(lua_State *L)
{
	static const char *const allowed[] = { "level", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "heading", CONTENT_HEADING, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 1, 0, at, "heading");
	lapi_text(L, c, 1, at, "heading", &b->text);
	b->level = 1;
	if (lapi_rawfield(L, 1, "level") != LUA_TNIL) {
		lua_Integer lv = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
		if (lv != 1 && lv != 2)
			content_report(c, at, "heading level must be 1 or 2");
		else
			b->level = (int)lv;
	}
	lua_pop(L, 1);
	return 1;
}

static int l_paragraph(lua_State *L)
{
	static const char *const allowed[] = { "audio", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "paragraph", CONTENT_PARAGRAPH, &c, &at);
	if (b) {
		lapi_fields(L, c, 1, allowed, 1, 0, at, "paragraph");
		lapi_text(L, c, 1, at, "paragraph", &b->text);
		lapi_audio_field(L, c, 1, at, "paragraph", &b->audio);
	}
	return 1;
}

static int l_list(lua_State *L)
{
	content *c;
	cloc at;
	char what[40];
	content_block *b = block_begin(L, "list", CONTENT_LIST, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, NULL, 0, 1, at, "list");
	int n = (int)lua_rawlen(L, 1);
	if (n == 0)
		content_report(c, at, "list needs at least one item: list { { en = \"...\" } }");
	b->items = lapi_need(L, c, content_arena_alloc(c, sizeof(content_text) * (size_t)(n + 1)));
	for (int i = 1; i <= n; i++) {
		snprintf(what, sizeof what, "list item %d", i);
		lua_rawgeti(L, 1, i);
		lapi_text(L, c, -1, at, what, &b->items[i - 1]);
		if (lua_type(L, -1) == LUA_TTABLE)
			lapi_fields(L, c, -1, NULL, 1, 0, at, what);
		lua_pop(L, 1);
	}
	b->n_items = n;
	return 1;
}

/* signs { level = "emergency", title = {...}, { sign = "breathing-now", en = "..." }, ... }:
 * a list whose every item is the sign of a red flag in questionnaire.lua,
 * at the level of the box it is in (validate.c compares them), so the page
 * that tells patients when to call and the questionnaire that raises the
 * alarm cannot drift apart. Drawn as a red (emergency) or amber (call)
 * box with its title. */
static int l_signs(lua_State *L)
{
	static const char *const allowed[] = { "level", "title", NULL };
	static const char *const levels[] = { "call", "emergency", NULL };
	static const char *const item_allowed[] = { "sign", NULL };
	content *c;
	cloc at;
	char what[40];
	content_block *b = block_begin(L, "signs", CONTENT_LIST, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 0, 1, at, "signs");
	if (lapi_rawfield(L, 1, "level") == LUA_TNIL)
		content_report(c, at, "signs needs level = \"emergency\" or \"call\" (the box they are in)");
	lua_pop(L, 1);
	b->sign_level = CONTENT_FLAG_CALL + lapi_choice_field(L, c, 1, "level", at, "signs", levels, 0);
	lapi_text_field(L, c, 1, "title", at, "signs", &b->title, 0);
	int n = (int)lua_rawlen(L, 1);
	if (n == 0)
		content_report(c, at, "signs needs at least one: signs { level = \"call\", "
			       "{ sign = \"fever\", en = \"...\" } }");
	b->items = lapi_need(L, c, content_arena_alloc(c, sizeof(content_text) * (size_t)(n + 1)));
	b->signs = lapi_need(L, c, content_arena_alloc(c, sizeof(char *) * (size_t)(n + 1)));
	for (int i = 1; i <= n; i++) {
		snprintf(what, sizeof what, "sign %d", i);
		lua_rawgeti(L, 1, i);
		lapi_text(L, c, -1, at, what, &b->items[i - 1]);
		if (lua_type(L, -1) == LUA_TTABLE) {
			lapi_fields(L, c, -1, item_allowed, 1, 0, at, what);
			if (lapi_rawfield(L, -1, "sign") == LUA_TNIL)
				content_report(c, at, "%s needs sign = \"red flag id\", the red_flag in "
					       "questionnaire.lua it is the sign of", what);
			else
				lapi_take_string(L, c, at, what, &b->signs[i - 1]);
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	b->n_items = n;
	return 1;
}

static int l_image(lua_State *L)
{
	static const char *const allowed[] = { "alt", "caption", "mirror", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "image", CONTENT_IMAGE, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 0, 1, at, "image");
	if (lua_rawlen(L, 1) != 1)
		content_report(c, at, "image takes one file name, like image { \"images/x.png\", alt = {...} }");
	if (lua_rawgeti(L, 1, 1) != LUA_TSTRING) {
		content_report(c, at, "image needs a file name in quotes first, like "
				"image { \"images/x.png\", alt = {...} }");
		lua_pop(L, 1);
	} else {
		lapi_take_image(L, c, at, "image", &b->image);
	}
	lapi_text_field(L, c, 1, "alt", at, "image", &b->alt, 1);
	lapi_text_field(L, c, 1, "caption", at, "image", &b->caption, 0);
	int t = lapi_rawfield(L, 1, "mirror");
	if (t == LUA_TBOOLEAN)
		b->mirror = lua_toboolean(L, -1);
	else if (t != LUA_TNIL)
		content_report(c, at, "image mirror must be true or false");
	lua_pop(L, 1);
	return 1;
}

static int l_callout(lua_State *L)
{
	static const char *const allowed[] = { "style", "title", "text", NULL };
	static const char *const styles[] = { "info", "warning", "danger", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "callout", CONTENT_CALLOUT, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 0, 0, at, "callout");
	b->style = lapi_choice_field(L, c, 1, "style", at, "callout", styles, CONTENT_CALLOUT_INFO);
	lapi_text_field(L, c, 1, "title", at, "callout", &b->title, 0);
	lapi_text_field(L, c, 1, "text", at, "callout", &b->text, 1);
	return 1;
}

/* The image file name on top of the stack (nil: none) into *out as an
 * absolute path inside the content folder; pops it. */
void lapi_take_image(lua_State *L, content *c, cloc at, const char *what, const char **out)
{
	char path[PATH_MAX];
	const char *why;
	int t = lua_type(L, -1);
	if (t == LUA_TSTRING) {
		if (validate_image_path(c, lua_tostring(L, -1), path, sizeof path, &why))
			content_report(c, at, "%s '%s' %s", what, lua_tostring(L, -1), why);
		else
			*out = lapi_need(L, c, content_arena_strdup(c, path, strlen(path)));
	} else if (t != LUA_TNIL) {
		content_report(c, at, "%s must be a file name in quotes, like \"images/x.svg\"", what);
	}
	lua_pop(L, 1);
}

static int l_button(lua_State *L)
{
	static const char *const allowed[] = { "to", "on_tap", "label", "style", "image", NULL };
	static const char *const styles[] = { "primary", "secondary", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "button", CONTENT_BUTTON, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 0, 0, at, "button");
	b->style = lapi_choice_field(L, c, 1, "style", at, "button", styles, 0);
	lapi_text_field(L, c, 1, "label", at, "button", &b->text, 1);
	b->on_tap = func_field(L, c, 1, "on_tap", at, "button");
	if (lapi_rawfield(L, 1, "to") != LUA_TNIL)
		lapi_take_string(L, c, at, "button to", &b->target);
	lua_pop(L, 1);
	if (!b->target && !b->on_tap)
		content_report(c, at, "button needs to = \"page-id\" or on_tap = function(kiosk) ... end");
	lapi_rawfield(L, 1, "image"); /* an optional picture makes the button a tile */
	lapi_take_image(L, c, at, "button image", &b->image);
	return 1;
}

/* Reads the blocks in the array part of table idx into an arena array. */
static int read_blocks(lua_State *L, content *c, int idx, cloc at, const char *what,
		       int columns_ok, content_block **out)
{
	int n = (int)lua_rawlen(L, idx), k = 0;
	content_block *v = lapi_need(L, c, content_arena_alloc(c, sizeof(*v) * (size_t)(n + 1)));
	for (int i = 1; i <= n; i++) {
		content_block **ud;
		lua_rawgeti(L, idx, i);
		if ((ud = luaL_testudata(L, -1, BLOCK_MT)) && *ud) {
			if ((*ud)->kind == CONTENT_COLUMNS && !columns_ok)
				content_report(c, (cloc){ (*ud)->file, (*ud)->line },
						"columns cannot be inside columns");
			else
				v[k++] = **ud;
		} else if (!luaL_testudata(L, -1, "mk.unknown") && !ud) {
			content_report(c, at, "item %d of %s is %s, not a block like paragraph { ... }",
					i, what, lapi_typename(L, -1));
		}
		lua_pop(L, 1);
	}
	*out = v;
	return k;
}

static int l_columns(lua_State *L)
{
	content *c;
	cloc at;
	content_block *b = block_begin(L, "columns", CONTENT_COLUMNS, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, NULL, 0, 1, at, "columns");
	if (lua_rawlen(L, 1) != 2)
		content_report(c, at, "columns needs exactly two columns: columns { { ... }, { ... } }");
	for (int i = 0; i < 2; i++) {
		if (lua_rawgeti(L, 1, i + 1) == LUA_TTABLE) {
			lapi_fields(L, c, -1, NULL, 0, 1, at, "a column");
			b->n_col[i] = read_blocks(L, c, lua_gettop(L), at, "a column", 0, &b->col[i]);
		} else if (lua_rawlen(L, 1) == 2) {
			content_report(c, at, "each column must be a table of blocks, not %s",
					lapi_typename(L, -1));
		}
		lua_pop(L, 1);
	}
	return 1;
}

static void quiz_choice(lua_State *L, content *c, cloc at, int i, content_choice *ch)
{
	static const char *const allowed[] = { "text", "feedback", "correct", NULL };
	char what[40];
	int t = lua_gettop(L);
	snprintf(what, sizeof what, "quiz choice %d", i);
	if (lua_type(L, t) != LUA_TTABLE) {
		content_report(c, at, "%s must be a table { text = ..., feedback = ... }", what);
		return;
	}
	lapi_fields(L, c, t, allowed, 0, 0, at, what);
	lapi_text_field(L, c, t, "text", at, what, &ch->text, 1);
	lapi_text_field(L, c, t, "feedback", at, what, &ch->feedback, 1);
	int ty = lapi_rawfield(L, t, "correct");
	if (ty != LUA_TNIL && ty != LUA_TBOOLEAN)
		content_report(c, at, "%s correct must be true or false", what);
	ch->correct = lua_toboolean(L, -1);
	lua_pop(L, 1);
}

static int l_quiz(lua_State *L)
{
	static const char *const allowed[] = { "question", "choices", NULL };
	content *c;
	cloc at;
	content_block *b = block_begin(L, "quiz", CONTENT_QUIZ, &c, &at);
	if (!b)
		return 1;
	lapi_fields(L, c, 1, allowed, 0, 0, at, "quiz");
	lapi_text_field(L, c, 1, "question", at, "quiz", &b->text, 1);
	if (lapi_rawfield(L, 1, "choices") != LUA_TTABLE) {
		content_report(c, at, "quiz needs choices = { { text = ..., feedback = ... }, ... }");
		lua_pop(L, 1);
		return 1;
	}
	int n = (int)lua_rawlen(L, -1), correct = 0;
	if (n < 2 || n > 6)
		content_report(c, at, "quiz needs 2 to 6 choices, not %d", n);
	lapi_fields(L, c, -1, NULL, 0, 1, at, "quiz choices");
	b->choices = lapi_need(L, c, content_arena_alloc(c, sizeof(content_choice) * (size_t)(n + 1)));
	for (int i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		quiz_choice(L, c, at, i, &b->choices[i - 1]);
		correct += b->choices[i - 1].correct;
		lua_pop(L, 1);
	}
	b->n_choices = n;
	if (n > 0 && correct != 1)
		content_report(c, at, "quiz needs exactly one choice with correct = true (found %d)",
				correct);
	lua_pop(L, 1);
	return 1;
}

/* ---- Pages. */

int lapi_valid_id(const char *s, size_t n)
{
	if (n == 0 || n > CONTENT_ID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

static content_page *page_slot(lua_State *L, content *c)
{
	content_model *m = &c->model;
	if (m->n_pages == c->pages_cap) {
		int cap = c->pages_cap ? c->pages_cap * 2 : 16;
		content_page *v = lapi_need(L, c, content_arena_alloc(c, sizeof(*v) * (size_t)cap));
		if (m->n_pages)
			memcpy(v, m->pages, sizeof(*v) * (size_t)m->n_pages);
		m->pages = v;
		c->pages_cap = cap;
	}
	return &m->pages[m->n_pages];
}

/* page "id" returns this, which takes the body table. */
static int l_page_body(lua_State *L)
{
	static const char *const allowed[] = { "title", "on_show", "audio", NULL };
	cloc at0, at;
	content *c = lapi_begin(L, "page", &at0);
	char what[CONTENT_ID_MAX + 16];
	const char *id = lua_tostring(L, lua_upvalueindex(1));
	at = (cloc){ c->files[lua_tointeger(L, lua_upvalueindex(2))],
		     (int)lua_tointeger(L, lua_upvalueindex(3)) };
	snprintf(what, sizeof what, "page '%s'", id ? id : "?");
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, at, "%s needs a table: page \"%s\" { ... }", what, id ? id : "id");
		return 0;
	}
	lua_settop(L, 1);
	lapi_fields(L, c, 1, allowed, 0, 1, at, what);
	content_page p = { .file = at.file, .line = at.line };
	lapi_text_field(L, c, 1, "title", at, what, &p.title, 1);
	p.on_show = func_field(L, c, 1, "on_show", at, what);
	lapi_audio_field(L, c, 1, at, what, &p.audio);
	p.n_blocks = read_blocks(L, c, 1, at, what, 1, &p.blocks);
	if (!id)
		return 0;
	p.id = lapi_need(L, c, content_arena_strdup(c, id, strlen(id)));
	*page_slot(L, c) = p;
	c->model.n_pages++;
	return 0;
}

/* `NAME "id" { ... }` for pages and course plans: checks the id and the
 * file it is written in, then returns the closure that takes the table,
 * carrying the id (nil when bad), the file and the line. */
int lapi_named(lua_State *L, const char *name, const char *label, int role, const char *what,
	       const char *where, const char *example, lua_CFunction body)
{
	cloc at;
	content *c = lapi_begin(L, name, &at);
	size_t n = 0;
	const char *id = lua_type(L, 1) == LUA_TSTRING ? lua_tolstring(L, 1, &n) : NULL;
	if (c->role != role)
		content_report(c, at, "%s belong in %s", what, where);
	if (!id)
		content_report(c, at, "a %s needs an id in quotes: %s", label, example);
	else if (!lapi_valid_id(id, n))
		content_report(c, at, "%s id '%s' may only use letters, digits, '-' and '_' "
				"(at most %d)", label, id, CONTENT_ID_MAX);
	lua_settop(L, 1);
	if (!id || !lapi_valid_id(id, n) || c->role != role) {
		lua_pop(L, 1);
		lua_pushnil(L);
	}
	int f = 0;
	while (f < c->n_files && c->files[f] != at.file)
		f++;
	lua_pushinteger(L, f < c->n_files ? f : c->cur_file);
	lua_pushinteger(L, at.line);
	lua_pushcclosure(L, body, 3);
	return 1;
}

static int l_page(lua_State *L)
{
	return lapi_named(L, "page", "page", ROLE_PAGE, "pages", "files under pages/",
			  "page \"home\" { ... }", l_page_body);
}

void lapi_content_open(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "page", l_page }, { "heading", l_heading }, { "paragraph", l_paragraph },
		{ "list", l_list }, { "signs", l_signs }, { "image", l_image }, { "callout", l_callout },
		{ "button", l_button }, { "columns", l_columns }, { "quiz", l_quiz },
		{ NULL, NULL },
	};
	luaL_setfuncs(L, fns, 0);
	lapi_manifest_open(L);
	lapi_courses_open(L);
	lapi_questionnaire_open(L);
	luaL_newmetatable(L, BLOCK_MT);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "mk.callbacks");
}
