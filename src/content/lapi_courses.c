/* SPDX-License-Identifier: MIT */
/*
 * lapi_courses.c: course_plan "id" { ... } in courses.lua — the suggested
 * courses staff start a patient's treatment from, by cellulite grade and
 * body area:
 *
 *   course_plan "thighs-grade2" {
 *     name = { en = "...", ar = "...", fr = "..." },
 *     area = "thighs", grade = 2, sessions = 12, interval_days = 7,
 *     note = { en = "...", ar = "...", fr = "..." },  -- optional
 *   }
 *
 * Written like page "id" { ... }: the id call returns a closure that takes
 * the body, so every problem carries the line of `course_plan`. Mistakes
 * are recorded, never raised, so one --check lists them all. Duplicate ids
 * are found in validate.c once every file has run.
 */
#include "content_int.h"
#include "core.h"
#include <string.h>

static const char *const area_names[] = {
	"thighs", "buttocks", "abdomen", "arms", "other", NULL,
};

const char *content_area_name(content_area a)
{
	return (int)a >= 0 && a < CONTENT_AREA_COUNT ? area_names[a] : NULL;
}

static content_plan *plan_slot(lua_State *L, content *c)
{
	content_model *m = &c->model;
	if (m->n_plans == c->plans_cap) {
		int cap = c->plans_cap ? c->plans_cap * 2 : 16;
		content_plan *v = lapi_need(L, c, content_arena_alloc(c, sizeof(*v) * (size_t)cap));
		if (m->n_plans)
			memcpy(v, m->plans, sizeof(*v) * (size_t)m->n_plans);
		m->plans = v;
		c->plans_cap = cap;
	}
	return (content_plan *)&m->plans[m->n_plans];
}

/* A required whole number in [lo, hi]; 0 (with a problem) otherwise. */
static int int_field(lua_State *L, content *c, const char *field, cloc at,
		     const char *what, int lo, int hi, const char *unit)
{
	int v = 0;
	int ty = lapi_rawfield(L, 1, field);
	lua_Number n = ty == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
	if (ty == LUA_TNIL)
		content_report(c, at, "%s needs %s = a number from %d to %d%s", what, field,
			       lo, hi, unit);
	else if (ty != LUA_TNUMBER)
		content_report(c, at, "%s %s must be a number from %d to %d%s, not %s", what,
			       field, lo, hi, unit, lapi_typename(L, -1));
	else if (n < lo || n > hi || n != n)
		content_report(c, at, "%s %s must be from %d to %d%s, not %s", what, field,
			       lo, hi, unit, lua_tostring(L, -1));
	else if (n != (lua_Number)(int)n)
		content_report(c, at, "%s %s must be a whole number, not %s", what, field,
			       lua_tostring(L, -1));
	else
		v = (int)n;
	lua_pop(L, 1);
	return v;
}

/* course_plan "id" returns this, which takes the body table. */
static int l_plan_body(lua_State *L)
{
	static const char *const allowed[] = {
		"name", "area", "grade", "sessions", "interval_days", "note", NULL,
	};
	cloc at0, at;
	content *c = lapi_begin(L, "course_plan", &at0);
	char what[CONTENT_ID_MAX + 24];
	const char *id = lua_tostring(L, lua_upvalueindex(1));
	at = (cloc){ c->files[lua_tointeger(L, lua_upvalueindex(2))],
		     (int)lua_tointeger(L, lua_upvalueindex(3)) };
	snprintf(what, sizeof what, "course plan '%s'", id ? id : "?");
	if (lua_type(L, 1) != LUA_TTABLE) {
		content_report(c, at, "%s needs a table: course_plan \"%s\" { ... }", what,
			       id ? id : "id");
		return 0;
	}
	lua_settop(L, 1);
	lapi_fields(L, c, 1, allowed, 0, 0, at, what);
	content_plan p = { .file = at.file, .line = at.line };
	lapi_text_field(L, c, 1, "name", at, what, &p.name, 1);
	lapi_text_field(L, c, 1, "note", at, what, &p.note, 0);
	if (lapi_rawfield(L, 1, "area") == LUA_TNIL) {
		content_report(c, at, "%s needs area = \"thighs\" (or \"buttocks\", \"abdomen\", "
			       "\"arms\", \"other\")", what);
		lua_pop(L, 1);
	} else {
		lua_pop(L, 1);
		p.area = (content_area)lapi_choice_field(L, c, 1, "area", at, what, area_names,
							 CONTENT_AREA_OTHER);
	}
	p.grade = int_field(L, c, "grade", at, what, CONTENT_PLAN_GRADE_MIN,
			    CONTENT_PLAN_GRADE_MAX, "");
	p.sessions = int_field(L, c, "sessions", at, what, CONTENT_PLAN_SESSIONS_MIN,
			       CONTENT_PLAN_SESSIONS_MAX, "");
	p.interval_days = int_field(L, c, "interval_days", at, what, CONTENT_PLAN_INTERVAL_MIN,
				    CONTENT_PLAN_INTERVAL_MAX, " days");
	if (!id)
		return 0;
	p.id = lapi_need(L, c, content_arena_strdup(c, id, strlen(id)));
	*plan_slot(L, c) = p;
	c->model.n_plans++;
	return 0;
}

static int l_course_plan(lua_State *L)
{
	return lapi_named(L, "course_plan", "course plan", ROLE_COURSES, "course plans", "courses.lua",
			  "course_plan \"thighs-grade2\" { ... }", l_plan_body);
}

void lapi_courses_open(lua_State *L)
{
	lua_pushcfunction(L, l_course_plan);
	lua_setfield(L, -2, "course_plan");
}
