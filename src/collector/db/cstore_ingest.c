/* SPDX-License-Identifier: MIT */
/*
 * Ingestion: one record, one photo file, one erasure, one session staff
 * took back, one photo a patient deleted, each in its own transaction, so
 * what the kiosk is told matches what is on disk.
 *
 * A record is idempotent by UUID: when it is there already, a replay with
 * the same kind and patient is accepted and changes nothing, anything else
 * with that UUID is rejected. It is inserted with ON CONFLICT DO NOTHING,
 * so two connections racing with the same record end up with one row; the
 * loser runs again (CSTORE_RETRY) and finds it as a replay. Every
 * statement that could wait for another transaction comes after the
 * patient's row has been upserted, which locks it (PostgreSQL) until the
 * commit: an erasure takes the same lock first, so a record for a patient
 * being erased either lands before the erasure (and is deleted with the
 * rest) or sees the tombstone after it (and is rejected). SQLite's write
 * transactions are serial anyway.
 *
 * A photo record is accepted only once both of its files are stored with
 * the SHA-256 it declares (MK_EAGAIN until then): the files come first, by
 * PUT, and the record names them. Files are kept per sending kiosk, and a
 * record counts only its own kiosk's files.
 *
 * A kiosk is confined to its own patients (and those of its kiosk group):
 * the patient's row names the kiosk that enrolled them, and a record or
 * erasure from any other kiosk, a second patient with a code the clinic
 * already has, or a photo file under another kiosk's record UUID is
 * refused for good (the kiosk sets it aside with the reason, no retry),
 * with a log line and an audit row. So is a record under a UUID another
 * kiosk's record holds: a UUID is one kiosk's, and only its own kiosk's
 * resend is a replay.
 *
 * A photo the patient deleted on the kiosk goes here too: its record and
 * files are deleted and a row in photo_deleted keeps the request's UUID
 * (a replay is accepted and changes nothing) and the photo's (its record,
 * if it was still on its way, is accepted and not stored), so the
 * deletion takes effect exactly once whatever the order of arrival.
 */
#include "cstore_int.h"
#include "core.h"
#include <stdio.h>
#include <string.h>

#define PENDING "the photo's files have not arrived"
#define PHOTO_NOT_YOURS "this photo's record came from another kiosk"

typedef struct {
	const char *kiosk;
	const cstore_record *r;
	int64_t now;
	char *reason;
	int foreign; /* rejected as another kiosk's patient or code: logged, audited */
} put;

#define NOT_YOURS "the patient belongs to another kiosk (not one of this kiosk's group)"
#define CODE_TAKEN "this patient code is another patient's at this clinic"
#define UUID_TAKEN "this UUID names a record another kiosk sent"
/* Kiosk $3 may write for the patients of kiosk `owner`: the same kiosk,
 * or both in one (non-empty) group. */
#define MAY_WRITE(owner)                                                              \
	"(" owner " = $3 OR EXISTS (SELECT 1 FROM kiosks a, kiosks b WHERE a.id = " owner \
	" AND b.id = $3 AND a.kiosk_group <> '' AND a.kiosk_group = b.kiosk_group))"

static int reject(put *p, const char *why)
{
	snprintf(p->reason, CSTORE_REASON, "%s", why);
	return mk_err(MK_EINVAL, "record rejected: %s", why);
}

static int is_kind(const char *k)
{
	return !strcmp(k, "report") || !strcmp(k, "alert") || !strcmp(k, "photo") ||
	       !strcmp(k, "erasure") || !strcmp(k, "enrolment") || !strcmp(k, "session-undone") ||
	       !strcmp(k, "photo-deletion") || !strcmp(k, "call");
}

static int check_course(put *p)
{
	const cstore_course *c = &p->r->course;
	if (!p->r->has_course)
		return 0;
	if (!cs_valid_uuid(c->uuid) || c->n_sessions < 0 || c->n_sessions > CSTORE_MAX_SESSIONS ||
	    !cs_terminated(c->plan, sizeof c->plan) || !cs_terminated(c->area, sizeof c->area))
		return reject(p, "the course is malformed");
	for (int i = 0; i < c->n_sessions; i++)
		if (!cs_valid_uuid(c->sessions[i].uuid))
			return reject(p, "a session is malformed");
	return 0;
}

/* Items that carry no patient code: an erasure and a photo deletion. */
static int codeless(const cstore_record *r)
{
	return !strcmp(r->kind, "erasure") || !strcmp(r->kind, "photo-deletion");
}

/* The shape checks the API makes too, so a bad caller cannot store a
 * record no one can read. */
static int check(put *p)
{
	const cstore_record *r = p->r;
	if (!cs_terminated(r->kind, sizeof r->kind) || !is_kind(r->kind))
		return reject(p, "unknown kind of record");
	if (!strcmp(r->kind, "call")) /* a patient is optional */
		return cs_valid_uuid(r->uuid) && (!r->patient_uuid[0] || cs_valid_uuid(r->patient_uuid)) &&
		       cs_terminated(r->patient_code, sizeof r->patient_code)
		       ? 0 : reject(p, "the call is malformed");
	if (!cs_valid_uuid(r->uuid) || !cs_valid_uuid(r->patient_uuid))
		return reject(p, "not a UUID");
	if (!strcmp(r->kind, "photo-deletion") && !cs_valid_uuid(r->photo_uuid))
		return reject(p, "the deleted photo is not named by its UUID");
	if (codeless(r))
		return 0;
	if (!cs_terminated(r->patient_code, sizeof r->patient_code) || !r->patient_code[0])
		return reject(p, "the patient has no code");
	if (!strcmp(r->kind, "enrolment"))
		return 0;
	if (!strcmp(r->kind, "session-undone") && (!r->has_course || !cs_valid_uuid(r->undone.uuid)))
		return reject(p, "an undone session needs its course and its UUID");
	if (!strcmp(r->kind, "session-undone"))
		return check_course(p);
	if (!r->sealed_key || !r->sealed_len || !r->nonce || !r->nonce_len || !r->ciphertext ||
	    !r->ct_len)
		return reject(p, "the record's encrypted parts are missing");
	if (strcmp(r->kind, "photo") && r->ct_len > CSTORE_REPORT_MAX)
		return reject(p, "larger than any report or alert a kiosk writes (over 32 KiB):"
			      " more answers than a questionnaire has");
	if (!strcmp(r->kind, "photo") &&
	    (!cs_valid_hex(r->sha256[0], 64) || !cs_valid_hex(r->sha256[1], 64) ||
	     r->size[0] <= 0 || r->size[1] <= 0))
		return reject(p, "the photo's files are not named by their SHA-256 and size");
	return check_course(p);
}

static int foreign(put *p, const char *why)
{
	p->foreign = 1;
	return reject(p, why);
}

/* 1 when this UUID is stored already as the same record from the same
 * kiosk (a replay), 0 when it is new, MK_EINVAL when it names something
 * else. A UUID is its sending kiosk's: another kiosk's record under it is
 * never taken for this one, which would answer "accepted" for a record
 * that is not stored; the sender is refused, logged and audited, and
 * keeps its record set aside. */
static int existing(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	cdb_stmt *st;
	int rc = cs_query(db, &st, "SELECT kind, patient_uuid, kiosk_id FROM records"
			  " WHERE uuid = $1 UNION ALL SELECT 'erasure', patient_uuid, kiosk_id"
			  " FROM erased WHERE request_uuid = $1 UNION ALL SELECT 'photo-deletion',"
			  " patient_uuid, kiosk_id FROM photo_deleted WHERE request_uuid = $1", "t", r->uuid);
	if (!rc && (rc = cdb_step(st)) == 1)
		rc = strcmp(cdb_col_text(st, 2), p->kiosk) != 0 ? foreign(p, UUID_TAKEN)
		     : strcmp(cdb_col_text(st, 0), r->kind) == 0 &&
				     strcmp(cdb_col_text(st, 1), r->patient_uuid) == 0
			     ? 1 : reject(p, "this UUID names a different record");
	cdb_finalize(st);
	return rc;
}

/* A patient code names one patient in the clinic: refused when another
 * patient holds it. On PostgreSQL a lock on the code (for this
 * transaction) keeps two kiosks from taking one code at the same moment;
 * SQLite's write transactions are serial. */
static int code_free(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	int64_t v;
	int rc = 0;
	if (codeless(r))
		return 0;
	if (cdb_is_pg(db))
		rc = cs_run(db, NULL, "SELECT pg_advisory_xact_lock(73707266, hashtext($1))", "t",
			    r->patient_code);
	if (!rc)
		rc = cs_int(db, &v, "SELECT 1 FROM patients WHERE code = $1 AND uuid <> $2", "tt",
			    r->patient_code, r->patient_uuid);
	return rc == MK_ENOTFOUND ? 0 : rc == 0 ? foreign(p, CODE_TAKEN) : rc;
}

/* Upserts the patient's row, which also locks it until the commit: a new
 * patient is the sending kiosk's; a known one is changed (code, last
 * record) only by its kiosk or one of the same group, else refused. */
static int lock_patient(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	int erasure = codeless(r);
	int enrolment = !strcmp(r->kind, "enrolment") || !strcmp(r->kind, "session-undone");
	int64_t changed = 0;
	int rc = code_free(db, p);
	if (!rc)
		rc = cs_run(db, &changed, "INSERT INTO patients (uuid, code, kiosk_id, first_seen,"
			    " last_record) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (uuid) DO UPDATE"
			    " SET code = CASE WHEN excluded.code = '' THEN patients.code"
			    " ELSE excluded.code END, last_record = CASE WHEN excluded.last_record >"
			    " patients.last_record THEN excluded.last_record ELSE patients.last_record"
			    " END WHERE " MAY_WRITE("patients.kiosk_id"), "tttii", r->patient_uuid,
			    erasure ? "" : r->patient_code, p->kiosk, p->now,
			    erasure || enrolment ? (int64_t)0 : r->created_at);
	if (!rc && changed == 0)
		return foreign(p, NOT_YOURS);
	return rc;
}

/* 1 when sql (one $1 parameter) finds a row, 0 when not, or an error. */
static int found(cdb *db, const char *sql, const char *uuid)
{
	int64_t v;
	int rc = cs_int(db, &v, sql, "t", uuid);
	return rc == 0 ? 1 : rc == MK_ENOTFOUND ? 0 : rc;
}

static int erased(cdb *db, const char *patient_uuid)
{
	return found(db, "SELECT 1 FROM erased WHERE patient_uuid = $1", patient_uuid);
}

/* 0 when both files are stored as declared, MK_EAGAIN when one is missing. */
static int photo_ready(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	cdb_stmt *st;
	int have = 0, rc = cs_query(db, &st, "SELECT part, sha256, size FROM photo_files"
				    " WHERE uuid = $1 AND kiosk_id = $2", "tt", r->uuid, p->kiosk);
	while (!rc && (rc = cdb_step(st)) == 1) {
		int64_t part = cdb_col_int64(st, 0);
		rc = 0;
		if (part < 0 || part > 1)
			continue;
		if (strcmp(cdb_col_text(st, 1), r->sha256[part]) != 0 ||
		    cdb_col_int64(st, 2) != r->size[part])
			rc = reject(p, "the photo's stored file is not the one the record names");
		else
			have |= 1 << part;
	}
	cdb_finalize(st);
	if (!rc && have != 3) {
		snprintf(p->reason, CSTORE_REASON, "%s", PENDING);
		rc = mk_err(MK_EAGAIN, "%s", PENDING);
	}
	return rc;
}

/* 1 when the patient deleted this photo on the kiosk. */
static int photo_gone(cdb *db, const char *photo_uuid)
{
	return found(db, "SELECT 1 FROM photo_deleted WHERE photo_uuid = $1", photo_uuid);
}

static int put_course(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	const cstore_course *c = &r->course;
	int64_t changed = 0;
	int rc = cs_run(db, &changed, "INSERT INTO courses (uuid, patient_uuid, plan, grade, area,"
			" sessions_planned, interval_days, started_at)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (uuid) DO UPDATE SET"
			" plan = excluded.plan, grade = excluded.grade, area = excluded.area,"
			" sessions_planned = excluded.sessions_planned,"
			" interval_days = excluded.interval_days, started_at = excluded.started_at"
			" WHERE courses.patient_uuid = excluded.patient_uuid", "tttdtddi", c->uuid,
			r->patient_uuid, c->plan, c->grade, c->area, c->sessions_planned,
			c->interval_days, c->started_at);
	if (!rc && changed == 0)
		return reject(p, "the course belongs to another patient");
	for (int i = 0; i < c->n_sessions && !rc; i++)
		rc = cs_run(db, NULL, "INSERT INTO sessions (uuid, course_uuid, patient_uuid, done_at)"
			    " VALUES ($1, $2, $3, $4) ON CONFLICT (uuid) DO NOTHING", "ttti",
			    c->sessions[i].uuid, c->uuid, r->patient_uuid, c->sessions[i].done_at);
	return rc;
}

static int insert_record(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	int64_t changed = 0;
	int rc = cs_run(db, &changed, "INSERT INTO records (uuid, kind, patient_uuid, course_uuid,"
			" kiosk_id, created_at, received_at, session, alert_level, area, width, height,"
			" sealed_key, nonce, ciphertext) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
			" $10, $11, $12, $13, $14, $15) ON CONFLICT (uuid) DO NOTHING",
			"tttttiidddddbbb", r->uuid, r->kind, r->patient_uuid,
			r->has_course ? r->course.uuid : "", p->kiosk, r->created_at, p->now,
			r->session, r->alert_level, r->area, r->width, r->height, r->sealed_key,
			r->sealed_len, r->nonce, r->nonce_len, r->ciphertext, r->ct_len);
	if (!rc && changed == 0)
		return CSTORE_RETRY; /* another connection stored it meanwhile */
	if (!rc)
		rc = cs_run(db, NULL, "UPDATE kiosks SET records = records + 1, last_seen ="
			    " CASE WHEN last_seen < $2 THEN $2 ELSE last_seen END WHERE id = $1",
			    "ti", p->kiosk, p->now);
	return rc;
}

static int record_tx(cdb *db, void *arg)
{
	put *p = arg;
	int rc = existing(db, p);
	if (rc)
		return rc == 1 ? CSTORE_REPLAY : rc; /* roll back: nothing changes */
	if ((rc = lock_patient(db, p)) != 0)
		return rc;
	if ((rc = erased(db, p->r->patient_uuid)) != 0)
		return rc == 1 ? reject(p, "the patient was erased") : rc;
	if (!strcmp(p->r->kind, "photo") && (rc = photo_gone(db, p->r->uuid)) != 0)
		return rc == 1 ? CSTORE_REPLAY : rc; /* deleted before it came: accepted, not kept */
	if (!strcmp(p->r->kind, "photo") && (rc = photo_ready(db, p)) != 0)
		return rc;
	if (p->r->has_course && (rc = put_course(db, p)) != 0)
		return rc;
	return insert_record(db, p);
}

/* A patient enrolled on a kiosk: their row, so the dashboard lists them
 * before their first report. Nothing else is kept of it, so a replay is
 * the same upsert again; an erased patient stays erased. */
static int enrolment_tx(cdb *db, void *arg)
{
	put *p = arg;
	int rc = lock_patient(db, p);
	if (!rc && (rc = erased(db, p->r->patient_uuid)) == 1)
		return reject(p, "the patient was erased");
	return rc;
}

/* A session staff took back on the kiosk: marked undone (with when), in
 * the transaction that checks the patient is this kiosk's and upserts the
 * course as it now is. Marking is idempotent: a resend finds it marked and
 * changes nothing, and a session that never reached the clinic is kept as
 * undone, so a late record carrying it cannot bring it back. The audit row
 * is written once, by the first. */
static int undone_tx(cdb *db, void *arg)
{
	put *p = arg;
	const cstore_record *r = p->r;
	char actor[48];
	int64_t changed = 0, v;
	int rc = lock_patient(db, p);
	if (!rc && (rc = erased(db, r->patient_uuid)) != 0)
		return rc == 1 ? reject(p, "the patient was erased") : rc;
	if (!rc)
		rc = put_course(db, p);
	if (!rc)
		rc = cs_run(db, &changed, "INSERT INTO sessions (uuid, course_uuid, patient_uuid,"
			    " done_at, undone_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (uuid) DO"
			    " UPDATE SET undone_at = excluded.undone_at WHERE sessions.undone_at = 0"
			    " AND sessions.patient_uuid = excluded.patient_uuid", "tttii",
			    r->undone.uuid, r->course.uuid, r->patient_uuid, r->undone.done_at,
			    r->created_at > 0 ? r->created_at : p->now);
	if (rc)
		return rc;
	if (changed) {
		snprintf(actor, sizeof actor, "kiosk:%s", p->kiosk);
		return cs_audit(db, actor, "session-undone", r->undone.uuid, "", p->now);
	}
	rc = cs_int(db, &v, "SELECT 1 FROM sessions WHERE uuid = $1 AND patient_uuid = $2", "tt",
		    r->undone.uuid, r->patient_uuid);
	return rc == MK_ENOTFOUND ? reject(p, "the session is another patient's")
				  : rc ? rc : CSTORE_REPLAY; /* undone before: a resend */
}

/* The patient's rows, gone: the photo files and acknowledgements of their
 * records, the records, sessions, courses and the patient; audit rows that
 * named them name the request instead. */
static int erase_rows(cdb *db, put *p, int64_t *removed)
{
	static const char *const sql[] = {
		"UPDATE audit SET subject = $2 WHERE subject IN (SELECT uuid FROM records"
		" WHERE patient_uuid = $1 UNION ALL SELECT uuid FROM courses WHERE patient_uuid = $1"
		" UNION ALL SELECT uuid FROM sessions WHERE patient_uuid = $1"
		" UNION ALL SELECT code FROM patients WHERE uuid = $1 AND code <> '') OR subject = $1",
		"DELETE FROM photo_files WHERE uuid IN (SELECT uuid FROM records"
		" WHERE patient_uuid = $1)",
		"DELETE FROM alert_acks WHERE uuid IN (SELECT uuid FROM records"
		" WHERE patient_uuid = $1)",
		"DELETE FROM records WHERE patient_uuid = $1",
		"DELETE FROM sessions WHERE patient_uuid = $1",
		"DELETE FROM courses WHERE patient_uuid = $1",
		"DELETE FROM patients WHERE uuid = $1",
		"DELETE FROM photo_deleted WHERE patient_uuid = $1",
		"UPDATE staff_calls SET patient_uuid = '', patient_code = '' WHERE patient_uuid = $1",
	};
	int rc = cs_int(db, removed, "SELECT COUNT(*) FROM records WHERE patient_uuid = $1", "t",
			p->r->patient_uuid);
	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && !rc; i++)
		rc = i == 0 ? cs_run(db, NULL, sql[i], "tt", p->r->patient_uuid, p->r->uuid)
			    : cs_run(db, NULL, sql[i], "t", p->r->patient_uuid);
	return rc;
}

static int erasure_tx(cdb *db, void *arg)
{
	put *p = arg;
	char actor[48], detail[64];
	int64_t removed = 0;
	int rc = existing(db, p);
	if (rc)
		return rc == 1 ? CSTORE_REPLAY : rc;
	if ((rc = lock_patient(db, p)) != 0)
		return rc;
	if ((rc = erased(db, p->r->patient_uuid)) != 0)
		return rc == 1 ? CSTORE_REPLAY : rc; /* erased by an earlier request: done */
	if ((rc = erase_rows(db, p, &removed)) != 0)
		return rc;
	rc = cs_run(db, NULL, "INSERT INTO erased (patient_uuid, request_uuid, kiosk_id, at)"
		    " VALUES ($1, $2, $3, $4)", "ttti", p->r->patient_uuid, p->r->uuid, p->kiosk,
		    p->now);
	if (rc == MK_EEXIST)
		return CSTORE_RETRY;
	snprintf(actor, sizeof actor, "kiosk:%s", p->kiosk);
	snprintf(detail, sizeof detail, "%lld records removed", (long long)removed);
	if (!rc)
		rc = cs_audit(db, actor, "erasure", p->r->uuid, detail, p->now);
	if (!rc)
		rc = cs_run(db, NULL, "UPDATE kiosks SET last_seen = CASE WHEN last_seen < $2"
			    " THEN $2 ELSE last_seen END WHERE id = $1", "ti", p->kiosk, p->now);
	return rc;
}

static int call_tx(cdb *db, void *arg)
{
	put *p = arg;
	return cs_call_in_tx(db, p->kiosk, p->r, p->now, p->reason, &p->foreign);
}

/* The photo's rows and files, if they are here (they may still be on
 * their way, or never have come), and the deletion remembered. */
static int delete_photo(cdb *db, put *p)
{
	const cstore_record *r = p->r;
	char actor[48];
	int64_t v, added = 0;
	int rc = cs_int(db, &v, "SELECT 1 FROM records WHERE uuid = $1 AND (kind <> 'photo'"
			" OR patient_uuid <> $2)", "tt", r->photo_uuid, r->patient_uuid);
	if (rc == 0)
		return reject(p, "the deleted photo is not this patient's");
	if (rc != MK_ENOTFOUND)
		return rc;
	rc = cs_run(db, &added, "INSERT INTO photo_deleted (photo_uuid, request_uuid, patient_uuid,"
		    " kiosk_id, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (photo_uuid) DO NOTHING",
		    "tttti", r->photo_uuid, r->uuid, r->patient_uuid, p->kiosk, p->now);
	if (!rc && added == 0)
		return CSTORE_REPLAY; /* deleted already, by an earlier request */
	if (!rc)
		rc = cs_run(db, NULL, "DELETE FROM photo_files WHERE uuid = $1", "t", r->photo_uuid);
	if (!rc)
		rc = cs_run(db, NULL, "DELETE FROM records WHERE uuid = $1 AND kind = 'photo'", "t",
			    r->photo_uuid);
	snprintf(actor, sizeof actor, "kiosk:%s", p->kiosk);
	if (!rc)
		rc = cs_audit(db, actor, "photo-deleted", r->photo_uuid, "deleted by the patient", p->now);
	return rc;
}

static int deletion_tx(cdb *db, void *arg)
{
	put *p = arg;
	int rc = existing(db, p);
	if (rc)
		return rc == 1 ? CSTORE_REPLAY : rc;
	if ((rc = lock_patient(db, p)) != 0)
		return rc;
	if ((rc = erased(db, p->r->patient_uuid)) != 0)
		return rc == 1 ? CSTORE_REPLAY : rc; /* erased: the photo went with the rest */
	return delete_photo(db, p);
}

/* The transaction for a kind of item. */
static int (*tx_of(const cstore_record *r))(cdb *, void *)
{
	return !strcmp(r->kind, "erasure") ? erasure_tx
	       : !strcmp(r->kind, "photo-deletion") ? deletion_tx
	       : !strcmp(r->kind, "enrolment") ? enrolment_tx
	       : !strcmp(r->kind, "session-undone") ? undone_tx
	       : !strcmp(r->kind, "call") ? call_tx : record_tx;
}

typedef struct {
	const char *kiosk, *uuid, *why;
	int64_t now;
} refusal;

static int refusal_tx(cdb *db, void *arg)
{
	refusal *f = arg;
	return cs_refused_in_tx(db, f->kiosk, f->uuid, f->why, f->now);
}

/* A kiosk that wrote for another kiosk's patient (or took its code, or
 * its photo's UUID): a log line and an audit row, after the rollback, so
 * staff see it on the dashboard. Only UUIDs and the reason, no code. */
static void refused(cdb *db, const char *kiosk, const char *uuid, const char *why, int64_t now)
{
	char q[256];
	refusal f = { kiosk, uuid, why, now };
	if (cs_tx(db, refusal_tx, &f) != 0)
		mk_log(MK_LOG_WARN, "audit-failed", "action=kiosk-refused error=%s",
		       mk_log_quote(q, sizeof q, mk_err_msg()));
}

int cstore_record_put(cstore *cs, const char *kiosk_id, const cstore_record *r, int64_t now,
		      char reason_out[CSTORE_REASON])
{
	put p = { kiosk_id, r, now, reason_out, 0 };
	int rc;
	reason_out[0] = 0;
	if (!cs_valid_id(kiosk_id))
		return mk_err(MK_EINVAL, "not a kiosk id");
	if ((rc = check(&p)) != 0)
		return rc;
	cdb *db = cs_take(cs);
	rc = cs_tx(db, tx_of(r), &p);
	if (rc == MK_EINVAL && p.foreign)
		refused(db, kiosk_id, r->uuid, reason_out, now);
	cs_give(cs, db);
	if (rc == CSTORE_REPLAY) /* stored before: a replay changes nothing */
		rc = 0;
	return rc;
}

typedef struct {
	const char *kiosk, *uuid, *sha;
	int which;
	const uint8_t *bytes;
	size_t n;
	int64_t now;
} photo;

/* The patient of a photo file is known only once its record is stored, and
 * a record is stored only with both files: so a file arriving after its
 * patient was erased finds no record and is kept like any file ahead of its
 * record. It stays unreadable: its key was in the record, which no one
 * will send now. */
static int photo_tx(cdb *db, void *arg)
{
	photo *f = arg;
	cdb_stmt *st;
	int64_t changed = 0, v;
	int rc = cs_int(db, &v, "SELECT 1 FROM records WHERE uuid = $1 AND kiosk_id <> $2", "tt",
			f->uuid, f->kiosk);
	if (rc == 0)
		return mk_err(MK_EPERM, "%s", PHOTO_NOT_YOURS);
	if (rc != MK_ENOTFOUND)
		return rc;
	rc = cs_query(db, &st, "SELECT sha256 FROM photo_files WHERE uuid = $1 AND part = $2"
		      " AND kiosk_id = $3", "tdt", f->uuid, f->which, f->kiosk);
	if (!rc && (rc = cdb_step(st)) == 1)
		rc = strcmp(cdb_col_text(st, 0), f->sha) == 0
			     ? CSTORE_REPLAY
			     : mk_err(MK_EEXIST, "photo %s: a different file is stored already", f->uuid);
	cdb_finalize(st);
	if (!rc) {
		rc = cs_query(db, &st, "SELECT r.kind FROM records r JOIN erased e"
			      " ON e.patient_uuid = r.patient_uuid WHERE r.uuid = $1", "t", f->uuid);
		if (!rc && (rc = cdb_step(st)) == 1)
			rc = mk_err(MK_EINVAL, "photo %s: its patient was erased", f->uuid);
		cdb_finalize(st);
	}
	if (!rc)
		rc = cs_run(db, &changed, "INSERT INTO photo_files (uuid, part, sha256, size, bytes,"
			    " kiosk_id, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
			    " ON CONFLICT (uuid, part, kiosk_id) DO NOTHING", "tdtibti", f->uuid, f->which,
			    f->sha, (int64_t)f->n, f->bytes, f->n, f->kiosk, f->now);
	if (!rc && changed == 0)
		return CSTORE_RETRY;
	if (!rc)
		rc = cs_run(db, NULL, "UPDATE kiosks SET last_seen = CASE WHEN last_seen < $2"
			    " THEN $2 ELSE last_seen END WHERE id = $1", "ti", f->kiosk, f->now);
	return rc;
}

/* Files whose record never came (its patient was erased first) are swept
 * once old: no one can open them. Were a record still to come, it would be
 * pending and its kiosk would simply send them again. The sweep reads the
 * whole table, so it runs at most once an hour, after an upload, and at
 * most once an hour among all the collectors sharing the database: the
 * hour is claimed in the maintenance table (an UPDATE only one
 * transaction can win), and on PostgreSQL an advisory lock that is only
 * tried, never waited for, keeps a second collector from even queueing
 * behind the first one's DELETE. */
typedef struct {
	int64_t now, gone;
	int ran;
} sweep;

static int sweep_tx(cdb *db, void *arg)
{
	sweep *s = arg;
	int64_t got = 1, claimed = 0;
	int rc;
	s->ran = 0;
	s->gone = 0;
	if (cdb_is_pg(db) && (rc = cs_int(db, &got, "SELECT CASE WHEN"
				" pg_try_advisory_xact_lock(73707266) THEN 1 ELSE 0 END", NULL)) != 0)
		return rc;
	if (!got)
		return 0;
	if ((rc = cs_run(db, &claimed, "UPDATE maintenance SET done_at = $1 WHERE"
			 " name = 'photo-sweep' AND done_at <= $2", "ii", s->now,
			 s->now - CSTORE_SWEEP_SECONDS)) != 0 || !claimed)
		return rc;
	s->ran = 1;
	return cs_run(db, &s->gone, "DELETE FROM photo_files WHERE received_at < $1 AND NOT EXISTS"
		      " (SELECT 1 FROM records r WHERE r.uuid = photo_files.uuid"
		      " AND r.kiosk_id = photo_files.kiosk_id)", "i", s->now - CSTORE_ORPHAN_SECONDS);
}

static void sweep_orphans(cstore *cs, cdb *db, int64_t now)
{
	int due;
	sweep s = { .now = now };
	char q[256];
	pthread_mutex_lock(&cs->mu);
	due = now - cs->swept_at >= CSTORE_SWEEP_SECONDS;
	if (due)
		cs->swept_at = now;
	pthread_mutex_unlock(&cs->mu);
	if (due && cs_tx(db, sweep_tx, &s) != 0)
		mk_log(MK_LOG_WARN, "photo-sweep-failed", "error=%s", mk_log_quote(q, sizeof q, mk_err_msg()));
	else if (s.ran)
		mk_log(MK_LOG_INFO, "photo-sweep", "files=%lld", (long long)s.gone);
}

int cstore_photo_put(cstore *cs, const char *kiosk_id, const char *uuid, int which,
		     const uint8_t *bytes, size_t n, const char *sha256_hex, int64_t now)
{
	photo f = { kiosk_id, uuid, sha256_hex, which, bytes, n, now };
	if (!cs_valid_id(kiosk_id) || !cs_valid_uuid(uuid) || (which != 0 && which != 1) ||
	    !cs_valid_hex(sha256_hex, 64) || !bytes || !n)
		return mk_err(MK_EINVAL, "not a photo file (UUID, part, SHA-256 or bytes)");
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, photo_tx, &f);
	if (rc == 0)
		sweep_orphans(cs, db, now);
	if (rc == MK_EPERM)
		refused(db, kiosk_id, uuid, PHOTO_NOT_YOURS, now);
	cs_give(cs, db);
	return rc == CSTORE_REPLAY ? 0 : rc;
}

int cs_record_in_tx(cdb *db, const char *kiosk_id, const cstore_record *r, int64_t now,
		    char reason_out[CSTORE_REASON], int *foreign)
{
	put p = { kiosk_id, r, now, reason_out, 0 };
	int rc;
	reason_out[0] = 0;
	*foreign = 0;
	if (!cs_valid_id(kiosk_id))
		return mk_err(MK_EINVAL, "not a kiosk id");
	if ((rc = check(&p)) != 0)
		return rc;
	rc = tx_of(r)(db, &p);
	*foreign = rc == MK_EINVAL && p.foreign;
	return rc;
}

int cs_refused_in_tx(cdb *db, const char *kiosk, const char *uuid, const char *why, int64_t now)
{
	char actor[48], q[256];
	snprintf(actor, sizeof actor, "kiosk:%s", kiosk);
	mk_log(MK_LOG_WARN, "kiosk-refused", "kiosk=%s uuid=%s reason=%s", kiosk, uuid,
	       mk_log_quote(q, sizeof q, why));
	return cs_audit(db, actor, "kiosk-refused", uuid, why, now);
}
