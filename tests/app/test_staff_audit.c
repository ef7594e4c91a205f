/* SPDX-License-Identifier: MIT */
/*
 * Whose PIN it was, as the kiosk's audit log keeps it: staff mode opened
 * with nadia's own PIN (staff_pin_hash.nadia) writes her name in every
 * staff row (opening, recording a session, undoing it), a wrong PIN is
 * nobody's ("staff"), and after staff mode closes the shared PIN's rows
 * say "staff" again. The PIN is checked on the check thread, as on the
 * kiosk; the test waits for its answer the way the loop does.
 */
#include "kiosk_test.h"
#include "../check.h"
#include <SDL.h>
#include <string.h>

static app a;

/* OK on the staff PIN pad with pin, then the loop's turns until the
 * check's answer is applied. */
static void staff_pin(const char *pin)
{
	scr_go(&a, SCR_STAFF_PIN);
	snprintf(a.sc.entry, sizeof a.sc.entry, "%s", pin);
	staff_pin_enter(&a);
	CHECK(scr_checking(&a));
	for (int i = 0; i < 30000 && scr_check_poll(&a); i++)
		SDL_Delay(1);
	CHECK(!scr_checking(&a));
}

/* 1 when the newest audit row is actor, action. */
static int last(const char *actor, const char *action)
{
	store_audit_entry e[1];
	int n = 0;
	if (store_audit_list(a.st, e, 1, &n) != 0 || n != 1)
		return 0;
	if (strcmp(e[0].actor, actor) || strcmp(e[0].action, action))
		fprintf(stderr, "audit: %s %s, wanted %s %s\n", e[0].actor, e[0].action, actor, action);
	return !strcmp(e[0].actor, actor) && !strcmp(e[0].action, action);
}

int main(void)
{
	char shared[STORE_HASH_MAX], own[STORE_HASH_MAX], code[STORE_CODE_LEN + 1];
	char course[STORE_UUID_LEN + 1];
	int64_t id = 0;
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_secret_hash("1234", NULL, shared) == 0);
	CHECK(store_secret_hash("2468", NULL, own) == 0);
	CHECK(open_kiosk_in(&a, "/tmp/mkstaffaudit") == 0);
	if (!a.st)
		return check_done();
	a.cfg.staff_pin_hash = shared;
	snprintf(a.cfg.staff_pins[0].name, sizeof a.cfg.staff_pins[0].name, "nadia");
	a.cfg.staff_pins[0].hash = own;
	a.cfg.n_staff_pins = 1;
	store_course c = { .plan = "grade2-thighs", .grade = 2, .area = "thighs",
			   .sessions_planned = 12, .interval_days = 7, .started_at = scr_now() };
	CHECK(store_patient_enrol(a.st, "135792", &STORE_PIN_COST_TEST, code, &id) == 0);
	CHECK(store_course_start(a.st, id, &c, course) == 0);

	staff_pin("9999"); /* wrong: nobody's */
	CHECK(!a.sc.staff && last("staff", "staff-pin-failed"));
	staff_pin("2468");
	CHECK(a.sc.staff && !strcmp(a.sc.staff_name, "nadia"));
	CHECK(last("staff:nadia", "staff-mode-open"));
	memcpy(a.sc.code, code, sizeof code);
	scr_go(&a, SCR_STAFF_PATIENT);
	a.screens->flow(&a, F_P_SESSION);
	CHECK(last("staff:nadia", "session-done"));
	a.screens->flow(&a, F_SESSION_UNDO);
	CHECK(last("staff:nadia", "session-undone"));
	a.screens->flow(&a, F_STAFF_CLOSE);
	CHECK(!a.sc.staff);

	staff_pin("1234"); /* the shared PIN: "staff", not the last one's name */
	CHECK(a.sc.staff && !a.sc.staff_name[0] && last("staff", "staff-mode-open"));
	memcpy(a.sc.code, code, sizeof code);
	scr_go(&a, SCR_STAFF_PATIENT);
	a.screens->flow(&a, F_P_SESSION);
	CHECK(last("staff", "session-done"));
	a.cfg.staff_pin_hash = NULL;
	a.cfg.n_staff_pins = 0;
	app_close(&a);
	return check_done();
}
