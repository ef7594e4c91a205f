/* SPDX-License-Identifier: MIT */
/*
 * One run of the kiosk binary for vet: fork, the child's own process
 * group, rlimits, the walls of vet_jail.c, a scratch folder as its cwd and
 * HOME, stdin from /dev/null, stdout and stderr into one pipe, then exec
 * with an environment of only what the kiosk needs (never the collector's
 * own: no proxies, no tokens, no database URI).
 *
 * The parent reads the pipe into a bounded buffer (a child that prints
 * without end is not kept in memory), and enforces the wall-clock limit
 * itself: at the deadline the whole group gets SIGKILL, so neither a loop
 * nor a grandchild outlives the check. RLIMIT_CPU, RLIMIT_FSIZE and the
 * memory limit are the kernel's; which of them ended a child is read from
 * how it ended, and said in the error, so staff read "ran longer than 60
 * s" rather than "failed".
 *
 * Under AddressSanitizer (the test build) the kiosk maps terabytes of
 * shadow memory, which RLIMIT_AS would refuse: there the memory limit is
 * ASan's own hard_rss_limit_mb instead.
 */
#include "core.h"
#include "vet_int.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define VET_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VET_ASAN 1
#endif
#endif

#define ENV_MAX 12

/* The environment: what the headless kiosk needs, nothing inherited but
 * the sanitizers' settings. */
static int make_env(const vet_run_opts *o, char *env[ENV_MAX], char asan[512])
{
	static const char *const fixed[] = { "SDL_VIDEODRIVER=dummy", "SDL_AUDIODRIVER=dummy",
		"LANG=C.UTF-8", "PATH=/usr/bin:/bin" };
	int n = 0;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		env[n++] = (char *)fixed[i];
	if (!(env[n++] = mk_asprintf("HOME=%s", o->dir)) || !(env[n++] = mk_asprintf("TMPDIR=%s", o->dir)))
		return MK_ENOMEM;
	const char *ubsan = getenv("UBSAN_OPTIONS"), *lsan = getenv("LSAN_OPTIONS");
	if (ubsan && !(env[n++] = mk_asprintf("UBSAN_OPTIONS=%s", ubsan)))
		return MK_ENOMEM;
	if (lsan && !(env[n++] = mk_asprintf("LSAN_OPTIONS=%s", lsan)))
		return MK_ENOMEM;
#ifdef VET_ASAN
	const char *a = getenv("ASAN_OPTIONS");
	snprintf(asan, 512, "ASAN_OPTIONS=%s%shard_rss_limit_mb=%lld", a ? a : "", a && *a ? ":" : "",
		 (long long)(o->mem_limit >> 20));
	env[n++] = asan;
#else
	(void)asan;
#endif
	env[n] = NULL;
	return 0;
}

static void free_env(char *env[ENV_MAX])
{
	for (int i = 4; i < ENV_MAX && env[i]; i++)
		if (strncmp(env[i], "ASAN_OPTIONS=", 13))
			free(env[i]);
}

static void limit(int what, rlim_t soft, rlim_t hard)
{
	struct rlimit r = { soft, hard };
	setrlimit(what, &r);
}

/* In the child: never returns. Reports on fd st what the walls gave (two
 * bytes), or why exec failed (an errno after them). */
static void child(const vet_run_opts *o, char *const argv[], char *const env[], int out, int st,
		  const vet_jail_prep *jail)
{
	int net, fs, null = open("/dev/null", O_RDONLY | O_CLOEXEC), e;
	char flags[2];
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL); /* the collector gone, the check is too */
	if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0 || chdir(o->dir) != 0)
		goto fail;
	/* No descriptor of the collector's (its database, its sockets) gets
	 * through exec, even one opened without O_CLOEXEC: Landlock does not
	 * stop writes to what is already open. */
	if (close_range(3, ~0u, CLOSE_RANGE_CLOEXEC) != 0)
		for (int fd = 3; fd < 4096; fd++)
			fcntl(fd, F_SETFD, FD_CLOEXEC);
	limit(RLIMIT_CORE, 0, 0);
	limit(RLIMIT_NOFILE, VET_FILES_OPEN, VET_FILES_OPEN);
	limit(RLIMIT_FSIZE, (rlim_t)VET_FILE_MAX, (rlim_t)VET_FILE_MAX);
	/* A backstop: the wall-clock limit comes first for a loop on one core. */
	limit(RLIMIT_CPU, 2 * (rlim_t)o->time_limit_s + 5, 2 * (rlim_t)o->time_limit_s + 10);
#ifndef VET_ASAN
	limit(RLIMIT_AS, (rlim_t)o->mem_limit, (rlim_t)o->mem_limit);
#endif
	vet_jail_enter(jail, o->dir, &net, &fs);
	flags[0] = (char)('0' + net), flags[1] = (char)('0' + fs);
	if (write(st, flags, 2) != 2)
		_exit(127);
	execve(o->bin, argv, env);
fail:
	e = errno;
	if (write(st, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reads what is there into r (the rest beyond VET_OUT_MAX is dropped):
 * 1 read some, 2 nothing yet, 0 the end of the output. */
static int take(int fd, vet_run_result *r)
{
	char buf[8192];
	ssize_t n = read(fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 2;
	if (n <= 0)
		return 0;
	size_t keep = r->n_out + (size_t)n > VET_OUT_MAX ? VET_OUT_MAX - r->n_out : (size_t)n;
	memcpy(r->out + r->n_out, buf, keep);
	r->n_out += keep;
	r->out[r->n_out] = 0;
	return 1;
}

/* Waits for the child, reading its output, until it ends or the deadline
 * passes (then the group is killed). 1 when the deadline ended it. */
static int await(pid_t pid, int fd, double deadline, int *status, struct rusage *ru,
		 vet_run_result *r)
{
	int open_fd = 1;
	for (;;) {
		pid_t w = wait4(pid, status, WNOHANG, ru);
		if (w == pid)
			break;
		double left = deadline - now_s();
		if (left <= 0) {
			kill(-pid, SIGKILL);
			while (wait4(pid, status, 0, ru) < 0 && errno == EINTR)
				;
			return 1;
		}
		struct pollfd p = { fd, POLLIN, 0 };
		int ms = left > 0.05 ? 50 : (int)(left * 1000) + 1;
		if (open_fd && poll(&p, 1, ms) > 0)
			open_fd = take(fd, r) != 0;
		else if (!open_fd)
			poll(NULL, 0, ms);
	}
	kill(-pid, SIGKILL); /* anything it left behind */
	fcntl(fd, F_SETFL, O_NONBLOCK);
	while (open_fd && take(fd, r) == 1)
		;
	return 0;
}

/* A failed allocation under RLIMIT_AS is an error the kiosk reports (or
 * ASan's RSS limit, which says so), or a crash in code that did not
 * check; a child that exits with an error at half its memory has said
 * something else and is taken at its word. */
static int ran_out_of_memory(const vet_run_opts *o, const vet_run_result *r, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (strstr(r->out, "rss limit exhausted") || strcasestr(r->out, "out of memory") ||
	    strstr(r->out, "Cannot allocate memory") || strstr(r->out, "memory exhausted"))
		return 1;
	return WIFSIGNALED(status) && r->max_rss_kb * 1024ll > o->mem_limit / 2;
}

/* How it ended: 0 by itself, or MK_ELIMIT naming the limit. */
static int verdict(const vet_run_opts *o, vet_run_result *r, int status, int timed_out)
{
	const char *name = "the kiosk";
	if (timed_out)
		return mk_err(MK_ELIMIT, "%s ran longer than its time limit of %d s and was stopped",
			      name, o->time_limit_s);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)
		return mk_err(MK_ELIMIT, "%s used more than %d s of processor time (twice its time "
			      "limit, on several cores) and was stopped", name, 2 * o->time_limit_s + 5);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ)
		return mk_err(MK_ELIMIT, "%s wrote a file larger than the limit of %lld MiB and was "
			      "stopped", name, VET_FILE_MAX >> 20);
	if (ran_out_of_memory(o, r, status))
		return mk_err(MK_ELIMIT, "%s ran out of memory: it may use at most %lld MiB",
			      name, (long long)(o->mem_limit >> 20));
	if (WIFSIGNALED(status))
		return mk_err(MK_EIO, "%s crashed (signal %d)", name, WTERMSIG(status));
	r->exit_code = WEXITSTATUS(status);
	return 0;
}

/* What the child said on its status pipe before exec: 0, or MK_EIO when
 * exec failed. */
static int started(const vet_run_opts *o, int st, vet_run_result *r)
{
	char buf[2 + sizeof(int)];
	ssize_t n, got = 0;
	while ((n = read(st, buf + got, sizeof buf - (size_t)got)) > 0 || (n < 0 && errno == EINTR))
		got += n > 0 ? n : 0;
	if (got >= 2)
		r->net_isolated = buf[0] == '1', r->fs_confined = buf[1] == '1';
	if (got == 2)
		return 0;
	int e = 0;
	if (got == (ssize_t)sizeof buf)
		memcpy(&e, buf + 2, sizeof e);
	else if (got == (ssize_t)sizeof e)
		memcpy(&e, buf, sizeof e);
	return mk_err(MK_EIO, "cannot run %s: %s", o->bin, e ? strerror(e) : "it did not start");
}

static int spawn(const vet_run_opts *o, char *const argv[], char *const env[], vet_run_result *r)
{
	int out[2], st[2], status = 0, rc;
	struct rusage ru = { 0 };
	vet_jail_prep jail;
	double t0 = now_s();
	vet_jail_prepare(&jail);
	if (pipe2(out, O_CLOEXEC) != 0)
		return mk_err(MK_EIO, "pipe: %s", strerror(errno));
	if (pipe2(st, O_CLOEXEC) != 0) {
		close(out[0]), close(out[1]);
		return mk_err(MK_EIO, "pipe: %s", strerror(errno));
	}
	pid_t pid = fork();
	if (pid == 0)
		child(o, argv, env, out[1], st[1], &jail);
	close(out[1]), close(st[1]);
	if (pid < 0) {
		close(out[0]), close(st[0]);
		return mk_err(MK_EIO, "fork: %s", strerror(errno));
	}
	setpgid(pid, pid); /* before any kill(-pid), whichever side ran first */
	rc = started(o, st[0], r);
	close(st[0]);
	int timed_out = await(pid, out[0], t0 + o->time_limit_s, &status, &ru, r);
	close(out[0]);
	r->seconds = now_s() - t0;
	r->max_rss_kb = ru.ru_maxrss;
	return rc ? rc : verdict(o, r, status, timed_out);
}

int vet_run(const vet_run_opts *o, vet_run_result *r)
{
	char *env[ENV_MAX] = { 0 }, asan[512];
	const char *argv[64];
	int n = 0, rc;
	memset(r, 0, sizeof *r);
	if (!(r->out = calloc(1, VET_OUT_MAX + 1)))
		return mk_err(MK_ENOMEM, "out of memory");
	argv[n++] = o->bin;
	for (int i = 0; o->args[i] && n < 63; i++)
		argv[n++] = o->args[i];
	argv[n] = NULL;
	rc = make_env(o, env, asan);
	if (rc == 0)
		rc = spawn(o, (char *const *)argv, env, r);
	else
		mk_err(MK_ENOMEM, "out of memory");
	free_env(env);
	return rc;
}

void vet_run_free(vet_run_result *r)
{
	free(r->out);
	r->out = NULL;
}
