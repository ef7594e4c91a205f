/* SPDX-License-Identifier: MIT */
/*
 * A patient's photos on screen. Decrypted bytes become a texture and are
 * wiped at once; the textures live here, by photo and size, only while the
 * patient is signed in. They are streaming textures so that pics_clear can
 * overwrite their pixels before destroying them: with the software
 * renderer a texture is plain memory, and sign-out must leave no picture
 * of the patient behind.
 */
#include "screens.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#define PICS_MAX 64

typedef struct {
	char uuid[STORE_UUID_LEN + 1];
	int which;
	SDL_Texture *tex;
	int w, h;
} pic;

typedef struct {
	pic v[PICS_MAX];
	int n;
	SDL_Texture *live; /* the camera's preview or the captured still */
	int live_w, live_h;
} pics;

static pics *state(app *a)
{
	if (!a->pics)
		a->pics = calloc(1, sizeof(pics));
	return a->pics;
}

void pics_wipe(SDL_Texture *t)
{
	void *px;
	int pitch, h;
	if (!t)
		return;
	if (SDL_QueryTexture(t, NULL, NULL, NULL, &h) == 0 && SDL_LockTexture(t, NULL, &px, &pitch) == 0) {
		memset(px, 0, (size_t)pitch * (size_t)h);
		SDL_UnlockTexture(t);
	}
	SDL_DestroyTexture(t);
}

/* Copies a surface's pixels into a new streaming texture, or updates
 * `into` when it has the same size. */
static SDL_Texture *to_texture(app *a, SDL_Surface *s, SDL_Texture *into)
{
	SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_Texture *t = into;
	int w = 0, h = 0;
	if (!c)
		return NULL;
	if (t && (SDL_QueryTexture(t, NULL, NULL, &w, &h) != 0 || w != c->w || h != c->h)) {
		pics_wipe(t);
		t = NULL;
	}
	if (!t)
		t = SDL_CreateTexture(a->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, c->w, c->h);
	if (t)
		SDL_UpdateTexture(t, NULL, c->pixels, c->pitch);
	memset(c->pixels, 0, (size_t)c->pitch * (size_t)c->h);
	SDL_FreeSurface(c);
	return t;
}

static SDL_Texture *decode(app *a, const void *bytes, size_t n)
{
	SDL_RWops *rw = n <= INT32_MAX ? SDL_RWFromConstMem(bytes, (int)n) : NULL;
	SDL_Surface *s = rw ? IMG_Load_RW(rw, 1) : NULL;
	SDL_Texture *t = NULL;
	if (s) {
		t = to_texture(a, s, NULL);
		if (SDL_MUSTLOCK(s) == 0)
			memset(s->pixels, 0, (size_t)s->pitch * (size_t)s->h);
		SDL_FreeSurface(s);
	}
	return t;
}

SDL_Texture *pics_get(app *a, const char *uuid, int which, int *w, int *h)
{
	pics *p = state(a);
	void *bytes = NULL;
	size_t n = 0;
	if (!p || !track_signed_in(a->tk))
		return NULL;
	for (int i = 0; i < p->n; i++)
		if (p->v[i].which == which && !strcmp(p->v[i].uuid, uuid)) {
			*w = p->v[i].w, *h = p->v[i].h;
			return p->v[i].tex;
		}
	if (p->n == PICS_MAX || track_photo_bytes(a->tk, uuid, which, &bytes, &n) != 0)
		return NULL;
	SDL_Texture *t = decode(a, bytes, n);
	store_plain_free(bytes, n);
	if (!t)
		return NULL;
	pic *e = &p->v[p->n++];
	snprintf(e->uuid, sizeof e->uuid, "%s", uuid);
	e->which = which;
	e->tex = t;
	SDL_QueryTexture(t, NULL, NULL, &e->w, &e->h);
	*w = e->w, *h = e->h;
	return t;
}

void pics_forget(app *a, const char *uuid)
{
	pics *p = a->pics;
	for (int i = 0; p && i < p->n; i++)
		if (!strcmp(p->v[i].uuid, uuid)) {
			pics_wipe(p->v[i].tex);
			p->v[i--] = p->v[--p->n];
		}
}

SDL_Texture *pics_decode(app *a, const void *bytes, size_t n, int *w, int *h)
{
	SDL_Texture *t = decode(a, bytes, n);
	*w = *h = 0;
	if (t)
		SDL_QueryTexture(t, NULL, NULL, w, h);
	return t;
}

SDL_Texture *pics_live(app *a, SDL_Surface *frame, int *w, int *h)
{
	pics *p = state(a);
	if (!p)
		return NULL;
	if (frame) {
		p->live = to_texture(a, frame, p->live);
		p->live_w = frame->w, p->live_h = frame->h;
	}
	*w = p->live_w, *h = p->live_h;
	return p->live;
}

void pics_clear(app *a)
{
	pics *p = a->pics;
	import_close(a); /* the import list's thumbnails are the patient's too */
	if (!p)
		return;
	for (int i = 0; i < p->n; i++)
		pics_wipe(p->v[i].tex);
	pics_wipe(p->live);
	memset(p, 0, sizeof *p);
	free(p);
	a->pics = NULL;
}
