/* SPDX-License-Identifier: MIT */
/*
 * A USB camera through V4L2, kept as thin as the API allows so it can be
 * read in one sitting: open the device, check it can capture by
 * streaming, pick a format and size, map a few buffers, and then take
 * frames with poll + DQBUF and give each buffer straight back.
 *
 * Only YUYV and Motion-JPEG are asked for: every UVC camera offers one or
 * both, and photo_frame_decode turns either into pixels. The largest size
 * up to 12 megapixels wins; at equal size MJPEG, because USB 2 carries
 * only a few uncompressed frames a second at high resolution.
 *
 * A camera can be unplugged at any moment. Every failure of poll or an
 * ioctl after streaming starts (ENODEV, EIO, anything but "not yet")
 * marks the camera stopped: MK_EIO "the camera stopped" from then on, and
 * the mappings stay valid until close, so nothing here can fault.
 */
#include "photo_int.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define CAM_MAX_PIXELS 12000000LL
#define CAM_MAX_DEVICES 64

typedef struct {
	uint32_t fourcc;
	uint32_t w, h;
} cam_mode;

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;
	do
		r = ioctl(fd, req, arg);
	while (r == -1 && errno == EINTR);
	return r;
}

static void consider(cam_mode *best, uint32_t fourcc, uint32_t w, uint32_t h)
{
	long long a = (long long)w * h, b = (long long)best->w * best->h;
	if (!w || !h || a > CAM_MAX_PIXELS || w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE)
		return;
	if (a > b || (a == b && fourcc == V4L2_PIX_FMT_MJPEG))
		*best = (cam_mode){ fourcc, w, h };
}

/* v is one of min, min + step, ... max: a size a stepwise range really
 * has (a continuous range has step 1; 0 from a careless driver too). */
static int on_step(uint32_t v, uint32_t min, uint32_t max, uint32_t step)
{
	return v >= min && v <= max && (step <= 1 || (v - min) % step == 0);
}

/* A stepwise or continuous range: its largest size, or, when that is over
 * 12 megapixels, the largest common size on its steps (off a step, S_FMT
 * would round it to something else). */
static void consider_range(cam_mode *best, uint32_t fourcc, const struct v4l2_frmsize_stepwise *s)
{
	static const uint32_t common[][2] = { { 4000, 3000 }, { 3840, 2160 }, { 2592, 1944 },
					      { 1920, 1080 }, { 1280, 720 }, { 640, 480 } };
	if ((long long)s->max_width * s->max_height <= CAM_MAX_PIXELS) {
		consider(best, fourcc, s->max_width, s->max_height);
		return;
	}
	for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
		if (on_step(common[i][0], s->min_width, s->max_width, s->step_width) &&
		    on_step(common[i][1], s->min_height, s->max_height, s->step_height))
			consider(best, fourcc, common[i][0], common[i][1]);
}

static void sizes(int fd, uint32_t fourcc, cam_mode *best)
{
	struct v4l2_frmsizeenum fs;
	for (uint32_t i = 0; i < 256; i++) {
		memset(&fs, 0, sizeof fs);
		fs.index = i, fs.pixel_format = fourcc;
		if (xioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs))
			break;
		if (fs.type == V4L2_FRMSIZE_TYPE_DISCRETE) {
			consider(best, fourcc, fs.discrete.width, fs.discrete.height);
		} else {
			consider_range(best, fourcc, &fs.stepwise);
			break; /* a range is the only entry */
		}
	}
}

/* The mode to ask for; -1 when the device offers neither format. A device
 * that lists no sizes is asked for 1920 x 1080 and adjusts it. */
static int pick(int fd, cam_mode *best)
{
	struct v4l2_fmtdesc d;
	uint32_t any = 0;
	memset(best, 0, sizeof *best);
	for (uint32_t i = 0; i < 64; i++) {
		memset(&d, 0, sizeof d);
		d.index = i, d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		if (xioctl(fd, VIDIOC_ENUM_FMT, &d))
			break;
		if (d.pixelformat != V4L2_PIX_FMT_YUYV && d.pixelformat != V4L2_PIX_FMT_MJPEG)
			continue;
		if (!any || d.pixelformat == V4L2_PIX_FMT_MJPEG)
			any = d.pixelformat;
		sizes(fd, d.pixelformat, best);
	}
	if (!any)
		return -1;
	if (!best->w)
		*best = (cam_mode){ any, 1920, 1080 };
	return 0;
}

static int busy_or_io(const char *what, const char *dev)
{
	if (errno == EBUSY)
		return mk_err(MK_EIO, "the camera %s is in use by another program", dev);
	return mk_err(MK_EIO, "the camera %s failed to %s: %s", dev, what, strerror(errno));
}

/* S_FMT, then whatever the driver made of it. */
static int set_format(photo_cam *c, const cam_mode *m, const char *dev)
{
	struct v4l2_format f;
	int rc;
	memset(&f, 0, sizeof f);
	f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	f.fmt.pix.width = m->w, f.fmt.pix.height = m->h;
	f.fmt.pix.pixelformat = m->fourcc, f.fmt.pix.field = V4L2_FIELD_NONE;
	if (xioctl(c->fd, VIDIOC_S_FMT, &f))
		return busy_or_io("set its format", dev);
	if (f.fmt.pix.pixelformat == V4L2_PIX_FMT_YUYV)
		c->fmt = PHOTO_FMT_YUYV;
	else if (f.fmt.pix.pixelformat == V4L2_PIX_FMT_MJPEG)
		c->fmt = PHOTO_FMT_MJPEG;
	else
		return mk_err(MK_EIO, "the camera %s changed its format", dev);
	if ((rc = photo_size_ok(f.fmt.pix.width, f.fmt.pix.height)))
		return rc;
	c->w = (int)f.fmt.pix.width, c->h = (int)f.fmt.pix.height;
	c->stride = f.fmt.pix.bytesperline;
	if (c->fmt == PHOTO_FMT_YUYV && (c->w % 2 || c->stride < (size_t)c->w * 2))
		return mk_err(MK_EIO, "the camera %s gives odd YUYV frames", dev);
	return 0;
}

/* REQBUFS, QUERYBUF + mmap each, QBUF each, STREAMON. */
static int start(photo_cam *c, const char *dev)
{
	struct v4l2_requestbuffers rb;
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	memset(&rb, 0, sizeof rb);
	rb.count = CAM_NBUF, rb.type = type, rb.memory = V4L2_MEMORY_MMAP;
	if (xioctl(c->fd, VIDIOC_REQBUFS, &rb))
		return busy_or_io("give buffers", dev);
	if (rb.count < 2)
		return mk_err(MK_EIO, "the camera %s has too few buffers", dev);
	for (uint32_t i = 0; i < rb.count && i < CAM_NBUF; i++) {
		struct v4l2_buffer b;
		memset(&b, 0, sizeof b);
		b.type = type, b.memory = V4L2_MEMORY_MMAP, b.index = i;
		if (xioctl(c->fd, VIDIOC_QUERYBUF, &b))
			return busy_or_io("describe a buffer", dev);
		void *p = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, b.m.offset);
		if (p == MAP_FAILED)
			return busy_or_io("map a buffer", dev);
		c->buf[c->nbuf++] = (cam_buf){ p, b.length };
		if (xioctl(c->fd, VIDIOC_QBUF, &b))
			return busy_or_io("queue a buffer", dev);
	}
	if (xioctl(c->fd, VIDIOC_STREAMON, &type))
		return busy_or_io("start", dev);
	c->streaming = 1;
	return 0;
}

/* MK_ENOTFOUND when dev is not a capturing camera; else what failed. */
static int open_one(photo_cam *c, const char *dev)
{
	struct v4l2_capability cap;
	cam_mode m;
	int rc;
	memset(&cap, 0, sizeof cap);
	if ((c->fd = open(dev, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno == ENOENT || errno == ENODEV || errno == ENXIO
			? mk_err(MK_ENOTFOUND, "no camera found at %s", dev)
			: mk_err(MK_EIO, "cannot open the camera %s: %s", dev, strerror(errno));
	uint32_t caps = 0;
	if (!xioctl(c->fd, VIDIOC_QUERYCAP, &cap))
		caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ? cap.device_caps : cap.capabilities;
	if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
		rc = mk_err(MK_ENOTFOUND, "%s is not a camera that can capture", dev);
	else if (pick(c->fd, &m))
		rc = mk_err(MK_ENOTFOUND, "the camera %s offers neither YUYV nor MJPEG", dev);
	else if (!(rc = set_format(c, &m, dev)))
		rc = start(c, dev);
	if (rc)
		cam_v4l2_close(c);
	else
		mk_log(MK_LOG_INFO, "camera-open", "dev=%s fmt=%s w=%d h=%d", dev,
		       c->fmt == PHOTO_FMT_MJPEG ? "mjpeg" : "yuyv", c->w, c->h);
	return rc;
}

int cam_v4l2_open(photo_cam *c, const char *dev)
{
	char path[32], why[512] = "";
	int rc = MK_ENOTFOUND;
	if (dev)
		return open_one(c, dev);
	/* The first that works; a camera that exists but fails (busy, say)
	 * is reported rather than "none". Its message is kept aside: the
	 * nodes probed after it overwrite the thread's message. */
	for (int i = 0; i < CAM_MAX_DEVICES; i++) {
		snprintf(path, sizeof path, "/dev/video%d", i);
		int r = open_one(c, path);
		if (!r)
			return 0;
		if (r != MK_ENOTFOUND && rc == MK_ENOTFOUND)
			rc = r, snprintf(why, sizeof why, "%s", mk_err_msg());
	}
	return rc == MK_ENOTFOUND ? mk_err(MK_ENOTFOUND, "no camera found") : mk_err(rc, "%s", why);
}

/* A dequeued buffer into pixels. Lines padded by the driver are packed
 * first, so the decode sees exactly what the test source gives it. */
static int take(photo_cam *c, const struct v4l2_buffer *b, photo_image *out)
{
	const unsigned char *d = c->buf[b->index].start;
	/* bytesused, never the buffer's length: an MJPEG frame is shorter
	 * than its buffer, and an empty buffer (0) still holds an older
	 * frame that must not be shown again as new. */
	size_t len = c->buf[b->index].len, used = b->bytesused < len ? b->bytesused : len;
	size_t row = (size_t)c->w * 2, packed = row * (size_t)c->h;
	unsigned char *tmp;
	int rc;
	if (b->flags & V4L2_BUF_FLAG_ERROR)
		return mk_err(MK_EINVAL, "the camera sent a damaged frame");
	if (c->fmt == PHOTO_FMT_MJPEG || c->stride == row)
		return photo_frame_decode(c->fmt, d, used, c->w, c->h, out);
	/* The last line needs only its pixels, not its padding; divided, not
	 * multiplied, so an absurd stride cannot wrap a 32-bit size_t. */
	if (used < row || (used - row) / c->stride < (size_t)(c->h - 1))
		return mk_err(MK_EINVAL, "the frame is cut short");
	if (!(tmp = malloc(packed)))
		return mk_err(MK_ENOMEM, "not enough memory for a camera frame");
	for (int y = 0; y < c->h; y++)
		memcpy(tmp + row * (size_t)y, d + c->stride * (size_t)y, row);
	rc = photo_frame_decode(c->fmt, tmp, packed, c->w, c->h, out);
	px_wipe_free(tmp, packed);
	return rc;
}

/* DQBUF without waiting: 0, or -1 with errno (EAGAIN: none ready). */
static int dequeue(photo_cam *c, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof *b);
	b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE, b->memory = V4L2_MEMORY_MMAP;
	if (xioctl(c->fd, VIDIOC_DQBUF, b))
		return -1;
	if (b->index < (uint32_t)c->nbuf)
		return 0;
	errno = EIO; /* a buffer never queued: the driver is confused */
	return -1;
}

/* QBUF a buffer back. A failure means the camera has gone; the frame in
 * hand is still good, so the next call reports the loss. */
static void give_back(photo_cam *c, struct v4l2_buffer *b)
{
	if (xioctl(c->fd, VIDIOC_QBUF, b) && !c->dead) {
		mk_log(MK_LOG_WARN, "camera-stopped", "errno=%d", errno);
		c->dead = 1;
	}
}

int cam_v4l2_frame(photo_cam *c, photo_image *out, int timeout_ms)
{
	struct pollfd p = { c->fd, POLLIN, 0 };
	struct v4l2_buffer b, newer;
	int r = poll(&p, 1, timeout_ms < 0 ? 0 : timeout_ms), rc;
	if (r < 0 && errno != EINTR)
		return cam_stopped(c);
	if (r <= 0)
		return mk_err(MK_ELIMIT, "no camera frame yet");
	if (!(p.revents & POLLIN))
		return cam_stopped(c); /* POLLERR, POLLHUP: gone */
	if (dequeue(c, &b))
		return errno == EAGAIN ? mk_err(MK_ELIMIT, "no camera frame yet") : cam_stopped(c);
	/* DQBUF hands out the oldest frame. When the caller is slower than
	 * the camera (a 12 MP decode, or no calls while a still is shown),
	 * every buffer fills and the preview, and the still taken when the
	 * countdown ends, would be up to CAM_NBUF frames old: seconds at a
	 * few frames a second. So keep only the newest. Any error here
	 * other than EAGAIN shows again at the next poll. */
	while (!c->dead && !dequeue(c, &newer)) {
		give_back(c, &b);
		b = newer;
	}
	rc = take(c, &b, out);
	give_back(c, &b);
	return rc;
}

void cam_v4l2_close(photo_cam *c)
{
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	if (c->streaming)
		xioctl(c->fd, VIDIOC_STREAMOFF, &type);
	for (int i = 0; i < c->nbuf; i++)
		munmap(c->buf[i].start, c->buf[i].len);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1, c->nbuf = 0, c->streaming = 0;
}
