/* SPDX-License-Identifier: MIT */
/*
 * Listen's recorded narration: one recording played into the sound's
 * speech stream, where synthesised sentences go too, so a page read part
 * from recordings and part by the voice comes out as one stream in order.
 *
 * Decoding is spread over frames: each frame takes at most NARRATE_STEP
 * of sound, a packet (20 ms) at a time and only as far as the stream has
 * room. Decoding costs about 8 ms a second of sound on the 2-core
 * development machine, so a frame spends under a millisecond on it,
 * and at 60 frames a second the stream still fills six times faster
 * than the device empties it.
 * Opening reads and checks the whole file (narration/: at most 4 MiB,
 * its bytes, its length against its words); a file that fails is said in
 * one log line and Listen reads the text with the voice instead, never
 * silence. The file's name is logged, never the text.
 */
#include "screens.h"
#include "narration.h"
#include <stdlib.h>

#define NARRATE_STEP (NARR_RATE / 10) /* 100 ms of sound a frame at most */

struct narrate {
	narr *d;
	const char *path;
	uint64_t pushed;
};

static void fallback(const char *path, const char *why)
{
	char q[256], f[512];
	mk_log(MK_LOG_WARN, "narration-fallback", "file=%s why=%s", mk_log_quote(f, sizeof f, path),
	       mk_log_quote(q, sizeof q, why));
}

narrate *narrate_open(const char *path, int words)
{
	narrate *n = calloc(1, sizeof *n);
	uint64_t t0 = mk_mono_ns();
	char f[512];
	if (!n) {
		fallback(path, "out of memory");
		return NULL;
	}
	if (narr_open(&n->d, path, words) != 0) {
		fallback(path, mk_err_msg());
		free(n);
		return NULL;
	}
	n->path = path;
	mk_log(MK_LOG_INFO, "narration", "file=%s samples=%llu open_ms=%.2f",
	       mk_log_quote(f, sizeof f, path), (unsigned long long)narr_length(n->d),
	       (double)(mk_mono_ns() - t0) / 1e6);
	return n;
}

int narrate_step(narrate *n, snd *s)
{
	int16_t pcm[NARR_PACKET_MAX];
	long got, step = 0;
	while (step < NARRATE_STEP && snd_stream_room(s, NARR_RATE) >= NARR_PACKET_MAX) {
		if ((got = narr_read(n->d, pcm, NARR_PACKET_MAX)) < 0) {
			fallback(n->path, mk_err_msg());
			return -1;
		}
		if (got == 0)
			return 0;
		if (snd_stream_push(s, pcm, (size_t)got, NARR_RATE) != 0) {
			fallback(n->path, mk_err_msg());
			return -1;
		}
		n->pushed += (uint64_t)got;
		step += got;
	}
	return 1;
}

uint64_t narrate_pushed(const narrate *n)
{
	return n ? n->pushed : 0;
}

void narrate_close(narrate *n)
{
	if (!n)
		return;
	narr_close(n->d);
	free(n);
}
