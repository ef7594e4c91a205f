/* SPDX-License-Identifier: MIT */
/*
 * Software updates on the kiosk, the app's half (issue 20; README,
 * "Software updates"). The sender (src/sync) downloads the package bundle
 * the collector offers into <data>/software-download/N.mkb and checks its
 * size and SHA-256; here the kiosk checks it as rollout.c checks content,
 * with bundle_check, but as a package (BUNDLE_PACKAGE), against its own
 * software_keys and above the highest package it ever took. The app stays
 * unprivileged: it installs nothing. It waits until the kiosk is at rest
 * (app_at_rest, the rule content follows) and hands the package to the
 * root helper, mesokiosk-update, by renaming it to
 * <data>/software/request.mkb; the helper trusts none of it and checks it
 * again. The helper's answer is <data>/software/status ("key value"
 * lines), read once a second; "installed" or "rolled-back" of N make N the
 * highest taken. Once its first frame is on screen the app writes its own
 * package version to <data>/software/started, the helper's sign of life
 * of a new version.
 *
 * What the app took and said is kept in <data>/software-state/state, and
 * versions refused for good (by the app, the helper, or rolled back) in
 * <data>/software-state/rejected, so a restart says the same in its first
 * heartbeat and never takes them again. Every step is one log line
 * (software-package-...); a refusal or a rollback is also the staff's
 * badge and a heartbeat event. Patients never see any of it.
 */
#include "app.h"
#include "bundle.h"
#include "sync.h"
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef MK_PACKAGE_VERSION
#define MK_PACKAGE_VERSION MK_VERSION
#endif

/* HELPER_WAIT_MS: a request the helper has not taken by then says so. */
enum { LOOK_MS = 1000, PROBLEM_MAX = 200, STATUS_MAX = 4096, HELPER_WAIT_MS = 5 * 60 * 1000 };

struct software {
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	int n_keys;
	char keys_problem[PROBLEM_MAX + 1]; /* why software_keys gave no key */
	char *door;                 /* <data>/software: the helper's door */
	char *own;                  /* <data>/software-state: the app's own */
	long long taken, offered;   /* kept in <own>/state */
	char state[16];
	char problem[PROBLEM_MAX + 1];
	long long waiting;          /* checked, waiting for the kiosk at rest */
	char wait_path[4096];
	char status_bad[64];        /* a status file not understood, logged once */
	int started;                /* <door>/started written */
	uint64_t handed_ms;         /* when it was handed over (or the app started) */
	uint64_t next_look;
	char path_buf[4096];
#ifdef MK_TESTING
	long long test_n;           /* the driver's offer */
	char test_path[4096];
#endif
};

/* ---- "key value" lines: the helper's status and the app's own state */

/* The value of key in text (the rest of its line, at most cap - 1
 * bytes), or NULL when no line starts with key and a space. */
static char *kv(const char *text, const char *key, char *out, size_t cap)
{
	size_t k = strlen(key);
	const char *line = text;
	while (*line && (strncmp(line, key, k) || line[k] != ' ')) {
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	if (!*line)
		return NULL;
	size_t n = strcspn(line + k + 1, "\n");
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), line + k + 1);
	return out;
}

static long long kv_num(const char *text, const char *key)
{
	char buf[32], *end;
	long long n = kv(text, key, buf, sizeof buf) ? strtoll(buf, &end, 10) : 0;
	return n > 0 && !*end ? n : 0;
}

static void save(struct software *s)
{
	char buf[512], *p = mk_path_join(s->own, "state");
	int n = snprintf(buf, sizeof buf, "taken %lld\nstate %s\noffered %lld\nproblem %s\n", s->taken,
			 s->state, s->offered, s->problem);
	if (!p || mk_mkdir_p(s->own, 0700) != 0 || mk_write_atomic(p, buf, (size_t)n) != 0)
		mk_log(MK_LOG_ERROR, "software-package-state", "error=\"cannot keep what was taken\"");
	free(p);
}

static void load(struct software *s)
{
	char *p = mk_path_join(s->own, "state"), *text = NULL;
	if (p && mk_read_file(p, &text, NULL) == 0) {
		s->taken = kv_num(text, "taken");
		s->offered = kv_num(text, "offered");
		if (!kv(text, "state", s->state, sizeof s->state))
			s->state[0] = 0;
		if (!kv(text, "problem", s->problem, sizeof s->problem))
			s->problem[0] = 0;
	}
	if (!s->state[0] || !strcmp(s->state, "downloading") || !strcmp(s->state, "waiting"))
		/* a package checked before the restart is checked again when
		 * the sender hands it over again */
		snprintf(s->state, sizeof s->state, "current"), s->offered = 0, s->problem[0] = 0;
	free(text);
	free(p);
}

/* ---- What the heartbeat says */

static void report(app *a)
{
	struct software *s = a->loop->soft;
	sync_software_state(a->sync, s->taken, s->state, s->offered, s->problem);
	snprintf(a->sw_state, sizeof a->sw_state, "%s", s->state);
	a->sw_version = s->offered;
}

static void set_state(app *a, const char *state, long long offered, const char *problem)
{
	struct software *s = a->loop->soft;
	snprintf(s->state, sizeof s->state, "%s", state);
	s->offered = offered;
	snprintf(s->problem, sizeof s->problem, "%s", problem ? problem : "");
	save(s);
	report(a);
	a->need_layout = 1;
}

/* Refused for good (by the app, the helper, or rolled back): the reason
 * is kept, logged, the staff's badge and a heartbeat event. */
static void refuse(app *a, const char *state, long long n, const char *why)
{
	struct software *s = a->loop->soft;
	char q[PROBLEM_MAX * 2 + 8], first[PROBLEM_MAX + 1];
	snprintf(first, sizeof first, "%s", why);
	mk_log(MK_LOG_WARN, "software-package-refused", "version=%lld state=%s reason=%s", n, state,
	       mk_log_quote(q, sizeof q, first));
	if (!rollout_rejected_before(s->own, n, q, sizeof q))
		rollout_remember_rejected(s->own, n, first);
	set_state(a, state, n, first);
	snprintf(a->sw_badge, sizeof a->sw_badge, "%lld: %s", n, first);
	sync_event(a->sync, "warn", !strcmp(state, "rolled-back") ? "package-rolled-back"
								   : "package-rejected", a->sw_badge);
}

/* ---- Start */

static void read_keys(app *a, struct software *s)
{
	char q[PROBLEM_MAX * 2 + 8];
	if (!a->cfg.software_keys) {
		snprintf(s->keys_problem, sizeof s->keys_problem,
			 "this kiosk trusts no software publisher: software_keys is not set in kiosk.conf");
		return;
	}
	if (bundle_keys_read(a->cfg.software_keys, s->keys, &s->n_keys) != 0 || s->n_keys == 0) {
		s->n_keys = 0;
		snprintf(s->keys_problem, sizeof s->keys_problem, "software_keys: %s", mk_err_msg());
		mk_log(MK_LOG_ERROR, "software-keys-bad", "error=%s",
		       mk_log_quote(q, sizeof q, s->keys_problem));
	}
}

int software_open(app *a)
{
	struct software *s = calloc(1, sizeof *s);
	if (!s || !(s->door = mk_path_join(a->cfg.data_dir, "software")) ||
	    !(s->own = mk_path_join(a->cfg.data_dir, "software-state"))) {
		if (s)
			free(s->door);
		free(s);
		return mk_err(MK_ENOMEM, "out of memory");
	}
	a->loop->soft = s;
	read_keys(a, s);
	load(s);
	s->handed_ms = mk_now_ms(); /* a package installing: the wait starts again */
	snprintf(a->sw_state, sizeof a->sw_state, "%s", s->state);
	a->sw_version = s->offered;
	if (!strcmp(s->state, "rejected") || !strcmp(s->state, "rolled-back")) /* staff still see it */
		snprintf(a->sw_badge, sizeof a->sw_badge, "%lld: %s", s->offered, s->problem);
	mk_log(MK_LOG_INFO, "software-package", "running=%s taken=%lld state=%s", MK_PACKAGE_VERSION,
	       s->taken, s->state);
	return 0;
}

void software_close(app *a)
{
	struct software *s = a->loop ? a->loop->soft : NULL;
	if (!s)
		return;
	free(s->door);
	free(s->own);
	free(s);
	a->loop->soft = NULL;
}

/* ---- A new package */

/* Checks the package at path offered as version n; 0 when it waits for
 * the kiosk at rest. */
static int take(app *a, long long n, const char *path)
{
	struct software *s = a->loop->soft;
	char why[PROBLEM_MAX + 1];
	if (rollout_rejected_before(s->own, n, why, sizeof why))
		return set_state(a, "rejected", n, why), MK_EPERM; /* said before */
	if (n <= s->taken) {
		snprintf(why, sizeof why, "version %lld is not above version %lld, the highest package taken",
			 n, s->taken);
		return refuse(a, "rejected", n, why), MK_EPERM;
	}
	if (s->n_keys == 0)
		return refuse(a, "rejected", n, s->keys_problem), MK_EPERM;
	bundle_check_opts o = { .keys = (const uint8_t (*)[32])s->keys, .n_keys = s->n_keys,
				.shown = s->taken, .kind = BUNDLE_PACKAGE };
	int rc = bundle_check(path, &o);
	if (rc != 0)
		snprintf(why, sizeof why, "%s", rollout_reason(mk_err_msg(), path));
	else if (o.version != n)
		snprintf(why, sizeof why, "the package bundle is version %lld, offered as version %lld",
			 o.version, n), rc = MK_EINVAL;
	if (rc != 0)
		return refuse(a, "rejected", n, why), rc;
	mk_log(MK_LOG_INFO, "software-package-accepted", "version=%lld package=%s key=%d", n, o.package,
	       o.key_index + 1);
	s->waiting = n;
	snprintf(s->wait_path, sizeof s->wait_path, "%s", path);
	set_state(a, "waiting", n, "");
	return 0;
}

/* The kiosk is at rest: the package goes through the helper's door, a
 * rename (the same file system), readable by the helper (0644 in a 0755
 * folder). */
static void hand_over(app *a)
{
	struct software *s = a->loop->soft;
	long long n = s->waiting;
	char *req = mk_path_join(s->door, "request.mkb"), q[300];
	int ok = req && mk_mkdir_p(s->door, 0755) == 0 && chmod(s->door, 0755) == 0 &&
		 chmod(s->wait_path, 0644) == 0 && rename(s->wait_path, req) == 0;
	s->waiting = 0;
	if (!ok) {
		snprintf(q, sizeof q, "the kiosk cannot hand the package to the installer: %s",
			 strerror(errno));
		mk_log(MK_LOG_ERROR, "software-package-handover", "version=%lld error=\"%s\"", n, strerror(errno));
		set_state(a, "rejected", n, q); /* not for good: offered again, taken again */
	} else {
		mk_log(MK_LOG_INFO, "software-package-handed-over", "version=%lld", n);
		s->handed_ms = mk_now_ms();
		set_state(a, "installing", n, "");
	}
	free(req);
}

/* ---- The helper's answer */

static int helper_state(const char *st)
{
	return !strcmp(st, "installing") || !strcmp(st, "installed") || !strcmp(st, "rejected") ||
	       !strcmp(st, "rolled-back");
}

/* The helper's answer about n, the package handed over: taken in when it
 * says something new. */
static void status_now(app *a, long long n, const char *st, const char *text)
{
	struct software *s = a->loop->soft;
	char problem[PROBLEM_MAX + 1], pkg[64] = "", q[140];
	if (!kv(text, "problem", problem, sizeof problem))
		problem[0] = 0;
	kv(text, "package", pkg, sizeof pkg);
	if (!mk_utf8_valid(problem, strlen(problem)))
		snprintf(problem, sizeof problem, "the installer's reason is not UTF-8 text");
	if (!strcmp(st, s->state) && !strcmp(problem, s->problem))
		return;
	if (!strcmp(st, "installed") || !strcmp(st, "rolled-back"))
		s->taken = n > s->taken ? n : s->taken;
	mk_log(MK_LOG_INFO, "software-package-status", "version=%lld state=%s package=%s", n, st,
	       mk_log_quote(q, sizeof q, pkg));
	if (!strcmp(st, "rejected") || !strcmp(st, "rolled-back"))
		refuse(a, st, n, problem);
	else
		set_state(a, st, n, problem);
	if (!strcmp(st, "installed"))
		a->sw_badge[0] = 0; /* an older refusal is history */
}

/* An answer about a package handed over before the one offered now (the
 * collector offered a newer one meanwhile): what it installed or rolled
 * back still counts as taken, and a rollback is never taken again. */
static void status_earlier(app *a, long long n, const char *st)
{
	struct software *s = a->loop->soft;
	char why[PROBLEM_MAX + 1];
	if ((strcmp(st, "installed") && strcmp(st, "rolled-back")) || n <= s->taken)
		return;
	s->taken = n;
	mk_log(MK_LOG_INFO, "software-package-status", "version=%lld state=%s offered=%lld", n, st,
	       s->offered);
	if (!strcmp(st, "rolled-back") && !rollout_rejected_before(s->own, n, why, sizeof why))
		rollout_remember_rejected(s->own, n, "installed, did not start, rolled back");
	save(s);
	report(a);
}

/* Takes in <door>/status (the helper's, never trusted beyond its form). */
static void read_status(app *a)
{
	struct software *s = a->loop->soft;
	char *p = mk_path_join(s->door, "status"), *text = NULL, st[16];
	size_t len = 0;
	if (!p || mk_read_regular(p, STATUS_MAX, &text, &len) != 0) {
		free(p);
		return;
	}
	long long n = kv_num(text, "version");
	if (!kv(text, "state", st, sizeof st) || !helper_state(st) || n <= 0) {
		if (strncmp(s->status_bad, text, sizeof s->status_bad - 1))
			mk_log(MK_LOG_WARN, "software-status-bad", "reason=\"no known state and version\"");
		snprintf(s->status_bad, sizeof s->status_bad, "%.63s", text);
	} else if (n == s->offered && (!strcmp(s->state, "installing") || !strcmp(s->state, "installed"))) {
		status_now(a, n, st, text);
	} else {
		status_earlier(a, n, st);
	}
	free(text);
	free(p);
}

/* A request nobody took: the helper's path unit is not watching (a kiosk
 * set up without it, or it was stopped). The package stays where it is,
 * so the helper takes it once IT starts the unit, and the heartbeat says
 * what to look at meanwhile. */
static void helper_absent(app *a, uint64_t now)
{
	struct software *s = a->loop->soft;
	if (strcmp(s->state, "installing") || s->problem[0] || now < s->handed_ms + HELPER_WAIT_MS)
		return;
	char *req = mk_path_join(s->door, "request.mkb");
	if (req && mk_is_file(req)) {
		mk_log(MK_LOG_WARN, "software-helper-absent", "version=%lld", s->offered);
		set_state(a, "installing", s->offered, "no installer has taken the package for 5 "
			  "minutes: is mesokiosk-update.path running? (systemctl status "
			  "mesokiosk-update.path)");
	}
	free(req);
}

/* The sign of life for the helper, once the first frame is on screen. */
static void write_started(app *a)
{
	struct software *s = a->loop->soft;
	char *p = mk_path_join(s->door, "started");
	const char *v = MK_PACKAGE_VERSION "\n";
	s->started = 1;
	if (!p || mk_mkdir_p(s->door, 0755) != 0 || mk_write_atomic(p, v, strlen(v)) != 0 ||
	    chmod(p, 0644) != 0)
		mk_log(MK_LOG_ERROR, "software-started", "error=\"cannot write %s\"", p ? p : "started");
	else
		mk_log(MK_LOG_INFO, "software-started", "package=%s", MK_PACKAGE_VERSION);
	free(p);
}

/* The sender's ready package, or the driver's. */
static int offered(app *a, long long *n, const char **path)
{
	struct software *s = a->loop->soft;
	int64_t v = 0;
#ifdef MK_TESTING
	if (s->test_n) {
		*n = s->test_n, *path = s->test_path;
		s->test_n = 0;
		return 1;
	}
#endif
	if (!sync_package_ready(a->sync, &v, s->path_buf, sizeof s->path_buf))
		return 0;
	*n = (long long)v, *path = s->path_buf;
	return 1;
}

void software_tick(app *a)
{
	struct software *s = a->loop ? a->loop->soft : NULL;
	long long n;
	const char *path;
	uint64_t now = mk_now_ms();
	if (!s)
		return;
	if (!s->started && a->loop->ready_sent)
		write_started(a);
	if (s->waiting && app_at_rest(a))
		hand_over(a);
	if (now < s->next_look)
		return;
	s->next_look = now + LOOK_MS;
	read_status(a);
	helper_absent(a, now);
	if (offered(a, &n, &path))
		take(a, n, path);
	else
		report(a); /* the sender may have started since: it hears the state once a second */
}

#ifdef MK_TESTING
void software_test_offer(app *a, const char *path, long long version)
{
	struct software *s = a->loop->soft;
	snprintf(s->test_path, sizeof s->test_path, "%s", path);
	s->test_n = version;
	s->next_look = 0;
}

void software_test_now(app *a)
{
	a->loop->soft->next_look = 0;
}

void software_test_state(app *a, char state[16], long long *taken, long long *offered_n,
			 char problem[201])
{
	struct software *s = a->loop->soft;
	snprintf(state, 16, "%s", s->state);
	*taken = s->taken, *offered_n = s->offered;
	snprintf(problem, 201, "%s", s->problem);
}
#endif
