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

struct store {
	sqlite3 *db;
	char *dir;     /* the data folder, for free space and messages */
	char *path;    /* <data_dir>/kiosk.db, for messages */
	int version;
	int disk_full; /* a write hit a full disk; cleared by the next commit */
	char *photo_dir; /* <data_dir>/photos, the encrypted photo files */
	int photo_lock;  /* that folder, open and flock'ed shared while the store is open; -1 */
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
int store_test_limit_pages(store *s, int pages);

/* Decrypts a photo file's bytes (header, nonce, ciphertext) in place under
 * the record key; *plain_len receives the plain size (at the start of
 * buf). MK_EIO when damaged, moved or under another key. */
int store_photo_unseal(const uint8_t key[STORE_KEY_BYTES], const char *uuid, int which,
		       uint8_t *buf, size_t len, size_t *plain_len);
/* The path of a photo's file in the store's folder (malloc'd). */
char *store_photo_path(store *s, const char *uuid, int which);

#endif
