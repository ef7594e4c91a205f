/* SPDX-License-Identifier: MIT */
/*
 * What kiosks send, as the collector keeps it, on SQLite (no argument) and
 * PostgreSQL (the URI file of the collector_pg fixture): a record is stored
 * once however often it is sent, and a different record under its UUID is
 * refused; the patient, course and sessions it carries build the context
 * the dashboard lists; a photo waits until both its files are there, a file
 * sent again is fine and a different one under the same UUID is refused;
 * records and photos open with the clinic's key to exactly what the kiosk
 * sealed and not with another key; alerts list newest first and keep their
 * first acknowledgement; an erasure removes everything of the patient,
 * leaves an audit entry without health content, and refuses the patient's
 * later records; a photo the patient deleted on the kiosk goes, exactly
 * once, with an audit entry that says so, and does not come back.
 */
#include "test_cstore_db.h"
#include "test_cstore_rec.h"
#include <unistd.h>

#define T0 1795000000
#define NOW (T0 + 5000)
#define PA "aaaaaaaa-0000-4000-8000-000000000001"
#define PB "bbbbbbbb-0000-4000-8000-000000000002"
#define CA "cccccccc-0000-4000-8000-000000000003"
#define S1 "dddddddd-0000-4000-8000-000000000004"
#define S2 "dddddddd-0000-4000-8000-000000000005"
#define REPORT "{\"answers\":{\"pain\":3},\"note\":\"ZEBRA-7731\"}"

static test_db tdb;
static uint8_t pk[32], sk[32];
static char kiosk[CSTORE_ID];
static char reason[200];
static test_rec rA1, rA2, rA3, rA4, rB1;

static int file_contains(const char *path, const char *needle)
{
	char *buf = NULL;
	size_t n = 0, k = strlen(needle);
	int found = 0;
	if (mk_read_file(path, &buf, &n) != 0)
		return 0;
	for (size_t i = 0; i + k <= n && !found; i++)
		found = memcmp(buf + i, needle, k) == 0;
	free(buf);
	return found;
}

static int put(cstore *cs, const cstore_record *r)
{
	return cstore_record_put(cs, kiosk, r, NOW, reason);
}

static void with_course(test_rec *t, int sessions)
{
	cstore_course *c = &t->r.course;
	t->r.has_course = 1;
	snprintf(c->uuid, sizeof c->uuid, CA);
	snprintf(c->plan, sizeof c->plan, "standard");
	snprintf(c->area, sizeof c->area, "thighs");
	c->grade = 2;
	c->sessions_planned = 8;
	c->interval_days = 14;
	c->started_at = T0 - 100000;
	c->n_sessions = sessions;
	snprintf(c->sessions[0].uuid, CSTORE_UUID, S1);
	c->sessions[0].done_at = T0 - 50000;
	snprintf(c->sessions[1].uuid, CSTORE_UUID, S2);
	c->sessions[1].done_at = T0 + 50;
	t->r.session = sessions;
}

static int64_t n_records(cstore *cs)
{
	int64_t r = -1, f = -1;
	CHECK(cstore_counts(cs, &r, &f) == 0);
	return r;
}

static void test_put(cstore *cs)
{
	test_rec bad;
	test_rec_make(&rA1, pk, "report", NULL, PA, "K7MZ4Q2P", T0, REPORT);
	with_course(&rA1, 1);
	CHECK_MSG(put(cs, &rA1.r) == 0, "%s", mk_err_msg());
	for (int i = 0; i < 3; i++)
		CHECK(put(cs, &rA1.r) == 0 && reason[0] == 0); /* replays, acknowledged */
	CHECK(n_records(cs) == 1);

	bad = rA1;
	snprintf(bad.r.kind, sizeof bad.r.kind, "alert");
	CHECK(put(cs, &bad.r) == MK_EINVAL && strstr(reason, "different record"));
	bad = rA1;
	snprintf(bad.r.patient_uuid, sizeof bad.r.patient_uuid, PB);
	CHECK(put(cs, &bad.r) == MK_EINVAL && reason[0]);
	bad = rA1;
	snprintf(bad.r.kind, sizeof bad.r.kind, "letter");
	CHECK(put(cs, &bad.r) == MK_EINVAL && reason[0]);
	bad = rA1;
	bad.r.ciphertext = NULL;
	CHECK(put(cs, &bad.r) == MK_EINVAL);
	CHECK(n_records(cs) == 1);

	test_rec_make(&rA2, pk, "report", NULL, PA, "K7MZ4Q2P", T0 + 100, "{}");
	with_course(&rA2, 2);
	test_rec_make(&rA3, pk, "alert", NULL, PA, "K7MZ4Q2P", T0 + 200, "{\"rule\":\"fever\"}");
	rA3.r.alert_level = 2;
	test_rec_make(&rA4, pk, "alert", NULL, PA, "K7MZ4Q2P", T0 + 300, "{\"rule\":\"pain\"}");
	rA4.r.alert_level = 1;
	test_rec_make(&rB1, pk, "report", NULL, PB, "B2C3D4E5", T0 + 150, "{}");
	CHECK(put(cs, &rA2.r) == 0 && put(cs, &rA3.r) == 0 && put(cs, &rA4.r) == 0);
	CHECK(put(cs, &rB1.r) == 0);
	CHECK(n_records(cs) == 5);
}

static void test_read(cstore *cs)
{
	cstore_patient p[4];
	cstore_course c[2];
	cstore_row w[8];
	cstore_kiosk k[2];
	int n = 0;
	CHECK(cstore_patients(cs, p, 4, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(p[0].code, "B2C3D4E5") == 0 && strcmp(p[1].code, "K7MZ4Q2P") == 0);
	CHECK(n == 2 && p[1].reports == 2 && p[1].alerts == 2 && p[1].open_alerts == 2);
	CHECK(n == 2 && p[1].photos == 0 && p[1].last_record == T0 + 300 && p[1].first_seen == NOW);
	CHECK(cstore_patient_get(cs, "k7mz4q2p", &p[0]) == 0 && strcmp(p[0].uuid, PA) == 0);
	CHECK(cstore_patient_get(cs, PB, &p[0]) == 0 && strcmp(p[0].code, "B2C3D4E5") == 0);
	CHECK(cstore_patient_get(cs, "NOPE2345", &p[0]) == MK_ENOTFOUND);

	CHECK(cstore_courses(cs, PA, c, 2, &n) == 0 && n == 1);
	CHECK(n == 1 && strcmp(c[0].uuid, CA) == 0 && strcmp(c[0].plan, "standard") == 0);
	CHECK(n == 1 && c[0].grade == 2 && strcmp(c[0].area, "thighs") == 0);
	CHECK(n == 1 && c[0].sessions_planned == 8 && c[0].interval_days == 14);
	CHECK(n == 1 && c[0].started_at == T0 - 100000 && c[0].n_sessions == 2);
	CHECK(n == 1 && strcmp(c[0].sessions[0].uuid, S1) == 0 && c[0].sessions[1].done_at == T0 + 50);
	CHECK(cstore_courses(cs, PB, c, 2, &n) == 0 && n == 0);

	CHECK(cstore_records(cs, PA, NULL, 0, 0, w, 8, &n) == 0 && n == 4);
	CHECK(n == 4 && strcmp(w[0].uuid, rA1.r.uuid) == 0 && strcmp(w[3].uuid, rA4.r.uuid) == 0);
	CHECK(n == 4 && strcmp(w[0].kiosk, kiosk) == 0 && strcmp(w[0].patient_code, "K7MZ4Q2P") == 0);
	CHECK(n == 4 && strcmp(w[0].course_uuid, CA) == 0 && w[0].session == 1);
	CHECK(n == 4 && w[0].created_at == T0 && w[0].received_at == NOW);
	CHECK(n == 4 && strcmp(w[2].kind, "alert") == 0 && w[2].alert_level == 2);
	CHECK(cstore_records(cs, NULL, "alert", 0, 0, w, 8, &n) == 0 && n == 2);
	CHECK(cstore_records(cs, NULL, NULL, T0 + 100, T0 + 200, w, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(w[0].uuid, rA2.r.uuid) == 0 && strcmp(w[1].uuid, rB1.r.uuid) == 0);
	CHECK(cstore_records(cs, NULL, NULL, 0, 0, w, 3, &n) == 0 && n == 3); /* max */
	CHECK(cstore_records(cs, PB, "report", 0, 0, w, 8, &n) == 0 && n == 1 && w[0].course_uuid[0] == 0);

	CHECK(cstore_alerts(cs, 0, w, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(w[0].uuid, rA4.r.uuid) == 0 && strcmp(w[1].uuid, rA3.r.uuid) == 0);
	CHECK(cstore_alerts(cs, T0 + 250, w, 8, &n) == 0 && n == 1);
	CHECK(cstore_alert_ack(cs, rA3.r.uuid, "ana", T0 + 400) == 0);
	CHECK(cstore_alert_ack(cs, rA3.r.uuid, "ben", T0 + 500) == 0);
	CHECK(cstore_alert_ack(cs, rA1.r.uuid, "ana", T0 + 400) == MK_ENOTFOUND); /* a report */
	CHECK(cstore_alert_ack(cs, "00000000-0000-4000-8000-000000000000", "ana", T0) == MK_ENOTFOUND);
	CHECK(cstore_alerts(cs, 0, w, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && w[1].acked_by[0] && strcmp(w[1].acked_by, "ana") == 0 && w[1].acked_at == T0 + 400);
	CHECK(n == 2 && w[0].acked_by[0] == 0 && w[0].acked_at == 0);
	CHECK(cstore_patient_get(cs, "K7MZ4Q2P", &p[0]) == 0 && p[0].open_alerts == 1);

	CHECK(cstore_kiosks(cs, k, 2, &n) == 0 && n == 1 && k[0].records == 5 && k[0].last_seen == NOW);
}

static void test_open(cstore *cs)
{
	uint8_t pk2[32], sk2[32];
	char *json = NULL;
	size_t n = 0;
	CHECK(cstore_open_record(cs, pk, sk, rA1.r.uuid, &json, &n) == 0);
	CHECK(json && n == strlen(REPORT) && strcmp(json, REPORT) == 0);
	cstore_plain_free(json, n);
	store_keygen(pk2, sk2);
	CHECK(cstore_open_record(cs, pk2, sk2, rA1.r.uuid, &json, &n) == MK_EPERM && !json);
	CHECK(cstore_open_record(cs, pk, sk, "00000000-0000-4000-8000-000000000000", &json, &n) ==
	      MK_ENOTFOUND);
	/* The stored parts are the kiosk's, byte for byte. */
	cstore_blob b;
	CHECK(cstore_record_blob(cs, rA3.r.uuid, &b) == 0);
	CHECK(b.ct_len == rA3.r.ct_len && memcmp(b.ciphertext, rA3.r.ciphertext, b.ct_len) == 0);
	CHECK(b.sealed_len == rA3.r.sealed_len && b.nonce_len == rA3.r.nonce_len);
	cstore_blob_free(&b);
	if (!tdb.pg) { /* kept encrypted: the report's words are in no file */
		char *wal = mk_asprintf("%s-wal", tdb.spec);
		CHECK(!file_contains(tdb.spec, "ZEBRA-7731") && !file_contains(wal, "ZEBRA-7731"));
		CHECK(file_contains(wal, "K7MZ4Q2P") || file_contains(tdb.spec, "K7MZ4Q2P"));
		free(wal);
	}
}

static void test_photos(cstore *cs, const char *dir, test_photo *ph)
{
	uint8_t *bytes = NULL, other[64];
	char sha[65];
	size_t n = 0;
	int64_t r = 0, f = 0;
	CHECK_MSG(test_photo_make(ph, dir, pk, PA, "K7MZ4Q2P", T0 + 400) == 0, "%s", mk_err_msg());
	CHECK(put(cs, &ph->r) == MK_EAGAIN && strcmp(reason, "the photo's files have not arrived") == 0);
	const char *u = ph->r.uuid;
	CHECK(cstore_photo_put(cs, kiosk, u, 0, (uint8_t *)ph->file[0], ph->file_len[0],
			       ph->r.sha256[0], NOW) == 0);
	CHECK(put(cs, &ph->r) == MK_EAGAIN);
	CHECK(cstore_photo_put(cs, kiosk, u, 0, (uint8_t *)ph->file[0], ph->file_len[0],
			       ph->r.sha256[0], NOW) == 0); /* sent again: fine */
	randombytes_buf(other, sizeof other);
	store_sha256_hex(other, sizeof other, sha);
	CHECK(cstore_photo_put(cs, kiosk, u, 0, other, sizeof other, sha, NOW) == MK_EEXIST);
	CHECK(cstore_photo_put(cs, kiosk, u, 1, (uint8_t *)ph->file[1], ph->file_len[1],
			       ph->r.sha256[1], NOW) == 0);
	CHECK_MSG(put(cs, &ph->r) == 0, "%s %s", mk_err_msg(), reason);
	CHECK(put(cs, &ph->r) == 0);
	CHECK(cstore_counts(cs, &r, &f) == 0 && r == 6 && f == 2);

	CHECK(cstore_photo_file(cs, u, 1, &bytes, &n) == 0 && n == ph->file_len[1] &&
	      memcmp(bytes, ph->file[1], n) == 0);
	free(bytes);
	for (int w = 0; w < 2; w++) {
		CHECK(cstore_open_photo(cs, pk, sk, u, w, &bytes, &n) == 0);
		CHECK(bytes && n == ph->plain_len[w] && memcmp(bytes, ph->plain[w], n) == 0);
		cstore_plain_free(bytes, n);
	}
	uint8_t pk2[32], sk2[32];
	store_keygen(pk2, sk2);
	CHECK(cstore_open_photo(cs, pk2, sk2, u, 0, &bytes, &n) == MK_EPERM && !bytes);
	char *json = NULL;
	CHECK(cstore_open_record(cs, pk, sk, u, &json, &n) == 0 && json && strstr(json, "camera"));
	cstore_plain_free(json, n);

	/* A record naming other bytes than the stored file is refused. */
	test_photo copy = *ph;
	store_uuid(copy.r.uuid);
	CHECK(cstore_photo_put(cs, kiosk, copy.r.uuid, 0, other, sizeof other, sha, NOW) == 0);
	CHECK(put(cs, &copy.r) == MK_EINVAL && reason[0]);

	/* That file has no record and never will: a month (and the hour
	 * between sweeps) on, an upload sweeps it; the stored photo's files
	 * stay. */
	test_photo late = *ph;
	store_uuid(late.r.uuid);
	CHECK(cstore_photo_put(cs, kiosk, late.r.uuid, 0, other, sizeof other, sha,
			       NOW + CSTORE_ORPHAN_SECONDS - 60) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", copy.r.uuid) == 1);
	CHECK(cstore_photo_put(cs, kiosk, late.r.uuid, 1, other, sizeof other, sha,
			       NOW + CSTORE_ORPHAN_SECONDS + 3600) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", copy.r.uuid) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", u) == 2);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", late.r.uuid) == 2);
}

/* Two collectors on one database (two cstores here): the hourly sweep is
 * claimed in the database, so the second collector does not sweep again
 * within the hour the first one swept in, and does once it has passed. */
static void test_two_sweepers(cstore *cs, const test_photo *ph)
{
	cstore *cs2 = NULL;
	uint8_t other[64] = { 9 };
	char sha[CSTORE_HEX], orphan[CSTORE_UUID];
	int64_t swept = NOW + CSTORE_ORPHAN_SECONDS + 3600; /* cs swept then (test_photos) */
	(void)cs;
	CHECK_MSG(cstore_open(&cs2, tdb.spec) == 0, "%s", mk_err_msg());
	if (!cs2)
		return;
	store_sha256_hex(other, sizeof other, sha);
	store_uuid(orphan);
	CHECK(cstore_photo_put(cs2, kiosk, orphan, 0, other, sizeof other, sha, NOW + 2) == 0);
	char later[CSTORE_UUID];
	store_uuid(later);
	CHECK(cstore_photo_put(cs2, kiosk, later, 0, other, sizeof other, sha, swept + 60) == 0);
	CHECK_MSG(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", orphan) == 1,
		  "the second collector swept again within the hour the first one swept in");
	CHECK(cstore_photo_put(cs2, kiosk, later, 1, other, sizeof other, sha, swept + 3660) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", orphan) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", ph->r.uuid) == 2);
	cstore_close(cs2);
}

static int audit_mentions(cstore *cs, const char *s)
{
	cstore_audit_row a[32];
	int n = 0, hit = 0;
	CHECK(cstore_audit_list(cs, a, 32, &n) == 0);
	for (int i = 0; i < n; i++)
		hit |= strstr(a[i].subject, s) || strstr(a[i].detail, s) || strstr(a[i].actor, s);
	return hit;
}

/* An enrolment (no record, nothing sealed) lists the patient before their
 * first report; a replay changes nothing; an erased patient stays erased. */
static void test_enrolment(cstore *cs)
{
	static cstore_record en;
	cstore_patient p;
	memset(&en, 0, sizeof en);
	store_uuid(en.uuid);
	snprintf(en.kind, sizeof en.kind, "enrolment");
	snprintf(en.patient_uuid, sizeof en.patient_uuid, "%s", PA);
	snprintf(en.patient_code, sizeof en.patient_code, "K7MZ4Q2P");
	en.created_at = T0 + 900;
	CHECK(put(cs, &en) == MK_EINVAL && strstr(reason, "erased"));
	CHECK(cstore_patient_get(cs, PA, &p) == MK_ENOTFOUND);
	store_uuid(en.uuid);
	store_uuid(en.patient_uuid);
	snprintf(en.patient_code, sizeof en.patient_code, "N3WPAT22");
	CHECK_MSG(put(cs, &en) == 0, "%s", reason);
	CHECK(put(cs, &en) == 0);
	CHECK_MSG(cstore_patient_get(cs, "N3WPAT22", &p) == 0 && p.reports == 0 && p.photos == 0 &&
		  p.last_record == 0, "an enrolled patient is listed before any report");
}

static test_rec deletion(const char *patient, const char *photo)
{
	test_rec d;
	test_rec_make(&d, pk, "erasure", NULL, patient, NULL, T0 + 500, NULL);
	snprintf(d.r.kind, sizeof d.r.kind, "photo-deletion");
	snprintf(d.r.photo_uuid, sizeof d.r.photo_uuid, "%s", photo);
	return d;
}

static int photos_of(cstore *cs, const char *patient)
{
	cstore_row rows[8];
	int n = -1;
	CHECK(cstore_records(cs, patient, "photo", 0, 0, rows, 8, &n) == 0);
	return n;
}

static int audit_count(cstore *cs, const char *action, const char *subject, const char *detail)
{
	cstore_audit_row a[64];
	int n = 0, found = 0;
	CHECK(cstore_audit_list(cs, a, 64, &n) == 0);
	for (int i = 0; i < n; i++)
		found += !strcmp(a[i].action, action) && !strcmp(a[i].subject, subject) &&
			 !strcmp(a[i].detail, detail);
	return found;
}

/* The patient deleted a photo on the kiosk: it leaves the dashboard's
 * photo list and the files, once, however often the request comes; a
 * request for another patient's photo is refused; the photo's record
 * arriving after its deletion is accepted and not kept. */
static void test_photo_deletion(cstore *cs, const char *dir)
{
	test_photo mine, late;
	int64_t r = 0, f = 0, r0 = 0, f0 = 0;
	CHECK(test_photo_make(&mine, dir, pk, PA, "K7MZ4Q2P", T0 + 420) == 0);
	for (int w = 0; w < 2; w++)
		CHECK(cstore_photo_put(cs, kiosk, mine.r.uuid, w, (uint8_t *)mine.file[w], mine.file_len[w],
				       mine.r.sha256[w], NOW) == 0);
	CHECK(put(cs, &mine.r) == 0);
	CHECK(photos_of(cs, PA) == 2 && cstore_counts(cs, &r0, &f0) == 0);
	test_rec wrong = deletion(PB, mine.r.uuid);
	CHECK(put(cs, &wrong.r) == MK_EINVAL && strstr(reason, "not this patient's"));
	test_rec d = deletion(PA, mine.r.uuid);
	CHECK_MSG(put(cs, &d.r) == 0, "%s %s", mk_err_msg(), reason);
	CHECK(photos_of(cs, PA) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", mine.r.uuid) == 0);
	CHECK(cstore_counts(cs, &r, &f) == 0 && r == r0 - 1 && f == f0 - 2);
	CHECK(audit_count(cs, "photo-deleted", mine.r.uuid, "deleted by the patient") == 1);
	/* Sent again (an acknowledgement lost): accepted, nothing changes. */
	CHECK(put(cs, &d.r) == 0);
	CHECK(cstore_counts(cs, &r, &f) == 0 && r == r0 - 1 && f == f0 - 2);
	CHECK(audit_count(cs, "photo-deleted", mine.r.uuid, "deleted by the patient") == 1);
	/* The photo's record sent again after it: accepted, not stored. */
	CHECK(put(cs, &mine.r) == 0 && photos_of(cs, PA) == 1);
	/* A photo deleted before its record came: the record is accepted
	 * (the kiosk forgets it) and not kept. */
	CHECK(test_photo_make(&late, dir, pk, PA, "K7MZ4Q2P", T0 + 450) == 0);
	test_rec early = deletion(PA, late.r.uuid);
	CHECK(put(cs, &early.r) == 0);
	for (int w = 0; w < 2; w++)
		CHECK(cstore_photo_put(cs, kiosk, late.r.uuid, w, (uint8_t *)late.file[w], late.file_len[w],
				       late.r.sha256[w], NOW) == 0);
	CHECK(put(cs, &late.r) == 0 && photos_of(cs, PA) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM records WHERE uuid = $1", late.r.uuid) == 0);
	test_photo_free(&late);
	test_photo_free(&mine);
}

static void test_erasure(cstore *cs, const char *photo_uuid)
{
	test_rec e, later, e2;
	cstore_patient p;
	cstore_audit_row a[32];
	int n = 0, found = 0;
	CHECK(cstore_audit(cs, "ana", "view-patient", "K7MZ4Q2P", "", T0) == 0);
	CHECK(cstore_audit(cs, "ana", "view-record", rA3.r.uuid, "", T0) == 0);
	/* A call for staff that named the patient outlives them, without them. */
	cstore_record call = { .kind = "call", .created_at = T0 + 500, .patient_code = "K7MZ4Q2P" };
	store_uuid(call.uuid);
	snprintf(call.patient_uuid, sizeof call.patient_uuid, "%s", PA);
	CHECK_MSG(put(cs, &call) == 0, "%s", reason);
	test_rec_make(&e, pk, "erasure", NULL, PA, NULL, T0 + 600, NULL);
	CHECK_MSG(put(cs, &e.r) == 0, "%s", mk_err_msg());
	CHECK(put(cs, &e.r) == 0); /* replayed */

	CHECK(cstore_patient_get(cs, "K7MZ4Q2P", &p) == MK_ENOTFOUND);
	CHECK(cstore_patient_get(cs, PA, &p) == MK_ENOTFOUND);
	CHECK(n_records(cs) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM photo_files WHERE uuid = $1", photo_uuid) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM courses", NULL) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM sessions", NULL) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM alert_acks", NULL) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM records WHERE patient_uuid = $1", PA) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM erased WHERE patient_uuid = $1", PA) == 1);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM staff_calls WHERE patient_uuid = ''"
			  " AND patient_code = ''", NULL) == 1);
	/* A call sent after the erasure still goes, naming nobody. */
	store_uuid(call.uuid);
	CHECK(put(cs, &call) == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM staff_calls WHERE patient_code = ''", NULL) == 2);

	CHECK(cstore_audit_list(cs, a, 32, &n) == 0);
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].action, "erasure") == 0) {
			found++;
			CHECK(strcmp(a[i].subject, e.r.uuid) == 0);
			CHECK(strcmp(a[i].detail, "5 records removed") == 0);
			CHECK(strncmp(a[i].actor, "kiosk:", 6) == 0 && strcmp(a[i].actor + 6, kiosk) == 0);
			CHECK(a[i].at == NOW);
		}
	CHECK(found == 1);
	CHECK(!audit_mentions(cs, "K7MZ4Q2P") && !audit_mentions(cs, PA));
	CHECK(!audit_mentions(cs, rA3.r.uuid));

	test_rec_make(&later, pk, "report", NULL, PA, "K7MZ4Q2P", T0 + 700, "{}");
	CHECK(put(cs, &later.r) == MK_EINVAL && strstr(reason, "erased"));
	CHECK(put(cs, &rA1.r) == MK_EINVAL); /* an old one, replayed after the erasure */
	CHECK(n_records(cs) == 1);
	CHECK(cstore_patient_get(cs, "B2C3D4E5", &p) == 0 && p.reports == 1);

	e2 = e; /* the request's UUID for another patient */
	snprintf(e2.r.patient_uuid, sizeof e2.r.patient_uuid, PB);
	CHECK(put(cs, &e2.r) == MK_EINVAL);
	test_rec_make(&later, pk, "report", e.r.uuid, PB, "B2C3D4E5", T0 + 700, "{}");
	CHECK(put(cs, &later.r) == MK_EINVAL);
	test_rec_make(&e2, pk, "erasure", NULL, PA, NULL, T0 + 800, NULL);
	CHECK(put(cs, &e2.r) == 0); /* erased already: nothing to do */
	CHECK(cstore_patient_get(cs, "B2C3D4E5", &p) == 0);
	test_enrolment(cs);
}

int main(int argc, char **argv)
{
	cstore *cs = NULL;
	char tok[CSTORE_TOKEN], dir[] = "/tmp/mkcphotoXXXXXX";
	test_photo ph;
	if (store_keygen(pk, sk) != 0 || test_db_make(&tdb, argc, argv, "mk_cstore_ingest") != 0 ||
	    !mkdtemp(dir))
		return 1;
	CHECK_MSG(cstore_open(&cs, tdb.spec) == 0, "%s", mk_err_msg());
	if (!cs)
		return check_done();
	CHECK(cstore_kiosk_add(cs, "desk", kiosk, tok) == 0);
	test_put(cs);
	test_read(cs);
	test_open(cs);
	test_photos(cs, dir, &ph);
	test_two_sweepers(cs, &ph);
	test_photo_deletion(cs, dir);
	test_erasure(cs, ph.r.uuid);
	test_photo_free(&ph);
	cstore_close(cs);
	if (!tdb.pg) { /* the erased patient's code is gone from the file too */
		CHECK(!file_contains(tdb.spec, "K7MZ4Q2P")); /* its UUID stays, as the tombstone */
		CHECK(file_contains(tdb.spec, "B2C3D4E5")); /* the scan can find things */
	}
	test_db_done(&tdb);
	char *cmd = mk_asprintf("rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	return check_done();
}
