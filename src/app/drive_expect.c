/* SPDX-License-Identifier: MIT */
/*
 * The driver's checks of what is on screen (`expect ...`): text, controls
 * in view or greyed, a control's place kept, the text size, the theme, a
 * text's direction, a grouped patient code, a semantic role. Each fails
 * with a message saying what it saw instead. drive.c reads the script and
 * calls them by name; they only look, never tap.
 */
#include "app.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int drive_expect(app *a, const char *arg)
{
	return tree_has_text(a, arg) ? 0 : mk_err(MK_ENOTFOUND, "expected to see '%s'", arg);
}

int drive_expect_not(app *a, const char *arg)
{
	return !tree_has_text(a, arg) ? 0 : mk_err(MK_EINVAL, "did not expect to see '%s'", arg);
}

/* `expect-in-view [LABEL]`: every control of the screen (a button, a
 * key), or the one labelled LABEL, is wholly inside the window as it
 * stands, without scrolling: nothing a patient must tap is cut off at the
 * edge. */
int drive_expect_in_view(app *a, const char *arg)
{
	int seen = 0;
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		SDL_Rect r = e->r;
		if (e->act == ACT_NONE || r.w <= 0 || r.h <= 0 || (*arg && (!e->text || strcmp(e->text, arg))))
			continue;
		seen++;
		if (!e->fixed)
			r.y -= (int)(a->scroll.offset + 0.5f);
		if (r.x < 0 || r.y < 0 || r.x + r.w > a->w || r.y + r.h > a->h)
			return mk_err(MK_EINVAL, "'%s' is at %d,%d %dx%d, not wholly in the %dx%d window",
				      e->text ? e->text : e->role, r.x, r.y, r.w, r.h, a->w, a->h);
	}
	return seen || !*arg ? 0 : mk_err(MK_ENOTFOUND, "no control labelled '%s'", arg);
}

/* The first control, or with any 0 the first element, whose text is
 * LABEL (controls) or contains it; -1 when none. */
static int find_el(const app *a, const char *label, int controls)
{
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!e->text || (controls && e->act == ACT_NONE))
			continue;
		if (controls ? !strcmp(e->text, label) : mk_str_contains(e->text, label))
			return i;
	}
	return -1;
}

/* `expect-disabled LABEL`: the control with that label is shown greyed
 * (a tap on it does nothing). */
int drive_expect_disabled(app *a, const char *arg)
{
	int i = find_el(a, arg, 1);
	if (i < 0)
		return mk_err(MK_ENOTFOUND, "no control '%s' on screen", arg);
	return a->vw.v[i].enabled ? mk_err(MK_EINVAL, "'%s' is enabled", arg) : 0;
}

/* `remember-place LABEL` notes where that control is; `expect-same-place
 * LABEL` checks it is there still (the top bar's controls keep their
 * places from screen to screen). `expect-scale N`: the text size is N%. */
static SDL_Rect remembered;
/* Where a control is on the screen, as a finger finds it: a scrolled
 * page moves it as surely as a new layout. */
static SDL_Rect on_screen(const app *a, int i)
{
	SDL_Rect r = a->vw.v[i].r;
	if (!a->vw.v[i].fixed)
		r.y -= (int)(a->scroll.offset + 0.5f);
	return r;
}

int drive_remember_place(app *a, const char *arg)
{
	int i = find_el(a, arg, 1);
	if (i < 0)
		return mk_err(MK_ENOTFOUND, "no control '%s' on screen", arg);
	remembered = on_screen(a, i);
	return 0;
}

int drive_expect_same_place(app *a, const char *arg)
{
	int i = find_el(a, arg, 1);
	if (i < 0)
		return mk_err(MK_ENOTFOUND, "no control '%s' on screen", arg);
	SDL_Rect r = on_screen(a, i);
	if (r.x != remembered.x || r.y != remembered.y || r.w != remembered.w || r.h != remembered.h)
		return mk_err(MK_EINVAL, "'%s' moved from %d,%d %dx%d to %d,%d %dx%d", arg, remembered.x,
			      remembered.y, remembered.w, remembered.h, r.x, r.y, r.w, r.h);
	return 0;
}

int drive_expect_scale(app *a, const char *arg)
{
	int want = atoi(arg);
	return a->scale == want ? 0 : mk_err(MK_EINVAL, "text size is %d%%, not %d%%", a->scale, want);
}

/* `expect-theme NAME`: the screen is drawn in that theme (default,
 * high-contrast). */
int drive_expect_theme(app *a, const char *arg)
{
	return !strcmp(a->th->name, arg) ? 0 : mk_err(MK_EINVAL, "the theme is %s, not %s", a->th->name, arg);
}

/* `expect-dir TEXT ltr|rtl`: text containing TEXT reads in that direction. */
int drive_expect_dir(app *a, const char *arg)
{
	char text[256], dir[8];
	const char *sp = strrchr(arg, ' ');
	if (!sp || (strcmp(sp + 1, "ltr") && strcmp(sp + 1, "rtl")) || (size_t)(sp - arg) >= sizeof text)
		return mk_err(MK_EINVAL, "expect-dir wants TEXT ltr|rtl, got '%s'", arg);
	snprintf(text, sizeof text, "%.*s", (int)(sp - arg), arg);
	snprintf(dir, sizeof dir, "%s", sp + 1);
	int i = find_el(a, text, 0);
	if (i < 0)
		return mk_err(MK_ENOTFOUND, "nothing shows '%s'", text);
	int rtl = a->vw.v[i].st.rtl;
	return rtl == !strcmp(dir, "rtl") ? 0 : mk_err(MK_EINVAL, "'%s' reads %s", text, rtl ? "rtl" : "ltr");
}

/* `expect-code ROLE`: something with that role on screen shows a patient
 * code in groups of four ("WZU8 FWSQ"). */
static int grouped_at(const char *s)
{
	for (int i = 0; i < 9; i++)
		if (i == 4 ? s[i] != ' ' : (!s[i] || !strchr(STORE_CODE_ALPHABET, s[i])))
			return 0;
	return 1;
}

int drive_expect_code(app *a, const char *arg)
{
	for (int i = 0; i < a->vw.n; i++) {
		const view_el *e = &a->vw.v[i];
		if (!e->role || strcmp(e->role, arg) || !e->text)
			continue;
		for (const char *s = e->text; *s; s++)
			if (grouped_at(s))
				return 0;
	}
	return mk_err(MK_EINVAL, "no '%s' on screen shows a code grouped as XXXX XXXX", arg);
}

/* `expect-role ROLE` / `expect-no-role ROLE`: something with that
 * semantic role is / is not on screen (the staff corner's "progress"). */
int drive_expect_role(app *a, const char *arg)
{
	return tree_has_role(a, arg) ? 0 : mk_err(MK_ENOTFOUND, "nothing with role '%s' on screen", arg);
}

int drive_expect_no_role(app *a, const char *arg)
{
	return !tree_has_role(a, arg) ? 0 : mk_err(MK_EINVAL, "did not expect role '%s' on screen", arg);
}
