/* SPDX-License-Identifier: MIT */
/*
 * Images: PNG, JPEG and WebP through SDL_image, SVG rasterized at the size
 * it is drawn. Every image is cached as a texture at its drawn size, keyed
 * by (path, w, h): an SVG stays sharp at any size, and a large photo is
 * scaled down once (halving, then bilinear) instead of by the software
 * renderer's nearest-neighbour stretch on every frame.
 *
 * What is drawn is what was checked. A picture is read once, safely (a
 * regular file, no link, no FIFO: mk_read_regular), its format decided
 * from its bytes, its size bounded, and decoded in full to prove it reads;
 * then its bytes are *pinned* and every later draw decodes those bytes,
 * never whatever is at the path by then. The kiosk pins a content's
 * pictures when it checks the content, in a table of its own
 * (ren_pins), and sets that table when the content goes on screen: a
 * picture swapped after the check changes nothing until the change is
 * checked in turn. A path not pinned yet is pinned when first asked for.
 *
 * A failure is remembered too, until the file changes, so a broken
 * picture drawn every frame is not read (nor logged) every frame and a
 * file staff fix later shows up without a restart. A missing file is
 * MK_ENOTFOUND, one that cannot be read is MK_EINVAL; neither ever takes
 * the kiosk down.
 */
#include "render_int.h"
#include <SDL_image.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

typedef struct {
	char *bytes;        /* the checked bytes; NULL when rc != 0 */
	size_t len;
	int fmt, w, h, rc;
	struct timespec mtime; /* the file when a failure was seen */
	off_t size;
	char msg[240];
} img_pin;

struct ren_pins {
	lru map;
};

static void pin_free(void *v)
{
	img_pin *p = v;
	free(p->bytes);
	free(p);
}

ren_pins *ren_pins_new(void)
{
	ren_pins *p = calloc(1, sizeof *p);
	if (p)
		lru_init(&p->map, SIZE_MAX, pin_free);
	return p;
}

void ren_pins_free(ren_pins *p)
{
	if (!p)
		return;
	lru_fini(&p->map);
	free(p);
}

void ren_pins_clear(ren_pins *p)
{
	if (p)
		lru_clear(&p->map);
}

ren_pins *ren_set_pins(ren *rn, ren_pins *p)
{
	ren_pins *old = rn->pins;
	rn->pins = p ? p : rn->own_pins;
	return old == rn->own_pins ? NULL : old;
}

/* Decodes a pin's bytes; w, h > 0 rasterizes an SVG at that size. */
static int decode(const char *path, const img_pin *p, int w, int h, SDL_Surface **out)
{
	static const char *const type[] = { "", "PNG", "JPG", "WEBP", "SVG" };
	SDL_RWops *rw = SDL_RWFromConstMem(p->bytes, (int)p->len);
	*out = NULL;
	if (rw && p->fmt == IMG_SVG)
		*out = IMG_LoadSizedSVG_RW(rw, w > 0 ? w : p->w, h > 0 ? h : p->h);
	else if (rw)
		*out = IMG_LoadTyped_RW(rw, 0, type[p->fmt]);
	if (rw)
		SDL_RWclose(rw);
	if (*out && ((*out)->w <= 0 || (*out)->h <= 0)) {
		SDL_FreeSurface(*out);
		*out = NULL;
		SDL_SetError("empty image");
	}
	if (!*out)
		return mk_err(MK_EINVAL, "cannot read image %s: %s", path, IMG_GetError());
	return 0;
}

static const char *name_format(const char *path)
{
	static const struct { const char *ext; int fmt; } ext[] = {
		{ ".png", IMG_PNG }, { ".jpg", IMG_JPEG }, { ".jpeg", IMG_JPEG },
		{ ".webp", IMG_WEBP }, { ".svg", IMG_SVG },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof ext / sizeof ext[0]; i++)
		if (!strcasecmp(dot, ext[i].ext))
			return img_format_name(ext[i].fmt);
	return NULL;
}

/* Reads, bounds and decodes the picture at path into p. */
static int pin_read(const char *path, img_pin *p)
{
	const char *why, *named;
	SDL_Surface *s = NULL;
	int rc = mk_read_regular(path, REN_IMAGE_MAX_BYTES, &p->bytes, &p->len);
	if (rc == MK_ENOTFOUND)
		return mk_err(MK_ENOTFOUND, "image not found: %s", path);
	if (rc)
		return mk_err(MK_EINVAL, "image %s", mk_err_msg());
	p->fmt = img_sniff((const unsigned char *)p->bytes, p->len);
	named = name_format(path);
	if (p->fmt == IMG_UNKNOWN)
		return mk_err(MK_EINVAL, "cannot read image %s: not a PNG, JPEG, WebP or SVG "
			      "picture", path);
	if (named && strcmp(named, img_format_name(p->fmt)))
		return mk_err(MK_EINVAL, "image %s is a%s %s picture with a %s name: name it for "
			      "what it is", path, p->fmt == IMG_SVG ? "n" : "", img_format_name(p->fmt),
			      named);
	rc = img_bytes_size((const unsigned char *)p->bytes, p->len, p->fmt, &p->w, &p->h, &why);
	if (rc == 1)
		return mk_err(MK_EINVAL, "image %s is %dx%d pixels: pictures must be at most %d "
			      "pixels a side and %d megapixels", path, p->w, p->h,
			      REN_IMAGE_MAX_SIDE, REN_IMAGE_MAX_PIXELS / 1000000);
	if (rc)
		return mk_err(MK_EINVAL, "image %s %s", path, why);
	/* Proof that it reads: raster pictures in full, an SVG small. */
	int tw = p->w > 64 ? 64 : p->w, th = p->w > 64 ? (int)((long)p->h * 64 / p->w) : p->h;
	if ((rc = decode(path, p, tw, th > 0 ? th : 1, &s)) != 0)
		return rc;
	if (p->fmt != IMG_SVG)
		p->w = s->w, p->h = s->h;
	SDL_FreeSurface(s);
	return 0;
}

static void file_id(const char *path, struct timespec *mtime, off_t *size)
{
	struct stat st;
	*mtime = (struct timespec){ 0 }, *size = -1;
	if (lstat(path, &st) == 0)
		*mtime = st.st_mtim, *size = st.st_size;
}

/* The pin for path in pins, made when missing (or when a failure's file
 * has changed since). NULL only when out of memory. */
static img_pin *pin_get(ren_pins *pins, const char *path)
{
	size_t n = strlen(path);
	img_pin *p = lru_get(&pins->map, path, n);
	if (p && p->rc) {
		struct timespec mtime;
		off_t size;
		file_id(path, &mtime, &size);
		if (mtime.tv_sec != p->mtime.tv_sec || mtime.tv_nsec != p->mtime.tv_nsec ||
		    size != p->size)
			p = NULL;
	}
	if (p)
		return p;
	if (!(p = calloc(1, sizeof *p)))
		return NULL;
	file_id(path, &p->mtime, &p->size);
	if ((p->rc = pin_read(path, p)) != 0) {
		snprintf(p->msg, sizeof p->msg, "%s", mk_err_msg());
		free(p->bytes);
		p->bytes = NULL;
	}
	if (lru_put(&pins->map, path, n, p, p->len + n + sizeof *p) != 0)
		return NULL; /* out of memory: lru_put freed it */
	return p;
}

static int report(const img_pin *p, int *w, int *h)
{
	if (!p)
		return mk_err(MK_ENOMEM, "out of memory");
	if (p->rc)
		return mk_err(p->rc, "%s", p->msg);
	*w = p->w, *h = p->h;
	return 0;
}

int ren_image_pin(ren *rn, ren_pins *pins, const char *path, int *w, int *h)
{
	if (!rn || !path || !w || !h)
		return mk_err(MK_EINVAL, "ren_image_pin: NULL argument");
	return report(pin_get(pins ? pins : rn->pins, path), w, h);
}

int ren_image_size(ren *rn, const char *path, int *w, int *h)
{
	return ren_image_pin(rn, NULL, path, w, h);
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

/* An SVG that cannot be drawn in time fails like a broken file: once,
 * with a message naming it, until the file changes. */
static int svg_surface(ren *rn, const char *path, img_pin *p, int w, int h, const char *key,
		       size_t klen, SDL_Surface **s)
{
	int rc = raster_svg(rn, p->bytes, p->len, w, h, key, klen, s);
	if (rc == REN_RASTER_PENDING || rc == 0)
		return rc;
	char why[200];
	snprintf(why, sizeof why, "%s", mk_err_msg());
	rc = mk_err(MK_EINVAL, "image %s %s", path, why);
	p->rc = rc;
	snprintf(p->msg, sizeof p->msg, "%s", mk_err_msg());
	mk_log(MK_LOG_WARN, "image-failed", "format=svg w=%d h=%d", w, h);
	return rc;
}

/* 0 with *out, REN_RASTER_PENDING, or an error. */
static int image_texture(ren *rn, const char *path, img_pin *p, int w, int h, const char *key,
			 size_t klen, SDL_Texture **out)
{
	SDL_Surface *s;
	int svg = p->fmt == IMG_SVG;
	int rc = svg ? svg_surface(rn, path, p, w, h, key, klen, &s) : decode(path, p, 0, 0, &s);
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

int ren_busy(const ren *rn)
{
	return rn && raster_pending(rn);
}

int ren_image_prove(ren *rn, ren_pins *pins, const char *path, int max_w, int max_h)
{
	int w, h, rc;
	img_pin *p = pin_get(pins ? pins : rn->pins, path);
	if ((rc = report(p, &w, &h)) != 0 || p->fmt != IMG_SVG)
		return rc;
	fit(p->w, p->h, (SDL_Rect){ 0, 0, max_w, max_h }, &w, &h);
	size_t klen;
	char *key = image_key(path, w, h, &klen);
	SDL_Surface *s = NULL;
	if (!key)
		return mk_err(MK_ENOMEM, "out of memory");
	while ((rc = svg_surface(rn, path, p, w, h, key, klen, &s)) == REN_RASTER_PENDING)
		;
	SDL_FreeSurface(s);
	free(key);
	return rc;
}

int ren_image_draw(ren *rn, const char *path, SDL_Rect dst)
{
	return ren_image_draw_ex(rn, path, dst, 0);
}

int ren_image_draw_ex(ren *rn, const char *path, SDL_Rect dst, int flip)
{
	int w, h, rc;
	if (!rn || !path)
		return mk_err(MK_EINVAL, "ren_image_draw: NULL argument");
	img_pin *p = pin_get(rn->pins, path);
	if ((rc = report(p, &w, &h)) != 0 || !rn->r || dst.w <= 0 || dst.h <= 0 || !rn->alpha)
		return rc;
	fit(p->w, p->h, dst, &w, &h);
	size_t klen;
	char *key = image_key(path, w, h, &klen);
	if (!key)
		return mk_err(MK_ENOMEM, "out of memory");
	SDL_Texture *t = lru_get(&rn->images, key, klen);
	int fresh = !t;
	if (!t && (rc = image_texture(rn, path, p, w, h, key, klen, &t))) {
		free(key);
		return rc == REN_RASTER_PENDING ? 0 : rc; /* drawn when ready */
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
