/* SPDX-License-Identifier: MIT */
/*
 * Cameras: the calls the photo screen makes, and the test source that
 * stands in for a camera in tests, demos and on machines without one.
 *
 * The test source makes the same bytes a UVC camera would — packed YUYV,
 * or a Motion-JPEG frame — and hands them to photo_frame_decode, so every
 * test of the preview and capture runs the real conversion. YUYV frames
 * are redrawn each time (the block moves, so a frozen preview shows);
 * the MJPEG frame is encoded once, since encoding every frame would only
 * test the encoder. It can also "disappear" after a number of frames, the
 * way a USB camera does when its cable is pulled.
 */
#include "photo_int.h"
#include <stdlib.h>
#include <string.h>

static const unsigned char bars[8][3] = {
	{ 255, 255, 255 }, { 255, 255, 0 }, { 0, 255, 255 }, { 0, 255, 0 },
	{ 255, 0, 255 }, { 255, 0, 0 }, { 0, 0, 255 }, { 0, 0, 0 },
};

int cam_stopped(photo_cam *c)
{
	if (!c->dead)
		mk_log(MK_LOG_WARN, "camera-stopped", "test=%d", c->test);
	c->dead = 1;
	return mk_err(MK_EIO, "the camera stopped");
}

/* The pattern's colour at (x, y) of frame f. */
static const unsigned char *pattern(const photo_cam *c, int x, int y, unsigned long f)
{
	static const unsigned char grey[3] = { 96, 96, 96 };
	int bw = c->w / 16 > 2 ? c->w / 16 : 2;
	if (y < c->h * 2 / 3)
		return bars[x * 8 / c->w];
	return (unsigned long)x >= f * 8 % (unsigned long)c->w &&
	       (unsigned long)x < f * 8 % (unsigned long)c->w + (unsigned long)bw ? bars[0] : grey;
}

/* RGB to BT.601 limited-range Y, Cb, Cr; the offsets keep every
 * intermediate positive, so the shifts are exact. */
static unsigned char luma(const unsigned char *p)
{
	return (unsigned char)(((66 * p[0] + 129 * p[1] + 25 * p[2] + 128) >> 8) + 16);
}

static void test_yuyv(photo_cam *c)
{
	unsigned char *d = c->data;
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x += 2, d += 4) {
			const unsigned char *a = pattern(c, x, y, c->frame), *b = pattern(c, x + 1, y, c->frame);
			int r = (a[0] + b[0]) / 2, g = (a[1] + b[1]) / 2, bl = (a[2] + b[2]) / 2;
			d[0] = luma(a), d[2] = luma(b);
			d[1] = (unsigned char)((-38 * r - 74 * g + 112 * bl + 32896) >> 8);
			d[3] = (unsigned char)((112 * r - 94 * g - 18 * bl + 32896) >> 8);
		}
}

static int test_mjpeg(photo_cam *c)
{
	SDL_Surface *s = px_new(c->w, c->h);
	int rc;
	if (!s)
		return MK_ENOMEM;
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++)
			memcpy((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch + 3 * (size_t)x,
			       pattern(c, x, y, 0), 3);
	rc = px_encode(s, 90, (void **)&c->data, &c->len);
	px_free(s);
	return rc;
}

int photo_cam_open_test(photo_cam **out, photo_fmt fmt, int w, int h)
{
	photo_cam *c;
	int rc;
	*out = NULL;
	if ((rc = photo_size_ok(w, h)))
		return rc;
	if (fmt != PHOTO_FMT_YUYV && fmt != PHOTO_FMT_MJPEG)
		return mk_err(MK_EINVAL, "unknown frame format");
	if (fmt == PHOTO_FMT_YUYV && w % 2)
		return mk_err(MK_EINVAL, "a YUYV frame must be an even number of pixels wide");
	if (!(c = calloc(1, sizeof *c)))
		return mk_err(MK_ENOMEM, "not enough memory for the camera");
	c->test = 1, c->fmt = fmt, c->w = w, c->h = h, c->fail_after = -1, c->fd = -1;
	if (fmt == PHOTO_FMT_MJPEG)
		rc = test_mjpeg(c);
	else if (!(c->data = malloc(c->len = (size_t)w * (size_t)h * 2)))
		rc = mk_err(MK_ENOMEM, "not enough memory for the camera");
	if (rc) {
		photo_cam_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

#ifdef MK_TESTING
void photo_cam_test_fail_after(photo_cam *c, int n)
{
	if (c && c->test)
		c->fail_after = n < 0 ? -1 : n;
}
#endif

int photo_cam_open(photo_cam **out, const char *dev)
{
	photo_cam *c = calloc(1, sizeof *c);
	int rc;
	*out = NULL;
	if (!c)
		return mk_err(MK_ENOMEM, "not enough memory for the camera");
	c->fd = -1;
	if ((rc = cam_v4l2_open(c, dev))) {
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int photo_cam_size(photo_cam *c, int *w, int *h)
{
	if (!c)
		return mk_err(MK_EINVAL, "no camera");
	*w = c->w, *h = c->h;
	return 0;
}

int photo_cam_frame(photo_cam *c, photo_image *out, int timeout_ms)
{
	int rc;
	memset(out, 0, sizeof *out);
	if (!c)
		return mk_err(MK_EINVAL, "no camera");
	if (c->dead)
		return mk_err(MK_EIO, "the camera stopped");
	if (!c->test)
		return cam_v4l2_frame(c, out, timeout_ms);
	if (c->fail_after == 0)
		return cam_stopped(c);
	if (c->fmt == PHOTO_FMT_YUYV)
		test_yuyv(c);
	if (!(rc = photo_frame_decode(c->fmt, c->data, c->len, c->w, c->h, out))) {
		c->frame++;
		c->fail_after -= c->fail_after > 0;
	}
	return rc;
}

void photo_cam_close(photo_cam *c)
{
	if (!c)
		return;
	if (c->test)
		px_wipe_free(c->data, c->len);
	else
		cam_v4l2_close(c);
	free(c);
}
