/* SPDX-License-Identifier: MIT */
/*
 * The meeting point of the app and the worker for content rollout and
 * remote screenshots (sync.h): what the kiosk shows and did with the last
 * offer, the bundle the worker has downloaded and checked, and a
 * screenshot request with its answer. Everything is under the worker's mu
 * and copied in and out, so neither side holds the other's memory.
 */
#include "sync_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

static void copy(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

/* A rejected version is remembered (the newest few) so that the worker
 * never downloads it again, whatever the app says next. */
static void note_rejected(sync_content *ct, int64_t version)
{
	int n = (int)(sizeof ct->rejected / sizeof ct->rejected[0]);
	for (int i = 0; i < ct->n_rejected; i++)
		if (ct->rejected[i] == version)
			return;
	if (ct->n_rejected == n) {
		memmove(ct->rejected, ct->rejected + 1, (size_t)(n - 1) * sizeof ct->rejected[0]);
		ct->n_rejected--;
	}
	ct->rejected[ct->n_rejected++] = version;
}

int sync_content_ready(sync_worker *w, int64_t *version, char *path, size_t cap)
{
	int ready = 0;
	if (!w)
		return 0;
	pthread_mutex_lock(&w->mu);
	if (w->ct.ready_version > 0 && w->ct.ready_version != w->ct.offered) {
		*version = w->ct.ready_version;
		copy(path, cap, w->ct.ready_path);
		ready = 1;
	}
	pthread_mutex_unlock(&w->mu);
	return ready;
}

void sync_content_state(sync_worker *w, int64_t shown, const char *state, int64_t offered,
			const char *problem)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->ct.shown = shown;
	w->ct.offered = offered;
	copy(w->ct.state, sizeof w->ct.state, state);
	copy(w->ct.problem, sizeof w->ct.problem, problem);
	if (state && !strcmp(state, "rejected") && offered > 0)
		note_rejected(&w->ct, offered);
	pthread_mutex_unlock(&w->mu);
}

int sync_screenshot_wanted(sync_worker *w, char id[33])
{
	int wanted = 0;
	if (!w)
		return 0;
	pthread_mutex_lock(&w->mu);
	if (w->ct.shot_id[0] && !w->ct.shot_answered) {
		memcpy(id, w->ct.shot_id, 33);
		wanted = 1;
	}
	pthread_mutex_unlock(&w->mu);
	return wanted;
}

void sync_screenshot_answer(sync_worker *w, const char *id, const void *png, size_t n,
			    const char *refused)
{
	unsigned char *copy_png = NULL;
	if (!w || !id)
		return;
	if (png && n && !(copy_png = malloc(n))) {
		png = NULL;
		refused = "the kiosk ran out of memory for the picture";
	}
	if (copy_png)
		memcpy(copy_png, png, n);
	pthread_mutex_lock(&w->mu);
	if (!strcmp(id, w->ct.shot_id)) {
		free(w->ct.shot_png);
		w->ct.shot_png = copy_png;
		w->ct.shot_n = copy_png ? n : 0;
		copy(w->ct.shot_refused, sizeof w->ct.shot_refused, copy_png ? "" : refused);
		w->ct.shot_answered = 1;
		copy_png = NULL;
	}
	pthread_mutex_unlock(&w->mu);
	free(copy_png);
	sync_kick(w);
}
