/* SPDX-License-Identifier: MIT */
/*
 * A session recorded by mistake, as staff and the clinic see it: undoing it
 * takes it out of the course's count, writes a "session-undone" audit row,
 * and queues one item for the clinic that names the session, the patient
 * and the course as it now is (undoing twice queues nothing more). Every
 * staff audit row names the member of staff whose PIN opened staff mode
 * (store_set_staff), and a name that is not a plain handle is refused. An
 * erased patient's undone session is not sent after the erasure.
 */
#include "store_test.h"
#include "core.h"
#include <jansson.h>
#include <stdio.h>

#define PIN "482913"
#define T0 1760000000
#define COST (&STORE_PIN_COST_TEST)

static store *open_new(void)
{
	char *dir = tmp_dir();
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	free(dir);
	return s;
}

/* The newest audit row's actor and action. */
static int last_audit(store *s, const char *actor, const char *action)
{
	store_audit_entry e[1];
	int n = 0;
	if (store_audit_list(s, e, 1, &n) != 0 || n != 1)
		return 0;
	if (strcmp(e[0].actor, actor) || strcmp(e[0].action, action)) {
		fprintf(stderr, "audit: got %s %s, wanted %s %s\n", e[0].actor, e[0].action, actor,
			action);
		return 0;
	}
	return 1;
}

static void test_names(store *s)
{
	CHECK(store_staff_name_ok("nadia") == 0);
	CHECK(store_staff_name_ok("desk-2") == 0);
	CHECK(store_staff_name_ok("") == MK_EINVAL);
	CHECK(store_staff_name_ok("Nadia") == MK_EINVAL);    /* one spelling per person */
	CHECK(store_staff_name_ok("2desk") == MK_EINVAL);
	CHECK(store_staff_name_ok("nadia smith") == MK_EINVAL);
	CHECK(store_staff_name_ok("a-very-long-name-indeed") == MK_EINVAL);
	CHECK(store_staff_name_ok("wzu8fwsq") == MK_EINVAL);  /* a patient code's shape */
	CHECK(strstr(mk_err_msg(), "patient code") != NULL);
	CHECK(store_set_staff(s, "Bad Name") == MK_EINVAL);
	CHECK(store_audit(s, "staff:Bad", "enrol", "") == MK_EINVAL);
}

static void test_named_audit(store *s)
{
	char code[9], course[37];
	int64_t id = 0;
	store_course c = { .plan = "grade2-thighs", .grade = 2, .area = "thighs",
			   .sessions_planned = 8, .interval_days = 7, .started_at = T0 };
	CHECK(store_set_staff(s, "nadia") == 0);
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(last_audit(s, "staff:nadia", "enrol"));
	CHECK(store_course_start(s, id, &c, course) == 0);
	CHECK(last_audit(s, "staff:nadia", "course-start"));
	CHECK(store_set_staff(s, "omar") == 0);
	CHECK(store_session_done(s, course, T0) == 0);
	CHECK(last_audit(s, "staff:omar", "session-done"));
	CHECK(store_patient_staff_unlock(s, code) == 0);
	CHECK(last_audit(s, "staff:omar", "unlock"));
	CHECK(store_audit(s, "staff", "staff-mode-open", "") == 0);
	CHECK(last_audit(s, "staff:omar", "staff-mode-open"));
	/* The unnamed staff PIN, and staff mode closed: plain "staff". */
	CHECK(store_set_staff(s, NULL) == 0);
	CHECK(store_session_done(s, course, T0 + 60) == 0);
	CHECK(last_audit(s, "staff", "session-done"));
	CHECK(store_set_staff(s, "omar") == 0);
	CHECK(store_audit(s, "patient", "sign-in", "") == 0);
	CHECK(last_audit(s, "patient", "sign-in")); /* patients stay patients */
	CHECK(store_set_staff(s, NULL) == 0);
}

static long long undone_items(store *s)
{
	return query_int(s, "SELECT count(*) FROM outbox WHERE kind='session-undone'");
}

/* The undone item's wire object: the session, the patient, the course. */
static void check_wire(store *s, const char *session, const char *course, const char *code)
{
	store_outbox_item it[32];
	int n = 0, found = 0;
	CHECK(store_outbox_next(s, 32, it, &n) == 0);
	for (int i = 0; i < n; i++) {
		char *text = NULL;
		if (strcmp(it[i].kind, "session-undone"))
			continue;
		found++;
		CHECK_MSG(store_outbox_wire(s, &it[i], &text, NULL) == 0, "%s", mk_err_msg());
		json_t *j = text ? json_loads(text, 0, NULL) : NULL;
		CHECK(j != NULL);
		json_t *u = json_object_get(j, "undone"), *c = json_object_get(j, "course");
		CHECK(!strcmp(json_string_value(json_object_get(j, "kind")), "session-undone"));
		CHECK(!strcmp(json_string_value(json_object_get(u, "uuid")), session));
		CHECK(json_integer_value(json_object_get(u, "done_at")) == T0 + 3600);
		CHECK(!strcmp(json_string_value(json_object_get(c, "uuid")), course));
		CHECK(json_array_size(json_object_get(c, "sessions")) == 1); /* the one kept */
		CHECK(!strcmp(json_string_value(json_object_get(json_object_get(j, "patient"),
								 "code")), code));
		json_decref(j);
		free(text);
	}
	CHECK(found == 1);
}

static void test_undo(store *s)
{
	char code[9], course[37], s1[37], s2[37];
	int64_t id = 0;
	int n = -1;
	store_course c = { .plan = "grade2-thighs", .grade = 2, .area = "thighs",
			   .sessions_planned = 8, .interval_days = 7, .started_at = T0 };
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0);
	CHECK(store_course_start(s, id, &c, course) == 0);
	CHECK(store_set_staff(s, "nadia") == 0);
	CHECK(store_session_add(s, course, T0, s1) == 0);
	CHECK(store_session_add(s, course, T0 + 3600, s2) == 0 && strcmp(s1, s2));
	CHECK(store_session_count(s, course, &n) == 0 && n == 2);
	long long before = undone_items(s);
	CHECK_MSG(store_session_undo(s, s2, T0 + 3630) == 0, "%s", mk_err_msg());
	CHECK(store_session_count(s, course, &n) == 0 && n == 1);
	int64_t last = 0;
	CHECK(store_session_last(s, course, &last) == 0 && last == T0);
	CHECK(last_audit(s, "staff:nadia", "session-undone"));
	CHECK(undone_items(s) == before + 1);
	/* A second undo (a double tap) finds nothing and sends nothing more. */
	CHECK(store_session_undo(s, s2, T0 + 3631) == MK_ENOTFOUND);
	CHECK(undone_items(s) == before + 1);
	CHECK(store_session_undo(s, "not-a-uuid", T0) == MK_EINVAL);
	check_wire(s, s2, course, code);
	/* Erased before it was sent: the erasure says it all. */
	char req[37];
	CHECK(store_patient_erase(s, id, req) == 0);
	CHECK(undone_items(s) == before);
	CHECK(query_int(s, "SELECT count(*) FROM sessions_undone") == 0);
	CHECK(store_set_staff(s, NULL) == 0);
}

int main(void)
{
	mk_log_set_level(MK_LOG_WARN);
	CHECK(store_crypto_init() == 0);
	store *s = open_new();
	if (!s)
		return check_done();
	test_names(s);
	test_named_audit(s);
	test_undo(s);
	store_close(s);
	return check_done();
}
