/* SPDX-License-Identifier: MIT */
/*
 * Fake photos for the store's tests and crash writer: bytes that depend only
 * on the photo's number, so a checker can rebuild what a writer saved from
 * the number alone (kept in the photo's metadata), and that look like a
 * compressed image (no repeats) except for an optional marker a test then
 * hunts for on disk.
 */
#ifndef MK_PHOTO_FAKE_H
#define MK_PHOTO_FAKE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define PHOTO_MARKER "PHOTO-MARKER-"

/* n bytes for photo i; with marked, a 64-byte run of PHOTO_MARKER repeated
 * every 4 KiB. */
static inline void photo_fake(uint8_t *buf, size_t n, unsigned i, int marked)
{
	uint64_t x = 0x9e3779b97f4a7c15ull * (i + 1u);
	for (size_t k = 0; k < n; k++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[k] = (uint8_t)(x >> 24);
	}
	for (size_t at = 1000; marked && at + 64 <= n; at += 4096)
		for (size_t k = 0; k < 64; k++)
			buf[at + k] = (uint8_t)PHOTO_MARKER[k % (sizeof PHOTO_MARKER - 1)];
}

#endif
