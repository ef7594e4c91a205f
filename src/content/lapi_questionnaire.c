/* SPDX-License-Identifier: MIT */
/*
 * lapi_questionnaire.c: questionnaire.lua — the symptom questionnaire a
 * patient fills in after a session, modelled on PRO-CTCAE:
 *
 *   questionnaire { title = {...}, recall = {...},
 *                   body_image = "images/body-outline.svg",   -- optional
 *                   areas = { thighs = {...}, buttocks = {...}, abdomen = {...},
 *                             arms = {...}, other = {...} } }
 *   scale "severity" { { en = "None" }, { en = "Mild" }, ... }  -- 2 to 5
 *   item "pain" { scale = "severity", text = {...}, short = {...},
 *                 areas = "all", custom = false, show_if = { swelling = 1 } }
 *   red_flag "fever" { level = "call", title = {...}, message = {...},
 *                      when = { fever = 4 } }      -- all of these
 *   red_flag "lumps" { ..., any = { lumps = 4, lumps_leak = 4 } }  -- one of these
 *   (a rule may give both: every `when`, and one of `any`)
 *
 * Names are resolved while the file runs: a scale is written above the
 * items that use it, an item above the show_if and red flags that name
 * it. A typo is then reported at the line that uses it, and a file that
 * stops half-way gives no false "unknown item" for the part that never
 * ran. An option scores by its position (0, 1, 2 ...), except that the
 * two options of a yes/no scale score 0 and 4, so "yes" weighs like the
 * top of any five-point scale in a red flag. The standard PRO-CTCAE
 * scales must keep their validated English wording: a scale called
 * "severity" with "Medium" in it is a mistake, not a choice.
 *
 * Like course_plan, every mistake is recorded (never raised) at the line
 * of the constructor, so one --check lists them all.
 */
#include "content_int.h"
#include "core.h"
#include <string.h>

#define SCORE_MAX 4

static const char *const area_keys[] = {
	"thighs", "buttocks", "abdomen", "arms", "other", NULL,
};

static const struct {
	const char *id;
	int n;
	const char *en[CONTENT_SCALE_MAX_OPTIONS];
} standard[] = {
	{ "severity", 5, { "None", "Mild", "Moderate", "Severe", "Very severe" } },
	{ "frequency", 5, { "Never", "Rarely", "Occasionally", "Frequently", "Almost constantly" } },
	{ "interference", 5, { "Not at all", "A little bit", "Somewhat", "Quite a bit", "Very much" } },
	{ "yesno", 2, { "No", "Yes" } },
};

/* ---- Arrays in the arena. */

/* v (n used, *cap allocated) with room for one more. */
static void *grow(lua_State *L, content *c, void *v, int n, int *cap, size_t size)
{
	if (n < *cap)
		return v;
	int ncap = *cap ? *cap * 2 : 16;
	void *nv = lapi_need(L, c, content_arena_alloc(c, size * (size_t)ncap));
	if (n)
		memcpy(nv, v, size * (size_t)n);
	*cap = ncap;
	return nv;
}

static int scale_index(const content_questionnaire *q, const char *id)
{
	for (int i = 0; id && i < q->n_scales; i++)
		if (strcmp(q->scales[i].id, id) == 0)
			return i;
	return -1;
}

/* The highest score item i can get (SCORE_MAX when its scale is unknown,
 * so a mistake there does not add a second one here). */
static int item_max(const content_questionnaire *q, int i)
{
	int s = q->items[i].scale;
	if (s < 0 || q->scales[s].n_options < 1)
		return SCORE_MAX;
	return q->scales[s].scores[q->scales[s].n_options - 1];
}

/* Start of a `NAME "id" { ... }` body (see lapi_named): the content, the
 * line of the NAME call, and a label like "item 'pain'". NULL when no
 * table came (a problem) or in the wrong file (already reported). *id is
 * NULL when lapi_named refused it. */
static content *body_begin(lua_State *L, const char *name, const char *label, cloc *at,
			   char *what, size_t n, const char **id)
{
	cloc at0;
	content *c = lapi_begin(L, name, &at0);
	*id = lua_tostring(L, lua_upvalueindex(1));
	*at = (cloc){ c->files[lua_tointeger(L, lua_upvalueindex(2))],
		      (int)lua_tointeger(L, lua_upvalueindex(3)) };
	snprintf(what, n, "%s '%s'", label, *id ? *id : "?");
	if (c->role != ROLE_QUESTIONNAIRE) /* reported by lapi_named; the rest would cascade */
		return NULL;
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, *at, "%s needs a table: %s \"%s\" { ... }", what, name,
			       *id ? *id : "id");
		return NULL;
	}
	lua_settop(L, 1);
	return c;
}

static void already(content *c, cloc at, const char *what, cloc first)
{
	content_report(c, at, "%s is already defined at %s:%d", what, first.file, first.line);
}

/* ---- Scores and conditions. */

/* The value on top as a score item i can reach; -1 (with a problem) if not. */
static int score_value(lua_State *L, content *c, cloc at, const char *desc, int i)
{
	const content_questionnaire *q = &c->model.q;
	lua_Number v = lua_tonumber(L, -1);
	int max = item_max(q, i);
	if (lua_type(L, -1) != LUA_TNUMBER)
		content_report(c, at, "%s must be a score from 0 to %d, not %s", desc, SCORE_MAX,
			       lapi_typename(L, -1));
	else if (!(v >= 0 && v <= SCORE_MAX))
		content_report(c, at, "%s must be a score from 0 to %d, not %g", desc, SCORE_MAX,
			       (double)v);
	else if (v != (lua_Number)(int)v)
		content_report(c, at, "%s must be a whole number, not %g", desc, (double)v);
	else if ((int)v > max)
		content_report(c, at, "%s can never be met: item '%s' scores at most %d",
			       desc, q->items[i].id, max);
	else
		return (int)v;
	return -1;
}

/* One `item = score` pair (key at -2, value at -1) of show_if or when;
 * 0 when sound. The stack is left as it was. */
static int read_condition(lua_State *L, content *c, cloc at, const char *what,
			  const char *field, content_condition *out)
{
	char desc[CONTENT_ID_MAX * 2 + 64];
	const char *id = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
	int i = content_item_index(&c->model.q, id);
	if (!id) {
		content_report(c, at, "%s %s must name items with their lowest score, like "
			       "%s = { fever = 4 }", what, field, field);
		return -1;
	}
	if (i < 0) {
		content_report(c, at, "%s %s names unknown item '%s' (write item \"%s\" { ... } "
			       "above it)", what, field, id, id);
		return -1;
	}
	snprintf(desc, sizeof desc, "%s %s score for '%s'", what, field, id);
	int min = score_value(L, c, at, desc, i);
	if (min < 0)
		return -1;
	*out = (content_condition){ i, min };
	return 0;
}

/* ---- questionnaire { ... } */

static void area_names(lua_State *L, content *c, cloc at)
{
	content_questionnaire *q = &c->model.q;
	if (lapi_rawfield(L, 1, "areas") != LUA_TTABLE) {
		content_report(c, at, "questionnaire needs areas = { thighs = {...}, buttocks = {...}, "
			       "abdomen = {...}, arms = {...}, other = {...} }: what patients read "
			       "for each area");
	} else {
		lapi_fields(L, c, -1, area_keys, 0, 0, at, "questionnaire areas");
		for (int a = 0; a < CONTENT_AREA_COUNT; a++)
			lapi_text_field(L, c, -1, area_keys[a], at, "questionnaire areas",
					&q->area_names[a], 1);
	}
	lua_pop(L, 1);
}

static int l_questionnaire(lua_State *L)
{
	static const char *const allowed[] = { "title", "recall", "body_image", "areas", NULL };
	cloc at;
	content *c = lapi_begin(L, "questionnaire", &at);
	content_questionnaire *q = &c->model.q;
	if (c->role != ROLE_QUESTIONNAIRE || c->q_at.file) {
		content_report(c, at, c->role != ROLE_QUESTIONNAIRE
			       ? "questionnaire { ... } belongs in questionnaire.lua"
			       : "questionnaire { ... } is given twice");
		return 0;
	}
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, at, "questionnaire needs a table: questionnaire { ... }");
		return 0;
	}
	lua_settop(L, 1);
	c->q_at = at;
	lapi_fields(L, c, 1, allowed, 0, 0, at, "questionnaire");
	lapi_text_field(L, c, 1, "title", at, "questionnaire", &q->title, 1);
	lapi_text_field(L, c, 1, "recall", at, "questionnaire", &q->recall, 1);
	lapi_rawfield(L, 1, "body_image");
	lapi_take_image(L, c, at, "questionnaire body_image", &q->body_image);
	area_names(L, c, at);
	return 0;
}

/* ---- scale "id" { option, option, ... } */

static void check_standard(content *c, cloc at, const char *what, const char *id,
			   const content_scale *s)
{
	int en = content_lang_index(&c->model, "en");
	for (size_t k = 0; id && k < sizeof standard / sizeof standard[0]; k++) {
		if (strcmp(id, standard[k].id) != 0)
			continue;
		if (s->n_options != standard[k].n) {
			content_report(c, at, "%s is a standard PRO-CTCAE scale: it needs %d options, "
				       "not %d", what, standard[k].n, s->n_options);
			return;
		}
		for (int i = 0; en >= 0 && i < s->n_options; i++)
			if (s->options[i].s[en] && strcmp(s->options[i].s[en], standard[k].en[i]) != 0)
				content_report(c, at, "%s keeps the PRO-CTCAE wording: option %d in "
					       "English must be \"%s\", not \"%s\"", what, i + 1,
					       standard[k].en[i], s->options[i].s[en]);
	}
}

static void scale_options(lua_State *L, content *c, cloc at, const char *what, content_scale *s)
{
	char desc[CONTENT_ID_MAX + 40];
	for (int i = 0; i < s->n_options; i++) {
		snprintf(desc, sizeof desc, "option %d of %s", i + 1, what);
		lua_rawgeti(L, 1, i + 1);
		lapi_text(L, c, -1, at, desc, &s->options[i]);
		if (lua_type(L, -1) == LUA_TTABLE)
			lapi_fields(L, c, -1, NULL, 1, 0, at, desc);
		lua_pop(L, 1);
		s->scores[i] = s->n_options == 2 ? i * SCORE_MAX : i;
	}
}

static int l_scale_body(lua_State *L)
{
	char what[CONTENT_ID_MAX + 16];
	const char *id;
	cloc at;
	content *c = body_begin(L, "scale", "scale", &at, what, sizeof what, &id);
	if (!c)
		return 0;
	content_questionnaire *q = &c->model.q;
	lapi_fields(L, c, 1, NULL, 0, 1, at, what);
	int n = (int)lua_rawlen(L, 1), k;
	content_scale s = { .n_options = n < CONTENT_SCALE_MAX_OPTIONS ? n : CONTENT_SCALE_MAX_OPTIONS };
	scale_options(L, c, at, what, &s);
	if (n < 2 || n > CONTENT_SCALE_MAX_OPTIONS)
		content_report(c, at, "%s needs 2 to %d options, not %d, like scale \"%s\" "
			       "{ { en = \"No\" }, { en = \"Yes\" } }", what,
			       CONTENT_SCALE_MAX_OPTIONS, n, id ? id : "id");
	else
		check_standard(c, at, what, id, &s);
	if (!id)
		return 0;
	if ((k = scale_index(q, id)) >= 0) {
		already(c, at, what, c->q_scale_at[k]);
		return 0;
	}
	s.id = lapi_need(L, c, content_arena_strdup(c, id, strlen(id)));
	int cap = c->q_scales_cap; /* both arrays grow together */
	q->scales = grow(L, c, q->scales, q->n_scales, &cap, sizeof(*q->scales));
	c->q_scale_at = grow(L, c, c->q_scale_at, q->n_scales, &c->q_scales_cap, sizeof(cloc));
	c->q_scale_at[q->n_scales] = at;
	q->scales[q->n_scales++] = s;
	return 0;
}

/* ---- item "id" { ... } */

static int item_scale(lua_State *L, content *c, cloc at, const char *what)
{
	int s = -1, ty = lapi_rawfield(L, 1, "scale");
	const char *name = ty == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
	if (ty == LUA_TNIL)
		content_report(c, at, "%s needs scale = \"severity\" (a scale written above it)", what);
	else if (!name)
		content_report(c, at, "%s scale must be a scale id in quotes, like scale = "
			       "\"severity\", not %s", what, lapi_typename(L, -1));
	else if ((s = scale_index(&c->model.q, name)) < 0)
		content_report(c, at, "%s uses unknown scale '%s' (write scale \"%s\" { ... } "
			       "above it)", what, name, name);
	lua_pop(L, 1);
	return s;
}

static unsigned area_bit(const char *name)
{
	for (int a = 0; name && area_keys[a]; a++)
		if (strcmp(area_keys[a], name) == 0)
			return 1u << a;
	return 0;
}

/* areas = "all" (or absent): 0; areas = { "thighs", ... }: their bits. */
static unsigned item_areas(lua_State *L, content *c, cloc at, const char *what)
{
	static const char hint[] = "\"thighs\", \"buttocks\", \"abdomen\", \"arms\", \"other\"";
	unsigned bits = 0;
	int ty = lapi_rawfield(L, 1, "areas");
	if (ty == LUA_TSTRING && strcmp(lua_tostring(L, -1), "all") == 0) {
		;
	} else if (ty == LUA_TTABLE) {
		int n = (int)lua_rawlen(L, -1);
		lapi_fields(L, c, -1, NULL, 0, 1, at, what);
		if (n == 0)
			content_report(c, at, "%s areas is empty: list areas or write areas = \"all\"", what);
		for (int i = 1; i <= n; i++) {
			const char *a = lua_rawgeti(L, -1, i) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
			unsigned b = area_bit(a);
			if (!b)
				content_report(c, at, "%s areas: '%s' is not an area (use %s)", what,
					       a ? a : lapi_typename(L, -1), hint);
			bits |= b;
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL) {
		content_report(c, at, "%s areas must be \"all\" or a list like { \"thighs\", "
			       "\"arms\" } of %s", what, hint);
	}
	lua_pop(L, 1);
	return bits;
}

static int bool_field(lua_State *L, content *c, const char *field, cloc at, const char *what)
{
	int ty = lapi_rawfield(L, 1, field), v = lua_toboolean(L, -1);
	if (ty != LUA_TNIL && ty != LUA_TBOOLEAN)
		content_report(c, at, "%s %s must be true or false", what, field);
	lua_pop(L, 1);
	return ty == LUA_TBOOLEAN && v;
}

/* show_if = { item = lowest score }: exactly one condition. */
static void item_show_if(lua_State *L, content *c, cloc at, const char *what, content_item *it)
{
	int ty = lapi_rawfield(L, 1, "show_if"), n = 0;
	if (ty == LUA_TTABLE) {
		content_condition cond;
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			if (++n == 1 && read_condition(L, c, at, what, "show_if", &cond) == 0) {
				it->show_if_item = cond.item;
				it->show_if_min = cond.min;
			}
			lua_pop(L, 1);
		}
	}
	if (ty != LUA_TNIL && n != 1) {
		content_report(c, at, "%s show_if must name one item and its lowest score, like "
			       "show_if = { swelling = 1 }", what);
		it->show_if_item = -1;
	}
	lua_pop(L, 1);
}

static int l_item_body(lua_State *L)
{
	static const char *const allowed[] = {
		"scale", "text", "short", "areas", "custom", "show_if", NULL,
	};
	char what[CONTENT_ID_MAX + 16];
	const char *id;
	cloc at;
	content *c = body_begin(L, "item", "item", &at, what, sizeof what, &id);
	if (!c)
		return 0;
	content_questionnaire *q = &c->model.q;
	content_item it = { .file = at.file, .line = at.line, .show_if_item = -1 };
	lapi_fields(L, c, 1, allowed, 0, 0, at, what);
	lapi_text_field(L, c, 1, "text", at, what, &it.text, 1);
	lapi_text_field(L, c, 1, "short", at, what, &it.short_name, 1);
	it.scale = item_scale(L, c, at, what);
	it.areas = item_areas(L, c, at, what);
	it.custom = bool_field(L, c, "custom", at, what);
	item_show_if(L, c, at, what, &it);
	int k = content_item_index(q, id);
	if (!id)
		return 0;
	if (k >= 0)
		already(c, at, what, (cloc){ q->items[k].file, q->items[k].line });
	else if (q->n_items == CONTENT_QUESTIONNAIRE_MAX_ITEMS)
		content_report(c, at, "%s is one too many: a questionnaire has at most %d items",
			       what, CONTENT_QUESTIONNAIRE_MAX_ITEMS);
	if (k >= 0 || q->n_items == CONTENT_QUESTIONNAIRE_MAX_ITEMS)
		return 0;
	it.id = lapi_need(L, c, content_arena_strdup(c, id, strlen(id)));
	q->items = grow(L, c, q->items, q->n_items, &c->q_items_cap, sizeof(*q->items));
	q->items[q->n_items++] = it;
	return 0;
}

/* ---- red_flag "id" { ... } */

/* when = { item = lowest score, ... } (all must hold) or any = { ... } (one
 * must): read into out, sorted by item so the model does not depend on
 * Lua's table order. Returns how many were written (0 when absent). */
static int rule_conditions(lua_State *L, content *c, cloc at, const char *what, const char *field,
			   content_condition *out)
{
	int n = 0, kept = 0;
	if (lapi_rawfield(L, 1, field) == LUA_TNIL) {
		lua_pop(L, 1);
		return 0;
	}
	if (lua_type(L, -1) != LUA_TTABLE) {
		content_report(c, at, "%s %s must be a table like %s = { fever = 4 }", what, field, field);
		lua_pop(L, 1);
		return 0;
	}
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		content_condition cond;
		if (++n <= CONTENT_RULE_MAX_CONDITIONS &&
		    read_condition(L, c, at, what, field, &cond) == 0)
			out[kept++] = cond;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	if (n == 0)
		content_report(c, at, "%s %s is empty: name at least one item, like "
			       "%s = { fever = 4 }", what, field, field);
	else if (n > CONTENT_RULE_MAX_CONDITIONS)
		content_report(c, at, "%s %s has %d conditions; at most %d", what, field, n,
			       CONTENT_RULE_MAX_CONDITIONS);
	for (int i = 1; i < kept; i++)
		for (int j = i; j > 0 && out[j - 1].item > out[j].item; j--) {
			content_condition t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return kept;
}

static void rule_when(lua_State *L, content *c, cloc at, const char *what, content_rule *r)
{
	int has_when, has_any;
	lapi_rawfield(L, 1, "when");
	has_when = !lua_isnil(L, -1);
	lapi_rawfield(L, 1, "any");
	has_any = !lua_isnil(L, -1);
	lua_pop(L, 2);
	if (!has_when && !has_any) {
		content_report(c, at, "%s needs when = { item = lowest score } (all of them) or "
			       "any = { ... } (one of them), like when = { fever = 4 }", what);
		return;
	}
	r->n_all = rule_conditions(L, c, at, what, "when", r->all);
	r->n_any = rule_conditions(L, c, at, what, "any", r->any);
}

static int rule_index(const content_questionnaire *q, const char *id)
{
	for (int i = 0; id && i < q->n_rules; i++)
		if (strcmp(q->rules[i].id, id) == 0)
			return i;
	return -1;
}

static int l_red_flag_body(lua_State *L)
{
	static const char *const allowed[] = { "level", "title", "message", "when", "any", NULL };
	static const char *const levels[] = { "call", "emergency", NULL };
	char what[CONTENT_ID_MAX + 16];
	const char *id;
	cloc at;
	content *c = body_begin(L, "red_flag", "red flag", &at, what, sizeof what, &id);
	if (!c)
		return 0;
	content_questionnaire *q = &c->model.q;
	content_rule r = { .file = at.file, .line = at.line, .level = CONTENT_FLAG_CALL };
	lapi_fields(L, c, 1, allowed, 0, 0, at, what);
	if (lapi_rawfield(L, 1, "level") == LUA_TNIL)
		content_report(c, at, "%s needs level = \"call\" or \"emergency\"", what);
	lua_pop(L, 1);
	r.level = CONTENT_FLAG_CALL +
		  lapi_choice_field(L, c, 1, "level", at, what, levels, 0);
	lapi_text_field(L, c, 1, "title", at, what, &r.title, 1);
	lapi_text_field(L, c, 1, "message", at, what, &r.message, 1);
	rule_when(L, c, at, what, &r);
	int k = rule_index(q, id);
	if (!id)
		return 0;
	if (k >= 0) {
		already(c, at, what, (cloc){ q->rules[k].file, q->rules[k].line });
		return 0;
	}
	r.id = lapi_need(L, c, content_arena_strdup(c, id, strlen(id)));
	q->rules = grow(L, c, q->rules, q->n_rules, &c->q_rules_cap, sizeof(*q->rules));
	q->rules[q->n_rules++] = r;
	return 0;
}

/* ---- Registration and the whole-file checks. */

static int l_scale(lua_State *L)
{
	return lapi_named(L, "scale", "scale", ROLE_QUESTIONNAIRE, "scales", "questionnaire.lua",
			  "scale \"severity\" { ... }", l_scale_body);
}

static int l_item(lua_State *L)
{
	return lapi_named(L, "item", "questionnaire item", ROLE_QUESTIONNAIRE,
			  "questionnaire items", "questionnaire.lua", "item \"pain\" { ... }",
			  l_item_body);
}

static int l_red_flag(lua_State *L)
{
	return lapi_named(L, "red_flag", "red flag", ROLE_QUESTIONNAIRE, "red flags",
			  "questionnaire.lua", "red_flag \"fever\" { ... }", l_red_flag_body);
}

void lapi_questionnaire_open(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "questionnaire", l_questionnaire }, { "scale", l_scale }, { "item", l_item },
		{ "red_flag", l_red_flag }, { NULL, NULL },
	};
	luaL_setfuncs(L, fns, 0);
}

void lapi_questionnaire_finish(content *c, int file, int clean)
{
	content_questionnaire *q = &c->model.q;
	cloc at = { c->files[file], 0 };
	q->present = 1;
	q->file = c->files[file];
	if (!clean || c->blown)
		return;
	if (!c->q_at.file)
		content_report(c, at, "questionnaire.lua must call questionnaire { title = ..., "
			       "recall = ..., areas = ... }");
	if (q->n_items == 0)
		content_report(c, c->q_at.file ? c->q_at : at,
			       "the questionnaire asks nothing: add item \"id\" { ... }");
}
