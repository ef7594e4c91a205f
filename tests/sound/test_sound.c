/* SPDX-License-Identifier: MIT */
/*
 * sound tests: what a person in the waiting room would hear, checked on the
 * samples. The tones start and end at silence (no click), stay at a
 * moderate level, and the chime is two notes; two sounds at once are both
 * heard and never wrap around; kiosk.conf's volume scales them and 0 is
 * silent. Then the device: SDL's dummy driver opens and plays, and a
 * driver that does not exist gives a silent kiosk that still counts what
 * it would have played, and says why once in the log. Speech has a volume
 * of its own, and a device named in kiosk.conf that is not there is said
 * in the log while the default one plays.
 */
#include "../check.h"
#include "core.h"
#include "sound.h"
#include <SDL.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The loudest sample of pcm[from, to), as a fraction of full scale. */
static double peak(const int16_t *pcm, size_t from, size_t to)
{
	int m = 0;
	for (size_t i = from; i < to; i++)
		m = abs(pcm[i]) > m ? abs(pcm[i]) : m;
	return m / 32768.0;
}

static void test_tones(void)
{
	for (int t = 0; t < SND_TONES; t++) {
		int16_t *pcm;
		size_t n, ms = 48000 / 1000;
		CHECK(snd_tone_make((snd_tone)t, 48000, &pcm, &n) == 0);
		if (!pcm)
			continue;
		CHECK_MSG(n > 48000 / 4 && n < 48000 * 2, "%s: a short sound (%zu samples)",
			  snd_tone_name((snd_tone)t), n);
		/* Fades: silence at both ends, and the first and last ms far below the peak. */
		CHECK(pcm[0] == 0 && abs(pcm[n - 1]) < 64);
		CHECK_MSG(peak(pcm, 0, ms) < 0.05 && peak(pcm, n - ms, n) < 0.05,
			  "%s fades in and out (%.3f, %.3f)", snd_tone_name((snd_tone)t),
			  peak(pcm, 0, ms), peak(pcm, n - ms, n));
		/* No step between two samples anywhere: a click is a jump. */
		int jump = 0;
		for (size_t i = 1; i < n; i++)
			jump = abs(pcm[i] - pcm[i - 1]) > jump ? abs(pcm[i] - pcm[i - 1]) : jump;
		CHECK_MSG(jump < 32768 / 8, "no click (largest step %d)", jump);
		double p = peak(pcm, 0, n);
		CHECK_MSG(p > 0.2 && p < 0.5, "a moderate level (peak %.2f of full scale)", p);
		free(pcm);
	}
	/* The chime is two notes: loud near its start and again after 0.32 s. */
	int16_t *c;
	size_t n;
	CHECK(snd_tone_make(SND_CHIME, 48000, &c, &n) == 0);
	if (c) {
		double first = peak(c, 0, 48000 * 3 / 10), dip = peak(c, 48000 * 29 / 100, 48000 * 31 / 100),
		       second = peak(c, 48000 * 33 / 100, 48000 * 45 / 100);
		CHECK_MSG(second > dip * 1.3 && first > 0.2, "two notes (%.2f, dip %.2f, %.2f)", first,
			  dip, second);
		free(c);
	}
	CHECK(snd_tone_by_name("chime") == SND_CHIME && snd_tone_by_name("attention") == SND_ATTENTION);
	CHECK(snd_tone_by_name("bell") == -1);
}

/* A silent snd (sound = false): the mixer runs only when called. */
static void test_mixer(void)
{
	snd *s;
	static int16_t out[48000 * 2], loud[4800];
	snd_config cfg = { .on = 0, .volume = 100 };
	CHECK(snd_open(&s, &cfg) == 0 && s && !snd_audible(s));
	if (!s)
		return;
	snd_mix(s, out, 4800);
	CHECK(peak(out, 0, 4800) == 0); /* nothing playing: silence */
	snd_play(s, SND_CHIME);
	CHECK(snd_played(s, SND_CHIME) == 1 && snd_played(s, SND_ATTENTION) == 0);
	snd_mix(s, out, 48000 * 2);
	double alone = peak(out, 0, 48000 * 2);
	CHECK(alone > 0.2);
	/* A second source mixes in beside a tone: full-scale samples from
	 * snd_play_pcm and the chime together clip, never wrap. */
	for (size_t i = 0; i < sizeof loud / sizeof loud[0]; i++)
		loud[i] = 32767;
	snd_play(s, SND_CHIME);
	CHECK(snd_play_pcm(s, loud, sizeof loud / sizeof loud[0], 48000) == 0);
	snd_mix(s, out, 4800);
	int wrapped = 0;
	for (int i = 0; i < 4800; i++)
		wrapped += out[i] < 0;
	CHECK_MSG(wrapped == 0, "clipped, not wrapped (%d samples went negative)", wrapped);
	CHECK(snd_play_pcm(s, loud, 0, 48000) == MK_EINVAL);
	/* More sounds than voices: the newest is always heard. */
	for (int k = 0; k < SND_VOICES + 2; k++)
		snd_play(s, SND_ATTENTION);
	CHECK(snd_played(s, SND_ATTENTION) == SND_VOICES + 2);
	snd_close(s);

	/* The volume scales, and 0 is silent. */
	cfg.volume = 50;
	CHECK(snd_open(&s, &cfg) == 0);
	snd_play(s, SND_CHIME);
	snd_mix(s, out, 48000 * 2);
	double half = peak(out, 0, 48000 * 2);
	CHECK_MSG(fabs(half - alone / 2) < 0.01, "half the volume, half the level (%.3f, %.3f)", half,
		  alone);
	snd_close(s);
	cfg.volume = 0;
	CHECK(snd_open(&s, &cfg) == 0);
	snd_play(s, SND_CHIME);
	snd_mix(s, out, 48000);
	CHECK(peak(out, 0, 48000) == 0);
	snd_close(s);
	snd_play(NULL, SND_CHIME); /* no sound object: nothing happens */
}

/* A 440 Hz sine at 22050 Hz, n samples from sample `from` on. */
static void sine(int16_t *pcm, size_t n, size_t from)
{
	for (size_t i = 0; i < n; i++)
		pcm[i] = (int16_t)(12000 * sin(2 * M_PI * 440 * (double)(from + i) / 22050));
}

/* The speech stream: 50 ms chunks follow one another (not on top of each
 * other), the join between two is as smooth as the sine itself, a tone
 * plays beside it, a full stream refuses a chunk whole, and stopping
 * silences it at once. */
static void test_stream(void)
{
	snd *s;
	snd_config cfg = { .on = 0, .volume = 100 };
	static int16_t chunk[1102], out[48000];
	CHECK(snd_open(&s, &cfg) == 0);
	for (int c = 0; c < 10; c++) { /* half a second in 50 ms chunks */
		sine(chunk, 1102, (size_t)c * 1102);
		CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	}
	CHECK(snd_stream_busy(s));
	snd_mix(s, out, 48000);
	size_t last = 0;
	int jump = 0;
	for (size_t i = 0; i < 48000; i++) {
		if (out[i])
			last = i;
		if (i && i < 23900 && abs(out[i] - out[i - 1]) > jump)
			jump = abs(out[i] - out[i - 1]);
	}
	/* 11020 samples at 22050 Hz are 23989.1 at 48 kHz: one after the other. */
	CHECK_MSG(last > 23900 && last < 24000, "ten chunks play for half a second (%zu)", last);
	/* A 440 Hz sine at 12000 moves at most 691 a sample at 48 kHz. */
	CHECK_MSG(jump < 720, "no seam between chunks (largest step %d)", jump);
	CHECK(snd_stream_played(s) >= 23900 && !snd_stream_busy(s));
	/* Full: refused whole, the room says so beforehand. */
	while (snd_stream_room(s, 22050) >= 1102)
		CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	CHECK(snd_stream_push(s, chunk, 1102, 22050) == MK_ELIMIT);
	snd_play(s, SND_CHIME);
	snd_mix(s, out, 4800);
	CHECK(peak(out, 0, 4800) > 0.3); /* the sine (0.37) and the chime's start together */
	snd_stream_stop(s);
	CHECK(!snd_stream_busy(s));
	snd_close(s);
	cfg.volume = 100;
	CHECK(snd_open(&s, &cfg) == 0);
	CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	snd_stream_stop(s);
	snd_mix(s, out, 4800);
	CHECK(peak(out, 0, 4800) == 0);
	CHECK(snd_stream_push(s, chunk, 0, 22050) == MK_EINVAL);
	snd_close(s);
}

/* Speech has its own volume: the same sine is heard at half the level at
 * 50, at once on what is already queued, the tones keep theirs, and the
 * stream keeps the loudest sample the device took. */
static void test_stream_volume(void)
{
	snd *s;
	snd_config cfg = { .on = 0, .volume = 100 };
	static int16_t chunk[1102], out[4800];
	sine(chunk, 1102, 0);
	CHECK(snd_open(&s, &cfg) == 0);
	CHECK_MSG(snd_stream_get_volume(s) == 100, "speech at the sounds' volume until set (%d)",
		  snd_stream_get_volume(s));
	CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	snd_mix(s, out, 2000);
	double full = peak(out, 0, 2000);
	CHECK_MSG(fabs(snd_stream_peak(s) - full) < 0.001, "the peak kept is the one heard (%.3f, %.3f)",
		  snd_stream_peak(s), full);
	snd_stream_peak_reset(s);
	CHECK(snd_stream_peak(s) == 0);
	snd_stream_volume(s, 50); /* on what is queued already */
	snd_mix(s, out, 358);
	double half = peak(out, 0, 358);
	CHECK_MSG(fabs(half - full / 2) < 0.005, "half the volume, half the level (%.3f, %.3f)", half, full);
	CHECK(fabs(snd_stream_peak(s) - half) < 0.001 && snd_stream_get_volume(s) == 50);
	snd_stream_volume(s, 0);
	CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	snd_mix(s, out, 2000);
	CHECK(peak(out, 0, 2000) == 0); /* silent speech */
	snd_play(s, SND_CHIME);         /* the tones keep their own volume */
	snd_mix(s, out, 4800);
	CHECK(peak(out, 0, 4800) > 0.05);
	snd_stream_volume(s, 250);
	CHECK(snd_stream_get_volume(s) == 100);
	snd_close(s);
}

/* stderr into a file while fn runs; returns what was written (malloc'd). */
static char *log_of(void (*fn)(snd **s, const snd_config *cfg), snd **s, const snd_config *cfg)
{
	char path[] = "/tmp/mk-sound-log.XXXXXX", *text = calloc(1, 8192);
	int fd = mkstemp(path), saved = dup(2);
	fflush(stderr);
	dup2(fd, 2);
	fn(s, cfg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	if (text && lseek(fd, 0, SEEK_SET) == 0 && read(fd, text, 8191) < 0)
		text[0] = 0;
	close(fd);
	unlink(path);
	return text;
}

static void open_it(snd **s, const snd_config *cfg)
{
	CHECK(snd_open(s, cfg) == 0 && *s);
}

/* kiosk.conf's audio_device: a name SDL knows opens it quietly; one it
 * does not is said in the log, with what it asked for, and the default
 * device plays instead. */
static void test_named_device(void)
{
	snd *s = NULL;
	snd_config cfg = { .on = 1, .volume = 60, .device = "No Such Speaker" };
	SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
	char *log = log_of(open_it, &s, &cfg);
	CHECK_MSG(log && strstr(log, "event=sound-device-missing") &&
		  strstr(log, "No Such Speaker") && strstr(log, "then=default"),
		  "a missing device is said in the log: %s", log ? log : "");
	CHECK_MSG(snd_audible(s), "and the default device plays instead");
	free(log);
	snd_close(s);
	cfg.device = "System audio output device"; /* the dummy driver's one */
	log = log_of(open_it, &s, &cfg);
	CHECK_MSG(log && !strstr(log, "sound-device-missing") && snd_audible(s), "a known device opens: %s",
		  log ? log : "");
	free(log);
	snd_close(s);
}

/* The real device path: SDL's dummy driver plays; a driver that is not
 * there gives a silent, working snd. */
static void test_device(void)
{
	snd *s;
	snd_config cfg = { .on = 1, .volume = 60 };
	SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
	CHECK(snd_open(&s, &cfg) == 0 && s);
	CHECK_MSG(snd_audible(s), "the dummy driver opens a device");
	snd_play(s, SND_ATTENTION);
	CHECK(snd_played(s, SND_ATTENTION) == 1);
	static int16_t chunk[1102];
	sine(chunk, 1102, 0);
	CHECK(snd_stream_push(s, chunk, 1102, 22050) == 0);
	for (int i = 0; i < 500 && snd_stream_busy(s); i++)
		SDL_Delay(10); /* the dummy driver takes samples in real time */
	CHECK_MSG(snd_stream_played(s) > 2000, "the device took the speech (%llu samples)",
		  (unsigned long long)snd_stream_played(s));
	snd_close(s);
	SDL_setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
	CHECK(snd_open(&s, &cfg) == 0 && s);
	CHECK(!snd_audible(s));
	snd_play(s, SND_CHIME);
	CHECK(snd_played(s, SND_CHIME) == 1);
	snd_close(s);
}

int main(void)
{
	test_tones();
	test_mixer();
	test_stream();
	test_stream_volume();
	test_device();
	test_named_device();
	SDL_Quit();
	return check_done();
}
