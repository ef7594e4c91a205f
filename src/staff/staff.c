/* SPDX-License-Identifier: MIT */
/*
 * Staff mode: what the buttons and keys of the staff screens do, once the
 * staff PIN has opened it (staffpin.c). Enrolment hands the kiosk to
 * the patient to choose their PIN twice, then shows their new code large.
 * Every action is one store call (one transaction, audited in the store).
 */
#include "staff.h"
#include "sync.h"
#include <stdio.h>
#include <string.h>

static void say_rc(app *a, int rc, const char *ok_key)
{
	if (rc == 0)
		scr_say(a, 0, ok_key);
	else if (rc == MK_EFULL)
		scr_say(a, 1, "save_failed_disk");
	else
		scr_say_text(a, 1, mk_err_msg());
}

/* A new patient: their PIN twice, then the code and their course. */
static void enrol(app *a)
{
	const content_plan *p = &a->m->plans[a->sc.plan];
	char code[STORE_CODE_LEN + 1], uuid[STORE_UUID_LEN + 1];
	int64_t id;
	int rc = store_patient_enrol(a->st, a->sc.entry, NULL, code, &id);
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
	explicit_bzero(a->sc.pin1, sizeof a->sc.pin1);
	if (rc) {
		say_rc(a, rc, "");
		return;
	}
	store_course c = { .grade = p->grade, .sessions_planned = a->sc.sessions,
			   .interval_days = a->sc.interval, .started_at = scr_now() };
	snprintf(c.plan, sizeof c.plan, "%s", p->id);
	snprintf(c.area, sizeof c.area, "%s", content_area_name(p->area));
	rc = store_course_start(a->st, id, &c, uuid);
	memcpy(a->sc.code, code, sizeof code);
	scr_go(a, SCR_ENROL_CODE);
	if (rc)
		say_rc(a, rc, "");
	mk_log(MK_LOG_INFO, "patient-enrolled", "course=%d", rc == 0);
}

static void start_course(app *a)
{
	const content_plan *p = &a->m->plans[a->sc.plan];
	store_patient_info pi;
	char uuid[STORE_UUID_LEN + 1];
	int rc = store_patient_find(a->st, a->sc.code, scr_now(), &pi);
	if (!rc) {
		store_course c = { .grade = p->grade, .sessions_planned = a->sc.sessions,
				   .interval_days = a->sc.interval, .started_at = scr_now() };
		snprintf(c.plan, sizeof c.plan, "%s", p->id);
		snprintf(c.area, sizeof c.area, "%s", content_area_name(p->area));
		rc = store_course_start(a->st, pi.id, &c, uuid);
	}
	scr_go(a, SCR_STAFF_PATIENT);
	say_rc(a, rc, "staff_done");
}

/* PIN entry shared by enrolment and reset: first entry, then the same. */
static int pin_twice(app *a)
{
	if (strlen(a->sc.entry) != (size_t)a->cfg.pin_len)
		return 0;
	if (!a->sc.pin1[0]) {
		memcpy(a->sc.pin1, a->sc.entry, (size_t)a->cfg.pin_len + 1);
		explicit_bzero(a->sc.entry, sizeof a->sc.entry);
		a->sc.msg[0] = 0;
		return 0;
	}
	if (strcmp(a->sc.pin1, a->sc.entry)) {
		explicit_bzero(a->sc.entry, sizeof a->sc.entry);
		explicit_bzero(a->sc.pin1, sizeof a->sc.pin1);
		scr_say(a, 1, "pin_mismatch");
		return 0;
	}
	return 1;
}

static void reset_pin(app *a)
{
	int rc = store_patient_reset_pin(a->st, a->sc.code, a->sc.entry, NULL);
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
	explicit_bzero(a->sc.pin1, sizeof a->sc.pin1);
	scr_go(a, SCR_STAFF_PATIENT);
	say_rc(a, rc, "staff_reset_done");
}

static void find(app *a)
{
	store_patient_info pi;
	if (strlen(a->sc.entry) != STORE_CODE_LEN)
		return;
	if (store_patient_find(a->st, a->sc.entry, scr_now(), &pi) != 0) {
		scr_say(a, 1, "staff_not_found");
		return;
	}
	memcpy(a->sc.code, pi.code, sizeof a->sc.code);
	scr_go(a, SCR_STAFF_PATIENT);
}

/* Import needs the patient's key (each photo is wrapped with it): the
 * patient enters their PIN, staff pick the files, then the patient side
 * is wiped again. The PIN check (Argon2id, a second or two) runs on its
 * own thread like sign-in's: the screen says "Checking your PIN…" at
 * once and the answer comes here, on the loop's thread. */
static void import_checked(app *a, int rc, const char *why, int left, double ms)
{
	(void)why, (void)left;
	explicit_bzero(a->sc.entry, sizeof a->sc.entry);
	mk_log(MK_LOG_INFO, "import-pin", "ok=%d ms=%.1f", rc == 0, ms);
	a->need_layout = 1;
	if (rc) {
		scr_say(a, 1, rc == MK_ELIMIT ? "signin_locked" : rc == MK_EFULL ? "save_failed_disk" : "signin_wrong");
		return;
	}
	if (track_needs_consent(a->tk)) {
		track_sign_out(a->tk);
		scr_say(a, 1, "photo_needs_consent");
		return;
	}
	a->sc.photo_area = -1;
	import_open(a); /* the files are checked while staff enter their PIN */
	scr_go(a, SCR_STAFF_IMPORT);
}

static void import_sign_in(app *a)
{
	if (scr_checking(a))
		return;
	scr_say(a, 0, "signin_checking");
	if (scr_check_start_for(a, a->sc.code, import_checked) != 0)
		import_checked(a, MK_ENOMEM, mk_err_msg(), 0, 0);
}

void staff_import_done(app *a)
{
	track_sign_out(a->tk);
	pics_clear(a);
	scr_go(a, SCR_STAFF_PATIENT);
}

void staff_enter(app *a)
{
	size_t n = strlen(a->sc.entry);
	if (a->sc.id == SCR_ENROL_PIN && pin_twice(a))
		enrol(a);
	else if (a->sc.id == SCR_STAFF_RESET && pin_twice(a))
		reset_pin(a);
	else if (a->sc.id == SCR_STAFF_FIND)
		find(a);
	else if (a->sc.id == SCR_STAFF_IMPORT_PIN && n >= STORE_PIN_MIN)
		import_sign_in(a);
	a->need_layout = 1;
}

void staff_plan(app *a, int plan)
{
	if (plan < 0 || plan >= a->m->n_plans)
		return;
	a->sc.plan = plan;
	a->sc.sessions = a->m->plans[plan].sessions;
	a->sc.interval = a->m->plans[plan].interval_days;
	scr_go(a, SCR_STAFF_ADJUST);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void patient_action(app *a, int f)
{
	store_patient_info pi;
	char req[STORE_UUID_LEN + 1];
	int rc = store_patient_find(a->st, a->sc.code, scr_now(), &pi);
	if (rc) {
		say_rc(a, rc, "");
		return;
	}
	if (f == F_P_UNLOCK) {
		say_rc(a, store_patient_staff_unlock(a->st, a->sc.code), "staff_done");
	} else if (f == F_P_ERASE_YES) {
		rc = store_patient_erase(a->st, pi.id, req);
		if (!rc)
			sync_kick(a->sync);
		explicit_bzero(a->sc.code, sizeof a->sc.code);
		scr_go(a, SCR_STAFF);
		say_rc(a, rc, "staff_erased");
	}
}

void staff_back_plans(app *a)
{
	scr_go(a, a->sc.code[0] ? SCR_STAFF_PATIENT : SCR_STAFF);
}

void staff_flow(app *a, int f)
{
	if (!a->sc.staff && f != F_STAFF_CLOSE)
		return;
	switch (f) {
	case F_STAFF_CLOSE:
		mk_log(MK_LOG_INFO, "staff-mode", "open=0");
		scr_sign_out(a);
		break;
	case F_STAFF_HOME: scr_go(a, SCR_STAFF); break;
	case F_STAFF_ENROL:
		a->sc.code[0] = 0;
		scr_go(a, SCR_STAFF_PLANS);
		break;
	case F_STAFF_FIND: scr_go(a, SCR_STAFF_FIND); break;
	case F_STAFF_SEND: scr_go(a, SCR_STAFF_SEND); break;
	case F_SEND_RETRY: {
		int n = 0;
		say_rc(a, store_outbox_retry_aside(a->st, &n), "send_retried");
		sync_kick(a->sync);
		break;
	}
	case F_SESS_MINUS: case F_SESS_PLUS:
		a->sc.sessions = clamp(a->sc.sessions + (f == F_SESS_PLUS ? 1 : -1),
				       CONTENT_PLAN_SESSIONS_MIN, CONTENT_PLAN_SESSIONS_MAX);
		break;
	case F_INT_MINUS: case F_INT_PLUS:
		a->sc.interval = clamp(a->sc.interval + (f == F_INT_PLUS ? 1 : -1),
				       CONTENT_PLAN_INTERVAL_MIN, CONTENT_PLAN_INTERVAL_MAX);
		break;
	case F_PLAN_GO:
		if (a->sc.code[0])
			start_course(a);
		else
			scr_go(a, SCR_ENROL_PIN);
		break;
	case F_P_COURSE: scr_go(a, SCR_STAFF_PLANS); break;
	case F_P_RESET: scr_go(a, SCR_STAFF_RESET); break;
	case F_P_IMPORT: scr_go(a, SCR_STAFF_IMPORT_PIN); break;
	case F_IMPORT_DONE: staff_import_done(a); break;
	case F_P_ERASE: scr_go(a, SCR_STAFF_ERASE); break;
	case F_P_UNLOCK: case F_P_ERASE_YES: patient_action(a, f); break;
	case F_P_SESSION: staff_session_record(a); break;
	case F_SESSION_ANOTHER: staff_session_another(a); break;
	case F_SESSION_KEEP: scr_go(a, SCR_STAFF_PATIENT); break;
	case F_SESSION_UNDO: staff_session_undo(a); break;
	default: break;
	}
	a->need_layout = 1;
}
