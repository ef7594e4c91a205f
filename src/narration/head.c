/* SPDX-License-Identifier: MIT */
/*
 * A recording's format from its bytes, before libopusfile sees them: the
 * file's name says nothing (a WAV renamed .opus is still a WAV), and a
 * file cut short while it was copied to the kiosk decodes fine up to
 * where it stops, so the kiosk would read half a paragraph and fall
 * silent. Walking the Ogg pages catches both: every page must start
 * where the last one ended, the first must carry an OpusHead, and the
 * last must end exactly at the end of the file with its end-of-stream
 * mark, and each page's checksum must hold (libopusfile skips a page
 * that fails it and plays on, so a damaged file would lose words without
 * a word said). The messages are for staff, so a common wrong format is
 * named.
 */
#include "narration_int.h"
#include <stdint.h>
#include <string.h>

#define PAGE_HEAD 27 /* "OggS", version, flags, granule, serial, sequence, CRC, segments */
#define FLAG_EOS 0x04

static const char *other_format(const unsigned char *b, size_t n)
{
	if (n >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WAVE", 4))
		return "is a WAV file, not an Opus recording: encode it with opusenc";
	if ((n >= 3 && !memcmp(b, "ID3", 3)) || (n >= 2 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0))
		return "is an MP3 file, not an Opus recording: encode it with opusenc";
	if (n >= 4 && !memcmp(b, "fLaC", 4))
		return "is a FLAC file, not an Opus recording: encode it with opusenc";
	return "is not an Opus recording (.opus, Ogg Opus): encode it with opusenc";
}

/* The size of the page at b (header, segment table and body), or 0 when
 * what is there is not a whole page. */
static size_t page_size(const unsigned char *b, size_t n)
{
	size_t body = 0, segs;
	if (n < PAGE_HEAD || memcmp(b, "OggS", 4) || b[4] != 0)
		return 0;
	segs = b[26];
	if (n < PAGE_HEAD + segs)
		return 0;
	for (size_t i = 0; i < segs; i++)
		body += b[PAGE_HEAD + i];
	return n - PAGE_HEAD - segs < body ? 0 : PAGE_HEAD + segs + body;
}

/* Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, over the page with
 * its checksum field read as zero); the table is made per call, 2 KiB of
 * work against a file of up to 4 MiB. */
static void crc_table(uint32_t t[256])
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t r = i << 24;
		for (int k = 0; k < 8; k++)
			r = r & 0x80000000u ? r << 1 ^ 0x04c11db7u : r << 1;
		t[i] = r;
	}
}

static uint32_t crc_run(const uint32_t t[256], uint32_t crc, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		crc = crc << 8 ^ t[(crc >> 24 ^ p[i]) & 0xff];
	return crc;
}

static int crc_ok(const uint32_t t[256], const unsigned char *p, size_t size)
{
	static const unsigned char zero[4];
	uint32_t want = (uint32_t)p[22] | (uint32_t)p[23] << 8 | (uint32_t)p[24] << 16 |
			(uint32_t)p[25] << 24;
	uint32_t crc = crc_run(t, crc_run(t, crc_run(t, 0, p, 22), zero, 4), p + 26, size - 26);
	return crc == want;
}

/* The first packet of the first page: "OpusHead", version 0.x, 1 or 2
 * channels (mapping family 0: what a voice recording is). */
static const char *opus_head(const unsigned char *b, size_t size)
{
	size_t off = PAGE_HEAD + b[26];
	if (size - off >= 8 && !memcmp(b + off + 1, "vorbis", 6))
		return "is Ogg Vorbis, not Opus: encode it with opusenc";
	if (size - off < 19 || memcmp(b + off, "OpusHead", 8))
		return "is an Ogg file without Opus sound in it: encode it with opusenc";
	if (b[off + 8] > 15 || b[off + 9] < 1 || b[off + 9] > 2 || b[off + 18] != 0)
		return "is an Opus recording with more than two channels or of a version this "
		       "kiosk cannot read: save it as mono (or stereo) Opus";
	return NULL;
}

int narr_walk_begin(narr_walk *w, const unsigned char *b, size_t n, const char **why)
{
	size_t size;
	memset(w, 0, sizeof *w);
	if (n < 4 || memcmp(b, "OggS", 4))
		return *why = n ? other_format(b, n) : "is empty", -1;
	if (!(size = page_size(b, n)))
		return *why = "is cut short (it stops inside its first Ogg page): copy it again", -1;
	if ((*why = opus_head(b, size)))
		return -1;
	crc_table(w->t);
	return 0;
}

int narr_walk_step(narr_walk *w, const unsigned char *b, size_t n, size_t budget, const char **why)
{
	size_t size, end = budget < n - w->at ? w->at + budget : n;
	while (w->at < end) {
		const unsigned char *p = b + w->at;
		if (!(size = page_size(p, n - w->at)))
			return *why = memcmp(p, "OggS", n - w->at < 4 ? n - w->at : 4)
				? "has bytes that are not Ogg pages inside it: export it again"
				: "is cut short (it stops inside an Ogg page): copy it again", -1;
		if (!crc_ok(w->t, p, size))
			return *why = "is damaged inside (an Ogg page fails its checksum): copy or "
				      "export it again", -1;
		w->flags = p[5];
		w->at += size;
	}
	if (w->at < n)
		return 1;
	if (!(w->flags & FLAG_EOS))
		return *why = "is cut short (its last Ogg page has no end-of-stream mark): copy it "
			      "again", -1;
	return 0;
}

int narr_head(const unsigned char *b, size_t n, const char **why)
{
	narr_walk w;
	if (narr_walk_begin(&w, b, n, why))
		return -1;
	return narr_walk_step(&w, b, n, SIZE_MAX, why) ? -1 : 0;
}

int narr_words(const char *s)
{
	int n = 0, in = 0;
	for (; s && *s; s++) {
		int sp = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

long narr_allowed_ms(int words)
{
	return NARR_SLACK_MS + (long)(words > 0 ? words : 0) * NARR_MS_PER_WORD;
}
