/* SPDX-License-Identifier: MIT */
/*
 * speech's caller side: checking what is asked before it reaches the
 * engine, the queue in, the chunks out, and stopping. Every function here
 * holds the lock only to move pointers, never while anything is
 * synthesised, so a frame that calls speech_say or speech_next never waits
 * on espeak-ng. The engine thread itself is in engine.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core.h"
#include "speech_int.h"

/* The voices, chosen once (README, "Speech"): British English to match
 * the content's spelling, Modern Standard Arabic (espeak-ng's only
 * Arabic), and the French of France. */
static const struct {
	const char *lang, *voice;
} voices[] = {
	{ "en", "en" },
	{ "ar", "ar" },
	{ "fr", "fr" },
};

const char *speech_voice(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof voices / sizeof *voices; i++)
		if (strcmp(lang, voices[i].lang) == 0)
			return voices[i].voice;
	return NULL;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
			return 0;
	return 1;
}

/* The checks both kinds of request share; the message says what is wrong
 * without quoting the text (it may be a patient's). */
static int check_text(const char *text, const char *lang)
{
	if (!speech_voice(lang))
		return mk_err(MK_EINVAL, "speech: no voice for language \"%.8s\" (en, ar or fr)",
			      lang ? lang : "(none)");
	if (!text || blank(text))
		return mk_err(MK_EINVAL, "speech: nothing to say (the text is empty)");
	size_t n = strlen(text);
	if (n > SPEECH_TEXT_MAX)
		return mk_err(MK_ELIMIT, "speech: a text of %zu bytes is over the %d one request may carry",
			      n, SPEECH_TEXT_MAX);
	if (!mk_utf8_valid(text, n))
		return mk_err(MK_EINVAL, "speech: the text is not valid UTF-8");
	return 0;
}

static req *req_new(req_kind kind, const char *text, const char *lang)
{
	req *r = calloc(1, sizeof *r);
	if (r && !(r->text = mk_strdup(text))) {
		free(r);
		r = NULL;
	}
	if (!r)
		return NULL;
	r->kind = kind;
	r->voice = speech_voice(lang);
	return r;
}

void speech_req_free(req *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->phonemes);
	free(r);
}

/* Queues r (the lock held); MK_ELIMIT when the queue is full. */
static int enqueue(speech *sp, req *r)
{
	if (sp->q_len >= SPEECH_QUEUE_MAX)
		return mk_err(MK_ELIMIT, "speech: %d requests are waiting already", SPEECH_QUEUE_MAX);
	r->id = ++sp->next_id;
	if (sp->q_tail)
		sp->q_tail->next = r;
	else
		sp->q_head = r;
	sp->q_tail = r;
	sp->q_len++;
	pthread_cond_signal(&sp->wake_engine);
	return 0;
}

int speech_say(speech *sp, const char *text, const char *lang, int wpm, int volume, unsigned *id)
{
	int rc = check_text(text, lang);
	if (rc)
		return rc;
	if (wpm < SPEECH_WPM_MIN || wpm > SPEECH_WPM_MAX)
		return mk_err(MK_EINVAL, "speech: a rate of %d words a minute is outside %d..%d", wpm,
			      SPEECH_WPM_MIN, SPEECH_WPM_MAX);
	if (volume < 0 || volume > 100)
		return mk_err(MK_EINVAL, "speech: a volume of %d is outside 0..100", volume);
	req *r = req_new(REQ_SAY, text, lang);
	if (!r)
		return mk_err(MK_ENOMEM, "speech: out of memory");
	r->wpm = wpm;
	r->volume = volume;
	pthread_mutex_lock(&sp->mu);
	rc = enqueue(sp, r);
	unsigned got = r->id;
	pthread_mutex_unlock(&sp->mu);
	if (rc) {
		speech_req_free(r);
		return rc;
	}
	if (id)
		*id = got;
	return 0;
}

static void chunk_drop(chunk *k)
{
	free(k->c.pcm);
	free(k);
}

/* The first chunk of a request not stopped, dropping stopped ones (the
 * lock held). */
static chunk *first_live(speech *sp)
{
	unsigned below = atomic_load(&sp->stopped);
	while (sp->c_head && sp->c_head->c.id <= below) {
		chunk *k = sp->c_head;
		sp->c_head = k->next;
		sp->c_samples -= k->c.n;
		chunk_drop(k);
	}
	if (!sp->c_head)
		sp->c_tail = NULL;
	return sp->c_head;
}

int speech_next(speech *sp, speech_chunk *out)
{
	memset(out, 0, sizeof *out);
	pthread_mutex_lock(&sp->mu);
	chunk *k = first_live(sp);
	if (k) {
		sp->c_head = k->next;
		if (!sp->c_head)
			sp->c_tail = NULL;
		sp->c_samples -= k->c.n;
		pthread_cond_signal(&sp->wake_engine); /* room, if it waited */
	}
	pthread_mutex_unlock(&sp->mu);
	if (!k)
		return MK_EAGAIN;
	*out = k->c;
	free(k);
	return 0;
}

void speech_chunk_free(speech_chunk *c)
{
	if (!c)
		return;
	free(c->pcm);
	memset(c, 0, sizeof *c);
}

int speech_wait(speech *sp, int ms)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&sp->mu);
	int ready;
	while (!(ready = first_live(sp) != NULL) && (sp->q_head || sp->current))
		if (pthread_cond_timedwait(&sp->wake_caller, &sp->mu, &until))
			break;
	ready = first_live(sp) != NULL;
	pthread_mutex_unlock(&sp->mu);
	return ready;
}

int speech_busy(speech *sp)
{
	pthread_mutex_lock(&sp->mu);
	int busy = sp->q_head || sp->current;
	pthread_mutex_unlock(&sp->mu);
	return busy;
}

void speech_stop(speech *sp)
{
	if (!sp)
		return;
	pthread_mutex_lock(&sp->mu);
	atomic_store(&sp->stopped, sp->next_id);
	req **pp = &sp->q_head;
	sp->q_tail = NULL;
	while (*pp) {
		req *r = *pp;
		if (r->kind == REQ_SAY) {
			*pp = r->next;
			sp->q_len--;
			speech_req_free(r);
		} else {
			sp->q_tail = r;
			pp = &r->next;
		}
	}
	first_live(sp);
	pthread_cond_broadcast(&sp->wake_engine);
	pthread_cond_broadcast(&sp->wake_caller);
	pthread_mutex_unlock(&sp->mu);
}

int speech_phonemes(speech *sp, const char *text, const char *lang, char **out)
{
	*out = NULL;
	int rc = check_text(text, lang);
	if (rc)
		return rc;
	req *r = req_new(REQ_PHONEMES, text, lang);
	if (!r)
		return mk_err(MK_ENOMEM, "speech: out of memory");
	pthread_mutex_lock(&sp->mu);
	rc = enqueue(sp, r);
	while (!rc && !r->done)
		pthread_cond_wait(&sp->wake_caller, &sp->mu);
	pthread_mutex_unlock(&sp->mu);
	if (!rc && r->rc)
		rc = mk_err(r->rc, "speech: %s", r->msg);
	if (!rc) {
		*out = r->phonemes;
		r->phonemes = NULL;
	}
	speech_req_free(r);
	return rc;
}

void speech_get_stats(speech *sp, speech_stats *out)
{
	pthread_mutex_lock(&sp->mu);
	*out = sp->stats;
	pthread_mutex_unlock(&sp->mu);
}
