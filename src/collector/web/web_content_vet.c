/* SPDX-License-Identifier: MIT */
/*
 * The Content page's background worker: an uploaded bundle is stored as
 * "checking" and its version queued here; one thread takes the versions
 * in turn and runs vet_check, then (when the check found no problem)
 * vet_preview with the preview of the previous approved version as the
 * one to compare against, and only then records the outcome with
 * cstore_bundle_checked. Until then the page says "checking" and
 * refreshes itself.
 *
 * Why a thread of its own: a check runs the kiosk binary for up to two
 * minutes per child (vet's limits) and a preview draws every page in
 * every language and orientation; a request thread must not wait for it,
 * and one check at a time keeps a small clinic server usable while it
 * runs. The bundle's bytes come from the database into a scratch file
 * beside the previews (vet reads a path), removed afterwards.
 *
 * Previews live under one folder: <previews>/N/ for version N, written by
 * vet_preview into a folder that must not exist. A collector stopped in
 * the middle leaves the bundle "checking" and maybe half a folder; and the
 * command line publishes bundles as "checking" too. So at start, and every
 * few seconds while idle, the worker looks for bundles "checking" and
 * queues them; a half-made folder is removed before a version is vetted.
 * After each version, previews no page needs any more are removed
 * (WEB_PREVIEWS_KEEP).
 *
 * One collector per process, so the worker's state is this file's.
 */
#include "web.h"
#include "web_content.h"
#include "core.h"

#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define QUEUE_MAX 64
#define WEB_CONTENT_POLL_S 5 /* an idle worker looks for bundles published elsewhere */
#define PROBLEMS_MAX (64u << 10)

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	int running, stop, busy;
	int64_t queue[QUEUE_MAX];
	int n;
	collector *c;
	web_content_opts o;
} w = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

const web_content_opts *web_content_conf(void)
{
	return w.running ? &w.o : NULL;
}

int web_content_preview_dir(char *out, size_t n, int64_t version)
{
	int k;
	if (!w.running || version <= 0)
		return MK_ENOTFOUND;
	k = snprintf(out, n, "%s/%lld", w.o.previews, (long long)version);
	return k > 0 && (size_t)k < n ? 0 : MK_EINVAL;
}

/* 1 when version waits in the queue (under w.mu). */
static int queued_locked(int64_t version)
{
	for (int i = 0; i < w.n; i++)
		if (w.queue[i] == version)
			return 1;
	return 0;
}

static int queued(int64_t version)
{
	int q;
	pthread_mutex_lock(&w.mu);
	q = queued_locked(version);
	pthread_mutex_unlock(&w.mu);
	return q;
}

int web_content_queue(int64_t version)
{
	int rc = 0;
	pthread_mutex_lock(&w.mu);
	if (!w.running)
		rc = mk_err(MK_EINVAL, "the content checker is not running");
	else if (queued_locked(version))
		rc = 0;
	else if (w.n >= QUEUE_MAX)
		rc = mk_err(MK_EAGAIN, "%d uploads are already waiting to be checked", QUEUE_MAX);
	else
		w.queue[w.n++] = version;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	return rc;
}

int64_t web_content_previous_approved(cstore *db, int64_t v)
{
	cstore_bundle *b = calloc(WEB_BUNDLES_MAX, sizeof *b);
	int n = 0;
	int64_t found = 0;
	if (b && cstore_bundles(db, CSTORE_CONTENT, b, WEB_BUNDLES_MAX, &n) == 0)
		for (int i = 0; i < n && !found; i++)
			if (b[i].version < v && !strcmp(b[i].state, "approved"))
				found = b[i].version;
	free(b);
	return found;
}

static void list_text(wbuf *b, const vet_problem *p, int n)
{
	for (int i = 0; i < n && b->n < PROBLEMS_MAX; i++) {
		if (p[i].file[0] && p[i].line > 0)
			wb_fmt(b, "%.128s:%d: ", p[i].file, p[i].line);
		else if (p[i].file[0])
			wb_fmt(b, "%.128s: ", p[i].file);
		wb_bytes(b, p[i].msg, strnlen(p[i].msg, sizeof p[i].msg));
		wb_raw(b, "\n");
	}
}

char *web_content_problems_text(const vet_result *r)
{
	wbuf b = { 0 };
	list_text(&b, r->problems, r->n_problems);
	list_text(&b, r->warnings, r->n_warnings);
	if (b.failed || !b.s) {
		wb_free(&b);
		return strdup("");
	}
	return b.s;
}

/* Writes version v's bundle to path for vet. */
static int scratch_bundle(cstore *db, int64_t v, const char *path)
{
	uint8_t *bytes = NULL;
	size_t n = 0;
	int rc = cstore_bundle_file(db, CSTORE_CONTENT, v, &bytes, &n);
	if (rc == 0)
		rc = mk_write_atomic(path, bytes, n);
	free(bytes);
	return rc;
}

static void record(cstore *db, int64_t v, const char *state, int n, const char *text)
{
	if (cstore_bundle_checked(db, v, state, n, text) < 0) {
		char q[200];
		mk_log(MK_LOG_ERROR, "content-check-unrecorded", "version=%lld msg=%s",
		       (long long)v, mk_log_quote(q, sizeof q, mk_err_msg()));
	}
}

static void failed(cstore *db, int64_t v, const char *what)
{
	char text[400], q[300];
	snprintf(text, sizeof text, "%s: %s", what, mk_err_msg());
	mk_log(MK_LOG_ERROR, "content-check-failed", "version=%lld msg=%s", (long long)v,
	       mk_log_quote(q, sizeof q, text));
	record(db, v, "failed", 0, text);
}

/* 1 when name is a version's preview folder that may go: all digits, not
 * an approved version's, not among the newest keep. */
static int stale(const char *name, const cstore_bundle *b, int n, int keep)
{
	int64_t v;
	if (web_version_parse(name, &v) < 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (b[i].version == v && (i < keep || !strcmp(b[i].state, "approved")))
			return 0;
	return 1;
}

/* Removes the previews no page needs any more (see WEB_PREVIEWS_KEEP). */
static void prune(void)
{
	cstore_bundle *b = calloc(WEB_BUNDLES_MAX, sizeof *b);
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int n = 0, keep = w.o.keep > 0 ? w.o.keep : WEB_PREVIEWS_KEEP;
	if (!b || cstore_bundles(w.c->db, CSTORE_CONTENT, b, WEB_BUNDLES_MAX, &n) < 0 ||
	    n == WEB_BUNDLES_MAX || !(d = opendir(w.o.previews))) {
		free(b); /* when unsure what is whose, keep everything */
		return;
	}
	while ((e = readdir(d)) != NULL) {
		int k;
		if (!stale(e->d_name, b, n, keep))
			continue;
		k = snprintf(path, sizeof path, "%s/%s", w.o.previews, e->d_name);
		if (k < 0 || (size_t)k >= sizeof path)
			continue;
		mk_remove_tree(path);
		mk_log(MK_LOG_INFO, "content-preview-removed", "version=%s", e->d_name);
	}
	closedir(d);
	free(b);
}

/* Check, then preview; the outcome goes to the database. */
static void vet_one(int64_t v)
{
	char file[PATH_MAX], out[PATH_MAX], prev[PATH_MAX];
	vet_result r = { 0 };
	cstore *db = w.c->db;
	int64_t pv;
	snprintf(file, sizeof file, "%s/.upload-%lld.mkb", w.o.previews, (long long)v);
	snprintf(out, sizeof out, "%s/%lld", w.o.previews, (long long)v);
	mk_remove_tree(out);
	if (scratch_bundle(db, v, file) < 0) {
		failed(db, v, "the bundle could not be read back");
		return;
	}
	if (w.o.check(&w.o.vet, file, &r) < 0) {
		failed(db, v, "the check could not run");
	} else if (r.n_problems > 0) {
		char *text = web_content_problems_text(&r);
		record(db, v, "problems", r.n_problems, text ? text : "");
		free(text);
	} else {
		char *warnings = web_content_problems_text(&r);
		w.o.result_free(&r);
		pv = web_content_previous_approved(db, v);
		snprintf(prev, sizeof prev, "%s/%lld", w.o.previews, (long long)pv);
		if (w.o.preview(&w.o.vet, file, pv > 0 && mk_is_dir(prev) ? prev : NULL, out, &r) < 0)
			failed(db, v, "the preview could not be drawn");
		else
			record(db, v, "ready", 0, warnings ? warnings : "");
		free(warnings);
		mk_log(MK_LOG_INFO, "content-checked", "version=%lld shots=%d changed=%d",
		       (long long)v, r.n_shots, r.n_changed);
	}
	w.o.result_free(&r);
	unlink(file);
}

/* Bundles left "checking" by a collector that stopped, or published
 * from the command line (mesokiosk-collector publish) while this one
 * runs: queued, oldest first. */
static void requeue(void)
{
	cstore_bundle *b = calloc(WEB_BUNDLES_MAX, sizeof *b);
	int n = 0;
	if (b && cstore_bundles(w.c->db, CSTORE_CONTENT, b, WEB_BUNDLES_MAX, &n) == 0)
		for (int i = n - 1; i >= 0; i--)
			if (!strcmp(b[i].state, "checking") && !queued(b[i].version))
				web_content_queue(b[i].version);
	free(b);
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&w.mu);
	for (;;) {
		int64_t v;
		while (!w.stop && w.n == 0) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += WEB_CONTENT_POLL_S;
			if (pthread_cond_timedwait(&w.cv, &w.mu, &until) == ETIMEDOUT && !w.stop) {
				pthread_mutex_unlock(&w.mu);
				requeue();
				pthread_mutex_lock(&w.mu);
			}
		}
		if (w.stop)
			break;
		v = w.queue[0];
		memmove(w.queue, w.queue + 1, sizeof w.queue[0] * (size_t)--w.n);
		w.busy = 1;
		pthread_mutex_unlock(&w.mu);
		vet_one(v);
		prune();
		pthread_mutex_lock(&w.mu);
		w.busy = 0;
	}
	pthread_mutex_unlock(&w.mu);
	return NULL;
}

int web_content_start(collector *c, const web_content_opts *o)
{
	int rc;
	if (w.running)
		return mk_err(MK_EINVAL, "the content checker is already running");
	if (!c->rollout || !o->check || !o->preview || !o->result_free)
		return mk_err(MK_EINVAL, "the content checker needs the rollout actions and vet");
	if (!o->previews[0] || mk_mkdir_p(o->previews, 0700) < 0)
		return mk_err(MK_EIO, "cannot make the previews folder %s", o->previews);
	w.c = c;
	w.o = *o;
	w.o.vet.kiosk_bin = w.o.kiosk_bin;
	w.o.vet.keys = c->rollout && rollout_keys(c->rollout)[0] ? rollout_keys(c->rollout) : NULL;
	w.stop = 0;
	w.n = 0;
	if ((rc = pthread_create(&w.thread, NULL, worker, NULL)) != 0)
		return mk_err(MK_ENOMEM, "cannot start the content checker: %s", strerror(rc));
	w.running = 1;
	requeue();
	return 0;
}

void web_content_stop(void)
{
	if (!w.running)
		return;
	pthread_mutex_lock(&w.mu);
	w.stop = 1;
	pthread_cond_signal(&w.cv);
	pthread_mutex_unlock(&w.mu);
	pthread_join(w.thread, NULL);
	w.running = 0;
}

int web_content_idle(void)
{
	int idle;
	pthread_mutex_lock(&w.mu);
	idle = w.n == 0 && !w.busy;
	pthread_mutex_unlock(&w.mu);
	return idle;
}
