/* SPDX-License-Identifier: MIT */
/*
 * The report's flow: the areas treated, one question at a time (answering
 * again from the review returns there), the note, then confirm. Saving is
 * durable before the patient is told it is saved, and a red flag leads to
 * its screen instead of "saved"; the answers leave memory once saved. The
 * views are report_view.c.
 */
#include "screens.h"
#include "sync.h"
#include <stdio.h>

void scr_report_start(app *a)
{
	track_report_begin(a->tk, a->lang);
	a->sc.from_review = 0;
	scr_go(a, SCR_AREAS);
}

void scr_report_next(app *a)
{
	int i = a->sc.from_review ? -2 : track_next_item(a->tk, a->sc.id == SCR_AREAS ? -1 : a->sc.item);
	if (i == -2 || i < 0) {
		a->sc.from_review = 0;
		scr_go(a, i == -2 ? SCR_REVIEW : SCR_NOTE);
		return;
	}
	a->sc.item = i;
	scr_go(a, SCR_ITEM);
}

void scr_report_confirm(app *a)
{
	char uuid[STORE_UUID_LEN + 1];
	int rule = -1, rc = track_report_save(a->tk, &rule, uuid);
	if (rc) {
		scr_say(a, 1, rc == MK_EFULL ? "save_failed_disk" : "save_failed");
		if (rc == MK_EFULL)
			sync_event(a->sync, "error", "disk-full", "a report could not be saved");
		mk_log(MK_LOG_ERROR, "report-not-saved", "code=%d", rc);
		return;
	}
	mk_log(MK_LOG_INFO, "report-saved", "red_flag=%d", rule >= 0);
	sync_kick(a->sync);
	track_report_begin(a->tk, a->lang); /* the saved answers leave memory */
	a->sc.rule = rule;
	a->sc.called = 0;
	scr_go(a, rule >= 0 ? SCR_FLAG : SCR_SAVED);
}

/* Once per red-flag screen: the call goes into the outbox ahead of
 * everything (store_call_add) and the sender is woken; the chime tells
 * the patient (and anyone near) that it went. A call that could not be
 * queued says so and sends the patient to the desk instead. */
void scr_flag_call(app *a)
{
	char uuid[STORE_UUID_LEN + 1];
	if (a->sc.id != SCR_FLAG || a->sc.called || !a->st)
		return;
	int rc = store_call_add(a->st, a->tk && track_signed_in(a->tk) ? track_code(a->tk) : NULL,
				scr_now(), uuid);
	if (rc) {
		mk_log(MK_LOG_ERROR, "staff-call-failed", "code=%d", rc);
		scr_say(a, 1, "flag_call_failed");
		return;
	}
	mk_log(MK_LOG_INFO, "staff-called", "call=%s", uuid);
	a->sc.called = 1;
	snd_play(a->snd, SND_CHIME);
	sync_kick(a->sync);
	a->need_layout = 1;
}

void scr_back_item(app *a)
{
	int i;
	if (a->sc.from_review) {
		a->sc.from_review = 0;
		scr_go(a, SCR_REVIEW);
	} else if ((i = track_prev_item(a->tk, a->sc.item)) >= 0) {
		a->sc.item = i;
		scr_go(a, SCR_ITEM);
	} else {
		scr_go(a, SCR_AREAS);
	}
}

void scr_back_note(app *a)
{
	int i;
	snprintf(track_draft(a->tk)->note, TRACK_NOTE_MAX + 1, "%s", a->sc.entry);
	if ((i = track_prev_item(a->tk, -1)) >= 0) {
		a->sc.item = i;
		scr_go(a, SCR_ITEM);
	} else {
		scr_go(a, SCR_AREAS);
	}
}

/* Answers the patient has given and not saved: a report screen with the
 * areas marked (the first answer) or a note being typed. */
int scr_report_unsaved(const app *a)
{
	scr_id id = a->sc.id;
	if (!a->tk || !track_signed_in(a->tk) ||
	    (id != SCR_AREAS && id != SCR_ITEM && id != SCR_NOTE && id != SCR_REVIEW))
		return 0;
	return track_draft(a->tk)->areas != 0 || (id == SCR_NOTE && a->sc.entry[0]);
}

/* Signing out or going Home from a report with answers asks first: the
 * answers are not saved until the patient confirms them, and a slip of
 * the finger in the corner would lose them. `to` is F_SIGN_OUT or F_HOME
 * (the shell asks only when scr_report_unsaved). */
void scr_leave(app *a, int to)
{
	if (!scr_report_unsaved(a)) {
		if (to == F_SIGN_OUT)
			scr_sign_out(a);
		return;
	}
	if (a->sc.id == SCR_NOTE) /* keep what is typed, as Back does */
		snprintf(track_draft(a->tk)->note, TRACK_NOTE_MAX + 1, "%s", a->sc.entry);
	a->sc.leave_from = a->sc.id;
	a->sc.leave_to = to;
	scr_go(a, SCR_LEAVE_ASK);
}

/* "Keep answering" and Back: the report screen the patient was on. */
void scr_back_leave(app *a)
{
	scr_go(a, a->sc.leave_from == SCR_LEAVE_ASK ? SCR_AREAS : a->sc.leave_from);
}

void scr_report_answer(app *a, int option)
{
	const content_questionnaire *q = &a->m->q;
	int i = a->sc.item;
	if (i < 0 || i >= q->n_items || i >= TRACK_MAX_ITEMS)
		return;
	const content_scale *sc = &q->scales[q->items[i].scale];
	if (option < 0 || option >= sc->n_options)
		return;
	track_draft(a->tk)->scores[i] = sc->scores[option];
	scr_report_next(a);
}
