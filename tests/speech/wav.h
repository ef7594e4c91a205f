/* SPDX-License-Identifier: MIT */
/*
 * What the speech tests and the speech_wav tool share: speaking a text to
 * the end into one buffer (timing the first chunk), a WAV file written and
 * read back (16-bit mono PCM, the plainest RIFF), and the two measures a
 * listener would notice first: how loud, and how long.
 */
#ifndef MK_TEST_SPEECH_WAV_H
#define MK_TEST_SPEECH_WAV_H

#include <stddef.h>
#include <stdint.h>

#include "speech.h"

typedef struct {
	int16_t *pcm;          /* malloc'd */
	size_t n;
	unsigned chunks;       /* chunks it came in */
	size_t biggest;        /* samples in the largest chunk */
	double first_chunk_ms; /* from speech_say to the first chunk taken */
} wav_take;

/* Says text and collects every chunk until the last; 0 or MK_E*. */
int wav_speak(speech *sp, const char *text, const char *lang, int wpm, int volume, wav_take *out);
void wav_take_free(wav_take *t);

int wav_write(const char *path, const int16_t *pcm, size_t n, int rate);
/* Reads a file wav_write wrote; *pcm malloc'd. */
int wav_read(const char *path, int16_t **pcm, size_t *n, int *rate);

/* Peak level in dBFS (-inf for silence, 0 for full scale). */
double wav_peak_dbfs(const int16_t *pcm, size_t n);
/* Milliseconds from the first to the last sample above -40 dBFS (speech
 * without the silence espeak-ng leaves around it). */
double wav_voiced_ms(const int16_t *pcm, size_t n, int rate);

#endif
