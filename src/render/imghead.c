/* SPDX-License-Identifier: MIT */
/*
 * An image's size from its first bytes, without decoding it. Layout needs
 * the size of every picture on a page, and a file that claims to be 30000
 * pixels wide must be refused before anything allocates for it: decoding
 * first is how a 130-byte SVG or a small PNG takes gigabytes. PNG, JPEG,
 * WebP and SVG (width/height, else viewBox) are understood.
 */
#include "render_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned le24(const unsigned char *p) { return (unsigned)p[2] << 16 | le16(p); }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)be16(p) << 16 | be16(p + 2);
}

static int png_size(const unsigned char *b, size_t n, long *w, long *h)
{
	if (n < 24 || memcmp(b, "\x89PNG\r\n\x1a\n", 8) || memcmp(b + 12, "IHDR", 4))
		return -1;
	*w = (long)be32(b + 16), *h = (long)be32(b + 20);
	return 0;
}

/* Walks the JPEG markers to the first start-of-frame. */
static int jpeg_size(const unsigned char *b, size_t n, long *w, long *h)
{
	size_t i = 2;
	if (n < 4 || b[0] != 0xFF || b[1] != 0xD8)
		return -1;
	while (i + 9 < n) {
		if (b[i] != 0xFF)
			return -1;
		unsigned m = b[i + 1], len = be16(b + i + 2);
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			*h = (long)be16(b + i + 5), *w = (long)be16(b + i + 7);
			return 0;
		}
		i += 2 + len;
	}
	return -1;
}

static int webp_size(const unsigned char *b, size_t n, long *w, long *h)
{
	if (n < 30 || memcmp(b, "RIFF", 4) || memcmp(b + 8, "WEBP", 4))
		return -1;
	if (!memcmp(b + 12, "VP8X", 4)) {
		*w = (long)le24(b + 24) + 1, *h = (long)le24(b + 27) + 1;
	} else if (!memcmp(b + 12, "VP8L", 4)) {
		unsigned long v = (unsigned long)b[21] | (unsigned long)b[22] << 8 |
				  (unsigned long)b[23] << 16 | (unsigned long)b[24] << 24;
		*w = (long)(v & 0x3FFF) + 1, *h = (long)((v >> 14) & 0x3FFF) + 1;
	} else if (!memcmp(b + 12, "VP8 ", 4)) {
		*w = (long)(le16(b + 26) & 0x3FFF), *h = (long)(le16(b + 28) & 0x3FFF);
	} else {
		return -1;
	}
	return 0;
}

/* Value of attribute `name` inside the <svg ...> tag, as a number; -1 when
 * absent or not in plain pixels. */
static double svg_attr(const char *tag, const char *end, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strstr(tag, name); p && p + n + 2 < end; p = strstr(p + 1, name)) {
		if ((p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t') && p[n] == '=' &&
		    (p[n + 1] == '"' || p[n + 1] == '\'')) {
			char *e;
			double v = strtod(p + n + 2, &e);
			return e == p + n + 2 || (*e != '"' && *e != '\'' && strncmp(e, "px", 2)) ? -1 : v;
		}
	}
	return -1;
}

static int svg_size(const char *b, long *w, long *h)
{
	const char *tag = strstr(b, "<svg"), *end = tag ? strchr(tag, '>') : NULL;
	double vw = -1, vh = -1;
	if (!end)
		return -1;
	vw = svg_attr(tag, end, "width"), vh = svg_attr(tag, end, "height");
	if (vw <= 0 || vh <= 0) {
		const char *vb = strstr(tag, "viewBox=");
		double x, y;
		if (!vb || vb > end || sscanf(vb + 9, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &x, &y, &vw, &vh) != 4)
			return -1;
	}
	if (vw <= 0 || vh <= 0 || vw > 1e6 || vh > 1e6)
		return -1;
	*w = (long)(vw + 0.5), *h = (long)(vh + 0.5);
	return 0;
}

int img_header_size(const char *path, int *w, int *h)
{
	unsigned char b[65536 + 1];
	long lw = 0, lh = 0;
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mk_err(MK_ENOTFOUND, "image not found: %s", path);
	n = fread(b, 1, sizeof b - 1, f);
	fclose(f);
	b[n] = 0;
	if (png_size(b, n, &lw, &lh) && jpeg_size(b, n, &lw, &lh) && webp_size(b, n, &lw, &lh) &&
	    svg_size((const char *)b, &lw, &lh))
		return mk_err(MK_EINVAL, "cannot read image %s: not a PNG, JPEG, WebP or SVG "
			      "with a width and height", path);
	if (lw <= 0 || lh <= 0 || lw > REN_IMAGE_MAX_SIDE || lh > REN_IMAGE_MAX_SIDE ||
	    (double)lw * (double)lh > REN_IMAGE_MAX_PIXELS)
		return mk_err(MK_EINVAL, "image %s is %ldx%ld pixels: pictures must be at most %d pixels "
			      "a side and %d megapixels", path, lw, lh, REN_IMAGE_MAX_SIDE,
			      REN_IMAGE_MAX_PIXELS / 1000000);
	*w = (int)lw, *h = (int)lh;
	return 0;
}
