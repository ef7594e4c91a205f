/* SPDX-License-Identifier: MIT */
/*
 * sandbox.c: the cage content runs in. Whatever a staff file does, the
 * kiosk must not hang, crash, run out of memory or touch anything outside
 * the content folder, so the cage has four walls:
 *
 *  - memory: a lua_Alloc that refuses to grow past content_limits.mem_limit
 *    (shared with the model arena) and remembers that it refused;
 *  - time: an instruction-count hook on the main state, which every
 *    coroutine inherits (lua_newthread copies the hook), raising an error
 *    each time it fires once the deadline has passed. pcall, xpcall,
 *    coroutine.resume and coroutine.close are rewrapped so they re-raise a
 *    spent budget instead of swallowing it. Where the hook cannot fire,
 *    the watchdog (watchdog.c) sets it again from outside and, as a last
 *    resort, stops the content by force;
 *  - reach: an allow-list environment. Library tables are handed out as
 *    read-only proxies, string.dump is gone from the real string table
 *    (strings reach it through their metatable), and the string metatable
 *    is locked with __metatable. setmetatable refuses __gc so no finaliser
 *    can ever run outside a budget (not even in lua_close);
 *  - C loops the hook cannot see: the pattern functions, table.move,
 *    table.sort without a comparator (each comparison of two strings is a
 *    strcmp the hook cannot interrupt) and the table functions that trust
 *    a __len (see pattern_steps() and guard_table()). Other C work
 *    (string.rep, concatenation, gsub over a long text) is linear in
 *    bytes and so bounded by the memory cap.
 *
 * Error handlers of xpcall are skipped once a budget is spent (see
 * sb_xpcall_handler: Lua runs them with hooks off after a hook error).
 *
 * A line hook keeps the current line, because a memory error carries no
 * position of its own and unwinds the stack before anyone can look.
 */
#include "content_int.h"
#include "core.h"
#include <lualib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Pattern work we allow per call, in elementary matching steps (~1-3 ns). */
#define PATTERN_MAX_STEPS 1e8
#define TABLE_MAX_LEN (1 << 22)

/* Bytes table.sort may compare without a comparator (~20 ms of memcmp). */
#define SORT_MAX_BYTES 2e8

enum { LIB_PLAIN, LIB_FIND, LIB_MATCH, LIB_GMATCH, LIB_GSUB, LIB_MOVE, LIB_SORT, LIB_TABLE };

static const char *const forbidden[] = {
	"io", "os", "debug", "package", "require", "load", "loadstring",
	"dofile", "loadfile", "collectgarbage", "rawset", "module", "setfenv",
	"getfenv", "newproxy", "_G", NULL,
};

content *sandbox_content(lua_State *L)
{
	void *ud;
	lua_getallocf(L, &ud);
	return ud;
}

/* ---- Memory. Every block carries a header that links it into the
 * content's list, so a state stopped by force (watchdog.c) can be freed
 * without walking it. The header is not counted against the cap. */

struct sb_blk {
	sb_blk *prev, *next;
} __attribute__((aligned(16)));

static void blk_unlink(content *c, sb_blk *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		c->blocks = b->next;
	if (b->next)
		b->next->prev = b->prev;
}

static void blk_link(content *c, sb_blk *b)
{
	b->prev = NULL;
	b->next = c->blocks;
	if (c->blocks)
		c->blocks->prev = b;
	c->blocks = b;
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	content *c = ud;
	size_t old = ptr ? osize : 0;
	sb_blk *b = ptr ? (sb_blk *)ptr - 1 : NULL, *nb;
	if (nsize == 0) {
		if (b) {
			sandbox_unsafe_begin();
			blk_unlink(c, b);
			free(b);
			c->used -= old;
			sandbox_unsafe_end();
		}
		return NULL;
	}
	if (nsize > old && (nsize - old > c->lim.mem_limit ||
			    c->used + (nsize - old) > c->lim.mem_limit)) {
		c->blown |= BLOWN_MEM;
		return NULL;
	}
	sandbox_unsafe_begin();
	if (b)
		blk_unlink(c, b);
	nb = realloc(b, sizeof *nb + nsize);
	if (!nb) {
		if (b)
			blk_link(c, b);
		c->blown |= BLOWN_MEM;
	} else {
		blk_link(c, nb);
		c->used = c->used - old + nsize;
	}
	sandbox_unsafe_end();
	return nb ? nb + 1 : NULL;
}

void sandbox_free_dead(content *c)
{
	while (c->blocks) {
		sb_blk *b = c->blocks;
		c->blocks = b->next;
		free(b);
	}
	c->L = NULL;
}

/* ---- Time. */

static void sb_hook(lua_State *L, lua_Debug *ar);

int sandbox_over(content *c)
{
	if (!c->blown && c->deadline && mk_thread_cpu_ns() >= c->cpu_deadline)
		c->blown |= BLOWN_TIME;
	return c->blown != 0;
}

const char *sandbox_budget_msg(content *c, char *buf, size_t n)
{
	if (c->blown & BLOWN_MEM)
		snprintf(buf, n, "content needs too much memory (more than %zu MiB): "
			 "is a table or text growing without end?",
			 c->lim.mem_limit >> 20);
	else
		snprintf(buf, n, "content took too long (more than %u ms): "
			 "is there a loop that never ends?", c->budget_ms);
	return buf;
}

static int sb_raise(lua_State *L, content *c)
{
	char buf[200];
	lua_pushstring(L, sandbox_budget_msg(c, buf, sizeof buf));
	return lua_error(L);
}

void sandbox_check(lua_State *L, content *c)
{
	if (sandbox_over(c))
		sb_raise(L, c);
}

void sandbox_arm(content *c, unsigned ms)
{
	if (c->L) /* a strike of the watchdog may have left a count of 1 */
		lua_sethook(c->L, sb_hook, LUA_MASKCOUNT | LUA_MASKLINE, CONTENT_HOOK_COUNT);
	c->blown = 0;
	c->budget_ms = ms;
	c->deadline = mk_mono_ns() + (uint64_t)ms * 1000000u;
	c->cpu_deadline = mk_thread_cpu_ns() + (uint64_t)ms * 1000000u;
}

int sandbox_file_index(content *c, const char *source)
{
	if (!source || source[0] != '@')
		return -1;
	for (int i = 0; i < c->n_files; i++)
		if (strcmp(c->files[i], source + 1) == 0)
			return i;
	return -1;
}

cloc sandbox_where(lua_State *L, content *c, int level)
{
	lua_Debug ar;
	for (; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		int f = sandbox_file_index(c, ar.source);
		if (f >= 0) {
			c->where = (cloc){ c->files[f], ar.currentline };
			break;
		}
	}
	return c->where;
}

/* Line events only note the line: a memory error carries no position and
 * unwinds before anyone can look, so the last line entered is the best
 * answer. Content can only reach functions of its own file (every file
 * has its own environment and nothing is shared), so the file is the one
 * being run (cur_file; content_call sets it to the callback's file). */
static void sb_hook(lua_State *L, lua_Debug *ar)
{
	content *c = sandbox_content(L);
	if (ar->event == LUA_HOOKLINE) {
		c->where = (cloc){ c->files[c->cur_file], ar->currentline };
		return;
	}
	if (sandbox_over(c))
		sb_raise(L, c);
}

void sandbox_rehook(content *c)
{
	lua_State *co = c->running;
	c->blown |= BLOWN_TIME;
	lua_sethook(c->L, sb_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
	if (co)
		lua_sethook(co, sb_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
}

lua_State *sandbox_new(content *c)
{
	lua_State *L = lua_newstate(sb_alloc, c);
	if (L)
		lua_sethook(L, sb_hook, LUA_MASKCOUNT | LUA_MASKLINE, CONTENT_HOOK_COUNT);
	return L;
}

/* ---- pcall, xpcall and coroutines that cannot swallow a spent budget.
 * These follow lbaselib.c, with one check added where the result comes
 * back. */

static int finish_pcall(lua_State *L, int status, lua_KContext extra)
{
	content *c = sandbox_content(L);
	if (c->blown)
		return sb_raise(L, c);
	if (status != LUA_OK && status != LUA_YIELD) {
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2;
	}
	return lua_gettop(L) - (int)extra;
}

static int sb_pcall(lua_State *L)
{
	luaL_checkany(L, 1);
	lua_pushboolean(L, 1);
	lua_insert(L, 1);
	int status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finish_pcall);
	return finish_pcall(L, status, 0);
}

/* The content's message handler, skipped once a budget is spent: an error
 * raised from the hook leaves hooks disabled until the stack unwinds to a
 * pcall (ldo.c restores allowhook there), so a handler called for it
 * could loop forever with nothing to stop it. */
static int sb_xpcall_handler(lua_State *L)
{
	if (sandbox_over(sandbox_content(L)))
		return 1;
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, sb_xpcall_handler, 1);
	lua_replace(L, 2);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finish_pcall);
	return finish_pcall(L, status, 2);
}

/* coroutine.resume / coroutine.close: the originals (no upvalues) are
 * called directly on this frame, then the budget is checked. */
static int sb_co_guarded(lua_State *L)
{
	content *c = sandbox_content(L);
	lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
	luaL_checktype(L, 1, LUA_TTHREAD);
	lua_State *prev = c->running;
	c->running = lua_tothread(L, 1); /* alive: it is on this stack */
	int n = f(L);
	c->running = prev;
	sandbox_check(L, c);
	return n;
}

static int sb_setmetatable(lua_State *L)
{
	int t = lua_type(L, 2);
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	lua_pushliteral(L, "__gc");
	if (t == LUA_TTABLE && lua_rawget(L, 2) != LUA_TNIL)
		return luaL_error(L, "metatables with __gc are not allowed in kiosk content");
	lua_pushliteral(L, "__close");
	if (t == LUA_TTABLE && lua_rawget(L, 2) != LUA_TNIL)
		return luaL_error(L, "metatables with __close are not allowed in kiosk content");
	lua_settop(L, 2);
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_setmetatable(L, 1);
	return 1;
}

static int sb_print(lua_State *L)
{
	(void)L;
	return 0;
}

/* ---- Guards for work done inside C, where the hook cannot fire.
 *
 * Lua's matcher backtracks: with k unbounded repetitions (*, +, -, %b, or
 * a back-reference) a subject of n bytes can cost about n^k steps at each
 * start position, and each '?' can double that. We bound that estimate,
 * times the pattern length, and refuse the call when it is over
 * PATTERN_MAX_STEPS (about a tenth of a second at worst). Everyday uses
 * on kiosk-sized texts (a few KiB) pass; "x.-.-.-.-b" on 30 KB does not. */
static double pattern_steps(const char *p, size_t pl, size_t n, int plain, int gmatch)
{
	double cost = 1, nn = (double)n + 1;
	size_t i = 0;
	/* gmatch takes a leading '^' as a plain character, not an anchor */
	int anchored = pl > 0 && p[0] == '^' && !gmatch;
	if (plain)
		return nn * (double)(pl + 1);
	for (i = anchored; i < pl; ) {
		if (p[i] == '%' && i + 1 < pl && p[i + 1] == 'b') {
			cost *= nn, i += 4;
			continue;
		} else if (p[i] == '%' && i + 1 < pl && p[i + 1] == 'f') {
			i += 2;
			continue;
		} else if (p[i] == '%' && i + 1 < pl) {
			if (p[i + 1] >= '1' && p[i + 1] <= '9')
				cost *= nn;
			i += 2;
		} else if (p[i] == '[') {
			/* as lstrlib.c classEnd: one char always belongs to the set */
			i += (i + 1 < pl && p[i + 1] == '^') ? 2 : 1;
			do {
				if (i < pl && p[i++] == '%')
					i++;
			} while (i < pl && p[i] != ']');
			i++;
		} else {
			i++;
		}
		if (i < pl && (p[i] == '*' || p[i] == '+' || p[i] == '-'))
			cost *= nn, i++;
		else if (i < pl && p[i] == '?')
			cost *= 2, i++;
		if (cost > 1e30)
			break;
	}
	return cost * (anchored ? 1 : nn) * (double)(pl + 1);
}

static void guard_pattern(lua_State *L, int kind)
{
	size_t n, pl;
	luaL_checklstring(L, 1, &n);
	const char *p = luaL_checklstring(L, 2, &pl);
	int plain = kind == LIB_FIND && lua_toboolean(L, 4);
	if (pattern_steps(p, pl, n, plain, kind == LIB_GMATCH) > PATTERN_MAX_STEPS)
		luaL_error(L, "this pattern is too complex for a text of %d bytes; "
			   "use a simpler pattern or a shorter text", (int)n);
}

/* Without a comparator, sort compares strings in C: about n log n
 * comparisons of up to the longest string each (20,000 copies of one
 * 1 MiB string is 15 s of strcmp). A comparator is Lua code, under the hook. */
static void guard_sort(lua_State *L)
{
	lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
	size_t longest = 0;
	for (lua_Integer i = 1; i <= n && i <= TABLE_MAX_LEN; i++) {
		if (lua_rawgeti(L, 1, i) == LUA_TSTRING && lua_rawlen(L, -1) > longest)
			longest = lua_rawlen(L, -1);
		lua_pop(L, 1);
	}
	if ((double)n * log2((double)n + 1) * (double)(longest + 1) > SORT_MAX_BYTES)
		luaL_error(L, "table.sort: %d texts of up to %d bytes are too much to sort; "
			   "sort shorter texts or give a comparison function", (int)n, (int)longest);
}

static void guard_table(lua_State *L, int kind)
{
	if (kind == LIB_MOVE) {
		lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
		if (e >= f && (lua_Unsigned)e - (lua_Unsigned)f >= TABLE_MAX_LEN)
			luaL_error(L, "table.move: range too large");
		return;
	}
	/* insert/remove/concat/sort/unpack loop up to #t in C: trust a raw
	 * length (bounded by memory) but not one a __len makes up. */
	if (lua_type(L, 1) == LUA_TTABLE && luaL_getmetafield(L, 1, "__len") != LUA_TNIL) {
		lua_pop(L, 1);
		if (luaL_len(L, 1) > TABLE_MAX_LEN)
			luaL_error(L, "table is too long (its __len says more than %d)",
				   TABLE_MAX_LEN);
	}
	if (kind == LIB_SORT && lua_type(L, 1) == LUA_TTABLE && lua_isnoneornil(L, 2))
		guard_sort(L);
}

static int sb_libcall(lua_State *L)
{
	content *c = sandbox_content(L);
	int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
	sandbox_check(L, c);
	if (kind >= LIB_FIND && kind <= LIB_GSUB)
		guard_pattern(L, kind);
	else if (kind >= LIB_MOVE)
		guard_table(L, kind);
	return lua_tocfunction(L, lua_upvalueindex(1))(L);
}

static int lib_kind(const char *lib, const char *name)
{
	static const struct { const char *name; int kind; } k[] = {
		{ "find", LIB_FIND }, { "match", LIB_MATCH }, { "gmatch", LIB_GMATCH },
		{ "gsub", LIB_GSUB }, { "move", LIB_MOVE }, { "sort", LIB_SORT },
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (strcmp(k[i].name, name) == 0)
			return k[i].kind;
	return strcmp(lib, "table") == 0 ? LIB_TABLE : LIB_PLAIN;
}

/* Replaces every C function without upvalues in the table on top by the
 * trampoline (math.random keeps its state in an upvalue: left alone). */
static void lib_guard(lua_State *L, const char *lib)
{
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		int wrap = 0;
		if (lua_type(L, -2) == LUA_TSTRING && lua_iscfunction(L, -1)) {
			if (lua_getupvalue(L, -1, 1))
				lua_pop(L, 1);
			else
				wrap = 1;
		}
		if (!wrap) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushinteger(L, lib_kind(lib, lua_tostring(L, -2)));
		lua_pushcclosure(L, sb_libcall, 2);  /* key closure */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);                   /* key key closure */
		lua_rawset(L, t);
	}
}

/* ---- Read-only library proxies and the environment. */

static int sb_proxy_index(lua_State *L)
{
	const char *lib = lua_tostring(L, lua_upvalueindex(2));
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) == LUA_TNIL &&
	    lua_type(L, 2) == LUA_TSTRING && strcmp(lib, "string") == 0 &&
	    strcmp(lua_tostring(L, 2), "dump") == 0)
		return luaL_error(L, "'string.dump' is not available in kiosk content");
	return 1;
}

static int sb_readonly(lua_State *L)
{
	return luaL_error(L, "'%s' cannot be changed in kiosk content",
			  lua_tostring(L, lua_upvalueindex(1)));
}

/* Pushes a read-only view of the table on top, replacing it. */
static void push_proxy(lua_State *L, const char *lib)
{
	lua_newtable(L);                 /* real proxy */
	lua_createtable(L, 0, 3);        /* real proxy mt */
	lua_pushvalue(L, -3);
	lua_pushstring(L, lib);
	lua_pushcclosure(L, sb_proxy_index, 2);
	lua_setfield(L, -2, "__index");
	lua_pushstring(L, lib);
	lua_pushcclosure(L, sb_readonly, 1);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_remove(L, -2);
}

static int sb_unknown_index(lua_State *L)
{
	lua_getiuservalue(L, 1, 1);
	return luaL_error(L, "'%s' is not defined", lua_tostring(L, -1));
}

static int sb_unknown_call(lua_State *L)
{
	content *c = sandbox_content(L);
	lua_getiuservalue(L, 1, 1);
	if (c->phase != PHASE_LOADING)
		return luaL_error(L, "'%s' is not defined", lua_tostring(L, -1));
	/* `cours_plan "id" { ... }` calls the placeholder twice: one problem */
	if (lua_getiuservalue(L, 1, 2) == LUA_TBOOLEAN) {
		lua_settop(L, 1);
		return 1;
	}
	lua_pop(L, 1);
	lua_pushboolean(L, 1);
	lua_setiuservalue(L, 1, 2);
	if (c->role == ROLE_COURSES)
		content_report(c, sandbox_where(L, c, 1), "unknown name '%s' (courses.lua "
				"holds course_plan \"id\" { ... })", lua_tostring(L, -1));
	else if (c->role == ROLE_QUESTIONNAIRE)
		content_report(c, sandbox_where(L, c, 1), "unknown name '%s' (questionnaire.lua "
				"holds questionnaire { ... }, scale, item and red_flag)",
				lua_tostring(L, -1));
	else
		content_report(c, sandbox_where(L, c, 1),
				"unknown block '%s' (blocks are heading, paragraph, list, image, "
				"callout, button, columns, quiz)", lua_tostring(L, -1));
	lua_settop(L, 1);
	return 1;
}

/* Reading a name that is not in the environment: forbidden names fail
 * plainly at once; other names give a placeholder that reports "unknown
 * block" when called, so a typo like `vidoe {}` is one problem and the
 * rest of the file still gets checked. */
static int sb_env_index(lua_State *L)
{
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL || lua_type(L, 2) != LUA_TSTRING)
		return 1;
	const char *k = lua_tostring(L, 2);
	for (int i = 0; forbidden[i]; i++)
		if (strcmp(forbidden[i], k) == 0)
			return luaL_error(L, "'%s' is not available in kiosk content", k);
	lua_newuserdatauv(L, 0, 2); /* the name, and whether it was reported */
	lua_pushvalue(L, 2);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, "mk.unknown");
	return 1;
}

static void make_unknown_mt(lua_State *L)
{
	luaL_newmetatable(L, "mk.unknown");
	lua_pushcfunction(L, sb_unknown_call);
	lua_setfield(L, -2, "__call");
	lua_pushcfunction(L, sb_unknown_index);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

static void copy_base(lua_State *L, int env, int g)
{
	static const char *const names[] = {
		"assert", "error", "ipairs", "next", "pairs", "select", "tonumber",
		"tostring", "type", "getmetatable", "rawequal", "rawlen", "rawget",
		"_VERSION", NULL,
	};
	for (int i = 0; names[i]; i++) {
		lua_getfield(L, g, names[i]);
		lua_setfield(L, env, names[i]);
	}
	static const luaL_Reg wrapped[] = {
		{ "pcall", sb_pcall }, { "xpcall", sb_xpcall },
		{ "setmetatable", sb_setmetatable }, { "print", sb_print },
		{ NULL, NULL },
	};
	lua_pushvalue(L, env);
	luaL_setfuncs(L, wrapped, 0);
	lua_pop(L, 1);
}

/* Opens library `name`, guards it, and sets a read-only view in env. */
static void add_lib(lua_State *L, int env, const char *name, lua_CFunction open)
{
	luaL_requiref(L, name, open, 0);
	if (strcmp(name, "math") != 0)
		lib_guard(L, name);
	if (strcmp(name, "string") == 0) {
		lua_pushnil(L);
		lua_setfield(L, -2, "dump");
	} else if (strcmp(name, "coroutine") == 0) {
		const char *co[] = { "resume", "close" };
		for (int i = 0; i < 2; i++) {
			lua_getfield(L, -1, co[i]);
			lua_getupvalue(L, -1, 1); /* the original, inside the trampoline */
			lua_pushcclosure(L, sb_co_guarded, 1);
			lua_setfield(L, -3, co[i]);
			lua_pop(L, 1);
		}
	} else if (strcmp(name, "table") == 0) {
		lua_getfield(L, -1, "unpack");
		lua_setfield(L, env, "unpack");
	}
	push_proxy(L, name);
	if (strcmp(name, "string") == 0) {
		lua_pushliteral(L, "");
		lua_getmetatable(L, -1);
		lua_pushvalue(L, -3);
		lua_setfield(L, -2, "__index");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 2);
	}
	lua_setfield(L, env, name);
}

static void seed_random(lua_State *L)
{
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 0x4d4b);
	lua_call(L, 1, 0);
}

int sandbox_setup_p(lua_State *L)
{
	luaL_requiref(L, "_G", luaopen_base, 0);
	int g = lua_gettop(L);
	lua_newtable(L);
	int env = lua_gettop(L);
	copy_base(L, env, g);
	add_lib(L, env, "string", luaopen_string);
	add_lib(L, env, "table", luaopen_table);
	luaL_requiref(L, "math", luaopen_math, 0);
	seed_random(L);
	lua_pop(L, 1);
	add_lib(L, env, "math", luaopen_math);
	add_lib(L, env, "utf8", luaopen_utf8);
	add_lib(L, env, "coroutine", luaopen_coroutine);
	make_unknown_mt(L);
	lua_pushvalue(L, env);
	lapi_content_open(L);
	lua_pop(L, 1);

	lua_createtable(L, 0, 2); /* the metatable of every file's _ENV */
	lua_pushvalue(L, env);
	lua_pushcclosure(L, sb_env_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setfield(L, LUA_REGISTRYINDEX, "mk.envmt");
	lua_settop(L, 0);
	return 0;
}

void sandbox_push_env(lua_State *L)
{
	lua_newtable(L);
	lua_getfield(L, LUA_REGISTRYINDEX, "mk.envmt");
	lua_setmetatable(L, -2);
}
