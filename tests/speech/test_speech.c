/* SPDX-License-Identifier: MIT */
/*
 * The speech engine as a listener would judge it, without a loudspeaker:
 * each language is rendered to a WAV file, read back and measured (loud
 * enough to hear, as long as its words need, streamed in chunks rather
 * than all at the end); the phonemes say the words come in their order;
 * a stop silences a long text within one chunk; and bad input, missing
 * voices and missing data get a clear message instead of a crash.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "core.h"
#include "wav.h"

static char tmp[] = "/tmp/mk-speech-XXXXXX";

static const struct {
	const char *lang, *ten, *w[3];
} langs[] = {
	{ "en", "one two three four five six seven eight nine ten", { "one", "two", "three" } },
	{ "fr", "un deux trois quatre cinq six sept huit neuf dix", { "un", "deux", "trois" } },
	{ "ar", "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة", { "واحد", "اثنان", "ثلاثة" } },
};

/* Phonemes without espeak-ng's stress marks, which move with context. */
static char *bare(char *s)
{
	char *o = s;
	for (char *i = s; *i; i++)
		if (*i != '\'' && *i != ',')
			*o++ = *i;
	*o = 0;
	return s;
}

/* 1 when each of w[0..n) (its own phonemes) appears in ph, in order. */
static int in_order(speech *sp, const char *lang, const char *ph, const char *const *w, int n)
{
	const char *at = ph;
	for (int i = 0; i < n && at; i++) {
		char *one = NULL;
		if (speech_phonemes(sp, w[i], lang, &one))
			return 0;
		at = strstr(at, bare(one));
		at = at ? at + strlen(one) : NULL;
		free(one);
	}
	return at != NULL;
}

/* Ten words in each language, to a WAV file and back. */
static void test_render(speech *sp)
{
	for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
		wav_take t;
		CHECK(wav_speak(sp, langs[l].ten, langs[l].lang, SPEECH_WPM_DEFAULT, 100, &t) == 0);
		char path[64];
		snprintf(path, sizeof path, "%s/ten.%s.wav", tmp, langs[l].lang);
		CHECK(wav_write(path, t.pcm, t.n, SPEECH_RATE_HZ) == 0);
		int16_t *pcm = NULL;
		size_t n = 0;
		int rate = 0;
		CHECK(wav_read(path, &pcm, &n, &rate) == 0);
		CHECK(rate == SPEECH_RATE_HZ && n == t.n);
		double peak = wav_peak_dbfs(pcm, n), ms = wav_voiced_ms(pcm, n, rate);
		double wpm = 10 / (ms / 60000.0);
		printf("%s: peak %.1f dBFS, voiced %.0f ms (%.0f words a minute), %u chunks\n", langs[l].lang,
		       peak, ms, wpm, t.chunks);
		CHECK_MSG(peak > -12, "%s: peak %.1f dBFS: too quiet to hear in a waiting room", langs[l].lang,
			  peak);
		CHECK_MSG(wpm > SPEECH_WPM_DEFAULT / 2.0 && wpm < SPEECH_WPM_DEFAULT * 2.0,
			  "%s: ten words in %.0f ms", langs[l].lang, ms);
		/* Streamed: many chunks, none longer than espeak-ng's buffer. */
		CHECK(t.chunks >= 10);
		CHECK(t.biggest <= (size_t)SPEECH_RATE_HZ * SPEECH_CHUNK_MS / 1000 + 1);
		free(pcm);
		wav_take_free(&t);
	}
}

/* The rate and the volume a patient chooses are heard. */
static void test_rate_volume(speech *sp)
{
	wav_take slow, fast, soft;
	CHECK(wav_speak(sp, langs[0].ten, "en", SPEECH_WPM_MIN, 100, &slow) == 0);
	CHECK(wav_speak(sp, langs[0].ten, "en", 300, 100, &fast) == 0);
	CHECK(wav_speak(sp, langs[0].ten, "en", 300, 25, &soft) == 0);
	double ms_slow = wav_voiced_ms(slow.pcm, slow.n, SPEECH_RATE_HZ);
	double ms_fast = wav_voiced_ms(fast.pcm, fast.n, SPEECH_RATE_HZ);
	CHECK_MSG(ms_slow > 2 * ms_fast, "80 wpm: %.0f ms, 300 wpm: %.0f ms", ms_slow, ms_fast);
	double loud = wav_peak_dbfs(fast.pcm, fast.n), quiet = wav_peak_dbfs(soft.pcm, soft.n);
	CHECK_MSG(quiet < loud - 6, "volume 25: %.1f dBFS, 100: %.1f dBFS", quiet, loud);
	wav_take_free(&slow), wav_take_free(&fast), wav_take_free(&soft);
}

static void test_phonemes(speech *sp)
{
	for (size_t l = 0; l < sizeof langs / sizeof *langs; l++) {
		char text[200], *ph = NULL;
		snprintf(text, sizeof text, "%s %s %s", langs[l].w[0], langs[l].w[1], langs[l].w[2]);
		CHECK(speech_phonemes(sp, text, langs[l].lang, &ph) == 0);
		bare(ph);
		CHECK_MSG(in_order(sp, langs[l].lang, ph, langs[l].w, 3), "%s: %s", langs[l].lang, ph);
		const char *back[] = { langs[l].w[2], langs[l].w[1], langs[l].w[0] };
		CHECK(!in_order(sp, langs[l].lang, ph, back, 3)); /* the check can fail */
		free(ph);
	}
	/* Plain text only: markup and phoneme commands are read, not obeyed. */
	char *ph = NULL;
	CHECK(speech_phonemes(sp, "[[w'0n]] <break time=\"9s\"/> two", "en", &ph) == 0);
	CHECK(ph && strstr(ph, "t'u:"));
	free(ph);
}

static char *long_text(void)
{
	const char *s = "Mesotherapy is given as a course of sessions, and results vary from person to person. ";
	size_t n = strlen(s), times = SPEECH_TEXT_MAX / n - 1;
	char *t = malloc(n * times + 1);
	for (size_t i = 0; t && i < times; i++)
		memcpy(t + i * n, s, n + 1);
	return t;
}

/* A touch elsewhere stops reading: within one chunk, and for good. */
static void test_stop(speech *sp)
{
	char *text = long_text();
	unsigned id, next;
	CHECK(speech_say(sp, text, "en", SPEECH_WPM_DEFAULT, 100, &id) == 0);
	CHECK(speech_say(sp, "And this is queued.", "en", SPEECH_WPM_DEFAULT, 100, &next) == 0);
	CHECK(speech_wait(sp, 10000) == 1);
	speech_chunk c;
	CHECK(speech_next(sp, &c) == 0 && c.id == id && c.n > 0);
	speech_chunk_free(&c);
	CHECK(speech_busy(sp)); /* the first sound came while the rest is still being made */
	speech_stop(sp);
	speech_stats before, after;
	speech_get_stats(sp, &before);
	CHECK(speech_next(sp, &c) == MK_EAGAIN);
	for (int i = 0; i < 1000 && speech_busy(sp); i++)
		speech_wait(sp, 10);
	CHECK(!speech_busy(sp));
	speech_get_stats(sp, &after);
	uint64_t chunk = (uint64_t)SPEECH_RATE_HZ * SPEECH_CHUNK_MS / 1000 + 1;
	CHECK_MSG(after.samples_made - before.samples_made <= chunk,
		  "%llu samples made after the stop (one chunk is %llu)",
		  (unsigned long long)(after.samples_made - before.samples_made), (unsigned long long)chunk);
	CHECK(speech_next(sp, &c) == MK_EAGAIN); /* neither the rest nor the queued one */
	wav_take t;
	CHECK(wav_speak(sp, "Still here.", "en", SPEECH_WPM_DEFAULT, 100, &t) == 0 && t.n > 0);
	wav_take_free(&t);
	free(text);
}

/* A reader that stops reading (a frozen screen) does not make speech eat
 * memory: the engine waits once SPEECH_PENDING_MAX_MS are made ahead. */
static void test_bounded(speech *sp)
{
	char *text = long_text();
	uint64_t cap = (uint64_t)SPEECH_RATE_HZ * SPEECH_PENDING_MAX_MS / 1000;
	uint64_t chunk = (uint64_t)SPEECH_RATE_HZ * SPEECH_CHUNK_MS / 1000 + 1;
	speech_stats st0, st;
	speech_get_stats(sp, &st0);
	CHECK(speech_say(sp, text, "en", SPEECH_WPM_DEFAULT, 100, NULL) == 0);
	do {
		usleep(10000);
		speech_get_stats(sp, &st);
	} while (st.samples_made - st0.samples_made < cap && speech_busy(sp));
	usleep(300000); /* at espeak-ng's speed, minutes of sound if it did not wait */
	speech_get_stats(sp, &st);
	CHECK(speech_busy(sp));
	CHECK_MSG(st.samples_made - st0.samples_made <= cap + 2 * chunk, "%llu samples made ahead",
		  (unsigned long long)(st.samples_made - st0.samples_made));
	speech_stop(sp);
	free(text);
}

static void test_bad_input(speech *sp)
{
	char *huge = malloc(SPEECH_TEXT_MAX + 2), *ph = (char *)"x";
	memset(huge, 'a', SPEECH_TEXT_MAX + 1);
	huge[SPEECH_TEXT_MAX + 1] = 0;
	CHECK(speech_say(sp, "", "en", 160, 100, NULL) == MK_EINVAL && strstr(mk_err_msg(), "empty"));
	CHECK(speech_say(sp, " \n\t ", "en", 160, 100, NULL) == MK_EINVAL);
	CHECK(speech_say(sp, NULL, "en", 160, 100, NULL) == MK_EINVAL);
	CHECK(speech_say(sp, "Hello", "de", 160, 100, NULL) == MK_EINVAL && strstr(mk_err_msg(), "\"de\""));
	CHECK(speech_say(sp, "Hello", NULL, 160, 100, NULL) == MK_EINVAL);
	CHECK(speech_say(sp, huge, "en", 160, 100, NULL) == MK_ELIMIT && strstr(mk_err_msg(), "16384"));
	CHECK(speech_say(sp, "caf\xc3", "en", 160, 100, NULL) == MK_EINVAL && strstr(mk_err_msg(), "UTF-8"));
	CHECK(speech_say(sp, "Hello", "en", 20, 100, NULL) == MK_EINVAL);
	CHECK(speech_say(sp, "Hello", "en", 160, 101, NULL) == MK_EINVAL);
	CHECK(speech_phonemes(sp, "", "fr", &ph) == MK_EINVAL && ph == NULL);
	/* A full queue says so; what was queued still speaks. The engine's
	 * thread takes sentences off the queue meanwhile (a loaded machine lets
	 * it take several), so only the bound is checked: without one, 1000
	 * sentences would all be taken. */
	int rc = 0, queued = 0;
	while (!rc && queued < 1000)
		if (!(rc = speech_say(sp, "Hello.", "en", 160, 100, NULL)))
			queued++;
	CHECK(rc == MK_ELIMIT && queued >= SPEECH_QUEUE_MAX && queued < 1000);
	speech_stop(sp);
	speech *two;
	CHECK(speech_open(&two, NULL) == MK_EINVAL && two == NULL);
	free(huge);
}

/* A data folder that lacks what a voice needs: open fails and says what,
 * every time, and never hangs. In a child process: espeak-ng stays
 * initialised for the life of a process (speech.h). */
static int missing_child(const char *empty, const char *partial)
{
	speech *sp = NULL;
	speech_config cfg = { .data_path = empty };
	CHECK(speech_open(&sp, &cfg) == MK_ENOTFOUND && sp == NULL);
	CHECK_MSG(strstr(mk_err_msg(), empty) != NULL, "%s", mk_err_msg());
	cfg.data_path = partial; /* a data folder that loads, less a voice */
	for (int i = 0; i < 2; i++) {
		CHECK(speech_open(&sp, &cfg) == MK_ENOTFOUND && sp == NULL);
		CHECK_MSG(strstr(mk_err_msg(), "no voice for language ar"), "%s", mk_err_msg());
	}
	return check_done();
}

static void test_missing(void)
{
	char empty[80], partial[80], cmd[400];
	snprintf(empty, sizeof empty, "%s/empty", tmp);
	snprintf(partial, sizeof partial, "%s/noarabic", tmp);
	CHECK(mk_mkdir_p(empty, 0700) == 0);
	/* espeak-ng's own data, less the Arabic dictionary. */
	snprintf(cmd, sizeof cmd, "cp -r %s %s && rm %s/ar_dict", MK_ESPEAK_DATA, partial, partial);
	CHECK(system(cmd) == 0);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(missing_child(empty, partial));
	int st = -1;
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child's checks failed (status %d)", st);
}

/* Closed and opened again, speech speaks: a kiosk may turn it off and on. */
static void test_reopen(void)
{
	speech *sp = NULL;
	CHECK(speech_open(&sp, NULL) == 0);
	wav_take t;
	CHECK(sp && wav_speak(sp, "واحد", "ar", 160, 100, &t) == 0 && t.n > 0);
	wav_take_free(&t);
	speech_close(sp);
	speech_config other = { .data_path = "/nonexistent" };
	CHECK(speech_open(&sp, &other) == MK_EINVAL && sp == NULL);
}

int main(void)
{
	mk_log_set_level(MK_LOG_WARN);
	if (!mkdtemp(tmp))
		return 1;
	test_missing();
	speech *sp = NULL;
	CHECK(speech_open(&sp, NULL) == 0);
	if (sp) {
		test_render(sp);
		test_rate_volume(sp);
		test_phonemes(sp);
		test_stop(sp);
		test_bounded(sp);
		test_bad_input(sp);
		speech_close(sp);
	}
	test_reopen();
	char cmd[100];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	if (system(cmd) != 0)
		return 1;
	return check_done();
}
