/* SPDX-License-Identifier: MIT */
/*
 * Listen: the education page read aloud. Tapping the control in the top
 * bar reads the page from the top in the page's language: its title,
 * headings, paragraphs, list items, captions, the callouts (announced
 * "Important: ...") and the pictures' descriptions. The sentences are
 * taken from the view the screen was just laid out into (the semantic
 * tree the driver dumps), so what is spoken is what is shown.
 *
 * Speech is made on its own thread (src/speech); each frame, listen_tick
 * moves what is ready into the sound's speech stream as far as it has
 * room and feeds the engine a few sentences ahead, so nothing ever waits
 * in a frame and a page of any length is read. Any other tap, a change of
 * page, screen, language or overlay (the idle question, sign-out) stops
 * it at once: the engine, its queue and the stream are emptied.
 *
 * A kiosk with `speech = off`, without a sound device or without the
 * voices says why once in its log (speech-off) and shows no Listen.
 * The text read is never logged: it may one day be a patient's own.
 */
#include "screens.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD 3 /* sentences given to the engine before the one heard is done */

struct listen {
	speech *sp;
	int on;
	int page, lang, scr, overlay; /* what is being read: a change stops it */
	char **said;                  /* the sentences, in order */
	int n_said, cap, next, queued;
	unsigned log_id;              /* a new one each time the sentences are forgotten */
	uint64_t mark;                /* speech samples played at the last tap or stop */
	uint64_t tap_ns;              /* the Listen tap, for the first-sound line */
	int heard;                    /* the first sound of this reading was logged */
	int used;                     /* listen_set_used */
	int announcing;               /* on for listen_say_now, not reading the page */
};

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

static void forget(struct listen *l)
{
	for (int i = 0; i < l->n_said; i++)
		free(l->said[i]);
	l->n_said = l->next = l->queued = 0;
	l->log_id++;
}

void listen_close(app *a)
{
	if (!a->listen)
		return;
	speech_close(a->listen->sp);
	forget(a->listen);
	free(a->listen->said);
	free(a->listen);
	a->listen = NULL;
}

int listen_shown(const app *a)
{
	return a->listen && a->sc.id == SCR_PAGE && !a->sc.staff && speech_voice(a->m->langs[a->lang]);
}

int listen_on(const app *a)
{
	return a->listen && a->listen->on;
}

int listen_reading(const app *a)
{
	return listen_on(a) && !a->listen->announcing;
}

void listen_stop(app *a)
{
	struct listen *l = a->listen;
	if (!l || !l->on)
		return;
	speech_stop(l->sp);
	snd_stream_stop(a->snd);
	l->on = 0;
	l->queued = 0;
	l->next = l->n_said;
	l->mark = snd_stream_played(a->snd); /* nothing is heard from here on */
	a->need_layout = 1; /* Stop becomes Listen again */
}

static void add(struct listen *l, const char *prefix, const char *text)
{
	char **more;
	if (!text || !text[strspn(text, " \t\n")])
		return;
	if (l->n_said == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		if (!(more = realloc(l->said, (size_t)cap * sizeof *more)))
			return;
		l->said = more, l->cap = cap;
	}
	if ((l->said[l->n_said] = mk_asprintf("%s%s", prefix, text)))
		l->n_said++;
}

static int inside(SDL_Rect box, SDL_Rect r)
{
	return r.y >= box.y && r.y < box.y + box.h && r.x >= box.x && r.x < box.x + box.w;
}

static int spoken_role(const char *role)
{
	static const char *roles[] = { "title", "heading", "text", "list-item", "caption", "image" };
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (!strcmp(role, roles[i]))
			return 1;
	return 0;
}

/* The page's sentences, in the order they are laid out; the first text
 * in a callout box carries "Important: ". */
static void collect(app *a, struct listen *l)
{
	const char *important = content_string(a->m, "listen_important", a->lang);
	SDL_Rect box = { 0, 0, 0, 0 };
	int fresh = 0;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->fixed || !e->role)
			continue;
		if (!strcmp(e->role, "callout")) {
			box = e->r, fresh = 1;
			continue;
		}
		if (!spoken_role(e->role) || !e->text)
			continue;
		if (fresh && inside(box, e->r)) {
			char *p = mk_asprintf("%s ", important);
			add(l, p ? p : "", e->text);
			free(p);
			fresh = 0;
		} else {
			add(l, "", e->text);
		}
	}
}

void listen_toggle(app *a)
{
	struct listen *l = a->listen;
	if (!l)
		return;
	if (l->on) {
		listen_stop(a);
		return;
	}
	forget(l);
	l->used = 1, l->announcing = 0;
	collect(a, l);
	l->on = l->n_said > 0;
	l->page = a->page, l->lang = a->lang, l->scr = a->sc.id, l->overlay = a->overlay;
	l->tap_ns = mk_mono_ns();
	l->heard = 0;
	mk_log(MK_LOG_INFO, "listen", "page=%s lang=%s sentences=%d", a->m->pages[a->page].id,
	       a->m->langs[a->lang], l->n_said);
	listen_tick(a); /* the first sentence goes to the engine now, not a frame later */
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
	forget(l);
	add(l, "", text);
	l->on = l->n_said > 0, l->announcing = 1;
	l->page = a->page, l->lang = a->lang, l->scr = a->sc.id, l->overlay = a->overlay;
	l->tap_ns = mk_mono_ns();
	l->heard = 0;
	l->mark = snd_stream_played(a->snd);
	listen_tick(a);
}

int listen_describe(const app *a, int i, char *out, size_t n)
{
	const view_el *e;
	if (i < 0 || i >= a->vw.n || !n)
		return 0;
	e = &a->vw.v[i];
	out[0] = 0;
	if (!e->text || !e->text[strspn(e->text, " \t\n")])
		return 0;
	if (e->act != ACT_NONE)
		snprintf(out, n, "%s, %s", e->text, content_string(a->m, "listen_button", a->lang));
	else if (e->role && spoken_role(e->role))
		snprintf(out, n, "%s", e->text);
	return out[0] != 0;
}

void listen_tap(app *a, int act)
{
	struct listen *l = a->listen;
	if (!l)
		return;
	if (act != ACT_LISTEN)
		listen_stop(a);
	if (!l->on)
		forget(l);
	l->mark = snd_stream_played(a->snd);
}

/* Keeps AHEAD sentences with the engine; one it refuses is skipped. */
static void feed(app *a, struct listen *l)
{
	while (l->queued < AHEAD && l->next < l->n_said) {
		const char *s = l->said[l->next++];
		if (speech_say(l->sp, s, a->m->langs[a->lang], a->cfg.speech_rate, 100, NULL) == 0)
			l->queued++;
		else
			mk_log(MK_LOG_WARN, "listen-skip", "why=%s", mk_err_msg());
	}
}

/* Speech made so far into the stream, as far as it has room. */
static void drain(app *a, struct listen *l)
{
	speech_chunk c;
	size_t most = SPEECH_RATE_HZ * SPEECH_CHUNK_MS / 1000 + 1;
	while (snd_stream_room(a->snd, SPEECH_RATE_HZ) >= most && speech_next(l->sp, &c) == 0) {
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
	if (l->next == l->n_said && !l->queued && !speech_busy(l->sp) && !snd_stream_busy(a->snd)) {
		l->on = 0; /* read to the end */
		a->need_layout = 1;
	}
	return l->on;
}

int listen_n_said(const app *a)
{
	return a->listen ? a->listen->n_said : 0;
}

const char *listen_said(const app *a, int i)
{
	return a->listen && i >= 0 && i < a->listen->n_said ? a->listen->said[i] : NULL;
}

unsigned listen_log_id(const app *a)
{
	return a->listen ? a->listen->log_id : 0;
}

uint64_t listen_samples(const app *a)
{
	return a->listen ? snd_stream_played(a->snd) - a->listen->mark : 0;
}
