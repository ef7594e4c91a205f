/* SPDX-License-Identifier: MIT */
/*
 * photo's private parts, shared by its files: RGB24 surface helpers
 * (pixels.c), the decode that probe-checked bytes go through (prepare.c),
 * and the camera struct that the test source (cam.c) and V4L2
 * (cam_v4l2.c) fill in. Nothing here leaves src/photo.
 */
#ifndef MK_PHOTO_INT_H
#define MK_PHOTO_INT_H

#include "photo.h"
#include "core.h"
#include <stdint.h>

/* ---- probe.c */
/* 0 when w x h is within PHOTO_MAX_SIDE and PHOTO_MAX_PIXELS, else
 * MK_EINVAL with the message patients and staff see. */
int photo_size_ok(long long w, long long h);
/* EXIF orientation from a TIFF block (II/MM header, IFD0, tag 0x0112);
 * 1 when absent or malformed: odd metadata never refuses a picture. */
int photo_tiff_orientation(const unsigned char *t, size_t n);

/* ---- pixels.c: every surface here is SDL_PIXELFORMAT_RGB24 and owned. */
SDL_Surface *px_new(int w, int h);
/* Wipes the pixels, then frees; NULL is fine. */
void px_free(SDL_Surface *s);
/* An RGB24 copy of any surface (transparency over white); consumes src. */
SDL_Surface *px_rgb24(SDL_Surface *src);
/* (w, h) fitted so the long side is at most max, never below 1. */
void px_fit(int w, int h, int max, int *dw, int *dh);
/* Area-average downscale to dw x dh (each no larger than src's). */
SDL_Surface *px_scale(const SDL_Surface *src, int dw, int dh);
/* A copy turned upright from EXIF orientation o (1..8); 5..8 swap w/h. */
SDL_Surface *px_orient(const SDL_Surface *src, int o);
int px_encode(SDL_Surface *s, int quality, void **out, size_t *n);
/* Frees a buffer of patient bytes after wiping it. */
void px_wipe_free(void *p, size_t n);

/* ---- prepare.c: decodes bytes that photo_probe accepted as kind at
 * w x h into an RGB24 surface, checking the decoder agrees on the size. */
int photo_decode(const void *bytes, size_t n, int kind, int w, int h, SDL_Surface **out);

/* ---- Cameras. */
typedef struct {
	void *start;
	size_t len;
} cam_buf;

#define CAM_NBUF 4

struct photo_cam {
	int test;             /* the test source, not a device */
	photo_fmt fmt;
	int w, h;
	int dead;             /* stopped: every frame is MK_EIO */
	/* test source */
	unsigned long frame;
	long fail_after;      /* frames left before "disappearing"; -1 never */
	unsigned char *data;  /* the frame bytes handed to photo_frame_decode */
	size_t len;
	/* V4L2 */
	int fd;
	int streaming;
	size_t stride;        /* bytes a YUYV line as the driver lays it out */
	cam_buf buf[CAM_NBUF];
	int nbuf;
};

int cam_v4l2_open(photo_cam *c, const char *dev);
int cam_v4l2_frame(photo_cam *c, photo_image *out, int timeout_ms);
void cam_v4l2_close(photo_cam *c);
/* Marks c stopped and returns MK_EIO "the camera stopped". */
int cam_stopped(photo_cam *c);

/* strip.c: a copy of a JPEG or PNG without its EXIF, XMP, comments and
 * text (the picture data unchanged); *out is the caller's. */
int px_strip_meta(const void *bytes, size_t n, int kind, void **out, size_t *out_n);

#endif
