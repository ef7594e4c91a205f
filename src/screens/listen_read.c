/* SPDX-License-Identifier: MIT */
/*
 * What Listen says: a screen's sentences in reading order, what each
 * control says, and what speaks by itself once the person at the kiosk
 * uses speech (listen_used).
 *
 * The sentences come from the view the screen was just laid out into (the
 * semantic tree the driver dumps), so what is spoken is what is shown and
 * no control on screen goes unspoken: the page or the screen in the order
 * it was laid out (title, texts, then its controls where they stand, each
 * announced as a button), then the top bar's controls from its start. A
 * dialog (the idle question) is read alone: what is under its dim cannot
 * be used. An answer says its place among the others ("Mild, 2 of 5") and
 * whether it is the one chosen; the PIN field says how many digits are
 * in, never which.
 *
 * Once speech is in use, a new screen says its title as it arrives, a
 * question is read with its answers, a digit typed says "digit entered"
 * (never the digit) and a message (a wrong PIN) is read out. The red-flag
 * screen is read whole at once, but only then: a kiosk nobody asked to
 * speak does not announce a patient's red flag to the waiting room.
 */
#include "listen_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A dialog dims what is under it: only what is drawn above is read. */
static int first_el(const app *a)
{
	return view_top_from(&a->vw);
}

static int is_label(const app *a, int i)
{
	return i > 0 && a->vw.v[i].kind == EL_TEXT && a->vw.v[i - 1].kind == EL_BUTTON &&
	       a->vw.v[i].role && !strcmp(a->vw.v[i].role, "label");
}

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\n")];
}

int listen_spoken(const app *a, int i)
{
	const view_el *e = &a->vw.v[i];
	/* A finger's second way to a control (the body picture's regions) is
	 * read once, as the control beside it; a finger on it still hears it
	 * (listen_describe). */
	if (blank(e->text) || is_label(a, i) || e->finger_only || e->r.w <= 0 || e->r.h <= 0)
		return 0;
	if (e->act != ACT_NONE)
		return e->enabled;
	return e->kind == EL_TEXT || e->kind == EL_IMAGE;
}

static int in_bar(const app *a, int i)
{
	return a->vw.v[i].fixed && a->vw.v[i].r.y < a->vw.bar_h;
}

static const char *str(const app *a, const char *key)
{
	return content_string(a->m, key, a->lang);
}

/* An answer's place among the answers it goes with (the question's, or
 * one quiz's on a page), counted in the order they were laid out. */
static void place(const app *a, int i, int *n, int *total)
{
	const view_el *e = &a->vw.v[i];
	*n = *total = 0;
	for (int j = 0; j < a->vw.n; j++) {
		const view_el *o = &a->vw.v[j];
		if (o->act != e->act || (e->act == ACT_QUIZ && o->arg != e->arg) || o->kind != EL_BUTTON)
			continue;
		++*total;
		if (j == i)
			*n = *total;
	}
}

static int chosen(const app *a, const view_el *e)
{
	switch (e->act) {
	case ACT_QUIZ: return e->arg >= 0 && e->arg < APP_MAX_QUIZZES && a->quiz_sel[e->arg] == e->arg2 + 1;
	case ACT_ANSWER: {
		const content_questionnaire *q = &a->m->q;
		int it = a->sc.item;
		if (!a->tk || it < 0 || it >= q->n_items || e->arg < 0 ||
		    e->arg >= q->scales[q->items[it].scale].n_options)
			return 0;
		return track_draft(a->tk)->scores[it] == q->scales[q->items[it].scale].scores[e->arg];
	}
	case ACT_AREA:
		if (a->sc.id == SCR_PHOTO_AREA)
			return a->sc.photo_area == e->arg;
		return a->tk && e->arg >= 0 && e->arg < 32 && (track_draft(a->tk)->areas >> e->arg) & 1u;
	default: return 0;
	}
}

/* "Mild, 2 of 5" in the screen's language. */
static void answer(const app *a, int i, char *out, size_t n)
{
	char s1[16], s2[16];
	int k, total;
	place(a, i, &k, &total);
	snprintf(s1, sizeof s1, "%d", k);
	snprintf(s2, sizeof s2, "%d", total);
	char *s = scr_fill(str(a, "listen_choice"), "{label}", a->vw.v[i].text, "{n}", s1, "{total}", s2, NULL);
	snprintf(out, n, "%s", s ? s : a->vw.v[i].text);
	free(s);
}

/* The PIN's field: how many digits are in, counted from its dots. */
static void pin_field(const app *a, const char *dots, char *out, size_t n)
{
	int in = 0, all = 0;
	char s1[16], s2[16];
	for (const char *p = dots; (p = strstr(p, "\u25CF")); p += 3)
		in++;
	for (const char *p = dots; (p = strstr(p, "\u25CB")); p += 3)
		all++;
	snprintf(s1, sizeof s1, "%d", in);
	snprintf(s2, sizeof s2, "%d", in + all);
	char *s = scr_fill(str(a, "listen_pin_field"), "{n}", s1, "{total}", s2, NULL);
	snprintf(out, n, "%s", s ? s : "");
	free(s);
}

static int secret(const app *a)
{
	int k = scr_row(a)->entry;
	return k == SCR_ENTRY_PIN || k == SCR_ENTRY_NEW_PIN || k == SCR_ENTRY_STAFF_PIN;
}

void listen_as_button(const app *a, const char *label, char *out, size_t n)
{
	char *s = scr_fill(str(a, "listen_control"), "{label}", label, NULL);
	snprintf(out, n, "%s", s ? s : label);
	free(s);
}

/* An answer, a chosen area, or another control, then its state. */
static void control(const app *a, int i, char *out, size_t n)
{
	const view_el *e = &a->vw.v[i];
	const char *state = chosen(a, e) ? "listen_selected" : !e->enabled ? "listen_unavailable" : NULL;
	char *s;
	if (e->act == ACT_QUIZ || e->act == ACT_ANSWER)
		answer(a, i, out, n);
	else if (e->act == ACT_LISTEN) /* what it is now, whatever the view last showed */
		listen_as_button(a, str(a, listen_whole(a) ? "listen_stop" : "listen"), out, n);
	else
		listen_as_button(a, e->text, out, n);
	if (state && (s = scr_fill(str(a, state), "{label}", out, NULL))) {
		snprintf(out, n, "%s", s);
		free(s);
	}
}

/* A session circle of the course (or the number in it): its box, or -1. */
static int circle(const app *a, int i)
{
	const char *r = a->vw.v[i].role;
	if (r && !strncmp(r, "session", 7) && a->vw.v[i].kind == EL_BOX)
		return i;
	if (r && !strcmp(r, "label") && i > 0 && a->vw.v[i - 1].role && !strncmp(a->vw.v[i - 1].role, "session", 7))
		return i - 1;
	return -1;
}

/* "Session 3, done", "Session 4, next", "Session 5, still to come". */
static void circle_words(const app *a, int c, char *out, size_t n)
{
	const char *r = a->vw.v[c].role;
	const char *key = !strcmp(r, "session-done") ? "listen_session_done"
			  : !strcmp(r, "session-next") ? "listen_session_next" : "listen_session_later";
	char *s = scr_fill(str(a, key), "{n}", a->vw.v[c].text, NULL);
	snprintf(out, n, "%s", s ? s : a->vw.v[c].text);
	free(s);
}

int listen_describe(const app *a, int i, char *out, size_t n)
{
	const view_el *e;
	if (i < 0 || i >= a->vw.n || !n)
		return 0;
	e = &a->vw.v[i];
	out[0] = 0;
	if (blank(e->text) || is_label(a, i)) /* a button's label is the button's */
		return 0;
	if (circle(a, i) >= 0) {
		circle_words(a, circle(a, i), out, n);
		return 1;
	}
	if (e->act != ACT_NONE)
		control(a, i, out, n);
	else if (e->role && !strcmp(e->role, "field-text") && secret(a))
		pin_field(a, e->text, out, n);
	else if (e->kind == EL_TEXT || e->kind == EL_IMAGE)
		snprintf(out, n, "%s", e->text);
	return out[0] != 0;
}

/* What element i says in a reading; Listen itself says Stop, as it
 * shows once the reading has begun. */
static void say_el(app *a, struct listen *l, int i, const char *prefix)
{
	char s[1024];
	if (a->vw.v[i].act == ACT_LISTEN)
		listen_as_button(a, str(a, "listen_stop"), s, sizeof s);
	else if (!listen_describe(a, i, s, sizeof s))
		return;
	listen_add(l, prefix, s, i);
}

static int inside(SDL_Rect box, SDL_Rect r)
{
	return r.y >= box.y && r.y < box.y + box.h && r.x >= box.x && r.x < box.x + box.w;
}

/* The page or screen (or the dialog) in the order it was laid out; the
 * first text in a callout box carries "Important: ". */
static void body(app *a, struct listen *l, int from, int dialog)
{
	char *important = mk_asprintf("%s ", str(a, "listen_important"));
	SDL_Rect box = { 0, 0, 0, 0 };
	int fresh = 0;
	for (int i = from; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!dialog && (e->fixed || !e->role))
			continue;
		if (e->role && !strcmp(e->role, "callout")) {
			box = e->r, fresh = 1;
			continue;
		}
		if (!listen_spoken(a, i))
			continue;
		if (fresh && e->act == ACT_NONE && inside(box, e->r)) {
			say_el(a, l, i, important ? important : "");
			fresh = 0;
		} else {
			say_el(a, l, i, "");
		}
	}
	free(important);
}

/* The top bar from its start: by row, then along the row (from the
 * right in a right-to-left language). */
static int bar_before(const app *a, int i, int j)
{
	const SDL_Rect *x = &a->vw.v[i].r, *y = &a->vw.v[j].r;
	if (x->y + x->h <= y->y || y->y + y->h <= x->y)
		return x->y < y->y;
	return a->m->rtl[a->lang] ? x->x > y->x : x->x < y->x;
}

static void bar(app *a, struct listen *l)
{
	int order[64], n = 0;
	for (int i = 0; i < a->vw.n && n < 64; i++)
		if (in_bar(a, i) && listen_spoken(a, i))
			order[n++] = i;
	for (int i = 1; i < n; i++) /* insertion sort: a dozen controls */
		for (int j = i; j > 0 && bar_before(a, order[j], order[j - 1]); j--) {
			int t = order[j];
			order[j] = order[j - 1], order[j - 1] = t;
		}
	for (int k = 0; k < n; k++)
		say_el(a, l, order[k], "");
}

void listen_collect(app *a, struct listen *l)
{
	int from = first_el(a);
	if (from > 0) { /* a dialog */
		body(a, l, from, 1);
		return;
	}
	body(a, l, 0, 0);
	bar(a, l);
}

/* ---- Speaking by itself, once speech is in use. */

static uint64_t screen_key(const app *a)
{
	uint64_t k = (uint64_t)a->sc.id;
	k = k * 1000003u + (uint64_t)(a->page + 1);
	k = k * 1000003u + (uint64_t)a->overlay;
	k = k * 1000003u + (uint64_t)(a->sc.item + 1);
	k = k * 1000003u + (uint64_t)a->lang;
	return k * 1000003u + a->sc.shown_ms;
}

static const char *message(const app *a)
{
	return a->sc.msg[0] && a->sc.msg_key ? scr_str(a, a->sc.msg) : a->sc.msg;
}

/* The screen's title: its first title, else its first words. */
static int title_el(const app *a)
{
	int first = -1;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (e->fixed || !listen_spoken(a, i) || e->act != ACT_NONE)
			continue;
		if (e->role && !strcmp(e->role, "title"))
			return i;
		if (first < 0)
			first = i;
	}
	return first;
}

/* A new screen: a question with its answers, the red flag and the idle
 * question whole (a patient who cannot read got there by speech, and
 * must hear what to do), any other its title. */
static void arrive(app *a, struct listen *l)
{
	int t, whole = a->overlay == OVERLAY_IDLE || a->sc.id == SCR_FLAG || a->sc.id == SCR_ITEM;
	listen_stop(a);
	listen_forget(l);
	if (whole)
		listen_collect(a, l);
	else if ((t = title_el(a)) >= 0)
		say_el(a, l, t, "");
	listen_start(a, whole);
}

/* What was typed: a PIN's digit only as "Digit entered" (the room can
 * hear); a code's character itself, so a patient who cannot see the
 * field knows what went in (a code alone opens nothing). */
static void typed(app *a, int more)
{
	const char *e = a->sc.entry, *last = e + strlen(e);
	char one[8];
	if (secret(a)) {
		listen_say_now(a, str(a, more ? "listen_digit" : "listen_digit_deleted"));
		return;
	}
	if (scr_row(a)->entry != SCR_ENTRY_CODE)
		return;
	if (!more || last == e) {
		listen_say_now(a, str(a, "listen_deleted"));
		return;
	}
	snprintf(one, sizeof one, "%c", last[-1]); /* code characters are ASCII */
	listen_say_now(a, one);
}

void listen_follow(app *a)
{
	struct listen *l = a->listen;
	uint64_t key;
	int len;
	char msg[sizeof a->sc.msg];
	if (!l || a->need_layout || a->overlay == OVERLAY_ATTRACT)
		return;
	key = screen_key(a);
	len = (int)strlen(a->sc.entry);
	snprintf(msg, sizeof msg, "%s", message(a));
	if (key != l->screen) {
		l->screen = key, l->entry_len = len;
		snprintf(l->msg, sizeof l->msg, "%s", msg);
		if (l->used && !scr_for_staff(a))
			arrive(a, l);
		return;
	}
	if (strcmp(msg, l->msg)) { /* a wrong PIN, a code not found: said, not only shown */
		snprintf(l->msg, sizeof l->msg, "%s", msg);
		l->entry_len = len;
		if (l->used && msg[0])
			listen_say_now(a, msg);
		return;
	}
	if (len != l->entry_len) {
		int more = len > l->entry_len;
		l->entry_len = len;
		if (l->used)
			typed(a, more);
	}
}
