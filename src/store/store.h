/* SPDX-License-Identifier: MIT */
/*
 * store: the kiosk's patient data. One SQLite database, kiosk.db, in the
 * data folder, opened in WAL mode with synchronous=FULL so that what the
 * patient confirmed survives a power cut, and upgraded in place by numbered
 * migrations (PRAGMA user_version).
 *
 * Everything a patient records is encrypted before it reaches SQLite: each
 * record has its own random key, stored twice — sealed to the clinic's public
 * key (only the collector opens it) and wrapped with the patient's own key
 * (only their PIN unlocks that). A copy of the disk reveals neither. The
 * record and its outbox row are written in one transaction, so a record is
 * never lost from sending nor sent twice (the collector acks by UUID).
 *
 * Only this module includes sqlite3.h and sodium.h. Calls return 0 or a
 * negative MK_E* code with the message in mk_err_msg().
 */
#ifndef MK_STORE_H
#define MK_STORE_H

#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 1 /* the newest schema this build knows */
#define STORE_KEY_BYTES 32     /* clinic keys, patient keys, PIN keys */
#define STORE_SALT_BYTES 16
#define STORE_UUID_LEN 36      /* plus the NUL: char uuid[37] */

typedef struct store store;

/* ---- Open and close */

/* Creates data_dir if needed (0700) and opens <data_dir>/kiosk.db, applying
 * any migrations. Fails with a clear message when the folder is unwritable
 * or the database was written by a newer build. *out is owned by the caller. */
int store_open(store **out, const char *data_dir);
/* Closes the database; NULL is fine. */
void store_close(store *s);
/* The schema version of the open database (STORE_SCHEMA_VERSION after open). */
int store_schema_version(store *s);

/* ---- Identifiers and keys */

/* Sets up libsodium once; every other call here does it too. */
int store_crypto_init(void);
/* A random (version 4) UUID, lower-case, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx". */
void store_uuid(char out[STORE_UUID_LEN + 1]);
/* A clinic key pair for crypto_box_seal. */
int store_keygen(uint8_t pk[STORE_KEY_BYTES], uint8_t sk[STORE_KEY_BYTES]);

/* Argon2id cost. STORE_PIN_COST is the one the kiosk uses (about 0.3 s on
 * the reference machine); tests pass STORE_PIN_COST_TEST to stay fast. The
 * cost is stored with each patient so it can be raised later. */
typedef struct {
	unsigned long long ops;
	size_t mem;
} store_pin_cost;
extern const store_pin_cost STORE_PIN_COST;
extern const store_pin_cost STORE_PIN_COST_TEST;

/* Derives a key from a PIN and a salt; cost NULL means STORE_PIN_COST. */
int store_pin_key(const char *pin, const uint8_t salt[STORE_SALT_BYTES],
		  const store_pin_cost *cost, uint8_t key_out[STORE_KEY_BYTES]);

/* ---- Encrypted records */

/* Encrypts plain (n bytes) under a new random key, stores the key sealed to
 * clinic_pk and wrapped with patient_key, and writes the record and its
 * outbox row in one transaction. uuid_out receives the record's UUID. */
int store_record_add(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
		     const uint8_t patient_key[STORE_KEY_BYTES], int64_t patient_id,
		     const char *kind, const void *plain, size_t n,
		     char uuid_out[STORE_UUID_LEN + 1]);
/* The patient side: decrypts a record with the patient's key. *plain is
 * NUL-terminated for convenience (not counted in *n); free it with
 * store_plain_free. A wrong key gives MK_EINVAL, a missing record
 * MK_ENOTFOUND. */
int store_record_read(store *s, const uint8_t patient_key[STORE_KEY_BYTES],
		      const char *uuid, void **plain, size_t *n);
/* The clinic side (tests, and later the collector): the same with the
 * clinic's key pair. */
int store_record_open_clinic(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
			     const uint8_t clinic_sk[STORE_KEY_BYTES],
			     const char *uuid, void **plain, size_t *n);
/* Wipes and frees what store_record_read/open_clinic returned. */
void store_plain_free(void *plain, size_t n);

#endif
