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
 * (only their PIN unlocks that, together with a secret sealed in the
 * kiosk's TPM when it has one: see "The TPM" below). The
 * record and its outbox row are written in one transaction, so a record is
 * never lost from sending nor sent twice (the collector acks by UUID).
 *
 * Only this module includes sqlite3.h; the sealing is src/crypto's (the
 * only includer of libsodium's header), and the key, PIN and hash helpers below are
 * its functions under the store's names, for the kiosk's callers. Calls
 * return 0 or a negative MK_E* code with the message in mk_err_msg().
 */
#ifndef MK_STORE_H
#define MK_STORE_H

#include "crypto.h"
#include <stddef.h>
#include <stdint.h>

#define STORE_SCHEMA_VERSION 10/* the newest schema this build knows */
#define STORE_KEY_BYTES 32     /* clinic keys, patient keys, PIN keys */
#define STORE_SALT_BYTES 16
#define STORE_UUID_LEN 36      /* plus the NUL: char uuid[37] */
#define STORE_CODE_LEN 8       /* patient codes; plus the NUL: char code[9] */
#define STORE_PIN_MIN 6        /* patient PINs: 6 to 12 digits (kiosk.conf */
#define STORE_PIN_MAX 12       /* pin_length sets how many for new ones) */
#define STORE_MAX_FAILED_PINS 5
#define STORE_LOCK_SECONDS (15 * 60)

typedef struct store store;

/* ---- Open and close */

/* Creates data_dir if needed (0700) and opens <data_dir>/kiosk.db, applying
 * any migrations; creates <data_dir>/photos and removes the photo files a
 * crash left without their row (unless another store has it open). Fails with a clear message when the folder is unwritable,
 * has less than STORE_MIN_FREE free (MK_EFULL), or the database was written
 * by a newer build. *out is owned by the caller. */
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
/* A clinic key pair for sealing records to. */
int store_keygen(uint8_t pk[STORE_KEY_BYTES], uint8_t sk[STORE_KEY_BYTES]);
/* Writes a new clinic key pair as PREFIX.pub (0644) and PREFIX.key (0600),
 * one line of hex each; refuses to overwrite existing files. */
int store_keys_write(const char *prefix);
/* Reads a key written by store_keys_write. */
int store_key_read(const char *path, uint8_t key[STORE_KEY_BYTES]);

/* Argon2id cost. STORE_PIN_COST is the one the kiosk uses (about 0.3 s on
 * the reference machine); tests pass STORE_PIN_COST_TEST to stay fast. The
 * cost is stored with each patient so it can be raised later. */
typedef mkc_cost store_pin_cost;
#define STORE_PIN_COST MKC_COST
#define STORE_PIN_COST_TEST MKC_COST_TEST

/* Derives a key from a PIN and a salt; cost NULL means STORE_PIN_COST. */
int store_pin_key(const char *pin, const uint8_t salt[STORE_SALT_BYTES],
		  const store_pin_cost *cost, uint8_t key_out[STORE_KEY_BYTES]);

/* ---- The TPM (store_tpm.c, store_wrap.c, schema v7).
 *
 * With a TPM 2.0 in use, a patient's key is wrapped with a key made from
 * their PIN (Argon2id) AND a random secret sealed in the TPM under an
 * authorization derived from the PIN. A copy of the data folder without
 * that TPM opens nothing, even with the right PIN, and wrong PINs are
 * counted by the TPM's dictionary-attack protection, which refuses every
 * PIN (the right one too) for its recovery time once they reach its
 * threshold. Without a TPM, patients' records are protected by their PINs
 * only, which a copy of the disk lets anyone guess offline.
 *
 * Patients enrolled before a TPM was used keep signing in with their PIN;
 * their key is sealed with the TPM too at their next successful sign-in.
 * A patient sealed with a TPM cannot sign in on a kiosk without it (a new
 * disk in the same kiosk is fine; a cleared or replaced TPM is not: staff
 * reset the PIN, as for a forgotten one). */

/* Uses the TPM named by tpm: "auto" (or NULL): /dev/tpmrm0 through the
 * kernel's resource manager when it exists, else none; "off": none; anything
 * else is a tpm2-tss TCTI ("device:/dev/tpmrm0",
 * "swtpm:host=127.0.0.1,port=2321"). 0 when done, including "none here";
 * a TPM that was named (or found) but does not answer gives MK_EIO and the
 * store goes on without one. Call it once, after store_open. */
int store_tpm_use(store *s, const char *tpm);

typedef struct {
	int present;      /* a TPM is in use; the rest is 0 when not */
	int locked;       /* in dictionary-attack lockout: no PIN is taken now */
	int failed_tries; /* its failure counter */
	int max_tries;    /* the lockout threshold */
	int recovery_s;   /* the counter drops by one after this many seconds */
	char name[256];   /* the TCTI used, for the log and staff */
} store_tpm_info;
/* The TPM's state, asked of the TPM now. MK_EIO when it does not answer. */
int store_tpm_state(store *s, store_tpm_info *out);

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

/* ---- Patients (store_patient.c)
 *
 * A patient is a code (8 characters from STORE_CODE_ALPHABET, which leaves
 * out 0/O/1/I/L so it can be copied from a card without doubt), a random
 * patient key, and that key wrapped with a key derived from their PIN of 6
 * to 12 digits (and the TPM's secret: see "The TPM" above). The PIN itself is never
 * stored. */
#define STORE_CODE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* Enrols a new patient with pin (6 to 12 digits, else MK_EINVAL) at cost
 * (NULL: STORE_PIN_COST). code_out receives the new code, id_out the row.
 * With a TPM in use their key is sealed with it too; a TPM that fails
 * gives its error and no patient (never a weaker one in silence). */
int store_patient_enrol(store *s, const char *pin, const store_pin_cost *cost,
			char code_out[STORE_CODE_LEN + 1], int64_t *id_out);
/* Sign-in. On success fills key_out and id_out and clears the failed count
 * (and seals a PIN-only patient's key with the TPM, when one is in use).
 * An unknown code and a wrong PIN give the same MK_EINVAL and message, after
 * the same Argon2id work, so the kiosk never tells a stranger whether a code
 * exists, and an unknown code locks alike (store_patient_tries_left).
 * The STORE_MAX_FAILED_PINS-th wrong PIN in a row locks the patient
 * until now + STORE_LOCK_SECONDS; while locked every attempt, even with the
 * right PIN, gives MK_ELIMIT (and does not count). After the lock ends the
 * patient has STORE_MAX_FAILED_PINS tries again. Codes are matched without
 * regard to case (a scanner may type lower case). Every attempt writes an
 * audit row (see the audit log below). With a TPM: MK_EAGAIN while the
 * TPM is in dictionary-attack lockout (for every code, known or not; the
 * attempt does not count here), MK_EIO when the patient's key was sealed
 * by a TPM this kiosk does not have. */
int store_patient_unlock(store *s, const char *code, const char *pin, int64_t now,
			 uint8_t key_out[STORE_KEY_BYTES], int64_t *id_out);
/* How many wrong PINs code may still take before it locks (0: locked now),
 * answered alike for an unknown code of the right shape, whose tries count
 * the same way (kept only as a keyed hash in memory; a restart forgets
 * them). STORE_MAX_FAILED_PINS for what is not a code, or when the database
 * cannot be read. */
int store_patient_tries_left(store *s, const char *code, int64_t now);
/* Staff: clears a lock and the failed count. MK_ENOTFOUND for no such code. */
int store_patient_staff_unlock(store *s, const char *code);
/* Staff: a forgotten PIN. The patient gets a NEW random key wrapped with
 * new_pin, because the old key cannot be recovered without the old PIN. Their
 * earlier records stay readable to the clinic (sealed to its key) but no
 * longer on the kiosk: the new key does not open them. Also clears a lock. */
int store_patient_reset_pin(store *s, const char *code, const char *new_pin,
			    const store_pin_cost *cost);
/* Records the patient's explicit consent at now. */
int store_patient_set_consent(store *s, int64_t id, int64_t now);
/* 1 if the patient has consented, 0 if not, or a negative MK_E* code. */
int store_patient_has_consent(store *s, int64_t id);
/* Withdrawn consent: deletes the patient with their courses, sessions,
 * records (reports, alerts and photos too) and those records' outbox rows, and
 * queues an erasure request for the clinic (outbox kind "erasure", carrying
 * only the patient's UUID), all in one transaction. Audit rows stay but no
 * longer name the patient: those whose subject was their code, a record or
 * a course of theirs get the request's UUID instead, and so does the
 * ("staff", "erase") row. The photos' files are deleted once that
 * transaction has committed (if the kiosk stops first, the next store_open
 * deletes them). request_uuid_out receives the request's UUID. */
int store_patient_erase(store *s, int64_t id, char request_uuid_out[STORE_UUID_LEN + 1]);

/* ---- What the collector takes. It checks every record it is sent against
 * these bounds (api_item.c) and refuses one outside them for good, after
 * the kiosk had saved it; so the calls below refuse such values first,
 * while staff or the patient are still at the screen. */
#define STORE_TIME_MAX ((int64_t)1 << 40) /* Unix seconds, of starts and sessions */
#define STORE_GRADE_MAX 100
#define STORE_SESSIONS_MAX 1000    /* sessions planned in a course */
#define STORE_INTERVAL_MAX 3650    /* days between sessions */
#define STORE_SESSION_MAX 10000    /* the session a report or photo follows */
#define STORE_ALERT_LEVEL_MAX 100
#define STORE_AREA_MAX 1000        /* a photo's body area number */
#define STORE_PHOTO_SIDE_MAX 65535 /* a photo's width and height in pixels */

/* ---- Courses and sessions (store_course.c); plans are kept in clear. */

typedef struct {
	char uuid[STORE_UUID_LEN + 1]; /* set by store_course_start/get_active */
	char plan[64];
	int grade;
	char area[32];
	int sessions_planned;
	int interval_days;
	int64_t started_at;
	int sessions_done; /* set by store_course_get_active */
} store_course;

/* Starts a course for a patient; c->plan and c->area must fit their fields,
 * the numbers the bounds above (grade 0.., at least one session, an
 * interval of at least a day, started at 0..); else MK_EINVAL. */
int store_course_start(store *s, int64_t patient_id, const store_course *c,
		       char uuid_out[STORE_UUID_LEN + 1]);
/* The patient's latest course; MK_ENOTFOUND when they have none. */
int store_course_get_active(store *s, int64_t patient_id, store_course *out);
/* Staff: a session of the course was done at now (0..STORE_TIME_MAX). */
int store_session_done(store *s, const char *course_uuid, int64_t now);
/* The same, giving the new session's UUID (for an undo). */
int store_session_add(store *s, const char *course_uuid, int64_t now,
		      char uuid_out[STORE_UUID_LEN + 1]);
/* Staff: takes back a session recorded by mistake (schema v9). In one
 * transaction the session goes, a tombstone keeps its UUID, course and time
 * (sessions_undone), an outbox item of kind "session-undone" (subject: the
 * session's UUID) tells the clinic, and a ("staff", "session-undone", CODE)
 * audit row is written. MK_ENOTFOUND when there is no such session (undone
 * already). */
int store_session_undo(store *s, const char *session_uuid, int64_t now);
/* When the latest session of the course was done; MK_ENOTFOUND if none. */
int store_session_last(store *s, const char *course_uuid, int64_t *at);
/* How many sessions of the course are done. */
int store_session_count(store *s, const char *course_uuid, int *n);

/* ---- Outbox (store_outbox.c): what the collector has not acknowledged. */

#define STORE_PRIORITY_RECORD 0
#define STORE_PRIORITY_ERASURE 5
#define STORE_PRIORITY_ALERT 10
#define STORE_PRIORITY_CALL 20 /* a patient waits at the kiosk for staff */

typedef struct {
	int64_t id;
	char uuid[STORE_UUID_LEN + 1];    /* the record's, or the request's */
	char kind[16];                    /* "record", "photo", "erasure", "enrolment",
					     "session-undone", "photo-deletion", "call" */
	char subject[STORE_UUID_LEN + 1]; /* erasure, enrolment, call: the patient's UUID;
					     session-undone: the session's;
					     photo-deletion: the photo's; else "" */
	int priority;
	int64_t created_at;
	int attempts;
} store_outbox_item;

/* Up to max items waiting to be sent (not set aside), highest priority
 * first, then oldest first. *n receives how many were filled. */
int store_outbox_next(store *s, int max, store_outbox_item *items, int *n);
/* The collector has the item: removes it. MK_ENOTFOUND if it is not there
 * (a repeated ack can treat that as done). */
int store_outbox_ack(store *s, const char *uuid);
/* The collector refused the item for good: keeps it, not sent again, with
 * the reason for staff. */
int store_outbox_set_aside(store *s, const char *uuid, const char *reason);
int store_outbox_counts(store *s, int *waiting, int *set_aside);

/* ---- Calls for staff (store_call.c): the patient with `code` (NULL or
 * "": nobody signed in) asked for a member of staff to come to the kiosk.
 * Queues an outbox item of kind "call" at STORE_PRIORITY_CALL, ahead of
 * everything, with an audit row; its wire form carries the kiosk's time
 * and the patient's UUID and code, nothing of their health. uuid_out
 * receives the call's UUID. */
int store_call_add(store *s, const char *code, int64_t now, char uuid_out[STORE_UUID_LEN + 1]);

/* ---- Sending (store_wire.c, schema v5): what the sync worker sends.
 *
 * The wire form of an outbox item is one JSON object of the collector API
 * (README, "Collector API"): for a record, what is in clear on the kiosk
 * (kind, time, the patient's UUID and code, their course with its sessions,
 * session number, alert level, photo area and size) and the encrypted parts
 * in base64 (sealed_key, nonce, ciphertext; never the patient-wrapped key);
 * for an erasure, the request's UUID and the patient's UUID. */
typedef struct {
	char path[4096];  /* the encrypted file in <data>/photos */
	int64_t size;     /* its bytes */
	char sha256[65];  /* SHA-256 of those encrypted bytes, lower-case hex */
} store_photo_file;

/* Fills *json (malloc'd, NUL-terminated) with it's wire object. For a
 * photo also fills files[STORE_PHOTO_ORIGINAL] and files[STORE_PHOTO_THUMB]
 * (files may be NULL for other kinds). MK_ENOTFOUND when the item's record
 * is gone; MK_EIO when a photo's file is missing (the caller sets it aside). */
int store_outbox_wire(store *s, const store_outbox_item *it, char **json,
		      store_photo_file files[2]);
/* Acknowledges n items in one transaction (one sync instead of n): the
 * same as n store_outbox_ack calls, UUIDs not in the outbox skipped.
 * *acked receives how many rows went. */
int store_outbox_ack_list(store *s, const char *const *uuids, int n, int *acked);
/* When an acknowledgement last removed anything (store_outbox_ack_list
 * notes it in the same transaction), Unix seconds; 0 when never. */
int store_outbox_last_sent(store *s, int64_t *at);
/* A failed try: attempts + 1 and the error (for staff), kept on the row. */
int store_outbox_attempt(store *s, const char *uuid, const char *error);

typedef struct {
	char uuid[STORE_UUID_LEN + 1];
	char kind[16];
	int64_t created_at;
	int attempts;
	char reason[200];
} store_outbox_aside;
/* The set-aside items, newest first, up to max. */
int store_outbox_aside_list(store *s, store_outbox_aside *out, int max, int *n);
/* Staff: puts every set-aside item back in the queue (after the collector
 * was fixed). *n receives how many. */
int store_outbox_retry_aside(store *s, int *n);

/* ---- Opening what a kiosk sent (store_open.c), for the collector: the
 * same formats as above, with no database. The clinic's key pair opens the
 * record key sealed in `sealed`; a wrong key or any changed byte gives
 * MK_EINVAL. *plain is NUL-terminated (not counted in *n); free it with
 * store_plain_free. */
int store_open_sealed(const uint8_t clinic_pk[STORE_KEY_BYTES],
		      const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
		      const uint8_t *sealed, size_t sealed_len, const uint8_t *nonce,
		      size_t nonce_len, const uint8_t *ct, size_t ct_len, void **plain, size_t *n);
/* One photo file as the kiosk stored and sent it (which: STORE_PHOTO_ORIGINAL
 * or STORE_PHOTO_THUMB), opened with the record key sealed in `sealed`. */
int store_open_photo_file(const uint8_t clinic_pk[STORE_KEY_BYTES],
			  const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid,
			  const uint8_t *sealed, size_t sealed_len, int which,
			  const uint8_t *file, size_t file_len, void **plain, size_t *n);
/* SHA-256 of n bytes as lower-case hex. */
void store_sha256_hex(const void *bytes, size_t n, char out[65]);

/* ---- Reports and alerts (store_report.c, schema v3).
 *
 * A symptom report is an encrypted record of kind "report" tied to the
 * patient's course and the session number it follows. When it meets a
 * red-flag rule an encrypted "alert" record (what triggered it) is written
 * in the same transaction, with STORE_PRIORITY_ALERT so it leaves first.
 * Only the fact that a patient had an alert at a time stays in clear, so
 * staff mode can list today's alerts without a key. */
typedef struct {
	const uint8_t *clinic_pk;   /* STORE_KEY_BYTES */
	const uint8_t *patient_key; /* STORE_KEY_BYTES */
	int64_t patient_id;
	const char *course_uuid;    /* may be NULL (no course yet) */
	int session;                /* sessions done when reporting (0: before the first) */
	const char *json;           /* the report, UTF-8 JSON */
	int alert_level;            /* 0: none, else the rule's level */
	const char *alert_json;     /* the alert record's content when alert_level > 0 */
} store_report;

/* Saves a report (and its alert) durably: when it returns 0 the report is on
 * disk. uuid_out receives the report's UUID. */
int store_report_add(store *s, const store_report *r, char uuid_out[STORE_UUID_LEN + 1]);

typedef struct {
	char uuid[STORE_UUID_LEN + 1];
	int64_t created_at;
	int session;
	int alert_level;
} store_report_info;

/* The patient's reports, oldest first, up to max (the max oldest); *n
 * receives how many. */
int store_report_list(store *s, int64_t patient_id, store_report_info *out, int max, int *n);

typedef struct {
	char code[STORE_CODE_LEN + 1];
	int64_t at;
	int level;
} store_alert_info;

/* Alerts raised at or after since (e.g. local midnight), newest first. */
int store_alerts_since(store *s, int64_t since, store_alert_info *out, int max, int *n);

/* ---- Photos (store_photo.c, schema v4).
 *
 * A progress photo is kept like a report: an encrypted record of kind
 * "photo" whose content is the photo's metadata JSON, under its own random
 * key sealed to the clinic and wrapped with the patient's key. The picture
 * and its thumbnail are two files in <data_dir>/photos encrypted under that
 * same key (the format is in store_photo.c). The photo's UUID is its
 * record's, so store_record_read and store_record_open_clinic give the
 * metadata too; its outbox row has kind "photo" (the sender takes the files
 * with it). A photo is whole or absent: the files are on disk before the row
 * that names them commits, and store_open removes files no row names. Only
 * whose it is, where in the course, the body area and the size are in clear. */
#define STORE_PHOTO_ORIGINAL 0
#define STORE_PHOTO_THUMB 1
#define STORE_PHOTO_MAX_IMAGE (32u << 20) /* bytes of the kept image */
#define STORE_PHOTO_MAX_THUMB (1u << 20)  /* bytes of its thumbnail */

typedef struct {
	const uint8_t *clinic_pk, *patient_key; /* STORE_KEY_BYTES each */
	int64_t patient_id;
	const char *course_uuid;  /* may be NULL */
	int session;              /* sessions done at the time (the latest one) */
	int area;                 /* body area number (content_area: 0 thighs, 1 buttocks,
				     2 abdomen, 3 arms, 4 other) */
	const void *image;        /* the photo as kept (JPEG/PNG bytes) */
	size_t image_len;
	const void *thumb;        /* its thumbnail (JPEG bytes) */
	size_t thumb_len;
	int width, height;        /* of the kept image */
	const char *meta_json;    /* goes inside the encrypted record (sha256 of the plain
				     image, source, orientation...); NULL means "{}" */
	int by_staff;             /* staff imported it (audit actor "staff"), else the
				     patient took it ("patient") */
} store_photo;

/* Saves a photo durably: when it returns 0 both files, the record, its
 * photos row, outbox row and audit row ("photo-saved" UUID) are on disk.
 * MK_EINVAL for an empty image or thumbnail, one over STORE_PHOTO_MAX_IMAGE
 * or STORE_PHOTO_MAX_THUMB, a negative session or area, a size under 1x1,
 * metadata that is not UTF-8; MK_EFULL ("the disk is full: the photo was
 * not saved") with less than STORE_MIN_FREE plus the photo's size free, or
 * when the disk fills while saving. On any failure nothing is left: no file,
 * no row. uuid_out receives the photo's UUID. */
int store_photo_add(store *s, const store_photo *p, char uuid_out[STORE_UUID_LEN + 1]);

typedef struct {
	char uuid[STORE_UUID_LEN + 1];
	int64_t created_at;
	int session;
	int area;
	int width, height;
} store_photo_info;

/* The patient's photos, oldest first, up to max (the max newest: the
 * timeline ends with the latest, and the camera's guide is the last one);
 * area < 0 means every area. *n receives how many. */
int store_photo_list(store *s, int64_t patient_id, int area, store_photo_info *out, int max, int *n);
/* which: STORE_PHOTO_ORIGINAL or STORE_PHOTO_THUMB. The decrypted bytes in
 * *bytes (*n of them); free with store_plain_free. MK_ENOTFOUND for no such
 * photo, MK_EINVAL for a wrong key, MK_EIO when its file is missing,
 * damaged or belongs to another photo. */
int store_photo_read(store *s, const uint8_t patient_key[STORE_KEY_BYTES], const char *uuid,
		     int which, void **bytes, size_t *n);
/* The same for the clinic, with its key pair. */
int store_photo_open_clinic(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
			    const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid, int which,
			    void **bytes, size_t *n);
/* The patient deletes a photo of theirs: in one transaction its record
 * and photos row go, its outbox item too if not yet sent, an outbox item
 * of kind "photo-deletion" (subject: the photo's UUID; priority
 * STORE_PRIORITY_ERASURE) tells the clinic, and the audit says
 * ("patient", "photo-deleted", PHOTO-UUID). Then both files are
 * overwritten and unlinked. MK_ENOTFOUND when the patient has no such
 * photo. request_uuid_out (may be NULL) receives the request's UUID. */
int store_photo_delete(store *s, int64_t patient_id, const char *uuid,
		       char request_uuid_out[STORE_UUID_LEN + 1]);
/* The photo record's metadata JSON, decrypted with the patient key,
 * NUL-terminated (not counted in *n); free with store_plain_free. */
int store_photo_meta(store *s, const uint8_t patient_key[STORE_KEY_BYTES], const char *uuid,
		     void **json, size_t *n);

/* ---- Audit log (store_audit.c): who did what when, never health content.
 * actor is "patient", "staff" (or "staff:NAME", see store_set_staff) or
 * "kiosk"; action is lower-case words joined by '-' (at most 31
 * characters); subject is a patient code or a UUID or ""
 * (NULL too). Anything else is refused with MK_EINVAL, so free text cannot
 * slip in. The store writes these itself, each in its action's transaction:
 *   patient sign-in CODE, sign-in-failed CODE (or "" for an unknown code;
 *     also while locked), lockout CODE (with the failed try that locks),
 *     consent CODE, report-saved REPORT-UUID, photo-saved PHOTO-UUID,
 *     photo-deleted PHOTO-UUID
 *   kiosk   alert-raised ALERT-UUID; records-retired "" (store_retain)
 *   staff   enrol, unlock, reset-pin, course-start, session-done,
 *           session-undone: CODE;
 *           erase REQUEST-UUID; photo-saved PHOTO-UUID (a photo staff
 *           imported) */
int store_audit(store *s, const char *actor, const char *action, const char *subject);

/* Staff names (kiosk.conf staff_pin_hash.NAME): a short handle for a member
 * of staff, never a patient's data. 1 to STORE_STAFF_NAME_MAX characters:
 * lower-case letters, digits and '-', starting with a letter, and not
 * shaped like a patient code. 0 if name is one, else MK_EINVAL saying why. */
#define STORE_STAFF_NAME_MAX 16
int store_staff_name_ok(const char *name);
/* Whose staff PIN opened staff mode: from now on every row the store writes
 * as actor "staff" (enrol, unlock, reset-pin, course-start, session-done,
 * session-undone, erase, a staff import's photo-saved, and store_audit
 * calls with "staff") is written as "staff:NAME" instead. NULL (or the
 * unnamed staff PIN) goes back to "staff". MK_EINVAL for a bad name. */
int store_set_staff(store *s, const char *name);

typedef struct {
	int64_t at;
	char actor[8 + STORE_STAFF_NAME_MAX]; /* "staff:NAME" at most */
	char action[32];
	char subject[STORE_UUID_LEN + 1];
} store_audit_entry;

/* The newest max entries, newest first. */
int store_audit_list(store *s, store_audit_entry *out, int max, int *n);

/* ---- Patients for staff (store_patient.c) */

typedef struct {
	int64_t id;
	char code[STORE_CODE_LEN + 1];
	int locked;        /* locked now */
	int consented;
	int64_t created_at;
} store_patient_info;

/* Looks a patient up by code (case-insensitive). MK_ENOTFOUND when none. */
int store_patient_find(store *s, const char *code, int64_t now, store_patient_info *out);

/* ---- Staff PIN (store_keys.c): an Argon2id hash string for kiosk.conf. */
#define STORE_HASH_MAX MKC_HASH_MAX
/* Hashes secret at cost (NULL: STORE_PIN_COST) into out ("$argon2id$..."). */
int store_secret_hash(const char *secret, const store_pin_cost *cost, char out[STORE_HASH_MAX]);
/* 0 when secret matches hash, MK_EINVAL when not or when hash is malformed. */
int store_secret_verify(const char *hash, const char *secret);

/* ---- Keeping less (store_retain.c). A record the clinic has acknowledged
 * (no longer in the outbox) leaves the kiosk once it is older than days,
 * except the reports of each patient's latest course (their charts) and
 * each patient's latest photo of each body area (the camera's guide). A
 * record not yet acknowledged never leaves. Photos' files go too. One
 * audit row ("kiosk", "records-retired") when anything went; *removed
 * receives how many records. */
#define STORE_RETENTION_DAYS 90
int store_retain(store *s, int64_t now, int days, int *removed);

/* ---- Disk space (store.c). Below STORE_MIN_FREE bytes free the kiosk
 * refuses to start (store_open fails with MK_EFULL) and, later, refuses new
 * records and reports with MK_EFULL and a clear message, keeping everything
 * already saved. Any write that meets a full disk (SQLite's SQLITE_FULL, or
 * ENOSPC) is rolled back whole and returns MK_EFULL too. */
#define STORE_MIN_FREE (8ll * 1024 * 1024)
/* Free bytes on the data folder's file system (for an unprivileged user),
 * or a negative code. Test hook: when the environment variable
 * MK_TEST_FREE_BYTES is set, its value is returned instead (here and in
 * store_open's check); never set it on a kiosk. */
int64_t store_free_bytes(store *s);
/* 1 when the store has hit a full disk since it last wrote successfully,
 * or the disk has less than STORE_MIN_FREE free now (new records would be
 * refused): what the kiosk tells patients and staff. */
int store_disk_full(store *s);
/* "ok" from PRAGMA integrity_check gives 0; else MK_EIO with the message. */
int store_integrity_check(store *s);

#endif
