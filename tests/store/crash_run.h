/* SPDX-License-Identifier: MIT */
/*
 * What the crash tests share: run a writer process over a data folder, kill
 * it with SIGKILL after a delay, and keep every complete UUID line it
 * printed (each one a save the store confirmed before the kill).
 */
#ifndef MK_CRASH_RUN_H
#define MK_CRASH_RUN_H

#include "../check.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	char (*uuids)[37];
	int n, max;
} crash_log;

static inline void crash_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Keeps each complete line of 36 characters; a torn last line (there
 * should be none: one short write to a pipe is atomic) is dropped. */
static inline void crash_collect(int fd, crash_log *log)
{
	static char buf[1 << 16];
	size_t have = 0;
	ssize_t got;
	while ((got = read(fd, buf + have, sizeof buf - have)) > 0 || (got < 0 && errno == EINTR)) {
		have += got > 0 ? (size_t)got : 0;
		char *line = buf, *nl;
		while ((nl = memchr(line, '\n', have - (size_t)(line - buf))) != NULL) {
			if (nl - line == 36 && log->n < log->max)
				snprintf(log->uuids[log->n++], 37, "%.36s", line);
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
	}
}

/* One run of `writer dir [mode]`, killed after delay_ms; returns 1 if it
 * was killed, 0 if it stopped by itself (a failed check). */
static inline int crash_run(const char *writer, const char *dir, const char *mode, int delay_ms,
			    crash_log *log)
{
	int fds[2], status = 0;
	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(writer, writer, dir, mode, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	crash_sleep_ms(delay_ms);
	kill(pid, SIGKILL);
	crash_collect(fds[0], log);
	close(fds[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		  "the writer stopped on its own (status %d): see its message above", status);
	return WIFSIGNALED(status);
}

/* The whole kill loop: seeds rand (MK_CRASH_SEED=N replays a run, the
 * seed is printed), then runs the writer `runs` times over dir, killing it
 * after base_ms + up to spread_ms. Returns how many runs saved something;
 * *killed counts the runs that ended by the kill. */
static inline int crash_loop(const char *writer, const char *dir, const char *mode, int runs,
			     int base_ms, int spread_ms, crash_log *log, int *killed)
{
	const char *env = getenv("MK_CRASH_SEED");
	unsigned seed = env ? (unsigned)strtoul(env, NULL, 10) : (unsigned)time(NULL) ^ (unsigned)getpid();
	int productive = 0;
	printf("seed %u (MK_CRASH_SEED=%u replays it)\n", seed, seed);
	srand(seed);
	*killed = 0;
	for (int i = 0; i < runs; i++) {
		int before = log->n;
		*killed += crash_run(writer, dir, mode, base_ms + rand() % spread_ms, log);
		productive += log->n > before;
	}
	return productive;
}

#endif
