/* SPDX-License-Identifier: MIT */
/*
 * The engine thread: the only thread that calls espeak-ng while speech is
 * open. The first one in a process initialises the library (data folder,
 * synchronous output into our callback, the three voices checked once);
 * each then takes requests from the queue one at a time until told to
 * quit. Engines follow each other (one open at a time, each joined before
 * the next starts), so espeak-ng's globals are touched by one of our
 * threads at a time. Its own threads, for its asynchronous mode, only
 * wait.
 *
 * espeak-ng's synchronous mode calls synth_cb each time its buffer of
 * SPEECH_CHUNK_MS fills; the callback copies the samples into a chunk for
 * the reader, or returns 1 (abort) once the request has been stopped, so
 * a stop costs at most the chunk being made. When the reader falls more
 * than SPEECH_PENDING_MAX_MS behind, the callback waits for room: memory
 * stays bounded however long the text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include "core.h"
#include "speech_int.h"

#define PENDING_MAX ((size_t)SPEECH_RATE_HZ * SPEECH_PENDING_MAX_MS / 1000)

/* The callback has no context pointer of its own; there is one engine. */
static speech *engine_sp;
static const char *engine_voice; /* espeak-ng's voice now (skip reloading it) */

static int stopped(speech *sp, unsigned id)
{
	return id <= atomic_load(&sp->stopped);
}

static void status_text(espeak_ng_STATUS st, char *buf, size_t n)
{
	espeak_ng_GetStatusCodeMessage(st, buf, n);
}

/* Adds a chunk for the reader (the lock held), waiting for room first. */
static int push_chunk(speech *sp, chunk *k)
{
	pthread_mutex_lock(&sp->mu);
	while (sp->c_samples > PENDING_MAX && !stopped(sp, k->c.id) && !sp->quit)
		pthread_cond_wait(&sp->wake_engine, &sp->mu);
	int gone = stopped(sp, k->c.id) || sp->quit;
	if (!gone) {
		if (sp->c_tail)
			sp->c_tail->next = k;
		else
			sp->c_head = k;
		sp->c_tail = k;
		sp->c_samples += k->c.n;
		pthread_cond_broadcast(&sp->wake_caller);
	}
	pthread_mutex_unlock(&sp->mu);
	if (gone) {
		free(k->c.pcm);
		free(k);
	}
	return gone ? -1 : 0;
}

static chunk *chunk_new(unsigned id, const short *wav, int n, int last)
{
	chunk *k = calloc(1, sizeof *k);
	if (!k)
		return NULL;
	k->c.id = id;
	k->c.last = last;
	if (n > 0) {
		k->c.pcm = malloc((size_t)n * sizeof *k->c.pcm);
		if (!k->c.pcm) {
			free(k);
			return NULL;
		}
		memcpy(k->c.pcm, wav, (size_t)n * sizeof *k->c.pcm);
		k->c.n = (size_t)n;
	}
	return k;
}

static int synth_cb(short *wav, int n, espeak_EVENT *ev)
{
	(void)ev;
	speech *sp = engine_sp;
	req *r = sp->current;
	if (n > 0) {
		pthread_mutex_lock(&sp->mu);
		sp->stats.samples_made += (uint64_t)n;
		pthread_mutex_unlock(&sp->mu);
	}
	if (stopped(sp, r->id))
		return 1;
	if (!wav || n <= 0)
		return 0;
	chunk *k = chunk_new(r->id, wav, n, 0);
	if (!k) {
		mk_log(MK_LOG_ERROR, "speech-failed", "why=out-of-memory");
		return 1;
	}
	return push_chunk(sp, k) ? 1 : 0;
}

static espeak_ng_STATUS use_voice(const char *voice)
{
	if (engine_voice == voice)
		return ENS_OK;
	espeak_ng_STATUS st = espeak_ng_SetVoiceByName(voice);
	engine_voice = st == ENS_OK ? voice : NULL;
	return st;
}

static void run_say(speech *sp, req *r)
{
	espeak_ng_STATUS st = use_voice(r->voice);
	if (st == ENS_OK)
		st = espeak_ng_SetParameter(espeakRATE, r->wpm, 0);
	if (st == ENS_OK)
		st = espeak_ng_SetParameter(espeakVOLUME, r->volume, 0);
	if (st == ENS_OK)
		st = espeak_ng_Synthesize(r->text, strlen(r->text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
					  NULL, NULL);
	if (st != ENS_OK && st != ENS_SPEECH_STOPPED && !stopped(sp, r->id)) {
		char why[120];
		status_text(st, why, sizeof why);
		mk_log(MK_LOG_WARN, "speech-failed", "voice=%s status=0x%x why=\"%s\"", r->voice, (unsigned)st,
		       why);
		pthread_mutex_lock(&sp->mu);
		sp->stats.failed++;
		pthread_mutex_unlock(&sp->mu);
	}
	if (stopped(sp, r->id))
		return;
	chunk *k = chunk_new(r->id, NULL, 0, 1);
	if (k)
		push_chunk(sp, k);
}

/* Appends s to the growing phoneme string *buf (len, cap). */
static int append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 1 > *cap) {
		size_t c = (*cap + n + 1) * 2;
		char *b = realloc(*buf, c);
		if (!b)
			return -1;
		*buf = b;
		*cap = c;
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
	return 0;
}

static void run_phonemes(req *r)
{
	if (use_voice(r->voice) != ENS_OK) {
		r->rc = MK_ENOTFOUND;
		snprintf(r->msg, sizeof r->msg, "espeak-ng voice %s did not load", r->voice);
		return;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	const void *p = r->text;
	int bad = append(&buf, &len, &cap, "");
	while (p && !bad) {
		const char *ph = espeak_TextToPhonemes(&p, espeakCHARS_UTF8, 0);
		while (ph && *ph == ' ')
			ph++;
		if (ph && *ph)
			bad = (len && append(&buf, &len, &cap, " | ")) || append(&buf, &len, &cap, ph);
	}
	if (bad) {
		free(buf);
		r->rc = MK_ENOMEM;
		snprintf(r->msg, sizeof r->msg, "out of memory for phonemes");
		return;
	}
	r->phonemes = buf;
}

/* espeak-ng loads a voice whose dictionary is missing, says so on stderr
 * and then speaks letter names: a voice counts only with its dictionary
 * (named after the language: en_dict, ar_dict, fr_dict). */
static int has_dictionary(const char *lang)
{
	const char *data = NULL;
	espeak_Info(&data);
	char path[512];
	snprintf(path, sizeof path, "%s/%s_dict", data ? data : "", lang);
	return data && mk_is_file(path);
}

/* espeak-ng is initialised once in a process and kept until exit: 1.51's
 * espeak_ng_Terminate can hang for good when it follows a second
 * initialisation (seen here: the engine stuck in Terminate's fifo_stop
 * while espeak-ng's own thread waits for a start that never comes), and
 * a kiosk opens speech once anyway. What the first initialisation found
 * holds for every later open: the data folder, and the voices. The state
 * is touched by one engine thread at a time (one open at a time, and
 * each engine is joined before the next is created). */
static int espeak_state;        /* 0 never, 1 ready, <0: the code it failed with */
static char espeak_path[256];   /* the data folder it was given ("" default) */
static char espeak_msg[200];    /* why it failed */

static void fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(espeak_msg, sizeof espeak_msg, fmt, ap);
	va_end(ap);
	espeak_state = code;
}

/* Initialises espeak-ng and sets espeak_state (espeak_msg says why not). A
 * data folder that does not load leaves it at 0, so a later open may try
 * another; anything after that stays, as espeak-ng stays initialised. */
static void espeak_start(const char *path)
{
	espeak_ng_ERROR_CONTEXT ctx = NULL;
	char why[120];
	espeak_ng_InitializePath(path);
	espeak_ng_STATUS st = espeak_ng_Initialize(&ctx);
	espeak_ng_ClearErrorContext(&ctx);
	if (st != ENS_OK) {
		status_text(st, why, sizeof why);
		espeak_ng_Terminate(); /* nothing of it runs yet: safe, and frees what it read */
		fail(0, "espeak-ng's data did not load from %s: %s", path ? path : "its default folder", why);
		return;
	}
	st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, SPEECH_CHUNK_MS, NULL);
	if (st != ENS_OK || espeak_ng_GetSampleRate() != SPEECH_RATE_HZ) {
		fail(MK_EIO, "espeak-ng's output did not start (status 0x%x, %d Hz, want %d)", (unsigned)st,
		     espeak_ng_GetSampleRate(), SPEECH_RATE_HZ);
		return;
	}
	espeak_SetSynthCallback(synth_cb);
	static const char *const langs[] = { "en", "ar", "fr" };
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		if (!has_dictionary(langs[i]) || use_voice(speech_voice(langs[i])) != ENS_OK) {
			fail(MK_ENOTFOUND, "espeak-ng has no voice for language %s (voice %s; package espeak-ng-data)",
			     langs[i], speech_voice(langs[i]));
			return;
		}
	}
	espeak_state = 1;
}

static int engine_init(speech *sp)
{
	const char *path = sp->data_path ? sp->data_path : "";
	if (espeak_state == 0) {
		snprintf(espeak_path, sizeof espeak_path, "%s", path);
		espeak_start(sp->data_path);
		if (espeak_state == 0) {
			snprintf(sp->open_msg, sizeof sp->open_msg, "%s", espeak_msg);
			return MK_ENOTFOUND;
		}
	} else if (strcmp(espeak_path, path) != 0) {
		snprintf(sp->open_msg, sizeof sp->open_msg,
			 "espeak-ng already runs with another data folder in this process");
		return MK_EINVAL;
	}
	if (espeak_state < 0) {
		snprintf(sp->open_msg, sizeof sp->open_msg, "%s", espeak_msg);
		return espeak_state;
	}
	return 0;
}

static req *take(speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	while (!sp->q_head && !sp->quit)
		pthread_cond_wait(&sp->wake_engine, &sp->mu);
	req *r = sp->quit ? NULL : sp->q_head;
	if (r) {
		sp->q_head = r->next;
		if (!sp->q_head)
			sp->q_tail = NULL;
		sp->q_len--;
		r->next = NULL;
		sp->current = r;
	}
	pthread_mutex_unlock(&sp->mu);
	return r;
}

static void finish(speech *sp, req *r)
{
	pthread_mutex_lock(&sp->mu);
	sp->current = NULL;
	sp->stats.requests_done++;
	if (r->kind == REQ_PHONEMES)
		r->done = 1;
	else
		speech_req_free(r);
	pthread_cond_broadcast(&sp->wake_caller);
	pthread_mutex_unlock(&sp->mu);
}

void *speech_engine_main(void *arg)
{
	speech *sp = arg;
	engine_sp = sp;
	int rc = engine_init(sp);
	pthread_mutex_lock(&sp->mu);
	sp->open_rc = rc;
	sp->started = 1;
	pthread_cond_broadcast(&sp->wake_caller);
	pthread_mutex_unlock(&sp->mu);
	req *r;
	while (rc == 0 && (r = take(sp))) {
		if (r->kind == REQ_SAY)
			run_say(sp, r);
		else
			run_phonemes(r);
		finish(sp, r);
	}
	engine_sp = NULL;
	return NULL;
}
