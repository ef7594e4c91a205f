/* SPDX-License-Identifier: MIT */
/*
 * The watchdog behind the hook (src/content/watchdog.c). Content can no
 * longer reach a place where the hook cannot stop it (test_hostile.c keeps
 * those that once did), so these tests stand in for the next one: they
 * run C code inside an entry of real content, where no hook can fire, and
 * check that the kiosk gets its thread back, the content is dead and its
 * memory all freed (ASan's leak check), and that a region marked unsafe is
 * never jumped out of.
 */
#include "content_test.h"
#include "content_int.h"
#include <time.h>

#define SHIPPED MK_SHIPPED_CONTENT

static volatile int release;

static int spin(lua_State *L)
{
	volatile unsigned long n = 0;
	(void)L;
	for (;;)
		n++;
	return 0;
}

/* Busy in C inside an unsafe region until released. */
static int spin_unsafe(lua_State *L)
{
	volatile unsigned long n = 0;
	(void)L;
	sandbox_unsafe_begin();
	while (!release)
		n++;
	sandbox_unsafe_end();
	return 0;
}

static uint64_t unsafe_ms;
static int spin_unsafe_for(lua_State *L)
{
	uint64_t end = mk_thread_cpu_ns() + unsafe_ms * 1000000u;
	(void)L;
	sandbox_unsafe_begin();
	while (mk_thread_cpu_ns() < end)
		;
	sandbox_unsafe_end();
	return 0;
}

/* Off the CPU for 400 ms, as a kiosk's thread is while the rest of the
 * machine is busy at start: it uses no budget. */
static int off_cpu(lua_State *L)
{
	(void)L;
	nanosleep(&(struct timespec){ 0, 400000000 }, NULL);
	return 0;
}

static content *load(void)
{
	content_problems probs = { 0 };
	content *c = NULL;
	CHECK(content_load(&c, SHIPPED, NULL, &probs) == 0);
	content_problems_print(&probs, stderr);
	content_problems_clear(&probs);
	return c;
}

/* Runs f in an entry with a 20 ms budget; returns the status and the CPU
 * time the entry used (what the budget and the first two strikes count),
 * and in wall_ms the time it took (what the stuck strike counts). */
static double wall_ms;
static int run(content *c, lua_CFunction f, double *ms)
{
	uint64_t t0 = mk_thread_cpu_ns(), w0 = mk_mono_ns();
	sandbox_arm(c, 20);
	lua_settop(c->L, 0);
	lua_pushcfunction(c->L, f);
	int st = sandbox_pcall(c, 0, 0, 0);
	*ms = (double)(mk_thread_cpu_ns() - t0) / 1e6;
	wall_ms = (double)(mk_mono_ns() - w0) / 1e6;
	return st;
}

static const char *stuck_dir;
static int stuck_calls;
static void on_stuck(void *ud, const char *dir, const char *file, int line)
{
	(void)ud, (void)file, (void)line;
	stuck_dir = dir;
	stuck_calls++;
	release = 1;
}

int main(void)
{
	double ms;
	setvbuf(stdout, NULL, _IONBF, 0);
	mk_log_set_level(MK_LOG_ERROR);
	sandbox_watchdog_graces(100, 300, 5000); /* the last is wall time: room for a busy machine */

	/* A C loop: stopped by force after the second grace, the content is
	 * dead, its callbacks refused, and content_free frees it all. */
	content *c = load();
	int st = run(c, spin, &ms);
	CHECK_MSG(st == SANDBOX_ABORTED, "status %d", st);
	CHECK_MSG(ms >= 300 && ms < 5000, "stopped after %.0f ms", ms);
	CHECK(content_dead(c));
	content_action act;
	CHECK(content_call(c, 1, "home", 0, &act) == MK_ELIMIT);
	CHECK(strstr(mk_err_msg(), "stopped by force") != NULL);
	content_free(c);

	/* The hook switched off (as Lua does while it unwinds an error): the
	 * first strike sets it again and the budget error comes as usual. */
	c = load();
	sandbox_arm(c, 20);
	lua_sethook(c->L, NULL, 0, 0);
	lua_settop(c->L, 0);
	CHECK(luaL_loadstring(c->L, "while true do end") == LUA_OK);
	uint64_t t0 = mk_thread_cpu_ns();
	st = sandbox_pcall(c, 0, 0, 0);
	ms = (double)(mk_thread_cpu_ns() - t0) / 1e6;
	CHECK_MSG(st == LUA_ERRRUN, "status %d", st);
	CHECK(strstr(lua_tostring(c->L, -1), "took too long") != NULL);
	CHECK_MSG(ms >= 100 && ms < 300, "stopped after %.0f ms", ms);
	CHECK(!content_dead(c));
	lua_settop(c->L, 0);
	/* and the content still answers */
	sandbox_arm(c, 200);
	CHECK(luaL_loadstring(c->L, "local n = 0 for i = 1, 1000 do n = n + i end") == LUA_OK);
	CHECK(sandbox_pcall(c, 0, 0, 0) == LUA_OK);
	content_free(c);

	/* Inside an unsafe region (malloc, stdio) the stop waits for its end. */
	c = load();
	unsafe_ms = 600;
	st = run(c, spin_unsafe_for, &ms);
	CHECK_MSG(st == SANDBOX_ABORTED, "status %d", st);
	CHECK_MSG(ms >= 600, "jumped out of an unsafe region after %.0f ms", ms);
	content_free(c);

	/* Stuck for good: the program's stuck handler is told which content. */
	content_on_stuck(on_stuck, NULL);
	c = load();
	release = 0;
	st = run(c, spin_unsafe, &ms);
	CHECK_MSG(stuck_calls == 1, "stuck handler called %d times", stuck_calls);
	CHECK(stuck_dir && strcmp(stuck_dir, SHIPPED) == 0);
	CHECK_MSG(st == SANDBOX_ABORTED, "status %d", st);
	CHECK_MSG(wall_ms >= 5000, "stuck after %.0f ms", wall_ms);
	content_free(c);

	/* A busy machine is not slow content: a thread that waited 400 ms for
	 * the CPU, 20 times its budget and past both graces, was not struck
	 * and the budget is not spent (a loaded kiosk once refused its
	 * shipped pages at start). */
	c = load();
	st = run(c, off_cpu, &ms);
	CHECK_MSG(st == LUA_OK, "status %d after %.0f ms off the CPU", st, wall_ms);
	CHECK(!content_dead(c) && !sandbox_over(c));
	content_free(c);

	/* Content that behaves is never struck: a thousand short entries. */
	c = load();
	int struck = 0;
	unsafe_ms = 0;
	for (int i = 0; i < 1000; i++)
		struck += run(c, spin_unsafe_for, &ms) != LUA_OK;
	CHECK_MSG(struck == 0, "%d of 1000 short entries struck", struck);
	content_free(c);
	return check_done();
}
