/* SPDX-License-Identifier: MIT */
/*
 * Clocks. The app asks mk_now_ms() for everything time-driven (idle timer,
 * animations, momentum); the UI driver switches it to a virtual clock so a
 * test of a 90-second idle timeout takes no real time and gives the same
 * result on every run.
 */
#include "core.h"
#include <time.h>

static int clock_virtual;
static uint64_t clock_virtual_ms = 1000;
static int64_t wall_base_s = -1; /* virtual wall time at wall_base_ms, -1: real */
static uint64_t wall_base_ms;

uint64_t mk_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t mk_thread_cpu_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return mk_mono_ns();
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t mk_now_ms(void)
{
	return clock_virtual ? clock_virtual_ms : mk_mono_ns() / 1000000u;
}

void mk_clock_virtual(int on)
{
	clock_virtual = on;
}

int mk_clock_is_virtual(void)
{
	return clock_virtual;
}

void mk_clock_advance(uint64_t ms)
{
	clock_virtual_ms += ms;
}

int64_t mk_wall_s(void)
{
	if (clock_virtual && wall_base_s >= 0)
		return wall_base_s + (int64_t)((clock_virtual_ms - wall_base_ms) / 1000u);
	return (int64_t)time(NULL);
}

void mk_clock_set_wall(int64_t s)
{
	wall_base_s = s;
	wall_base_ms = clock_virtual_ms;
}
