/* SPDX-License-Identifier: MIT */
/*
 * The outbox worker's thread: a loop that sends heartbeats when due, drains
 * the outbox one batch at a time (sync_batch.c), and only when no batch
 * moved sends a screenshot or fetches one slice of a content bundle or a
 * software package (sync_shot.c, sync_content_dl.c) before it looks at the
 * outbox again;
 * otherwise it sleeps. It owns a second store connection on the kiosk's
 * data folder (WAL lets the kiosk keep writing meanwhile) and one libcurl
 * handle. A kick (a record just saved) also ends a download slice where it
 * is, so the record does not wait for it.
 *
 * Sleeping is one condition variable on CLOCK_MONOTONIC, so a clock change
 * neither stalls nor rushes it. Three things end a sleep early: sync_stop
 * (always), sync_kick (only the sleep of an empty queue: a kick must not
 * cut a backoff short, or every saved report would hammer a collector that
 * is down) and the heartbeat falling due. A failed round backs off
 * exponentially with full jitter between SYNC_BACKOFF_MIN_MS and
 * SYNC_BACKOFF_MAX_MS, so a fleet of kiosks that lost the collector at the
 * same moment does not come back in step; a round that moves anything
 * resets it. The heartbeat has its own, shorter backoff (capped at its
 * period) and never delays records.
 *
 * Everything other threads may look at (status, events, the content
 * version, the kick) sits under one mutex and is copied in and out;
 * nothing the worker holds is ever handed out.
 *
 * Test hook: MK_TEST_SYNC_FAST=1 in the environment at sync_start divides
 * every wait (backoff, heartbeat period, idle sleep) by 100. Never on a
 * kiosk.
 */
#include "sync_int.h"
#include "core.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t sync_now_ms(void) { return mk_mono_ns() / 1000000u; }

/* The kind travels beside core's per-thread message, like it. */
static _Thread_local int err_problem = SYNC_KIOSK;
static _Thread_local long err_status;

int sync_err(int problem, long status, int code, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_problem = problem;
	err_status = status;
	return mk_err(code, "%s", msg);
}

int sync_err_problem(long *status)
{
	*status = err_status;
	return err_problem;
}

void sync_err_reset(void)
{
	err_problem = SYNC_KIOSK;
	err_status = 0;
}

uint64_t sync_backoff_ms(int failures, uint64_t rnd, int scale)
{
	uint64_t cap = SYNC_BACKOFF_MIN_MS;
	for (int i = 1; i < failures && cap < SYNC_BACKOFF_MAX_MS; i++)
		cap *= 2;
	if (cap > SYNC_BACKOFF_MAX_MS)
		cap = SYNC_BACKOFF_MAX_MS;
	return (SYNC_BACKOFF_MIN_MS + rnd % (cap - SYNC_BACKOFF_MIN_MS + 1)) / (scale > 0 ? scale : 1);
}

static uint64_t next_rnd(sync_worker *w)
{
	w->rnd ^= w->rnd << 13;
	w->rnd ^= w->rnd >> 7;
	w->rnd ^= w->rnd << 17;
	return w->rnd;
}

/* ---- Events */

/* Detail text is cut to fit and may come from anywhere: the heartbeat
 * must stay valid JSON, so bytes that are not UTF-8 become '?'. */
void sync_clean_utf8(char *s)
{
	size_t len = strlen(s), i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = mk_utf8_next(s + i, len - i, &cp);
		if (k == 0 || cp < 0x20) {
			s[i] = '?';
			k = 1;
		}
		i += k;
	}
}

void sync_event_add(sync_worker *w, const char *level, const char *event, const char *detail)
{
	sync_ev *e;
	pthread_mutex_lock(&w->mu);
	if (w->ev_n == SYNC_EVENTS) { /* keep the newest */
		w->ev_start = (w->ev_start + 1) % SYNC_EVENTS;
		w->ev_n--;
	}
	e = &w->ring[(w->ev_start + w->ev_n++) % SYNC_EVENTS];
	memset(e, 0, sizeof *e);
	store_uuid(e->id);
	e->at = (int64_t)time(NULL);
	e->seq = ++w->ev_seq;
	snprintf(e->level, sizeof e->level, "%s", level ? level : "info");
	snprintf(e->event, sizeof e->event, "%s", event ? event : "event");
	snprintf(e->detail, sizeof e->detail, "%s", detail ? detail : "");
	sync_clean_utf8(e->level);
	sync_clean_utf8(e->event);
	sync_clean_utf8(e->detail);
	pthread_mutex_unlock(&w->mu);
}

void sync_event(sync_worker *w, const char *level, const char *event, const char *detail)
{
	if (w)
		sync_event_add(w, level, event, detail);
}

/* ---- Sleeping */

/* Sleeps until the monotonic time `until` (ms), sync_stop, or (kickable)
 * sync_kick. */
static void sleep_until(sync_worker *w, uint64_t until, int kickable)
{
	struct timespec ts = { .tv_sec = (time_t)(until / 1000),
			       .tv_nsec = (long)(until % 1000) * 1000000L };
	pthread_mutex_lock(&w->mu);
	while (!atomic_load(&w->stopping) && !(kickable && w->kicked) && sync_now_ms() < until)
		pthread_cond_timedwait(&w->cond, &w->mu, &ts);
	pthread_mutex_unlock(&w->mu);
}

/* ---- Status */

static void refresh_counts(sync_worker *w)
{
	int waiting = 0, aside = 0;
	if (store_outbox_counts(w->db, &waiting, &aside) != 0)
		return;
	pthread_mutex_lock(&w->mu);
	w->st.waiting = waiting;
	w->st.set_aside = aside;
	pthread_mutex_unlock(&w->mu);
}

static void round_done(sync_worker *w, int rc, int acked)
{
	int64_t now = (int64_t)time(NULL);
	int was_failing = w->failures > 0;
	char msg[sizeof w->st.last_error];
	snprintf(msg, sizeof msg, "%s", rc < 0 ? mk_err_msg() : "");
	w->failures = rc < 0 ? w->failures + 1 : 0;
	pthread_mutex_lock(&w->mu);
	if (rc != SYNC_EMPTY)
		w->st.last_attempt = now;
	if (acked > 0) {
		w->st.last_success = now;
		w->st.sent += (uint64_t)acked;
	}
	if (rc < 0 || acked > 0) {
		snprintf(w->st.last_error, sizeof w->st.last_error, "%s", msg);
		w->st.problem = rc < 0 ? sync_err_problem(&w->st.http_status) : SYNC_OK;
	}
	w->next_try_at = rc < 0 ? sync_now_ms() + sync_backoff_ms(w->failures, next_rnd(w), w->scale)
				: 0;
	pthread_mutex_unlock(&w->mu);
	if (rc < 0) {
		char q[256];
		mk_log(MK_LOG_WARN, "sync_failed", "failures=%d problem=%d error=%s", w->failures,
		       w->st.problem, mk_log_quote(q, sizeof q, msg));
	}
	if (rc < 0 && !was_failing)
		sync_event_add(w, "warn", "sync-failing", msg);
	else if (rc >= 0 && was_failing && acked > 0)
		sync_event_add(w, "info", "sync-recovered", "");
}

void sync_get_status(sync_worker *w, sync_status *out)
{
	uint64_t now = sync_now_ms();
	memset(out, 0, sizeof *out);
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	*out = w->st;
	out->next_try_ms = w->next_try_at > now ? (int64_t)(w->next_try_at - now) : 0;
	pthread_mutex_unlock(&w->mu);
}

/* ---- The loop */

/* With nothing to send, the heartbeat is what shows staff whether the
 * collector can be reached: its failure is the last problem, and its
 * success clears one, unless records are failing (theirs comes first). */
static void beat_done(sync_worker *w, int rc)
{
	pthread_mutex_lock(&w->mu);
	if (!w->failures) {
		snprintf(w->st.last_error, sizeof w->st.last_error, "%s", rc ? mk_err_msg() : "");
		w->st.problem = rc ? sync_err_problem(&w->st.http_status) : SYNC_OK;
	}
	pthread_mutex_unlock(&w->mu);
}

static uint64_t beat(sync_worker *w, int *beat_failures)
{
	uint64_t period = (w->o.heartbeat_s > 0 ? (uint64_t)w->o.heartbeat_s * 1000u : SYNC_HEARTBEAT_MS) /
			  (uint64_t)w->scale, wait;
	int rc;
	sync_err_reset();
	rc = sync_beat(w);
	beat_done(w, rc);
	if (rc == 0) {
		*beat_failures = 0;
		return sync_now_ms() + period;
	}
	wait = sync_backoff_ms(++*beat_failures, next_rnd(w), w->scale);
	return sync_now_ms() + (wait < period ? wait : period);
}

/* A screenshot to send or a download slice, when one is due: 1 when
 * something was done. */
static int extra(sync_worker *w, uint64_t now)
{
	if (sync_shot_next(w) <= now) {
		sync_shot_send(w);
		return 1;
	}
	if (sync_dl_next(w) <= now) {
		sync_dl_step(w);
		return 1;
	}
	return 0;
}

static uint64_t earliest(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* Records first: a round that moved something is followed by another;
 * only a round with nothing to send (or one backing off) leaves room for
 * a screenshot or one download slice, and the loop comes back to the
 * records after each. */
static void *run(void *arg)
{
	sync_worker *w = arg;
	uint64_t beat_at = 0, next_try, until;
	int beat_failures = 0, kickable;
	refresh_counts(w);
	while (!atomic_load(&w->stopping)) {
		uint64_t now = sync_now_ms();
		if (now >= beat_at) {
			beat_at = beat(w, &beat_failures);
			continue;
		}
		pthread_mutex_lock(&w->mu);
		next_try = w->next_try_at;
		w->kicked = 0;
		atomic_store(&w->kick_now, 0);
		pthread_mutex_unlock(&w->mu);
		kickable = 0;
		until = next_try;
		if (now >= next_try) {
			sync_err_reset();
			int acked = 0, rc = sync_round(w, &acked);
			round_done(w, rc, acked);
			refresh_counts(w);
			if (rc == SYNC_PROGRESS)
				continue;
			kickable = rc == SYNC_EMPTY;
			pthread_mutex_lock(&w->mu);
			until = kickable ? sync_now_ms() + SYNC_IDLE_MS / (uint64_t)w->scale : w->next_try_at;
			pthread_mutex_unlock(&w->mu);
		}
		if (extra(w, sync_now_ms()))
			continue;
		until = earliest(earliest(until, beat_at), earliest(sync_shot_next(w), sync_dl_next(w)));
		sleep_until(w, until, kickable);
	}
	return NULL;
}

/* ---- Start and stop */

static void free_worker(sync_worker *w)
{
	sync_http_free(w->http);
	store_close(w->db);
	free(w->data_dir);
	free(w->url);
	if (w->token) {
		memset(w->token, 0, strlen(w->token));
		free(w->token);
	}
	free(w->ca_file);
	free(w->version);
	free(w->package_version);
	free(w->ct.shot_png);
	pthread_cond_destroy(&w->cond);
	pthread_mutex_destroy(&w->mu);
	free(w);
}

static int init_sync(sync_worker *w)
{
	pthread_condattr_t ca;
	int rc = pthread_condattr_init(&ca);
	if (!rc)
		rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	if (!rc)
		rc = pthread_cond_init(&w->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (!rc && (rc = pthread_mutex_init(&w->mu, NULL)) != 0)
		pthread_cond_destroy(&w->cond);
	return rc;
}

static int copy_opts(sync_worker *w, const sync_opts *o)
{
#ifdef MK_TESTING
	const char *fast = getenv("MK_TEST_SYNC_FAST");
#else
	const char *fast = NULL;
#endif
	w->data_dir = mk_strdup(o->data_dir);
	w->url = mk_strdup(o->url);
	w->token = mk_strdup(o->token);
	w->ca_file = mk_strdup(o->ca_file ? o->ca_file : "");
	w->version = mk_strdup(o->version ? o->version : "");
	w->package_version = o->package_version ? mk_strdup(o->package_version) : NULL;
	if (!w->data_dir || !w->url || !w->token || !w->ca_file || !w->version ||
	    (o->package_version && !w->package_version))
		return mk_err(MK_ENOMEM, "out of memory starting sync");
	w->o = (sync_opts){ .data_dir = w->data_dir, .url = w->url, .token = w->token,
			    .ca_file = w->ca_file, .version = w->version,
			    .timeout_s = o->timeout_s > 0 ? o->timeout_s : 30,
			    .heartbeat_s = o->heartbeat_s, .content_rate = o->content_rate,
			    .package_version = w->package_version };
	for (int k = 0; k < SYNC_KINDS; k++)
		w->dl[k].kind = k;
	w->scale = fast && !strcmp(fast, "1") ? 100 : 1;
	w->batch_max = SYNC_BATCH;
	w->started_ms = sync_now_ms();
	w->rnd = mk_mono_ns() ^ (uint64_t)(uintptr_t)w ^ 0x9e3779b97f4a7c15ull;
	w->st.configured = 1;
	return 0;
}

static int check_opts(const sync_opts *o)
{
	if (!o || !o->url || !*o->url || !o->token || !*o->token)
		return mk_err(MK_EINVAL, "sync is off: no collector_url or collector_token");
	if (strncmp(o->url, "https://", 8) && strncmp(o->url, "http://", 7))
		return mk_err(MK_EINVAL, "collector_url must start with https://");
	if (strpbrk(o->token, "\r\n") || !o->data_dir)
		return mk_err(MK_EINVAL, "collector_token is malformed");
	return 0;
}

int sync_start(sync_worker **out, const sync_opts *o)
{
	sync_worker *w;
	int rc;
	*out = NULL;
	if ((rc = check_opts(o)) != 0 || (rc = mkc_init()) != 0)
		return rc;
	if (!(w = calloc(1, sizeof *w)))
		return mk_err(MK_ENOMEM, "out of memory starting sync");
	if (init_sync(w) != 0) {
		free(w);
		return mk_err(MK_ENOMEM, "cannot set up sync's thread state");
	}
	atomic_init(&w->stopping, 0);
	atomic_init(&w->kick_now, 0);
	/* "Last sent" survives a restart: the store noted it with the acks. */
	if ((rc = copy_opts(w, o)) == 0 && (rc = store_open(&w->db, w->data_dir)) == 0 &&
	    (rc = store_outbox_last_sent(w->db, &w->st.last_success)) == 0 &&
	    (rc = sync_http_new(&w->http, &w->o, &w->stopping)) == 0 &&
	    pthread_create(&w->thread, NULL, run, w) != 0)
		rc = mk_err(MK_ENOMEM, "cannot start sync's thread");
	if (rc) {
		free_worker(w);
		return rc;
	}
	w->running = 1;
	mk_log(MK_LOG_INFO, "sync_start", "fast=%d timeout_s=%d", w->scale > 1, w->o.timeout_s);
	*out = w;
	return 0;
}

void sync_stop(sync_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	atomic_store(&w->stopping, 1);
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->mu);
	sync_http_wake(w->http);
	if (w->running)
		pthread_join(w->thread, NULL);
	mk_log(MK_LOG_INFO, "sync_stop", "sent=%llu", (unsigned long long)w->st.sent);
	free_worker(w);
}

void sync_kick(sync_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->kicked = 1;
	atomic_store(&w->kick_now, 1);
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->mu);
	sync_http_wake(w->http); /* a download slice in progress yields */
}

void sync_set_content_version(sync_worker *w, const char *version)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	snprintf(w->content_version, sizeof w->content_version, "%s", version ? version : "");
	pthread_mutex_unlock(&w->mu);
}
