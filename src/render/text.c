/* SPDX-License-Identifier: MIT */
/*
 * Text: the cached front of layout.c. A measurement is cached by
 * (text, size, weight, direction, line height, width); a drawn paragraph
 * is rasterized once into one texture cached by that plus colour and
 * alignment, so a steady frame shapes and rasterizes nothing.
 *
 * Runs are composited into the paragraph's surface by hand rather than
 * with SDL_BlitSurface: every run has the paragraph's colour, so keeping
 * the colour fixed and taking the larger coverage at each pixel gives
 * clean straight alpha where runs touch, without the dark fringes that
 * blending onto transparent black would leave.
 *
 * The texture is as wide as the longest line; alignment within
 * [x, x + max_w] is applied when it is drawn, so moving a paragraph
 * never re-rasterizes it.
 */
#include "render_int.h"
#include <stdlib.h>
#include <string.h>

enum { KEY_INTS = 10 };

/* The cache key: fixed-width ints then the text. Measurement keys leave
 * colour and alignment at zero, which do not change the layout. */
static char *text_key(const ren_text_style *st, const char *s, int max_w, int draw, size_t *klen)
{
	int32_t k[KEY_INTS] = {
		st->px, !!st->bold, !!st->rtl, st->line_pct > 0 ? st->line_pct : 140,
		max_w > 0 ? max_w : 0,
		draw ? (int32_t)st->align : 0,
		draw ? st->color.r : 0, draw ? st->color.g : 0,
		draw ? st->color.b : 0, draw ? st->color.a : 0,
	};
	size_t n = strlen(s);
	char *key = malloc(sizeof k + n);
	if (!key)
		return NULL;
	memcpy(key, k, sizeof k);
	memcpy(key + sizeof k, s, n);
	*klen = sizeof k + n;
	return key;
}

/* A key holds the text itself, which may be a patient's: wipe it. */
static void key_free(char *key, size_t klen)
{
	explicit_bzero(key, klen);
	free(key);
}

int ren_text_measure(ren *rn, const ren_text_style *st, const char *s, int max_w,
		     ren_text_metrics *out)
{
	if (!rn || !st || !s || !out)
		return mk_err(MK_EINVAL, "ren_text_measure: NULL argument");
	size_t klen;
	char *key = text_key(st, s, max_w, 0, &klen);
	if (!key)
		return mk_err(MK_ENOMEM, "out of memory");
	ren_text_metrics *m = lru_get(&rn->measure, key, klen);
	if (m) {
		*out = *m;
		key_free(key, klen);
		return 0;
	}
	tlay l;
	int rc = tlay_build(rn, st, s, max_w, &l);
	if (!rc) {
		*out = (ren_text_metrics){ l.w, l.h, l.nlines, l.overflow };
		if ((m = malloc(sizeof *m))) {
			*m = *out;
			lru_put(&rn->measure, key, klen, m, klen + sizeof *m + 64);
		}
	}
	tlay_free(&l);
	key_free(key, klen);
	return rc;
}

/* 0 left, 1 centre, 2 right. */
static int align_side(const ren_text_style *st)
{
	if (st->align == REN_ALIGN_CENTER)
		return 1;
	return ((st->align == REN_ALIGN_END) != !!st->rtl) ? 2 : 0;
}

static int align_offset(int side, int box_w, int w)
{
	return side == 2 ? box_w - w : side == 1 ? (box_w - w) / 2 : 0;
}

static void composite(SDL_Surface *dst, const SDL_Surface *src, int dx, int dy, Uint8 ca)
{
	for (int y = 0; y < src->h; y++) {
		int ty = dy + y;
		if (ty < 0 || ty >= dst->h)
			continue;
		const Uint32 *sp = (const Uint32 *)((const Uint8 *)src->pixels + y * src->pitch);
		Uint32 *dp = (Uint32 *)((Uint8 *)dst->pixels + ty * dst->pitch);
		int x0 = dx < 0 ? -dx : 0, x1 = dst->w - dx < src->w ? dst->w - dx : src->w;
		for (int x = x0; x < x1; x++) {
			Uint32 a = (sp[x] >> 24) * ca / 255;
			if (a > dp[dx + x] >> 24)
				dp[dx + x] = (dp[dx + x] & 0xFFFFFFu) | a << 24;
		}
	}
}

static int draw_run(ren *rn, const ren_text_style *st, const tlay *l, const tlay_run *r,
		    SDL_Surface *dst, int x, int top)
{
	static const SDL_Color white = { 255, 255, 255, 255 };
	TTF_Font *f = tlay_run_font(rn, st, r);
	const char *t = tlay_run_text(rn, l, r);
	if (!f || !t)
		return mk_err(MK_ENOMEM, "no font or memory for text");
	SDL_Surface *g = TTF_RenderUTF8_Blended(f, t, white);
	if (!g)
		return mk_err(MK_ESDL, "TTF_RenderUTF8_Blended: %s", TTF_GetError());
	SDL_Surface *conv = g;
	if (g->format->format != SDL_PIXELFORMAT_ARGB8888)
		conv = SDL_ConvertSurfaceFormat(g, SDL_PIXELFORMAT_ARGB8888, 0);
	if (conv)
		composite(dst, conv, x, top + l->baseline - TTF_FontAscent(f), st->color.a);
	if (conv != g)
		SDL_FreeSurface(conv);
	SDL_FreeSurface(g);
	return conv ? 0 : mk_err(MK_ESDL, "SDL_ConvertSurfaceFormat: %s", SDL_GetError());
}

/* Glyphs of a fallback face (Arabic has deeper descenders than Latin) may
 * reach past the line box; the texture keeps this much room above and
 * below the block so nothing is clipped. Layout still uses the line box. */
static int text_pad(const ren_text_style *st)
{
	return st->px / 2;
}

static int paint_lines(ren *rn, const ren_text_style *st, const tlay *l, SDL_Surface *s)
{
	int side = align_side(st);
	for (int i = 0; i < l->nlines; i++) {
		const tlay_line *ln = &l->lines[i];
		int lx = align_offset(side, l->w, ln->w), top = text_pad(st) + i * l->line_h;
		if (top >= s->h)
			break;
		for (int k = 0; k < ln->nruns; k++) {
			const tlay_run *r = &l->runs[ln->run0 + k];
			if (r->blank || r->w <= 0)
				continue;
			int rc = draw_run(rn, st, l, r, s, lx + r->x, top);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int rasterize(ren *rn, const ren_text_style *st, const char *s, int max_w, SDL_Texture **out)
{
	tlay l;
	int rc = tlay_build(rn, st, s, max_w, &l);
	if (rc)
		return rc;
	/* Larger than a texture can be: draw what fits. */
	int w = l.w < rn->max_tex_w ? l.w : rn->max_tex_w;
	int h = l.h + 2 * text_pad(st) < rn->max_tex_h ? l.h + 2 * text_pad(st) : rn->max_tex_h;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!surf) {
		tlay_free(&l);
		return mk_err(MK_ESDL, "SDL_CreateRGBSurface: %s", SDL_GetError());
	}
	SDL_FillRect(surf, NULL, SDL_MapRGBA(surf->format, st->color.r, st->color.g, st->color.b, 0));
	rc = paint_lines(rn, st, &l, surf);
	if (!rc) {
		*out = SDL_CreateTextureFromSurface(rn->r, surf);
		if (*out)
			SDL_SetTextureBlendMode(*out, SDL_BLENDMODE_BLEND);
		else
			rc = mk_err(MK_ESDL, "SDL_CreateTextureFromSurface: %s", SDL_GetError());
	}
	SDL_FreeSurface(surf);
	tlay_free(&l);
	return rc;
}

int ren_text_draw(ren *rn, const ren_text_style *st, const char *s, int x, int y, int max_w)
{
	ren_text_metrics m;
	int rc = ren_text_measure(rn, st, s, max_w, &m);
	if (rc || !rn->r || m.w <= 0 || m.h <= 0 || !rn->alpha || !st->color.a)
		return rc;
	size_t klen;
	char *key = text_key(st, s, max_w, 1, &klen);
	if (!key)
		return mk_err(MK_ENOMEM, "out of memory");
	SDL_Texture *t = lru_get(&rn->text, key, klen);
	int fresh = !t;
	if (t) {
		rn->text_hits++;
	} else if ((rc = rasterize(rn, st, s, max_w, &t))) {
		key_free(key, klen);
		return rc;
	} else {
		rn->text_renders++;
	}
	int tw, th;
	SDL_QueryTexture(t, NULL, NULL, &tw, &th);
	SDL_Rect dst = { x + (max_w > 0 ? align_offset(align_side(st), max_w, m.w) : 0),
			 y - text_pad(st), tw, th };
	SDL_SetTextureAlphaMod(t, rn->alpha);
	SDL_RenderCopy(rn->r, t, NULL, &dst);
	if (fresh)
		lru_put(&rn->text, key, klen, t, (size_t)tw * (size_t)th * 4);
	key_free(key, klen);
	return 0;
}
