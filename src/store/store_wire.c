/* SPDX-License-Identifier: MIT */
/*
 * The wire form of one outbox item (README, "Collector API"): what the sync
 * worker puts in a batch. A record goes with the context that is in clear
 * on the kiosk — its kind and time, the patient's UUID and code, the
 * course with its sessions, the session number and alert level, a photo's
 * area and size — and its encrypted parts in standard base64: the record
 * key sealed to the clinic, the nonce and the ciphertext. Never the
 * patient-wrapped key: the collector could not use it and it is no one
 * else's business. An erasure carries only its UUID and the patient's; an
 * enrolment its UUID and the patient's UUID and code, so the clinic lists
 * a patient before their first report. A session staff took back
 * ("session-undone") carries the patient, the course as it is now and the
 * session that went; a photo deletion the request, the patient and the
 * photo; a call for staff its UUID, time and the patient's UUID and code
 * (or "patient": null when nobody is signed in, or the patient was erased
 * since).
 *
 * The JSON is written by hand rather than with a JSON library so the store
 * keeps its two dependencies; the only text from people in it (a course's
 * plan and area, typed by staff) goes through one escaper that also turns
 * bytes that are not UTF-8 into U+FFFD, because a single bad byte would
 * make the collector refuse the whole batch. Everything is read in one
 * read transaction, so an erasure committing meanwhile cannot leave a
 * record with half its context.
 *
 * An alert row does not name its course: it is written in the same
 * transaction as the report that raised it, just after it, so its context
 * is that of the patient's latest alerting report before it.
 */
#include "store_int.h"
#include "core.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A growing buffer of JSON text; the first failure sticks. */

typedef struct {
	char *p;
	size_t n, cap;
	int err;
} jbuf;

static void jb_grow(jbuf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 1024;
	char *p;
	if (b->err || b->n + more + 1 <= b->cap)
		return;
	while (cap < b->n + more + 1)
		cap *= 2;
	if (!(p = realloc(b->p, cap))) {
		b->err = 1;
		return;
	}
	b->p = p;
	b->cap = cap;
}

static void jb_raw(jbuf *b, const char *s, size_t n)
{
	jb_grow(b, n);
	if (b->err)
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = 0;
}

static void jb_put(jbuf *b, const char *s) { jb_raw(b, s, strlen(s)); }

static void jb_int(jbuf *b, int64_t v)
{
	char t[24];
	jb_raw(b, t, (size_t)snprintf(t, sizeof t, "%" PRId64, v));
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * malformed UTF-8 replaced by U+FFFD. */
static void jb_str(jbuf *b, const char *s)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	jb_raw(b, "\"", 1);
	while (i < len) {
		uint32_t cp;
		size_t k = mk_utf8_next(s + i, len - i, &cp);
		char t[8];
		if (k == 0) {
			jb_put(b, "\xef\xbf\xbd");
			i++;
		} else if (cp == '"' || cp == '\\') {
			jb_raw(b, cp == '"' ? "\\\"" : "\\\\", 2);
		} else if (cp < 0x20) {
			jb_raw(b, t, (size_t)snprintf(t, sizeof t, "\\u%04x", (unsigned)cp));
		} else {
			jb_raw(b, s + i, k);
		}
		i += k;
	}
	jb_raw(b, "\"", 1);
}

static void jb_key(jbuf *b, const char *key)
{
	if (b->n && b->p[b->n - 1] != '{')
		jb_raw(b, ",", 1);
	jb_str(b, key);
	jb_raw(b, ":", 1);
}

static void jb_b64(jbuf *b, const void *bin, size_t n)
{
	size_t len = mkc_base64_len(n);
	jb_raw(b, "\"", 1);
	jb_grow(b, len);
	if (!b->err) {
		mkc_base64(b->p + b->n, bin, n);
		b->n += len - 1;
	}
	jb_raw(b, "\"", 1);
}

/* ---- Reading */

static int prep(store *s, const char *sql, sqlite3_stmt **st)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
	return rc == SQLITE_OK ? 0 : store_sql_err(s, rc, "reading an item to send");
}

static const char *col_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t ? (const char *)t : "";
}

/* Where a record sits in the course: read from its kind's own table. */
typedef struct {
	char course[STORE_UUID_LEN + 1];
	int session, alert_level, area, width, height;
} context;

static int read_context(store *s, const char *kind, int64_t rec_id, int64_t patient_id,
			context *c)
{
	static const char report[] =
		"SELECT course_uuid, session, alert_level FROM reports WHERE record_id=?";
	static const char alert[] =
		"SELECT p.course_uuid, p.session, a.level FROM alerts a"
		" LEFT JOIN reports p ON p.record_id = (SELECT max(q.record_id) FROM reports q"
		" JOIN records r ON r.id = q.record_id WHERE r.patient_id=?2 AND r.id < a.record_id"
		" AND q.alert_level > 0) WHERE a.record_id=?1";
	static const char photo[] =
		"SELECT course_uuid, session, 0, area, width, height FROM photos WHERE record_id=?";
	const char *sql = !strcmp(kind, "report") ? report : !strcmp(kind, "alert") ? alert
			: !strcmp(kind, "photo") ? photo : NULL;
	sqlite3_stmt *st;
	int rc;
	memset(c, 0, sizeof *c);
	if (!sql)
		return 0; /* another kind of record: no context */
	if ((rc = prep(s, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, rec_id);
	if (sql == alert)
		sqlite3_bind_int64(st, 2, patient_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(c->course, sizeof c->course, "%s", col_text(st, 0));
		c->session = sqlite3_column_int(st, 1);
		c->alert_level = sqlite3_column_int(st, 2);
		if (sql == photo) {
			c->area = sqlite3_column_int(st, 3);
			c->width = sqlite3_column_int(st, 4);
			c->height = sqlite3_column_int(st, 5);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_sql_err(s, rc, "reading an item to send");
}

static int put_sessions(store *s, jbuf *b, int64_t course_id)
{
	sqlite3_stmt *st;
	int rc = prep(s, "SELECT uuid, done_at FROM sessions WHERE course_id=?"
		      " ORDER BY done_at, id", &st), first = 1;
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, course_id);
	jb_put(b, "[");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		jb_put(b, first ? "{" : ",{");
		first = 0;
		jb_key(b, "uuid");
		jb_str(b, col_text(st, 0));
		jb_key(b, "done_at");
		jb_int(b, sqlite3_column_int64(st, 1));
		jb_put(b, "}");
	}
	jb_put(b, "]");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "reading an item to send");
}

/* "course": {...} or null when the record has none (or it is gone). */
static int put_course(store *s, jbuf *b, const char *uuid)
{
	static const char sql[] =
		"SELECT id, uuid, plan, grade, area, sessions_planned, interval_days, started_at"
		" FROM courses WHERE uuid=?";
	sqlite3_stmt *st;
	int rc;
	jb_key(b, "course");
	if (!*uuid) {
		jb_put(b, "null");
		return 0;
	}
	if ((rc = prep(s, sql, &st)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		jb_put(b, "null");
		return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "reading an item to send");
	}
	jb_put(b, "{");
	jb_key(b, "uuid");
	jb_str(b, col_text(st, 1));
	jb_key(b, "plan");
	jb_str(b, col_text(st, 2));
	jb_key(b, "grade");
	jb_int(b, sqlite3_column_int(st, 3));
	jb_key(b, "area");
	jb_str(b, col_text(st, 4));
	jb_key(b, "sessions_planned");
	jb_int(b, sqlite3_column_int(st, 5));
	jb_key(b, "interval_days");
	jb_int(b, sqlite3_column_int(st, 6));
	jb_key(b, "started_at");
	jb_int(b, sqlite3_column_int64(st, 7));
	jb_key(b, "sessions");
	rc = put_sessions(s, b, sqlite3_column_int64(st, 0));
	jb_put(b, "}");
	sqlite3_finalize(st);
	return rc;
}

/* Size and SHA-256 of one encrypted photo file, read in pieces. */
static int hash_file(store *s, const char *uuid, int which, store_photo_file *f)
{
	mkc_sha256_state h;
	uint8_t buf[65536];
	char *path = store_photo_path(s, uuid, which);
	FILE *fp;
	size_t got;
	if (!path)
		return mk_err(MK_ENOMEM, "out of memory reading a photo");
	memset(f, 0, sizeof *f);
	snprintf(f->path, sizeof f->path, "%s", path);
	free(path);
	if (!(fp = fopen(f->path, "rb")))
		return mk_err(MK_EIO, "photo %s: its %s file is missing", uuid,
			      which == STORE_PHOTO_THUMB ? "thumbnail" : "image");
	mkc_sha256_init(&h);
	while ((got = fread(buf, 1, sizeof buf, fp)) > 0) {
		mkc_sha256_update(&h, buf, got);
		f->size += (int64_t)got;
	}
	got = (size_t)ferror(fp);
	fclose(fp);
	if (got)
		return mk_err(MK_EIO, "photo %s: its file cannot be read", uuid);
	mkc_sha256_final(&h, f->sha256);
	return 0;
}

static void put_files(jbuf *b, const store_photo_file files[2])
{
	static const char *const part[2] = { "image", "thumb" };
	jb_key(b, "files");
	jb_put(b, "{");
	for (int i = 0; i < 2; i++) {
		jb_key(b, part[i]);
		jb_put(b, "{");
		jb_key(b, "sha256");
		jb_str(b, files[i].sha256);
		jb_key(b, "size");
		jb_int(b, files[i].size);
		jb_put(b, "}");
	}
	jb_put(b, "}");
}

/* An item's head, {"uuid", "kind", "created_at" and the "patient" key:
 * the caller writes the patient next (put_patient, or null). */
static void put_head(jbuf *b, const char *uuid, const char *kind, int64_t created_at)
{
	jb_put(b, "{");
	jb_key(b, "uuid");
	jb_str(b, uuid);
	jb_key(b, "kind");
	jb_str(b, kind);
	jb_key(b, "created_at");
	jb_int(b, created_at);
	jb_key(b, "patient");
}

/* {"uuid", "code"}, or {"uuid"} with code NULL. */
static void put_patient(jbuf *b, const char *uuid, const char *code)
{
	jb_put(b, "{");
	jb_key(b, "uuid");
	jb_str(b, uuid);
	if (code) {
		jb_key(b, "code");
		jb_str(b, code);
	}
	jb_put(b, "}");
}

/* The record's own columns and the context; st is on the record's row. */
static int put_record(store *s, jbuf *b, sqlite3_stmt *st, const char *uuid,
		      store_photo_file files[2])
{
	char kind[16];
	context c;
	int64_t rec_id = sqlite3_column_int64(st, 0), patient_id = sqlite3_column_int64(st, 8);
	int rc;
	snprintf(kind, sizeof kind, "%s", col_text(st, 1));
	if ((rc = read_context(s, kind, rec_id, patient_id, &c)) != 0)
		return rc;
	put_head(b, uuid, kind, sqlite3_column_int64(st, 2));
	put_patient(b, col_text(st, 6), col_text(st, 7));
	if ((rc = put_course(s, b, c.course)) != 0)
		return rc;
	jb_key(b, "session");
	jb_int(b, c.session);
	jb_key(b, "alert_level");
	jb_int(b, c.alert_level);
	jb_key(b, "sealed_key");
	jb_b64(b, sqlite3_column_blob(st, 3), (size_t)sqlite3_column_bytes(st, 3));
	jb_key(b, "nonce");
	jb_b64(b, sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4));
	jb_key(b, "ciphertext");
	jb_b64(b, sqlite3_column_blob(st, 5), (size_t)sqlite3_column_bytes(st, 5));
	if (!strcmp(kind, "photo")) {
		jb_key(b, "area");
		jb_int(b, c.area);
		jb_key(b, "width");
		jb_int(b, c.width);
		jb_key(b, "height");
		jb_int(b, c.height);
		if ((rc = hash_file(s, uuid, STORE_PHOTO_ORIGINAL, &files[0])) != 0 ||
		    (rc = hash_file(s, uuid, STORE_PHOTO_THUMB, &files[1])) != 0)
			return rc;
		put_files(b, files);
	}
	jb_put(b, "}");
	return 0;
}

static int wire_record(store *s, const store_outbox_item *it, jbuf *b, store_photo_file files[2])
{
	static const char sql[] =
		"SELECT r.id, r.kind, r.created_at, r.sealed_key, r.nonce, r.ciphertext,"
		" p.uuid, p.code, r.patient_id"
		" FROM records r JOIN patients p ON p.id = r.patient_id WHERE r.uuid=?";
	sqlite3_stmt *st;
	int rc = prep(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, it->uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		rc = put_record(s, b, st, it->uuid, files);
	else if (rc == SQLITE_DONE)
		rc = mk_err(MK_ENOTFOUND, "outbox item %s: its record is gone", it->uuid);
	else
		rc = store_sql_err(s, rc, "reading an item to send");
	sqlite3_finalize(st);
	return rc;
}

static void wire_erasure(const store_outbox_item *it, jbuf *b)
{
	put_head(b, it->uuid, "erasure", it->created_at);
	put_patient(b, it->subject, NULL);
	jb_put(b, "}");
}

static int wire_enrolment(store *s, const store_outbox_item *it, jbuf *b)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT code FROM patients WHERE uuid=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading an item to send");
	sqlite3_bind_text(st, 1, it->subject, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		put_head(b, it->uuid, "enrolment", it->created_at);
		put_patient(b, it->subject, (const char *)sqlite3_column_text(st, 0));
		jb_put(b, "}");
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "outbox item %s: its patient is gone",
						it->uuid)
				       : store_sql_err(s, rc, "reading an item to send");
	}
	sqlite3_finalize(st);
	return rc;
}

/* A session staff took back: the patient, the course as it is now (with
 * the sessions left) and which session went. */
static int wire_undone(store *s, const store_outbox_item *it, jbuf *b)
{
	static const char sql[] =
		"SELECT p.uuid, p.code, c.uuid, u.done_at FROM sessions_undone u"
		" JOIN courses c ON c.id = u.course_id JOIN patients p ON p.id = c.patient_id"
		" WHERE u.uuid=?";
	sqlite3_stmt *st;
	int rc = prep(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, it->subject, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "outbox item %s: its session is gone",
						  it->uuid)
					 : store_sql_err(s, rc, "reading an item to send");
	}
	put_head(b, it->uuid, "session-undone", it->created_at);
	put_patient(b, col_text(st, 0), col_text(st, 1));
	rc = put_course(s, b, col_text(st, 2));
	jb_key(b, "undone");
	jb_put(b, "{");
	jb_key(b, "uuid");
	jb_str(b, it->subject);
	jb_key(b, "done_at");
	jb_int(b, sqlite3_column_int64(st, 3));
	jb_put(b, "}}");
	sqlite3_finalize(st);
	return rc;
}

/* A patient deleted a photo: the request, the patient and the photo. */
static int wire_photo_deletion(store *s, const store_outbox_item *it, jbuf *b)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT patient_uuid FROM photo_deletions WHERE request_uuid=?",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading an item to send");
	sqlite3_bind_text(st, 1, it->uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		put_head(b, it->uuid, "photo-deletion", it->created_at);
		put_patient(b, (const char *)sqlite3_column_text(st, 0), NULL);
		jb_key(b, "photo");
		jb_str(b, it->subject);
		jb_put(b, "}");
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "outbox item %s: its request is gone", it->uuid)
				       : store_sql_err(s, rc, "reading an item to send");
	}
	sqlite3_finalize(st);
	return rc;
}

/* A call for staff: its UUID, time and the patient, or null. */
static int wire_call(store *s, const store_outbox_item *it, jbuf *b)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT code FROM patients WHERE uuid=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading an item to send");
	sqlite3_bind_text(st, 1, it->subject, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	put_head(b, it->uuid, "call", it->created_at);
	if (rc == SQLITE_ROW) {
		put_patient(b, it->subject, (const char *)sqlite3_column_text(st, 0));
	} else {
		jb_put(b, "null");
	}
	jb_put(b, "}");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "reading an item to send");
}

int store_outbox_wire(store *s, const store_outbox_item *it, char **json,
		      store_photo_file files[2])
{
	store_photo_file none[2];
	jbuf b = { .p = NULL };
	int rc;
	*json = NULL;
	if (!files)
		files = none;
	memset(files, 0, 2 * sizeof *files);
	if (!strcmp(it->kind, "erasure")) {
		wire_erasure(it, &b);
		rc = 0;
	} else if (!strcmp(it->kind, "enrolment")) {
		rc = wire_enrolment(s, it, &b);
	} else if (!strcmp(it->kind, "photo-deletion")) {
		rc = wire_photo_deletion(s, it, &b);
	} else if (!strcmp(it->kind, "call")) {
		rc = wire_call(s, it, &b);
	} else if ((rc = mkc_init()) == 0 &&
		   (rc = store_exec(s, "BEGIN", "reading an item to send")) == 0) {
		if (!strcmp(it->kind, "session-undone"))
			rc = wire_undone(s, it, &b);
		else
			rc = wire_record(s, it, &b, files);
		store_rollback(s); /* a read: nothing to keep */
	}
	if (!rc && b.err)
		rc = mk_err(MK_ENOMEM, "out of memory preparing an item to send");
	if (rc) {
		free(b.p);
		return rc;
	}
	*json = b.p;
	return 0;
}
