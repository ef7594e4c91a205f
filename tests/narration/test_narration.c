/* SPDX-License-Identifier: MIT */
/*
 * Recorded narration as staff and patients would meet it: a recording
 * made by opus_tone opens and decodes to exactly its length, loud enough
 * to hear, mono or stereo; and each way a file can be wrong (missing,
 * empty, cut short, garbage, another format, too large, a link, damaged
 * inside, far longer than its words) is refused with a message that says
 * what to do, never a crash.
 */
#include "check.h"
#include "core.h"
#include "narration.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/mk-narr-XXXXXX";

static char *path(const char *name)
{
	static char buf[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
	return buf[k];
}

static void tone(const char *name, int ms, int channels)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s %s %d 440 %d", MK_OPUS_TONE, path(name), ms, channels);
	CHECK_MSG(system(cmd) == 0, "%s", cmd);
}

static void write_bytes(const char *name, const void *b, size_t n)
{
	FILE *f = fopen(path(name), "wb");
	CHECK(f && fwrite(b, 1, n, f) == n);
	if (f)
		fclose(f);
}

/* Opens and decodes name; its length in samples (peak into *peak). */
static uint64_t decode_all(const char *name, int *peak)
{
	int16_t pcm[NARR_PACKET_MAX];
	uint64_t total = 0;
	long n;
	narr *d;
	*peak = 0;
	if (narr_open(&d, path(name), 0) != 0)
		return 0;
	while ((n = narr_read(d, pcm, NARR_PACKET_MAX)) > 0) {
		for (long i = 0; i < n; i++)
			*peak = abs(pcm[i]) > *peak ? abs(pcm[i]) : *peak;
		total += (uint64_t)n;
	}
	CHECK(n == 0);
	CHECK(total == narr_length(d));
	narr_close(d);
	return total;
}

static void test_good(void)
{
	int peak;
	long ms;
	tone("two.opus", 2000, 1);
	tone("stereo.opus", 1000, 2);
	CHECK(decode_all("two.opus", &peak) == 2 * NARR_RATE);
	CHECK_MSG(peak > 4000, "peak %d", peak);
	CHECK(decode_all("stereo.opus", &peak) == NARR_RATE);
	CHECK_MSG(peak > 4000, "peak %d", peak);
	CHECK(narr_check(path("two.opus"), 3, &ms) == 0 && ms == 2000);
}

/* A large file checked a slice at a time, as a kiosk frame does: not
 * readable before it is whole, then the same as narr_open. */
static void test_steps(void)
{
	int16_t pcm[NARR_PACKET_MAX];
	narr *d;
	int steps = 0, rc;
	tone("thirty.opus", 30000, 1);
	CHECK(narr_start(&d, path("thirty.opus"), 40) == 0);
	CHECK(narr_read(d, pcm, NARR_PACKET_MAX) == MK_EINVAL);
	while ((rc = narr_verify(d, 16384)) == 1)
		steps++;
	CHECK_MSG(rc == 0 && steps > 4, "rc %d after %d steps", rc, steps);
	CHECK(narr_length(d) == 30u * NARR_RATE && narr_read(d, pcm, NARR_PACKET_MAX) > 0);
	narr_close(d);
	/* Far too long for 5 words: known only once checked whole. */
	CHECK(narr_start(&d, path("thirty.opus"), 5) == 0);
	while ((rc = narr_verify(d, 16384)) == 1)
		;
	CHECK(rc == MK_EINVAL && strstr(mk_err_msg(), "far longer"));
	narr_close(d);
}

/* rc and the message narr_check gives for name. */
static void refused(const char *name, int words, int code, const char *msg)
{
	long ms;
	int rc = narr_check(path(name), words, &ms);
	CHECK_MSG(rc == code, "%s: %d (%s), not %d", name, rc, mk_err_msg(), code);
	CHECK_MSG(strstr(mk_err_msg(), msg), "%s: '%s' lacks '%s'", name, mk_err_msg(), msg);
}

static void test_bad(void)
{
	char *good = NULL, junk[4096];
	size_t len = 0;
	static const char wav[] = "RIFF\x24\0\0\0WAVEfmt ";
	tone("long.opus", 30000, 1);
	refused("long.opus", 5, MK_EINVAL, "is 30.0 s long, far longer than its 5 words");
	refused("none.opus", 5, MK_ENOTFOUND, "was not found");
	write_bytes("empty.opus", "", 0);
	refused("empty.opus", 5, MK_EINVAL, "is empty");
	CHECK(mk_read_file(path("two.opus"), &good, &len) == 0 && len > 600);
	write_bytes("cut.opus", good, len - 100);
	refused("cut.opus", 5, MK_EINVAL, "is cut short");
	write_bytes("head.opus", good, 60);
	refused("head.opus", 5, MK_EINVAL, "is cut short");
	memcpy(junk, good, len < sizeof junk ? len : sizeof junk);
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7919 % 251);
	write_bytes("junk.opus", junk, sizeof junk);
	refused("junk.opus", 5, MK_EINVAL, "is not an Opus recording");
	write_bytes("speech.opus", wav, sizeof wav - 1);
	refused("speech.opus", 5, MK_EINVAL, "is a WAV file");
	/* Damaged inside: the middle of a page's sound changed, its CRC no longer holds. */
	for (size_t i = len / 2; i < len / 2 + 64; i++)
		good[i] ^= 0x5a;
	write_bytes("damaged.opus", good, len);
	refused("damaged.opus", 5, MK_EINVAL, "damaged");
	free(good);
	CHECK(truncate(path("junk.opus"), NARR_MAX_BYTES + 1) == 0);
	refused("junk.opus", 5, MK_EINVAL, "is too large");
	CHECK(symlink(path("two.opus"), path("link.opus")) == 0);
	refused("link.opus", 5, MK_EINVAL, "is a link");
}

/* Sets the Ogg checksum of a page made by hand (bytes 22..25). */
static void seal(unsigned char *p, size_t n)
{
	uint32_t crc = 0;
	memset(p + 22, 0, 4);
	for (size_t i = 0; i < n; i++) {
		crc ^= (uint32_t)p[i] << 24;
		for (int k = 0; k < 8; k++)
			crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
	}
	for (int k = 0; k < 4; k++)
		p[22 + k] = (unsigned char)(crc >> 8 * k);
}

/* The byte check alone, on pages made by hand. */
static void test_head(void)
{
	unsigned char page[64] = "OggS";
	const char *why = NULL;
	page[5] = 0x02 | 0x04; /* first and last page */
	page[26] = 1;          /* one segment */
	page[27] = 30;
	memcpy(page + 28, "\x01vorbis", 7);
	CHECK(narr_head(page, 58, &why) != 0 && why && strstr(why, "Ogg Vorbis, not Opus"));
	memcpy(page + 28, "OpusHead\x01\x01", 10);
	page[28 + 18] = 0;
	seal(page, 58);
	CHECK(narr_head(page, 58, &why) == 0);
	page[40] ^= 1;
	CHECK(narr_head(page, 58, &why) != 0 && strstr(why, "fails its checksum"));
	page[40] ^= 1;
	page[28 + 9] = 6; /* six channels */
	CHECK(narr_head(page, 58, &why) != 0 && strstr(why, "more than two channels"));
	page[28 + 9] = 1;
	CHECK(narr_head(page, 57, &why) != 0 && strstr(why, "cut short"));
	page[5] = 0x02; /* no end-of-stream mark */
	seal(page, 58);
	CHECK(narr_head(page, 58, &why) != 0 && strstr(why, "no end-of-stream"));
	CHECK(narr_words(" one  two\tthree\n") == 3 && narr_words("") == 0);
	CHECK(narr_allowed_ms(5) == NARR_SLACK_MS + 5 * NARR_MS_PER_WORD);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	test_head();
	test_good();
	test_steps();
	test_bad();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	return check_done();
}
