/* SPDX-License-Identifier: MIT */
/*
 * Patients: enrolment, sign-in with lockout, staff unlock, PIN reset,
 * consent and erasure (issue 4, points 3 and 5). A patient's own key is
 * random and stored only wrapped with a key that Argon2id derives from their
 * PIN and, with a TPM, a secret sealed in it (store_wrap.c), so a copy of
 * the disk does not open their records and a guessed PIN costs real work,
 * or with a TPM is refused by it. Sign-in is built so that a
 * stranger learns nothing about which codes exist: an unknown code gets the
 * same answer as a wrong PIN, after the same key derivation. Erasure deletes
 * every row about the patient and leaves the clinic only a request carrying
 * their UUID, in one transaction, so the kiosk is never half-erased (their
 * photos' files follow once it commits; store_photo.c).
 * Each action writes its audit row (store_audit.c) in its own transaction;
 * a sign-in is saved after the slow key derivation, never holding the write
 * lock through it.
 */
#include "store_int.h"
#include "core.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CODE_TRIES 16

static const char NO_MATCH[] = "that code and PIN do not match; "
			       "please try again or ask the front desk";

/* A patient row as sign-in needs it. */
typedef struct {
	int64_t id;
	store_wrap w;
	int failed;
	int64_t locked_until;
	const char *stranger; /* an unknown code: its tries count in store_strangers.c */
} patient_row;

static int pin_ok(const char *pin)
{
	size_t n = pin ? strlen(pin) : 0;
	if (n < STORE_PIN_MIN || n > STORE_PIN_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (pin[i] < '0' || pin[i] > '9')
			return 0;
	return 1;
}

static int check_pin(const char *pin)
{
	return pin_ok(pin) ? 0 : mk_err(MK_EINVAL, "the PIN must be 6 to 12 digits");
}

/* Upper-cases a typed code; 0 if it has the shape of a code (store_int.h). */
int store_code_norm(const char *in, char out[STORE_CODE_LEN + 1])
{
	if (!in || strlen(in) != STORE_CODE_LEN)
		return -1;
	for (int i = 0; i < STORE_CODE_LEN; i++) {
		out[i] = (char)toupper((unsigned char)in[i]);
		if (!strchr(STORE_CODE_ALPHABET, out[i]) || !out[i])
			return -1;
	}
	out[STORE_CODE_LEN] = 0;
	return 0;
}

static void make_code(char out[STORE_CODE_LEN + 1])
{
	const uint32_t n = (uint32_t)(sizeof STORE_CODE_ALPHABET - 1);
	for (int i = 0; i < STORE_CODE_LEN; i++)
		out[i] = STORE_CODE_ALPHABET[mkc_random_below(n)];
	out[STORE_CODE_LEN] = 0;
}

static void bind_key(sqlite3_stmt *st, int first, const store_wrap *k)
{
	sqlite3_bind_blob(st, first, k->salt, sizeof k->salt, SQLITE_STATIC);
	sqlite3_bind_int64(st, first + 1, (sqlite3_int64)k->cost.ops);
	sqlite3_bind_int64(st, first + 2, (sqlite3_int64)k->cost.mem);
	sqlite3_bind_blob(st, first + 3, k->wrapped, sizeof k->wrapped, SQLITE_STATIC);
	if (k->blob_len)
		sqlite3_bind_blob(st, first + 4, k->blob, (int)k->blob_len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, first + 4);
}

/* Inserts the patient; a code already taken gives 1 (try another). */
static int insert_patient(store *s, const store_wrap *k, const char *code, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO patients(uuid, code, pin_salt, pin_ops, pin_mem, wrapped_key,"
		" tpm_blob, created_at) VALUES (?,?,?,?,?,?,?,?)";
	char uuid[STORE_UUID_LEN + 1];
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "enrolling a patient");
	store_uuid(uuid);
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	bind_key(st, 3, k);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		*id = (int64_t)sqlite3_last_insert_rowid(s->db);
		return 0;
	}
	return rc == SQLITE_CONSTRAINT_UNIQUE ? 1 : store_sql_err(s, rc, "enrolling a patient");
}

int store_patient_enrol(store *s, const char *pin, const store_pin_cost *cost,
			char code_out[STORE_CODE_LEN + 1], int64_t *id_out)
{
	char code[STORE_CODE_LEN + 1];
	store_wrap k;
	int rc = check_pin(pin);
	if (rc || (rc = store_wrap_make(s, pin, cost, &k)) != 0 || (rc = store_begin(s)) != 0)
		return rc;
	rc = 1;
	for (int i = 0; i < CODE_TRIES && rc == 1; i++) {
		make_code(code);
		rc = insert_patient(s, &k, code, id_out);
	}
	if (rc == 1)
		rc = mk_err(MK_ELIMIT, "cannot find a free patient code");
	if (!rc)
		rc = store_audit_at(s, (int64_t)time(NULL), "staff", "enrol", code);
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	memcpy(code_out, code, sizeof code);
	mk_log(MK_LOG_INFO, "patient_enrolled", "id=%lld tpm=%d", (long long)*id_out, k.blob_len > 0);
	return 0;
}

/* ---- Sign-in */

static int copy_col(sqlite3_stmt *st, int col, uint8_t *dst, size_t want)
{
	if ((size_t)sqlite3_column_bytes(st, col) != want)
		return -1;
	if (want)
		memcpy(dst, sqlite3_column_blob(st, col), want);
	return 0;
}

/* Fills *p for code; 1 if there is no such patient. */
static int load_patient(store *s, const char *code, patient_row *p)
{
	static const char sql[] =
		"SELECT id, pin_salt, pin_ops, pin_mem, wrapped_key, failed_pins, locked_until,"
		" tpm_blob FROM patients WHERE code=?";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "signing in");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int blob = sqlite3_column_bytes(st, 7);
		p->id = sqlite3_column_int64(st, 0);
		p->w.cost.ops = (unsigned long long)sqlite3_column_int64(st, 2);
		p->w.cost.mem = (size_t)sqlite3_column_int64(st, 3);
		p->failed = sqlite3_column_int(st, 5);
		p->locked_until = sqlite3_column_int64(st, 6);
		p->w.blob_len = blob > 0 && blob <= STORE_TPM_BLOB_MAX ? (size_t)blob : 0;
		rc = copy_col(st, 1, p->w.salt, sizeof p->w.salt) ||
		     copy_col(st, 4, p->w.wrapped, sizeof p->w.wrapped) ||
		     copy_col(st, 7, p->w.blob, p->w.blob_len) || blob > STORE_TPM_BLOB_MAX
			? mk_err(MK_EINVAL, "patient %s is damaged", code) : 0;
	} else {
		rc = rc == SQLITE_DONE ? 1 : store_sql_err(s, rc, "signing in");
	}
	sqlite3_finalize(st);
	return rc;
}

/* For an unknown code: a row that never opens, at the cost of the newest
 * patient, so the answer takes as long as for a real one. */
static void decoy_patient(store *s, patient_row *p)
{
	sqlite3_stmt *st;
	memset(p, 0, sizeof *p);
	p->w.cost = STORE_PIN_COST;
	mkc_random(p->w.salt, sizeof p->w.salt);
	if (sqlite3_prepare_v2(s->db, "SELECT pin_ops, pin_mem FROM patients"
			       " ORDER BY id DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->w.cost.ops = (unsigned long long)sqlite3_column_int64(st, 0);
		p->w.cost.mem = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
}

static int set_failed(store *s, int64_t id, int failed, int64_t locked_until)
{
	static const char sql[] = "UPDATE patients SET failed_pins=?, locked_until=? WHERE id=?";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "signing in");
	sqlite3_bind_int(st, 1, failed);
	sqlite3_bind_int64(st, 2, locked_until);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "signing in");
}

/* A patient's wrong tries and lock: in their row, or for an unknown code
 * in the strangers' table, so both lock alike. */
static int set_tries(store *s, const patient_row *p, int failed, int64_t locked_until, int64_t now)
{
	if (p->stranger) {
		store_strangers_set(s, p->stranger, failed, locked_until, now);
		return 0;
	}
	return p->id ? set_failed(s, p->id, failed, locked_until) : 0;
}

static int locked_err(void)
{
	return mk_err(MK_ELIMIT, "too many wrong PINs: this code is locked for 15 minutes;"
		      " the front desk can unlock it");
}

/* The TPM, not this kiosk, refuses every PIN for now. The same for every
 * code, so it tells a stranger nothing. */
static int tpm_locked_err(void)
{
	return mk_err(MK_EAGAIN, "signing in is paused on this kiosk after too many wrong PINs"
		      " (the TPM's lockout); please try again later or ask the front desk");
}

/* Seals a PIN-only patient's key with the TPM too (store_wrap_open made
 * the new wrapping), in the sign-in's transaction. */
static int set_wrap(store *s, int64_t id, const store_wrap *w)
{
	static const char sql[] = "UPDATE patients SET wrapped_key=?, tpm_blob=? WHERE id=?";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "signing in");
	sqlite3_bind_blob(st, 1, w->wrapped, sizeof w->wrapped, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, w->blob, (int)w->blob_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, "signing in");
	mk_log(MK_LOG_INFO, "patient_key_sealed", "id=%lld", (long long)id);
	return 0;
}

/* What a sign-in attempt was. A locking attempt resets the count, so the
 * patient gets fresh tries once the lock ends; an attempt while locked does
 * not count at all, nor does one the TPM refused in its lockout (it never
 * saw the PIN). */
enum { ATTEMPT_OK, ATTEMPT_WRONG, ATTEMPT_LOCKS, ATTEMPT_LOCKED, ATTEMPT_TPM_LOCKED };

static int attempt_kind(const patient_row *p, int opened, int64_t now)
{
	if (p->locked_until > now)
		return ATTEMPT_LOCKED;
	if (!opened)
		return p->failed + 1 >= STORE_MAX_FAILED_PINS ? ATTEMPT_LOCKS : ATTEMPT_WRONG;
	return ATTEMPT_OK;
}

/* The attempt's writes and audit rows; code is "" for an unknown code, so
 * the log never keeps what a stranger typed (its tries count, keyed). */
static int attempt_writes(store *s, const patient_row *p, const char *code, int kind,
			  const store_wrap *upgrade, int64_t now)
{
	int rc = 0;
	switch (kind) {
	case ATTEMPT_OK:
		if (p->failed)
			rc = set_failed(s, p->id, 0, 0);
		if (!rc && upgrade && upgrade->blob_len)
			rc = set_wrap(s, p->id, upgrade);
		return rc ? rc : store_audit_at(s, now, "patient", "sign-in", code);
	case ATTEMPT_WRONG:
		rc = set_tries(s, p, p->failed + 1, p->locked_until, now);
		return rc ? rc : store_audit_at(s, now, "patient", "sign-in-failed", code);
	case ATTEMPT_LOCKS:
		rc = set_tries(s, p, 0, now + STORE_LOCK_SECONDS, now);
		if (!rc)
			rc = store_audit_at(s, now, "patient", "sign-in-failed", code);
		return rc ? rc : store_audit_at(s, now, "patient", "lockout", code);
	default:
		return store_audit_at(s, now, "patient", "sign-in-failed", code);
	}
}

/* Saves the attempt in one transaction, then gives its answer. A known and
 * an unknown code both write here, so both take a commit's time. */
static int settle(store *s, const patient_row *p, const char *code, int kind,
		  const store_wrap *upgrade, int64_t now)
{
	int rc = store_begin(s);
	if (!rc && !(rc = attempt_writes(s, p, code, kind, upgrade, now)))
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		return store_unsaved(rc, "signing in cannot be recorded; please ask the front desk");
	}
	if (kind == ATTEMPT_LOCKS && p->id)
		mk_log(MK_LOG_WARN, "patient_locked", "id=%lld", (long long)p->id);
	else if (kind == ATTEMPT_LOCKS)
		mk_log(MK_LOG_WARN, "unknown_code_locked", "reason=\"too many wrong PINs\"");
	if (kind == ATTEMPT_TPM_LOCKED) {
		mk_log(MK_LOG_WARN, "tpm_lockout", "reason=\"the TPM refuses PINs until its recovery time\"");
		return tpm_locked_err();
	}
	if (kind == ATTEMPT_WRONG)
		return mk_err(MK_EINVAL, "%s", NO_MATCH);
	return kind == ATTEMPT_OK ? 0 : locked_err();
}

int store_patient_unlock(store *s, const char *code, const char *pin, int64_t now,
			 uint8_t key_out[STORE_KEY_BYTES], int64_t *id_out)
{
	char norm[STORE_CODE_LEN + 1] = "", stranger[STORE_CODE_LEN + 1];
	const char *tried = pin_ok(pin) ? pin : "000000";
	patient_row p;
	store_wrap up = { .blob_len = 0 };
	int known, opened = 0, kind, rc;
	int shaped = store_code_norm(code, norm) == 0;
	rc = shaped ? load_patient(s, norm, &p) : 1;
	if (rc < 0)
		return rc;
	known = rc == 0;
	p.stranger = NULL;
	if (!known) {
		decoy_patient(s, &p);
		if (shaped) {
			memcpy(stranger, norm, sizeof stranger);
			p.stranger = stranger;
			store_strangers_get(s, stranger, &p.failed, &p.locked_until);
		}
		norm[0] = 0;
	}
	/* A patient locked here costs the TPM no try: a stranger cannot use
	 * the kiosk to spend the TPM's lockout on one code. */
	if (!known || p.locked_until > now)
		rc = store_wrap_decoy(s, &p.w, tried);
	else if ((rc = store_wrap_open(s, &p.w, tried, key_out, &up)) > 0)
		opened = 1, rc = 0;
	if (rc < 0 && rc != MK_EAGAIN) {
		mkc_wipe(key_out, STORE_KEY_BYTES);
		return rc;
	}
	kind = rc == MK_EAGAIN ? ATTEMPT_TPM_LOCKED
			       : attempt_kind(&p, opened && pin_ok(pin), now);
	rc = settle(s, &p, norm, kind, &up, now);
	mkc_wipe(&up, sizeof up);
	mkc_wipe(stranger, sizeof stranger);
	if (rc) {
		mkc_wipe(key_out, STORE_KEY_BYTES);
		return rc;
	}
	*id_out = p.id;
	return 0;
}

int store_patient_tries_left(store *s, const char *code, int64_t now)
{
	char norm[STORE_CODE_LEN + 1];
	patient_row p = { .id = 0 };
	int rc = store_code_norm(code, norm) == 0 ? load_patient(s, norm, &p) : -1;
	if (rc < 0)
		return STORE_MAX_FAILED_PINS;
	if (rc == 1)
		store_strangers_get(s, norm, &p.failed, &p.locked_until);
	mkc_wipe(norm, sizeof norm);
	mkc_wipe(&p.w, sizeof p.w);
	return p.locked_until > now ? 0 : STORE_MAX_FAILED_PINS - p.failed;
}

/* ---- Staff actions */

/* Runs a one-row UPDATE/DELETE with a text or integer key; MK_ENOTFOUND
 * when no row matched. */
static int change_one(store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_sql_err(s, rc, what);
	return sqlite3_changes(s->db) ? 0 : mk_err(MK_ENOTFOUND, "%s: no such patient", what);
}

/* The audit row of a change: subject code, or when NULL the patient id's. */
typedef struct {
	const char *actor, *action, *code;
	int64_t id, at;
} audit_row;

/* change_one and its audit row in one transaction; st is finalized. */
static int change_audited(store *s, sqlite3_stmt *st, const char *what, const audit_row *a)
{
	int rc = store_begin(s);
	if (rc) {
		sqlite3_finalize(st);
		return rc;
	}
	rc = change_one(s, st, what);
	if (!rc)
		rc = a->code ? store_audit_at(s, a->at, a->actor, a->action, a->code)
			     : store_audit_patient(s, a->at, a->actor, a->action, a->id);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_patient_staff_unlock(store *s, const char *code)
{
	char norm[STORE_CODE_LEN + 1];
	sqlite3_stmt *st;
	if (store_code_norm(code, norm) != 0)
		return mk_err(MK_ENOTFOUND, "unlocking: no such patient");
	int rc = sqlite3_prepare_v2(s->db, "UPDATE patients SET failed_pins=0, locked_until=0"
				    " WHERE code=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "unlocking");
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	audit_row a = { "staff", "unlock", norm, 0, (int64_t)time(NULL) };
	return change_audited(s, st, "unlocking", &a);
}

int store_patient_reset_pin(store *s, const char *code, const char *new_pin,
			    const store_pin_cost *cost)
{
	static const char sql[] =
		"UPDATE patients SET pin_salt=?, pin_ops=?, pin_mem=?, wrapped_key=?, tpm_blob=?,"
		" failed_pins=0, locked_until=0 WHERE code=?";
	char norm[STORE_CODE_LEN + 1];
	sqlite3_stmt *st;
	store_wrap k;
	int rc = check_pin(new_pin);
	if (rc)
		return rc;
	if (store_code_norm(code, norm) != 0)
		return mk_err(MK_ENOTFOUND, "resetting the PIN: no such patient");
	if ((rc = store_wrap_make(s, new_pin, cost, &k)) != 0)
		return rc;
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "resetting the PIN");
	bind_key(st, 1, &k);
	sqlite3_bind_text(st, 6, norm, -1, SQLITE_STATIC);
	audit_row a = { "staff", "reset-pin", norm, 0, (int64_t)time(NULL) };
	return change_audited(s, st, "resetting the PIN", &a);
}

static int exec_id(store *s, const char *sql, int64_t id, const char *a, const char *b);

/* The clinic learns of a patient once they agree to send, not only with
 * their first report: the first consent queues an outbox item of kind
 * "enrolment" (its own UUID, the patient's UUID as subject) in the same
 * transaction; its wire form carries the patient's UUID and code
 * (store_wire.c). Nothing is queued before consent. */
static int queue_enrolment(store *s, int64_t id, int64_t now)
{
	char *sql = mk_asprintf("INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
				" SELECT ?2, 'enrolment', uuid, %d, %lld FROM patients"
				" WHERE id=?1 AND consent_at IS NULL", STORE_PRIORITY_RECORD,
				(long long)now);
	char uuid[STORE_UUID_LEN + 1];
	int rc;
	if (!sql)
		return mk_err(MK_ENOMEM, "out of memory");
	store_uuid(uuid);
	rc = exec_id(s, sql, id, uuid, NULL);
	free(sql);
	return rc;
}

int store_patient_set_consent(store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *st;
	int rc = store_begin(s);
	if (rc)
		return rc;
	if ((rc = queue_enrolment(s, id, now)) != 0) {
		store_rollback(s);
		return rc;
	}
	if ((rc = sqlite3_prepare_v2(s->db, "UPDATE patients SET consent_at=? WHERE id=?", -1, &st,
				     NULL)) != SQLITE_OK) {
		store_rollback(s);
		return store_sql_err(s, rc, "saving consent");
	}
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	rc = change_one(s, st, "saving consent");
	if (!rc)
		rc = store_audit_patient(s, now, "patient", "consent", id);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_patient_find(store *s, const char *code, int64_t now, store_patient_info *out)
{
	static const char sql[] =
		"SELECT id, code, locked_until > ?, consent_at IS NOT NULL, created_at"
		" FROM patients WHERE code=?";
	char norm[STORE_CODE_LEN + 1];
	sqlite3_stmt *st;
	int rc;
	if (store_code_norm(code, norm) != 0)
		return mk_err(MK_ENOTFOUND, "no patient has that code");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "finding a patient");
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_column_int64(st, 0);
		memcpy(out->code, norm, sizeof norm);
		out->locked = sqlite3_column_int(st, 2);
		out->consented = sqlite3_column_int(st, 3);
		out->created_at = sqlite3_column_int64(st, 4);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "no patient has that code")
				       : store_sql_err(s, rc, "finding a patient");
	}
	sqlite3_finalize(st);
	return rc;
}

int store_patient_has_consent(store *s, int64_t id)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT consent_at IS NOT NULL FROM patients"
				    " WHERE id=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading consent");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = sqlite3_column_int(st, 0) ? 1 : 0;
	else
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "reading consent: no such patient")
				       : store_sql_err(s, rc, "reading consent");
	sqlite3_finalize(st);
	return rc;
}

/* ---- Erasure */

static int patient_uuid(store *s, int64_t id, char out[STORE_UUID_LEN + 1])
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT uuid FROM patients WHERE id=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "erasing a patient");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) <= STORE_UUID_LEN)
		rc = (memcpy(out, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0) + 1), 0);
	else
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "erasing: no such patient")
				       : store_sql_err(s, rc, "erasing a patient");
	sqlite3_finalize(st);
	return rc;
}

/* Runs sql with ?1 = id (and ?2 = a, ?3 = b when given). */
static int exec_id(store *s, const char *sql, int64_t id, const char *a, const char *b)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "erasing a patient");
	sqlite3_bind_int64(st, 1, id);
	if (a)
		sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "erasing a patient");
}

/* The audit rows are pseudonymised before the patient goes (they name the
 * patient's code and record UUIDs); the erasure's own row names only the
 * request, which the clinic can match to the patient it holds, the kiosk
 * no longer can. */
static int erase_rows(store *s, int64_t id, const char *req, const char *puuid)
{
	int64_t now = (int64_t)time(NULL);
	int rc = store_audit_forget(s, id, req);
	if (!rc)
		rc = exec_id(s, "DELETE FROM outbox WHERE record_uuid IN"
			     " (SELECT uuid FROM records WHERE patient_id=?1)", id, NULL, NULL);
	if (!rc) /* not sent yet: the erasure says all the clinic needs */
		rc = exec_id(s, "DELETE FROM outbox WHERE kind='enrolment' AND subject="
			     "(SELECT uuid FROM patients WHERE id=?1)", id, NULL, NULL);
	if (!rc) /* an undone session of theirs: the erasure takes every session */
		rc = exec_id(s, "DELETE FROM outbox WHERE kind='session-undone' AND subject IN"
			     " (SELECT u.uuid FROM sessions_undone u JOIN courses c ON c.id ="
			     " u.course_id WHERE c.patient_id=?1)", id, NULL, NULL);
	if (!rc) /* the patient's photo deletions: the erasure covers them */
		rc = exec_id(s, "DELETE FROM outbox WHERE kind='photo-deletion' AND record_uuid IN"
			     " (SELECT request_uuid FROM photo_deletions WHERE patient_uuid="
			     "(SELECT uuid FROM patients WHERE id=?1))", id, NULL, NULL);
	if (!rc)
		rc = exec_id(s, "DELETE FROM photo_deletions WHERE patient_uuid="
			     "(SELECT uuid FROM patients WHERE id=?1)", id, NULL, NULL);
	if (!rc)
		rc = exec_id(s, "DELETE FROM patients WHERE id=?1", id, NULL, NULL);
	if (!rc) {
		char *sql = mk_asprintf("INSERT INTO outbox(record_uuid, kind, subject, priority,"
					" created_at) VALUES (?2, 'erasure', ?3, %d, ?1)",
					STORE_PRIORITY_ERASURE);
		rc = sql ? exec_id(s, sql, now, req, puuid) : mk_err(MK_ENOMEM, "out of memory");
		free(sql);
	}
	return rc ? rc : store_audit_at(s, now, "staff", "erase", req);
}

int store_patient_erase(store *s, int64_t id, char request_uuid_out[STORE_UUID_LEN + 1])
{
	char puuid[STORE_UUID_LEN + 1], req[STORE_UUID_LEN + 1], (*photos)[STORE_UUID_LEN + 1] = NULL;
	int n_photos = 0, rc = store_begin(s);
	if (rc)
		return rc;
	store_uuid(req);
	rc = patient_uuid(s, id, puuid);
	if (!rc)
		rc = store_photo_uuids(s, id, &photos, &n_photos);
	if (!rc)
		rc = erase_rows(s, id, req, puuid);
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		free(photos);
		return rc;
	}
	store_photo_unlink(s, photos, n_photos); /* the rows are gone for good now */
	free(photos);
	memcpy(request_uuid_out, req, sizeof req);
	mk_log(MK_LOG_INFO, "patient_erased", "request=%s photos=%d", req, n_photos);
	return 0;
}
