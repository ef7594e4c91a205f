/* SPDX-License-Identifier: MIT */
/*
 * An image's format and size from its bytes, without decoding it. Layout
 * needs the size of every picture on a page, and a file that claims to be
 * 30000 pixels wide must be refused before anything allocates for it:
 * decoding first is how a 130-byte SVG or a small PNG takes gigabytes.
 *
 * The format is what the bytes say, never the file's name: an SVG saved
 * as .png is an SVG, and gets an SVG's bounds. An SVG's size is read from
 * its first element, the <svg> tag itself (comments, the XML declaration
 * and a DOCTYPE before it are skipped, so a decoy <svg> in a comment
 * counts for nothing), with its units converted as the rasteriser does at
 * 96 dpi; its file size and element count are bounded, because drawing it
 * costs about one pass over the picture per element.
 */
#include "render_int.h"
#include <ctype.h>
#include <limits.h>
#include <math.h>
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

/* The size from the IHDR, once every chunk is seen to fit before IEND:
 * SDL_image 2.6 ignores a short read, and libpng then reads the last
 * chunk of a file cut short again and again, for ever. */
static int png_size(const unsigned char *b, size_t n, long *w, long *h, const char **why)
{
	size_t i = 8;
	if (n < 24 || memcmp(b, "\x89PNG\r\n\x1a\n", 8) || memcmp(b + 12, "IHDR", 4))
		return -1;
	*w = (long)be32(b + 16), *h = (long)be32(b + 20);
	while (n - i >= 12) {
		unsigned long len = be32(b + i);
		if (len > n - i - 12)
			break;
		if (!memcmp(b + i + 4, "IEND", 4))
			return 0;
		i += 12 + (size_t)len;
	}
	*why = "is a PNG cut short (it stops inside its data): save or copy it again";
	return -1;
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

/* ---- SVG. */

/* Skips what may come before the first element; NULL when the document
 * has a DOCTYPE with an internal subset (entities: refused) or ends. */
static const char *svg_prolog(const char *p, const char *end)
{
	if (end - p >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *e = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			if (!e)
				return NULL;
			p = e + 3;
		} else if (end - p >= 2 && !memcmp(p, "<?", 2)) {
			const char *e = memmem(p + 2, (size_t)(end - p - 2), "?>", 2);
			if (!e)
				return NULL;
			p = e + 2;
		} else if (end - p >= 9 && !memcmp(p, "<!DOCTYPE", 9)) {
			const char *e = memchr(p, '>', (size_t)(end - p)), *b = memchr(p, '[', (size_t)(end - p));
			if (!e || (b && b < e))
				return NULL;
			p = e + 1;
		} else {
			return p;
		}
	}
}

/* Finds attribute `name` in the start tag [p, end) ('>' excluded); its
 * value (unquoted) in [*v, *ve). */
static int svg_attr(const char *p, const char *end, const char *name, const char **v, const char **ve)
{
	size_t n = strlen(name);
	while (p < end) {
		while (p < end && (isspace((unsigned char)*p) || *p == '/'))
			p++;
		const char *a = p;
		while (p < end && *p != '=' && !isspace((unsigned char)*p))
			p++;
		size_t an = (size_t)(p - a);
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return 0;
		char q = *p++;
		const char *vs = p;
		while (p < end && *p != q)
			p++;
		if (an == n && !memcmp(a, name, n)) {
			*v = vs, *ve = p;
			return 1;
		}
		p++;
	}
	return 0;
}

/* A length as the rasteriser reads it, in pixels at 96 dpi; 0 when the
 * attribute is absent or a percentage (the viewBox decides), -1 when it
 * is not a length. */
static double svg_length(const char *v, const char *ve)
{
	static const struct { const char *u; double px; } units[] = {
		{ "", 1 }, { "px", 1 }, { "pt", 96.0 / 72 }, { "pc", 16 }, { "mm", 96 / 25.4 },
		{ "cm", 96 / 2.54 }, { "in", 96 }, { "em", 16 }, { "ex", 8 },
	};
	char buf[64], *e;
	if (!v)
		return 0;
	size_t n = (size_t)(ve - v);
	if (n >= sizeof buf)
		return -1;
	memcpy(buf, v, n);
	buf[n] = 0;
	double x = strtod(buf, &e);
	if (e == buf || !isfinite(x) || x <= 0)
		return -1;
	while (*e == ' ')
		e++;
	if (!strcmp(e, "%"))
		return 0;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (!strcmp(e, units[i].u))
			return x * units[i].px;
	return -1;
}

/* Elements in the whole file: '<' then a letter, outside comments. */
static long svg_elements(const char *p, const char *end)
{
	long n = 0;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && p + 1 < end) {
		if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
			const char *e = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			if (!e)
				break;
			p = e + 3;
			continue;
		}
		n += isalpha((unsigned char)p[1]) != 0;
		p++;
	}
	return n;
}

static int svg_size(const char *b, size_t len, long *w, long *h, const char **why)
{
	const char *end = b + len, *p = svg_prolog(b, end), *tag_end, *v = NULL, *ve = NULL;
	double vw, vh;
	if (!p || end - p < 5 || memcmp(p, "<svg", 4) ||
	    !(isspace((unsigned char)p[4]) || p[4] == '>' || p[4] == '/'))
		return -1;
	if (len > REN_SVG_MAX_BYTES) {
		*why = "is an SVG of more than 512 KiB: simplify it, or save it as a PNG";
		return 1;
	}
	if (svg_elements(p, end) > REN_SVG_MAX_ELEMENTS) {
		*why = "is an SVG of more than 2000 elements: simplify it, or save it as a PNG";
		return 1;
	}
	for (tag_end = p; tag_end < end && *tag_end != '>'; tag_end++)
		if (*tag_end == '"' || *tag_end == '\'') {
			const char *q = memchr(tag_end + 1, *tag_end, (size_t)(end - tag_end - 1));
			tag_end = q ? q : end;
		}
	svg_attr(p + 4, tag_end, "width", &v, &ve);
	vw = svg_length(v, ve);
	v = ve = NULL;
	svg_attr(p + 4, tag_end, "height", &v, &ve);
	vh = svg_length(v, ve);
	if (vw < 0 || vh < 0) {
		*why = "is an SVG whose width or height is not a length (like 300, 300px or 8cm)";
		return 1;
	}
	if (vw == 0 || vh == 0) {
		char box[128];
		double x, y;
		v = ve = NULL;
		if (!svg_attr(p + 4, tag_end, "viewBox", &v, &ve) || (size_t)(ve - v) >= sizeof box)
			return *why = "is an SVG with neither a width and height nor a viewBox", 1;
		memcpy(box, v, (size_t)(ve - v));
		box[ve - v] = 0;
		if (sscanf(box, "%lf%*[ ,]%lf%*[ ,]%lf%*[ ,]%lf", &x, &y, &vw, &vh) != 4 ||
		    !isfinite(vw) || !isfinite(vh) || vw <= 0 || vh <= 0)
			return *why = "is an SVG whose viewBox is not four numbers", 1;
	}
	if (vw > 1e6 || vh > 1e6)
		vw = vh = 1e6;
	*w = (long)(vw + 0.5), *h = (long)(vh + 0.5);
	return 0;
}

int img_sniff(const unsigned char *b, size_t n)
{
	long w, h;
	const char *why;
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8))
		return IMG_PNG;
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
		return IMG_JPEG;
	if (n >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WEBP", 4))
		return IMG_WEBP;
	if (svg_size((const char *)b, n, &w, &h, &why) >= 0)
		return IMG_SVG;
	return IMG_UNKNOWN;
}

const char *img_format_name(int fmt)
{
	static const char *const names[] = { "unknown", "PNG", "JPEG", "WebP", "SVG" };
	return fmt >= 0 && fmt <= IMG_SVG ? names[fmt] : "unknown";
}

int img_bytes_size(const unsigned char *b, size_t n, int fmt, int *w, int *h, const char **why)
{
	long lw = 0, lh = 0;
	int rc = -1;
	*why = NULL;
	switch (fmt) {
	case IMG_PNG: rc = png_size(b, n, &lw, &lh, why); break;
	case IMG_JPEG: rc = jpeg_size(b, n, &lw, &lh); break;
	case IMG_WEBP: rc = webp_size(b, n, &lw, &lh); break;
	case IMG_SVG: rc = svg_size((const char *)b, n, &lw, &lh, why); break;
	}
	if (rc) {
		if (!*why)
			*why = "is not a PNG, JPEG, WebP or SVG picture that can be read";
		return MK_EINVAL;
	}
	*w = (int)(lw > INT_MAX ? INT_MAX : lw), *h = (int)(lh > INT_MAX ? INT_MAX : lh);
	if (lw <= 0 || lh <= 0 || lw > REN_IMAGE_MAX_SIDE || lh > REN_IMAGE_MAX_SIDE ||
	    (double)lw * (double)lh > REN_IMAGE_MAX_PIXELS)
		return 1;
	return 0;
}
