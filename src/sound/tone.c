/* SPDX-License-Identifier: MIT */
/*
 * The kiosk's tones, made from sines rather than read from files: nothing
 * to ship, nothing for content to get wrong, and the level is known. Each
 * note is a sine with two faint overtones (a bell rather than a beep),
 * rising over 12 ms and falling to exactly zero over its last 40 ms: a
 * sound that starts or stops at a non-zero sample clicks. The whole tone
 * is then scaled to a peak of SND_PEAK of full scale (about -9 dBFS), a
 * moderate level in a quiet waiting room before kiosk.conf's volume.
 *
 * The chime (a member of staff was called) is two notes falling a major
 * third, E5 then C5, the second over the first's tail, like a door chime;
 * the attention tone (the idle question) two short soft G5s, calling the
 * eye back to the screen without alarm.
 */
#include "sound.h"
#include "core.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SND_PEAK 0.35f
#define ATTACK_S 0.012
#define RELEASE_S 0.040

typedef struct {
	double at, dur, freq;
} note;

static const note chime[] = { { 0.00, 0.70, 659.26 }, { 0.32, 0.90, 523.25 } };
static const note attention[] = { { 0.00, 0.22, 783.99 }, { 0.30, 0.22, 783.99 } };

/* The note's loudness at t seconds into it: a raised-cosine rise, a decay,
 * and a raised-cosine fall that reaches 0 at its end. */
static double envelope(double t, double dur)
{
	double e = exp(-t / (dur / 2.5));
	if (t < ATTACK_S)
		e *= 0.5 - 0.5 * cos(M_PI * t / ATTACK_S);
	if (t > dur - RELEASE_S)
		e *= 0.5 - 0.5 * cos(M_PI * (dur - t) / RELEASE_S);
	return t >= dur ? 0 : e;
}

static void add_note(float *buf, size_t n, int rate, const note *nt)
{
	size_t first = (size_t)(nt->at * rate), len = (size_t)(nt->dur * rate);
	for (size_t i = 0; i < len && first + i < n; i++) {
		double t = (double)i / rate, w = 2 * M_PI * nt->freq * t;
		double v = sin(w) + 0.25 * sin(2 * w) + 0.08 * sin(3 * w);
		buf[first + i] += (float)(v * envelope(t, nt->dur));
	}
}

int snd_tone_make(snd_tone t, int rate, int16_t **pcm, size_t *n)
{
	const note *notes = t == SND_CHIME ? chime : attention;
	size_t count = t == SND_CHIME ? sizeof chime / sizeof *chime : sizeof attention / sizeof *attention;
	size_t len = 0;
	float *buf, peak = 0;
	*pcm = NULL;
	*n = 0;
	if (t < 0 || t >= SND_TONES || rate < 8000 || rate > 192000)
		return mk_err(MK_EINVAL, "sound: no tone %d at %d Hz", (int)t, rate);
	for (size_t k = 0; k < count; k++) {
		size_t end = (size_t)((notes[k].at + notes[k].dur) * rate) + 1;
		len = end > len ? end : len;
	}
	if (!(buf = calloc(len, sizeof *buf)) || !(*pcm = malloc(len * sizeof **pcm))) {
		free(buf);
		return mk_err(MK_ENOMEM, "out of memory making a tone");
	}
	for (size_t k = 0; k < count; k++)
		add_note(buf, len, rate, &notes[k]);
	for (size_t i = 0; i < len; i++)
		peak = fabsf(buf[i]) > peak ? fabsf(buf[i]) : peak;
	for (size_t i = 0; i < len; i++)
		(*pcm)[i] = (int16_t)lrintf(buf[i] / peak * SND_PEAK * 32767.0f);
	free(buf);
	*n = len;
	return 0;
}

const char *snd_tone_name(snd_tone t)
{
	return t == SND_CHIME ? "chime" : t == SND_ATTENTION ? "attention" : "?";
}

int snd_tone_by_name(const char *name)
{
	for (int t = 0; t < SND_TONES; t++)
		if (name && !strcmp(name, snd_tone_name((snd_tone)t)))
			return t;
	return -1;
}
