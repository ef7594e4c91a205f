/* SPDX-License-Identifier: MIT */
/*
 * The meeting point of the app and the worker for content rollout,
 * software updates and remote screenshots (sync.h): what the kiosk shows
 * (or the packages it took) and did with the last offer, the bundle or
 * package the worker has downloaded and checked, and a screenshot request
 * with its answer. Everything is under the worker's mu
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
static void note_rejected(sync_side *sd, int64_t version)
{
	int n = (int)(sizeof sd->rejected / sizeof sd->rejected[0]);
	for (int i = 0; i < sd->n_rejected; i++)
		if (sd->rejected[i] == version)
			return;
	if (sd->n_rejected == n) {
		memmove(sd->rejected, sd->rejected + 1, (size_t)(n - 1) * sizeof sd->rejected[0]);
		sd->n_rejected--;
	}
	sd->rejected[sd->n_rejected++] = version;
}

static int ready(sync_worker *w, int kind, int64_t *version, char *path, size_t cap)
{
	int ready = 0;
	if (!w)
		return 0;
	pthread_mutex_lock(&w->mu);
	sync_side *sd = &w->ct.side[kind];
	if (sd->ready_version > 0 && sd->ready_version != sd->offered) {
		*version = sd->ready_version;
		copy(path, cap, sd->ready_path);
		ready = 1;
	}
	pthread_mutex_unlock(&w->mu);
	return ready;
}

/* "rejected" (the app refused it) and "rolled-back" (a package installed
 * that did not start) are for good. */
static void set_state(sync_worker *w, int kind, int64_t shown, const char *state, int64_t offered,
		      const char *problem)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	sync_side *sd = &w->ct.side[kind];
	sd->shown = shown;
	sd->offered = offered;
	sd->spoken = 1;
	copy(sd->state, sizeof sd->state, state);
	copy(sd->problem, sizeof sd->problem, problem);
	if (state && (!strcmp(state, "rejected") || !strcmp(state, "rolled-back")) && offered > 0)
		note_rejected(sd, offered);
	pthread_mutex_unlock(&w->mu);
}

int sync_content_ready(sync_worker *w, int64_t *version, char *path, size_t cap)
{
	return ready(w, SYNC_K_CONTENT, version, path, cap);
}

int sync_package_ready(sync_worker *w, int64_t *version, char *path, size_t cap)
{
	return ready(w, SYNC_K_PACKAGE, version, path, cap);
}

void sync_content_state(sync_worker *w, int64_t shown, const char *state, int64_t offered,
			const char *problem)
{
	set_state(w, SYNC_K_CONTENT, shown, state, offered, problem);
}

void sync_software_state(sync_worker *w, int64_t taken, const char *state, int64_t offered,
			 const char *problem)
{
	set_state(w, SYNC_K_PACKAGE, taken, state, offered, problem);
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
