/* SPDX-License-Identifier: MIT */
/*
 * Encryption at rest (DESIGN.md, "Patient data"). Each record is encrypted
 * with XChaCha20-Poly1305 under its own random key, with the record's UUID
 * as additional data, so a ciphertext moved to another row fails to open
 * instead of showing one patient another's report. The record key is then
 * stored twice: sealed to the clinic's public key (a sealed box; the
 * kiosk cannot open it) and wrapped with the patient's key (secretbox, the
 * 24-byte nonce stored in front); src/crypto does the sealing. Plain text exists only in the caller's
 * buffers; keys are wiped as soon as they are used.
 *
 * Writing is split in two so that several records can share a transaction
 * (a report and its alert, store_report.c): store_seal encrypts with no
 * lock held, store_sealed_insert writes the row and its outbox row inside
 * the caller's transaction. A photo (store_photo.c) also encrypts its two
 * files under its record's key, so store_seal_key hands that key out and
 * store_record_key opens it again.
 */
#include "store_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REC_NONCE MKC_NONCE_BYTES
#define REC_MAC MKC_MAC_BYTES
#define SEALED_LEN MKC_SEALED_BYTES
#define WRAPPED_LEN MKC_WRAPPED_BYTES

_Static_assert(MKC_KEY_BYTES == STORE_KEY_BYTES, "key size");

void store_uuid(char out[STORE_UUID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t b[16];
	char *p = out;
	mkc_random(b, sizeof b);
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p = 0;
}

/* ---- Writing */

/* The encrypted parts of one record, ready to INSERT. */
struct store_sealed {
	char uuid[STORE_UUID_LEN + 1];
	uint8_t sealed[SEALED_LEN];
	uint8_t wrapped[WRAPPED_LEN];
	uint8_t nonce[REC_NONCE];
	uint8_t *ct;
	size_t ct_len;
};

static int seal_record(store_sealed *r, const uint8_t clinic_pk[32], const uint8_t patient_key[32],
		       const uint8_t rk[32], const void *plain, size_t n)
{
	int ok;
	if (!(r->ct = malloc(n + REC_MAC)))
		return mk_err(MK_ENOMEM, "out of memory encrypting a record");
	ok = mkc_aead_seal(r->ct, r->nonce, plain, n, r->uuid, STORE_UUID_LEN, rk) == 0 &&
	     mkc_seal_key(r->sealed, rk, clinic_pk) == 0 &&
	     mkc_wrap_key(r->wrapped, rk, patient_key) == 0;
	r->ct_len = n + REC_MAC;
	return ok ? 0 : mk_err(MK_EINVAL, "cannot encrypt a record");
}

int store_seal_key(store_sealed **out, const uint8_t clinic_pk[STORE_KEY_BYTES],
		   const uint8_t patient_key[STORE_KEY_BYTES], const void *plain, size_t n,
		   uint8_t key_out[STORE_KEY_BYTES])
{
	store_sealed *r;
	int rc;
	*out = NULL;
	if (!clinic_pk || !patient_key || (!plain && n))
		return mk_err(MK_EINVAL, "a record needs both keys and its content");
	if (n > (size_t)INT32_MAX - REC_MAC)
		return mk_err(MK_EINVAL, "record too large");
	if ((rc = mkc_init()) != 0)
		return rc;
	if (!(r = calloc(1, sizeof *r)))
		return mk_err(MK_ENOMEM, "out of memory encrypting a record");
	store_uuid(r->uuid);
	mkc_key_new(key_out);
	if ((rc = seal_record(r, clinic_pk, patient_key, key_out, plain, n)) != 0) {
		mkc_wipe(key_out, STORE_KEY_BYTES);
		store_sealed_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int store_seal(store_sealed **out, const uint8_t clinic_pk[STORE_KEY_BYTES],
	       const uint8_t patient_key[STORE_KEY_BYTES], const void *plain, size_t n)
{
	uint8_t rk[STORE_KEY_BYTES];
	int rc = store_seal_key(out, clinic_pk, patient_key, plain, n, rk);
	mkc_wipe(rk, sizeof rk);
	return rc;
}

const char *store_sealed_uuid(const store_sealed *r) { return r->uuid; }

void store_sealed_free(store_sealed *r)
{
	if (!r)
		return;
	free(r->ct);
	free(r);
}

static int insert_record(store *s, const store_sealed *r, int64_t patient_id,
			 const char *kind, int64_t now)
{
	static const char sql[] =
		"INSERT INTO records(uuid, patient_id, kind, created_at, sealed_key,"
		" wrapped_key, nonce, ciphertext) VALUES (?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "saving a record");
	sqlite3_bind_text(st, 1, r->uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, patient_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_blob(st, 5, r->sealed, sizeof r->sealed, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, r->wrapped, sizeof r->wrapped, SQLITE_STATIC);
	sqlite3_bind_blob(st, 7, r->nonce, sizeof r->nonce, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, r->ct, (int)r->ct_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "saving a record");
}

static int insert_outbox(store *s, const char *uuid, const char *kind, int priority, int64_t now)
{
	static const char sql[] =
		"INSERT INTO outbox(record_uuid, priority, created_at, kind) VALUES (?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "queueing a record");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, priority);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "queueing a record");
}

int store_sealed_insert_as(store *s, const store_sealed *r, int64_t patient_id, const char *kind,
			   const char *outbox_kind, int priority, int64_t now, int64_t *rowid)
{
	int rc = insert_record(s, r, patient_id, kind, now);
	if (!rc && rowid)
		*rowid = (int64_t)sqlite3_last_insert_rowid(s->db);
	return rc ? rc : insert_outbox(s, r->uuid, outbox_kind, priority, now);
}

int store_sealed_insert(store *s, const store_sealed *r, int64_t patient_id,
			const char *kind, int priority, int64_t now, int64_t *rowid)
{
	return store_sealed_insert_as(s, r, patient_id, kind, "record", priority, now, rowid);
}

int store_record_add(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
		     const uint8_t patient_key[STORE_KEY_BYTES], int64_t patient_id,
		     const char *kind, const void *plain, size_t n,
		     char uuid_out[STORE_UUID_LEN + 1])
{
	static const char unsaved[] = "the record was not saved";
	store_sealed *r = NULL;
	int rc = store_check_space(s, unsaved);
	if (rc || (rc = store_seal(&r, clinic_pk, patient_key, plain, n)) != 0)
		return rc;
	rc = store_begin(s);
	if (!rc && !(rc = store_sealed_insert(s, r, patient_id, kind, STORE_PRIORITY_RECORD,
					      (int64_t)time(NULL), NULL)))
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	else
		memcpy(uuid_out, r->uuid, sizeof r->uuid);
	store_sealed_free(r);
	return store_unsaved(rc, unsaved);
}

/* ---- Reading */

/* One record as stored: the key blob chosen by the caller's side. */
typedef struct {
	uint8_t key_blob[SEALED_LEN > WRAPPED_LEN ? SEALED_LEN : WRAPPED_LEN];
	uint8_t nonce[REC_NONCE];
	uint8_t *ct;
	size_t ct_len;
} loaded_record;

static int copy_blob(sqlite3_stmt *st, int col, uint8_t *dst, size_t want)
{
	if ((size_t)sqlite3_column_bytes(st, col) != want)
		return -1;
	memcpy(dst, sqlite3_column_blob(st, col), want);
	return 0;
}

/* clinic: read the sealed key, else the wrapped one. */
static int load_record(store *s, const char *uuid, int clinic, loaded_record *r)
{
	const char *sql = clinic
		? "SELECT sealed_key, nonce, ciphertext FROM records WHERE uuid=?"
		: "SELECT wrapped_key, nonce, ciphertext FROM records WHERE uuid=?";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading a record");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->ct_len = (size_t)sqlite3_column_bytes(st, 2);
		r->ct = malloc(r->ct_len + 1);
		if (!r->ct)
			rc = mk_err(MK_ENOMEM, "out of memory reading a record");
		else if (copy_blob(st, 0, r->key_blob, clinic ? SEALED_LEN : WRAPPED_LEN) ||
			 copy_blob(st, 1, r->nonce, REC_NONCE) || r->ct_len < REC_MAC)
			rc = mk_err(MK_EINVAL, "record %s is damaged", uuid);
		else
			rc = (memcpy(r->ct, sqlite3_column_blob(st, 2), r->ct_len), 0);
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "no record %s", uuid)
				       : store_sql_err(s, rc, "reading a record");
	}
	sqlite3_finalize(st);
	return rc;
}

static int decrypt_record(const loaded_record *r, const uint8_t rk[32], const char *uuid,
			  void **plain, size_t *n)
{
	size_t len = r->ct_len - REC_MAC, got = 0;
	uint8_t *out = malloc(len + 1);
	if (!out)
		return mk_err(MK_ENOMEM, "out of memory reading a record");
	if (mkc_aead_open(out, &got, r->ct, r->ct_len, uuid, strlen(uuid), r->nonce, rk) != 0) {
		free(out);
		return mk_err(MK_EINVAL, "record %s cannot be opened: damaged or moved", uuid);
	}
	out[got] = 0;
	*plain = out;
	*n = got;
	return 0;
}

/* Loads record uuid and opens its key (clinic: k1 = public, k2 = secret
 * key; patient: k1 = patient key). On success r->ct is the caller's. */
static int open_key(store *s, const char *uuid, int clinic, const uint8_t *k1,
		    const uint8_t *k2, loaded_record *r, uint8_t rk[STORE_KEY_BYTES])
{
	int rc, opened = 0;
	if (!uuid || strlen(uuid) != STORE_UUID_LEN)
		return mk_err(MK_EINVAL, "not a record id");
	rc = mkc_init();
	if (!rc && (rc = load_record(s, uuid, clinic, r)) == 0)
		opened = clinic ? mkc_seal_key_open(rk, r->key_blob, k1, k2) == 0
				: mkc_wrap_key_open(rk, r->key_blob, k1) == 0;
	if (!rc && !opened)
		rc = mk_err(MK_EINVAL, "record %s cannot be opened with this key", uuid);
	if (rc) {
		free(r->ct);
		r->ct = NULL;
	}
	return rc;
}

static int read_with(store *s, const char *uuid, int clinic, const uint8_t *k1,
		     const uint8_t *k2, void **plain, size_t *n)
{
	loaded_record r = { .ct = NULL };
	uint8_t rk[STORE_KEY_BYTES];
	int rc;
	*plain = NULL;
	*n = 0;
	if ((rc = open_key(s, uuid, clinic, k1, k2, &r, rk)) != 0)
		return rc;
	rc = decrypt_record(&r, rk, uuid, plain, n);
	mkc_wipe(rk, sizeof rk);
	free(r.ct);
	return rc;
}

int store_record_key(store *s, const char *uuid, int clinic, const uint8_t *k1,
		     const uint8_t *k2, uint8_t key_out[STORE_KEY_BYTES])
{
	loaded_record r = { .ct = NULL };
	int rc = open_key(s, uuid, clinic, k1, k2, &r, key_out);
	free(r.ct);
	return rc;
}

int store_record_read(store *s, const uint8_t patient_key[STORE_KEY_BYTES],
		      const char *uuid, void **plain, size_t *n)
{
	return read_with(s, uuid, 0, patient_key, NULL, plain, n);
}

int store_record_open_clinic(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
			     const uint8_t clinic_sk[STORE_KEY_BYTES],
			     const char *uuid, void **plain, size_t *n)
{
	return read_with(s, uuid, 1, clinic_pk, clinic_sk, plain, n);
}
