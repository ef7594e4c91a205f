/* SPDX-License-Identifier: MIT */
/*
 * Kiosks confined to their own patients (issue 16, point 6), on SQLite (no
 * argument) and PostgreSQL (the collector_pg fixture's URI file). Kiosk A
 * enrols a patient; kiosk B, in no group with A, then tries each hole the
 * attack found, and each is refused for good with a reason the kiosk logs,
 * leaves A's data as it was, and is written to the audit:
 *  - B rewrites the patient's code (a record for A's patient UUID);
 *  - B erases A's patient;
 *  - B enrols a second patient with A's patient's code;
 *  - B sends a photo file under the UUID of A's photo: A's own files and
 *    record still go through, B's file is not the one read back, and once
 *    A's record is in, B's later file for it is refused.
 * Put in one group (kiosk-group), B may write for A's patients.
 *
 * A record's UUID is its sending kiosk's: B that sends a record under a
 * UUID A used (or will use) never has it counted as A's. A resending its
 * own record is still a replay (stored once); B sending A's stored record
 * again, or A sending a record under a UUID B took first (with A's
 * patient, so it looked like a replay), is refused with the reason, a log
 * line and an audit row, never answered "accepted" for a record that is
 * not there: A's kiosk keeps its record set aside for staff to see.
 */
#include "test_cstore_db.h"
#include "test_cstore_rec.h"
#include <unistd.h>

#define T0 1795000000
#define NOW (T0 + 5000)
#define PA "aaaaaaaa-0000-4000-8000-0000000000a1"
#define PB "bbbbbbbb-0000-4000-8000-0000000000b2"
#define CODE_A "K7MZ4Q2P"
#define CODE_X "X2345678"
#define REPORT "{\"answers\":{\"pain\":1},\"note\":\"\"}"
#define NOT_YOURS "the patient belongs to another kiosk"
#define CODE_TAKEN "this patient code is another patient's"

static test_db tdb;
static uint8_t pk[32], sk[32];
static char ka[CSTORE_ID], kb[CSTORE_ID];
static char reason[200];

static int put_as(cstore *cs, const char *kiosk, const cstore_record *r)
{
	reason[0] = 0;
	return cstore_record_put(cs, kiosk, r, NOW, reason);
}

static int audit_refused(cstore *cs, const char *kiosk, const char *uuid)
{
	cstore_audit_row a[64];
	char actor[48];
	int n = 0, hit = 0;
	snprintf(actor, sizeof actor, "kiosk:%s", kiosk);
	CHECK(cstore_audit_list(cs, a, 64, &n) == 0);
	for (int i = 0; i < n; i++)
		hit |= !strcmp(a[i].action, "kiosk-refused") && !strcmp(a[i].actor, actor) &&
		       !strcmp(a[i].subject, uuid);
	return hit;
}

static int64_t records_of(const char *patient)
{
	return test_db_int(&tdb, "SELECT COUNT(*) FROM records WHERE patient_uuid = $1", patient);
}

static int code_is(cstore *cs, const char *patient, const char *code)
{
	cstore_patient p;
	return cstore_patient_get(cs, patient, &p) == 0 && !strcmp(p.code, code);
}

static void enrol_a(cstore *cs)
{
	test_rec r;
	test_rec_make(&r, pk, "report", NULL, PA, CODE_A, T0, REPORT);
	CHECK_MSG(put_as(cs, ka, &r.r) == 0, "%s", reason);
	CHECK(records_of(PA) == 1 && code_is(cs, PA, CODE_A));
}

static void test_code_rewrite(cstore *cs)
{
	test_rec r;
	test_rec_make(&r, pk, "report", NULL, PA, CODE_X, T0 + 10, REPORT);
	CHECK(put_as(cs, kb, &r.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, NOT_YOURS) != NULL, "%s", reason);
	CHECK(code_is(cs, PA, CODE_A) && records_of(PA) == 1);
	CHECK(audit_refused(cs, kb, r.r.uuid));
}

static void test_erasure(cstore *cs)
{
	test_rec r;
	test_rec_make(&r, pk, "erasure", NULL, PA, NULL, T0 + 20, NULL);
	CHECK(put_as(cs, kb, &r.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, NOT_YOURS) != NULL, "%s", reason);
	CHECK(records_of(PA) == 1 && code_is(cs, PA, CODE_A));
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM erased", NULL) == 0);
	CHECK(audit_refused(cs, kb, r.r.uuid));
}

static void test_second_patient(cstore *cs)
{
	test_rec r;
	test_rec_make(&r, pk, "report", NULL, PB, CODE_A, T0 + 30, REPORT);
	CHECK(put_as(cs, kb, &r.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, CODE_TAKEN) != NULL, "%s", reason);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM patients WHERE code = $1", CODE_A) == 1);
	CHECK(records_of(PB) == 0);
	CHECK(audit_refused(cs, kb, r.r.uuid));
}

static void test_photo_squat(cstore *cs, const char *dir)
{
	test_photo ph;
	uint8_t other[64], *bytes = NULL;
	char sha[65];
	size_t n = 0;
	CHECK_MSG(test_photo_make(&ph, dir, pk, PA, CODE_A, T0 + 40) == 0, "%s", mk_err_msg());
	const char *u = ph.r.uuid;
	randombytes_buf(other, sizeof other);
	store_sha256_hex(other, sizeof other, sha);
	/* B gets there first with other bytes under A's photo UUID. */
	CHECK(cstore_photo_put(cs, kb, u, 0, other, sizeof other, sha, NOW) == 0);
	for (int w = 0; w < 2; w++)
		CHECK_MSG(cstore_photo_put(cs, ka, u, w, (uint8_t *)ph.file[w], ph.file_len[w],
					   ph.r.sha256[w], NOW) == 0, "part %d: %s", w, mk_err_msg());
	CHECK_MSG(put_as(cs, ka, &ph.r) == 0, "%s", reason);
	CHECK(cstore_photo_file(cs, u, 0, &bytes, &n) == 0 && n == ph.file_len[0] &&
	      memcmp(bytes, ph.file[0], n) == 0);
	free(bytes);
	CHECK(cstore_open_photo(cs, pk, sk, u, 0, &bytes, &n) == 0 && n == ph.plain_len[0]);
	cstore_plain_free(bytes, n);
	/* Now that A's record is in, B's file for it is refused. */
	CHECK(cstore_photo_put(cs, kb, u, 1, other, sizeof other, sha, NOW) == MK_EPERM);
	CHECK(audit_refused(cs, kb, u));
	test_photo_free(&ph);
}

#define PC "cccccccc-0000-4000-8000-0000000000c3"
#define CODE_C "C3456789"
#define SQUAT "this UUID names a record another kiosk sent"

/* B first, with the patient UUID and record UUID A is about to use. */
static void test_uuid_squat_first(cstore *cs)
{
	test_rec b, a;
	test_rec_make(&b, pk, "report", NULL, PC, CODE_C, T0 + 42, REPORT);
	CHECK_MSG(put_as(cs, kb, &b.r) == 0, "%s", reason);
	test_rec_make(&a, pk, "report", b.r.uuid, PC, CODE_C, T0 + 43, REPORT);
	CHECK(put_as(cs, ka, &a.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, SQUAT) != NULL, "%s", reason);
	CHECK(audit_refused(cs, ka, a.r.uuid));
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM records WHERE uuid = $1", b.r.uuid) == 1);
}

/* A first; B sends A's record again, alone and in a batch; A's own resend
 * is still a replay. */
static void test_uuid_squat_after(cstore *cs)
{
	test_rec a;
	int res[1];
	char why[1][CSTORE_REASON];
	const cstore_record *one[1] = { &a.r };
	test_rec_make(&a, pk, "report", NULL, PA, CODE_A, T0 + 44, REPORT);
	CHECK_MSG(put_as(cs, ka, &a.r) == 0, "%s", reason);
	CHECK(put_as(cs, kb, &a.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, SQUAT) != NULL, "%s", reason);
	CHECK(audit_refused(cs, kb, a.r.uuid));
	CHECK(cstore_records_put(cs, kb, one, 1, NOW, res, why) == 0);
	CHECK_MSG(res[0] == MK_EINVAL && strstr(why[0], SQUAT) != NULL, "%d %s", res[0], why[0]);
	CHECK_MSG(put_as(cs, ka, &a.r) == 0, "%s", reason);
	CHECK(cstore_records_put(cs, ka, one, 1, NOW, res, why) == 0 && res[0] == 0);
	CHECK(test_db_int(&tdb, "SELECT COUNT(*) FROM records WHERE uuid = $1", a.r.uuid) == 1);
}

/* B's erasure request under a UUID A then uses for its own erasure. */
static void test_erasure_squat(cstore *cs)
{
	test_rec b, a;
	test_rec_make(&b, pk, "erasure", NULL, PC, NULL, T0 + 46, NULL);
	CHECK_MSG(put_as(cs, kb, &b.r) == 0, "%s", reason);
	test_rec_make(&a, pk, "erasure", b.r.uuid, PC, NULL, T0 + 47, NULL);
	CHECK(put_as(cs, ka, &a.r) == MK_EINVAL);
	CHECK_MSG(strstr(reason, SQUAT) != NULL, "%s", reason);
	CHECK(audit_refused(cs, ka, a.r.uuid));
	CHECK_MSG(put_as(cs, kb, &b.r) == 0, "%s", reason); /* B's own resend: a replay */
}

static void test_group(cstore *cs)
{
	test_rec r;
	CHECK(cstore_kiosk_set_group(cs, ka, "front-desk") == 0);
	CHECK(cstore_kiosk_set_group(cs, kb, "front-desk") == 0);
	CHECK(cstore_kiosk_set_group(cs, "kiosk-nosuch", "front-desk") == MK_ENOTFOUND);
	CHECK(cstore_kiosk_set_group(cs, kb, "Front Desk!") == MK_EINVAL);
	test_rec_make(&r, pk, "report", NULL, PA, CODE_A, T0 + 50, REPORT);
	CHECK_MSG(put_as(cs, kb, &r.r) == 0, "%s", reason);
	CHECK(records_of(PA) == 4); /* the reports, the photo, this one */
	CHECK(cstore_kiosk_set_group(cs, kb, "") == 0);
	test_rec_make(&r, pk, "report", NULL, PA, CODE_A, T0 + 60, REPORT);
	CHECK(put_as(cs, kb, &r.r) == MK_EINVAL);
}

int main(int argc, char **argv)
{
	cstore *cs = NULL;
	char tok[CSTORE_TOKEN], dir[] = "/tmp/mkcownerXXXXXX";
	if (store_keygen(pk, sk) != 0 || test_db_make(&tdb, argc, argv, "mk_cstore_owner") != 0 ||
	    !mkdtemp(dir))
		return 1;
	CHECK_MSG(cstore_open(&cs, tdb.spec) == 0, "%s", mk_err_msg());
	if (!cs)
		return check_done();
	CHECK(cstore_kiosk_add(cs, "room A", ka, tok) == 0);
	CHECK(cstore_kiosk_add(cs, "room B", kb, tok) == 0);
	enrol_a(cs);
	test_code_rewrite(cs);
	test_erasure(cs);
	test_second_patient(cs);
	test_photo_squat(cs, dir);
	test_uuid_squat_first(cs);
	test_uuid_squat_after(cs);
	test_erasure_squat(cs);
	test_group(cs);
	cstore_close(cs);
	test_db_done(&tdb);
	char *cmd = mk_asprintf("rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	return check_done();
}
