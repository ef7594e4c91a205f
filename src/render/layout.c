/* SPDX-License-Identifier: MIT */
/*
 * Text layout: turns a string and a style into lines of visual runs, each
 * run one font, one direction and one byte range, with its x in the line.
 * Measuring and rasterizing both walk this result, so what --check
 * measures is exactly what the screen draws.
 *
 * The order of work follows UAX #9. Each hard line ('\n') is a paragraph:
 * FriBidi resolves embedding levels over the whole paragraph in logical
 * order, every code point gets a font, and maximal spans of equal (level,
 * font) are the items SDL_ttf shapes with HarfBuzz. Lines are broken in
 * logical order at spaces, measuring the candidate line as it would be
 * shaped (not a sum of guessed word widths), then each line's runs are
 * put in visual order with rule L2. Trailing spaces never reach a line,
 * which is rule L1 for our purposes.
 *
 * A word wider than the line is broken between code points (never before
 * a combining mark) and the block is flagged as overflowing, so the text
 * stays in its box on screen and staff still hear about it from --check.
 */
#include "render_int.h"
#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

enum { CH_ARAB = 1, CH_MARK = 2, CH_SPACE = 4 };

typedef struct {
	ren *rn;
	const ren_text_style *st;
	tlay *l;
	int base, n, max_w, rc;
	uint32_t *cp;
	int *off;         /* n + 1 byte offsets, relative to base */
	FriBidiLevel *lv;
	uint8_t *face, *flags;
} para;

static size_t utf8_put(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Staff text may be malformed: bad bytes become U+FFFD, tabs spaces, and
 * other control characters (which fonts draw as boxes) go. */
static char *clean_utf8(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	while (len) {
		uint32_t c;
		size_t k = mk_utf8_next(s, len, &c);
		k = k ? k : 1;
		s += k, len -= k;
		if (c == '\t')
			c = ' ';
		else if ((c < 0x20 && c != '\n') || c == 0x7F)
			continue;
		o += utf8_put(out + o, c);
	}
	out[o] = 0;
	return out;
}

static int is_arabic(uint32_t c)
{
	return (c >= 0x600 && c <= 0x6FF) || (c >= 0x750 && c <= 0x77F) ||
	       (c >= 0x8A0 && c <= 0x8FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
	       (c >= 0xFE70 && c <= 0xFEFC);
}

static int is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000;
}

/* ---- Paragraph setup: code points, levels, fonts. */

static int para_decode(para *p, const char *t, int len)
{
	int n = 0;
	for (int i = 0; i < len; i++)
		n += ((unsigned char)t[i] & 0xC0) != 0x80;
	p->n = n;
	p->cp = malloc(sizeof *p->cp * (n + 1));
	p->off = malloc(sizeof *p->off * (n + 1));
	p->lv = malloc(n + 1);
	p->face = malloc(n + 1);
	p->flags = calloc(n + 1, 1);
	if (!p->cp || !p->off || !p->lv || !p->face || !p->flags)
		return MK_ENOMEM;
	for (int i = 0, b = 0; i < n; i++) {
		size_t k = mk_utf8_next(t + b, (size_t)(len - b), &p->cp[i]);
		p->off[i] = b;
		b += k ? (int)k : 1;
		p->off[i + 1] = b;
	}
	return 0;
}

static void para_free(para *p)
{
	free(p->cp);
	free(p->off);
	free(p->lv);
	free(p->face);
	free(p->flags);
}

int ren_text_rtl(const char *s, int fallback)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = mk_utf8_next(s + i, len - i, &cp);
		if (!k)
			break;
		FriBidiCharType t = fribidi_get_bidi_type(cp);
		if (FRIBIDI_IS_STRONG(t) && FRIBIDI_IS_LETTER(t))
			return FRIBIDI_IS_RTL(t) ? 1 : 0;
		i += k;
	}
	return fallback;
}

/* Whether the first strong character from i on is Arabic; the paragraph
 * direction decides when there is none. */
static int arabic_ahead(const para *p, const FriBidiCharType *ty, int i)
{
	for (; i < p->n; i++) {
		if (ty[i] == FRIBIDI_TYPE_AL || ty[i] == FRIBIDI_TYPE_AN || is_arabic(p->cp[i]))
			return 1;
		if (ty[i] == FRIBIDI_TYPE_LTR || ty[i] == FRIBIDI_TYPE_EN)
			return 0;
	}
	return p->st->rtl;
}

/* Letters and digits choose their font by script; spaces, joiners and
 * marks stay in the font before them so an Arabic word is never cut
 * into two shaping runs; other punctuation stays when that font has it. */
static int pick_face(para *p, const FriBidiCharType *ty, int i)
{
	ren_fonts *f = &p->rn->fonts;
	int bold = p->st->bold, px = p->st->px;
	uint32_t c = p->cp[i];
	FriBidiCharType t = ty[i];
	if (t == FRIBIDI_TYPE_AL || t == FRIBIDI_TYPE_AN || t == FRIBIDI_TYPE_RTL || is_arabic(c))
		return font_pick(f, c, 1, bold, px);
	if (t == FRIBIDI_TYPE_LTR || t == FRIBIDI_TYPE_EN)
		return font_pick(f, c, 0, bold, px);
	if (i == 0)
		return font_pick(f, c, arabic_ahead(p, ty, 0), bold, px);
	int prev = p->face[i - 1];
	if (t == FRIBIDI_TYPE_WS || t == FRIBIDI_TYPE_BN || t == FRIBIDI_TYPE_NSM)
		return prev;
	TTF_Font *font = font_get(f, prev, bold, px);
	if (font && TTF_GlyphIsProvided32(font, c))
		return prev;
	return font_pick(f, c, arabic_ahead(p, ty, i + 1), bold, px);
}

static int para_bidi(para *p)
{
	int n = p->n;
	FriBidiCharType *ty = malloc(sizeof *ty * (n + 1));
	FriBidiBracketType *br = malloc(sizeof *br * (n + 1));
	if (!ty || !br) {
		free(ty);
		free(br);
		return MK_ENOMEM;
	}
	fribidi_get_bidi_types(p->cp, n, ty);
	fribidi_get_bracket_types(p->cp, n, ty, br);
	FriBidiParType dir = p->st->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
	if (n && !fribidi_get_par_embedding_levels_ex(ty, br, n, &dir, p->lv))
		memset(p->lv, p->st->rtl ? 1 : 0, n);
	for (int i = 0; i < n; i++) {
		p->face[i] = (uint8_t)pick_face(p, ty, i);
		p->flags[i] = (is_arabic(p->cp[i]) ? CH_ARAB : 0) |
			      (ty[i] == FRIBIDI_TYPE_NSM ? CH_MARK : 0) |
			      (is_space(p->cp[i]) ? CH_SPACE : 0);
	}
	free(ty);
	free(br);
	return 0;
}

/* ---- Measuring spans. */

static int seg_end(const para *p, int i, int b)
{
	int j = i + 1;
	while (j < b && p->lv[j] == p->lv[i] && p->face[j] == p->face[i])
		j++;
	return j;
}

static tlay_run seg_run(const para *p, int i, int j)
{
	tlay_run r = { .b0 = p->base + p->off[i], .b1 = p->base + p->off[j],
		      .face = p->face[i], .level = p->lv[i], .blank = 1 };
	for (int k = i; k < j; k++) {
		r.arab |= (p->flags[k] & CH_ARAB) != 0;
		r.blank &= (p->flags[k] & CH_SPACE) != 0;
	}
	return r;
}

/* Shaped width of a run; errors are sticky in p->rc so the line breaker
 * stays readable (it still terminates: a failed width is 0). */
static int run_width(para *p, const tlay_run *r)
{
	TTF_Font *f = tlay_run_font(p->rn, p->st, r);
	const char *t = tlay_run_text(p->rn, p->l, r);
	int w = 0, h;
	if (!f || !t) {
		if (!p->rc)
			p->rc = t ? mk_err(MK_ENOTFOUND, "no font for text") :
				    mk_err(MK_ENOMEM, "out of memory");
		return 0;
	}
	if (TTF_SizeUTF8(f, t, &w, &h) < 0 && !p->rc)
		p->rc = mk_err(MK_ESDL, "TTF_SizeUTF8: %s", TTF_GetError());
	return w;
}

static int span_width(para *p, int a, int b)
{
	int w = 0;
	for (int i = a; i < b;) {
		int j = seg_end(p, i, b);
		tlay_run r = seg_run(p, i, j);
		w += run_width(p, &r);
		i = j;
	}
	return w;
}

/* ---- Lines. */

static void reverse(tlay_run *r, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		tlay_run t = r[i];
		r[i] = r[j];
		r[j] = t;
	}
}

/* UAX #9 rule L2: from the highest level down to the lowest odd one,
 * reverse every sequence of runs at that level or above. */
static void reorder(tlay_run *r, int n)
{
	int hi = 0, lo_odd = 256;
	for (int i = 0; i < n; i++) {
		hi = r[i].level > hi ? r[i].level : hi;
		if ((r[i].level & 1) && r[i].level < lo_odd)
			lo_odd = r[i].level;
	}
	for (int lev = hi; lev >= lo_odd; lev--) {
		for (int i = 0; i < n;) {
			if (r[i].level < lev) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && r[j].level >= lev)
				j++;
			reverse(r + i, j - i);
			i = j;
		}
	}
}

static int grow(void **arr, int *cap, int need, size_t elem)
{
	if (need <= *cap)
		return 0;
	int nc = *cap ? *cap * 2 : 16;
	while (nc < need)
		nc *= 2;
	void *a = realloc(*arr, (size_t)nc * elem);
	if (!a)
		return MK_ENOMEM;
	*arr = a;
	*cap = nc;
	return 0;
}

static void emit_line(para *p, int a, int b)
{
	tlay *l = p->l;
	if (grow((void **)&l->lines, &l->capline, l->nlines + 1, sizeof *l->lines)) {
		p->rc = mk_err(MK_ENOMEM, "out of memory");
		return;
	}
	tlay_line *ln = &l->lines[l->nlines++];
	*ln = (tlay_line){ .run0 = l->nruns };
	for (int i = a; i < b;) {
		int j = seg_end(p, i, b);
		if (grow((void **)&l->runs, &l->caprun, l->nruns + 1, sizeof *l->runs)) {
			p->rc = mk_err(MK_ENOMEM, "out of memory");
			return;
		}
		tlay_run *r = &l->runs[l->nruns++];
		*r = seg_run(p, i, j);
		r->w = run_width(p, r);
		ln->nruns++;
		i = j;
	}
	reorder(l->runs + ln->run0, ln->nruns);
	for (int k = 0; k < ln->nruns; k++) {
		l->runs[ln->run0 + k].x = ln->w;
		ln->w += l->runs[ln->run0 + k].w;
	}
	if (ln->w > l->w)
		l->w = ln->w;
}

/* The longest prefix of [a, b) that fits, at least one character, never
 * leaving a combining mark at the start of the next line. */
static int break_point(para *p, int a, int b)
{
	int lo = a + 1, hi = b - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (span_width(p, a, mid) <= p->max_w)
			lo = mid;
		else
			hi = mid - 1;
	}
	while (lo > a + 1 && (p->flags[lo] & CH_MARK))
		lo--;
	while (lo < b && (p->flags[lo] & CH_MARK))
		lo++;
	return lo;
}

/* Greedy wrapping. The line's width grows by the width of each space and
 * word measured on its own, so a paragraph is shaped once, not once per
 * word; only a line that comes within a few pixels of the edge is shaped
 * whole to decide (joining and kerning never cross a space by much). */
static void para_wrap(para *p)
{
	int n = p->n, ls = 0, le = 0, i = 0, emitted = p->l->nlines, line_w = 0;
	while (!p->rc) {
		int ws = i, we;
		while (ws < n && (p->flags[ws] & CH_SPACE))
			ws++;
		if (ws == n)
			break;
		for (we = ws; we < n && !(p->flags[we] & CH_SPACE); we++)
			;
		int cand = p->max_w > 0 ? line_w + span_width(p, le, we) : 0;
		if (p->max_w > 0 && cand > p->max_w - 8 && cand <= p->max_w + 8)
			cand = span_width(p, ls, we);
		if (p->max_w <= 0 || cand <= p->max_w) {
			le = i = we;
			line_w = cand;
		} else if (le > ls) {
			emit_line(p, ls, le);
			ls = le = i = ws;
			line_w = 0;
		} else {
			p->l->overflow = 1;
			int k = break_point(p, ls, we);
			emit_line(p, ls, k);
			ls = le = i = k;
			line_w = 0;
		}
	}
	if (!p->rc && (le > ls || p->l->nlines == emitted))
		emit_line(p, ls, le);
}

static int para_layout(ren *rn, const ren_text_style *st, tlay *l, int base, int len, int max_w)
{
	para p = { .rn = rn, .st = st, .l = l, .base = base, .max_w = max_w };
	int rc = para_decode(&p, l->text + base, len);
	if (!rc)
		rc = para_bidi(&p);
	if (!rc) {
		para_wrap(&p);
		rc = p.rc;
	}
	para_free(&p);
	return rc;
}

/* Centres the primary face's ascent + descent in the line box, so lines
 * look evenly spaced whatever the line height. */
static int line_metrics(ren *rn, const ren_text_style *st, tlay *l)
{
	int pct = st->line_pct > 0 ? st->line_pct : 140;
	l->line_h = (st->px * pct + 50) / 100;
	if (l->line_h < 1)
		l->line_h = 1;
	TTF_Font *f = font_get(&rn->fonts, font_primary(&rn->fonts, st->bold), st->bold, st->px);
	if (!f)
		return mk_err(MK_ENOTFOUND, "no font at %d px", st->px);
	int asc = TTF_FontAscent(f), desc = -TTF_FontDescent(f);
	l->baseline = (l->line_h - (asc + desc)) / 2 + asc;
	return 0;
}

int tlay_build(ren *rn, const ren_text_style *st, const char *s, int max_w, tlay *out)
{
	memset(out, 0, sizeof *out);
	if (st->px <= 0 || st->px > 1000)
		return mk_err(MK_EINVAL, "font size %d px out of range", st->px);
	int rc = line_metrics(rn, st, out);
	if (rc)
		return rc;
	if (!(out->text = clean_utf8(s)))
		return mk_err(MK_ENOMEM, "out of memory");
	int len = (int)strlen(out->text);
	for (int b = 0; len > 0 && b <= len && !rc;) {
		const char *nl = memchr(out->text + b, '\n', (size_t)(len - b));
		int e = nl ? (int)(nl - out->text) : len;
		rc = para_layout(rn, st, out, b, e - b, max_w > 0 ? max_w : 0);
		b = e + 1;
	}
	out->h = out->nlines * out->line_h;
	if (rc)
		tlay_free(out);
	return rc;
}

void tlay_free(tlay *l)
{
	if (l->text) /* the text may be a patient's note */
		explicit_bzero(l->text, strlen(l->text));
	free(l->text);
	free(l->runs);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

TTF_Font *tlay_run_font(ren *rn, const ren_text_style *st, const tlay_run *r)
{
	TTF_Font *f = font_get(&rn->fonts, r->face, st->bold, st->px);
	if (!f)
		return NULL;
	TTF_SetFontDirection(f, (r->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, r->arab ? "Arab" : "Latn");
	return f;
}

const char *tlay_run_text(ren *rn, const tlay *l, const tlay_run *r)
{
	size_t n = (size_t)(r->b1 - r->b0);
	char *t = ren_scratch(rn, n + 1);
	if (!t)
		return NULL;
	memcpy(t, l->text + r->b0, n);
	t[n] = 0;
	return t;
}
