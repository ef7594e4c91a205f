/* SPDX-License-Identifier: MIT */
/*
 * photo: what staff and patients would notice. A phone photo lying on its
 * side (any of the 8 EXIF orientations) is kept upright; a huge one is
 * shrunk, a fine one kept byte for byte; thumbnails fit a timeline tile;
 * the hash is SHA-256 of what is kept; empty, cut-short, non-picture and
 * "30000 x 30000" files are refused with a message and never crash; the
 * camera's YUYV and MJPEG frames come out in the right colours; and a
 * camera that goes away says so.
 *
 * Fixtures are made here, in C: pictures drawn as they would be stored
 * for each orientation (from the TIFF definition of where the 0th row and
 * column sit, independently of the code under test), saved with
 * IMG_SaveJPG_RW / IMG_SavePNG_RW, with hand-built EXIF blocks put in.
 */
#include "photo.h"
#include "core.h"
#include "../check.h"
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	unsigned char *p;
	size_t n;
} blob;

static const Uint8 RED[3] = { 230, 20, 20 }, GREEN[3] = { 20, 200, 20 };
static const Uint8 BLUE[3] = { 20, 20, 230 }, GREY[3] = { 128, 128, 128 };

static void blob_free(blob *b)
{
	free(b->p);
	b->p = NULL, b->n = 0;
}

static SDL_Surface *rgb(int w, int h)
{
	return SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
}

static void put(SDL_Surface *s, int x, int y, const Uint8 *c)
{
	memcpy((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch + 3 * (size_t)x, c, 3);
}

/* The upright picture: red top left, green top right, blue bottom left,
 * grey bottom right: no two of the 8 orientations look alike. */
static const Uint8 *quad(int x, int y, int w, int h)
{
	return y < h / 2 ? (x < w / 2 ? RED : GREEN) : (x < w / 2 ? BLUE : GREY);
}

/* The W x H upright picture as a camera stores it with orientation o
 * (TIFF 6.0: the side the 0th row and the 0th column are on). */
static SDL_Surface *stored(int o, int W, int H)
{
	static const char row[] = "?TTBBLRRL", col[] = "?LRRLTTBB";
	int swap = o >= 5, sw = swap ? H : W, sh = swap ? W : H;
	SDL_Surface *s = rgb(sw, sh);
	for (int sy = 0; sy < sh; sy++)
		for (int sx = 0; sx < sw; sx++) {
			int vx, vy;
			if (!swap)
				vy = row[o] == 'T' ? sy : H - 1 - sy, vx = col[o] == 'L' ? sx : W - 1 - sx;
			else
				vx = row[o] == 'L' ? sy : W - 1 - sy, vy = col[o] == 'T' ? sx : H - 1 - sx;
			put(s, sx, sy, quad(vx, vy, W, H));
		}
	return s;
}

static blob save(SDL_Surface *s, int png, int quality)
{
	size_t cap = (size_t)s->w * (size_t)s->h * 4 + 65536;
	blob b = { malloc(cap), 0 };
	SDL_RWops *rw = SDL_RWFromMem(b.p, (int)cap);
	int rc = png ? IMG_SavePNG_RW(s, rw, 0) : IMG_SaveJPG_RW(s, rw, 0, quality);
	b.n = rc ? 0 : (size_t)SDL_RWtell(rw);
	SDL_RWclose(rw);
	CHECK_MSG(b.n > 0, "cannot make a fixture: %s", SDL_GetError());
	return b;
}

static blob save_free(SDL_Surface *s, int png)
{
	blob b = save(s, png, 92);
	SDL_FreeSurface(s);
	return b;
}

/* Copy of b with `ins` (k bytes) put in at offset at. */
static blob splice(blob b, size_t at, const unsigned char *ins, size_t k)
{
	blob r = { malloc(b.n + k), b.n + k };
	memcpy(r.p, b.p, at);
	memcpy(r.p + at, ins, k);
	memcpy(r.p + at + k, b.p + at, b.n - at);
	return r;
}

static void w16(unsigned char *p, unsigned v, int be)
{
	p[be ? 0 : 1] = (unsigned char)(v >> 8), p[be ? 1 : 0] = (unsigned char)v;
}

static void w32(unsigned char *p, uint32_t v, int be)
{
	w16(p + (be ? 0 : 2), v >> 16, be), w16(p + (be ? 2 : 0), v & 0xFFFF, be);
}

/* A TIFF block with IFD0 holding one entry: orientation o. ifd moves IFD0
 * (to test bounds), count overrides the entry count. */
static size_t tiff(unsigned char *t, int o, int be, uint32_t ifd, unsigned count)
{
	memcpy(t, be ? "MM\0*" : "II*\0", 4);
	w32(t + 4, ifd, be);
	w16(t + 8, count, be);
	w16(t + 10, 0x0112, be), w16(t + 12, 3, be), w32(t + 14, 1, be);
	w16(t + 18, (unsigned)o, be), w16(t + 20, 0, be);
	w32(t + 22, 0, be);
	return 26;
}

static blob jpeg_exif(blob j, int o, int be, uint32_t ifd, unsigned count)
{
	unsigned char app[64] = { 0xFF, 0xE1 };
	memcpy(app + 4, "Exif\0\0", 6);
	size_t n = 10 + tiff(app + 10, o, be, ifd, count);
	w16(app + 2, (unsigned)(n - 2), 1);
	return splice(j, 2, app, n);
}

static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c >> 1 ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static blob png_exif(blob p, int o)
{
	unsigned char ch[64];
	size_t n = tiff(ch + 8, o, 1, 8, 1);
	w32(ch, (uint32_t)n, 1);
	memcpy(ch + 4, "eXIf", 4);
	w32(ch + 8 + n, crc32(ch + 4, n + 4), 1);
	return splice(p, 33, ch, n + 12); /* after the signature and IHDR */
}

/* The picture in bytes, decoded for sampling (RGB24). */
static SDL_Surface *decode(const void *p, size_t n)
{
	SDL_Surface *s = IMG_Load_RW(SDL_RWFromConstMem(p, (int)n), 1), *c;
	if (!s)
		return NULL;
	c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
	SDL_FreeSurface(s);
	return c;
}

static int near(const SDL_Surface *s, int x, int y, const Uint8 *c, int tol)
{
	const Uint8 *p = (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch + 3 * (size_t)x;
	for (int i = 0; i < 3; i++)
		if (abs(p[i] - c[i]) > tol)
			return 0;
	return 1;
}

/* Red top left, green top right, blue bottom left, grey bottom right. */
static int upright(const SDL_Surface *s)
{
	int w = s->w, h = s->h;
	return near(s, w / 4, h / 4, RED, 40) && near(s, 3 * w / 4, h / 4, GREEN, 40) &&
	       near(s, w / 4, 3 * h / 4, BLUE, 40) && near(s, 3 * w / 4, 3 * h / 4, GREY, 40);
}

static void test_sha256(void)
{
	char hex[65], *a = malloc(1000000);
	photo_sha256_hex("", 0, hex);
	CHECK(!strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	photo_sha256_hex("abc", 3, hex);
	CHECK(!strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	photo_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK(!strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	memset(a, 'a', 1000000);
	photo_sha256_hex(a, 1000000, hex);
	CHECK(!strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	free(a);
}

static void test_probe(void)
{
	int kind = 0, w = 0, h = 0, o = 0;
	blob j = save_free(stored(1, 640, 480), 0), p = save_free(stored(1, 300, 200), 1);
	CHECK(photo_probe(j.p, j.n, &kind, &w, &h, &o) == 0);
	CHECK(kind == PHOTO_KIND_JPEG && w == 640 && h == 480 && o == 1);
	CHECK(photo_probe(p.p, p.n, &kind, &w, &h, &o) == 0);
	CHECK(kind == PHOTO_KIND_PNG && w == 300 && h == 200 && o == 1);
	CHECK(photo_probe(p.p, p.n, NULL, NULL, NULL, NULL) == 0);
	for (int be = 0; be < 2; be++) {
		blob e = jpeg_exif(j, 6, be, 8, 1);
		CHECK(photo_probe(e.p, e.n, &kind, &w, &h, &o) == 0 && o == 6 && w == 640);
		blob_free(&e);
		/* IFD0 past the end, or more entries than bytes: ignored, not fatal. */
		e = jpeg_exif(j, 6, be, 0xFFFFFFF0u, 1);
		CHECK(photo_probe(e.p, e.n, NULL, NULL, NULL, &o) == 0 && o == 1);
		blob_free(&e);
		e = jpeg_exif(j, 6, be, 8, 60000);
		CHECK(photo_probe(e.p, e.n, NULL, NULL, NULL, &o) == 0 && o == 1);
		blob_free(&e);
		e = jpeg_exif(j, 9, be, 8, 1);
		CHECK(photo_probe(e.p, e.n, NULL, NULL, NULL, &o) == 0 && o == 1);
		blob_free(&e);
	}
	blob e = png_exif(p, 3);
	CHECK(photo_probe(e.p, e.n, &kind, NULL, NULL, &o) == 0 && kind == PHOTO_KIND_PNG && o == 3);
	blob_free(&e);
	blob_free(&j);
	blob_free(&p);
}

/* Every orientation comes out upright, in the kept image and the thumbnail. */
static void test_orientations(void)
{
	for (int o = 1; o <= 8; o++) {
		blob j = save_free(stored(o, 96, 64), 0), e = jpeg_exif(j, o, o % 2, 8, 1);
		photo_prepared pp;
		int sw, sh;
		CHECK(photo_probe(e.p, e.n, NULL, &sw, &sh, NULL) == 0);
		CHECK_MSG(photo_prepare(e.p, e.n, &pp) == 0, "o=%d: %s", o, mk_err_msg());
		CHECK_MSG(pp.orientation == o && pp.width == 96 && pp.height == 64, "o=%d %dx%d", o, pp.width, pp.height);
		CHECK(o < 5 ? (sw == 96 && sh == 64) : (sw == 64 && sh == 96)); /* 5..8 swap */
		/* Orientation 1: the same picture data, less its EXIF block. */
		CHECK(o == 1 ? (pp.image_len == j.n && !memcmp(pp.image, j.p, j.n))
			     : (pp.image_len != e.n || memcmp(pp.image, e.p, e.n)));
		SDL_Surface *k = decode(pp.image, pp.image_len), *t = decode(pp.thumb, pp.thumb_len);
		CHECK_MSG(k && k->w == 96 && k->h == 64 && upright(k), "kept image of o=%d is not upright", o);
		CHECK_MSG(t && t->w == 96 && t->h == 64 && upright(t), "thumbnail of o=%d is not upright", o);
		char hex[65];
		photo_sha256_hex(pp.image, pp.image_len, hex);
		CHECK(strlen(pp.sha256) == 64 && !strcmp(hex, pp.sha256));
		SDL_FreeSurface(k);
		SDL_FreeSurface(t);
		photo_prepared_free(&pp);
		CHECK(pp.image == NULL && pp.thumb == NULL && pp.image_len == 0);
		blob_free(&j);
		blob_free(&e);
	}
	/* A PNG lying on its side becomes an upright JPEG. */
	blob p = save_free(stored(6, 80, 40), 1), e = png_exif(p, 6);
	photo_prepared pp;
	int kind = 0;
	CHECK(photo_prepare(e.p, e.n, &pp) == 0 && pp.width == 80 && pp.height == 40);
	CHECK(photo_probe(pp.image, pp.image_len, &kind, NULL, NULL, NULL) == 0 && kind == PHOTO_KIND_JPEG);
	SDL_Surface *k = decode(pp.image, pp.image_len);
	CHECK(k && upright(k));
	SDL_FreeSurface(k);
	photo_prepared_free(&pp);
	blob_free(&p);
	blob_free(&e);
}

/* prepare w x h (orientation 1), checking kept and thumbnail sizes. */
static void check_sizes(int w, int h, int png, int kw, int kh, int tw, int th, int same)
{
	blob b = save_free(stored(1, w, h), png);
	photo_prepared pp;
	int kind, pw, ph;
	CHECK_MSG(photo_prepare(b.p, b.n, &pp) == 0, "%dx%d: %s", w, h, mk_err_msg());
	CHECK_MSG(pp.width == kw && pp.height == kh, "%dx%d kept as %dx%d", w, h, pp.width, pp.height);
	CHECK_MSG(same == (pp.image_len == b.n && !memcmp(pp.image, b.p, b.n)), "%dx%d same=%d", w, h, same);
	CHECK(photo_probe(pp.image, pp.image_len, &kind, &pw, &ph, NULL) == 0 && pw == kw && ph == kh);
	CHECK(same || kind == PHOTO_KIND_JPEG);
	CHECK(photo_probe(pp.thumb, pp.thumb_len, &kind, &pw, &ph, NULL) == 0 && kind == PHOTO_KIND_JPEG);
	CHECK_MSG(pw == tw && ph == th && pw <= PHOTO_THUMB && ph <= PHOTO_THUMB, "thumb %dx%d", pw, ph);
	SDL_Surface *t = decode(pp.thumb, pp.thumb_len);
	CHECK(t && (th < 16 || upright(t))); /* a 5 px strip is all edges */
	SDL_FreeSurface(t);
	photo_prepared_free(&pp);
	blob_free(&b);
}

static void test_sizes(void)
{
	check_sizes(4096, 64, 0, 4096, 64, 320, 5, 1);  /* at the limit: kept as is */
	check_sizes(4097, 64, 0, 4096, 64, 320, 5, 0);  /* one over: re-encoded */
	check_sizes(5000, 2000, 0, 4096, 1638, 320, 128, 0);
	check_sizes(1200, 4800, 1, 1024, 4096, 80, 320, 0); /* a tall PNG */
	check_sizes(400, 300, 1, 400, 300, 320, 240, 1);
	check_sizes(100, 50, 0, 100, 50, 100, 50, 1);   /* never enlarged */
}

static int has(const void *p, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (!memcmp((const char *)p + i, needle, k))
			return 1;
	return 0;
}

/* A phone's photo carries where it was taken: the kept copy does not
 * (EXIF, comments, PNG text), and its pixels are the same. */
static void test_strip(void)
{
	unsigned char app[96] = { 0xFF, 0xE1 }, com[32] = { 0xFF, 0xFE }, txt[48];
	blob j = save_free(stored(1, 64, 48), 0), p = save_free(stored(1, 64, 48), 1);
	memcpy(app + 4, "Exif\0\0", 6);
	size_t n = 10 + tiff(app + 10, 1, 0, 8, 1);
	memcpy(app + n, "GPS-MARKER-4821", 15), n += 15;
	w16(app + 2, (unsigned)(n - 2), 1);
	blob j1 = splice(j, 2, app, n);
	memcpy(com + 4, "GPS-MARKER-4821", 15);
	w16(com + 2, 17, 1);
	blob j2 = splice(j1, 2, com, 19);
	size_t t = 7 + 1 + 15;
	w32(txt, (uint32_t)t, 1);
	memcpy(txt + 4, "tEXtComment\0GPS-MARKER-4821", 4 + t);
	w32(txt + 8 + t, crc32(txt + 4, t + 4), 1);
	blob p1 = splice(p, 33, txt, t + 12);
	blob in[2] = { j2, p1 };
	for (int i = 0; i < 2; i++) {
		photo_prepared pp;
		CHECK(has(in[i].p, in[i].n, "GPS-MARKER-4821"));
		CHECK_MSG(photo_prepare(in[i].p, in[i].n, &pp) == 0, "%s", mk_err_msg());
		CHECK_MSG(!has(pp.image, pp.image_len, "GPS-MARKER-4821"), "%s kept its metadata", i ? "PNG" : "JPEG");
		CHECK(pp.width == 64 && pp.height == 48 && pp.image_len < in[i].n);
		SDL_Surface *s = decode(pp.image, pp.image_len);
		CHECK(s && upright(s));
		SDL_FreeSurface(s);
		photo_prepared_free(&pp);
	}
	blob_free(&j), blob_free(&j1), blob_free(&j2), blob_free(&p), blob_free(&p1);
}

/* A PNG with transparency: the thumbnail shows white where it is clear. */
static void test_alpha(void)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
	SDL_Rect half = { 0, 0, 32, 64 };
	SDL_FillRect(s, NULL, SDL_MapRGBA(s->format, 0, 0, 0, 0));
	SDL_FillRect(s, &half, SDL_MapRGBA(s->format, 20, 20, 230, 255));
	blob b = save_free(s, 1);
	photo_prepared pp;
	static const Uint8 white[3] = { 255, 255, 255 };
	CHECK(photo_prepare(b.p, b.n, &pp) == 0);
	SDL_Surface *t = decode(pp.thumb, pp.thumb_len);
	CHECK(t && near(t, 16, 32, BLUE, 30) && near(t, 48, 32, white, 20));
	SDL_FreeSurface(t);
	photo_prepared_free(&pp);
	blob_free(&b);
}

/* prepare must refuse b with MK_EINVAL and a message containing want. */
static void refused(const char *what, const void *p, size_t n, const char *want)
{
	photo_prepared pp;
	memset(&pp, 0x5A, sizeof pp);
	int rc = photo_prepare(p, n, &pp);
	CHECK_MSG(rc == MK_EINVAL, "%s: rc=%d", what, rc);
	CHECK_MSG(strstr(mk_err_msg(), want), "%s: message \"%s\"", what, mk_err_msg());
	CHECK_MSG(pp.image == NULL && pp.thumb == NULL, "%s: output not cleared", what);
}

static void test_bad_inputs(void)
{
	blob j = save_free(stored(1, 200, 150), 0), p = save_free(stored(1, 200, 150), 1);
	unsigned char rnd[4096];
	srand(7);
	for (size_t i = 0; i < sizeof rnd; i++)
		rnd[i] = (unsigned char)rand();
	rnd[0] = 0x42;
	static const char text[] = "Patient notes: none of this is a picture.\n";

	refused("zero bytes", j.p, 0, "empty");
	refused("NULL", NULL, 0, "empty");
	refused("half a JPEG", j.p, j.n / 2, "cut short");
	refused("a JPEG without EOI", j.p, j.n - 2, "cut short");
	refused("half a PNG", p.p, p.n / 2, "cut short");
	refused("a PNG without IEND", p.p, p.n - 12, "cut short");
	refused("random bytes", rnd, sizeof rnd, "not a JPEG or PNG");
	refused("a text file", text, sizeof text - 1, "not a JPEG or PNG");

	/* Decompression bombs: valid headers claiming 30000 x 30000. */
	const char *bomb = "the picture is 30000 x 30000 pixels: too large";
	for (size_t i = 2; i + 9 < j.n; i++)
		if (j.p[i] == 0xFF && j.p[i + 1] == 0xC0) {
			w16(j.p + i + 5, 30000, 1), w16(j.p + i + 7, 30000, 1);
			break;
		}
	refused("a 30000 x 30000 JPEG", j.p, j.n, bomb);
	CHECK(photo_probe(j.p, j.n, NULL, NULL, NULL, NULL) == MK_EINVAL && !strcmp(mk_err_msg(), bomb));
	static const unsigned char sof_only[] = { 0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0x75, 0x30, 0x75, 0x30, 1, 1, 0x11, 0 };
	refused("a bare 30000 x 30000 SOF", sof_only, sizeof sof_only, bomb);
	w32(p.p + 16, 30000, 1), w32(p.p + 20, 30000, 1);
	w32(p.p + 29, crc32(p.p + 12, 17), 1);
	refused("a 30000 x 30000 PNG", p.p, p.n, bomb);
	w32(p.p + 16, 8000, 1), w32(p.p + 20, 7000, 1); /* 56 megapixels */
	refused("a 56 MP PNG", p.p, p.n, "too large");
	w32(p.p + 16, 12001, 1), w32(p.p + 20, 10, 1);
	refused("a 12001 px wide PNG", p.p, p.n, "too large");
	w32(p.p + 16, 0, 1);
	refused("a 0 px wide PNG", p.p, p.n, "no size");
	blob_free(&j);
	blob_free(&p);
}

/* No prefix of a picture passes the probe, and damaged pictures never
 * crash the decode (ASan and UBSan watch). */
static void test_prefixes_and_damage(void)
{
	blob j0 = save_free(stored(6, 48, 32), 0), j = jpeg_exif(j0, 6, 1, 8, 1);
	blob p = save_free(stored(1, 48, 32), 1);
	blob v[2] = { j, p };
	int bad = 0, ok = 0;
	for (int k = 0; k < 2; k++)
		for (size_t n = 0; n < v[k].n; n++)
			bad += photo_probe(v[k].p, n, NULL, NULL, NULL, NULL) == 0;
	CHECK_MSG(bad == 0, "%d prefixes passed the probe", bad);
	srand(11);
	for (int i = 0; i < 400; i++) {
		blob *b = &v[i % 2];
		unsigned char *m = malloc(b->n);
		photo_prepared pp;
		memcpy(m, b->p, b->n);
		for (int f = 0; f < 1 + i % 4; f++)
			m[(size_t)rand() % b->n] ^= (unsigned char)(1 + rand() % 255);
		int rc = photo_prepare(m, b->n, &pp);
		ok += rc == 0;
		CHECK(rc <= 0 && (rc < 0 || (pp.image_len && pp.thumb_len && pp.width > 0)));
		photo_prepared_free(&pp);
		free(m);
	}
	CHECK_MSG(ok > 0, "no damaged file decoded at all (%d)", ok); /* flipped pixels still decode */
	blob_free(&j0);
	blob_free(&j);
	blob_free(&p);
}

static const Uint8 bars[8][3] = {
	{ 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
	{ 255, 0, 255 }, { 255, 0, 0 }, { 0, 0, 255 }, { 0, 0, 0 },
};

static int bars_ok(const photo_image *img, int tol)
{
	for (int i = 0; i < 8; i++)
		if (!near(img->s, (2 * i + 1) * img->w / 16, img->h / 3, bars[i], tol)) {
			const Uint8 *q = (const Uint8 *)img->s->pixels + (size_t)(img->h / 3) * (size_t)img->s->pitch +
					 3 * (size_t)((2 * i + 1) * img->w / 16);
			fprintf(stderr, "bar %d is %d,%d,%d\n", i, q[0], q[1], q[2]);
			return 0;
		}
	return 1;
}

static void test_camera_frames(void)
{
	static const Uint8 white[3] = { 255, 255, 255 }, grey[3] = { 96, 96, 96 };
	photo_cam *c;
	photo_image a, b;
	int w, h;
	CHECK(photo_cam_open_test(&c, PHOTO_FMT_YUYV, 320, 240) == 0);
	CHECK(photo_cam_size(c, &w, &h) == 0 && w == 320 && h == 240);
	CHECK(photo_cam_frame(c, &a, 100) == 0 && a.w == 320 && a.h == 240);
	CHECK(a.s && a.s->format->format == SDL_PIXELFORMAT_RGB24 && bars_ok(&a, 6));
	CHECK(photo_cam_frame(c, &b, 100) == 0 && bars_ok(&b, 6));
	/* The block moves: white under it in frame 0, grey there in frame 1. */
	CHECK(near(a.s, 2, 230, white, 6) && near(b.s, 2, 230, grey, 6));
	photo_image_free(&a);
	photo_image_free(&b);
	CHECK(a.s == NULL);
	photo_cam_close(c);

	void *jpg;
	size_t n;
	int kind, pw, ph;
	CHECK(photo_cam_open_test(&c, PHOTO_FMT_MJPEG, 640, 480) == 0);
	CHECK(photo_cam_frame(c, &a, 100) == 0 && a.w == 640 && bars_ok(&a, 40));
	CHECK(photo_image_encode(&a, 90, &jpg, &n) == 0);
	CHECK(photo_probe(jpg, n, &kind, &pw, &ph, NULL) == 0 && kind == PHOTO_KIND_JPEG && pw == 640 && ph == 480);
	photo_image_free(&a);
	photo_cam_close(c);
	CHECK(photo_frame_decode(PHOTO_FMT_MJPEG, jpg, n, 320, 240, &a) == MK_EINVAL && !a.s);
	CHECK(photo_frame_decode(PHOTO_FMT_MJPEG, jpg, n / 2, 640, 480, &a) == MK_EINVAL);
	CHECK(photo_frame_decode(PHOTO_FMT_YUYV, jpg, n, 640, 480, &a) == MK_EINVAL); /* too short */
	CHECK(photo_frame_decode(PHOTO_FMT_YUYV, jpg, n, 30000, 30000, &a) == MK_EINVAL);
	CHECK(photo_frame_decode(PHOTO_FMT_YUYV, jpg, 0, 2, 2, &a) == MK_EINVAL);
	free(jpg);
}

/* Without Huffman tables, as many UVC cameras send MJPEG: the standard
 * tables put back must decode exactly like the encoder's own. */
static void test_mjpeg_no_dht(void)
{
	photo_image a, b, frame;
	photo_cam *c;
	void *jpg;
	size_t n, k = 2, mn = 2;
	CHECK(photo_cam_open_test(&c, PHOTO_FMT_MJPEG, 640, 480) == 0);
	CHECK(photo_cam_frame(c, &frame, 100) == 0);
	CHECK(photo_image_encode(&frame, 80, &jpg, &n) == 0);
	photo_image_free(&frame);
	photo_cam_close(c);
	unsigned char *m = malloc(n), *q = jpg;
	memcpy(m, q, 2);
	while (k + 4 <= n && q[k + 1] != 0xDA) {
		size_t len = 2 + ((size_t)q[k + 2] << 8 | q[k + 3]);
		if (q[k + 1] != 0xC4)
			memcpy(m + mn, q + k, len), mn += len;
		k += len;
	}
	memcpy(m + mn, q + k, n - k);
	mn += n - k;
	CHECK(mn < n);
	CHECK(photo_frame_decode(PHOTO_FMT_MJPEG, m, mn, 640, 480, &a) == 0 && bars_ok(&a, 40));
	CHECK(photo_frame_decode(PHOTO_FMT_MJPEG, jpg, n, 640, 480, &b) == 0);
	CHECK_MSG(a.s && b.s && !memcmp(a.s->pixels, b.s->pixels, (size_t)a.s->pitch * 480),
		  "the standard Huffman tables decode differently");
	photo_image_free(&a);
	photo_image_free(&b);
	free(m);
	free(jpg);
}

static void test_camera_gone(void)
{
	for (int f = 0; f < 2; f++) {
		photo_cam *c;
		photo_image img;
		CHECK(photo_cam_open_test(&c, f ? PHOTO_FMT_MJPEG : PHOTO_FMT_YUYV, 160, 120) == 0);
		photo_cam_test_fail_after(c, 3);
		for (int i = 0; i < 3; i++) {
			CHECK(photo_cam_frame(c, &img, 50) == 0);
			photo_image_free(&img);
		}
		CHECK(photo_cam_frame(c, &img, 50) == MK_EIO && !strcmp(mk_err_msg(), "the camera stopped"));
		CHECK(img.s == NULL);
		CHECK(photo_cam_frame(c, &img, 50) == MK_EIO);
		photo_cam_close(c);
	}
	photo_cam *c = NULL;
	CHECK(photo_cam_open_test(&c, PHOTO_FMT_YUYV, 321, 240) == MK_EINVAL && !c);
	CHECK(photo_cam_open_test(&c, PHOTO_FMT_YUYV, 30000, 30000) == MK_EINVAL && !c);
}

static void test_no_camera(void)
{
	photo_cam *c = NULL;
	if (access("/dev/video0", F_OK) != 0) {
		CHECK(photo_cam_open(&c, NULL) == MK_ENOTFOUND && !c);
		CHECK(!strcmp(mk_err_msg(), "no camera found"));
	}
	CHECK(photo_cam_open(&c, "/nonexistent/video9") == MK_ENOTFOUND && !c);
	CHECK(photo_cam_open(&c, "/dev/null") == MK_ENOTFOUND && !c); /* not a camera */
	CHECK_MSG(strstr(mk_err_msg(), "not a camera"), "%s", mk_err_msg());
}

int main(void)
{
	mk_log_set_level(MK_LOG_ERROR);
	test_sha256();
	test_probe();
	test_orientations();
	test_sizes();
	test_strip();
	test_alpha();
	test_bad_inputs();
	test_prefixes_and_damage();
	test_camera_frames();
	test_mjpeg_no_dht();
	test_camera_gone();
	test_no_camera();
	IMG_Quit();
	SDL_Quit();
	SDL_TLSCleanup(); /* SDL 2.26 keeps the main thread's error buffer */
	return check_done();
}
