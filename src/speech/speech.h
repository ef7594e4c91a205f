/* SPDX-License-Identifier: MIT */
/*
 * speech: the kiosk's voice. Text in a language (en, ar, fr) goes in;
 * 16-bit mono PCM at the engine's rate (SPEECH_RATE_HZ, 22050 Hz) comes out
 * in chunks of about SPEECH_CHUNK_MS as it is made, so the first samples
 * can play while the rest of a paragraph is still being synthesised.
 *
 * Synthesis is libespeak-ng in its synchronous mode, writing into our
 * callback rather than to a sound card: playing is the sound module's job.
 * espeak-ng keeps its state in globals and is not thread-safe, so one
 * engine thread owns it while speech is open and every request (speak,
 * phonemes) goes to that thread through a queue. Nothing
 * here blocks the caller's frame: speech_say copies the text and returns;
 * speech_next hands over what is ready, or says nothing is yet.
 *
 * speech_stop takes effect at once for the caller (no chunk of a stopped
 * request is handed out after it returns) and within one chunk for the
 * engine (the synthesis callback asks espeak-ng to abort). Only one speech
 * can be open in a process, because espeak-ng is one; and espeak-ng is
 * initialised once in a process and kept to its end (its 1.51 Terminate
 * can hang after a second initialisation: engine.c), so the first open
 * that loads the data decides the data folder and the voices for the
 * process, and a later open only starts a new engine thread.
 *
 * The text is never logged: it may be a patient's own answers.
 * Functions return 0 or a negative MK_E* code (mk_err_msg says why).
 */
#ifndef MK_SPEECH_H
#define MK_SPEECH_H

#include <stddef.h>
#include <stdint.h>

#define SPEECH_RATE_HZ 22050        /* espeak-ng's own rate; checked at open */
#define SPEECH_CHUNK_MS 50          /* espeak-ng's buffer: the most one chunk holds */
#define SPEECH_TEXT_MAX 16384       /* bytes a request may carry (a long paragraph is ~2000) */
#define SPEECH_QUEUE_MAX 64         /* requests waiting at once */
#define SPEECH_PENDING_MAX_MS 20000 /* audio made ahead of the reader before the engine waits */
#define SPEECH_WPM_MIN 80           /* words per minute, espeak-ng's range */
#define SPEECH_WPM_MAX 450
#define SPEECH_WPM_DEFAULT 160      /* a little slower than espeak-ng's 175: clear for patients */

typedef struct speech speech;

typedef struct {
	/* espeak-ng's data folder (holding phontab, the dictionaries and
	 * lang/); NULL: the library's own (Debian: espeak-ng-data). */
	const char *data_path;
} speech_config;

/* One piece of a request's sound. pcm is malloc'd (speech_chunk_free). */
typedef struct {
	unsigned id;     /* the request it belongs to (speech_say's *id) */
	int16_t *pcm;    /* n samples, mono, SPEECH_RATE_HZ */
	size_t n;
	int last;        /* 1: the request ends with this chunk (n may be 0) */
} speech_chunk;

typedef struct {
	uint64_t samples_made;  /* synthesised since open, handed out or not */
	unsigned requests_done; /* finished, stopped or failed */
	unsigned failed;        /* the engine refused a request (logged) */
} speech_stats;

/* Starts the engine thread and initialises espeak-ng on it, checking that
 * a voice for each of en, ar and fr loads. Missing data or a missing voice
 * is MK_ENOTFOUND with a message naming it: the caller then hides Listen.
 * A second speech while one is open, or another data folder than the one
 * espeak-ng was first loaded from, is MK_EINVAL. */
int speech_open(speech **out, const speech_config *cfg);
/* Stops what is being said and ends the engine thread (espeak-ng itself
 * stays loaded, see above). NULL is fine. */
void speech_close(speech *sp);

/* Queues text (UTF-8, plain text: no SSML, no phoneme commands) to be
 * spoken in lang ("en", "ar" or "fr") at wpm words per minute
 * (SPEECH_WPM_MIN..MAX) and volume 0..100; after what is queued already.
 * *id (may be NULL) names its chunks. Returns at once. MK_EINVAL for empty
 * or blank text, invalid UTF-8, an unknown language or a value out of
 * range; MK_ELIMIT for text over SPEECH_TEXT_MAX or a full queue. */
int speech_say(speech *sp, const char *text, const char *lang, int wpm, int volume, unsigned *id);
/* The next chunk made, in order: 0 and *out filled, or MK_EAGAIN when
 * nothing is ready (yet). Never waits. */
int speech_next(speech *sp, speech_chunk *out);
void speech_chunk_free(speech_chunk *c);
/* Waits up to ms for a chunk to be ready or the engine to run out of
 * work; 1 when a chunk is ready, 0 otherwise. For tools and tests: a
 * frame polls speech_next instead. */
int speech_wait(speech *sp, int ms);
/* 1 while a request is queued or being synthesised. */
int speech_busy(speech *sp);
/* Stops everything: what is being said, what is queued, and the chunks
 * not yet taken. Returns at once. */
void speech_stop(speech *sp);

/* espeak-ng's phonemes for text (its ASCII phoneme names, words separated
 * by spaces, clauses by " | "), for tests and checks that want the words
 * without listening. Waits for the engine (after what is queued).
 * *out is malloc'd. Same input checks as speech_say. */
int speech_phonemes(speech *sp, const char *text, const char *lang, char **out);

/* The espeak-ng voice used for lang, or NULL for a language we do not speak. */
const char *speech_voice(const char *lang);
void speech_get_stats(speech *sp, speech_stats *out);

#endif
