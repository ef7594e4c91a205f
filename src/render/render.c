/* SPDX-License-Identifier: MIT */
/*
 * render: opening and closing, the global alpha and clip, counters, and
 * the shapes the UI is built from (cards, buttons, their outlines and
 * shadows).
 *
 * Shapes have to look smooth and stay cheap on SDL's software renderer,
 * which headless tests and benchmarks use, so nothing here rasterizes
 * per frame or leans on SDL_RenderGeometry. A rounded rect is a nine-
 * slice: its four corners come from a small antialiased mask texture
 * made once per radius (white, coverage in alpha, tinted with the colour
 * mod) and the rest is three plain rects that never overlap, so a
 * translucent fill has no darker seams. Outlines use a ring mask per
 * (radius, thickness) the same way. A shadow is drawn only outside its
 * rect, from a soft falloff mask per (radius, spread, alpha) with the
 * colour baked in, so a steady frame blends it without modulation, which
 * is several times faster in software. The masks live in their own LRU.
 * Lines (chart series) are the one exception: a line at any angle is a
 * quad for SDL_RenderGeometry, two triangles, cheap enough for the few a
 * chart draws and not worth a mask.
 */
#include "render_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MiB (1024u * 1024u)

enum { MASK_DISC, MASK_RING, MASK_SHADOW };

void ren_texture_free(void *tex)
{
	SDL_DestroyTexture(tex);
}

static void init_caches(ren *rn)
{
	lru_init(&rn->text, rn->cfg.text_cache_bytes, ren_texture_free);
	lru_init(&rn->measure, 1 * MiB, free);
	lru_init(&rn->images, rn->cfg.image_cache_bytes, ren_texture_free);
	lru_init(&rn->masks, 8 * MiB, ren_texture_free);
}

static void texture_limits(ren *rn)
{
	SDL_RendererInfo info;
	rn->max_tex_w = rn->max_tex_h = 16384;
	if (rn->r && SDL_GetRendererInfo(rn->r, &info) == 0) {
		if (info.max_texture_width > 0)
			rn->max_tex_w = info.max_texture_width;
		if (info.max_texture_height > 0)
			rn->max_tex_h = info.max_texture_height;
	}
}

int ren_open(ren **out, SDL_Renderer *r, const ren_config *cfg)
{
	*out = NULL;
	ren *rn = calloc(1, sizeof *rn);
	if (!rn)
		return mk_err(MK_ENOMEM, "out of memory");
	rn->r = r;
	rn->alpha = 255;
	if (cfg)
		rn->cfg = *cfg;
	if (!rn->cfg.text_cache_bytes)
		rn->cfg.text_cache_bytes = 16 * MiB;
	if (!rn->cfg.image_cache_bytes)
		rn->cfg.image_cache_bytes = 16 * MiB;
	if (TTF_Init() < 0) {
		free(rn);
		return mk_err(MK_ESDL, "TTF_Init: %s", TTF_GetError());
	}
	int rc = font_init(&rn->fonts);
	if (rc) {
		font_fini(&rn->fonts);
		TTF_Quit();
		free(rn);
		return rc;
	}
	init_caches(rn);
	texture_limits(rn);
	if (!(rn->pins = rn->own_pins = ren_pins_new())) {
		ren_close(rn);
		return mk_err(MK_ENOMEM, "out of memory");
	}
	*out = rn;
	return 0;
}

void ren_close(ren *rn)
{
	if (!rn)
		return;
	lru_fini(&rn->text);
	lru_fini(&rn->measure);
	lru_fini(&rn->images);
	raster_drop(rn);
	ren_pins_free(rn->own_pins);
	lru_fini(&rn->masks);
	font_fini(&rn->fonts);
	TTF_Quit();
	free(rn->scratch);
	free(rn);
}

SDL_Renderer *ren_sdl(ren *rn)
{
	return rn ? rn->r : NULL;
}

char *ren_scratch(ren *rn, size_t n)
{
	if (n > rn->scratch_cap) {
		size_t cap = n < 256 ? 256 : n * 2;
		char *p = realloc(rn->scratch, cap);
		if (!p)
			return NULL;
		rn->scratch = p;
		rn->scratch_cap = cap;
	}
	return rn->scratch;
}

Uint8 ren_mul_alpha(const ren *rn, Uint8 a)
{
	return (Uint8)((a * rn->alpha + 127) / 255);
}

void ren_set_clip(ren *rn, const SDL_Rect *clip)
{
	if (rn && rn->r)
		SDL_RenderSetClipRect(rn->r, clip);
}

void ren_set_alpha(ren *rn, Uint8 a)
{
	if (rn)
		rn->alpha = a;
}

void ren_get_stats(const ren *rn, ren_stats *out)
{
	*out = (ren_stats){
		.text_renders = rn->text_renders,
		.text_hits = rn->text_hits,
		.text_cache_bytes = rn->text.bytes,
		.image_loads = rn->image_loads,
		.image_cache_bytes = rn->images.bytes,
	};
}

void ren_cache_clear(ren *rn)
{
	if (!rn)
		return;
	lru_clear(&rn->text);
	lru_clear(&rn->measure);
	lru_clear(&rn->images);
	ren_pins_clear(rn->own_pins); /* pictures read on demand are read again */
	raster_drop(rn);
	lru_clear(&rn->masks);
	if (rn->scratch) /* it holds the last run of text drawn */
		memset(rn->scratch, 0, rn->scratch_cap);
}

/* ---- Masks. */

static float clampf(float v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Coverage of a pixel whose centre is `d` px outside an edge. */
static float cover(float d)
{
	return clampf(0.5f - d);
}

/* A mask: kind, radius a, ring thickness or shadow spread b, and for a
 * shadow its alpha, baked in with black so that the common case draws
 * with no colour or alpha modulation, SDL's fastest blend. */
typedef struct {
	int32_t kind, a, b, alpha;
} mask_spec;

/* A shadow mask is the shadow of a rounded rect with straight sides of
 * SHADOW_RUN px, so edges are copied in unscaled chunks of that length
 * (a stretched blit with blending is several times slower in software). */
#define SHADOW_RUN 128

static int mask_side(const mask_spec *m)
{
	return m->kind == MASK_SHADOW ? 2 * (m->a + m->b) + SHADOW_RUN : 2 * m->a;
}

/* Shadow only outside the shape, as CSS box-shadow does: what is under
 * a card is never seen, and not blending it halves the cost. */
static Uint32 shadow_pixel(const mask_spec *m, float fx, float fy)
{
	float lo = (float)(m->a + m->b), hi = lo + SHADOW_RUN;
	float dx = fx < lo ? lo - fx : fx > hi ? fx - hi : 0;
	float dy = fy < lo ? lo - fy : fy > hi ? fy - hi : 0;
	float d = sqrtf(dx * dx + dy * dy) - (float)m->a;
	float t = clampf(d / (float)m->b);
	float v = (1 - t * t * (3 - 2 * t)) * clampf(d + 0.5f);
	return (Uint32)(m->alpha * v + 0.5f) << 24;
}

/* Disc and ring: white, antialiased coverage in alpha. */
static Uint32 mask_pixel(const mask_spec *m, int n, int x, int y)
{
	float fx = x + 0.5f, fy = y + 0.5f, c = n / 2.0f;
	if (m->kind == MASK_SHADOW)
		return shadow_pixel(m, fx, fy);
	float dist = sqrtf((fx - c) * (fx - c) + (fy - c) * (fy - c));
	float v = cover(dist - (float)m->a);
	if (m->kind == MASK_RING)
		v = clampf(v - cover(dist - (float)(m->a - m->b)));
	return 0xFFFFFFu | (Uint32)(255.0f * v + 0.5f) << 24;
}

static SDL_Texture *mask_make(ren *rn, const mask_spec *m, int n)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, n, n, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s)
		return NULL;
	for (int y = 0; y < n; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
		for (int x = 0; x < n; x++)
			row[x] = mask_pixel(m, n, x, y);
	}
	SDL_Texture *t = SDL_CreateTextureFromSurface(rn->r, s);
	SDL_FreeSurface(s);
	if (t)
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	return t;
}

/* The mask texture, from the cache or made now; *n is its side. */
static SDL_Texture *mask_get(ren *rn, mask_spec m, int *n)
{
	*n = mask_side(&m);
	SDL_Texture *t = lru_get(&rn->masks, &m, sizeof m);
	if (t)
		return t;
	if (!(t = mask_make(rn, &m, *n)))
		return NULL;
	/* A mask too big to cache is freed here; the caller draws a plain shape. */
	if (lru_put(&rn->masks, &m, sizeof m, t, (size_t)*n * (size_t)*n * 4))
		return NULL;
	return t;
}

static void tint(ren *rn, SDL_Texture *t, SDL_Color c)
{
	SDL_SetTextureColorMod(t, c.r, c.g, c.b);
	SDL_SetTextureAlphaMod(t, ren_mul_alpha(rn, c.a));
}

static void copy(ren *rn, SDL_Texture *t, SDL_Rect src, SDL_Rect dst)
{
	if (dst.w > 0 && dst.h > 0)
		SDL_RenderCopy(rn->r, t, &src, &dst);
}

/* The four r x r corners of a 2r x 2r mask at the corners of b. */
static void corners(ren *rn, SDL_Texture *t, SDL_Rect b, int r)
{
	int x2 = b.x + b.w - r, y2 = b.y + b.h - r;
	copy(rn, t, (SDL_Rect){ 0, 0, r, r }, (SDL_Rect){ b.x, b.y, r, r });
	copy(rn, t, (SDL_Rect){ r, 0, r, r }, (SDL_Rect){ x2, b.y, r, r });
	copy(rn, t, (SDL_Rect){ 0, r, r, r }, (SDL_Rect){ b.x, y2, r, r });
	copy(rn, t, (SDL_Rect){ r, r, r, r }, (SDL_Rect){ x2, y2, r, r });
}

static int half_min(SDL_Rect r)
{
	return (r.w < r.h ? r.w : r.h) / 2;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* ---- Shapes. */

void ren_fill_rect(ren *rn, SDL_Rect r, SDL_Color c)
{
	Uint8 a = rn && rn->r ? ren_mul_alpha(rn, c.a) : 0;
	if (!a || r.w <= 0 || r.h <= 0)
		return;
	SDL_SetRenderDrawBlendMode(rn->r, a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(rn->r, c.r, c.g, c.b, a);
	SDL_RenderFillRect(rn->r, &r);
}

void ren_round_rect(ren *rn, SDL_Rect r, int radius, SDL_Color fill)
{
	if (!rn || !rn->r || r.w <= 0 || r.h <= 0 || !ren_mul_alpha(rn, fill.a))
		return;
	int rad = clampi(radius, 0, half_min(r)), n;
	SDL_Texture *m = rad ? mask_get(rn, (mask_spec){ MASK_DISC, rad, 0, 0 }, &n) : NULL;
	if (!m) {
		ren_fill_rect(rn, r, fill);
		return;
	}
	tint(rn, m, fill);
	corners(rn, m, r, rad);
	ren_fill_rect(rn, (SDL_Rect){ r.x + rad, r.y, r.w - 2 * rad, rad }, fill);
	ren_fill_rect(rn, (SDL_Rect){ r.x, r.y + rad, r.w, r.h - 2 * rad }, fill);
	ren_fill_rect(rn, (SDL_Rect){ r.x + rad, r.y + r.h - rad, r.w - 2 * rad, rad }, fill);
}

/* Four sides of thickness t, corners of size rad left out. */
static void frame(ren *rn, SDL_Rect r, int rad, int t, SDL_Color c)
{
	int side = rad > t ? rad : t;
	ren_fill_rect(rn, (SDL_Rect){ r.x + rad, r.y, r.w - 2 * rad, t }, c);
	ren_fill_rect(rn, (SDL_Rect){ r.x + rad, r.y + r.h - t, r.w - 2 * rad, t }, c);
	ren_fill_rect(rn, (SDL_Rect){ r.x, r.y + side, t, r.h - 2 * side }, c);
	ren_fill_rect(rn, (SDL_Rect){ r.x + r.w - t, r.y + side, t, r.h - 2 * side }, c);
}

void ren_round_rect_outline(ren *rn, SDL_Rect r, int radius, int thickness, SDL_Color c)
{
	if (!rn || !rn->r || r.w <= 0 || r.h <= 0 || !ren_mul_alpha(rn, c.a))
		return;
	int t = clampi(thickness, 1, half_min(r) > 0 ? half_min(r) : 1);
	int rad = clampi(radius, 0, half_min(r)), n;
	if (rad && rad < t)
		rad = t; /* a corner is never thinner than the line */
	SDL_Texture *m = rad ? mask_get(rn, (mask_spec){ MASK_RING, rad, t, 0 }, &n) : NULL;
	if (!m) {
		frame(rn, r, 0, t, c);
		return;
	}
	tint(rn, m, c);
	corners(rn, m, r, rad);
	frame(rn, r, rad, t, c);
}

/* Copies a run of the mask's straight part along an edge, SHADOW_RUN
 * pixels at a time; horizontal when dx, else vertical. */
static void edge(ren *rn, SDL_Texture *m, SDL_Rect src, SDL_Rect dst, int len, int dx)
{
	for (int off = 0; off < len; off += SHADOW_RUN) {
		int c = len - off < SHADOW_RUN ? len - off : SHADOW_RUN;
		SDL_Rect sr = src, dr = dst;
		if (dx)
			sr.w = dr.w = c, dr.x += off;
		else
			sr.h = dr.h = c, dr.y += off;
		copy(rn, m, sr, dr);
	}
}

void ren_shadow(ren *rn, SDL_Rect r, int radius, int spread, Uint8 alpha)
{
	if (!rn || !rn->r || r.w <= 0 || r.h <= 0 || !ren_mul_alpha(rn, alpha))
		return;
	int rad = clampi(radius, 0, half_min(r)), s = clampi(spread, 0, 256), n;
	SDL_Texture *m = s ? mask_get(rn, (mask_spec){ MASK_SHADOW, rad, s, alpha }, &n) : NULL;
	if (!m)
		return; /* nothing outside r to draw */
	int k = rad + s, e = k + SHADOW_RUN, x2 = r.x + r.w - rad, y2 = r.y + r.h - rad;
	SDL_SetTextureColorMod(m, 255, 255, 255);
	SDL_SetTextureAlphaMod(m, rn->alpha);
	copy(rn, m, (SDL_Rect){ 0, 0, k, k }, (SDL_Rect){ r.x - s, r.y - s, k, k });
	copy(rn, m, (SDL_Rect){ e, 0, k, k }, (SDL_Rect){ x2, r.y - s, k, k });
	copy(rn, m, (SDL_Rect){ 0, e, k, k }, (SDL_Rect){ r.x - s, y2, k, k });
	copy(rn, m, (SDL_Rect){ e, e, k, k }, (SDL_Rect){ x2, y2, k, k });
	edge(rn, m, (SDL_Rect){ k, 0, 0, s }, (SDL_Rect){ r.x + rad, r.y - s, 0, s }, r.w - 2 * rad, 1);
	edge(rn, m, (SDL_Rect){ k, e + rad, 0, s }, (SDL_Rect){ r.x + rad, r.y + r.h, 0, s },
	     r.w - 2 * rad, 1);
	edge(rn, m, (SDL_Rect){ 0, k, s, 0 }, (SDL_Rect){ r.x - s, r.y + rad, s, 0 }, r.h - 2 * rad, 0);
	edge(rn, m, (SDL_Rect){ e + rad, k, s, 0 }, (SDL_Rect){ r.x + r.w, r.y + rad, s, 0 },
	     r.h - 2 * rad, 0);
}

/* The quad is the segment pushed half the thickness out on each side
 * along its normal. */
void ren_line(ren *rn, int x0, int y0, int x1, int y1, int thickness, SDL_Color c)
{
	Uint8 a = rn && rn->r ? ren_mul_alpha(rn, c.a) : 0;
	float dx = (float)(x1 - x0), dy = (float)(y1 - y0), len = sqrtf(dx * dx + dy * dy);
	if (!a || len <= 0 || thickness <= 0)
		return;
	float h = (float)thickness / 2.0f, nx = -dy / len * h, ny = dx / len * h;
	SDL_Color vc = { c.r, c.g, c.b, a };
	SDL_Vertex v[4] = {
		{ { (float)x0 + nx, (float)y0 + ny }, vc, { 0, 0 } },
		{ { (float)x0 - nx, (float)y0 - ny }, vc, { 0, 0 } },
		{ { (float)x1 - nx, (float)y1 - ny }, vc, { 0, 0 } },
		{ { (float)x1 + nx, (float)y1 + ny }, vc, { 0, 0 } },
	};
	static const int idx[6] = { 0, 1, 2, 0, 2, 3 };
	/* Without a texture the geometry blends with the draw blend mode. */
	SDL_SetRenderDrawBlendMode(rn->r, a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_RenderGeometry(rn->r, NULL, v, 4, idx, 6);
}
