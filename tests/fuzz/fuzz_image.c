/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `image`: the input is a picture file, taken through every
 * path the kiosk reads pictures by:
 *
 *  - photo_probe, then photo_prepare (import from a USB stick), and the
 *    same bytes as a camera's MJPEG frame (photo_frame_decode); the first
 *    two bytes also give a YUYV frame size for the rest;
 *  - ren_image_size, which pins the picture (what --check and every page do
 *    with content pictures): the header probe of imghead.c, then a decode
 *    by SDL_image. The file is named .png, and .svg as well when it holds
 *    "<svg"; each input gets a new name, since the size cache keeps a good
 *    answer for a path.
 *
 * Decoding is only tried for pictures of at most FUZZ_PIXELS pixels
 * (after the probe accepted them): a legitimate 12-megapixel photo takes
 * seconds under AddressSanitizer and would only slow the search down.
 *
 * Besides crashes: whatever is accepted stays within the limits each probe
 * promises (the size the decoder produced included, since that is what
 * memory was spent on); a prepared photo is upright (its own orientation
 * 1), within PHOTO_KEEP_MAX, with a JPEG thumbnail within PHOTO_THUMB and
 * the SHA-256 of exactly the kept bytes.
 */
#include "fuzz.h"
#include "photo.h"
#include "render.h"

#define FUZZ_PIXELS (512 * 512)
#define REN_MAX_SIDE 8192          /* render_int.h's limits */
#define REN_MAX_PIXELS 16000000L

static ren *rn;
static unsigned long serial;

static void done(void)
{
	ren_close(rn);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	ren_config cfg = { 0 };
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	if (ren_open(&rn, NULL, &cfg) != 0) {
		fprintf(stderr, "fuzz_image: %s\n", mk_err_msg());
		abort();
	}
	atexit(done);
	return 0;
}

/* Upright, bounded, hashed: what the store is about to keep. */
static void check_prepared(const photo_prepared *p, int w, int h, int o)
{
	int kind, kw, kh, ko, tk, tw, th;
	char sha[65];
	int uw = o >= 5 ? h : w, uh = o >= 5 ? w : h;
	FUZZ_CHECK(p->image && p->image_len && p->thumb && p->thumb_len, "empty output");
	FUZZ_CHECK(p->orientation == o, "orientation %d, probe said %d", p->orientation, o);
	if (uw <= PHOTO_KEEP_MAX && uh <= PHOTO_KEEP_MAX) {
		FUZZ_CHECK(p->width == uw && p->height == uh, "%dx%d kept from %dx%d (o %d)",
			   p->width, p->height, w, h, o);
	} else { /* long side PHOTO_KEEP_MAX, the other in proportion (to a pixel) */
		int lo = uw > uh ? uh : uw, hi = uw > uh ? uw : uh;
		int klo = uw > uh ? p->height : p->width, khi = uw > uh ? p->width : p->height;
		long long err = (long long)klo * hi - (long long)lo * PHOTO_KEEP_MAX;
		FUZZ_CHECK(khi == PHOTO_KEEP_MAX && klo >= 1 && ((err <= hi && err >= -hi) || klo == 1),
			   "%dx%d kept from %dx%d (o %d)", p->width, p->height, w, h, o);
	}
	FUZZ_CHECK(photo_probe(p->image, p->image_len, &kind, &kw, &kh, &ko) == 0,
		   "kept image does not probe: %s", mk_err_msg());
	FUZZ_CHECK(kw == p->width && kh == p->height && ko == 1, "kept %dx%d o %d", kw, kh, ko);
	FUZZ_CHECK(photo_probe(p->thumb, p->thumb_len, &tk, &tw, &th, NULL) == 0 &&
		   tk == PHOTO_KIND_JPEG && tw <= PHOTO_THUMB && th <= PHOTO_THUMB,
		   "thumbnail %dx%d", tw, th);
	photo_sha256_hex(p->image, p->image_len, sha);
	FUZZ_CHECK(!strcmp(sha, p->sha256), "sha256");
}

static void photo_paths(const uint8_t *data, size_t size)
{
	int kind, w, h, o;
	photo_prepared p;
	photo_image img = { 0 };
	if (photo_probe(data, size, &kind, &w, &h, &o) != 0)
		return;
	FUZZ_CHECK(w >= 1 && h >= 1 && w <= PHOTO_MAX_SIDE && h <= PHOTO_MAX_SIDE &&
		   (long)w * h <= PHOTO_MAX_PIXELS && o >= 1 && o <= 8, "probe %dx%d o %d", w, h, o);
	if ((long)w * h > FUZZ_PIXELS)
		return;
	int rc = photo_prepare(data, size, &p);
	if (rc == 0)
		check_prepared(&p, w, h, o);
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "probe %dx%d o %d, prepare: %s\n", w, h, o, rc ? mk_err_msg() : "ok");
	photo_prepared_free(&p);
	if (kind == PHOTO_KIND_JPEG && photo_frame_decode(PHOTO_FMT_MJPEG, data, size, w, h, &img) == 0)
		FUZZ_CHECK(img.s && img.w == w && img.h == h && img.s->w == w && img.s->h == h,
			   "frame %dx%d", img.w, img.h);
	photo_image_free(&img);
}

static void yuyv_frame(const uint8_t *data, size_t size)
{
	photo_image img = { 0 };
	if (size < 2)
		return;
	int w = 2 * (1 + data[0] % 128), h = 1 + data[1];
	if (photo_frame_decode(PHOTO_FMT_YUYV, data + 2, size - 2, w, h, &img) == 0)
		FUZZ_CHECK(size - 2 >= (size_t)w * h * 2 && img.w == w && img.h == h, "yuyv");
	photo_image_free(&img);
}

/* As a content picture: .png (SDL_image goes by the bytes, not the name)
 * and, when it holds "<svg", .svg too. */
static void render_as(const uint8_t *data, size_t size, const char *ext, int svg)
{
	char name[64], *path;
	int w = 0, h = 0;
	snprintf(name, sizeof name, "in-%lu.%s", serial++, ext);
	path = fuzz_path(name);
	fuzz_write(path, data, size);
	/* SDL_image 2.6 leaks a few bytes on some broken SVGs (render/image.c
	 * says so); its frames have no frame pointers, so no suppression can
	 * name it. Bytes that hold "<svg" go to its SVG reader whatever the
	 * file is called, when no other reader claims them first. */
	if (svg)
		FUZZ_LEAKS_IGNORED_BEGIN();
	int rc = ren_image_size(rn, path, &w, &h);
	if (svg)
		FUZZ_LEAKS_IGNORED_END();
	if (rc == 0)
		FUZZ_CHECK(w >= 1 && h >= 1 && w <= REN_MAX_SIDE && h <= REN_MAX_SIDE &&
			   (long)w * h <= REN_MAX_PIXELS, "%s: %dx%d", name, w, h);
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "render %s %dx%d: %s\n", ext, w, h, rc ? mk_err_msg() : "ok");
	unlink(path);
	free(path);
}

static void render_path(const uint8_t *data, size_t size)
{
	int svg = memmem(data, size < 65536 ? size : 65536, "<svg", 4) != NULL;
	render_as(data, size, "png", svg);
	if (svg)
		render_as(data, size, "svg", svg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	photo_paths(data, size);
	yuyv_frame(data, size);
	render_path(data, size);
	return 0;
}
