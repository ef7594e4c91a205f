/* SPDX-License-Identifier: MIT */
/*
 * photo: turns what a patient's progress photo arrives as — a file from
 * the import folder, or a frame from the camera — into what the kiosk
 * keeps: an upright JPEG (or the untouched input when it already is one),
 * no more than PHOTO_KEEP_MAX pixels on its long side, a small thumbnail
 * and the SHA-256 of the kept bytes. It only processes bytes: the store
 * keeps and encrypts them, and nothing here knows whose photo it is.
 *
 * Every picture is probed from its header before anything decodes it, so
 * a file that claims 30000 x 30000 pixels is refused before it can take
 * gigabytes. Camera frames (a real V4L2 camera, or the test source that
 * stands in for one) go through the same decode path.
 *
 * Returns are 0 or a negative MK_* code with mk_err_msg() readable after.
 * Everything returned through a pointer is owned by the caller and has a
 * matching free function that wipes it first: these are medical pictures.
 */
#ifndef MK_PHOTO_H
#define MK_PHOTO_H

#include <SDL.h>
#include <stddef.h>

#define PHOTO_MAX_SIDE 12000        /* refused from the header when larger */
#define PHOTO_MAX_PIXELS 50000000L
#define PHOTO_KEEP_MAX 4096         /* long side of the kept image */
#define PHOTO_THUMB 320             /* long side of the thumbnail */

enum { PHOTO_KIND_JPEG = 1, PHOTO_KIND_PNG = 2 };

/* ---- Decoded pictures. `s` is always an SDL_PIXELFORMAT_RGB24 surface
 * owned by the photo_image; w and h repeat its size. Free it with
 * photo_image_free(), which wipes the pixels first; never SDL_FreeSurface
 * it yourself. A zeroed photo_image is empty and safe to free. */
typedef struct {
	int w, h;
	SDL_Surface *s;
} photo_image;

void photo_image_free(photo_image *img);
/* Encodes img as a JPEG (quality 1..100); *out is malloc'd, the caller
 * frees it (after explicit_bzero). */
int photo_image_encode(const photo_image *img, int quality, void **out, size_t *n);

/* ---- Import. */
/* Header only: kind (PHOTO_KIND_*), size and EXIF orientation (1..8, 1
 * when none). Walks the whole file's structure without decoding pixels, so
 * a zero-byte, truncated (no JPEG EOI, no PNG IEND), non-image or too-large
 * picture gives MK_EINVAL with a plain message, e.g. "the picture is
 * 30000 x 30000 pixels: too large". Any output pointer may be NULL. */
int photo_probe(const void *bytes, size_t n, int *kind, int *w, int *h, int *orientation);

typedef struct {
	void *image;         /* kept bytes: the input's picture data unchanged,
			      * less its metadata (EXIF, XMP, comments, text),
			      * when it is a JPEG or PNG within PHOTO_KEEP_MAX
			      * with orientation 1;
			      * else a JPEG (quality 90), upright, long side
			      * <= PHOTO_KEEP_MAX */
	size_t image_len;
	void *thumb;         /* JPEG thumbnail, upright, long side <= PHOTO_THUMB */
	size_t thumb_len;
	int width, height;   /* of the kept image, as seen upright */
	char sha256[65];     /* hex SHA-256 of the kept image bytes */
	int orientation;     /* EXIF orientation of the input */
} photo_prepared;

/* The whole import path: probe, decode, turn upright, bound, thumbnail,
 * hash. On failure *out is zeroed and nothing needs freeing. */
int photo_prepare(const void *bytes, size_t n, photo_prepared *out);
/* Wipes and frees both buffers and zeroes *p. */
void photo_prepared_free(photo_prepared *p);

/* Lower-case hex SHA-256 of data. */
void photo_sha256_hex(const void *data, size_t n, char out[65]);

/* ---- Camera frames: the same path for a real V4L2 camera and the test
 * source. */
typedef enum { PHOTO_FMT_YUYV, PHOTO_FMT_MJPEG } photo_fmt;

/* One frame of w x h into *out: YUYV (packed, 2 bytes a pixel) becomes RGB
 * by BT.601; MJPEG is decoded with photo_probe's limits (Huffman tables
 * that UVC cameras leave out are supplied) and must be w x h. */
int photo_frame_decode(photo_fmt fmt, const void *data, size_t n, int w, int h, photo_image *out);

typedef struct photo_cam photo_cam;

/* dev NULL: the first /dev/video* that can capture YUYV or MJPEG; picks the
 * largest size up to 12 megapixels (MJPEG when both offer it). MK_ENOTFOUND
 * with "no camera found" when there is none. */
int photo_cam_open(photo_cam **out, const char *dev);
/* A test source: fmt frames at w x h, through photo_frame_decode like a
 * real camera's. Colour bars over the top two thirds (white, yellow,
 * cyan, green, magenta, red, blue, black from left to right), and a white
 * block moving along a grey band below (still for MJPEG, which is encoded
 * once). A frame is always ready at once. */
int photo_cam_open_test(photo_cam **out, photo_fmt fmt, int w, int h);
#ifdef MK_TESTING
/* Test source only: after n more frames the camera "disappears". */
void photo_cam_test_fail_after(photo_cam *c, int n);
#endif
int photo_cam_size(photo_cam *c, int *w, int *h);
/* The next frame into *out, waiting up to timeout_ms: MK_ELIMIT when none
 * came in time, MK_EINVAL for a damaged frame (skip it), MK_EIO "the
 * camera stopped" once it has gone (and from then on). */
int photo_cam_frame(photo_cam *c, photo_image *out, int timeout_ms);
void photo_cam_close(photo_cam *c);

#endif
