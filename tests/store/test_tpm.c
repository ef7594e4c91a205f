/* SPDX-License-Identifier: MIT */
/*
 * The TPM's promises, against software TPMs (tpm_run.sh starts them:
 * MK_TEST_TPM is the kiosk's, with a lockout after 3 wrong PINs and one more
 * try every MK_TPM_RECOVERY seconds; MK_TEST_TPM_OTHER is another
 * machine's):
 *  - a patient enrolled with the TPM signs in with their PIN, and a patient
 *    enrolled before the TPM is sealed with it at their next sign-in,
 *    keeping their key (their records stay readable);
 *  - a copy of the data folder opens nothing without that TPM, even with
 *    the right PIN: not with another TPM, not without one, and not by
 *    Argon2id of the right PIN alone (what a thief with the disk can do);
 *  - wrong PINs are counted by the TPM, not only by the kiosk's counter (a
 *    thief resets that in SQLite): after the TPM's threshold even the right
 *    PIN is refused, with a neutral message, for every code alike, until
 *    the recovery time has passed; then the right PIN opens again;
 *  - "off" and a TPM that does not answer leave the PIN alone, as before.
 */
#include "store_test.h"
#include "core.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1700000000
#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)

static const char *kiosk_tpm, *other_tpm;

static store *open_at(const char *dir, const char *tpm)
{
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (s && tpm)
		CHECK_MSG(store_tpm_use(s, tpm) == 0, "%s: %s", tpm, mk_err_msg());
	return s;
}

static long long blob_len(store *s, const char *code)
{
	char *q = mk_asprintf("SELECT ifnull(length(tpm_blob), 0) FROM patients WHERE code='%s'", code);
	long long n = query_int(s, q);
	free(q);
	return n;
}

static void copy_file(const char *from_dir, const char *to_dir, const char *name)
{
	char *a = mk_path_join(from_dir, name), *b = mk_path_join(to_dir, name), *text = NULL;
	size_t n = 0;
	if (mk_read_file(a, &text, &n) == 0)
		CHECK(mk_write_atomic(b, text, n) == 0);
	free(text);
	free(a);
	free(b);
}

/* Enrol and sign in with the TPM; a PIN-only patient is sealed at sign-in. */
static void test_enrol(const char *dir, const uint8_t pk[32], char code[9], char rec[37],
		       char old_code[9], char old_rec[37])
{
	uint8_t key[32], key2[32];
	int64_t id = 0, got = 0;
	void *plain = NULL;
	size_t n = 0;
	store_tpm_info info;
	/* Before the TPM: a patient wrapped with the PIN alone, and a record. */
	store *s = open_at(dir, "off");
	if (!s)
		return;
	CHECK(store_tpm_state(s, &info) == 0 && !info.present);
	CHECK(store_patient_enrol(s, PIN, COST, old_code, &id) == 0);
	CHECK(store_patient_unlock(s, old_code, PIN, T0, key, &got) == 0);
	CHECK(store_record_add(s, pk, key, id, "note", "before the TPM", 14, old_rec) == 0);
	CHECK(blob_len(s, old_code) == 0);
	store_close(s);

	s = open_at(dir, kiosk_tpm);
	if (!s)
		return;
	CHECK_MSG(store_tpm_state(s, &info) == 0, "%s", mk_err_msg());
	CHECK(info.present && !info.locked && info.max_tries == 3 && info.failed_tries == 0);
	CHECK(strcmp(info.name, kiosk_tpm) == 0);
	CHECK_MSG(store_patient_enrol(s, PIN, COST, code, &id) == 0, "%s", mk_err_msg());
	CHECK(blob_len(s, code) > 100);
	CHECK_MSG(store_patient_unlock(s, code, PIN, T0, key, &got) == 0 && got == id, "%s", mk_err_msg());
	CHECK(store_record_add(s, pk, key, id, "note", "with the TPM", 12, rec) == 0);
	CHECK(store_record_read(s, key, rec, &plain, &n) == 0 && plain && !strcmp(plain, "with the TPM"));
	store_plain_free(plain, n);

	/* The old patient keeps their key: sealed now, the old record reads. */
	CHECK_MSG(store_patient_unlock(s, old_code, PIN, T0, key2, &got) == 0, "%s", mk_err_msg());
	CHECK(blob_len(s, old_code) > 100);
	CHECK(store_patient_unlock(s, old_code, PIN, T0, key2, &got) == 0);
	CHECK(store_record_read(s, key2, old_rec, &plain, &n) == 0 && plain &&
	      !strcmp(plain, "before the TPM"));
	store_plain_free(plain, n);
	CHECK(store_patient_unlock(s, old_code, "000000", T0, key2, &got) == MK_EINVAL);
	/* A reset PIN is sealed too. */
	CHECK(store_patient_reset_pin(s, old_code, "135790", COST) == 0);
	CHECK(blob_len(s, old_code) > 100);
	CHECK(store_patient_unlock(s, old_code, "135790", T0, key2, &got) == 0);
	CHECK(store_tpm_state(s, &info) == 0 && info.failed_tries == 1); /* the "000000" */
	store_close(s);
}

/* What a thief with a copy of the data folder can do with the right PIN. */
static void test_copy(const char *dir, const char *code, const char *rec)
{
	char *copy = tmp_dir();
	uint8_t key[32], pin_key[32], salt[16], wrapped[72], out[32];
	int64_t got = 0;
	copy_file(dir, copy, "kiosk.db");
	store *s = open_at(copy, other_tpm);
	if (!s)
		return;
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == MK_EIO);
	CHECK_MSG(strstr(mk_err_msg(), "another TPM") != NULL, "%s", mk_err_msg());
	CHECK(store_tpm_use(s, "off") == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == MK_EIO);
	CHECK_MSG(strstr(mk_err_msg(), "sealed in a TPM") != NULL, "%s", mk_err_msg());
	/* By hand: Argon2id of the right PIN does not unwrap the key. */
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(store_db(s), "SELECT pin_salt, wrapped_key FROM patients"
				 " WHERE code=?", -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	memcpy(salt, sqlite3_column_blob(st, 0), 16);
	memcpy(wrapped, sqlite3_column_blob(st, 1), 72);
	sqlite3_finalize(st);
	CHECK(store_pin_key(PIN, salt, COST, pin_key) == 0);
	CHECK(crypto_secretbox_open_easy(out, wrapped + 24, 48, wrapped, pin_key) != 0);
	/* The record is there, and its key is not to be had. */
	void *plain = NULL;
	size_t n = 0;
	CHECK(query_int(s, "SELECT count(*) FROM records") == 2);
	CHECK(store_record_read(s, pin_key, rec, &plain, &n) == MK_EINVAL && !plain);
	store_close(s);
	free(copy);
}

/* The TPM's lockout is the rate limit, whatever the database says. */
static void test_lockout(const char *dir, const char *code)
{
	char msg_known[256], msg_unknown[256];
	uint8_t key[32];
	int64_t got = 0;
	store_tpm_info info;
	int recovery = atoi(getenv("MK_TPM_RECOVERY") ? getenv("MK_TPM_RECOVERY") : "5");
	store *s = open_at(dir, kiosk_tpm);
	if (!s)
		return;
	sleep((unsigned)recovery + 1); /* the earlier wrong PIN is forgotten */
	CHECK(store_tpm_state(s, &info) == 0 && info.failed_tries == 0);
	for (int i = 0; i < 3; i++) {
		CHECK(store_patient_unlock(s, code, "111111", T0, key, &got) == MK_EINVAL);
		/* A thief resets the kiosk's own count: the TPM still counts. */
		CHECK(store_exec(s, "UPDATE patients SET failed_pins=0, locked_until=0", "test") == 0);
	}
	CHECK(store_tpm_state(s, &info) == 0 && info.locked && info.failed_tries == 3);
	CHECK(info.recovery_s == recovery);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == MK_EAGAIN);
	snprintf(msg_known, sizeof msg_known, "%s", mk_err_msg());
	CHECK_MSG(strstr(msg_known, "try again later") != NULL, "%s", msg_known);
	CHECK(strstr(msg_known, code) == NULL);
	CHECK(store_patient_unlock(s, "ZZZZZZZZ", PIN, T0, key, &got) == MK_EAGAIN);
	snprintf(msg_unknown, sizeof msg_unknown, "%s", mk_err_msg());
	CHECK(strcmp(msg_known, msg_unknown) == 0);
	/* Refused tries do not count against the patient here either. */
	CHECK(query_int(s, "SELECT max(failed_pins) FROM patients") == 0);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE action='sign-in-failed'") >= 5);
	sleep((unsigned)recovery + 1);
	CHECK_MSG(store_patient_unlock(s, code, PIN, T0, key, &got) == 0, "%s", mk_err_msg());
	store_close(s);
}

/* Unknown codes cost the same TPM work and never count. */
static void test_unknown(const char *dir)
{
	uint8_t key[32];
	int64_t got = 0;
	store_tpm_info before, after;
	store *s = open_at(dir, kiosk_tpm);
	if (!s)
		return;
	CHECK(store_tpm_state(s, &before) == 0);
	for (int i = 0; i < 4; i++)
		CHECK(store_patient_unlock(s, "ZZZZZZZZ", PIN, T0, key, &got) == MK_EINVAL);
	CHECK(store_tpm_state(s, &after) == 0 && after.failed_tries == before.failed_tries);
	store_close(s);
}

static void test_bad_tpm(void)
{
	char *dir = tmp_dir();
	char code[9];
	uint8_t key[32];
	int64_t id = 0, got = 0;
	store_tpm_info info;
	store *s = open_at(dir, NULL);
	if (!s)
		return;
	CHECK(store_tpm_use(s, "swtpm:host=127.0.0.1,port=1") == MK_EIO);
	CHECK_MSG(strstr(mk_err_msg(), "port=1") != NULL, "%s", mk_err_msg());
	CHECK(store_tpm_state(s, &info) == 0 && !info.present);
	CHECK(store_patient_enrol(s, PIN, COST, code, &id) == 0 && blob_len(s, code) == 0);
	CHECK(store_patient_unlock(s, code, PIN, T0, key, &got) == 0);
	store_close(s);
	free(dir);
}

int main(void)
{
	uint8_t pk[32], sk[32];
	char code[9], rec[37], old_code[9], old_rec[37];
	mk_log_set_level(MK_LOG_ERROR);
	kiosk_tpm = getenv("MK_TEST_TPM");
	other_tpm = getenv("MK_TEST_TPM_OTHER");
	if (!kiosk_tpm || !other_tpm) {
		fprintf(stderr, "run me with tpm_run.sh (MK_TEST_TPM and MK_TEST_TPM_OTHER)\n");
		return 1;
	}
	CHECK(store_crypto_init() == 0 && store_keygen(pk, sk) == 0);
	char *dir = tmp_dir();
	test_enrol(dir, pk, code, rec, old_code, old_rec);
	test_copy(dir, code, rec);
	test_unknown(dir);
	test_lockout(dir, code);
	test_bad_tpm();
	free(dir);
	return check_done();
}
