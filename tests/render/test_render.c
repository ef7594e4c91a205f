/* SPDX-License-Identifier: MIT */
/*
 * render: what a patient would see, read back from pixels of a software
 * renderer drawing into a plain surface — wrapped English stays in its
 * box, Arabic sits on the right with its digits in reading order, a
 * steady frame rasterizes no text, caches stay within their bounds,
 * images appear at the size asked, and bad files are errors, not crashes.
 */
#include "render.h"
#include "core.h"
#include "../check.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const SDL_Color black = { 0, 0, 0, 255 };
static const SDL_Color white = { 255, 255, 255, 255 };
static const SDL_Color red = { 220, 0, 0, 255 };

static const char *english =
	"Mesotherapy is a course of small injections into the middle layer of the "
	"skin. Most people need several sessions a few weeks apart, and results "
	"vary from person to person. Tell the clinic if redness spreads or you "
	"have a fever after a session.";
static const char *arabic = "مرحبا بكم في العيادة";

typedef struct {
	SDL_Surface *s;
	SDL_Renderer *r;
	ren *rn;
} target;

static int target_open(target *t, int w, int h, const ren_config *cfg)
{
	t->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	t->r = t->s ? SDL_CreateSoftwareRenderer(t->s) : NULL;
	if (!t->r || ren_open(&t->rn, t->r, cfg) != 0) {
		fprintf(stderr, "cannot open target: %s %s\n", SDL_GetError(), mk_err_msg());
		return -1;
	}
	return 0;
}

static void target_close(target *t)
{
	ren_close(t->rn);
	SDL_DestroyRenderer(t->r);
	SDL_FreeSurface(t->s);
}

static void clear(target *t, SDL_Color c)
{
	SDL_FillRect(t->s, NULL, SDL_MapRGBA(t->s->format, c.r, c.g, c.b, 255));
}

static SDL_Color pixel(target *t, int x, int y)
{
	SDL_Color c = { 0 };
	if (x < 0 || y < 0 || x >= t->s->w || y >= t->s->h) {
		CHECK_MSG(0, "pixel %d,%d is off the surface", x, y);
		return c;
	}
	SDL_RenderFlush(t->r);
	Uint32 p = ((Uint32 *)((Uint8 *)t->s->pixels + y * t->s->pitch))[x];
	SDL_GetRGBA(p, t->s->format, &c.r, &c.g, &c.b, &c.a);
	return c;
}

/* Bounding box of dark pixels ("ink") inside area; w = 0 when none. */
static SDL_Rect ink(target *t, SDL_Rect area)
{
	int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
	for (int y = area.y; y < area.y + area.h; y++)
		for (int x = area.x; x < area.x + area.w; x++)
			if (pixel(t, x, y).r < 128) {
				x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
				y0 = y < y0 ? y : y0, y1 = y > y1 ? y : y1;
			}
	return x1 < 0 ? (SDL_Rect){ 0 } : (SDL_Rect){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

static ren_text_style style(int px, int rtl)
{
	return (ren_text_style){ .px = px, .color = black, .rtl = rtl };
}

static void test_wrap_english(target *t)
{
	ren_text_style st = style(28, 0);
	ren_text_metrics m;
	CHECK(ren_text_measure(t->rn, &st, english, 600, &m) == 0);
	CHECK_MSG(m.lines >= 3, "lines=%d", m.lines);
	CHECK_MSG(m.w <= 600 && m.w > 400, "w=%d", m.w);
	CHECK(m.h == m.lines * 39); /* 28 px at 140 % */
	CHECK(!m.overflow);
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &st, english, 50, 20, 600) == 0);
	SDL_Rect b = ink(t, (SDL_Rect){ 0, 0, t->s->w, 400 });
	CHECK_MSG(b.x >= 50 && b.x < 60 && b.x + b.w <= 650, "ink x=%d w=%d", b.x, b.w);
	CHECK_MSG(b.h > (m.lines - 1) * 39, "ink h=%d", b.h);

	ren_text_metrics one;
	CHECK(ren_text_measure(t->rn, &st, english, 0, &one) == 0);
	CHECK(one.lines == 1 && one.w > 1500);
	CHECK(ren_text_measure(t->rn, &st, "One\nTwo", 600, &m) == 0 && m.lines == 2);
	CHECK(ren_text_measure(t->rn, &st, "One\n\nTwo", 600, &m) == 0 && m.lines == 3);
	CHECK(ren_text_measure(t->rn, &st, "", 600, &m) == 0 && m.lines == 0 && m.w == 0);
	CHECK(ren_text_measure(t->rn, &st, "bad \xff\xfe utf8 \xe2\x82", 600, &m) == 0 &&
	      m.lines == 1 && m.w > 0);
	st.bold = 1;
	CHECK(ren_text_measure(t->rn, &st, "Hello", 0, &m) == 0);
	st.bold = 0;
	CHECK(ren_text_measure(t->rn, &st, "Hello", 0, &one) == 0);
	CHECK(m.w > one.w);
	st.px = 0;
	CHECK(ren_text_measure(t->rn, &st, "Hello", 0, &m) == MK_EINVAL);
}

static void test_arabic_alignment(target *t)
{
	ren_text_style st = style(32, 1);
	SDL_Rect area = { 0, 0, t->s->w, 120 };
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &st, arabic, 100, 20, 800) == 0);
	SDL_Rect b = ink(t, area);
	CHECK_MSG(b.w > 100 && b.x + b.w <= 900 && b.x + b.w > 890, "ink x=%d w=%d", b.x, b.w);
	CHECK_MSG(b.x > 500, "ink starts at x=%d", b.x);

	st.align = REN_ALIGN_END; /* the left edge for RTL */
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &st, arabic, 100, 20, 800) == 0);
	b = ink(t, area);
	CHECK_MSG(b.x >= 100 && b.x < 110 && b.x + b.w < 500, "ink x=%d w=%d", b.x, b.w);

	st = style(32, 0); /* English START is the left */
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &st, "Hello", 100, 20, 800) == 0);
	b = ink(t, area);
	CHECK_MSG(b.x >= 100 && b.x < 110, "ink x=%d", b.x);
	st.align = REN_ALIGN_CENTER;
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &st, "Hello", 100, 20, 800) == 0);
	b = ink(t, area);
	CHECK_MSG(abs(b.x + b.w / 2 - 500) < 6, "centre %d", b.x + b.w / 2);
}

/* Sum of darkness per column over the first n columns of box b. */
static void profile(target *t, SDL_Rect b, int n, long *out)
{
	for (int x = 0; x < n; x++) {
		out[x] = 0;
		for (int y = b.y; y < b.y + b.h; y++)
			out[x] += 255 - pixel(t, b.x + x, y).r;
	}
}

static long profile_diff(const long *a, const long *b, int n)
{
	long d = 0;
	for (int i = 0; i < n; i++)
		d += labs(a[i] - b[i]);
	return d;
}

/* In an RTL paragraph the number comes first on the left and reads
 * left to right: its ink must match "15" drawn alone, not "51". */
static void test_bidi_digits(target *t)
{
	ren_text_style ltr = style(40, 0), rtl = style(40, 1);
	SDL_Rect top = { 0, 0, t->s->w, 100 }, low = { 0, 100, t->s->w, 100 };
	long p15[200], p51[200], pmix[200];
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &ltr, "15", 20, 20, 0) == 0);
	SDL_Rect b15 = ink(t, top);
	CHECK(ren_text_draw(t->rn, &ltr, "51", 20, 120, 0) == 0);
	SDL_Rect b51 = ink(t, low);
	CHECK(b15.w > 10 && b15.w < 200 && b51.w > 10);
	profile(t, b15, b15.w, p15);
	profile(t, (SDL_Rect){ b15.x, b51.y, b15.w, b51.h }, b15.w, p51);
	CHECK(profile_diff(p15, p51, b15.w) > 1000); /* the test can tell them apart */

	clear(t, white);
	CHECK(ren_text_draw(t->rn, &rtl, "مرحبا 15", 20, 120, 900) == 0);
	SDL_Rect bm = ink(t, low);
	CHECK_MSG(bm.w > b15.w + 40, "mixed ink w=%d", bm.w);
	profile(t, bm, b15.w, pmix);
	long d15 = profile_diff(pmix, p15, b15.w), d51 = profile_diff(pmix, p51, b15.w);
	CHECK_MSG(d15 * 10 < d51, "digits order: diff to 15 %ld, to 51 %ld", d15, d51);
}

/* Nothing dropped from a mixed line, and English sits at its left. */
static void test_bidi_mixed(target *t)
{
	ren_text_style ltr = style(40, 0), rtl = style(40, 1);
	SDL_Rect top = { 0, 0, t->s->w, 100 }, low = { 0, 100, t->s->w, 100 };
	ren_text_metrics mm, ma, me, md;
	const char *mixed = "مرحبا 15 Hello";
	CHECK(ren_text_measure(t->rn, &rtl, mixed, 0, &mm) == 0);
	CHECK(ren_text_measure(t->rn, &rtl, "مرحبا", 0, &ma) == 0);
	CHECK(ren_text_measure(t->rn, &ltr, "Hello", 0, &me) == 0);
	CHECK(ren_text_measure(t->rn, &ltr, "15", 0, &md) == 0);
	CHECK_MSG(mm.w > ma.w + me.w + md.w, "mixed %d parts %d", mm.w, ma.w + me.w + md.w);
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &rtl, mixed, 20, 120, 900) == 0);
	SDL_Rect bm = ink(t, low);
	CHECK(bm.w > ma.w + me.w);
	/* "Hello" is at the left of an RTL line: its H is the leftmost ink. */
	SDL_Rect bh;
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &ltr, "Hello", 20, 20, 0) == 0);
	bh = ink(t, top);
	long ph[200], pm[200];
	profile(t, bh, 20, ph);
	clear(t, white);
	CHECK(ren_text_draw(t->rn, &rtl, mixed, 20, 20, 0) == 0);
	profile(t, ink(t, top), 20, pm);
	CHECK_MSG(profile_diff(ph, pm, 20) < 500, "H diff %ld", profile_diff(ph, pm, 20));
}

static void test_text_cache(target *t)
{
	ren_text_style st = style(24, 0);
	ren_stats a, b, c;
	ren_get_stats(t->rn, &a);
	CHECK(ren_text_draw(t->rn, &st, "A fresh paragraph for the cache.", 10, 10, 500) == 0);
	ren_get_stats(t->rn, &b);
	CHECK(b.text_renders == a.text_renders + 1);
	for (int i = 0; i < 5; i++)
		CHECK(ren_text_draw(t->rn, &st, "A fresh paragraph for the cache.", 10, 10 + i, 500) == 0);
	ren_get_stats(t->rn, &c);
	CHECK(c.text_renders == b.text_renders);
	CHECK(c.text_hits == b.text_hits + 5);
	st.color = red; /* another colour is another texture */
	CHECK(ren_text_draw(t->rn, &st, "A fresh paragraph for the cache.", 10, 10, 500) == 0);
	ren_get_stats(t->rn, &c);
	CHECK(c.text_renders == b.text_renders + 1);
	CHECK(c.text_cache_bytes > 0);
	ren_cache_clear(t->rn);
	ren_get_stats(t->rn, &c);
	CHECK(c.text_cache_bytes == 0 && c.image_cache_bytes == 0);
	CHECK(ren_text_draw(t->rn, &st, "A fresh paragraph for the cache.", 10, 10, 500) == 0);
	ren_get_stats(t->rn, &b);
	CHECK(b.text_renders == c.text_renders + 1);
}

static void test_lru_bound(void)
{
	target t;
	ren_config cfg = { .text_cache_bytes = 300 * 1024, .image_cache_bytes = 0 };
	if (target_open(&t, 800, 600, &cfg)) {
		CHECK(0);
		return;
	}
	ren_text_style st = style(24, 0);
	ren_stats s;
	char buf[128];
	size_t peak = 0;
	for (int i = 0; i < 80; i++) {
		snprintf(buf, sizeof buf, "Paragraph %d: drink water and avoid sun on the area.", i);
		CHECK(ren_text_draw(t.rn, &st, buf, 0, 0, 600) == 0);
		ren_get_stats(t.rn, &s);
		peak = s.text_cache_bytes > peak ? s.text_cache_bytes : peak;
	}
	CHECK_MSG(peak <= cfg.text_cache_bytes && peak > 100 * 1024, "peak=%zu", peak);
	CHECK(s.text_renders == 80);
	CHECK(ren_text_draw(t.rn, &st, buf, 0, 0, 600) == 0); /* newest: a hit */
	snprintf(buf, sizeof buf, "Paragraph %d: drink water and avoid sun on the area.", 0);
	CHECK(ren_text_draw(t.rn, &st, buf, 0, 0, 600) == 0); /* oldest: evicted */
	ren_get_stats(t.rn, &s);
	CHECK(s.text_hits == 1 && s.text_renders == 81);
	target_close(&t);
}

static void test_measure_only(target *t)
{
	ren *m;
	CHECK(ren_open(&m, NULL, NULL) == 0);
	if (!m)
		return;
	CHECK(ren_sdl(m) == NULL);
	const char *texts[] = { english, arabic, "مرحبا 15 Hello", "x\ny", "" };
	int widths[] = { 0, 300, 600 };
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		for (int j = 0; j < 3; j++) {
			ren_text_style st = style(26, i == 1 || i == 2);
			ren_text_metrics a, b;
			CHECK(ren_text_measure(m, &st, texts[i], widths[j], &a) == 0);
			CHECK(ren_text_measure(t->rn, &st, texts[i], widths[j], &b) == 0);
			CHECK_MSG(!memcmp(&a, &b, sizeof a), "text %zu width %d: %dx%d/%d vs %dx%d/%d",
				  i, widths[j], a.w, a.h, a.lines, b.w, b.h, b.lines);
		}
	}
	ren_text_style st = style(26, 0);
	CHECK(ren_text_draw(m, &st, english, 0, 0, 600) == 0); /* measures only */
	ren_stats s;
	ren_get_stats(m, &s);
	CHECK(s.text_renders == 0);
	ren_close(m);
}

static void test_overflow(target *t)
{
	char word[201];
	memset(word, 'a', 200);
	word[200] = 0;
	ren_text_style st = style(24, 0);
	ren_text_metrics m;
	CHECK(ren_text_measure(t->rn, &st, word, 300, &m) == 0);
	CHECK(m.overflow == 1);
	CHECK_MSG(m.lines > 3 && m.w <= 300, "lines=%d w=%d", m.lines, m.w);
	CHECK(ren_text_draw(t->rn, &st, word, 0, 0, 300) == 0);
	CHECK(ren_text_measure(t->rn, &st, "Short words only here", 300, &m) == 0 && !m.overflow);
	st.rtl = 1;
	CHECK(ren_text_measure(t->rn, &st, "العيادةالعيادةالعيادةالعيادةالعيادةالعيادة", 120, &m) == 0);
	CHECK(m.overflow == 1 && m.lines > 1);
}

static char *write_file(const char *dir, const char *name, const char *body)
{
	char *p = mk_path_join(dir, name);
	CHECK(p && mk_write_atomic(p, body, strlen(body)) == 0);
	return p;
}

static void test_svg(target *t, const char *dir)
{
	char *svg = write_file(dir, "wide.svg",
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\" "
		"viewBox=\"0 0 100 50\"><rect width=\"100\" height=\"50\" fill=\"#ff0000\"/></svg>");
	int w = 0, h = 0;
	CHECK(ren_image_size(t->rn, svg, &w, &h) == 0 && w == 100 && h == 50);
	ren_stats a, b;
	ren_get_stats(t->rn, &a);
	clear(t, white);
	CHECK(ren_image_draw(t->rn, svg, (SDL_Rect){ 10, 10, 200, 200 }) == 0);
	SDL_Color in = pixel(t, 110, 110), edge = pixel(t, 205, 62), out = pixel(t, 110, 40);
	CHECK_MSG(in.r > 240 && in.g < 20 && in.b < 20, "in %d,%d,%d", in.r, in.g, in.b);
	CHECK(edge.r > 240 && edge.g < 20);
	CHECK(out.r == 255 && out.g == 255); /* letterbox above stays clear */
	CHECK(pixel(t, 110, 165).g == 255);
	CHECK(ren_image_draw(t->rn, svg, (SDL_Rect){ 10, 10, 200, 200 }) == 0);
	ren_get_stats(t->rn, &b);
	CHECK(b.image_loads == a.image_loads + 1 && b.image_cache_bytes >= 200 * 100 * 4);
	CHECK(ren_image_draw(t->rn, svg, (SDL_Rect){ 0, 0, 60, 60 }) == 0);
	ren_get_stats(t->rn, &b);
	CHECK(b.image_loads == a.image_loads + 2);
	unlink(svg);
	free(svg);
}

static void test_png_and_errors(target *t, const char *dir)
{
	int w, h;
	ren_stats a, b;
	/* A PNG is scaled to fit. */
	char *png = mk_path_join(dir, "blue.png");
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 400, 200, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 0, 0, 255, 255));
	CHECK(IMG_SavePNG(s, png) == 0);
	SDL_FreeSurface(s);
	clear(t, white);
	CHECK(ren_image_draw(t->rn, png, (SDL_Rect){ 300, 300, 100, 100 }) == 0);
	SDL_Color c = pixel(t, 350, 350);
	CHECK(c.b > 240 && c.r < 20);
	CHECK(pixel(t, 350, 320).r == 255 && pixel(t, 350, 378).r == 255);

	char *bad = write_file(dir, "bad.png", "this is not a png at all, just words\n");
	char *badsvg = write_file(dir, "bad.svg", "neither <is> this an svg\n");
	char *missing = mk_path_join(dir, "missing.png");
	CHECK(ren_image_size(t->rn, missing, &w, &h) == MK_ENOTFOUND);
	CHECK(strstr(mk_err_msg(), "missing.png") != NULL);
	CHECK(ren_image_draw(t->rn, missing, (SDL_Rect){ 0, 0, 50, 50 }) == MK_ENOTFOUND);
	CHECK(ren_image_size(t->rn, bad, &w, &h) == MK_EINVAL);
	CHECK(strstr(mk_err_msg(), "bad.png") != NULL);
	CHECK(ren_image_draw(t->rn, bad, (SDL_Rect){ 0, 0, 50, 50 }) == MK_EINVAL);
	CHECK(ren_image_draw(t->rn, badsvg, (SDL_Rect){ 0, 0, 50, 50 }) == MK_EINVAL);
	/* A broken file fixed in place is read again, without a cache clear. */
	ren_get_stats(t->rn, &a);
	CHECK(rename(png, bad) == 0);
	CHECK(ren_image_draw(t->rn, bad, (SDL_Rect){ 0, 0, 50, 50 }) == 0);
	ren_get_stats(t->rn, &b);
	CHECK(b.image_loads == a.image_loads + 1);
	unlink(png), unlink(bad), unlink(badsvg);
	free(png), free(bad), free(badsvg), free(missing);
}

/* Refused with `want` in the message, before anything large is made. */
static void refused(target *t, const char *dir, const char *name, const char *body, const char *want)
{
	int w = 0, h = 0;
	char *p = write_file(dir, name, body);
	CHECK_MSG(ren_image_size(t->rn, p, &w, &h) == MK_EINVAL, "%s: accepted as %dx%d", name, w, h);
	CHECK_MSG(strstr(mk_err_msg(), want) != NULL, "%s: %s", name, mk_err_msg());
	CHECK(ren_image_draw(t->rn, p, (SDL_Rect){ 0, 0, 50, 50 }) == MK_EINVAL);
	unlink(p);
	free(p);
}

/* The pictures that once escaped the size limit (issue 15): the format
 * comes from the bytes, sizes keep their units, a decoy in a comment is
 * nothing, and an SVG's bytes and elements are bounded. */
static void test_image_bounds(target *t, const char *dir)
{
	const char *inches = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200in\" height=\"200in\">"
			     "<rect width=\"100%\" height=\"100%\"/></svg>";
	refused(t, dir, "inches.png", inches, "is an SVG picture with a PNG name");
	refused(t, dir, "inches.svg", inches, "is 19200x19200 pixels");
	const char *decoy = "<?xml version=\"1.0\"?>\n<!-- <svg width=\"10\" height=\"10\"> -->\n"
			    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"19000\" height=\"19000\">"
			    "<rect width=\"19000\" height=\"19000\"/></svg>";
	refused(t, dir, "decoy.jpg", decoy, "is an SVG picture with a JPEG name");
	refused(t, dir, "decoy.svg", decoy, "is 19000x19000 pixels");
	refused(t, dir, "units.svg", "<svg width=\"10furlongs\" height=\"3\"></svg>",
		"width or height is not a length");
	/* many full-canvas shapes: each costs a pass over the picture */
	size_t cap = 2100 * 48 + 200, n = 0;
	char *many = malloc(cap);
	n += (size_t)snprintf(many, cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"800\">");
	for (int i = 0; i < 2100; i++)
		n += (size_t)snprintf(many + n, cap - n, "<rect width=\"800\" height=\"800\"/>");
	snprintf(many + n, cap - n, "</svg>");
	refused(t, dir, "many.svg", many, "more than 2000 elements");
	free(many);
	/* 200in is a length (19200 px): 2in is 192 px, 3cm about 113 */
	int w = 0, h = 0;
	char *ok = write_file(dir, "units-ok.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			      "width=\"2in\" height=\"3cm\"><rect width=\"10\" height=\"10\"/></svg>");
	CHECK(ren_image_size(t->rn, ok, &w, &h) == 0);
	CHECK_MSG(w == 192 && h == 113, "2in x 3cm read as %dx%d", w, h);
	unlink(ok);
	free(ok);
}

/* An SVG that takes long to draw never holds the caller: each draw
 * returns after a short wait, and past the deadline the picture fails like
 * a broken one. */
static void test_slow_svg(target *t, const char *dir)
{
	size_t cap = 1500 * 64 + 200, n = 0;
	char *svg = malloc(cap);
	n += (size_t)snprintf(svg, cap, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"900\">");
	for (int i = 0; i < 1500; i++)
		n += (size_t)snprintf(svg + n, cap - n, "<rect width=\"900\" height=\"900\" fill=\"#%06x\"/>", i);
	snprintf(svg + n, cap - n, "</svg>");
	char *p = write_file(dir, "slow.svg", svg);
	free(svg);
	int rc = 0, calls = 0;
	double longest = 0;
	uint64_t t0 = mk_mono_ns();
	while (rc == 0 && mk_mono_ns() - t0 < 20000000000ull) {
		uint64_t c0 = mk_mono_ns();
		rc = ren_image_draw(t->rn, p, (SDL_Rect){ 0, 0, 900, 900 });
		double ms = (double)(mk_mono_ns() - c0) / 1e6;
		longest = ms > longest ? ms : longest;
		calls++;
		CHECK(rc != 0 || ren_busy(t->rn));
	}
	CHECK_MSG(rc == MK_EINVAL && strstr(mk_err_msg(), "takes more than 1.5 s to draw"), "rc %d: %s",
		  rc, mk_err_msg());
	CHECK_MSG(longest < 1000, "one draw held the caller %.0f ms", longest); /* a hang, not a speed */
	CHECK(calls > 1);
	CHECK(!ren_busy(t->rn));
	/* given up for good: no new thread for it */
	CHECK(ren_image_draw(t->rn, p, (SDL_Rect){ 0, 0, 900, 900 }) == MK_EINVAL && !ren_busy(t->rn));
	unlink(p);
	free(p);
}

static int near(SDL_Color c, int r, int g, int b, int tol)
{
	return abs(c.r - r) <= tol && abs(c.g - g) <= tol && abs(c.b - b) <= tol;
}

static void test_shapes(target *t)
{
	clear(t, white);
	ren_round_rect(t->rn, (SDL_Rect){ 100, 100, 200, 100 }, 30, red);
	CHECK(near(pixel(t, 200, 150), 220, 0, 0, 0));
	CHECK(near(pixel(t, 200, 100), 220, 0, 0, 0));   /* top edge */
	CHECK(near(pixel(t, 101, 101), 255, 255, 255, 0)); /* corner cut off */
	SDL_Color aa = pixel(t, 108, 108);                /* on the arc: blended */
	CHECK_MSG(aa.g > 10 && aa.g < 245, "arc g=%d", aa.g);
	CHECK(near(pixel(t, 300, 150), 255, 255, 255, 0));

	ren_round_rect_outline(t->rn, (SDL_Rect){ 400, 100, 200, 100 }, 20, 4, black);
	CHECK(near(pixel(t, 500, 101), 0, 0, 0, 0));
	CHECK(near(pixel(t, 500, 150), 255, 255, 255, 0));
	CHECK(near(pixel(t, 401, 150), 0, 0, 0, 0));

	ren_set_alpha(t->rn, 128);
	ren_fill_rect(t->rn, (SDL_Rect){ 700, 100, 50, 50 }, black);
	ren_round_rect(t->rn, (SDL_Rect){ 800, 100, 100, 100 }, 20, black);
	ren_set_alpha(t->rn, 255);
	CHECK_MSG(near(pixel(t, 720, 120), 127, 127, 127, 2), "half %d", pixel(t, 720, 120).r);
	CHECK(near(pixel(t, 850, 150), 127, 127, 127, 2));
	CHECK(near(pixel(t, 850, 102), 127, 127, 127, 2)); /* bands do not overlap */

	ren_shadow(t->rn, (SDL_Rect){ 300, 250, 200, 100 }, 20, 24, 200);
	CHECK(pixel(t, 400, 300).r == 255); /* like CSS: nothing under the card */
	CHECK(pixel(t, 400, 249).r < 150 && pixel(t, 400, 350).r < 150);
	CHECK(pixel(t, 299, 300).r < 150 && pixel(t, 500, 300).r < 150);
	int near_edge = pixel(t, 400, 242).r, far = pixel(t, 400, 220).r;
	CHECK_MSG(near_edge < 240 && near_edge > 60 && far == 255, "shadow %d %d", near_edge, far);
	CHECK(pixel(t, 290, 240).r > near_edge); /* softer at the corner */

	ren_set_clip(t->rn, &(SDL_Rect){ 0, 0, 50, 50 });
	ren_fill_rect(t->rn, (SDL_Rect){ 0, 0, 400, 400 }, red);
	ren_set_clip(t->rn, NULL);
	CHECK(near(pixel(t, 10, 10), 220, 0, 0, 0));
	CHECK(near(pixel(t, 60, 60), 255, 255, 255, 0));
}

static void test_shape_speed(void)
{
	target t;
	if (target_open(&t, 1920, 1080, NULL)) {
		CHECK(0);
		return;
	}
	double best = 1e9;
	for (int f = 0; f < 10; f++) {
		uint64_t t0 = mk_mono_ns();
		for (int i = 0; i < 12; i++) {
			SDL_Rect r = { 40 + (i % 4) * 460, 60 + (i / 4) * 330, 420, 280 };
			ren_shadow(t.rn, r, 24, 16, 60);
			ren_round_rect(t.rn, r, 24, white);
			ren_round_rect_outline(t.rn, r, 24, 2, black);
		}
		SDL_RenderFlush(t.r);
		double ms = (double)(mk_mono_ns() - t0) / 1e6;
		best = ms < best ? ms : best;
	}
	printf("12 cards with shadow and outline at 1920x1080: %.2f ms\n", best);
	CHECK_MSG(best < 25.0, "%.2f ms", best); /* loose: sanitizers slow it */
	target_close(&t);
}

int main(void)
{
	target t;
	char dir[] = "/tmp/mkrenderXXXXXX";
	if (!mkdtemp(dir) || target_open(&t, 1000, 400, NULL))
		return 1;
	test_wrap_english(&t);
	test_arabic_alignment(&t);
	test_bidi_digits(&t);
	test_bidi_mixed(&t);
	test_text_cache(&t);
	test_measure_only(&t);
	test_overflow(&t);
	test_svg(&t, dir);
	test_png_and_errors(&t, dir);
	test_image_bounds(&t, dir);
	test_slow_svg(&t, dir);
	test_shapes(&t);
	target_close(&t);
	test_lru_bound();
	test_shape_speed();
	rmdir(dir);
	SDL_Quit();
	SDL_TLSCleanup(); /* SDL 2.26 keeps the main thread's error buffer */
	return check_done();
}
