/* SPDX-License-Identifier: MIT */
/*
 * Images: PNG and JPEG through IMG_Load, SVG rasterized by SDL_image at
 * the size it is drawn. Every image is cached as a texture at its drawn
 * size, keyed by (path, w, h): an SVG stays sharp at any size, and a
 * large photo is scaled down once (halving, then bilinear) instead of by
 * the software renderer's nearest-neighbour stretch on every frame.
 *
 * Natural sizes have their own small cache, since layout asks for them
 * every frame; failures are cached too, until the file changes, so a file
 * staff add or fix later shows up without a restart. A missing file is
 * MK_ENOTFOUND, one SDL_image cannot read is MK_EINVAL; neither ever
 * takes the kiosk down.
 */
#include "render_int.h"
#include <SDL_image.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

static int is_svg(const char *path)
{
	size_t n = strlen(path);
	return n >= 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

/* w, h > 0 rasterizes an SVG at that size; 0 at its own. */
static int load_surface(const char *path, int w, int h, SDL_Surface **out)
{
	*out = NULL;
	if (!mk_is_file(path))
		return mk_err(MK_ENOTFOUND, "image not found: %s", path);
	if (is_svg(path)) {
		SDL_RWops *rw = SDL_RWFromFile(path, "rb");
		if (rw && !IMG_isSVG(rw)) {
			SDL_SetError("not an SVG document");
		} else if (rw) {
			*out = w > 0 ? IMG_LoadSizedSVG_RW(rw, w, h) : IMG_LoadSVG_RW(rw);
		}
		if (rw)
			SDL_RWclose(rw);
	} else {
		*out = IMG_Load(path);
	}
	if (*out && ((*out)->w <= 0 || (*out)->h <= 0)) {
		SDL_FreeSurface(*out);
		*out = NULL;
		SDL_SetError("empty image");
	}
	if (!*out)
		return mk_err(MK_EINVAL, "cannot read image %s: %s", path, IMG_GetError());
	return 0;
}

/* What a path held when it was last read: its natural size, or the error
 * it gave, with the file's identity so a fixed file is read again. */
typedef struct {
	int w, h, rc;
	struct timespec mtime;
	off_t size;
	char msg[240];
} img_info;

static void file_id(const char *path, struct timespec *mtime, off_t *size)
{
	struct stat st;
	*mtime = (struct timespec){ 0 }, *size = -1;
	if (stat(path, &st) == 0)
		*mtime = st.st_mtim, *size = st.st_size;
}

/* The size comes from the header (bounded before anything is decoded);
 * then the file is decoded once, small for an SVG, to be sure it reads. */
static void probe(const char *path, img_info *in, int verify)
{
	SDL_Surface *s = NULL;
	memset(in, 0, sizeof *in);
	file_id(path, &in->mtime, &in->size);
	in->rc = img_header_size(path, &in->w, &in->h);
	if (in->rc == 0 && verify) {
		int tw = in->w > 64 ? 64 : in->w, th = in->w > 64 ? (int)((long)in->h * 64 / in->w) : in->h;
		in->rc = load_surface(path, is_svg(path) ? tw : 0, is_svg(path) ? (th > 0 ? th : 1) : 0, &s);
	}
	if (in->rc) {
		/* Reported by whoever asked (the content checks name file:line). */
		snprintf(in->msg, sizeof in->msg, "%s", mk_err_msg());
		return;
	}
	if (s && !is_svg(path))
		in->w = s->w, in->h = s->h;
	SDL_FreeSurface(s);
}

static int report(const img_info *in, int *w, int *h)
{
	if (in->rc)
		return mk_err(in->rc, "%s", in->msg);
	*w = in->w, *h = in->h;
	return 0;
}

/* A broken image is remembered until its file changes: drawn every frame,
 * it must not be decoded (nor logged) every frame, and SDL_image 2.6
 * leaks a little on some broken SVGs. */
int ren_image_size(ren *rn, const char *path, int *w, int *h)
{
	if (!rn || !path || !w || !h)
		return mk_err(MK_EINVAL, "ren_image_size: NULL argument");
	size_t n = strlen(path);
	img_info *in = lru_get(&rn->sizes, path, n);
	if (in && in->rc) {
		struct timespec mtime;
		off_t size;
		file_id(path, &mtime, &size);
		if (mtime.tv_sec != in->mtime.tv_sec || mtime.tv_nsec != in->mtime.tv_nsec ||
		    size != in->size)
			in = NULL;
	}
	if (!in) {
		img_info fresh, *keep = malloc(sizeof *keep);
		probe(path, &fresh, rn->cfg.verify_images);
		if (keep) {
			*keep = fresh;
			lru_put(&rn->sizes, path, n, keep, n + sizeof *keep + 64);
		}
		return report(&fresh, w, h);
	}
	return report(in, w, h);
}

static SDL_Surface *stretch(SDL_Surface *src, int w, int h)
{
	SDL_Surface *d = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (d && SDL_SoftStretchLinear(src, NULL, d, NULL) < 0) {
		SDL_FreeSurface(d);
		d = NULL;
	}
	SDL_FreeSurface(src);
	return d;
}

/* Takes src; bilinear alone would skip pixels when shrinking a lot, so
 * halve first while the image is still twice the target or more. */
static SDL_Surface *scale_surface(SDL_Surface *src, int w, int h)
{
	SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(src);
	while (s && s->w / 2 >= w && s->h / 2 >= h)
		s = stretch(s, s->w / 2, s->h / 2);
	if (s && (s->w != w || s->h != h))
		s = stretch(s, w, h);
	return s;
}

static int image_texture(ren *rn, const char *path, int w, int h, SDL_Texture **out)
{
	SDL_Surface *s;
	int svg = is_svg(path);
	int rc = load_surface(path, svg ? w : 0, svg ? h : 0, &s);
	if (rc)
		return rc;
	rn->image_loads++;
	if (!svg && !(s = scale_surface(s, w, h)))
		return mk_err(MK_ESDL, "cannot scale image %s: %s", path, SDL_GetError());
	*out = SDL_CreateTextureFromSurface(rn->r, s);
	SDL_FreeSurface(s);
	if (!*out)
		return mk_err(MK_ESDL, "SDL_CreateTextureFromSurface: %s", SDL_GetError());
	SDL_SetTextureBlendMode(*out, SDL_BLENDMODE_BLEND);
	return 0;
}

/* Key: the fitted size, then the path. */
static char *image_key(const char *path, int w, int h, size_t *klen)
{
	int32_t wh[2] = { w, h };
	size_t n = strlen(path);
	char *k = malloc(sizeof wh + n);
	if (k) {
		memcpy(k, wh, sizeof wh);
		memcpy(k + sizeof wh, path, n);
		*klen = sizeof wh + n;
	}
	return k;
}

static void fit(int nw, int nh, SDL_Rect dst, int *w, int *h)
{
	double s = fmin((double)dst.w / nw, (double)dst.h / nh);
	*w = (int)lround(nw * s);
	*h = (int)lround(nh * s);
	*w = *w < 1 ? 1 : *w > dst.w ? dst.w : *w;
	*h = *h < 1 ? 1 : *h > dst.h ? dst.h : *h;
}

int ren_image_draw(ren *rn, const char *path, SDL_Rect dst)
{
	return ren_image_draw_ex(rn, path, dst, 0);
}

int ren_image_draw_ex(ren *rn, const char *path, SDL_Rect dst, int flip)
{
	int nw, nh, w, h, rc = ren_image_size(rn, path, &nw, &nh);
	if (rc || !rn->r || dst.w <= 0 || dst.h <= 0 || !rn->alpha)
		return rc;
	fit(nw, nh, dst, &w, &h);
	size_t klen;
	char *key = image_key(path, w, h, &klen);
	if (!key)
		return mk_err(MK_ENOMEM, "out of memory");
	SDL_Texture *t = lru_get(&rn->images, key, klen);
	int fresh = !t;
	if (!t && (rc = image_texture(rn, path, w, h, &t))) {
		free(key);
		return rc;
	}
	int tw, th;
	SDL_QueryTexture(t, NULL, NULL, &tw, &th);
	SDL_Rect d = { dst.x + (dst.w - tw) / 2, dst.y + (dst.h - th) / 2, tw, th };
	SDL_SetTextureAlphaMod(t, rn->alpha);
	SDL_RenderCopyEx(rn->r, t, NULL, &d, 0, NULL, flip ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
	if (fresh)
		lru_put(&rn->images, key, klen, t, (size_t)tw * (size_t)th * 4);
	free(key);
	return 0;
}
