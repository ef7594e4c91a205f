/* SPDX-License-Identifier: MIT */
/*
 * The import path: bytes in, what the kiosk keeps out. Probe first (so
 * nothing too large, damaged or cut short ever reaches the decoder), then
 * decode once and derive both outputs from the same pixels: the kept image
 * and the thumbnail.
 *
 * A picture that is already fine — a JPEG or PNG no larger than
 * PHOTO_KEEP_MAX with no rotation to apply — keeps its picture data byte
 * for byte (a re-encode would only lose quality), less the metadata that
 * could say where and with what it was taken (strip.c). Anything else is shrunk while still
 * lying as stored (fewer pixels to turn), then turned upright and encoded
 * at quality 90. The thumbnail is made from the kept-size pixels, so a
 * 12-megapixel photo is read in full exactly once.
 */
#include "photo_int.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#define KEEP_QUALITY 90
#define THUMB_QUALITY 85

int photo_decode(const void *bytes, size_t n, int kind, int w, int h, SDL_Surface **out)
{
	SDL_RWops *rw;
	SDL_Surface *s;
	*out = NULL;
	if (n > INT32_MAX)
		return mk_err(MK_EINVAL, "the file is too large");
	if (!(rw = SDL_RWFromConstMem(bytes, (int)n)))
		return mk_err(MK_ENOMEM, "not enough memory to read the picture");
	s = IMG_LoadTyped_RW(rw, 1, kind == PHOTO_KIND_PNG ? "PNG" : "JPG");
	if (!s)
		return mk_err(MK_EINVAL, "the picture cannot be read: %s", SDL_GetError());
	if (s->w != w || s->h != h) {
		px_free(s);
		return mk_err(MK_EINVAL, "the picture is damaged: its size does not match its header");
	}
	if (!(*out = px_rgb24(s)))
		return MK_ENOMEM;
	return 0;
}

/* The kept image; *scaled is src shrunk to the kept size, lying as
 * stored (src itself when no shrinking was needed). */
static int keep_image(SDL_Surface *src, int o, int kind, const void *bytes, size_t n,
		      photo_prepared *out, SDL_Surface **scaled)
{
	SDL_Surface *up;
	int dw, dh, rc;
	px_fit(src->w, src->h, PHOTO_KEEP_MAX, &dw, &dh);
	*scaled = src;
	if (o == 1 && dw == src->w && dh == src->h) {
		/* Kept as it is, less its metadata (strip.c). */
		out->width = dw, out->height = dh;
		return px_strip_meta(bytes, n, kind, &out->image, &out->image_len);
	}
	if ((dw != src->w || dh != src->h) && !(*scaled = px_scale(src, dw, dh)))
		return MK_ENOMEM;
	up = o == 1 ? *scaled : px_orient(*scaled, o);
	if (!up)
		return MK_ENOMEM;
	rc = px_encode(up, KEEP_QUALITY, &out->image, &out->image_len);
	out->width = up->w, out->height = up->h;
	if (up != *scaled)
		px_free(up);
	return rc;
}

static int make_thumb(SDL_Surface *kept, int o, photo_prepared *out)
{
	SDL_Surface *small = kept, *up;
	int dw, dh, rc;
	px_fit(kept->w, kept->h, PHOTO_THUMB, &dw, &dh);
	if ((dw != kept->w || dh != kept->h) && !(small = px_scale(kept, dw, dh)))
		return MK_ENOMEM;
	up = o == 1 ? small : px_orient(small, o);
	rc = up ? px_encode(up, THUMB_QUALITY, &out->thumb, &out->thumb_len) : MK_ENOMEM;
	if (up && up != small)
		px_free(up);
	if (small != kept)
		px_free(small);
	return rc;
}

int photo_prepare(const void *bytes, size_t n, photo_prepared *out)
{
	SDL_Surface *src = NULL, *scaled = NULL;
	int kind, w, h, o, rc;
	memset(out, 0, sizeof *out);
	if ((rc = photo_probe(bytes, n, &kind, &w, &h, &o)) ||
	    (rc = photo_decode(bytes, n, kind, w, h, &src)))
		return rc;
	out->orientation = o;
	rc = keep_image(src, o, kind, bytes, n, out, &scaled);
	if (!rc)
		rc = make_thumb(scaled, o, out);
	if (!rc)
		photo_sha256_hex(out->image, out->image_len, out->sha256);
	if (scaled != src)
		px_free(scaled);
	px_free(src);
	if (rc)
		photo_prepared_free(out);
	return rc;
}

void photo_prepared_free(photo_prepared *p)
{
	if (!p)
		return;
	px_wipe_free(p->image, p->image_len);
	px_wipe_free(p->thumb, p->thumb_len);
	explicit_bzero(p, sizeof *p);
}
