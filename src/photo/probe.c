/* SPDX-License-Identifier: MIT */
/*
 * What a picture is, from its bytes, before anything decodes it. The
 * decoders will happily allocate whatever a header asks for, and will
 * "succeed" on a JPEG cut off halfway by filling the rest with grey; a
 * photo that silently loses its lower half is worse than a refusal. So
 * this walks the file's whole structure — every JPEG segment and the
 * entropy-coded data between them up to EOI, every PNG chunk up to IEND —
 * checking each length against what is left, and refuses a picture the
 * moment its header claims too many pixels. No pixel is decoded here.
 *
 * The EXIF orientation is read on the way: the first APP1 "Exif" segment
 * of a JPEG, or a PNG's eXIf chunk, parsed as TIFF with every offset
 * bounds-checked. Bad metadata is ignored (orientation 1), never fatal.
 */
#include "photo_int.h"
#include <string.h>

#define JPEG_MAX_SCANS 256 /* progressive files use ~10; thousands is a CPU bomb */

typedef struct {
	const unsigned char *b;
	size_t n;
	int w, h, orient;
} probe;

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t be32(const unsigned char *p) { return (uint32_t)be16(p) << 16 | be16(p + 2); }

static unsigned rd16(const unsigned char *p, int le)
{
	return le ? (unsigned)p[1] << 8 | p[0] : be16(p);
}

static uint32_t rd32(const unsigned char *p, int le)
{
	return le ? (uint32_t)rd16(p + 2, 1) << 16 | rd16(p, 1) : be32(p);
}

int photo_size_ok(long long w, long long h)
{
	if (w <= 0 || h <= 0)
		return mk_err(MK_EINVAL, "the picture has no size");
	if (w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE || w * h > PHOTO_MAX_PIXELS)
		return mk_err(MK_EINVAL, "the picture is %lld x %lld pixels: too large", w, h);
	return 0;
}

int photo_tiff_orientation(const unsigned char *t, size_t n)
{
	int le;
	if (n < 8)
		return 1;
	if (!memcmp(t, "II*\0", 4))
		le = 1;
	else if (!memcmp(t, "MM\0*", 4))
		le = 0;
	else
		return 1;
	uint32_t ifd = rd32(t + 4, le);
	if (ifd > n - 2)
		return 1;
	unsigned count = rd16(t + ifd, le);
	if (count > (n - ifd - 2) / 12)
		return 1; /* entries run past the end */
	for (unsigned i = 0; i < count; i++) {
		const unsigned char *e = t + ifd + 2 + 12 * (size_t)i;
		unsigned type = rd16(e + 2, le);
		if (rd16(e, le) != 0x0112)
			continue;
		if (rd32(e + 4, le) != 1 || (type != 3 && type != 4))
			return 1;
		uint32_t v = type == 3 ? rd16(e + 8, le) : rd32(e + 8, le);
		return v >= 1 && v <= 8 ? (int)v : 1;
	}
	return 1;
}

/* ---- JPEG */

static int jpeg_cut(void) { return mk_err(MK_EINVAL, "the JPEG file is cut short"); }
static int jpeg_bad(void) { return mk_err(MK_EINVAL, "the JPEG file is damaged"); }

static int is_sof(unsigned m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* Where the entropy-coded data that starts at i ends: the next marker that
 * is not a stuffed 0xFF00, a restart marker or fill; n when there is none. */
static size_t entropy_end(const unsigned char *b, size_t n, size_t i)
{
	while (i + 1 < n) {
		const unsigned char *f = memchr(b + i, 0xFF, n - i - 1);
		if (!f)
			return n;
		i = (size_t)(f - b);
		unsigned m = b[i + 1];
		if (m == 0xFF)
			i += 1;
		else if (m == 0x00 || (m >= 0xD0 && m <= 0xD7))
			i += 2;
		else
			return i;
	}
	return n;
}

/* One marker segment with a length at b[i]: reads what it tells. */
static int jpeg_segment(probe *p, unsigned m, const unsigned char *s, size_t len, int *sof, int *exif)
{
	if (is_sof(m)) {
		if (*sof || len < 6)
			return jpeg_bad();
		*sof = 1;
		p->h = (int)be16(s + 1), p->w = (int)be16(s + 3);
		return photo_size_ok(p->w, p->h);
	}
	if (m == 0xE1 && !*exif && len >= 6 && !memcmp(s, "Exif\0\0", 6)) {
		*exif = 1;
		p->orient = photo_tiff_orientation(s + 6, len - 6);
	}
	return 0;
}

static int jpeg_walk(probe *p)
{
	const unsigned char *b = p->b;
	size_t n = p->n, i = 2;
	int sof = 0, exif = 0, scans = 0, rc;
	for (;;) {
		while (i + 1 < n && b[i] == 0xFF && b[i + 1] == 0xFF)
			i++; /* fill bytes before a marker */
		if (i + 2 > n)
			return jpeg_cut();
		unsigned m = b[i + 1];
		if (b[i] != 0xFF || m == 0xD8 || m == 0x00)
			return jpeg_bad();
		if (m == 0xD9)
			return scans ? 0 : jpeg_bad();
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
			i += 2;
			continue;
		}
		if (n - i < 4)
			return jpeg_cut();
		size_t len = be16(b + i + 2);
		if (len < 2)
			return jpeg_bad();
		if (len > n - i - 2)
			return jpeg_cut();
		if ((rc = jpeg_segment(p, m, b + i + 4, len - 2, &sof, &exif)))
			return rc;
		i += 2 + len;
		if (m == 0xDA) {
			if (!sof || ++scans > JPEG_MAX_SCANS)
				return jpeg_bad();
			if ((i = entropy_end(b, n, i)) >= n)
				return jpeg_cut();
		}
	}
}

/* ---- PNG */

static int png_cut(void) { return mk_err(MK_EINVAL, "the PNG file is cut short"); }
static int png_bad(void) { return mk_err(MK_EINVAL, "the PNG file is damaged"); }

static int png_walk(probe *p)
{
	const unsigned char *b = p->b;
	size_t n = p->n, i = 8;
	int idat = 0, rc;
	for (;;) {
		if (n - i < 12)
			return png_cut();
		uint32_t len = be32(b + i);
		const unsigned char *type = b + i + 4, *d = b + i + 8;
		if (len > 0x7FFFFFFFu)
			return png_bad();
		if (len > n - i - 12)
			return png_cut();
		if (i == 8) {
			if (memcmp(type, "IHDR", 4) || len != 13)
				return png_bad();
			if ((rc = photo_size_ok(be32(d), be32(d + 4))))
				return rc;
			p->w = (int)be32(d), p->h = (int)be32(d + 4);
		} else if (!memcmp(type, "IDAT", 4)) {
			idat = 1;
		} else if (!memcmp(type, "eXIf", 4) && !idat) {
			p->orient = photo_tiff_orientation(d, len);
		} else if (!memcmp(type, "IEND", 4)) {
			return idat ? 0 : png_bad();
		}
		i += 12 + (size_t)len;
	}
}

int photo_probe(const void *bytes, size_t n, int *kind, int *w, int *h, int *orientation)
{
	probe p = { bytes, n, 0, 0, 1 };
	int k, rc;
	if (!bytes || !n)
		return mk_err(MK_EINVAL, "the file is empty");
	if (n >= 3 && !memcmp(bytes, "\xFF\xD8\xFF", 3))
		k = PHOTO_KIND_JPEG, rc = jpeg_walk(&p);
	else if (n >= 8 && !memcmp(bytes, "\x89PNG\r\n\x1a\n", 8))
		k = PHOTO_KIND_PNG, rc = png_walk(&p);
	else
		return mk_err(MK_EINVAL, "the file is not a JPEG or PNG picture");
	if (rc)
		return rc;
	if (kind)
		*kind = k;
	if (w)
		*w = p.w;
	if (h)
		*h = p.h;
	if (orientation)
		*orientation = p.orient;
	return 0;
}
