/* SPDX-License-Identifier: MIT */
/*
 * "Record today's session as done", made hard to get wrong. A double tap
 * or a second receptionist used to add a second session the same day in
 * silence. Now:
 *
 * - A second session on the same (local) day asks first, on a screen of
 *   its own whose first and main button keeps one session; recording
 *   another is the deliberate second choice.
 * - Recording opens the patient's screen anew (scr_go), which starts the
 *   tap guard again (SCR_TAP_GUARD_MS): the screen changed under the
 *   finger (an Undo control appeared), so a double tap's second tap does
 *   nothing, as on a screen that moved on by itself.
 * - For a minute after recording, an Undo control says which session it
 *   takes back and how long it stays; the minute is the kiosk's clock
 *   (mk_now_ms), so the driver can let it run out. When it goes the guard
 *   starts again too, since the buttons under it move up.
 * - Undo takes the session out in one store transaction that also queues
 *   the correction for the clinic and the audit row naming whose PIN
 *   opened staff mode (store_session_undo).
 */
#include "staff.h"
#include "sync.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define UNDO_MS (60 * 1000)

static int same_day(int64_t a, int64_t b)
{
	time_t ta = (time_t)a, tb = (time_t)b;
	struct tm ma, mb;
	localtime_r(&ta, &ma);
	localtime_r(&tb, &mb);
	return ma.tm_year == mb.tm_year && ma.tm_yday == mb.tm_yday;
}

/* The patient in hand's course; MK_* with the message set. */
static int course_of(app *a, store_course *c)
{
	store_patient_info pi;
	int rc = store_patient_find(a->st, a->sc.code, scr_now(), &pi);
	return rc ? rc : store_course_get_active(a->st, pi.id, c);
}

static void say(app *a, int rc, const char *ok_key)
{
	if (rc == 0)
		scr_say(a, 0, ok_key);
	else if (rc == MK_EFULL)
		scr_say(a, 1, "save_failed_disk");
	else
		scr_say_text(a, 1, mk_err_msg());
}

static void record(app *a)
{
	store_course c;
	char uuid[STORE_UUID_LEN + 1];
	int64_t now = scr_now();
	int rc = course_of(a, &c);
	if (!rc)
		rc = store_session_add(a->st, c.uuid, now, uuid);
	scr_go(a, SCR_STAFF_PATIENT); /* starts the tap guard again, even from there */
	if (!rc) {
		memcpy(a->sc.undo_uuid, uuid, sizeof uuid);
		memcpy(a->sc.undo_code, a->sc.code, sizeof a->sc.undo_code);
		a->sc.undo_n = c.sessions_done + 1;
		a->sc.undo_at = now;
		a->sc.undo_ms = mk_now_ms() + UNDO_MS;
	}
	say(a, rc, "staff_done");
	mk_log(MK_LOG_INFO, "session-recorded", "ok=%d", rc == 0);
}

/* Record today's session: at once, or after asking when one is recorded
 * today already. */
void staff_session_record(app *a)
{
	store_course c;
	int64_t last = 0;
	int rc = course_of(a, &c);
	if (rc) {
		say(a, rc, "");
		return;
	}
	if (store_session_last(a->st, c.uuid, &last) == 0 && same_day(last, scr_now()))
		scr_go(a, SCR_STAFF_SESSION_ASK);
	else
		record(a);
}

void staff_session_another(app *a)
{
	record(a);
}

/* 1 while the session just recorded for the patient in hand can be undone. */
int staff_undo_pending(app *a)
{
	if (!a->sc.undo_ms)
		return 0;
	if (mk_now_ms() >= a->sc.undo_ms) { /* the minute is over */
		a->sc.undo_ms = 0;
		a->sc.shown_ms = mk_now_ms(); /* the buttons below move up: guard them */
		explicit_bzero(a->sc.undo_uuid, sizeof a->sc.undo_uuid);
		return 0;
	}
	return !strcmp(a->sc.undo_code, a->sc.code);
}

void staff_session_undo(app *a)
{
	if (!staff_undo_pending(a))
		return;
	int rc = store_session_undo(a->st, a->sc.undo_uuid, scr_now());
	a->sc.undo_ms = 0;
	explicit_bzero(a->sc.undo_uuid, sizeof a->sc.undo_uuid);
	a->sc.shown_ms = mk_now_ms(); /* Undo went from under the finger */
	if (!rc)
		sync_kick(a->sync);
	say(a, rc == MK_ENOTFOUND ? 0 : rc, "staff_undone");
	mk_log(MK_LOG_INFO, "session-undone", "ok=%d", rc == 0 || rc == MK_ENOTFOUND);
}

/* Staff mode opened anew: nothing of the last one's is undone by it. */
void staff_session_forget(app *a)
{
	a->sc.undo_ms = 0;
	explicit_bzero(a->sc.undo_uuid, sizeof a->sc.undo_uuid);
	explicit_bzero(a->sc.undo_code, sizeof a->sc.undo_code);
}

/* ---- Views */

static void hhmm(int64_t t, char out[16])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(out, 16, "%H:%M", &tm);
}

/* The Undo control under Record, with what it undoes and the time left. */
int staff_view_undo(lay *L, int y)
{
	app *a = L->a;
	char n[16], t[16], s[16];
	a->sc.send_ms = mk_now_ms(); /* laid out again each second (SCR_EVERY_SECOND) */
	if (!staff_undo_pending(a))
		return y;
	snprintf(n, sizeof n, "%d", a->sc.undo_n);
	hhmm(a->sc.undo_at, t);
	snprintf(s, sizeof s, "%d", (int)((a->sc.undo_ms - mk_now_ms() + 999) / 1000));
	const char *label = view_own(L->vw, scr_fill(scr_str(a, "staff_undo"), "{n}", n,
						      "{time}", t, "{s}", s, NULL));
	return scr_after(L, y, scr_button(L, label, y, 0, ACT_FLOW, F_SESSION_UNDO));
}

int staff_view_session_ask(lay *L, int y)
{
	app *a = L->a;
	store_course c;
	int64_t last = 0;
	char n[16], total[16], t[16] = "";
	if (course_of(a, &c) != 0)
		return scr_msg(L, y);
	store_session_last(a->st, c.uuid, &last);
	hhmm(last, t);
	snprintf(n, sizeof n, "%d", c.sessions_done);
	snprintf(total, sizeof total, "%d", c.sessions_planned);
	y = scr_body(L, view_own(L->vw, scr_fill(scr_str(a, "staff_session_again"), "{time}", t,
						 "{n}", n, "{total}", total, NULL)), y, a->th->text);
	y = scr_msg(L, y);
	y = scr_after(L, y, scr_button(L, scr_str(a, "staff_session_keep"), y, 1, ACT_FLOW,
				       F_SESSION_KEEP));
	return scr_after(L, y, scr_button(L, scr_str(a, "staff_session_another"), y, 0, ACT_FLOW,
					  F_SESSION_ANOTHER));
}
