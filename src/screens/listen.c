/* SPDX-License-Identifier: MIT */
/*
 * Listen: a patient screen read aloud. Tapping the control in the top bar
 * reads the screen from the top in its language; what is read, and in
 * which order, is listen_read.c's. This file moves it through the engine
 * to the sound and knows which sentence is being heard.
 *
 * Speech is made on its own thread (src/speech); each frame, listen_tick
 * moves what is ready into the sound's speech stream as far as it has
 * room and feeds the engine a few sentences ahead, so nothing ever waits
 * in a frame and a screen of any length is read. Any other tap, a change
 * of page, screen, language or overlay (the idle question, sign-out)
 * stops it at once: the engine, its queue and the stream are emptied.
 *
 * Which sentence is heard comes from the sound itself: when a sentence's
 * first sample goes into the stream, the stream's end (snd_stream_end) is
 * where it will begin to be heard; once the device has played that far
 * (snd_stream_played), it is the one heard, and its element on screen is
 * outlined and scrolled into view (listen_reading, drawn by the shell).
 *
 * Where content gives a recording (audio = {...}) for a paragraph or the
 * whole page in the screen's language, the sentences it covers are played
 * from it (narrate.c) in their turn instead of synthesised; one that
 * cannot be played is read by the voice.
 *
 * A kiosk with `speech = off`, without a sound device or without the
 * voices says why once in its log (speech-off) and shows no Listen.
 * The text read is never logged: it may be a patient's own.
 */
#include "listen_int.h"
#include "narration.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD 3 /* sentences given to the engine before the one heard is done */

static void off(const char *why)
{
	char q[256];
	mk_log(MK_LOG_WARN, "speech-off", "why=%s", mk_log_quote(q, sizeof q, why));
}

void listen_open(app *a)
{
	speech *sp;
	if (!a->cfg.speech)
		return off("speech = off in kiosk.conf");
	if (!snd_audible(a->snd))
		return off("no sound device");
	if (speech_open(&sp, &(speech_config){ 0 }) != 0)
		return off(mk_err_msg());
	if (!(a->listen = calloc(1, sizeof *a->listen))) {
		speech_close(sp);
		return off("out of memory");
	}
	a->listen->sp = sp;
}

void listen_forget(struct listen *l)
{
	narrate_close(l->nr);
	l->nr = NULL;
	l->rec_samples = 0;
	for (int i = 0; i < l->n_said; i++)
		free(l->said[i].text);
	l->n_said = l->next = l->queued = 0;
	l->log_id++;
}

void listen_close(app *a)
{
	if (!a->listen)
		return;
	speech_close(a->listen->sp);
	listen_forget(a->listen);
	free(a->listen->said);
	free(a->listen);
	a->listen = NULL;
}

/* Every patient screen with a top bar, never staff's (nor a hand-over,
 * whose next screen is staff's again). */
int listen_shown(const app *a)
{
	return a->listen && !scr_for_staff(a) && speech_voice(a->m->langs[a->lang]);
}

int listen_on(const app *a)
{
	return a->listen && a->listen->on;
}

int listen_whole(const app *a)
{
	return listen_on(a) && a->listen->whole;
}

void listen_stop(app *a)
{
	struct listen *l = a->listen;
	if (!l || !l->on)
		return;
	speech_stop(l->sp);
	snd_stream_stop(a->snd);
	narrate_close(l->nr);
	l->nr = NULL;
	l->on = 0;
	l->queued = 0;
	l->next = l->n_said;
	l->mark = snd_stream_played(a->snd); /* nothing is heard from here on */
	a->need_layout = 1; /* Stop becomes Listen again */
}

#ifdef MK_TESTING
/* Every sentence since the driver last asked, one a line: an
 * announcement forgets the one before, a script still sees them all. */
static char *transcript;
static size_t transcript_n;

static void transcript_add(const char *s)
{
	size_t n = strlen(s);
	char *more = realloc(transcript, transcript_n + n + 2);
	if (!more)
		return;
	transcript = more;
	memcpy(transcript + transcript_n, s, n);
	transcript_n += n;
	transcript[transcript_n++] = '\n';
	transcript[transcript_n] = 0;
}

const char *listen_transcript(void)
{
	return transcript ? transcript : "";
}

void listen_transcript_clear(void)
{
	free(transcript);
	transcript = NULL;
	transcript_n = 0;
}
#endif

void listen_add(struct listen *l, const char *prefix, const char *text, int el)
{
	listen_line *more;
	if (!text || !text[strspn(text, " \t\n")])
		return;
	if (l->n_said == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		if (!(more = realloc(l->said, (size_t)cap * sizeof *more)))
			return;
		l->said = more, l->cap = cap;
	}
	l->said[l->n_said] = (listen_line){ .el = el };
	if ((l->said[l->n_said].text = mk_asprintf("%s%s", prefix, text))) {
#ifdef MK_TESTING
		transcript_add(l->said[l->n_said].text);
#endif
		l->n_said++;
	}
}

void listen_start(app *a, int whole)
{
	struct listen *l = a->listen;
	l->on = l->n_said > 0;
	l->whole = whole;
	if (whole)
		a->need_layout = 1; /* Listen becomes Stop */
	l->page = a->page, l->lang = a->lang, l->scr = a->sc.id, l->overlay = a->overlay;
	l->tap_ns = mk_mono_ns();
	l->heard = 0;
	l->mark = snd_stream_played(a->snd);
	listen_tick(a); /* the first sentence goes to the engine now, not a frame later */
}

/* The recordings content gives for what is read: a paragraph's for its
 * sentence; the page's for all its own sentences (not the bar's after
 * them), in the screen's language. */
static void recordings(app *a, struct listen *l)
{
	const char *page = a->sc.id == SCR_PAGE ? a->m->pages[a->page].audio.s[a->lang] : NULL;
	int n = 0;
	for (int i = 0; i < l->n_said; i++)
		if (l->said[i].el >= 0 && l->said[i].el < a->vw.n && a->vw.v[l->said[i].el].audio)
			l->said[i].rec = a->vw.v[l->said[i].el].audio, l->said[i].rec_n = 1;
	while (n < l->n_said && l->said[n].el >= 0 && l->said[n].el < a->vw.n && !a->vw.v[l->said[n].el].fixed)
		n++;
	if (page && n > 0) {
		for (int i = 0; i < n; i++)
			l->said[i].rec = NULL;
		l->said[0].rec = page, l->said[0].rec_n = n;
	}
}

void listen_toggle(app *a)
{
	struct listen *l = a->listen;
	if (!l)
		return;
	if (l->on && l->whole) {
		listen_stop(a);
		return;
	}
	listen_stop(a); /* an announcement gives way */
	listen_forget(l);
	l->used = 1;
	listen_collect(a, l);
	recordings(a, l);
	mk_log(MK_LOG_INFO, "listen", "page=%s screen=%d lang=%s sentences=%d", a->m->pages[a->page].id,
	       (int)a->sc.id, a->m->langs[a->lang], l->n_said);
	listen_start(a, 1);
}

void listen_set_used(app *a, int used)
{
	if (a->listen)
		a->listen->used = used;
}

int listen_used(const app *a)
{
	return a->listen && a->listen->used;
}

void listen_say_now(app *a, const char *text)
{
	struct listen *l = a->listen;
	if (!l)
		return;
	listen_stop(a);
	listen_forget(l);
	listen_add(l, "", text, -1);
	listen_start(a, 0);
}

void listen_tap(app *a, int act)
{
	struct listen *l = a->listen;
	if (!l)
		return;
	if (act != ACT_LISTEN)
		listen_stop(a);
	if (!l->on)
		listen_forget(l);
	l->mark = snd_stream_played(a->snd);
}

/* Sentence l->next starts a recording: 1 when it now plays (after what
 * the engine still holds), 0 when the voice is to say it instead. */
static int recorded(app *a, struct listen *l)
{
	int words = 0, at = l->next, n = l->said[at].rec_n;
	if (l->queued)
		return 1; /* the sentences before it are still being said */
	for (int i = at; i < at + n; i++)
		words += narr_words(l->said[i].text);
	if (!(l->nr = narrate_open(l->said[at].rec, words))) {
		l->said[at].rec = NULL;
		return 0;
	}
	l->said[at].start = snd_stream_end(a->snd), l->said[at].started = 1;
	l->nr_at = at;
	l->next += n;
	return 1;
}

/* Keeps AHEAD sentences with the engine; one it refuses is skipped. */
static void feed(app *a, struct listen *l)
{
	while (l->queued < AHEAD && l->next < l->n_said && !l->nr) {
		if (l->said[l->next].rec && recorded(a, l))
			break;
		listen_line *s = &l->said[l->next++];
		if (speech_say(l->sp, s->text, a->m->langs[a->lang], a->cfg.speech_rate, 100, &s->id) == 0)
			l->queued++;
		else
			mk_log(MK_LOG_WARN, "listen-skip", "why=%s", mk_err_msg());
	}
}

/* The sentence a chunk of the engine's belongs to. */
static listen_line *line_of(struct listen *l, unsigned id)
{
	for (int i = l->next - 1; i >= 0; i--)
		if (l->said[i].id == id)
			return &l->said[i];
	return NULL;
}

/* Speech made so far into the stream, as far as it has room; each
 * sentence's first sample marks where it will be heard. */
static void drain(app *a, struct listen *l)
{
	speech_chunk c;
	size_t most = SPEECH_RATE_HZ * SPEECH_CHUNK_MS / 1000 + 1;
	if (l->nr) {
		uint64_t before = narrate_pushed(l->nr);
		int r = narrate_step(l->nr, a->snd);
		l->rec_samples += narrate_pushed(l->nr) - before;
		if (r < 0) /* damaged inside: the voice says it all again */
			l->next = l->nr_at, l->said[l->nr_at].rec = NULL;
		if (r <= 0)
			narrate_close(l->nr), l->nr = NULL;
		return;
	}
	while (snd_stream_room(a->snd, SPEECH_RATE_HZ) >= most && speech_next(l->sp, &c) == 0) {
		listen_line *s = line_of(l, c.id);
		if (c.n && s && !s->started)
			s->start = snd_stream_end(a->snd), s->started = 1;
		if (c.n)
			snd_stream_push(a->snd, c.pcm, c.n, SPEECH_RATE_HZ);
		if (c.last && l->queued > 0)
			l->queued--;
		speech_chunk_free(&c);
	}
}

int listen_tick(app *a)
{
	struct listen *l = a->listen;
	if (!l || !l->on)
		return 0;
	if (l->page != a->page || l->lang != a->lang || (int)l->scr != (int)a->sc.id ||
	    l->overlay != a->overlay) {
		listen_stop(a);
		return 0;
	}
	drain(a, l);
	feed(a, l);
	if (!l->heard && snd_stream_played(a->snd) > l->mark) {
		l->heard = 1;
		mk_log(MK_LOG_INFO, "listen-heard", "ms=%.1f", (double)(mk_mono_ns() - l->tap_ns) / 1e6);
	}
	if (l->next == l->n_said && !l->queued && !l->nr && !speech_busy(l->sp) && !snd_stream_busy(a->snd)) {
		l->on = 0; /* read to the end */
		a->need_layout = 1;
	}
	return l->on;
}

int listen_reading(const app *a)
{
	const struct listen *l = a->listen;
	uint64_t played;
	if (!l || !l->on)
		return -1;
	played = snd_stream_played(a->snd);
	for (int i = l->next - 1; i >= 0; i--)
		if (l->said[i].started && l->said[i].start <= played)
			return l->said[i].el < a->vw.n ? l->said[i].el : -1;
	return -1;
}

int listen_n_said(const app *a)
{
	return a->listen ? a->listen->n_said : 0;
}

const char *listen_said(const app *a, int i)
{
	return a->listen && i >= 0 && i < a->listen->n_said ? a->listen->said[i].text : NULL;
}

const char *listen_said_rec(const app *a, int i, int *n)
{
	if (!a->listen || i < 0 || i >= a->listen->n_said || !a->listen->said[i].rec)
		return NULL;
	*n = a->listen->said[i].rec_n;
	return a->listen->said[i].rec;
}

int listen_rec_ahead(const app *a)
{
	const struct listen *l = a->listen;
	if (!l || !l->on)
		return 0;
	if (l->nr)
		return 1;
	for (int i = l->next; i < l->n_said; i++)
		if (l->said[i].rec)
			return 1;
	return 0;
}

uint64_t listen_rec_samples(const app *a)
{
	return a->listen ? a->listen->rec_samples : 0;
}

unsigned listen_log_id(const app *a)
{
	return a->listen ? a->listen->log_id : 0;
}

uint64_t listen_samples(const app *a)
{
	return a->listen ? snd_stream_played(a->snd) - a->listen->mark : 0;
}
