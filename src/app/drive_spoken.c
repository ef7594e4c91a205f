/* SPDX-License-Identifier: MIT */
/*
 * The driver's checks that a screen is wholly spoken (issue 19): what a
 * patient who cannot see the screen hears must name every text and every
 * control they could use on it.
 *
 * `expect-all-spoken` taps Listen's action on the screen shown and wants
 * every enabled control and every text on it (the whole page, scrolled or
 * not; only the dialog when one is up) in what is queued to be said, as
 * the control says itself (listen_describe: "Next, button", "Mild, 2 of
 * 5"); it fails naming the ones missing. `expect-all-spoken pages` does
 * it on every page of the content, `expect-all-spoken questions` on every
 * question of the questionnaire (a patient signed in, a report open).
 *
 * `expect-reading TEXT` waits (in real time: speech plays in real time)
 * until the element being heard holds TEXT, and wants it outlined on
 * screen, below the bar. `said-mark` and `expect-never-said TEXT` look at
 * everything said between them, announcements included (a PIN's digits).
 */
#include "app.h"
#include <stdio.h>
#include <string.h>

static int said_somewhere(const app *a, const char *want)
{
	for (int i = 0; i < listen_n_said(a); i++)
		if (strstr(listen_said(a, i), want))
			return 1;
	return 0;
}

static int is_label(const app *a, int i)
{
	return i > 0 && a->vw.v[i].kind == EL_TEXT && a->vw.v[i - 1].kind == EL_BUTTON &&
	       a->vw.v[i].role && !strcmp(a->vw.v[i].role, "label");
}

/* What the semantic tree holds that a person could see or use on the
 * screen shown (not Listen's own choice of what to read): every control
 * that can be used, every element with words; what is under a dialog's
 * dim is not there to use, and a finger's second way to a control (the
 * body picture's regions) is the control beside it. */
static int on_screen(app *a, int i, int from)
{
	const view_el *e = &a->vw.v[i];
	if (i < from || is_label(a, i) || e->finger_only || (e->act != ACT_NONE && !e->enabled) || e->r.w <= 0 ||
	    e->r.h <= 0)
		return 0;
	if (e->act == ACT_NONE && (!e->text || !e->text[strspn(e->text, " \t\n")]))
		return 0;
	return !e->fixed ? a->overlay == OVERLAY_NONE : tree_visible(a, i, NULL);
}

/* What i must be heard as: as it says itself, else its words (a box or
 * a photo holding the words of what is in it); "" for a control with no
 * words at all, which nothing can announce. */
static void heard_as(const app *a, int i, char *out, size_t n)
{
	if (a->vw.v[i].act == ACT_LISTEN) /* the reading tells how to stop it */
		listen_as_button(a, content_string(a->m, "listen_stop", a->lang), out, n);
	else if (!listen_describe(a, i, out, n))
		snprintf(out, n, "%s", a->vw.v[i].text ? a->vw.v[i].text : "");
}

/* Reads the screen as a tap on Listen would; the missing, named in out. */
static int missing(app *a, char *out, size_t n)
{
	int from = focus_first_el(a), bad = 0;
	size_t at = 0;
	char want[1024];
	listen_stop(a);
	listen_toggle(a);
	app_pump(a);
	listen_stop(a); /* what is queued stays in the log */
	app_pump(a);
	out[0] = 0;
	for (int i = 0; i < a->vw.n; i++) {
		if (!on_screen(a, i, from))
			continue;
		heard_as(a, i, want, sizeof want);
		if (want[0] && said_somewhere(a, want))
			continue;
		if (!want[0])
			snprintf(want, sizeof want, "a control with no words at %d,%d", a->vw.v[i].r.x, a->vw.v[i].r.y);
		if (bad++ < 6 && at < n)
			at += (size_t)snprintf(out + at, n - at, "%s'%s' (%s)", bad > 1 ? ", " : "", want,
					       a->vw.v[i].role ? a->vw.v[i].role : "?");
	}
	if (!listen_n_said(a))
		snprintf(out, n, "nothing at all (no speech?)"), bad = 1;
	return bad;
}

static const char *where(const app *a, char *buf, size_t n)
{
	if (a->sc.id == SCR_PAGE)
		snprintf(buf, n, "page %s", a->m->pages[a->page].id);
	else if (a->sc.id == SCR_ITEM)
		snprintf(buf, n, "question %s", a->m->q.items[a->sc.item].id);
	else
		snprintf(buf, n, "screen %d", (int)a->sc.id);
	return buf;
}

static int check_here(app *a)
{
	char miss[1024], w[128];
	if (!a->listen)
		return mk_err(MK_EINVAL, "the kiosk has no speech (see speech-off in the log)");
	if (missing(a, miss, sizeof miss))
		return mk_err(MK_EINVAL, "%s (%s): not spoken: %s", where(a, w, sizeof w),
			      a->m->langs[a->lang], miss);
	return 0;
}

static int every_page(app *a)
{
	for (int p = 0; p < a->m->n_pages; p++) {
		int rc;
		a->overlay = OVERLAY_NONE;
		a->sc.id = SCR_PAGE;
		app_go(a, p, 1);
		drive_settle(a);
		if ((rc = check_here(a)) != 0)
			return rc;
	}
	return 0;
}

static int every_question(app *a)
{
	if (a->sc.id != SCR_ITEM)
		return mk_err(MK_EINVAL, "expect-all-spoken questions wants a question on screen");
	for (int i = 0; i < a->m->q.n_items; i++) {
		int rc;
		a->sc.item = i;
		scr_go(a, SCR_ITEM);
		drive_settle(a);
		if ((rc = check_here(a)) != 0)
			return rc;
	}
	return 0;
}

int drive_expect_all_spoken(app *a, const char *arg)
{
	if (!*arg)
		return check_here(a);
	if (!strcmp(arg, "pages"))
		return every_page(a);
	if (!strcmp(arg, "questions"))
		return every_question(a);
	return mk_err(MK_EINVAL, "expect-all-spoken wants nothing, pages or questions, got '%s'", arg);
}

int drive_expect_reading(app *a, const char *arg)
{
	uint64_t t0 = mk_mono_ns();
	SDL_Rect r;
	int i = -1;
	if (!*arg)
		return mk_err(MK_EINVAL, "expect-reading wants the words");
	while (mk_mono_ns() - t0 < 30 * 1000000000ull) {
		i = listen_reading(a);
		if (i >= 0 && a->vw.v[i].text && mk_str_contains(a->vw.v[i].text, arg))
			break;
		i = -1;
		SDL_Delay(5);
		app_pump(a);
	}
	if (i < 0)
		return mk_err(MK_EINVAL, "'%s' was not heard within 30 s", arg);
	app_pump(a); /* the scroll that follows it */
	if (!tree_visible(a, i, &r) || r.y + r.h > a->h ||
	    (!a->vw.v[i].fixed && r.y < a->vw.bar_h))
		return mk_err(MK_EINVAL, "'%s' is being read but is not wholly on screen", arg);
	return 0;
}

#ifdef MK_TESTING
int drive_said_mark(app *a, const char *arg)
{
	(void)a, (void)arg;
	listen_transcript_clear();
	return 0;
}

int drive_expect_never_said(app *a, const char *arg)
{
	const char *t = listen_transcript(), *at;
	(void)a;
	if (!*arg)
		return mk_err(MK_EINVAL, "expect-never-said wants the words");
	if (!(at = strstr(t, arg)))
		return 0;
	while (at > t && at[-1] != '\n')
		at--;
	return mk_err(MK_EINVAL, "'%s' was said: \"%.*s\"", arg, (int)strcspn(at, "\n"), at);
}
#else
int drive_said_mark(app *a, const char *arg)
{
	(void)a, (void)arg;
	return mk_err(MK_EINVAL, "said-mark needs a build with the test hooks (MK_TESTING)");
}

int drive_expect_never_said(app *a, const char *arg)
{
	return drive_said_mark(a, arg);
}
#endif
