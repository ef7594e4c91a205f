/* SPDX-License-Identifier: MIT */
/*
 * speech_wav: speaks a text into a WAV file and says what it measured, so
 * a person can listen to what the kiosk would say and scripts/bench can
 * time it without a sound card.
 *
 *   speech_wav [--lang en|ar|fr] [--wpm N] [--volume N] [--runs N]
 *              [--switch] [--data DIR] [--out FILE.wav] [--phonemes] TEXT
 *
 * Prints one line: `speech lang=.. samples=.. duration_ms=.. voiced_ms=..
 * peak_dbfs=.. chunks=.. first_chunk_p50_ms=.. open_ms=.. rss_before_kb=..
 * rss_peak_kb=..`: the first chunk's time is the median over --runs
 * requests to an engine already open (as on a kiosk, where it opens at
 * start), each after a word in another language with --switch (so its
 * time includes loading the voice, as when a patient changes language);
 * the RSS figures are the process's before speech_open and its
 * peak at the end (VmHWM), so their difference is what speech costs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "core.h"
#include "wav.h"

typedef struct {
	const char *lang, *data, *out, *text;
	int wpm, volume, runs, phonemes, swap;
} opts;

static long status_kb(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t n = strlen(key);
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* CPU time the whole process has used, in ms (the engine's thread too). */
static double cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int usage(void)
{
	fprintf(stderr, "usage: speech_wav [--lang en|ar|fr] [--wpm N] [--volume N] [--runs N] [--switch]\n"
			"                  [--data DIR] [--out FILE.wav] [--phonemes] TEXT\n");
	return 2;
}

static int parse(int argc, char **argv, opts *o)
{
	*o = (opts){ .lang = "en", .wpm = SPEECH_WPM_DEFAULT, .volume = 100, .runs = 1 };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--phonemes") == 0 || strcmp(a, "--switch") == 0) {
			*(a[2] == 'p' ? &o->phonemes : &o->swap) = 1;
			continue;
		}
		if (a[0] != '-' || a[1] != '-') {
			o->text = a;
			continue;
		}
		if (!v)
			return -1;
		i++;
		if (strcmp(a, "--lang") == 0)
			o->lang = v;
		else if (strcmp(a, "--wpm") == 0)
			o->wpm = atoi(v);
		else if (strcmp(a, "--volume") == 0)
			o->volume = atoi(v);
		else if (strcmp(a, "--runs") == 0)
			o->runs = atoi(v) > 0 ? atoi(v) : 1;
		else if (strcmp(a, "--data") == 0)
			o->data = v;
		else if (strcmp(a, "--out") == 0)
			o->out = v;
		else
			return -1;
	}
	return o->text ? 0 : -1;
}

static int report(speech *sp, const opts *o, double open_ms, long rss_before)
{
	double *first = calloc((size_t)o->runs, sizeof *first);
	wav_take t = { 0 };
	int rc = first ? 0 : MK_ENOMEM;
	double cpu0 = cpu_ms(), heard = 0;
	for (int r = 0; !rc && r < o->runs; r++) {
		wav_take_free(&t);
		if (o->swap) {
			const char *other = strcmp(o->lang, "en") ? "en" : "fr";
			rc = wav_speak(sp, "OK", other, o->wpm, o->volume, &t);
			wav_take_free(&t);
		}
		rc = rc ? rc : wav_speak(sp, o->text, o->lang, o->wpm, o->volume, &t);
		first[r] = t.first_chunk_ms;
		heard += 1000.0 * (double)t.n / SPEECH_RATE_HZ;
	}
	double cpu = cpu_ms() - cpu0;
	if (!rc && o->out)
		rc = wav_write(o->out, t.pcm, t.n, SPEECH_RATE_HZ);
	if (!rc) {
		qsort(first, (size_t)o->runs, sizeof *first, cmp_double);
		printf("speech lang=%s voice=%s samples=%zu duration_ms=%.0f voiced_ms=%.0f peak_dbfs=%.1f "
		       "chunks=%u first_chunk_p50_ms=%.2f cpu_pct=%.2f open_ms=%.1f rss_before_kb=%ld rss_peak_kb=%ld\n",
		       o->lang, speech_voice(o->lang), t.n, 1000.0 * (double)t.n / SPEECH_RATE_HZ,
		       wav_voiced_ms(t.pcm, t.n, SPEECH_RATE_HZ), wav_peak_dbfs(t.pcm, t.n), t.chunks,
		       first[o->runs / 2], heard > 0 ? 100 * cpu / heard : 0.0, open_ms, rss_before,
		       status_kb("VmHWM"));
	}
	wav_take_free(&t);
	free(first);
	return rc;
}

int main(int argc, char **argv)
{
	opts o;
	if (parse(argc, argv, &o))
		return usage();
	long rss_before = status_kb("VmRSS");
	uint64_t t0 = mk_mono_ns();
	speech *sp;
	speech_config cfg = { .data_path = o.data };
	int rc = speech_open(&sp, &cfg);
	if (rc) {
		fprintf(stderr, "speech_wav: %s\n", mk_err_msg());
		return 1;
	}
	double open_ms = (double)(mk_mono_ns() - t0) / 1e6;
	if (o.phonemes) {
		char *ph = NULL;
		rc = speech_phonemes(sp, o.text, o.lang, &ph);
		if (!rc)
			printf("%s\n", ph);
		free(ph);
	} else {
		rc = report(sp, &o, open_ms, rss_before);
	}
	if (rc)
		fprintf(stderr, "speech_wav: %s\n", mk_err_msg());
	speech_close(sp);
	return rc ? 1 : 0;
}
