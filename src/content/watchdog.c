/* SPDX-License-Identifier: MIT */
/*
 * watchdog.c: the last resort behind the hook. The count hook stops
 * content a few microseconds after its deadline, as long as Lua runs Lua
 * code with hooks on. Where it cannot (a C loop no guard knew, code Lua
 * runs with hooks off while it unwinds), one thread watches every running
 * entry of content (sandbox_pcall) and strikes in three steps:
 *
 *  1. deadline + grace_hook: a signal to the running thread, whose handler
 *     sets the hook again with a count of 1 on the main state and the
 *     running coroutine (lua_sethook is safe in a signal handler: lua.c
 *     does the same for Ctrl-C) and marks the budget spent;
 *  2. deadline + grace_abort: the handler long-jumps out of Lua back to
 *     sandbox_pcall. The Lua state is left half-way through whatever it
 *     did, so it is never touched again: the content is dead, and every
 *     block the state allocated is freed from the list sb_alloc keeps,
 *     without lua_close. The kiosk goes on with other content;
 *  3. deadline + grace_stuck: the thread could not be stopped (it sat in
 *     a region marked unsafe below). The stuck handler the program set
 *     (content_on_stuck) is called from the watchdog thread: the kiosk
 *     sets that content aside and exits so systemd starts it again.
 *
 * The budget counts the CPU time of the content's thread, not the wall
 * clock, and so do the first two strikes: each comes only once the thread
 * has used its budget and that grace on the CPU. A kiosk whose machine is
 * busy with something else at start (a slow board, a build, a boot) is not
 * running slow content; its pages must not be refused for it. The last
 * strike keeps the wall clock: a thread that sits still that long is
 * stuck whatever it waits for.
 *
 * Jumping out of a signal handler is only safe where the interrupted code
 * holds no lock and leaves no allocator half-updated. Lua's own code and
 * its string, table, math and utf8 libraries call no libc function that
 * takes a lock except through the allocator; our C code that runs inside
 * an entry and calls malloc, free, stdio or the file system does so
 * between sandbox_unsafe_begin() and sandbox_unsafe_end(). A strike that
 * lands inside such a region is held until it ends.
 */
#include "content_int.h"
#include "core.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENTRIES 8

struct sb_entry {
	content *c;
	pthread_t tid;
	uint64_t deadline;     /* wall clock (mk_mono_ns) */
	uint64_t cpu_deadline; /* the thread's CPU clock */
	uint64_t not_before;   /* a strike put off: the thread had CPU left */
	clockid_t cpu;
	int has_cpu;
	sigjmp_buf jb;
	volatile sig_atomic_t strike;  /* 0..3, written by the watchdog */
	volatile sig_atomic_t done;    /* the entry returned: strikes ignored */
	volatile sig_atomic_t pending; /* an abort waits for the unsafe region to end */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int started;
static sb_entry *active[MAX_ENTRIES];
static unsigned grace_ms[3] = { 500, 2000, 10000 };
static content_stuck_fn stuck_fn;
static void *stuck_ud;

static _Thread_local sb_entry *volatile tl_entry;
static _Thread_local volatile sig_atomic_t tl_unsafe;

static int strike_signal(void)
{
	return SIGRTMIN + 5;
}

void sandbox_unsafe_begin(void)
{
	tl_unsafe++;
}

void sandbox_unsafe_end(void)
{
	sb_entry *e = tl_entry;
	if (--tl_unsafe == 0 && e && e->pending && !e->done)
		siglongjmp(e->jb, 1);
}

static void on_strike(int sig)
{
	int saved = errno;
	sb_entry *e = tl_entry;
	(void)sig;
	if (e && !e->done && e->strike == 1)
		sandbox_rehook(e->c);
	else if (e && !e->done && e->strike >= 2) {
		if (tl_unsafe)
			e->pending = 1;
		else
			siglongjmp(e->jb, 1);
	}
	errno = saved;
}

static uint64_t due(const sb_entry *e)
{
	uint64_t t = e->deadline + (uint64_t)grace_ms[e->strike] * 1000000u;
	return e->strike < 2 && e->not_before > t ? e->not_before : t;
}

/* CPU time the entry's thread still has before its next strike (0: none,
 * or the strike is the wall-clock one). The thread cannot use CPU faster
 * than the wall clock runs, so the strike can wait that long. */
static uint64_t cpu_left(const sb_entry *e)
{
	struct timespec ts;
	if (e->strike >= 2 || !e->has_cpu || clock_gettime(e->cpu, &ts) != 0)
		return 0;
	uint64_t used = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	uint64_t want = e->cpu_deadline + (uint64_t)grace_ms[e->strike] * 1000000u;
	return used >= want ? 0 : want - used;
}

static void stuck(sb_entry *e)
{
	content *c = e->c;
	cloc at = c->where;
	mk_log(MK_LOG_ERROR, "content-stuck", "line=%d", at.line);
	if (stuck_fn) {
		stuck_fn(stuck_ud, c->dir, at.file, at.line);
		return;
	}
	_exit(70);
}

static void *watch(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&mu);
	for (;;) {
		uint64_t now = mk_mono_ns(), next = UINT64_MAX;
		for (int i = 0; i < MAX_ENTRIES; i++) {
			sb_entry *e = active[i];
			if (!e || e->strike >= 3)
				continue;
			uint64_t left = now >= due(e) ? cpu_left(e) : 0;
			if (left)
				e->not_before = now + left;
			else if (now >= due(e)) {
				e->strike++;
				if (e->strike == 3) {
					pthread_mutex_unlock(&mu);
					stuck(e); /* returns only in tests */
					pthread_mutex_lock(&mu);
					continue;
				}
				pthread_kill(e->tid, strike_signal());
			}
			if (e->strike < 3 && due(e) < next)
				next = due(e);
		}
		if (next == UINT64_MAX) {
			pthread_cond_wait(&cv, &mu);
		} else {
			struct timespec ts = { (time_t)(next / 1000000000u), (long)(next % 1000000000u) };
			pthread_cond_timedwait(&cv, &mu, &ts);
		}
	}
	return NULL;
}

static void init(void)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&cv, &ca);
	pthread_condattr_destroy(&ca);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_strike;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(strike_signal(), &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, strike_signal());
	pthread_t t;
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	/* the watchdog itself never takes the signal */
	sigset_t old;
	pthread_sigmask(SIG_BLOCK, &set, &old);
	started = pthread_create(&t, &at, watch, NULL) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&at);
	if (!started)
		mk_log(MK_LOG_WARN, "content-watchdog", "state=off");
}

static int enter(sb_entry *e)
{
	sigset_t set;
	pthread_once(&once, init);
	if (!started || !e->deadline)
		return 0;
	sigemptyset(&set);
	sigaddset(&set, strike_signal());
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	pthread_mutex_lock(&mu);
	int slot = -1;
	for (int i = 0; i < MAX_ENTRIES && slot < 0; i++)
		if (!active[i])
			slot = i;
	if (slot >= 0) {
		active[slot] = e;
		pthread_cond_signal(&cv);
	}
	pthread_mutex_unlock(&mu);
	return slot >= 0;
}

static void leave(sb_entry *e)
{
	pthread_mutex_lock(&mu);
	for (int i = 0; i < MAX_ENTRIES; i++)
		if (active[i] == e)
			active[i] = NULL;
	pthread_mutex_unlock(&mu);
}

int sandbox_pcall(content *c, int nargs, int nres, int msgh)
{
	sb_entry e;
	memset(&e, 0, sizeof e);
	e.c = c;
	e.tid = pthread_self();
	e.deadline = c->deadline;
	e.cpu_deadline = c->cpu_deadline;
	e.has_cpu = pthread_getcpuclockid(e.tid, &e.cpu) == 0;
	if (!enter(&e))
		return lua_pcall(c->L, nargs, nres, msgh);
	sb_entry *volatile prev = tl_entry;
	if (sigsetjmp(e.jb, 1)) {
		e.done = 1;
		tl_unsafe = 0;
		tl_entry = prev;
		leave(&e);
		c->dead = 1;
		c->blown |= BLOWN_TIME;
		mk_log(MK_LOG_ERROR, "content-stopped", "line=%d", c->where.line);
		return SANDBOX_ABORTED;
	}
	tl_entry = &e;
	int st = lua_pcall(c->L, nargs, nres, msgh);
	e.done = 1;
	tl_entry = prev;
	leave(&e);
	return st;
}

void content_on_stuck(content_stuck_fn fn, void *ud)
{
	pthread_mutex_lock(&mu);
	stuck_fn = fn;
	stuck_ud = ud;
	pthread_mutex_unlock(&mu);
}

void sandbox_watchdog_graces(unsigned hook_ms, unsigned abort_ms, unsigned stuck_ms)
{
	pthread_mutex_lock(&mu);
	grace_ms[0] = hook_ms;
	grace_ms[1] = abort_ms;
	grace_ms[2] = stuck_ms;
	pthread_mutex_unlock(&mu);
}
