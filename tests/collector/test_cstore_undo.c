/* SPDX-License-Identifier: MIT */
/*
 * A session staff took back on the kiosk, as the clinic keeps it, on SQLite
 * (no argument) and PostgreSQL (the URI file of the collector_pg fixture):
 * the "session-undone" item takes the session out of the patient's course
 * (the list the dashboard's patient page and the exports read) exactly
 * once, with one audit row however often it is resent, in one batch or
 * alone; a record sent later with the session in its context does not
 * bring it back, nor does one the clinic never heard of; another kiosk
 * cannot undo this kiosk's patient's session (refused and audited), and
 * an erased patient's undo is refused.
 */
#include "test_cstore_db.h"
#include "test_cstore_rec.h"

#define T0 1795000000
#define NOW (T0 + 5000)
#define PA "aaaaaaaa-0000-4000-8000-000000000001"
#define CA "cccccccc-0000-4000-8000-000000000003"
#define S1 "dddddddd-0000-4000-8000-000000000004"
#define S2 "dddddddd-0000-4000-8000-000000000005"
#define S3 "dddddddd-0000-4000-8000-000000000006"
#define CODE "K7MZ4Q2P"

static test_db tdb;
static uint8_t pk[32];
static char kiosk[CSTORE_ID], other[CSTORE_ID];
static char reason[CSTORE_REASON];

/* The course with n of S1, S2 (and S3) as its sessions. */
static void with_course(cstore_record *r, int n)
{
	static const char *const s[] = { S1, S2, S3 };
	cstore_course *c = &r->course;
	r->has_course = 1;
	snprintf(c->uuid, sizeof c->uuid, CA);
	snprintf(c->plan, sizeof c->plan, "standard");
	snprintf(c->area, sizeof c->area, "thighs");
	c->grade = 2;
	c->sessions_planned = 8;
	c->interval_days = 14;
	c->started_at = T0 - 100000;
	c->n_sessions = n;
	for (int i = 0; i < n; i++) {
		snprintf(c->sessions[i].uuid, CSTORE_UUID, "%s", s[i]);
		c->sessions[i].done_at = T0 - 50000 + i * 600;
	}
}

static void undo_item(test_rec *t, const char *session, int64_t done_at, int kept)
{
	test_rec_make(t, pk, "enrolment", NULL, PA, CODE, T0 + 700, "");
	snprintf(t->r.kind, sizeof t->r.kind, "session-undone");
	with_course(&t->r, kept);
	snprintf(t->r.undone.uuid, sizeof t->r.undone.uuid, "%s", session);
	t->r.undone.done_at = done_at;
}

/* The course's sessions as the dashboard lists them: 1 per UUID shown. */
static int shown(cstore *cs, const char *session)
{
	cstore_course c[2];
	int n = 0, hit = 0;
	CHECK(cstore_courses(cs, PA, c, 2, &n) == 0 && n == 1);
	for (int i = 0; n == 1 && i < c[0].n_sessions; i++)
		hit += !strcmp(c[0].sessions[i].uuid, session);
	return hit;
}

static int n_sessions(cstore *cs)
{
	cstore_course c[2];
	int n = 0;
	CHECK(cstore_courses(cs, PA, c, 2, &n) == 0 && n == 1);
	return n == 1 ? c[0].n_sessions : -1;
}

static long long audits(const char *action)
{
	return test_db_int(&tdb, "SELECT COUNT(*) FROM audit WHERE action = $1", action);
}

static void test_once(cstore *cs)
{
	test_rec rep, undo;
	test_rec_make(&rep, pk, "report", NULL, PA, CODE, T0, "{\"answers\":{}}");
	with_course(&rep.r, 2);
	CHECK_MSG(cstore_record_put(cs, kiosk, &rep.r, NOW, reason) == 0, "%s %s", mk_err_msg(), reason);
	CHECK(n_sessions(cs) == 2 && shown(cs, S2));
	/* The second session of the day is undone: gone from the course. */
	undo_item(&undo, S2, T0 - 50000 + 600, 1);
	CHECK_MSG(cstore_record_put(cs, kiosk, &undo.r, NOW, reason) == 0, "%s %s", mk_err_msg(), reason);
	CHECK(n_sessions(cs) == 1 && shown(cs, S1) && !shown(cs, S2));
	CHECK(audits("session-undone") == 1);
	/* Sent again (the acknowledgement was lost), alone and in a batch. */
	CHECK(cstore_record_put(cs, kiosk, &undo.r, NOW + 60, reason) == 0);
	const cstore_record *batch[1] = { &undo.r };
	int res = -1;
	char why[1][CSTORE_REASON];
	CHECK(cstore_records_put(cs, kiosk, batch, 1, NOW + 120, &res, why) == 0 && res == 0);
	CHECK(n_sessions(cs) == 1 && audits("session-undone") == 1);
	/* A record that still carries it (sent before the undo reached the
	 * kiosk's outbox) does not bring it back. */
	test_rec late;
	test_rec_make(&late, pk, "report", NULL, PA, CODE, T0 + 800, "{\"answers\":{}}");
	with_course(&late.r, 2);
	CHECK(cstore_record_put(cs, kiosk, &late.r, NOW + 180, reason) == 0);
	CHECK(n_sessions(cs) == 1 && !shown(cs, S2));
	/* A session the clinic never heard of, undone: nothing to show, and it
	 * stays undone when a record brings it later. */
	undo_item(&undo, S3, T0 - 50000 + 1200, 1);
	CHECK(cstore_record_put(cs, kiosk, &undo.r, NOW + 200, reason) == 0);
	with_course(&late.r, 3);
	store_uuid(late.r.uuid);
	CHECK(cstore_record_put(cs, kiosk, &late.r, NOW + 240, reason) == 0);
	CHECK(n_sessions(cs) == 1 && !shown(cs, S3));
	CHECK(audits("session-undone") == 2);
}

static void test_refused(cstore *cs)
{
	test_rec undo;
	undo_item(&undo, S1, T0 - 50000, 0);
	CHECK(cstore_record_put(cs, other, &undo.r, NOW, reason) == MK_EINVAL);
	CHECK(strstr(reason, "another kiosk") != NULL);
	CHECK(n_sessions(cs) == 1 && shown(cs, S1));
	CHECK(audits("kiosk-refused") >= 1);
	/* No UUID for the session: refused for good, nothing changes. */
	undo_item(&undo, "not-a-uuid", T0, 0);
	CHECK(cstore_record_put(cs, kiosk, &undo.r, NOW, reason) == MK_EINVAL);
	CHECK(n_sessions(cs) == 1);
	/* Erased: the undo of an erased patient's session is refused. */
	test_rec er;
	test_rec_make(&er, pk, "erasure", NULL, PA, NULL, T0 + 900, "");
	CHECK(cstore_record_put(cs, kiosk, &er.r, NOW, reason) == 0);
	undo_item(&undo, S1, T0 - 50000, 0);
	CHECK(cstore_record_put(cs, kiosk, &undo.r, NOW, reason) == MK_EINVAL);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM audit WHERE subject = $1", S2) == 0);
}

int main(int argc, char **argv)
{
	cstore *cs = NULL;
	uint8_t sk[32];
	char tok[CSTORE_TOKEN];
	if (store_keygen(pk, sk) != 0 || test_db_make(&tdb, argc, argv, "mk_cstore_undo") != 0)
		return 1;
	CHECK_MSG(cstore_open(&cs, tdb.spec) == 0, "%s", mk_err_msg());
	if (!cs)
		return check_done();
	CHECK(cstore_kiosk_add(cs, "desk", kiosk, tok) == 0);
	CHECK(cstore_kiosk_add(cs, "other", other, tok) == 0);
	test_once(cs);
	test_refused(cs);
	cstore_close(cs);
	test_db_done(&tdb);
	return check_done();
}
