/* SPDX-License-Identifier: MIT */
/*
 * `mesokiosk session`: the kiosk's whole graphical session, as the systemd
 * unit starts it. It reads kiosk.conf for what only the compositor can do
 * (turn the screen, choose among several screens), then runs
 *
 *     cage -s [-r ...] [-m last] -- mesokiosk --lockdown [the same options]
 *
 * and stays cage's parent, for two reasons.
 *
 * A clean stop. cage 0.1.4 (Debian 12) aborts on SIGTERM, in
 * wl_display_terminate (cage issue #339), so `systemctl stop` would leave the
 * unit "failed". The unit sends SIGTERM to this process only
 * (KillMode=mixed); we pass it to the app, the app closes as on any quit,
 * and cage ends by itself when its one client has gone.
 *
 * One place for the settings. Rotation lives in kiosk.conf with every other
 * setting and is checked by the same parser; a mistake there is reported as
 * file:line by the app, on screen and in the log, while cage starts the
 * screen upright rather than not at all.
 *
 * The app finds its own copy among cage's children by its executable, so no
 * pid file is needed. When the watchdog fires, systemd sends SIGABRT here:
 * the app is frozen, so it is killed outright and cage follows it.
 */
#include "app.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define STOP_WAIT_S 8 /* inside the unit's TimeoutStopSec=10s */

/* The app's pids: cage's children running this same binary. */
static int app_pids(pid_t cage, pid_t *out, int max)
{
	char path[64], self[4096], exe[4096], buf[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	int found = 0;
	FILE *f;
	if (n <= 0)
		return 0;
	self[n] = 0;
	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)cage, (int)cage);
	if (!(f = fopen(path, "r")))
		return 0;
	if (fgets(buf, sizeof buf, f)) {
		for (char *tok = strtok(buf, " \n"); tok && found < max; tok = strtok(NULL, " \n")) {
			snprintf(path, sizeof path, "/proc/%s/exe", tok);
			n = readlink(path, exe, sizeof exe - 1);
			if (n > 0 && (exe[n] = 0, !strcmp(exe, self)))
				out[found++] = (pid_t)atoi(tok);
		}
	}
	fclose(f);
	return found;
}

/* Sends sig to the app; to cage itself when no app is found (it has not
 * started one yet, or it already ended). */
static void signal_app(pid_t cage, int sig)
{
	pid_t apps[4];
	int n = app_pids(cage, apps, 4);
	for (int i = 0; i < n; i++)
		kill(apps[i], sig);
	if (!n)
		kill(cage, sig == SIGKILL ? SIGKILL : SIGTERM);
}

/* The status systemd should see for how cage ended. */
static int exit_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

static char **cage_argv(const app_config *cfg, int argc, char **argv, const char *self)
{
	char **v = calloc((size_t)argc + 12, sizeof *v);
	int n = 0;
	if (!v)
		return NULL;
	v[n++] = "cage";
	v[n++] = "-s"; /* a technician may switch to a text console */
	for (int r = 0; r < cfg->rotation / 90; r++)
		v[n++] = "-r";
	if (cfg->outputs_last)
		v[n++] = "-m", v[n++] = "last";
	v[n++] = "--";
	v[n++] = (char *)self;
	v[n++] = "--lockdown";
	for (int i = 2; i < argc; i++)
		v[n++] = argv[i];
	return v;
}

/* Waits for cage, handling stop and watchdog signals; returns the exit
 * status for systemd. */
static int supervise(pid_t cage, const sigset_t *set)
{
	int stopping = 0, st;
	struct timespec tick = { 1, 0 };
	time_t deadline = 0;
	for (;;) {
		siginfo_t si;
		int sig = sigtimedwait(set, &si, &tick);
		pid_t w = waitpid(cage, &st, WNOHANG);
		if (w == cage) {
			int rc = exit_status(st);
			mk_log(rc && !stopping ? MK_LOG_ERROR : MK_LOG_INFO, "session-end",
			       "cage_status=%d stopping=%d", rc, stopping);
			return stopping ? 0 : (rc ? rc : 1); /* unasked, even a clean end is a restart */
		}
		if (sig == SIGTERM || sig == SIGINT) {
			if (!stopping)
				mk_log(MK_LOG_INFO, "session-stop", "signal=%d", sig);
			stopping = 1;
			deadline = time(NULL) + STOP_WAIT_S;
			signal_app(cage, SIGTERM);
		} else if (sig == SIGABRT) {
			mk_log(MK_LOG_ERROR, "session-watchdog", "action=kill");
			signal_app(cage, SIGKILL);
			stopping = 1;
			deadline = time(NULL) + 2;
		}
		if (deadline && time(NULL) >= deadline) {
			mk_log(MK_LOG_WARN, "session-kill", "reason=%s", "did-not-stop");
			kill(cage, SIGKILL);
			signal_app(cage, SIGKILL);
			deadline = time(NULL) + 2;
		}
		if (w < 0 && errno == ECHILD)
			return stopping ? 0 : 1;
	}
}

int session_run(const app_config *cfg, int argc, char **argv)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	sigset_t set;
	char **v;
	pid_t cage;
	if (n <= 0)
		return fprintf(stderr, "mesokiosk: session: cannot find this program: %s\n",
			       strerror(errno)), 1;
	self[n] = 0;
	if (!(v = cage_argv(cfg, argc, argv, self)))
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGABRT);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	char line[512] = "";
	for (int i = 0; v[i] && strlen(line) + strlen(v[i]) + 2 < sizeof line; i++)
		strcat(strcat(line, i ? " " : ""), v[i]);
	mk_log(MK_LOG_INFO, "session-start", "rotation=%d outputs=%s command=%s", cfg->rotation,
	       cfg->outputs_last ? "last" : "extend", mk_log_quote((char[600]){ 0 }, 600, line));
	if ((cage = fork()) < 0) {
		free(v);
		return fprintf(stderr, "mesokiosk: session: fork: %s\n", strerror(errno)), 1;
	}
	if (cage == 0) {
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		/* systemd names the unit's main process (this one) in
		 * WATCHDOG_PID; the app reads WATCHDOG_USEC alone. */
		unsetenv("WATCHDOG_PID");
		execvp("cage", v);
		fprintf(stderr, "mesokiosk: session: cannot run cage: %s (install the package "
			"\"cage\")\n", strerror(errno));
		_exit(127);
	}
	free(v);
	return supervise(cage, &set);
}
