/* SPDX-License-Identifier: MIT */
/*
 * cstore: what the collector keeps, on top of cdb (SQLite or PostgreSQL):
 * kiosks and their health, dashboard users and sessions, the records and
 * photo files kiosks sent (still encrypted, exactly as sent), alert
 * acknowledgements, erasures and the audit log. The patients, courses and
 * sessions in clear are the pseudonymous context kiosks send with each
 * record (README, "Collector API").
 *
 * A cstore is safe to use from several threads (the HTTP server's): it
 * holds a pool of cdb connections, each used by one call at a time. Calls return 0 or a negative MK_E*
 * code with mk_err_msg(). Times are Unix seconds.
 */
#ifndef MK_CSTORE_H
#define MK_CSTORE_H

#include <stddef.h>
#include <stdint.h>

#define CSTORE_UUID 37   /* 36 + NUL */
#define CSTORE_ID 40     /* kiosk ids, user names: [a-z0-9._-], 1..39 */
#define CSTORE_TOKEN 128 /* "KIOSK-ID.SECRET" + NUL */
#define CSTORE_HEX 65    /* a 32-byte value in hex + NUL */
#define CSTORE_REASON 200 /* why a record was refused, as the kiosk is told */

typedef struct cstore cstore;

/* Opens (and creates or upgrades the schema of) the database spec: an
 * SQLite path or a postgresql:// URI, see cdb.h. */
int cstore_open(cstore **out, const char *spec);
/* The same for a database that must be there already (serve without
 * --init): MK_ENOTFOUND when the SQLite file is missing (nothing is
 * created) or the database has no collector schema yet. */
int cstore_open_existing(cstore **out, const char *spec);
void cstore_close(cstore *cs);
/* Opens more connections, up to n in all (at most CSTORE_POOL_MAX), so
 * that n threads each holding one never wait for another's: serve grows
 * the pool to its HTTP threads, its live alerts ticker and its downloads.
 * The command line keeps the few it opens with. */
#define CSTORE_POOL_MAX 32
int cstore_pool_grow(cstore *cs, int n);
/* "sqlite" or "postgresql". */
const char *cstore_backend(const cstore *cs);

/* ---- Kiosks */

/* A new kiosk: id_out is "kiosk-" + 8 random hex digits, token_out
 * "ID.SECRET" with a 64-hex-digit random secret. Only a hash of the secret
 * is stored. label may be NULL (shown in the dashboard when set). */
int cstore_kiosk_add(cstore *cs, const char *label, char id_out[CSTORE_ID],
		     char token_out[CSTORE_TOKEN]);
/* Checks a bearer token ("ID.SECRET"): 0 and id_out set when it is a
 * kiosk's, MK_EPERM otherwise (unknown id, wrong secret, malformed), after
 * the same work either way; the hash is compared in constant time. */
int cstore_kiosk_auth(cstore *cs, const char *bearer, char id_out[CSTORE_ID]);

typedef struct {
	char id[CSTORE_UUID];  /* the kiosk's event id (dedupes) */
	int64_t at;
	char level[8];         /* "info", "warn", "error" */
	char event[32];        /* e.g. "content-rejected" */
	char detail[CSTORE_REASON];
} cstore_event;

typedef struct {
	char id[CSTORE_ID];
	char label[64];
	int64_t created_at;
	int64_t last_seen;     /* last heartbeat or upload; 0: never */
	char version[32];
	char content_version[64];
	int queue_waiting, queue_set_aside;
	int64_t free_disk;     /* bytes */
	int64_t uptime;        /* seconds */
	int64_t last_success;  /* the kiosk's last successful upload */
	int64_t records;       /* records received from it */
} cstore_kiosk;

/* Stores a heartbeat: the fields of hb from version on (id, label,
 * created_at and records are ignored) and the events not seen before. */
int cstore_heartbeat(cstore *cs, const char *kiosk_id, const cstore_kiosk *hb,
		     const cstore_event *ev, int n_ev, int64_t now);
/* Marks the kiosk seen now (any authenticated request). */
int cstore_kiosk_seen(cstore *cs, const char *kiosk_id, int64_t now);
int cstore_kiosks(cstore *cs, cstore_kiosk *out, int max, int *n); /* by id */
/* Puts the kiosk in a group ("" takes it out of any): the kiosks of one
 * group may all write for the patients any of them enrolled (one clinic's
 * waiting rooms); a kiosk in no group only for its own. MK_EINVAL for a
 * malformed id or group, MK_ENOTFOUND for an unknown kiosk. */
int cstore_kiosk_set_group(cstore *cs, const char *kiosk_id, const char *group);
/* The newest max events of one kiosk (NULL: of all), newest first. */
int cstore_events(cstore *cs, const char *kiosk_id, cstore_event *out, int max, int *n);

/* ---- Ingestion */

typedef struct {
	char uuid[CSTORE_UUID];
	int64_t done_at;
} cstore_session;

#define CSTORE_MAX_SESSIONS 64
/* A course's plan and area as a kiosk keeps them (store_course: up to 63
 * and 31 bytes of staff text), plus the NUL. The kiosk's wire form turns
 * each byte of them that is not UTF-8 into U+FFFD, three bytes, so they
 * may arrive three times as long; refusing them would set the record aside
 * for good. */
#define CSTORE_PLAN (3 * 63 + 1)
#define CSTORE_AREA (3 * 31 + 1)

typedef struct {
	char uuid[CSTORE_UUID];
	char plan[CSTORE_PLAN];
	int grade;
	char area[CSTORE_AREA];
	int sessions_planned, interval_days;
	int64_t started_at;
	int n_sessions;
	cstore_session sessions[CSTORE_MAX_SESSIONS];
} cstore_course;

/* The largest report a kiosk writes, encrypted: a questionnaire has at
 * most 48 items with ids under 48 bytes, a note at most 600 bytes (each
 * of those escaped in JSON at worst), areas, a version and a language;
 * 20 KiB at most. The collector cannot read the answers (they are sealed
 * to the clinic's key, which serve may not even hold), so this is the
 * bound it can keep at ingest: a larger report is refused for good and
 * the kiosk sets it aside; the export then bounds the count of answers
 * (EXPORT_MAX_ANSWERS). */
#define CSTORE_REPORT_MAX (32u << 10)

/* One item of a batch, parsed (the API checks shapes and sizes). */
typedef struct {
	char uuid[CSTORE_UUID];
	char kind[16];                   /* report, alert, photo, erasure, enrolment,
					    session-undone, photo-deletion, call */
	int64_t created_at;
	char patient_uuid[CSTORE_UUID];  /* "" for a call with nobody signed in */
	char patient_code[16];           /* "" for an erasure (and such a call) */
	int has_course;
	cstore_course course;
	int session, alert_level;
	int area, width, height;         /* photo */
	const uint8_t *sealed_key; size_t sealed_len;
	const uint8_t *nonce; size_t nonce_len;
	const uint8_t *ciphertext; size_t ct_len;
	char sha256[2][CSTORE_HEX];      /* photo: image, thumb (encrypted bytes) */
	int64_t size[2];
	cstore_session undone;           /* session-undone: the session staff took back */
	char photo_uuid[CSTORE_UUID];    /* photo-deletion: the photo the patient deleted */
} cstore_record;

/* Stores one record from kiosk_id, in one transaction with its patient,
 * course and sessions (upserted). Returns
 *   0            accepted: stored now, or already stored with this UUID
 *                (a replay changes nothing);
 *   MK_EINVAL    rejected for good, reason_out says why (e.g. the patient
 *                was erased, the UUID names a different kind of record,
 *                a report or alert over CSTORE_REPORT_MAX, the patient
 *                is another kiosk's and not of this kiosk's group, or the
 *                patient code is another patient's; these last two are
 *                logged and audited as "kiosk-refused");
 *   MK_EAGAIN    with reason_out set, pending: a photo whose two files
 *                are not both stored; with it empty, the database stayed
 *                busy or its server is unreachable (a server failure);
 *   other        a server failure (the API answers 500).
 * An erasure deletes every record, photo file, alert acknowledgement,
 * course, session and the patient, remembers the patient's UUID as erased
 * (later records for it are rejected), and writes the audit entry
 * ("kiosk", "erasure", request UUID, "N records removed").
 * A photo-deletion (the patient deleted a photo of theirs on the kiosk)
 * deletes that photo's record and files, remembers the photo as deleted
 * (its record arriving later is accepted and not stored) and writes the
 * audit entry ("kiosk:ID", "photo-deleted", photo UUID, "deleted by the
 * patient"); a replay changes nothing.
 * A call for staff (kind "call", nothing sealed) is stored once by UUID
 * in its own table (cstore_calls) and never refused for its patient: one
 * this kiosk may not name, or erased, is left out of it. */
int cstore_record_put(cstore *cs, const char *kiosk_id, const cstore_record *r, int64_t now,
		      char reason_out[CSTORE_REASON]);
/* A batch of n records from kiosk_id in one transaction, so the whole
 * batch costs one sync to disk: each record in a savepoint of its own, so
 * one that is refused is undone alone. results[i] and reasons[i] are what
 * cstore_record_put would answer for r[i] (0, MK_EINVAL, MK_EAGAIN with a
 * reason). Returns 0, or a server failure: then nothing of the batch is
 * stored. */
int cstore_records_put(cstore *cs, const char *kiosk_id, const cstore_record *const *r, int n,
		       int64_t now, int *results, char (*reasons)[CSTORE_REASON]);
/* One encrypted photo file (which: 0 image, 1 thumb) whose SHA-256 is
 * sha256_hex (the API has checked the bytes match it). 0 stored or already
 * stored with the same hash; MK_EEXIST a different file is already stored
 * for that UUID and part by this kiosk; MK_EPERM the UUID is another
 * kiosk's record (logged and audited); MK_EINVAL the patient is erased.
 * Files are kept per kiosk: another kiosk's file under the same UUID
 * neither blocks nor stands in for this one. A new file also
 * sweeps (hourly) files without a record received CSTORE_ORPHAN_SECONDS
 * before. */
#define CSTORE_ORPHAN_SECONDS (30 * 24 * 3600)
int cstore_photo_put(cstore *cs, const char *kiosk_id, const char *uuid, int which,
		     const uint8_t *bytes, size_t n, const char *sha256_hex, int64_t now);

/* ---- Reading, for the dashboard and exports */

typedef struct {
	char uuid[CSTORE_UUID];
	char code[16];
	char kiosk[CSTORE_ID];           /* the kiosk that enrolled them */
	int64_t first_seen, last_record;
	int reports, photos, alerts, open_alerts;
} cstore_patient;

typedef struct {
	char uuid[CSTORE_UUID];
	char kind[16];
	char kiosk[CSTORE_ID];
	char patient_uuid[CSTORE_UUID];
	char patient_code[16];
	char course_uuid[CSTORE_UUID];   /* "" when none */
	int64_t created_at, received_at;
	int session, alert_level, area, width, height;
	char acked_by[CSTORE_ID];        /* alerts: "" until acknowledged */
	int64_t acked_at;
} cstore_row;

/* Patients by code. */
int cstore_patients(cstore *cs, cstore_patient *out, int max, int *n);
/* A page of the patient list, by code, of the patients that match all of
 * what q asks (each field empty or 0: anything), and *total, how many
 * match in all. */
enum { CSTORE_ALERTS_ANY, CSTORE_ALERTS_OPEN, CSTORE_ALERTS_NONE_OPEN };
typedef struct {
	const char *code;  /* codes beginning with it, any case */
	const char *kiosk; /* enrolled at this kiosk */
	int64_t from, to;  /* with a record created in [from, to) */
	int alerts;        /* CSTORE_ALERTS_*: with an alert not acknowledged, or none */
	int offset;        /* skip this many */
} cstore_patient_query;
int cstore_patients_find(cstore *cs, const cstore_patient_query *q, cstore_patient *out, int max,
			 int *n, int64_t *total);
/* One patient by code (case-insensitive) or UUID; MK_ENOTFOUND. */
int cstore_patient_get(cstore *cs, const char *code_or_uuid, cstore_patient *out);
/* The patient's courses, oldest first, each with its sessions. */
int cstore_courses(cstore *cs, const char *patient_uuid, cstore_course *out, int max, int *n);
/* Records, oldest first: of one patient (patient_uuid, or NULL for all),
 * of one kind (NULL: all), created in [from, to) (0, 0: any time). */
int cstore_records(cstore *cs, const char *patient_uuid, const char *kind, int64_t from,
		   int64_t to, cstore_row *out, int max, int *n);
/* Alerts created at or after since, newest first. */
int cstore_alerts(cstore *cs, int64_t since, cstore_row *out, int max, int *n);
/* A short text that changes whenever an alert or a call for staff
 * arrives, is acknowledged (answered) or is erased (by any collector on
 * the database): the live alerts page (web_live.c) compares it. */
#define CSTORE_VERSION 64
int cstore_alert_version(cstore *cs, char out[CSTORE_VERSION]);
/* Acknowledges an alert (by who, at now); acknowledging twice keeps the
 * first. MK_ENOTFOUND when there is no such alert. */
int cstore_alert_ack(cstore *cs, const char *uuid, const char *user, int64_t now);
/* Calls for a member of staff (cstore_call.c): every call not yet
 * answered, then the answered ones received at or after since, newest
 * first. Their arrival and answer change cstore_alert_version. */
typedef struct {
	char uuid[CSTORE_UUID];
	char kiosk[CSTORE_ID];
	char patient_code[16];           /* "" when the call named nobody */
	int64_t created_at, received_at;
	char answered_by[CSTORE_ID];     /* "" until answered */
	int64_t answered_at;
} cstore_call;
int cstore_calls(cstore *cs, int64_t since, cstore_call *out, int max, int *n);
/* A member of staff answered the call (by who, at now); answering twice
 * keeps the first. MK_ENOTFOUND when there is no such call. */
int cstore_call_answer(cstore *cs, const char *uuid, const char *user, int64_t now);
/* The encrypted parts of a record, for cstore_open_record. Free with
 * cstore_blob_free. */
typedef struct {
	uint8_t *sealed_key, *nonce, *ciphertext;
	size_t sealed_len, nonce_len, ct_len;
} cstore_blob;
int cstore_record_blob(cstore *cs, const char *uuid, cstore_blob *out);
void cstore_blob_free(cstore_blob *b);
/* A photo's stored encrypted file; *bytes malloc'd. MK_ENOTFOUND. */
int cstore_photo_file(cstore *cs, const char *uuid, int which, uint8_t **bytes, size_t *n);
/* Counts, for tests and the bench: records (all kinds), photo files. */
int cstore_counts(cstore *cs, int64_t *records, int64_t *photo_files);

/* ---- Opening (with the clinic's key pair; mkc_record_open inside) */

/* The record's decrypted JSON (NUL-terminated), or MK_EPERM for a wrong
 * key. Free with cstore_plain_free (wipes). */
int cstore_open_record(cstore *cs, const uint8_t pk[32], const uint8_t sk[32], const char *uuid,
		       char **json, size_t *n);
/* A photo's decrypted image or thumbnail (JPEG/PNG bytes). MK_EPERM for a
 * wrong key, MK_ECONTENT when the stored file is damaged (does not open),
 * MK_ENOTFOUND when there is no such file. */
int cstore_open_photo(cstore *cs, const uint8_t pk[32], const uint8_t sk[32], const char *uuid,
		      int which, uint8_t **bytes, size_t *n);
void cstore_plain_free(void *p, size_t n);

/* ---- Dashboard users and sessions */

/* A staff account; the password (8 to 200 bytes) is kept as an Argon2id
 * hash. MK_EEXIST when the name is taken. */
int cstore_user_add(cstore *cs, const char *name, const char *password);
/* Makes the stand-in hash an unknown user name is checked against, which
 * is otherwise made at the first one: serve calls it before it listens, so
 * the first unknown name takes no longer than a known one (nothing to tell
 * names apart by). */
int cstore_user_warm(cstore *cs);
/* 0 when the password is right, MK_EPERM when not or no such user (the
 * same work either way). */
int cstore_user_check(cstore *cs, const char *name, const char *password);
/* The Argon2id cost of passwords hashed from now on: MKC_COST (about
 * 0.3 s and 128 MiB) unless changed; tests lower it to stay fast. A sign-in
 * is rare and rate-limited, so the dashboard can afford the kiosk's cost. */
void cstore_set_user_cost(cstore *cs, unsigned long long ops, size_t mem);
/* A signed-in session for 8 hours: sid_out (the cookie) and csrf_out are
 * 64 random hex digits; only a hash of sid is stored. */
int cstore_session_new(cstore *cs, const char *user, int64_t now, char sid_out[CSTORE_HEX],
		       char csrf_out[CSTORE_HEX]);
/* Throttles for guessing passwords (cstore_throttle.c), in the database:
 * after free failures of a key, each attempt waits 1 s, 2, 4 ... up to
 * max_wait after the last failure; forget seconds without one start it
 * afresh. */
typedef struct {
	int free;
	int64_t max_wait, forget;
} cstore_throttle;
/* The wait (s) after fails failures under t. */
int64_t cstore_throttle_delay(const cstore_throttle *t, int64_t fails);
/* One attempt for every key at once (an account, an address; up to 4),
 * each under its rules: *wait 0 and the attempt counted as a failure of
 * each key, or *wait the seconds until all may try and nothing counted. */
int cstore_throttle_claim(cstore *cs, const char *const keys[], const cstore_throttle rules[],
			  int n, int64_t now, int64_t *wait);
/* Takes back a claimed attempt that was right: forget drops the key's
 * count (an account), else one failure comes off it (an address). */
int cstore_throttle_undo(cstore *cs, const char *key, int forget);
/* The user and CSRF token of a live session; MK_EPERM when none. */
int cstore_session_get(cstore *cs, const char *sid, int64_t now, char user_out[CSTORE_ID],
		       char csrf_out[CSTORE_HEX]);
int cstore_session_end(cstore *cs, const char *sid);

/* ---- Audit: who viewed or exported what, no health content. actor is a
 * user name or "kiosk:ID" or "cli"; action lower-case words joined by '-';
 * subject a patient code, UUID or ""; detail short free text without
 * health content. */
int cstore_audit(cstore *cs, const char *actor, const char *action, const char *subject,
		 const char *detail, int64_t now);
typedef struct {
	int64_t at;
	char actor[48];
	char action[32];
	char subject[CSTORE_UUID];
	char detail[120];
} cstore_audit_row;
int cstore_audit_list(cstore *cs, cstore_audit_row *out, int max, int *n); /* newest first */

#endif
