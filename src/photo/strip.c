/* SPDX-License-Identifier: MIT */
/*
 * A kept picture loses its metadata. A phone's photo carries EXIF (time,
 * GPS position, the phone's serial number) and XMP in JPEG APPn segments,
 * or text and eXIf chunks in a PNG; none of it is needed to see the
 * treated area, and a location is exactly what a patient would not expect
 * to hand over. So the segments and chunks that only describe are left
 * out, and the picture data is copied unchanged: no re-encode, no loss.
 * JPEG keeps APP0 (JFIF: the pixel aspect) and everything that decodes;
 * PNG keeps every critical chunk and the ones that change how it looks.
 * The input was walked by photo_probe already; the bounds are checked
 * again anyway.
 */
#include "photo_int.h"
#include <stdlib.h>
#include <string.h>

static size_t be16(const unsigned char *p)
{
	return (size_t)p[0] << 8 | p[1];
}

static size_t be32(const unsigned char *p)
{
	return (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
}

/* Copies a JPEG leaving out APP1..APP15 and COM before the scan. */
static size_t strip_jpeg(const unsigned char *p, size_t n, unsigned char *o)
{
	size_t i = 2, k = 2;
	memcpy(o, p, 2);
	while (i + 4 <= n && p[i] == 0xFF) {
		unsigned m = p[i + 1];
		size_t len = be16(p + i + 2);
		if (m == 0xDA || len < 2 || i + 2 + len > n)
			break; /* the scan (or something odd): the rest as it is */
		if (!((m >= 0xE1 && m <= 0xEF) || m == 0xFE)) {
			memcpy(o + k, p + i, 2 + len);
			k += 2 + len;
		}
		i += 2 + len;
	}
	memcpy(o + k, p + i, n - i);
	return k + n - i;
}

static int png_meta(const unsigned char *type)
{
	static const char *const drop[] = { "tEXt", "zTXt", "iTXt", "eXIf", "tIME" };
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		if (!memcmp(type, drop[i], 4))
			return 1;
	return 0;
}

static size_t strip_png(const unsigned char *p, size_t n, unsigned char *o)
{
	size_t i = 8, k = 8;
	memcpy(o, p, 8);
	while (i + 12 <= n) {
		size_t len = be32(p + i);
		if (len > n - i - 12)
			break;
		if (!png_meta(p + i + 4)) {
			memcpy(o + k, p + i, 12 + len);
			k += 12 + len;
		}
		i += 12 + len;
	}
	memcpy(o + k, p + i, n - i);
	return k + n - i;
}

int px_strip_meta(const void *bytes, size_t n, int kind, void **out, size_t *out_n)
{
	unsigned char *o = malloc(n ? n : 1);
	*out = NULL;
	*out_n = 0;
	if (!o)
		return mk_err(MK_ENOMEM, "not enough memory for the picture");
	*out_n = kind == PHOTO_KIND_PNG ? strip_png(bytes, n, o) : strip_jpeg(bytes, n, o);
	*out = o;
	return 0;
}
