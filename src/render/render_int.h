/* SPDX-License-Identifier: MIT */
/*
 * render's private parts, shared by its files: the ren struct, the LRU that
 * every cache is built on, the font set, and the text layout that both
 * measuring and rasterizing walk. Nothing here leaves src/render.
 *
 * One LRU type serves text textures, measurements, images, image sizes and
 * shape masks: each holds opaque values with a byte cost and a free
 * function, so every cache is bounded the same way and cleared in one call.
 */
#ifndef MK_RENDER_INT_H
#define MK_RENDER_INT_H

#include "render.h"
#include "core.h"
#include <SDL_ttf.h>
#include <stdint.h>

/* ---- LRU (cache.c). Keys are byte strings, compared in full. */
typedef struct lru_node lru_node;
typedef void (*lru_free_fn)(void *val);

typedef struct {
	lru_node **buckets;
	size_t nbuckets, count;
	lru_node *head, *tail; /* head is the most recently used */
	size_t bytes, limit;
	lru_free_fn free_val;
} lru;

void lru_init(lru *l, size_t limit, lru_free_fn free_val);
/* The value stored under key, now the most recent; NULL when absent. */
void *lru_get(lru *l, const void *key, size_t klen);
/* Takes ownership of val: stores it (evicting the oldest entries to stay
 * within the limit) or, when it is larger than the limit or memory runs
 * out, frees it at once. Returns 0 when stored, 1 when not. */
int lru_put(lru *l, const void *key, size_t klen, void *val, size_t bytes);
void lru_clear(lru *l);
void lru_fini(lru *l);
uint64_t lru_hash(const void *key, size_t klen);

/* ---- Fonts (font.c). Faces in fallback order; the Arabic face is tried
 * first for Arabic script. */
enum { FACE_LATIN, FACE_ARABIC, FACE_DEJAVU, FACE_SANS, FACE_N };

typedef struct ren_font ren_font;
typedef struct {
	char *path[FACE_N][2]; /* [face][bold]; NULL when not installed */
	char *data[FACE_N][2]; /* the file's bytes, read once: every size
				* opened from memory, glyphs loaded without I/O */
	size_t size[FACE_N][2];
	int index[FACE_N][2];
	int synth_bold[FACE_N][2];
	ren_font *open;        /* opened fonts, most recent first */
	int nopen;
	int fc_ref;            /* holds a fontconfig reference */
} ren_fonts;

int font_init(ren_fonts *f);
void font_fini(ren_fonts *f);
/* The face at px, opened on first use; NULL when that face is missing. */
TTF_Font *font_get(ren_fonts *f, int face, int bold, int px);
/* The face to draw cp with: the first in the chain that has the glyph. */
int font_pick(ren_fonts *f, uint32_t cp, int arabic_first, int bold, int px);
/* The first face that exists, for line metrics. */
int font_primary(const ren_fonts *f, int bold);

/* ---- Text layout (layout.c): tlay_*, apart from the widgets' lay_*. */
typedef struct {
	int b0, b1;      /* bytes of tlay.text */
	int x, w;        /* visual position in its line */
	uint8_t face, level, arab, blank;
} tlay_run;

typedef struct {
	int run0, nruns; /* in visual order */
	int w;
} tlay_line;

typedef struct {
	char *text;      /* the input as clean UTF-8 */
	tlay_run *runs;
	int nruns, caprun;
	tlay_line *lines;
	int nlines, capline;
	int w, h, line_h, baseline, overflow;
} tlay;

int tlay_build(ren *rn, const ren_text_style *st, const char *s, int max_w, tlay *out);
void tlay_free(tlay *l);
/* Sets direction and script on run's font and returns it (NULL: none). */
TTF_Font *tlay_run_font(ren *rn, const ren_text_style *st, const tlay_run *r);
/* Copies bytes [b0, b1) of l->text NUL-terminated into rn's scratch. */
const char *tlay_run_text(ren *rn, const tlay *l, const tlay_run *r);

typedef struct raster_job raster_job;

/* ---- The renderer. */
struct ren {
	SDL_Renderer *r;
	ren_config cfg;
	Uint8 alpha;
	lru text, measure, images, masks;
	raster_job *jobs[8]; /* SVGs being rasterized (raster.c) */
	ren_pins *pins;     /* pictures drawn: the content's, or own_pins */
	ren_pins *own_pins; /* pictures pinned on demand */
	unsigned long text_renders, text_hits, image_loads;
	ren_fonts fonts;
	int max_tex_w, max_tex_h;
	char *scratch;
	size_t scratch_cap;
};

/* Scratch buffer of at least n bytes, owned by rn; NULL when out of memory. */
char *ren_scratch(ren *rn, size_t n);
void ren_texture_free(void *tex);
/* Colour alpha times the global alpha. */
Uint8 ren_mul_alpha(const ren *rn, Uint8 a);

void ren_pins_clear(ren_pins *p);

/* raster.c: an SVG rasterized at w x h on a thread of its own, keyed by
 * key. 0 and *out; REN_RASTER_PENDING while it is not ready (ask again
 * next frame); MK_ELIMIT when past its deadline; MK_EINVAL when it does
 * not read. */
#define REN_RASTER_PENDING 1
int raster_svg(ren *rn, const char *bytes, size_t len, int w, int h, const char *key, size_t klen,
	       SDL_Surface **out);
int raster_pending(const ren *rn);
void raster_drop(ren *rn); /* forgets every job; their threads end alone */

/* imghead.c: format and size from the bytes, refusing pictures over
 * these limits (the staff guide states them). */
#define REN_IMAGE_MAX_SIDE 8192
#define REN_IMAGE_MAX_PIXELS 16000000
#define REN_IMAGE_MAX_BYTES (16u << 20)
#define REN_SVG_MAX_BYTES (512u << 10)
#define REN_SVG_MAX_ELEMENTS 2000
enum { IMG_UNKNOWN, IMG_PNG, IMG_JPEG, IMG_WEBP, IMG_SVG };
int img_sniff(const unsigned char *b, size_t n);
const char *img_format_name(int fmt);
/* 0 and the natural size; 1 when that size is over the limits; or
 * MK_EINVAL and why (a phrase to put after the file's name). */
int img_bytes_size(const unsigned char *b, size_t n, int fmt, int *w, int *h, const char **why);

#endif
