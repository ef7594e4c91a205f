/* SPDX-License-Identifier: MIT */
/*
 * sound: what the kiosk plays. SDL2's audio device is opened once, at
 * start, and fed by a small mixer of SND_VOICES voices, each a buffer of
 * 16-bit mono samples at the device's rate, summed and clipped in the
 * device's own thread; playing only hands a buffer to a free voice, so it
 * never blocks a frame. The tones (a soft two-note chime, a gentle
 * attention tone) are synthesised here at open, with short fades so they
 * do not click, at a moderate level that kiosk.conf's sound_volume scales.
 *
 * A kiosk without an audio device (or with `sound = false`) says so once in
 * its log at open and carries on silently: every call below still works,
 * and snd_played still counts, so the driver can check what a patient
 * would have heard on any machine.
 *
 * Speech mixes in through the stream (snd_stream_*): one voice that its
 * chunks are appended to, resampled continuously across them, beside a
 * tone that is playing; snd_play_pcm plays one whole buffer on a voice.
 */
#ifndef MK_SOUND_H
#define MK_SOUND_H

#include <stddef.h>
#include <stdint.h>

#define SND_VOICES 4     /* sounds at once; a fifth takes the one nearest its end */
#define SND_RATE 48000   /* asked of the device; the tones follow what it gives */
#define SND_STREAM_MS 2000 /* speech queued ahead of the device at most */

typedef enum { SND_CHIME, SND_ATTENTION, SND_TONES } snd_tone;

typedef struct {
	int on;     /* 0: never open the device (kiosk.conf sound = false) */
	int volume; /* 0..100 (kiosk.conf sound_volume); the speech stream's too until snd_stream_volume */
	/* The output device by SDL's name for it (kiosk.conf audio_device);
	 * NULL: the system's default. One that is not there is said in the
	 * log (sound-device-missing, with the names there are) and the
	 * default is opened instead. */
	const char *device;
} snd_config;

typedef struct snd snd;

/* Opens the audio device and makes the tones. Only running out of memory
 * fails: no device (or sound off) logs one line and gives a silent snd. */
int snd_open(snd **out, const snd_config *cfg);
/* Stops the device; NULL is fine. */
void snd_close(snd *s);
/* Plays a tone from its start, mixed with what plays already; counted
 * even when silent. NULL is fine (nothing happens). */
void snd_play(snd *s, snd_tone t);
/* Plays n samples of 16-bit mono sound at `rate` (resampled to the
 * device's, copied: pcm may go at once), mixed with what plays. 0, or
 * MK_EINVAL / MK_ENOMEM. */
int snd_play_pcm(snd *s, const int16_t *pcm, size_t n, int rate);
/* The speech stream. Appends n samples at `rate` after what it holds
 * (resampled, copied); never waits: MK_ELIMIT, nothing taken, when they
 * do not fit (ask snd_stream_room first), MK_EINVAL for no samples. */
int snd_stream_push(snd *s, const int16_t *pcm, size_t n, int rate);
/* How many samples at `rate` fit in the stream now. */
size_t snd_stream_room(snd *s, int rate);
/* Empties the stream at once; the next push starts afresh. */
void snd_stream_stop(snd *s);
/* 1 while the stream holds samples the device has not taken. */
int snd_stream_busy(snd *s);
/* Stream samples the device has taken since open (0 on a silent snd). */
uint64_t snd_stream_played(snd *s);
/* The snd_stream_played count at which a sample pushed now will be heard
 * (what was played and what waits in the stream): Listen tells from it
 * which sentence is being heard. */
uint64_t snd_stream_end(snd *s);
/* The speech stream's own loudness, 0..100 (kiosk.conf speech_volume and
 * the touch-only mode's Quieter and Louder): it applies at once, to what
 * is queued too. */
void snd_stream_volume(snd *s, int volume);
int snd_stream_get_volume(const snd *s);
/* The loudest stream sample the device took (after its volume) since the
 * last reset, as a fraction of full scale: what a listener heard of speech. */
double snd_stream_peak(snd *s);
void snd_stream_peak_reset(snd *s);
/* How many times tone t was played since open (the driver's expect-sound). */
unsigned snd_played(const snd *s, snd_tone t);
/* 1 when a device is open (sound is heard), 0 when silent. */
int snd_audible(const snd *s);
/* Samples a second the device takes (SND_RATE on a silent snd). */
int snd_rate(const snd *s);
/* "chime", "attention"; and back (-1 for an unknown name). */
const char *snd_tone_name(snd_tone t);
int snd_tone_by_name(const char *name);

/* ---- The parts under it, for tests. */
/* Tone t as samples at rate (malloc'd, *n of them), before the volume. */
int snd_tone_make(snd_tone t, int rate, int16_t **pcm, size_t *n);
/* Mixes the next `frames` samples of every voice into out (what the
 * device's thread calls; tests call it on a silent snd). */
void snd_mix(snd *s, int16_t *out, int frames);

#endif
