/* SPDX-License-Identifier: MIT */
/*
 * store internals shared by the module's files (the database in store.c,
 * the encrypted records in store_crypto.c, the audit rows every action
 * writes) and by the module's own tests, which need the raw connection to
 * set up odd cases (a newer schema, a patient row, a disk that fills up).
 */
#ifndef MK_STORE_INT_H
#define MK_STORE_INT_H

#include "store.h"
#include <sqlite3.h>

/* Wrong tries at codes that no patient has, so that an unknown code locks
 * like a real one (store_strangers.c). Kept in memory only, under a keyed
 * hash whose key never leaves this process, and bounded. */
typedef struct store_strangers store_strangers;
/* The count and lock for the code norm (upper case), 0 and 0 when unseen. */
void store_strangers_get(store *s, const char *norm, int *failed, int64_t *locked_until);
/* Keeps a count and lock for norm; 0/0 forgets it. */
void store_strangers_set(store *s, const char *norm, int failed, int64_t locked_until, int64_t now);
void store_strangers_free(store_strangers *t);

struct store {
	sqlite3 *db;
	char *dir;     /* the data folder, for free space and messages */
	char *path;    /* <data_dir>/kiosk.db, for messages */
	int version;
	int disk_full; /* a write hit a full disk; cleared by the next commit */
	char *photo_dir; /* <data_dir>/photos, the encrypted photo files */
	int photo_lock;  /* that folder, open and flock'ed shared while the store is open; -1 */
	struct store_tpm *tpm; /* the TPM in use, or NULL: PINs only (store_tpm_use) */
	store_strangers *strangers; /* unknown codes' wrong tries (store_strangers.c); NULL */
	char staff[STORE_STAFF_NAME_MAX + 1]; /* who opened staff mode ("": unnamed) */
};

/* Runs SQL that returns no rows; on failure sets mk_err with what. */
int store_exec(store *s, const char *sql, const char *what);
/* One transaction per user action. BEGIN IMMEDIATE takes the write lock at
 * once, so a busy database fails before any work is done, not at COMMIT. */
int store_begin(store *s);
int store_commit(store *s);
void store_rollback(store *s);
/* Turns a SQLite failure into an mk_err. A full disk (SQLITE_FULL, or an
 * I/O error with ENOSPC) gives MK_EFULL and sets the store's disk_full. */
int store_sql_err(store *s, int rc, const char *what);
/* For a call that failed with rc: a full disk gets the plain message "the
 * disk is full: <unsaved>" (e.g. "the report was not saved"); any other
 * code is returned as it is, message untouched. */
int store_unsaved(int rc, const char *unsaved);
/* MK_EFULL (and disk_full set) when the data folder has less than
 * STORE_MIN_FREE free: new records are refused before SQLite runs out. */
int store_check_space(store *s, const char *unsaved);
/* The same with `extra` bytes about to be written outside SQLite (a
 * photo's files): refused below STORE_MIN_FREE + extra. */
int store_check_space_for(store *s, int64_t extra, const char *unsaved);
/* Marks the store as having met a full disk (a file write got ENOSPC). */
void store_set_disk_full(store *s);

/* Applies the migrations in store_schema.c (store_open calls it). */
int store_migrate(store *s);

/* The SQL of the migration step to version `to` (NULL if none), so tests can
 * build an old database by hand and check it is upgraded in place. */
const char *store_migration_sql(int to);

/* ---- Encrypted records (store_crypto.c), for store_record_add and
 * store_report_add. A record is sealed before the transaction starts (the
 * crypto needs no lock), then inserted with its outbox row inside the
 * caller's open transaction. */
typedef struct store_sealed store_sealed;
/* Encrypts plain under a new record key for a new UUID. */
int store_seal(store_sealed **out, const uint8_t clinic_pk[STORE_KEY_BYTES],
	       const uint8_t patient_key[STORE_KEY_BYTES], const void *plain, size_t n);
/* The same, and the new record key in key_out for more data encrypted under
 * it (a photo's files); the caller wipes it. */
int store_seal_key(store_sealed **out, const uint8_t clinic_pk[STORE_KEY_BYTES],
		   const uint8_t patient_key[STORE_KEY_BYTES], const void *plain, size_t n,
		   uint8_t key_out[STORE_KEY_BYTES]);
const char *store_sealed_uuid(const store_sealed *r);
void store_sealed_free(store_sealed *r);
/* Inserts the record and its outbox row (at priority) in the open
 * transaction; *rowid receives the record's row id (NULL: not wanted). */
int store_sealed_insert(store *s, const store_sealed *r, int64_t patient_id,
			const char *kind, int priority, int64_t now, int64_t *rowid);
/* The same with the outbox row's kind given (store_sealed_insert: "record"). */
int store_sealed_insert_as(store *s, const store_sealed *r, int64_t patient_id, const char *kind,
			   const char *outbox_kind, int priority, int64_t now, int64_t *rowid);
/* Opens the key of record uuid: clinic 1 with k1 = clinic public key, k2 =
 * secret key; clinic 0 with k1 = the patient key. The caller wipes key_out.
 * A wrong key gives MK_EINVAL, no such record MK_ENOTFOUND. */
int store_record_key(store *s, const char *uuid, int clinic, const uint8_t *k1,
		     const uint8_t *k2, uint8_t key_out[STORE_KEY_BYTES]);

/* ---- The TPM (store_tpm.c): the only file that includes tpm2-tss. Each
 * call returns 0, MK_EPERM (the authorization was wrong: a wrong PIN, which
 * the TPM counts), MK_EAGAIN (dictionary-attack lockout) or MK_EIO
 * (anything else), with the message. */
#define STORE_TPM_BLOB_MAX 1024 /* a sealed object's public and private parts */
typedef struct store_tpm store_tpm;
/* Connects to the TPM through tcti (a tpm2-tss TCTI string). */
int store_tpm_open(store_tpm **out, const char *tcti);
void store_tpm_close(store_tpm *t);
/* The TCTI it was opened with. */
const char *store_tpm_name(const store_tpm *t);
/* Seals secret in a new TPM object whose authValue is auth; the object's
 * public and private parts go to blob (*n bytes), for the database. */
int store_tpm_seal(store_tpm *t, const uint8_t auth[STORE_KEY_BYTES],
		   const uint8_t secret[STORE_KEY_BYTES], uint8_t blob[STORE_TPM_BLOB_MAX], size_t *n);
/* Loads the object in blob and unseals its secret with auth. */
int store_tpm_unseal(store_tpm *t, const uint8_t auth[STORE_KEY_BYTES], const uint8_t *blob,
		     size_t n, uint8_t secret[STORE_KEY_BYTES]);
/* The same TPM work as an unseal that succeeds, on an object of its own:
 * for an unknown code, so it takes as long (and is refused the same way
 * in a lockout). */
int store_tpm_decoy(store_tpm *t);
/* The dictionary-attack state (locked, failed_tries, max_tries, recovery_s). */
int store_tpm_lockout(store_tpm *t, store_tpm_info *out);

/* ---- A patient key's wrapping (store_wrap.c): the key made from the PIN
 * by Argon2id, and with a TPM the secret sealed in it, wrap the patient's
 * key (secretbox, nonce in front). */
#define STORE_WRAPPED_LEN 72 /* nonce, MAC, key */
typedef struct {
	uint8_t salt[STORE_SALT_BYTES];
	store_pin_cost cost;
	uint8_t wrapped[STORE_WRAPPED_LEN];
	uint8_t blob[STORE_TPM_BLOB_MAX]; /* the TPM object holding the secret */
	size_t blob_len;                  /* 0: the PIN alone */
} store_wrap;
/* A new random patient key, wrapped for pin at cost (NULL: STORE_PIN_COST);
 * sealed with the store's TPM when it has one. */
int store_wrap_make(store *s, const char *pin, const store_pin_cost *cost, store_wrap *w);
/* 1 when pin opens w (the key in key_out), 0 when it does not (a wrong PIN;
 * the TPM counted it), or MK_EAGAIN (TPM lockout), MK_EIO (w needs a TPM
 * that is not here, or the TPM failed), MK_ENOMEM. When w is PIN-only and
 * the store has a TPM, a successful open also fills *upgrade (not NULL)
 * with the same key wrapped with the TPM too; else upgrade->blob_len = 0. */
int store_wrap_open(store *s, const store_wrap *w, const char *pin,
		    uint8_t key_out[STORE_KEY_BYTES], store_wrap *upgrade);
/* The work of store_wrap_open for a row that must not open (an unknown
 * code, a patient locked here): 0, or MK_EAGAIN / MK_EIO / MK_ENOMEM as
 * the real one would give. */
int store_wrap_decoy(store *s, const store_wrap *w, const char *pin);

/* ---- Audit rows (store_audit.c), written inside the caller's transaction
 * when there is one. at is the action's time; subject NULL means "". */
int store_audit_at(store *s, int64_t at, const char *actor, const char *action,
		   const char *subject);
/* The same with the subject = the code of patient id. */
int store_audit_patient(store *s, int64_t at, const char *actor, const char *action,
			int64_t id);
/* Erasure: rows naming the patient's code, records or courses get the
 * request's UUID as subject instead. Runs before the patient is deleted. */
int store_audit_forget(store *s, int64_t patient_id, const char *request_uuid);

/* ---- Photo files (store_photo.c). */
/* Creates <data>/photos (0700) and, unless another store has the folder
 * open, removes files no photos row names (a crash between writing them and
 * the commit) and leftover temporary files. store_open calls it. */
int store_photo_recover(store *s);
/* Erasure: the UUIDs of the patient's photos, collected inside the erasing
 * transaction; *out (n of them) is the caller's to free. */
int store_photo_uuids(store *s, int64_t patient_id, char (**out)[STORE_UUID_LEN + 1], int *n);
/* Removes the files of n photos whose rows are gone (after the commit). */
void store_photo_unlink(store *s, char (*uuids)[STORE_UUID_LEN + 1], int n);

/* Upper-cases a typed patient code into out; 0 if it has the shape of a
 * code (store_patient.c). */
int store_code_norm(const char *in, char out[STORE_CODE_LEN + 1]);

/* ---- Tests only. */

/* The raw connection. */
sqlite3 *store_db(store *s);
/* Lets the database grow by at most pages more pages (PRAGMA
 * max_page_count) so a test can make it hit "disk full"; pages < 0 lifts
 * the limit. */
#ifdef MK_TESTING
int store_test_limit_pages(store *s, int pages);
#endif

/* The path of a photo's file in the store's folder (malloc'd). */
char *store_photo_path(store *s, const char *uuid, int which);

#endif
