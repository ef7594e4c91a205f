/* SPDX-License-Identifier: MIT */
/*
 * Signed content bundles on the kiosk. The sender (src/sync) downloads the
 * bundle the collector offers and checks its size and SHA-256; it never
 * trusts it. Here the kiosk checks it against its own content_keys with
 * bundle_check, which unpacks only a bundle that passes, and only into a
 * new folder, <data>/content-bundles/N/: nothing of a refused bundle ever
 * reaches a folder that is shown. An accepted bundle waits ("waiting")
 * until the kiosk is at rest (the attract screen, or the start page nobody
 * has touched: no patient signed in, no report open, staff mode closed),
 * because content that changes under a patient's finger is worse than
 * content a minute late. Then the hot reload loads it on the side
 * (reload_switch) and shows it only when clean, on trial under the crash
 * guard like any change.
 *
 * What was shown is kept in <data>/content-bundles/shown (the version on
 * screen, the one before it, the highest ever taken), so a restart shows
 * the newest bundle, a bundle that crashed the kiosk twice falls back to
 * the one before, and no version at or below the highest is taken again
 * (a rollback is a new, higher version). Versions refused for good are
 * listed in <data>/content-bundles/rejected with their reason. The
 * folders of the bundle on screen and the one before stay; older ones go.
 *
 * Every refusal is one log line (content-bundle-rejected version=N
 * reason=...) and the staff badge; the first problem goes to the next
 * heartbeat. Bundles hold content, never patient data, and so do reasons.
 */
#include "app.h"
#include "bundle.h"
#include "guard.h"
#include "sync.h"
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LOOK_MS = 1000, GUARD_TRIES = 2, PROBLEM_MAX = 200 };

struct rollout {
	uint8_t keys[BUNDLE_MAX_KEYS][32];
	int n_keys;
	char keys_problem[PROBLEM_MAX + 1]; /* why content_keys gave no key */
	char *dir;                 /* <data>/content-bundles */
	long long shown, prev, high; /* kept in <dir>/shown */
	char state[16];
	long long offered;
	char problem[PROBLEM_MAX + 1];
	long long waiting;         /* an accepted bundle waiting for the attract screen */
	uint64_t next_look;
	char path_buf[4096];
	char start_dir[4096], prev_dir[4096];
#ifdef MK_TESTING
	long long test_n;          /* the driver's offer */
	char test_path[4096];
#endif
};

/* ---- What is kept on disk */

static char *bundle_dir(const struct rollout *r, long long n)
{
	return mk_asprintf("%s/%lld", r->dir, n);
}

/* The state goes with it, so a restart says the same in its first
 * heartbeat (a rejection is not lost, a bundle waiting still waits). */
static void save(struct rollout *r)
{
	char buf[512], *p = mk_path_join(r->dir, "shown");
	int n = snprintf(buf, sizeof buf, "shown %lld\nprev %lld\nhigh %lld\nstate %s\noffered %lld\n"
			 "problem %s\n", r->shown, r->prev, r->high, r->state[0] ? r->state : "showing",
			 r->offered, r->problem);
	if (!p || mk_mkdir_p(r->dir, 0700) != 0 || mk_write_atomic(p, buf, (size_t)n) != 0)
		mk_log(MK_LOG_ERROR, "content-bundle-state", "error=\"cannot keep what is shown\"");
	free(p);
}

static void load(struct rollout *r)
{
	char *p = mk_path_join(r->dir, "shown"), *text = NULL, *problem;
	int used = 0;
	if (!p || mk_read_file(p, &text, NULL) != 0) {
		free(p);
		return;
	}
	if (sscanf(text, "shown %lld prev %lld high %lld state %15s offered %lld problem%n",
		   &r->shown, &r->prev, &r->high, r->state, &r->offered, &used) != 5 || !used) {
		r->shown = r->prev = r->high = r->offered = 0;
		r->state[0] = 0;
	} else {
		problem = text + used + strspn(text + used, " ");
		problem[strcspn(problem, "\n")] = 0;
		snprintf(r->problem, sizeof r->problem, "%s", problem);
	}
	free(text);
	free(p);
}

char *rollout_rejected_before(const char *dir, long long n, char *why, size_t cap)
{
	char *p = mk_path_join(dir, "rejected"), *text = NULL, *found = NULL;
	if (p && mk_read_file(p, &text, NULL) == 0) {
		char *save_p = NULL;
		for (char *line = strtok_r(text, "\n", &save_p); line && !found;
		     line = strtok_r(NULL, "\n", &save_p)) {
			char *rest;
			if (strtoll(line, &rest, 10) == n && *rest == ' ')
				found = why, snprintf(why, cap, "%s", rest + 1);
		}
	}
	free(text);
	free(p);
	return found;
}

void rollout_remember_rejected(const char *dir, long long n, const char *why)
{
	char *p = mk_path_join(dir, "rejected"), *text = NULL, *more;
	size_t len = 0;
	if (!p || mk_mkdir_p(dir, 0700) != 0) {
		free(p);
		return;
	}
	if (mk_read_file(p, &text, &len) != 0)
		text = NULL, len = 0;
	more = mk_asprintf("%.*s%lld %s\n", (int)len, text ? text : "", n, why);
	if (!more || mk_write_atomic(p, more, strlen(more)) != 0)
		mk_log(MK_LOG_ERROR, "bundle-state", "dir=%s error=\"cannot keep a refused version\"", dir);
	free(more);
	free(text);
	free(p);
}

/* Removes bundle folders other than the one shown and the one before. */
static void prune(struct rollout *r)
{
	DIR *d = opendir(r->dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		char *end;
		long long n = strtoll(de->d_name, &end, 10);
		/* Leftovers of an unpacking cut short are named N.something. */
		if (de->d_name[0] < '0' || de->d_name[0] > '9' ||
		    (!*end && (n == r->shown || n == r->prev || n == r->waiting)))
			continue;
		char *p = mk_path_join(r->dir, de->d_name);
		mk_remove_tree(p);
		free(p);
	}
	if (d)
		closedir(d);
}

/* ---- What the heartbeat says */

static void report(app *a)
{
	struct rollout *r = a->loop->roll;
	sync_content_state(a->sync, r->shown, r->state, r->offered, r->problem);
}

static void set_state(app *a, const char *state, long long offered, const char *problem)
{
	struct rollout *r = a->loop->roll;
	snprintf(r->state, sizeof r->state, "%s", state);
	r->offered = offered;
	snprintf(r->problem, sizeof r->problem, "%s", problem ? problem : "");
	save(r);
	report(a);
}

static void reject(app *a, long long n, const char *why)
{
	struct rollout *r = a->loop->roll;
	char q[PROBLEM_MAX * 2 + 8], first[PROBLEM_MAX + 1];
	snprintf(first, sizeof first, "%s", why);
	mk_log(MK_LOG_WARN, "content-bundle-rejected", "version=%lld reason=%s", n,
	       mk_log_quote(q, sizeof q, first));
	if (!rollout_rejected_before(r->dir, n, q, sizeof q))
		rollout_remember_rejected(r->dir, n, first);
	set_state(a, "rejected", n, first);
	snprintf(a->badge, sizeof a->badge, "bundle version %lld: %s", n, first);
	sync_event(a->sync, "warn", "content-rejected", a->badge);
	a->need_layout = 1;
}

/* ---- Start */

static int read_keys(app *a, struct rollout *r)
{
	if (!a->cfg.content_keys)
		return snprintf(r->keys_problem, sizeof r->keys_problem,
				"this kiosk trusts no publisher: content_keys is not set in kiosk.conf"), 0;
	if (bundle_keys_read(a->cfg.content_keys, r->keys, &r->n_keys) != 0 || r->n_keys == 0) {
		r->n_keys = 0;
		snprintf(r->keys_problem, sizeof r->keys_problem, "content_keys: %s", mk_err_msg());
		char q[PROBLEM_MAX * 2 + 8];
		mk_log(MK_LOG_ERROR, "content-keys-bad", "error=%s",
		       mk_log_quote(q, sizeof q, r->keys_problem));
		snprintf(a->badge, sizeof a->badge, "%s", r->keys_problem);
	}
	return 0;
}

/* Content that crashed the kiosk twice on trial is not tried again. */
static int crashed(app *a, const char *dir)
{
	return guard_crashed_before(a->cfg.data_dir, guard_fingerprint(dir)) >= GUARD_TRIES;
}

/* The bundle shown last, unless it is gone or stopped the kiosk twice:
 * then the one before it (rejected for good), or the configured folder. */
static void choose_start(app *a, struct rollout *r)
{
	char *dir = r->shown > 0 ? bundle_dir(r, r->shown) : NULL;
	if (dir && mk_is_dir(dir) && crashed(a, dir)) {
		long long bad = r->shown;
		char *prev = r->prev > 0 ? bundle_dir(r, r->prev) : NULL;
		r->shown = prev && mk_is_dir(prev) && !crashed(a, prev) ? r->prev : 0;
		r->prev = 0;
		save(r);
		reject(a, bad, "the content stopped the kiosk twice; showing the content before it");
		free(prev);
	} else if (dir && !mk_is_dir(dir)) {
		mk_log(MK_LOG_WARN, "content-bundle-missing", "version=%lld", r->shown);
		r->shown = 0;
	}
	free(dir);
	if (r->shown > 0)
		snprintf(r->start_dir, sizeof r->start_dir, "%s/%lld", r->dir, r->shown);
	/* A bundle checked and unpacked before the restart still waits. */
	char *wait = !strcmp(r->state, "waiting") ? bundle_dir(r, r->offered) : NULL;
	if (wait && mk_is_dir(wait))
		r->waiting = r->offered;
	else if (!r->state[0] || wait)
		snprintf(r->state, sizeof r->state, "showing"), r->offered = 0, r->problem[0] = 0;
	free(wait);
}

int rollout_open(app *a)
{
	struct rollout *r = calloc(1, sizeof *r);
	if (!r || !(r->dir = mk_path_join(a->cfg.data_dir, "content-bundles"))) {
		free(r);
		return mk_err(MK_ENOMEM, "out of memory");
	}
	a->loop->roll = r;
	read_keys(a, r);
	load(r);
	choose_start(a, r);
	return 0;
}

void rollout_close(app *a)
{
	struct rollout *r = a->loop ? a->loop->roll : NULL;
	if (!r)
		return;
	free(r->dir);
	free(r);
	a->loop->roll = NULL;
}

const char *rollout_start_dir(app *a)
{
	struct rollout *r = a->loop->roll;
	return r && r->start_dir[0] ? r->start_dir : NULL;
}

const char *rollout_prev_dir(app *a)
{
	struct rollout *r = a->loop->roll;
	if (!r || r->prev <= 0)
		return NULL;
	snprintf(r->prev_dir, sizeof r->prev_dir, "%s/%lld", r->dir, r->prev);
	return r->prev_dir;
}

int rollout_edits_allowed(const app *a)
{
	return a->cfg.local_edits >= 0 ? a->cfg.local_edits : !a->cfg.content_keys;
}

void rollout_local_shown(app *a)
{
	struct rollout *r = a->loop->roll;
	if (!r || r->shown == 0)
		return;
	mk_log(MK_LOG_INFO, "content-bundle-replaced", "version=%lld by=local-edit", r->shown);
	r->prev = r->shown;
	r->shown = 0;
	save(r);
	set_state(a, "showing", 0, "");
}

void rollout_set_aside(app *a, const char *dir, const char *why)
{
	struct rollout *r = a->loop->roll;
	char *mine = r && r->shown > 0 ? bundle_dir(r, r->shown) : NULL;
	if (mine && dir && !strcmp(mine, dir)) {
		long long bad = r->shown;
		char reason[PROBLEM_MAX + 1];
		snprintf(reason, sizeof reason, "%s", why);
		r->shown = r->prev;
		r->prev = 0;
		save(r);
		reject(a, bad, reason);
	}
	free(mine);
}

/* ---- A new bundle */

const char *rollout_reason(const char *msg, const char *path)
{
	size_t n = strlen(path);
	if (!strncmp(msg, path, n) && !strncmp(msg + n, ": ", 2))
		msg += n + 2;
	if (!strncmp(msg, "refused: ", 9))
		msg += 9;
	return msg;
}

/* Checks the bundle at path offered as version n, unpacking it beside
 * the others; 0 when it waits for the attract screen. */
static int take(app *a, long long n, const char *path)
{
	struct rollout *r = a->loop->roll;
	char why[PROBLEM_MAX + 1];
	if (rollout_rejected_before(r->dir, n, why, sizeof why))
		return set_state(a, "rejected", n, why), MK_EPERM; /* said before */
	if (n <= r->high) {
		snprintf(why, sizeof why, "version %lld is not newer than version %lld, %s", n, r->high,
			 r->high == r->shown ? "shown now" : "taken before");
		return reject(a, n, why), MK_EPERM;
	}
	if (r->n_keys == 0)
		return reject(a, n, r->keys_problem), MK_EPERM;
	char *into = bundle_dir(r, n);
	if (!into || mk_mkdir_p(r->dir, 0700) != 0) {
		free(into);
		return reject(a, n, "the kiosk cannot make a folder for it"), MK_EIO;
	}
	mk_remove_tree(into); /* an unpacking a restart cut short */
	uint64_t t0 = mk_mono_ns();
	bundle_check_opts o = { .keys = (const uint8_t (*)[32])r->keys, .n_keys = r->n_keys,
				.shown = r->high, .into = into };
	int rc = bundle_check(path, &o);
	if (rc != 0)
		snprintf(why, sizeof why, "%s", rollout_reason(mk_err_msg(), path));
	else if (o.version != n)
		snprintf(why, sizeof why, "the bundle is version %lld, offered as version %lld", o.version,
			 n), rc = MK_EINVAL;
	if (rc != 0) {
		mk_remove_tree(into);
		free(into);
		return reject(a, n, why), rc;
	}
	free(into);
	mk_log(MK_LOG_INFO, "content-bundle-accepted", "version=%lld files=%u bytes=%" PRIu64
	       " key=%d ms=%.1f", n, o.n_files, o.n_bytes, o.key_index + 1,
	       (double)(mk_mono_ns() - t0) / 1e6);
	r->waiting = n;
	set_state(a, "waiting", n, "");
	return 0;
}

int app_at_rest(const app *a)
{
	if (a->sc.staff || scr_for_staff(a) || a->sc.id != SCR_PAGE || scr_checking(a) ||
	    (a->tk && track_signed_in(a->tk)) || a->overlay == OVERLAY_IDLE || a->loop->dark)
		return 0;
	return a->overlay == OVERLAY_ATTRACT || !a->loop->interacted;
}

static void show_waiting(app *a)
{
	struct rollout *r = a->loop->roll;
	long long n = r->waiting;
	char why[PROBLEM_MAX + 1], *dir = bundle_dir(r, n);
	uint64_t t0 = mk_mono_ns();
	r->waiting = 0;
	if (!dir)
		return;
	if (reload_switch(a, dir, why, sizeof why) != 0) {
		mk_remove_tree(dir);
		reject(a, n, why);
	} else {
		if (r->shown != n)
			r->prev = r->shown;
		r->shown = n;
		r->high = n;
		save(r);
		prune(r);
		mk_log(MK_LOG_INFO, "content-bundle-shown", "version=%lld prev=%lld ms=%.1f", n, r->prev,
		       (double)(mk_mono_ns() - t0) / 1e6);
		set_state(a, "showing", n, "");
	}
	free(dir);
}

/* The sender's ready bundle, or the driver's. */
static int offered(app *a, long long *n, const char **path)
{
	struct rollout *r = a->loop->roll;
	int64_t v = 0;
#ifdef MK_TESTING
	if (r->test_n) {
		*n = r->test_n, *path = r->test_path;
		r->test_n = 0;
		return 1;
	}
#endif
	if (!sync_content_ready(a->sync, &v, r->path_buf, sizeof r->path_buf))
		return 0;
	*n = (long long)v, *path = r->path_buf;
	return 1;
}

void rollout_tick(app *a)
{
	struct rollout *r = a->loop->roll;
	long long n;
	const char *path;
	uint64_t now = mk_now_ms();
	if (!r)
		return;
	if (r->waiting && app_at_rest(a))
		show_waiting(a);
	if (now < r->next_look)
		return;
	r->next_look = now + LOOK_MS;
	rollout_shot_tick(a);
	if (offered(a, &n, &path))
		take(a, n, path);
	else
		report(a); /* the sender may have started since: it hears the state once a second */
}

#ifdef MK_TESTING
void rollout_test_offer(app *a, const char *path, long long version)
{
	struct rollout *r = a->loop->roll;
	snprintf(r->test_path, sizeof r->test_path, "%s", path);
	r->test_n = version;
	r->next_look = 0;
}

void rollout_test_now(app *a)
{
	a->loop->roll->next_look = 0;
}

void rollout_test_state(app *a, char state[16], long long *shown, long long *offered_n,
			char problem[201])
{
	struct rollout *r = a->loop->roll;
	snprintf(state, 16, "%s", r->state);
	*shown = r->shown, *offered_n = r->offered;
	snprintf(problem, 201, "%s", r->problem);
}
#endif
