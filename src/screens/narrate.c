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
 * Opening reads the whole file (narration/: at most 4 MiB) and checks
 * it a slice at a time (NARRATE_CHECK a frame, the first in the tap's
 * frame: a recording of a few minutes is checked at once), then its
 * length against its words. A file that fails, at open or later, is said
 * in one log line and Listen reads its text with the voice instead,
 * never silence. The file's name is logged, never the text.
 */
#include "screens.h"
#include "narration.h"
#include <stdlib.h>

#define NARRATE_STEP (NARR_RATE / 10) /* 100 ms of sound a frame at most */

#define NARRATE_CHECK (512u << 10) /* bytes of it checked a frame: about 1.3 ms */

struct narrate {
	narr *d;
	const char *path;
	int ready;         /* checked whole (narr_verify gave 0) */
	uint64_t pushed;
	uint64_t check_ns; /* time spent reading and checking it, over its frames */
};

static void fallback(const char *path, const char *why)
{
	char q[256], f[512];
	mk_log(MK_LOG_WARN, "narration-fallback", "file=%s why=%s", mk_log_quote(f, sizeof f, path),
	       mk_log_quote(q, sizeof q, why));
}

/* Checks the next slice: 1 while there is more, 0 ready, -1 refused (logged). */
static int check(narrate *n)
{
	uint64_t t0 = mk_mono_ns();
	char f[512];
	int rc = narr_verify(n->d, NARRATE_CHECK);
	n->check_ns += mk_mono_ns() - t0;
	if (rc < 0) {
		fallback(n->path, mk_err_msg());
		return -1;
	}
	if (rc == 0) {
		n->ready = 1;
		mk_log(MK_LOG_INFO, "narration", "file=%s samples=%llu check_ms=%.2f",
		       mk_log_quote(f, sizeof f, n->path), (unsigned long long)narr_length(n->d),
		       (double)n->check_ns / 1e6);
	}
	return rc;
}

narrate *narrate_open(const char *path, int words)
{
	narrate *n = calloc(1, sizeof *n);
	uint64_t t0 = mk_mono_ns();
	if (!n) {
		fallback(path, "out of memory");
		return NULL;
	}
	n->path = path;
	if (narr_start(&n->d, path, words) != 0) {
		fallback(path, mk_err_msg());
		free(n);
		return NULL;
	}
	n->check_ns = mk_mono_ns() - t0;
	if (check(n) < 0) { /* a small file is checked whole now, in the tap's frame */
		narrate_close(n);
		return NULL;
	}
	return n;
}

int narrate_step(narrate *n, snd *s)
{
	int16_t pcm[NARR_PACKET_MAX];
	long got, step = 0;
	if (!n->ready)
		return check(n) < 0 ? -1 : 1;
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
