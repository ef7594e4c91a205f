/* SPDX-License-Identifier: MIT */
/*
 * render: everything that puts pixels on the screen, behind a small API so
 * the UI never talks to SDL_ttf or SDL_image directly.
 *
 * Text: fonts are found through fontconfig (Noto Sans, Noto Sans Arabic,
 * then a fallback chain), paragraphs are split into bidi runs (FriBidi) and
 * shaped per run with SDL_ttf's HarfBuzz support, wrapped to a width and
 * aligned. A rendered paragraph is kept as one texture in a bounded LRU
 * cache keyed by (text, style, width), so a steady frame renders no text.
 *
 * A ren opened with a NULL SDL_Renderer measures only: `--check` uses it to
 * find text that cannot fit its box without opening a window.
 */
#ifndef MK_RENDER_H
#define MK_RENDER_H

#include <SDL.h>

typedef struct ren ren;

typedef struct {
	size_t text_cache_bytes; /* bound for cached text textures; default 16 MiB */
	size_t image_cache_bytes;/* bound for cached images; default 16 MiB */
} ren_config;

/* r may be NULL: measure-only. cfg may be NULL for defaults. */
int ren_open(ren **out, SDL_Renderer *r, const ren_config *cfg);
void ren_close(ren *rn);
SDL_Renderer *ren_sdl(ren *rn);

/* ---- Text. */
typedef enum { REN_ALIGN_START, REN_ALIGN_CENTER, REN_ALIGN_END } ren_align;

typedef struct {
	int px;            /* font size in pixels */
	int bold;
	SDL_Color color;
	ren_align align;   /* START is the left edge for LTR, the right for RTL */
	int rtl;           /* base direction of the paragraph */
	int line_pct;      /* line height in percent of px; 0 means 140 */
} ren_text_style;

typedef struct {
	int w, h;       /* size of the wrapped block */
	int lines;
	int overflow;   /* 1 when a single word is wider than max_w */
} ren_text_metrics;

/* The direction of text by its own first strong letter (1: right to left),
 * as typed text is shown whatever the screen's language: an English note
 * on the Arabic screen reads left to right. fallback when it has none. */
int ren_text_rtl(const char *s, int fallback);
/* Measures `s` wrapped to max_w (<= 0: no wrapping). Cached. */
int ren_text_measure(ren *rn, const ren_text_style *st, const char *s, int max_w,
		     ren_text_metrics *out);
/* Draws `s` wrapped to max_w with the block's top-left at (x, y); the
 * alignment is applied inside [x, x + max_w]. */
int ren_text_draw(ren *rn, const ren_text_style *st, const char *s, int x, int y, int max_w);

/* ---- Images: PNG, JPEG, WebP, SVG (rasterized at the size drawn). What
 * is drawn for a path is the bytes pinned for it (see image.c). */
typedef struct ren_pins ren_pins;
ren_pins *ren_pins_new(void);
void ren_pins_free(ren_pins *p);
/* Reads the picture at path (a regular file, not a link), bounds it,
 * decodes it in full and keeps its bytes in pins (NULL: the table in
 * use): from then on what is drawn for path is exactly those bytes. 0 and
 * the natural size, or an error naming the file and what is wrong. */
int ren_image_pin(ren *rn, ren_pins *pins, const char *path, int *w, int *h);
/* The table drawing uses from now on (NULL: pictures pinned on demand);
 * returns the one it replaces (NULL for the on-demand table). The caller
 * keeps ownership of both. */
ren_pins *ren_set_pins(ren *rn, ren_pins *p);
/* SVGs are drawn on threads of their own (raster.c): 1 while a picture
 * drawn in the last frames is still being made, so the caller draws again
 * soon (it shows as soon as it is ready). */
int ren_busy(const ren *rn);
/* --check: draws the picture (an SVG) at the largest size it may be shown
 * in max_w x max_h, and fails like a broken file when that takes too long. */
int ren_image_prove(ren *rn, ren_pins *pins, const char *path, int max_w, int max_h);
/* Natural size (for SVG, its declared size), pinning path when needed. */
int ren_image_size(ren *rn, const char *path, int *w, int *h);
/* Draws the image fitted into dst keeping its aspect ratio, centred. */
int ren_image_draw(ren *rn, const char *path, SDL_Rect dst);
/* The same, mirrored left to right when flip is 1 (right-to-left pages). */
int ren_image_draw_ex(ren *rn, const char *path, SDL_Rect dst, int flip);

/* ---- Shapes. All drawing honours ren_set_alpha and the clip. */
void ren_fill_rect(ren *rn, SDL_Rect r, SDL_Color c);
void ren_round_rect(ren *rn, SDL_Rect r, int radius, SDL_Color fill);
void ren_round_rect_outline(ren *rn, SDL_Rect r, int radius, int thickness, SDL_Color c);
/* A straight line from (x0, y0) to (x1, y1), `thickness` px wide, with
 * square (butt) ends; not antialiased. */
void ren_line(ren *rn, int x0, int y0, int x1, int y1, int thickness, SDL_Color c);
/* A soft drop shadow under a rounded rect, `spread` px wide. Like CSS
 * box-shadow it is drawn outside r only; offset r to drop it. */
void ren_shadow(ren *rn, SDL_Rect r, int radius, int spread, Uint8 alpha);
void ren_set_clip(ren *rn, const SDL_Rect *clip); /* NULL: none */
/* Multiplies every following draw's alpha by a/255 (for fades). */
void ren_set_alpha(ren *rn, Uint8 a);

/* ---- Cache control and counters. */
typedef struct {
	unsigned long text_renders;  /* paragraphs rasterized since open */
	unsigned long text_hits;     /* draws served from the cache */
	size_t text_cache_bytes;
	unsigned long image_loads;
	size_t image_cache_bytes;
} ren_stats;

void ren_get_stats(const ren *rn, ren_stats *out);
/* Drops every cached texture and measurement (language switch, sign-out). */
void ren_cache_clear(ren *rn);

#endif
