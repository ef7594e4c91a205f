/* SPDX-License-Identifier: MIT */
/*
 * The speech tests' helpers (wav.h): a request spoken into one buffer,
 * WAV files in and out, and the peak and voiced length of a buffer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "wav.h"

static int grow(wav_take *t, size_t *cap, const speech_chunk *c)
{
	if (t->n + c->n > *cap) {
		size_t nc = (*cap + c->n) * 2;
		int16_t *p = realloc(t->pcm, nc * sizeof *p);
		if (!p)
			return mk_err(MK_ENOMEM, "wav: out of memory");
		t->pcm = p;
		*cap = nc;
	}
	if (c->n)
		memcpy(t->pcm + t->n, c->pcm, c->n * sizeof *c->pcm);
	t->n += c->n;
	return 0;
}

int wav_speak(speech *sp, const char *text, const char *lang, int wpm, int volume, wav_take *out)
{
	memset(out, 0, sizeof *out);
	unsigned id;
	size_t cap = 0;
	uint64_t t0 = mk_mono_ns();
	int rc = speech_say(sp, text, lang, wpm, volume, &id);
	for (int last = 0; !rc && !last;) {
		speech_chunk c;
		if (speech_next(sp, &c)) {
			if (!speech_wait(sp, 10000) && !speech_busy(sp))
				rc = mk_err(MK_EIO, "wav: speech ended without its last chunk");
			continue;
		}
		if (c.id == id && !out->chunks++)
			out->first_chunk_ms = (double)(mk_mono_ns() - t0) / 1e6;
		if (c.n > out->biggest)
			out->biggest = c.n;
		last = c.id == id && c.last;
		rc = c.id == id ? grow(out, &cap, &c) : 0;
		speech_chunk_free(&c);
	}
	if (rc)
		wav_take_free(out);
	return rc;
}

void wav_take_free(wav_take *t)
{
	free(t->pcm);
	memset(t, 0, sizeof *t);
}

static void le(unsigned char *p, uint32_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t rd(const unsigned char *p, int bytes)
{
	uint32_t v = 0;
	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int wav_write(const char *path, const int16_t *pcm, size_t n, int rate)
{
	unsigned char h[44];
	uint32_t data = (uint32_t)(n * 2);
	memcpy(h, "RIFF", 4), le(h + 4, 36 + data, 4), memcpy(h + 8, "WAVEfmt ", 8);
	le(h + 16, 16, 4), le(h + 20, 1, 2), le(h + 22, 1, 2), le(h + 24, (uint32_t)rate, 4);
	le(h + 28, (uint32_t)rate * 2, 4), le(h + 32, 2, 2), le(h + 34, 16, 2);
	memcpy(h + 36, "data", 4), le(h + 40, data, 4);
	unsigned char *buf = malloc(sizeof h + data);
	if (!buf)
		return mk_err(MK_ENOMEM, "wav: out of memory");
	memcpy(buf, h, sizeof h);
	for (size_t i = 0; i < n; i++)
		le(buf + sizeof h + 2 * i, (uint16_t)pcm[i], 2);
	int rc = mk_write_atomic(path, buf, sizeof h + data);
	free(buf);
	return rc;
}

int wav_read(const char *path, int16_t **pcm, size_t *n, int *rate)
{
	char *buf;
	size_t len;
	*pcm = NULL;
	int rc = mk_read_file(path, &buf, &len);
	if (rc)
		return rc;
	const unsigned char *b = (const unsigned char *)buf;
	if (len < 44 || memcmp(b, "RIFF", 4) || memcmp(b + 8, "WAVEfmt ", 8) || rd(b + 20, 2) != 1 ||
	    rd(b + 22, 2) != 1 || rd(b + 34, 2) != 16 || memcmp(b + 36, "data", 4) || rd(b + 40, 4) > len - 44) {
		free(buf);
		return mk_err(MK_EINVAL, "%s: not a 16-bit mono PCM WAV", path);
	}
	*rate = (int)rd(b + 24, 4);
	*n = rd(b + 40, 4) / 2;
	*pcm = malloc(*n * sizeof **pcm + 1);
	for (size_t i = 0; *pcm && i < *n; i++)
		(*pcm)[i] = (int16_t)rd(b + 44 + 2 * i, 2);
	free(buf);
	return *pcm ? 0 : mk_err(MK_ENOMEM, "wav: out of memory");
}

double wav_peak_dbfs(const int16_t *pcm, size_t n)
{
	int peak = 0;
	for (size_t i = 0; i < n; i++)
		if (abs(pcm[i]) > peak)
			peak = abs(pcm[i]);
	return peak ? 20 * log10(peak / 32768.0) : -INFINITY;
}

double wav_voiced_ms(const int16_t *pcm, size_t n, int rate)
{
	const int floor = 328; /* -40 dBFS */
	size_t a = 0, b = n;
	while (a < n && abs(pcm[a]) < floor)
		a++;
	while (b > a && abs(pcm[b - 1]) < floor)
		b--;
	return 1000.0 * (double)(b - a) / rate;
}
