/* SPDX-License-Identifier: MIT */
/*
 * Remote screenshots, the worker's half (README, "Collector API", kiosk
 * side). A heartbeat's answer names the request ("screenshot": 32 hex
 * digits); the worker keeps it for the app (sync_screenshot_wanted), which
 * answers with a PNG of an attract or education screen or with the reason
 * it refused; the worker then PUTs that answer to /api/v1/screenshot/ID.
 * A 200 or a 404 (the collector no longer knows the id) ends the request;
 * anything else is tried again with its own backoff, never delaying
 * records. An answer without "screenshot" means nothing is wanted: a
 * request not yet answered is dropped. The picture never leaves memory.
 */
#include "sync_int.h"
#include "core.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Under mu. */
static void forget(sync_content *ct)
{
	ct->shot_id[0] = 0;
	ct->shot_answered = 0;
	free(ct->shot_png);
	ct->shot_png = NULL;
	ct->shot_n = 0;
	ct->shot_refused[0] = 0;
}

void sync_shot_offer(sync_worker *w, const json_t *id)
{
	const char *s = json_string_value(id);
	if (id && (!s || strlen(s) != 32 || strspn(s, "0123456789abcdefABCDEF") != 32)) {
		if (!w->shot_ignored++) /* once, not at every heartbeat */
			mk_log(MK_LOG_WARN, "sync_screenshot_ignored",
			       "reason=\"the id is not 32 hex digits\"");
		return;
	}
	w->shot_ignored = 0;
	pthread_mutex_lock(&w->mu);
	if (!s) {
		forget(&w->ct);
	} else if (strcmp(s, w->ct.shot_id)) {
		forget(&w->ct);
		memcpy(w->ct.shot_id, s, 33);
		w->shot_failures = 0;
		w->shot_at = 0;
	}
	pthread_mutex_unlock(&w->mu);
}

uint64_t sync_shot_next(sync_worker *w)
{
	int due;
	pthread_mutex_lock(&w->mu);
	due = w->ct.shot_id[0] && w->ct.shot_answered;
	pthread_mutex_unlock(&w->mu);
	return due ? w->shot_at : UINT64_MAX;
}

/* The body of the answer: the picture, or {"refused": why}. */
static int take_answer(sync_worker *w, char id[33], unsigned char **body, size_t *n)
{
	char refused[sizeof w->ct.shot_refused];
	int png;
	pthread_mutex_lock(&w->mu);
	memcpy(id, w->ct.shot_id, 33);
	png = w->ct.shot_png != NULL;
	*n = w->ct.shot_n;
	*body = png ? malloc(*n) : NULL;
	if (*body)
		memcpy(*body, w->ct.shot_png, *n);
	memcpy(refused, w->ct.shot_refused, sizeof refused);
	pthread_mutex_unlock(&w->mu);
	if (!png) {
		json_t *j;
		sync_clean_utf8(refused);
		j = json_pack("{s:s}", "refused", refused[0] ? refused : "refused");
		*body = j ? (unsigned char *)json_dumps(j, JSON_COMPACT) : NULL;
		*n = *body ? strlen((char *)*body) : 0;
		json_decref(j);
	}
	return *body ? png : -1;
}

void sync_shot_send(sync_worker *w)
{
	char id[33], path[64], q[256];
	unsigned char *body;
	size_t n;
	sync_answer a;
	int png = take_answer(w, id, &body, &n), rc;
	if (png < 0) {
		rc = mk_err(MK_ENOMEM, "out of memory for a screenshot");
	} else {
		snprintf(path, sizeof path, "/api/v1/screenshot/%s", id);
		rc = sync_http_put_body(w->http, path, png ? "image/png" : "application/json", body, n,
					&a);
	}
	free(body);
	if (rc == 0 && (a.status == 200 || a.status == 404)) {
		pthread_mutex_lock(&w->mu);
		if (!strcmp(w->ct.shot_id, id))
			forget(&w->ct);
		pthread_mutex_unlock(&w->mu);
		w->shot_failures = 0;
		mk_log(MK_LOG_INFO, "sync_screenshot", "id=%s picture=%d status=%ld", id, png, a.status);
	} else {
		w->shot_failures++;
		w->shot_at = sync_now_ms() + sync_backoff_ms(w->shot_failures, mk_mono_ns(), w->scale);
		mk_log(MK_LOG_WARN, "sync_screenshot_failed", "id=%s status=%ld error=%s", id,
		       rc == 0 ? a.status : 0L,
		       mk_log_quote(q, sizeof q, rc == 0 ? "the collector did not take it" : mk_err_msg()));
	}
	if (rc == 0)
		sync_answer_free(&a);
}
