/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `narration`: the input is a recording file, as staff could
 * put in a content folder, taken through what the kiosk and --check do
 * with one: narr_head on the bytes, then narr_check (read from a file,
 * checked, opened by libopusfile and decoded to its end) for a text of 20
 * words. Each input goes twice: as it is, and with every whole Ogg page's
 * checksum set right, so mutations get past narr_head's checksums and
 * into libopusfile, as a file made wrong by a buggy encoder would.
 *
 * Besides crashes: checking in steps (narr_start, narr_verify: what the
 * kiosk's frames do) and at once give the same answer; what narr_check
 * accepts passes narr_head on the same
 * bytes, fits the size limit and the length allowed for its words, and
 * decodes to exactly the length it announced (what Listen counts on to
 * know a recording was heard whole).
 */
#include "fuzz.h"
#include "narration.h"

#define WORDS 20

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	mk_log_set_level(MK_LOG_ERROR);
	return 0;
}

static uint64_t decoded(const char *path)
{
	int16_t pcm[NARR_PACKET_MAX];
	uint64_t total = 0;
	long n;
	narr *d;
	FUZZ_CHECK(narr_open(&d, path, WORDS) == 0, "accepted, then refused: %s", mk_err_msg());
	while ((n = narr_read(d, pcm, NARR_PACKET_MAX)) > 0)
		total += (uint64_t)n;
	FUZZ_CHECK(n == 0, "checked whole, then damaged: %s", mk_err_msg());
	FUZZ_CHECK(total == narr_length(d), "%llu samples decoded, %llu announced",
		   (unsigned long long)total, (unsigned long long)narr_length(d));
	narr_close(d);
	return total;
}

/* Sets the checksum of each whole page at the start of b (Ogg's CRC-32). */
static void seal_pages(uint8_t *b, size_t n)
{
	size_t at = 0;
	while (n - at >= 27 && !memcmp(b + at, "OggS", 4) && n - at >= 27u + b[at + 26]) {
		size_t size = 27u + b[at + 26];
		uint32_t crc = 0;
		for (int i = 0; i < b[at + 26]; i++)
			size += b[at + 27 + i];
		if (size > n - at)
			return;
		memset(b + at + 22, 0, 4);
		for (size_t i = 0; i < size; i++) {
			crc ^= (uint32_t)b[at + i] << 24;
			for (int k = 0; k < 8; k++)
				crc = crc & 0x80000000u ? crc << 1 ^ 0x04c11db7u : crc << 1;
		}
		for (int k = 0; k < 4; k++)
			b[at + 22 + k] = (uint8_t)(crc >> 8 * k);
		at += size;
	}
}

/* narr_start, then narr_verify a few bytes at a time, as the kiosk's
 * frames do: 0 when that accepts the file. */
static int stepwise(const char *path)
{
	narr *d;
	int rc = narr_start(&d, path, WORDS);
	if (rc)
		return rc;
	while ((rc = narr_verify(d, 700)) == 1)
		;
	narr_close(d);
	return rc;
}

static void one(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	char msg[256];
	long ms = 0;
	int head = narr_head(data, size, &why);
	char *path = fuzz_path("input.opus");
	FUZZ_CHECK(head == 0 || (why && *why), "refused without a reason");
	fuzz_write(path, data, size);
	int rc = narr_check(path, WORDS, &ms);
	if (getenv("MK_FUZZ_VERBOSE"))
		fprintf(stderr, "head: %s, check: %s (%ld ms)\n", head ? why : "ok", rc ? mk_err_msg() : "ok", ms);
	snprintf(msg, sizeof msg, "%s", rc ? mk_err_msg() : "");
	int st = stepwise(path);
	FUZZ_CHECK(rc != 0 || st == 0, "accepted at once, refused in steps: %s", mk_err_msg());
	FUZZ_CHECK(st != 0 || rc == 0 || strstr(msg, "damaged inside (libopusfile"),
		   "accepted in steps, refused at once: %s", msg);
	if (rc == 0) {
		FUZZ_CHECK(head == 0, "accepted, but the bytes say: %s", why);
		FUZZ_CHECK(size <= NARR_MAX_BYTES, "%zu bytes", size);
		FUZZ_CHECK(ms <= narr_allowed_ms(WORDS), "%ld ms for %d words", ms, WORDS);
		FUZZ_CHECK(decoded(path) * 1000 / NARR_RATE == (uint64_t)ms, "length");
	}
	free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	one(data, size);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	seal_pages(copy, size);
	if (memcmp(copy, data, size))
		one(copy, size);
	free(copy);
	return 0;
}
