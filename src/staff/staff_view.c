/* SPDX-License-Identifier: MIT */
/*
 * Layout of the staff screens: the staff home (tracking status, the send
 * queue, today's alerts), plans for a new course and their adjustment, the
 * patient's PIN entry at enrolment and the new code shown large, finding a
 * patient and what staff can do for them. The staff PIN's pad is in
 * staffpin.c, the Sending screen in send_view.c.
 */
#include "staff.h"
#include "sync.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define ALERTS_SHOWN 20

static int x0(lay *L)
{
	return (L->a->w - scr_width(L)) / 2;
}

static int say(lay *L, int y, const char *s)
{
	return scr_body(L, s, y, L->a->th->text);
}

static int64_t local_midnight(int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	return (int64_t)mktime(&tm);
}

static int alerts(lay *L, int y)
{
	app *a = L->a;
	store_alert_info al[ALERTS_SHOWN];
	int n = 0;
	y += lay_text(L, "heading", scr_str(a, "staff_alerts"), lay_px(L, SZ_H2, 1), 1, a->th->text, x0(L), y,
		      scr_width(L), REN_ALIGN_START) + lay_px(L, 16, 1);
	if (store_alerts_since(a->st, local_midnight(scr_now()), al, ALERTS_SHOWN, &n) != 0 || !n)
		return say(L, y, scr_str(a, "staff_no_alerts"));
	for (int i = 0; i < n; i++) {
		char when[16], shown[SCR_CODE_SHOWN];
		time_t t = (time_t)al[i].at;
		struct tm tm;
		localtime_r(&t, &tm);
		strftime(when, sizeof when, "%H:%M", &tm);
		scr_code_group(al[i].code, shown);
		char *line = scr_fill(scr_str(a, al[i].level >= CONTENT_FLAG_EMERGENCY ? "staff_alert_emergency"
											 : "staff_alert_line"),
				      "{time}", when, "{code}", shown, NULL);
		y = scr_body(L, view_own(L->vw, line), y, a->th->danger_edge);
	}
	return y;
}

/* How the screen is drawn (present.c), for IT standing at the kiosk.
 * Headless is SDL's software renderer too. */
static int drawing(lay *L, int y)
{
	app *a = L->a;
	if (!a->cfg.present || strcmp(a->cfg.present, "gl"))
		return say(L, y, scr_str(a, "staff_drawing_software"));
	return say(L, y, view_own(L->vw, scr_fill(scr_str(a, "staff_drawing_gl"), "{driver}",
						  a->cfg.present_driver, NULL)));
}

/* What the content's load noticed but did not refuse (a contact missing
 * from kiosk.conf, a review date passed), as IT wrote it: file:line. */
static int content_notes(lay *L, int y)
{
	app *a = L->a;
	const content_problems *w = a->ct ? content_warnings(a->ct) : NULL;
	size_t nd = a->cfg.content_dir ? strlen(a->cfg.content_dir) : 0;
	for (int i = 0; w && i < w->n && i < 4; i++) {
		const char *f = w->v[i].file; /* named from the content folder, as staff edit it */
		if (nd && !strncmp(f, a->cfg.content_dir, nd) && f[nd] == '/')
			f += nd + 1;
		char *line = mk_asprintf("%s:%d: %s", f, w->v[i].line, w->v[i].msg);
		if (line)
			y = scr_body(L, view_own(L->vw, line), y, a->th->warn_edge);
	}
	return y;
}

/* What guards patients' keys here: the plain warning when only their PINs
 * do, and a TPM in its lockout (why no patient can sign in now). */
static int tpm(lay *L, int y)
{
	app *a = L->a;
	store_tpm_info info;
	char s[16];
	if (a->tpm_off)
		return scr_body(L, scr_pin_words(L, a->tpm_off), y, a->th->warn_edge);
	if (store_tpm_state(a->st, &info) != 0)
		return scr_body(L, scr_str(a, "staff_tpm_failed"), y, a->th->danger_edge);
	if (!info.locked)
		return say(L, y, scr_str(a, "staff_tpm_ok"));
	snprintf(s, sizeof s, "%d", info.recovery_s);
	return scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "staff_tpm_locked"), "{s}", s, NULL)),
			y, a->th->danger_edge);
}

int staff_view_home(lay *L, int y)
{
	app *a = L->a;
	char w[16], s[16];
	int waiting = 0, aside = 0;
	y = scr_msg(L, y);
	if (a->track_off)
		y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "staff_off"), "{reason}",
							 scr_str(a, a->track_off), NULL)),
			     y, a->th->danger_edge);
	if (store_disk_full(a->st))
		y = scr_body(L, scr_str(a, "disk_full"), y, a->th->danger_edge);
	if (!sync_clock_synced())
		y = scr_body(L, scr_str(a, "staff_clock_unsynced"), y, a->th->warn_edge);
	y = tpm(L, y);
	store_outbox_counts(a->st, &waiting, &aside);
	snprintf(w, sizeof w, "%d", waiting);
	snprintf(s, sizeof s, "%d", aside);
	y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "staff_queue"), "{n}", w, "{m}", s, NULL)));
	y = staff_software_line(L, y);
	y = scr_after(L, y, scr_button(L, scr_str(a, "staff_send"), y, 0, ACT_FLOW, F_STAFF_SEND));
	view_el *e = scr_button(L, scr_str(a, "staff_enrol"), y, 1, ACT_FLOW, F_STAFF_ENROL);
	if (e && (a->track_off || !a->m->n_plans))
		e->enabled = 0;
	y = scr_after(L, y, e);
	y = scr_after(L, y, scr_button(L, scr_str(a, "staff_find"), y, 0, ACT_FLOW, F_STAFF_FIND));
	y = alerts(L, y + lay_px(L, 16, 0));
	y = drawing(L, y);
	y = content_notes(L, y); /* below the controls staff use: these are for IT */
	return scr_after(L, y, scr_button(L, scr_str(a, "staff_close"), y, 0, ACT_FLOW, F_STAFF_CLOSE));
}

/* The plans, two to a row on a wide screen, so staff see most at once. */
int staff_view_plans(lay *L, int y)
{
	app *a = L->a;
	int two = a->w > a->h, gap = lay_px(L, 20, 0), full = a->w - 2 * scr_margin(L);
	int w = two ? (full - gap) / 2 : scr_width(L), x = two ? scr_margin(L) : (a->w - scr_width(L)) / 2;
	int row_h = 0;
	for (int i = 0; i < a->m->n_plans; i++) {
		int col = two ? i % 2 : 0;
		view_el *e = lay_button(L, "choice", content_tr(a->m, &a->m->plans[i].name, a->lang),
					(SDL_Rect){ x + col * (w + gap), y, w, lay_px(L, 96, 0) },
					lay_px(L, SZ_BUTTON_TEXT, 1), 0, ACT_PLAN);
		if (!e)
			break;
		e->arg = i;
		row_h = e->r.h > row_h ? e->r.h : row_h;
		if (!two || col == 1 || i == a->m->n_plans - 1) {
			y += row_h + gap;
			row_h = 0;
		}
	}
	return y;
}

/* "Sessions   [-]  12  [+]". A long label wraps short of the keys (large
 * text, French); the row grows to it and the keys stay centred beside it. */
static int stepper(lay *L, int y, const char *label, int value, int minus, int plus)
{
	app *a = L->a;
	view *vw = L->vw;
	int b = lay_px(L, SZ_BUTTON_H, 0), x = x0(L), lw = scr_width(L) - 3 * b - lay_px(L, 48, 0);
	int i = vw->n, th, row, by;
	th = lay_text(L, "text", label, lay_px(L, SZ_BODY, 1), 1, a->th->text, x, y, lw - lay_px(L, 24, 0),
		      REN_ALIGN_START);
	row = th > b ? th : b;
	if (th)
		vw->v[i].r.y = y + (row - th) / 2;
	by = y + (row - b) / 2;
	view_el *e = lay_button(L, "button", "\u2212", (SDL_Rect){ x + lw, by, b, b }, lay_px(L, 44, 0), 0, ACT_FLOW);
	if (e) { /* named for the semantic tree: "Sessions −" */
		e->arg = minus;
		e->text = view_own(vw, mk_asprintf("%s \u2212", label));
	}
	i = vw->n;
	th = lay_text(L, "value", view_own(vw, mk_asprintf("%d", value)), lay_px(L, 44, 0), 1, a->th->text,
		      x + lw + b, by, b + lay_px(L, 48, 0), REN_ALIGN_CENTER);
	if (th)
		vw->v[i].r.y = y + (row - th) / 2;
	e = lay_button(L, "button", "+", (SDL_Rect){ x + lw + 2 * b + lay_px(L, 48, 0), by, b, b },
		       lay_px(L, 44, 0), 0, ACT_FLOW);
	if (e) {
		e->arg = plus;
		e->text = view_own(vw, mk_asprintf("%s +", label));
	}
	return y + row + lay_px(L, 24, 0);
}

int staff_view_adjust(lay *L, int y)
{
	app *a = L->a;
	const content_plan *p = &a->m->plans[a->sc.plan];
	y = say(L, y, content_tr(a->m, &p->name, a->lang));
	y = stepper(L, y, scr_str(a, "sessions"), a->sc.sessions, F_SESS_MINUS, F_SESS_PLUS);
	y = stepper(L, y, scr_str(a, "interval"), a->sc.interval, F_INT_MINUS, F_INT_PLUS);
	return scr_after(L, y, scr_button(L, scr_str(a, a->sc.code[0] ? "staff_start_course" : "staff_enrol_go"),
					  y, 1, ACT_FLOW, F_PLAN_GO));
}

/* Height of s in the column at px (bold or not), as lay_text wraps it. */
static int text_h(lay *L, const char *s, int px, int bold)
{
	ren_text_style st = { .px = px, .bold = bold, .rtl = L->rtl, .line_pct = 145 };
	ren_text_metrics m = { 0 };
	ren_text_measure(L->a->rn, &st, s, scr_width(L), &m);
	return m.h;
}

/* A new PIN, typed twice: the second time the screen says so in its own
 * title and in the body's full colour, not only in small grey words, so a
 * patient sees that the screen changed and what it now wants. The title
 * and the words each take the room of the longer of their two versions,
 * and a note stays for both, so the pad does not move under the finger
 * that tapped OK (issue 18). */
static int pin_entry(lay *L, int y, const char *title, const char *first, const char *note)
{
	static const char *const msgs[] = { "pin_mismatch", "save_failed_disk", NULL };
	app *a = L->a;
	int again = a->sc.pin1[0] != 0, top = y, h1, h2;
	const char *t2 = scr_str(a, "pin_again_title"), *w1 = scr_pin_words(L, first), *w2 = scr_str(a, "pin_again");
	h1 = text_h(L, title, lay_px(L, SZ_H1, 1), 1);
	h2 = text_h(L, t2, lay_px(L, SZ_H1, 1), 1);
	y = scr_title(L, again ? t2 : title, y);
	y = top + (h1 > h2 ? h1 : h2) + lay_px(L, 28, 1);
	if (note)
		y = say(L, y, note);
	top = y;
	h1 = text_h(L, w1, lay_px(L, SZ_BODY, 1), 0);
	h2 = text_h(L, w2, lay_px(L, SZ_BODY, 1), 0);
	scr_body(L, again ? w2 : w1, y, again ? a->th->text : a->th->muted);
	y = top + (h1 > h2 ? h1 : h2) + lay_px(L, 24, 1);
	L->msgs = msgs;
	return scr_pin(L, y, a->cfg.pin_len, a->cfg.pin_len);
}

int staff_view_enrol_code(lay *L, int y)
{
	app *a = L->a;
	char shown[SCR_CODE_SHOWN];
	scr_code_group(a->sc.code, shown);
	y += lay_text(L, "patient-code", view_own(L->vw, mk_strdup(shown)), lay_px(L, 120, 0), 1, a->th->primary, x0(L), y,
		      scr_width(L), REN_ALIGN_CENTER) + lay_px(L, 32, 0);
	y = say(L, y, scr_str(a, "enrol_code_body"));
	y = scr_msg(L, y);
	return scr_after(L, y, scr_button(L, scr_str(a, "done"), y, 1, ACT_FLOW, F_STAFF_HOME));
}

/* "Patient WZU8 FWSQ". */
static int patient_title(lay *L, int y)
{
	app *a = L->a;
	char shown[SCR_CODE_SHOWN];
	scr_code_group(a->sc.code, shown);
	return scr_title(L, view_own(L->vw, scr_fill(scr_str(a, "staff_patient"), "{code}", shown, NULL)), y);
}

/* What staff can do for a patient. Every control keeps its place while
 * the screen is up: a lock shows in the message's place (a message, such
 * as Done after Unlock, takes it over), and Unlock is always there,
 * greyed as "Not locked" when there is nothing to unlock, so a second tap
 * on it never lands on the button below (issue 18). */
int staff_view_patient(lay *L, int y)
{
	/* What comes while it is up (The new PIN is set comes with it). A
	 * full disk's longer words grow the room, rarely and once. */
	static const char *const msgs[] = { "staff_locked", "staff_done", NULL };
	app *a = L->a;
	store_patient_info pi;
	store_course c;
	char d[16], t[16];
	y = patient_title(L, y);
	L->msgs = msgs;
	if (store_patient_find(a->st, a->sc.code, scr_now(), &pi) != 0)
		return scr_msg(L, y);
	y = scr_msg_or(L, y, pi.locked ? "staff_locked" : NULL, 1);
	int has = store_course_get_active(a->st, pi.id, &c) == 0;
	if (has) {
		snprintf(d, sizeof d, "%d", c.sessions_done);
		snprintf(t, sizeof t, "%d", c.sessions_planned);
		y = say(L, y, view_own(L->vw, scr_fill(scr_str(a, "course_session"), "{done}", d, "{total}", t, NULL)));
		y = scr_after(L, y, scr_button(L, scr_str(a, "staff_session_done"), y, 1, ACT_FLOW, F_P_SESSION));
	}
	y = staff_view_undo(L, y);
	y = scr_after(L, y, scr_button(L, scr_str(a, "staff_start_course"), y, !has, ACT_FLOW, F_P_COURSE));
	view_el *e = scr_button(L, scr_str(a, pi.locked ? "staff_unlock" : "staff_not_locked"), y, pi.locked,
				ACT_FLOW, F_P_UNLOCK);
	if (e)
		e->enabled = pi.locked;
	y = scr_after(L, y, e);
	y = scr_after(L, y, scr_button(L, scr_str(a, "staff_reset"), y, 0, ACT_FLOW, F_P_RESET));
	if (a->cfg.import_dir)
		y = scr_after(L, y, scr_button(L, scr_str(a, "photo_import_title"), y, 0, ACT_FLOW, F_P_IMPORT));
	return scr_after(L, y, scr_button(L, scr_str(a, "staff_erase"), y, 0, ACT_FLOW, F_P_ERASE));
}

int staff_view_erase(lay *L, int y)
{
	app *a = L->a;
	y = patient_title(L, y);
	y = say(L, y, scr_str(a, "erase_confirm"));
	view_el *e = scr_button(L, scr_str(a, "erase_yes"), y, 1, ACT_FLOW, F_P_ERASE_YES);
	if (e)
		e->fill = e->edge = a->th->danger_edge;
	y = scr_after(L, y, e);
	return scr_after(L, y, scr_button(L, scr_str(a, "cancel"), y, 0, ACT_FLOW, F_BACK));
}

int staff_view_enrol_pin(lay *L, int y)
{
	return pin_entry(L, y, scr_str(L->a, "enrol_pin_title"), "enrol_pin", NULL);
}

int staff_view_find(lay *L, int y)
{
	static const char *const msgs[] = { "staff_not_found", NULL };
	L->msgs = msgs;
	y = scr_entry(L, y, 0, 0);
	y = scr_msg(L, y);
	return scr_osk(L, y, 1);
}

int staff_view_reset(lay *L, int y)
{
	return pin_entry(L, y, scr_str(L->a, "staff_reset"), "enrol_pin", scr_str(L->a, "staff_reset_note"));
}

int staff_view_import_pin(lay *L, int y)
{
	static const char *const msgs[] = { "signin_wrong", "photo_needs_consent", NULL };
	y = scr_body(L, scr_str(L->a, "photo_import_pin"), y, L->a->th->muted);
	L->msgs = msgs;
	return scr_pin(L, y, L->a->cfg.pin_len, STORE_PIN_MIN);
}
