/* SPDX-License-Identifier: MIT */
/*
 * SVGs are rasterized on threads of their own, with a deadline. Drawing an
 * SVG costs about one pass over the picture per shape (2000 full-size
 * shapes at 1080 px: 19 s), and no parse of the file says in advance what
 * the shapes cover. So the frame that first needs a picture starts its
 * raster on a thread and waits for it only a little (RASTER_WAIT_MS): an
 * everyday SVG is ready by then and is drawn in that same frame. One that
 * is not is drawn later, when ready; one still not ready after
 * RASTER_DEADLINE_MS is given up: its pin is marked as failed ("takes too
 * long to draw"), the page shows without it, and the thread finishes on
 * its own and frees what it holds. The kiosk's thread never waits longer
 * than RASTER_WAIT_MS per frame, whatever the file.
 */
#include "render_int.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#define RASTER_WAIT_MS 40
#define RASTER_DEADLINE_MS 1500
#define RASTER_MAX_JOBS 8

struct raster_job {
	SDL_atomic_t refs;  /* the thread's and the ren's */
	SDL_mutex *mu;
	SDL_cond *cv;
	char *bytes;        /* a copy: the pin may go before the thread ends */
	size_t len;
	int w, h, done;
	SDL_Surface *out;
	char err[200];
	uint64_t started;
	char *key;          /* the texture's key */
	size_t klen;
};

static void job_unref(raster_job *j)
{
	if (!SDL_AtomicDecRef(&j->refs))
		return;
	if (j->out)
		SDL_FreeSurface(j->out);
	SDL_DestroyCond(j->cv);
	SDL_DestroyMutex(j->mu);
	free(j->bytes);
	free(j->key);
	free(j);
}

static int run(void *ud)
{
	raster_job *j = ud;
	SDL_RWops *rw = SDL_RWFromConstMem(j->bytes, (int)j->len);
	SDL_Surface *s = rw ? IMG_LoadSizedSVG_RW(rw, j->w, j->h) : NULL;
	if (rw)
		SDL_RWclose(rw);
	SDL_LockMutex(j->mu);
	j->out = s;
	if (!s)
		snprintf(j->err, sizeof j->err, "%s", IMG_GetError());
	j->done = 1;
	SDL_CondBroadcast(j->cv);
	SDL_UnlockMutex(j->mu);
	job_unref(j);
	return 0;
}

static raster_job *start(const char *bytes, size_t len, int w, int h, const char *key, size_t klen)
{
	raster_job *j = calloc(1, sizeof *j);
	if (!j)
		return NULL;
	j->mu = SDL_CreateMutex();
	j->cv = SDL_CreateCond();
	j->bytes = malloc(len);
	j->key = malloc(klen);
	SDL_AtomicSet(&j->refs, 2);
	if (j->mu && j->cv && j->bytes && j->key) {
		memcpy(j->bytes, bytes, len);
		memcpy(j->key, key, klen);
		j->len = len, j->klen = klen, j->w = w, j->h = h;
		j->started = mk_mono_ns();
		SDL_Thread *t = SDL_CreateThread(run, "mk-svg", j);
		if (t) {
			SDL_DetachThread(t);
			return j;
		}
	}
	SDL_AtomicSet(&j->refs, 1);
	job_unref(j);
	return NULL;
}

int raster_svg(ren *rn, const char *bytes, size_t len, int w, int h, const char *key, size_t klen,
	       SDL_Surface **out)
{
	raster_job *j = NULL;
	int slot = -1;
	*out = NULL;
	for (int i = 0; i < RASTER_MAX_JOBS; i++) {
		raster_job *k = rn->jobs[i];
		if (k && k->klen == klen && !memcmp(k->key, key, klen))
			j = k, slot = i;
		else if (!k && slot < 0)
			slot = i;
	}
	if (!j) {
		if (slot < 0)
			return REN_RASTER_PENDING; /* busy: try again next frame */
		if (!(j = start(bytes, len, w, h, key, klen)))
			return mk_err(MK_ENOMEM, "cannot start drawing a picture");
		rn->jobs[slot] = j;
	}
	SDL_LockMutex(j->mu);
	if (!j->done)
		SDL_CondWaitTimeout(j->cv, j->mu, RASTER_WAIT_MS);
	int done = j->done;
	SDL_UnlockMutex(j->mu);
	uint64_t ms = (mk_mono_ns() - j->started) / 1000000u;
	if (!done && ms < RASTER_DEADLINE_MS)
		return REN_RASTER_PENDING;
	rn->jobs[slot] = NULL;
	int rc = 0;
	if (!done)
		rc = mk_err(MK_ELIMIT, "takes more than %.1f s to draw at %dx%d pixels: simplify it, "
			    "or save it as a PNG", RASTER_DEADLINE_MS / 1000.0, w, h);
	else if (!j->out)
		rc = mk_err(MK_EINVAL, "%s", j->err);
	else
		*out = j->out, j->out = NULL;
	job_unref(j);
	return rc;
}

int raster_pending(const ren *rn)
{
	for (int i = 0; i < RASTER_MAX_JOBS; i++)
		if (rn->jobs[i])
			return 1;
	return 0;
}

void raster_drop(ren *rn)
{
	for (int i = 0; i < RASTER_MAX_JOBS; i++) {
		if (rn->jobs[i])
			job_unref(rn->jobs[i]);
		rn->jobs[i] = NULL;
	}
}
