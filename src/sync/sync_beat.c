/* SPDX-License-Identifier: MIT */
/*
 * The heartbeat (README, "Collector API"): at start and every minute the
 * kiosk tells the collector it is alive — its version and content
 * version, the queue, free disk, uptime, the last successful upload — and
 * hands over the operational events queued since the last heartbeat that
 * got through. Nothing here comes from a patient: the numbers are the
 * kiosk's own, and events are what the app and this worker chose to report
 * (content rejected, disk low, sync failing), each with its own UUID so
 * the collector ignores one it has seen when an answer was lost.
 *
 * Events are copied out under the lock, sent without it, and dropped only
 * after a 200 {"ok": true}; events added meanwhile stay for the next beat.
 *
 * The heartbeat is also content rollout's channel (issue 20): it says
 * which bundle version the kiosk shows and what became of the last offer
 * ("content", sync_content_dl.c), and its answer may offer a new version
 * or ask for a screenshot (sync_shot.c). Old collectors send neither.
 * Software updates ride on it the same way: "software" says which package
 * runs and what became of the last package offered, and the answer's
 * "software" offers a package.
 */
#include "sync_int.h"
#include "core.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	sync_ev ev[SYNC_EVENTS];
	int n;
	uint64_t last_seq;
	char content_version[64];
	int64_t last_success;
	int waiting, set_aside;
} snapshot;

static void take(sync_worker *w, snapshot *s)
{
	pthread_mutex_lock(&w->mu);
	s->n = w->ev_n;
	for (int i = 0; i < w->ev_n; i++)
		s->ev[i] = w->ring[(w->ev_start + i) % SYNC_EVENTS];
	s->last_seq = s->n ? s->ev[s->n - 1].seq : 0;
	memcpy(s->content_version, w->content_version, sizeof s->content_version);
	s->last_success = w->st.last_success;
	pthread_mutex_unlock(&w->mu);
	if (store_outbox_counts(w->db, &s->waiting, &s->set_aside) != 0)
		s->waiting = s->set_aside = -1; /* unknown; the beat still goes */
}

/* Drops the events that were delivered (those up to last_seq). */
static void delivered(sync_worker *w, uint64_t last_seq)
{
	pthread_mutex_lock(&w->mu);
	while (w->ev_n > 0 && w->ring[w->ev_start].seq <= last_seq) {
		w->ev_start = (w->ev_start + 1) % SYNC_EVENTS;
		w->ev_n--;
	}
	pthread_mutex_unlock(&w->mu);
}

static json_t *build(sync_worker *w, const snapshot *s)
{
	json_t *events = json_array(), *root, *content, *software;
	int64_t free_disk = store_free_bytes(w->db);
	for (int i = 0; i < s->n && events; i++)
		json_array_append_new(events, json_pack("{s:s, s:I, s:s, s:s, s:s}",
			"id", s->ev[i].id, "at", (json_int_t)s->ev[i].at, "level", s->ev[i].level,
			"event", s->ev[i].event, "detail", s->ev[i].detail));
	root = json_pack("{s:s, s:s, s:{s:i, s:i}, s:I, s:I, s:I, s:o}",
		"version", w->version, "content_version", s->content_version,
		"queue", "waiting", s->waiting, "set_aside", s->set_aside,
		"free_disk", (json_int_t)(free_disk > 0 ? free_disk : 0),
		"uptime", (json_int_t)((sync_now_ms() - w->started_ms) / 1000),
		"last_success", (json_int_t)s->last_success, "events", events);
	if (root && (content = sync_dl_report(w, SYNC_K_CONTENT)) != NULL)
		json_object_set_new(root, "content", content);
	if (root && (software = sync_dl_report(w, SYNC_K_PACKAGE)) != NULL)
		json_object_set_new(root, "software", software);
	return root;
}

/* The answer must be 200 {"ok": true}; what else it asks for (a content
 * or software offer, a screenshot) is taken in. */
static int answer_ok(sync_worker *w, const sync_answer *a)
{
	json_t *root;
	int ok;
	if (a->status == 401)
		return sync_err(SYNC_TOKEN, 401, MK_EPERM, "the collector refused this kiosk's token");
	if (a->status != 200)
		return sync_err(SYNC_SERVER, a->status, MK_EAGAIN, "the collector answered %ld to a heartbeat",
				a->status);
	root = json_loadb(a->body, a->len, 0, NULL);
	ok = json_is_true(json_object_get(root, "ok"));
	if (ok) {
		sync_dl_offer(w, SYNC_K_CONTENT, json_object_get(root, "content"));
		sync_dl_offer(w, SYNC_K_PACKAGE, json_object_get(root, "software"));
		sync_shot_offer(w, json_object_get(root, "screenshot"));
	}
	json_decref(root);
	return ok ? 0 : sync_err(SYNC_ANSWER, 0, MK_EAGAIN,
				"the collector's answer to a heartbeat was not understood");
}

int sync_beat(sync_worker *w)
{
	snapshot *s = calloc(1, sizeof *s);
	json_t *root;
	sync_answer a;
	char *body = NULL;
	int rc;
	if (!s)
		return mk_err(MK_ENOMEM, "out of memory for a heartbeat");
	take(w, s);
	root = build(w, s);
	body = root ? json_dumps(root, JSON_COMPACT) : NULL;
	json_decref(root);
	if (!body) {
		free(s);
		return mk_err(MK_ENOMEM, "out of memory for a heartbeat");
	}
	rc = sync_http_post(w->http, "/api/v1/heartbeat", body, strlen(body), &a);
	free(body);
	if (!rc) {
		rc = answer_ok(w, &a);
		sync_answer_free(&a);
	}
	if (!rc)
		delivered(w, s->last_seq);
	mk_log(rc ? MK_LOG_WARN : MK_LOG_INFO, "sync_heartbeat", "events=%d ok=%d", s->n, !rc);
	free(s);
	return rc;
}
