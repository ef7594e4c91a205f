/* SPDX-License-Identifier: MIT */
/*
 * The audio device and its mixer. SDL calls mix_cb on its own thread for
 * each buffer the device wants; it sums what every voice has left into it
 * and moves the voices on. Everything the main thread changes (a voice
 * given a new sound) happens under SDL_LockAudioDevice, which SDL also
 * holds around the callback, and nothing is allocated or freed inside
 * it: a voice's buffer that a new sound replaces is freed after the lock
 * is let go. The device is opened once and runs until close (2048-sample
 * buffers: a wake-up every 43 ms at 48 kHz, soon enough for a chime).
 */
#include "sound_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>

void snd_mix(snd *s, int16_t *out, int frames)
{
	for (int i = 0; i < frames; i++) {
		int32_t sum = 0;
		for (int k = 0; k < SND_VOICES; k++) {
			voice *v = &s->v[k];
			if (v->pcm && v->pos < v->n)
				sum += v->pcm[v->pos++];
		}
		sum = (int32_t)(((int64_t)sum * s->gain) >> 15);
		sum += snd_stream_take(&s->st); /* at the speech's own volume */
		out[i] = (int16_t)(sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum);
	}
}

static void mix_cb(void *ud, Uint8 *stream, int len)
{
	snd_mix(ud, (int16_t *)(void *)stream, len / (int)sizeof(int16_t));
}

void snd_lock(snd *s)
{
	if (s->dev)
		SDL_LockAudioDevice(s->dev);
}

void snd_unlock(snd *s)
{
	if (s->dev)
		SDL_UnlockAudioDevice(s->dev);
}

/* Gives pcm to a free voice, or to the one nearest its end; returns the
 * buffer the voice owned before, for the caller to free after unlocking. */
static int16_t *take_voice(snd *s, const int16_t *pcm, int16_t *own, size_t n)
{
	int best = 0;
	int16_t *old;
	snd_lock(s);
	for (int k = 0; k < SND_VOICES; k++) {
		voice *v = &s->v[k];
		size_t left = v->pcm ? v->n - v->pos : 0, best_left = s->v[best].pcm
			? s->v[best].n - s->v[best].pos : 0;
		if (left < best_left || (left == best_left && !v->pcm))
			best = k;
	}
	old = s->v[best].own;
	s->v[best] = (voice){ pcm, own, n, 0 };
	snd_unlock(s);
	return old;
}

void snd_play(snd *s, snd_tone t)
{
	if (!s || t < 0 || t >= SND_TONES || !s->tone[t])
		return;
	s->played[t]++;
	free(take_voice(s, s->tone[t], NULL, s->tone_n[t]));
}

int snd_play_pcm(snd *s, const int16_t *pcm, size_t n, int rate)
{
	int16_t *own;
	size_t m;
	if (!s || !pcm || !n || rate < 8000 || rate > 192000)
		return mk_err(MK_EINVAL, "sound: no samples to play");
	m = (size_t)((double)n * s->rate / rate);
	if (!m || !(own = malloc(m * sizeof *own)))
		return mk_err(MK_ENOMEM, "out of memory playing a sound");
	for (size_t i = 0; i < m; i++) { /* linear interpolation to the device's rate */
		double at = (double)i * rate / s->rate;
		size_t j = (size_t)at;
		double f = at - (double)j;
		int a = pcm[j < n ? j : n - 1], b = pcm[j + 1 < n ? j + 1 : n - 1];
		own[i] = (int16_t)(a + (b - a) * f);
	}
	free(take_voice(s, own, own, m));
	return 0;
}

unsigned snd_played(const snd *s, snd_tone t)
{
	return s && t >= 0 && t < SND_TONES ? s->played[t] : 0;
}

int snd_audible(const snd *s)
{
	return s && s->dev != 0;
}

int snd_rate(const snd *s)
{
	return s ? s->rate : SND_RATE;
}

/* The names of the output devices SDL sees, for the log ("" when it
 * lists none: some drivers only have their default). */
static void device_names(char *out, size_t n)
{
	size_t used = 0;
	out[0] = 0;
	for (int i = 0, k = SDL_GetNumAudioDevices(0); i < k && used + 1 < n; i++) {
		const char *name = SDL_GetAudioDeviceName(i, 0);
		int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", name ? name : "?");
		used += w > 0 ? (size_t)w : 0;
	}
}

/* The device kiosk.conf names, else the default. A name that is not
 * there falls back to the default rather than to silence: the names
 * change when a USB speaker moves to another port, and a kiosk that has
 * gone mute fails the people who cannot read its screen without anyone
 * seeing it; the log line says what was asked for and what there is. */
static SDL_AudioDeviceID open_named(const char *device, const SDL_AudioSpec *want, SDL_AudioSpec *have)
{
	SDL_AudioDeviceID dev;
	char q[256], q2[512], q3[512], names[400];
	if (!device)
		return SDL_OpenAudioDevice(NULL, 0, want, have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
	if ((dev = SDL_OpenAudioDevice(device, 0, want, have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE)))
		return dev;
	device_names(names, sizeof names);
	mk_log(MK_LOG_WARN, "sound-device-missing", "device=%s why=%s found=%s then=default",
	       mk_log_quote(q, sizeof q, device), mk_log_quote(q2, sizeof q2, SDL_GetError()),
	       mk_log_quote(q3, sizeof q3, names));
	return SDL_OpenAudioDevice(NULL, 0, want, have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
}

/* The device, or a line in the log saying why there is none. */
static void open_device(snd *s, const char *device)
{
	SDL_AudioSpec want, have;
	char q[256];
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		mk_log(MK_LOG_WARN, "sound-off", "why=%s", mk_log_quote(q, sizeof q, SDL_GetError()));
		return;
	}
	memset(&want, 0, sizeof want);
	want.freq = SND_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 2048;
	want.callback = mix_cb;
	want.userdata = s;
	s->dev = open_named(device, &want, &have);
	if (!s->dev) {
		mk_log(MK_LOG_WARN, "sound-off", "why=%s", mk_log_quote(q, sizeof q, SDL_GetError()));
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return;
	}
	s->rate = have.freq;
	mk_log(MK_LOG_INFO, "sound-on", "driver=%s rate=%d", SDL_GetCurrentAudioDriver(), s->rate);
}

int snd_open(snd **out, const snd_config *cfg)
{
	snd *s = calloc(1, sizeof *s);
	int rc = 0;
	*out = NULL;
	if (!s)
		return mk_err(MK_ENOMEM, "out of memory opening sound");
	s->rate = SND_RATE;
	s->gain = (cfg->volume < 0 ? 0 : cfg->volume > 100 ? 100 : cfg->volume) * 32768 / 100;
	s->st.gain = s->gain; /* speech at the sounds' volume until told otherwise */
	if (cfg->on)
		open_device(s, cfg->device);
	else
		mk_log(MK_LOG_INFO, "sound-off", "why=\"sound = false in kiosk.conf\"");
	rc = snd_stream_init(&s->st, s->rate);
	for (int t = 0; t < SND_TONES && !rc; t++)
		rc = snd_tone_make((snd_tone)t, s->rate, &s->tone[t], &s->tone_n[t]);
	if (rc) {
		snd_close(s);
		return rc;
	}
	if (s->dev)
		SDL_PauseAudioDevice(s->dev, 0);
	*out = s;
	return 0;
}

void snd_close(snd *s)
{
	if (!s)
		return;
	if (s->dev) {
		SDL_CloseAudioDevice(s->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	for (int k = 0; k < SND_VOICES; k++)
		free(s->v[k].own);
	free(s->st.ring);
	for (int t = 0; t < SND_TONES; t++)
		free(s->tone[t]);
	free(s);
}
