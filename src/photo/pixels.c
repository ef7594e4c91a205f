/* SPDX-License-Identifier: MIT */
/*
 * RGB24 pixels: the one surface format the rest of photo works in, and the
 * few things done to it — make one from whatever a decoder returned,
 * shrink it, turn it upright, encode it as JPEG into memory.
 *
 * Shrinking is an area average (a box filter): every source pixel lands in
 * exactly one output pixel, in one pass over the source rows, which is
 * both the fastest way through 12 megapixels and the right filter for the
 * large ratios of a thumbnail. Turning upright maps each output pixel to
 * its source through two steps (along a row, down a column), walked in
 * tiles so that the transposing orientations 5..8 stay in cache.
 *
 * Every buffer that held a patient's pixels is wiped before it is freed,
 * including the JPEG buffer's old copies as it grows.
 */
#include "photo_int.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#define ORIENT_TILE 64

SDL_Surface *px_new(int w, int h)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s)
		mk_err(MK_ENOMEM, "not enough memory for a %d x %d picture", w, h);
	return s;
}

void px_free(SDL_Surface *s)
{
	if (!s)
		return;
	if (s->pixels && s->refcount <= 1)
		explicit_bzero(s->pixels, (size_t)s->pitch * (size_t)s->h);
	SDL_FreeSurface(s);
}

void px_wipe_free(void *p, size_t n)
{
	if (p) {
		explicit_bzero(p, n);
		free(p);
	}
}

SDL_Surface *px_rgb24(SDL_Surface *src)
{
	SDL_Surface *dst;
	if (src->format->format == SDL_PIXELFORMAT_RGB24)
		return src;
	if (SDL_ISPIXELFORMAT_ALPHA(src->format->format) || SDL_HasColorKey(src)) {
		/* Transparent parts over white, as a viewer would show them. */
		if ((dst = px_new(src->w, src->h))) {
			SDL_FillRect(dst, NULL, SDL_MapRGB(dst->format, 255, 255, 255));
			SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_BLEND);
			if (SDL_BlitSurface(src, NULL, dst, NULL)) {
				mk_err(MK_ESDL, "cannot convert the picture: %s", SDL_GetError());
				px_free(dst);
				dst = NULL;
			}
		}
	} else if (!(dst = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_RGB24, 0))) {
		mk_err(MK_ENOMEM, "cannot convert the picture: %s", SDL_GetError());
	}
	px_free(src);
	return dst;
}

void px_fit(int w, int h, int max, int *dw, int *dh)
{
	*dw = w, *dh = h;
	if (w <= max && h <= max)
		return;
	if (w >= h)
		*dw = max, *dh = (int)(((long long)h * max + w / 2) / w);
	else
		*dh = max, *dw = (int)(((long long)w * max + h / 2) / h);
	*dw = *dw < 1 ? 1 : *dw;
	*dh = *dh < 1 ? 1 : *dh;
}

/* Sums of each source byte over a band of rows: contiguous, so it
 * vectorizes; the columns are summed once per output row after. */
static void scale_add_row(uint32_t *col, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		col[i] += p[i];
}

static void scale_put_row(unsigned char *d, const uint32_t *col, const int *x0, int dw, int rows)
{
	for (int x = 0; x < dw; x++, d += 3) {
		uint32_t r = 0, g = 0, b = 0, cnt = (uint32_t)(x0[x + 1] - x0[x]) * (uint32_t)rows;
		for (int sx = x0[x]; sx < x0[x + 1]; sx++)
			r += col[3 * sx], g += col[3 * sx + 1], b += col[3 * sx + 2];
		d[0] = (unsigned char)((r + cnt / 2) / cnt);
		d[1] = (unsigned char)((g + cnt / 2) / cnt);
		d[2] = (unsigned char)((b + cnt / 2) / cnt);
	}
}

SDL_Surface *px_scale(const SDL_Surface *src, int dw, int dh)
{
	int sw = src->w, sh = src->h, sy = 0;
	size_t rowlen = (size_t)sw * 3;
	SDL_Surface *dst = px_new(dw, dh);
	uint32_t *col = malloc(sizeof *col * rowlen);
	int *x0 = malloc(sizeof *x0 * ((size_t)dw + 1));
	if (!dst || !col || !x0) {
		px_free(dst);
		dst = NULL;
		mk_err(MK_ENOMEM, "not enough memory to shrink the picture");
		goto done;
	}
	for (int x = 0; x <= dw; x++) /* output x covers source [x0[x], x0[x + 1]) */
		x0[x] = (int)((long long)x * sw / dw);
	for (int oy = 0; oy < dh; oy++) {
		int y1 = (int)((long long)(oy + 1) * sh / dh), rows = y1 - sy;
		memset(col, 0, sizeof *col * rowlen);
		for (; sy < y1; sy++)
			scale_add_row(col, (const unsigned char *)src->pixels + (size_t)sy * (size_t)src->pitch, rowlen);
		scale_put_row((unsigned char *)dst->pixels + (size_t)oy * (size_t)dst->pitch, col, x0, dw, rows);
	}
done:
	free(col);
	free(x0);
	return dst;
}

/* Source of output pixel (dx, dy) is (cx + ax*dx + bx*dy, cy + ay*dx + by*dy),
 * for each EXIF orientation (TIFF 6.0: where the 0th row and column sit). */
static const signed char orient_map[9][4] = {
	/* ax, bx, ay, by */
	{ 1, 0, 0, 1 }, { 1, 0, 0, 1 }, { -1, 0, 0, 1 }, { -1, 0, 0, -1 }, { 1, 0, 0, -1 },
	{ 0, 1, 1, 0 }, { 0, 1, -1, 0 }, { 0, -1, -1, 0 }, { 0, -1, 1, 0 },
};

typedef struct {
	const unsigned char *s;
	unsigned char *d;
	size_t dpitch;
	ptrdiff_t base, step_x, step_y; /* byte offsets into s */
} orient_job;

/* Output rows [y0, y1), columns [x0, x1). Locals only in the inner loop:
 * byte stores may alias anything, so nothing is re-read through a pointer. */
static void orient_block(const orient_job *j, int x0, int y0, int x1, int y1)
{
	const unsigned char *s = j->s;
	ptrdiff_t sx = j->step_x;
	for (int dy = y0; dy < y1; dy++) {
		ptrdiff_t off = j->base + j->step_y * dy + sx * x0;
		unsigned char *o = j->d + (size_t)dy * j->dpitch + 3 * (size_t)x0, *end = o + 3 * (size_t)(x1 - x0);
		for (; o < end; o += 3, off += sx) {
			unsigned char r = s[off], g = s[off + 1], b = s[off + 2];
			o[0] = r, o[1] = g, o[2] = b;
		}
	}
}

SDL_Surface *px_orient(const SDL_Surface *src, int o)
{
	const signed char *m = orient_map[o >= 1 && o <= 8 ? o : 1];
	int w = src->w, h = src->h, swap = o >= 5 && o <= 8;
	SDL_Surface *dst = px_new(swap ? h : w, swap ? w : h);
	if (!dst)
		return NULL;
	ptrdiff_t cx = m[0] < 0 || m[1] < 0 ? w - 1 : 0, cy = m[2] < 0 || m[3] < 0 ? h - 1 : 0;
	orient_job j = { src->pixels, dst->pixels, (size_t)dst->pitch, cy * src->pitch + cx * 3,
			 m[0] * 3 + m[2] * src->pitch, m[1] * 3 + m[3] * src->pitch };
	if (!swap) {
		orient_block(&j, 0, 0, dst->w, dst->h);
		return dst;
	}
	for (int ty = 0; ty < dst->h; ty += ORIENT_TILE) /* reads go down columns: stay in cache */
		for (int tx = 0; tx < dst->w; tx += ORIENT_TILE)
			orient_block(&j, tx, ty, tx + ORIENT_TILE < dst->w ? tx + ORIENT_TILE : dst->w,
				     ty + ORIENT_TILE < dst->h ? ty + ORIENT_TILE : dst->h);
	return dst;
}

/* ---- JPEG into memory: a write-only SDL_RWops over a growing buffer. */

typedef struct {
	unsigned char *p;
	size_t len, cap, pos;
} membuf;

static int mb_reserve(membuf *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 64 * 1024;
	unsigned char *q;
	while (cap < need)
		cap *= 2;
	if (cap == m->cap)
		return 0;
	if (!(q = malloc(cap))) /* not realloc: the old copy must be wiped */
		return -1;
	if (m->len)
		memcpy(q, m->p, m->len);
	px_wipe_free(m->p, m->cap);
	m->p = q, m->cap = cap;
	return 0;
}

static size_t mb_write(SDL_RWops *rw, const void *ptr, size_t size, size_t num)
{
	membuf *m = rw->hidden.unknown.data1;
	size_t n = size * num;
	if ((num && n / num != size) || n > SIZE_MAX / 4 - m->pos || mb_reserve(m, m->pos + n))
		return 0;
	memcpy(m->p + m->pos, ptr, n);
	m->pos += n;
	m->len = m->pos > m->len ? m->pos : m->len;
	return num;
}

static Sint64 mb_seek(SDL_RWops *rw, Sint64 off, int whence)
{
	membuf *m = rw->hidden.unknown.data1;
	Sint64 base = whence == RW_SEEK_CUR ? (Sint64)m->pos : whence == RW_SEEK_END ? (Sint64)m->len : 0;
	if (off < -base || off > (Sint64)m->len - base)
		return SDL_SetError("seek out of range");
	m->pos = (size_t)(base + off);
	return (Sint64)m->pos;
}

static Sint64 mb_size(SDL_RWops *rw) { return (Sint64)((membuf *)rw->hidden.unknown.data1)->len; }
static size_t mb_read(SDL_RWops *rw, void *p, size_t s, size_t n) { (void)rw, (void)p, (void)s, (void)n; return 0; }
static int mb_close(SDL_RWops *rw) { (void)rw; return 0; }

int px_encode(SDL_Surface *s, int quality, void **out, size_t *n)
{
	membuf m = { 0 };
	SDL_RWops *rw = SDL_AllocRW();
	int rc = 0;
	*out = NULL, *n = 0;
	if (!rw)
		return mk_err(MK_ENOMEM, "not enough memory to encode the picture");
	rw->size = mb_size, rw->seek = mb_seek, rw->read = mb_read, rw->write = mb_write, rw->close = mb_close;
	rw->type = SDL_RWOPS_UNKNOWN;
	rw->hidden.unknown.data1 = &m;
	quality = quality < 1 ? 1 : quality > 100 ? 100 : quality;
	if (IMG_SaveJPG_RW(s, rw, 0, quality) != 0 || !m.len) {
		rc = mk_err(MK_ESDL, "cannot encode the picture as JPEG: %s", SDL_GetError());
		px_wipe_free(m.p, m.cap);
	} else {
		*out = m.p, *n = m.len;
	}
	SDL_FreeRW(rw);
	return rc;
}
