/* SPDX-License-Identifier: MIT */
/*
 * The speech stream: one voice of the mixer that keeps playing while its
 * source appends. Speech arrives in chunks of 50 ms at 22050 Hz; giving
 * each to a voice of its own (snd_play_pcm) would play them on top of one
 * another. Here they are resampled to the device's rate as they come, by
 * linear interpolation whose place carries over the chunk boundary, and
 * appended to a ring the device's thread drains sample by sample.
 *
 * Appending never waits: a chunk that does not fit is refused whole, and
 * the caller (a frame) asks snd_stream_room first and keeps the rest of
 * its speech for a later frame. Stopping empties the ring under the lock,
 * so nothing of it is heard after snd_stream_stop returns (but what the
 * device already holds in its own buffer, at most one buffer: 43 ms).
 *
 * The stream has a volume of its own (kiosk.conf speech_volume, and the
 * touch-only mode's Quieter and Louder), applied as the device takes each
 * sample, so a change is heard at once, on what is queued too; the
 * loudest sample taken is kept, which is what the tests measure.
 */
#include "sound_int.h"
#include "core.h"
#include <math.h>
#include <stdlib.h>

int snd_stream_init(snd_stream_t *st, int rate)
{
	st->cap = (size_t)rate * SND_STREAM_MS / 1000;
	st->ring = calloc(st->cap, sizeof *st->ring);
	return st->ring ? 0 : mk_err(MK_ENOMEM, "out of memory opening sound");
}

int32_t snd_stream_take(snd_stream_t *st)
{
	int32_t v;
	if (!st->len)
		return 0;
	v = (int32_t)(((int64_t)st->ring[st->head] * st->gain) >> 15);
	st->head = (st->head + 1) % st->cap;
	st->len--;
	st->played++;
	if (abs(v) > st->peak)
		st->peak = abs(v);
	return v;
}

void snd_stream_volume(snd *s, int volume)
{
	if (!s)
		return;
	snd_lock(s);
	s->st.gain = (volume < 0 ? 0 : volume > 100 ? 100 : volume) * 32768 / 100;
	snd_unlock(s);
}

int snd_stream_get_volume(const snd *s)
{
	return s ? (s->st.gain * 100 + 16384) / 32768 : 0;
}

double snd_stream_peak(snd *s)
{
	int p;
	if (!s)
		return 0;
	snd_lock(s);
	p = s->st.peak;
	snd_unlock(s);
	return p / 32768.0;
}

void snd_stream_peak_reset(snd *s)
{
	if (!s)
		return;
	snd_lock(s);
	s->st.peak = 0;
	snd_unlock(s);
}

/* Source samples that fit in the ring now, at `rate`. */
size_t snd_stream_room(snd *s, int rate)
{
	size_t free_n;
	if (!s || rate <= 0)
		return 0;
	snd_lock(s);
	free_n = s->st.cap - s->st.len;
	snd_unlock(s);
	/* One output more than the exact ratio, for the carried fraction. */
	return free_n < 2 ? 0 : (size_t)((double)(free_n - 2) * rate / s->rate);
}

/* Samples this chunk makes at the device's rate from place pos. */
static size_t out_count(const snd_stream_t *st, size_t n, double step)
{
	double end = (double)(n - 1);
	return st->pos > end ? 0 : (size_t)floor((end - st->pos) / step) + 1;
}

int snd_stream_push(snd *s, const int16_t *pcm, size_t n, int rate)
{
	snd_stream_t *st;
	double step;
	size_t m;
	if (!s || !pcm || !n || rate < 8000 || rate > 192000)
		return mk_err(MK_EINVAL, "sound: no samples to stream");
	st = &s->st;
	step = (double)rate / s->rate;
	snd_lock(s);
	m = out_count(st, n, step);
	if (m > st->cap - st->len) {
		snd_unlock(s);
		return mk_err(MK_ELIMIT, "sound: the speech stream is full");
	}
	for (size_t k = 0; k < m; k++, st->pos += step) {
		long j = (long)floor(st->pos);
		double f = st->pos - (double)j;
		int a = j < 0 ? (st->have_prev ? st->prev : pcm[0]) : pcm[j];
		int b = (size_t)(j + 1) < n ? pcm[j + 1] : pcm[n - 1];
		st->ring[(st->head + st->len++) % st->cap] = (int16_t)lround(a + (b - a) * f);
	}
	st->pos -= (double)n;
	st->prev = pcm[n - 1];
	st->have_prev = 1;
	snd_unlock(s);
	return 0;
}

void snd_stream_stop(snd *s)
{
	if (!s)
		return;
	snd_lock(s);
	s->st.len = 0;
	s->st.pos = 0;
	s->st.have_prev = 0;
	snd_unlock(s);
}

int snd_stream_busy(snd *s)
{
	size_t len;
	if (!s)
		return 0;
	snd_lock(s);
	len = s->st.len;
	snd_unlock(s);
	return len > 0;
}

uint64_t snd_stream_played(snd *s)
{
	uint64_t n;
	if (!s)
		return 0;
	snd_lock(s);
	n = s->st.played;
	snd_unlock(s);
	return n;
}

uint64_t snd_stream_end(snd *s)
{
	uint64_t n;
	if (!s)
		return 0;
	snd_lock(s);
	n = s->st.played + s->st.len;
	snd_unlock(s);
	return n;
}
