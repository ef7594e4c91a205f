/* SPDX-License-Identifier: MIT */
/*
 * Inside the sound module: the device, its voices and the speech stream,
 * shared by the mixer (sound.c) and the stream (stream.c). The stream's
 * fields, like the voices', are changed only under snd_lock.
 */
#ifndef MK_SOUND_INT_H
#define MK_SOUND_INT_H

#include "sound.h"
#include <SDL.h>

typedef struct {
	const int16_t *pcm; /* NULL: free */
	int16_t *own;       /* pcm when the voice owns it (snd_play_pcm), else NULL */
	size_t n, pos;
} voice;

/* The streaming voice: a ring of samples at the device's rate. The
 * resampler's place (pos, prev) carries over from one chunk to the next,
 * so 50 ms chunks join without a seam. */
typedef struct {
	int16_t *ring;
	size_t cap, head, len; /* len samples wait from ring[head] on */
	double pos;            /* next output's place in the source, from the chunk's first sample */
	int16_t prev;          /* the last source sample of the chunk before */
	int have_prev;
	uint64_t played;       /* taken by the device since open */
	int gain;              /* its volume in 1/32768 (snd_stream_volume) */
	int peak;              /* loudest sample taken after the gain, since the last reset */
} snd_stream_t;

struct snd {
	SDL_AudioDeviceID dev; /* 0: silent */
	int rate;
	int gain;              /* volume in 1/32768 */
	voice v[SND_VOICES];
	snd_stream_t st;
	int16_t *tone[SND_TONES];
	size_t tone_n[SND_TONES];
	unsigned played[SND_TONES];
};

void snd_lock(snd *s);
void snd_unlock(snd *s);
/* The ring, SND_STREAM_MS long at the device's rate. */
int snd_stream_init(snd_stream_t *st, int rate);
/* The stream's next sample for the mixer at its volume (0 when it is empty). */
int32_t snd_stream_take(snd_stream_t *st);

#endif
