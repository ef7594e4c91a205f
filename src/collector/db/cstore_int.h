/* SPDX-License-Identifier: MIT */
/*
 * What the cstore_*.c files share: the struct, the connection pool, and a
 * few helpers that prepare, bind and run a statement in one call, so each
 * query reads as its SQL and its values. Values are described by a format
 * string, one letter a parameter ($1, $2, ... in order):
 *   t  const char *        (NULL binds NULL)
 *   i  int64_t
 *   d  int
 *   b  const void *, size_t
 */
#ifndef MK_CSTORE_INT_H
#define MK_CSTORE_INT_H

#include "cdb.h"
#include "cstore.h"
#include "crypto.h"
#include "store.h" /* the wire's limits only: no store code */
#include <pthread.h>
#include <stdarg.h>

#define CSTORE_POOL 4 /* connections opened at first; cstore_pool_grow adds */
#define CSTORE_SCHEMA 11 /* the newest schema this build knows */
#define CSTORE_RETRY 1  /* internal: lost a race to another connection, run again */
#define CSTORE_REPLAY 2 /* internal: there already, roll back and answer 0 */

struct cstore {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	cdb *db[CSTORE_POOL_MAX];
	int busy[CSTORE_POOL_MAX];
	char *spec;                      /* to open more (cstore_pool_grow) */
	int pg;
	mkc_cost user_cost;
	char dummy_hash[MKC_HASH_MAX]; /* for unknown users; "" until needed (under mu) */
	int64_t swept_at;                /* this process last tried a sweep (under mu) */
};

#define CSTORE_SWEEP_SECONDS 3600

/* Waits for a free connection of the pool / gives it back. */
cdb *cs_take(cstore *cs);
void cs_give(cstore *cs, cdb *db);

int cs_query(cdb *db, cdb_stmt **out, const char *sql, const char *fmt, ...);
/* Runs a statement to its end; *changes (when not NULL) gets the rows changed. */
int cs_run(cdb *db, int64_t *changes, const char *sql, const char *fmt, ...);
/* The first column of the first row as a number: 0, or MK_ENOTFOUND. */
int cs_int(cdb *db, int64_t *v, const char *sql, const char *fmt, ...);
/* A transaction around fn(db, arg), rolled back when fn fails; run again
 * (a few times) when fn answers CSTORE_RETRY. */
int cs_tx(cdb *db, int (*fn)(cdb *db, void *arg), void *arg);

/* A patient as the dashboard lists them (cstore_patient): the row of p
 * (patients, or a page of it) with its counts, each counted through the
 * index on records (patient_uuid, kind), so a page costs what its rows do
 * however many records the clinic holds. Follow with a FROM naming p. */
#define CS_PATIENT_COLS \
	"SELECT p.uuid, p.code, p.kiosk_id, p.first_seen, p.last_record," \
	" (SELECT COUNT(*) FROM records r WHERE r.patient_uuid = p.uuid AND r.kind = 'report')," \
	" (SELECT COUNT(*) FROM records r WHERE r.patient_uuid = p.uuid AND r.kind = 'photo')," \
	" (SELECT COUNT(*) FROM records r WHERE r.patient_uuid = p.uuid AND r.kind = 'alert')," \
	" (SELECT COUNT(*) FROM records r WHERE r.patient_uuid = p.uuid AND r.kind = 'alert'" \
	"  AND NOT EXISTS (SELECT 1 FROM alert_acks a WHERE a.uuid = r.uuid))"
/* What looks at every alert at once: the live alerts' version (how many,
 * the newest arrival) and the patients with an alert nobody acknowledged
 * (a condition on p). Both read the index records_alerts alone (schema 6),
 * never a table page per alert. */
#define CS_ALERT_VERSION \
	"SELECT COUNT(*), COALESCE(MAX(received_at), 0) FROM records WHERE kind = 'alert'"
#define CS_OPEN_ALERT \
	"p.uuid IN (SELECT r.patient_uuid FROM records r WHERE r.kind = 'alert'" \
	" AND NOT EXISTS (SELECT 1 FROM alert_acks a WHERE a.uuid = r.uuid))"
/* Steps st to its end into out[*n...] (room for every row it can give),
 * then finalizes it. */
int cs_patient_rows(cdb_stmt *st, cstore_patient *out, int *n);

/* What cstore_record_put runs for one record (its checks, then its
 * transaction's body), inside a transaction the caller holds
 * (cstore_batch.c): 0, CSTORE_REPLAY, CSTORE_RETRY or what
 * cstore_record_put answers. */
int cs_record_in_tx(cdb *db, const char *kiosk_id, const cstore_record *r, int64_t now,
		    char reason_out[CSTORE_REASON], int *foreign);
/* A call for staff (cstore_call.c), inside the caller's transaction: 0,
 * CSTORE_REPLAY, CSTORE_RETRY, MK_EINVAL (*foreign when another kiosk's
 * UUID) or a server failure. */
int cs_call_in_tx(cdb *db, const char *kiosk, const cstore_record *r, int64_t now,
		  char reason[CSTORE_REASON], int *foreign);
/* A record refused because it is another kiosk's patient's (*foreign
 * above): the log line and the audit row, in the caller's transaction. */
int cs_refused_in_tx(cdb *db, const char *kiosk, const char *uuid, const char *why, int64_t now);

/* Copies src into dst[n], cut to fit. */
void cs_copy(char *dst, size_t n, const char *src);
/* A 36-character UUID of hex digits and dashes. */
int cs_valid_uuid(const char *s);
/* A kiosk id or a user name: [a-z0-9._-], 1..CSTORE_ID-1. */
int cs_valid_id(const char *s);
/* Exactly n lower-case hex digits. */
int cs_valid_hex(const char *s, size_t n);
/* A field of a fixed-size array that ends within it. */
int cs_terminated(const char *field, size_t size);
/* ... and is UTF-8 text. */
int cs_text_ok(const char *field, size_t size);
/* Lower-case hex of n bytes into out (2n + 1 chars). */
void cs_hex(const uint8_t *b, size_t n, char *out);
/* 32 random bytes as 64 hex digits, and a 32-byte hash of text as hex. */
void cs_random_hex(char out[CSTORE_HEX]);
void cs_hash_hex(const char *text, char out[CSTORE_HEX]);

/* The audit row, on a connection the caller holds (inside its transaction). */
int cs_audit(cdb *db, const char *actor, const char *action, const char *subject,
	     const char *detail, int64_t now);

#endif
