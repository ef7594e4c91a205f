/* SPDX-License-Identifier: MIT */
/*
 * The driver's checks of what Listen says (listen.c): `say-log` prints
 * the sentences queued since the last tap, in order; `expect-said TEXT`
 * wants TEXT in one of them, after the one the previous expect-said
 * found (so a script checks the order: title, then a paragraph); and
 * `expect-sound speech N` that the sound device took at least N samples
 * of speech since the last tap or stop (N > 0: waits for them, in real time, as
 * speech is made and played in real time), or none at all (N = 0: after
 * a quarter of a second of listening for them). `expect-sound recording N`
 * waits for the reading to end, then wants exactly N samples (at 48 kHz)
 * of recordings played, and the device to have taken at least as much
 * speech: a recording of N samples was heard whole. say-log marks a
 * sentence a recording says ("said 1 [recording audio/x.en.opus, 3]: ..."
 * for one that says three sentences from there).
 */
#include "app.h"
#include "narration.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cursor;      /* the next sentence expect-said looks at */
static unsigned seen;   /* the log it belongs to (listen_log_id) */

/* A new log (a tap cleared it, or a Listen filled it anew) restarts the cursor. */
static void follow(app *a)
{
	if (listen_log_id(a) != seen)
		cursor = 0;
	seen = listen_log_id(a);
}

/* A recording's name from its folder on (audio/x.en.opus), as staff wrote it. */
static const char *rec_name(const char *path)
{
	const char *slash = strrchr(path, '/'), *dir = slash;
	while (dir && dir > path && dir[-1] != '/')
		dir--;
	return dir ? dir : path;
}

int drive_say_log(app *a, const char *arg)
{
	(void)arg;
	follow(a);
	for (int i = 0, until = 0; i < listen_n_said(a); i++) {
		int n = 0;
		const char *rec = i >= until ? listen_said_rec(a, i, &n) : NULL;
		until = rec ? i + n : until; /* a page's recording says its paragraphs' too */
		if (rec)
			printf("said %d [recording %s, %d]: %s\n", i + 1, rec_name(rec), n, listen_said(a, i));
		else
			printf("said %d: %s\n", i + 1, listen_said(a, i));
	}
	fflush(stdout);
	return 0;
}

int drive_expect_said(app *a, const char *arg)
{
	follow(a);
	if (!*arg)
		return mk_err(MK_EINVAL, "expect-said wants the words");
	for (int i = cursor; i < listen_n_said(a); i++)
		if (strstr(listen_said(a, i), arg)) {
			cursor = i + 1;
			return 0;
		}
	return mk_err(MK_EINVAL, "'%s' was not said %s(%d sentences since the last tap)", arg,
		      cursor ? "after the last one found " : "", listen_n_said(a));
}

/* Pumps frames in real time for up to ms, until `enough` samples. */
static uint64_t listen_for(app *a, uint64_t enough, int ms)
{
	uint64_t t0 = mk_mono_ns();
	while (listen_samples(a) < enough && mk_mono_ns() - t0 < (uint64_t)ms * 1000000u) {
		SDL_Delay(5);
		app_pump(a);
	}
	return listen_samples(a);
}

int drive_expect_speech(app *a, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	uint64_t got;
	if (!*arg || *end || n < 0)
		return mk_err(MK_EINVAL, "expect-sound speech wants a number of samples, got '%s'", arg);
	if (!a->listen)
		return mk_err(MK_EINVAL, "the kiosk has no speech (see speech-off in the log)");
	if (n == 0) {
		got = listen_for(a, UINT64_MAX, 250);
		return got == 0 ? 0 : mk_err(MK_EINVAL, "%llu samples of speech played since the last tap, "
					     "not none", (unsigned long long)got);
	}
	got = listen_for(a, (uint64_t)n, 20000);
	return got >= (uint64_t)n ? 0 : mk_err(MK_EINVAL, "%llu samples of speech played since the last "
					       "tap, not %ld", (unsigned long long)got, n);
}

int drive_expect_recording(app *a, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	uint64_t t0 = mk_mono_ns(), got, heard;
	if (!*arg || *end || n < 0)
		return mk_err(MK_EINVAL, "expect-sound recording wants a number of samples, got '%s'", arg);
	if (!a->listen)
		return mk_err(MK_EINVAL, "the kiosk has no speech (see speech-off in the log)");
	/* Until the recordings are played and heard; the voice may read on. */
	for (;;) {
		got = listen_rec_samples(a);
		heard = listen_samples(a) * NARR_RATE / (uint64_t)snd_rate(a->snd);
		if (!listen_on(a) || (!listen_rec_ahead(a) && heard + 1 >= got))
			break;
		if (mk_mono_ns() - t0 > 30000000000u)
			return mk_err(MK_EINVAL, "still playing a recording after 30 s");
		SDL_Delay(5);
		app_pump(a);
	}
	if (got != (uint64_t)n)
		return mk_err(MK_EINVAL, "%llu samples of recordings played, not %ld",
			      (unsigned long long)got, n);
	return heard + 1 >= got ? 0 : mk_err(MK_EINVAL, "the device took %llu samples of speech "
					     "(at 48 kHz), fewer than the %llu recorded",
					     (unsigned long long)heard, (unsigned long long)got);
}
