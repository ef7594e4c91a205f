/* SPDX-License-Identifier: MIT */
/*
 * e2e_check: what the end-to-end tests ask of a kiosk and a collector.
 *
 *   e2e_check match KIOSK_DATA COLLECTOR_DB   every record the kiosk holds
 *       (reports, alerts, photos) is at the collector exactly once, nothing
 *       else is, each photo's two files arrived with the kiosk's bytes, and
 *       the kiosk's outbox is empty. Prints the counts.
 *   e2e_check undone KIOSK_DATA COLLECTOR_DB  every session the kiosk took
 *       back (sessions_undone) is marked undone at the collector exactly
 *       once and missing from its course there, whose other sessions are
 *       the kiosk's. Prints the count.
 *   e2e_check count COLLECTOR_DB              prints "records=N"
 *   e2e_check calls COLLECTOR_DB              prints "calls=N" (calls for staff)
 *   e2e_check requeue KIOSK_DATA               puts every record (and every
 *       undone session and photo deletion) back in the kiosk's outbox, as
 *       if no acknowledgement had ever arrived (a replay of everything).
 *   e2e_check sql COLLECTOR_DB STATEMENT      runs one statement on the
 *       collector's database from outside (SQLite or PostgreSQL), to break
 *       and mend it under a running collector.
 *
 * Exits 0 when all holds, 1 with what differs.
 */
#include "cdb.h"
#include "core.h"
#include "cstore.h"
#include "store.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 40000

typedef struct {
	char uuid[CSTORE_UUID];
	char kind[16];
} krec;

static int kiosk_records(const char *dir, krec **out, int *n, int *waiting)
{
	char *path = mk_path_join(dir, "kiosk.db");
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	free(path);
	*n = 0;
	*out = calloc(MAX_ROWS, sizeof **out);
	if (rc != SQLITE_OK || !*out)
		return fprintf(stderr, "e2e_check: cannot read the kiosk database\n"), -1;
	sqlite3_prepare_v2(db, "SELECT uuid, kind FROM records ORDER BY id", -1, &st, NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW && *n < MAX_ROWS) {
		snprintf((*out)[*n].uuid, CSTORE_UUID, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf((*out)[*n].kind, 16, "%s", (const char *)sqlite3_column_text(st, 1));
		(*n)++;
	}
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "SELECT count(*) FROM outbox", -1, &st, NULL);
	*waiting = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}

static int requeue(const char *dir)
{
	char *path = mk_path_join(dir, "kiosk.db");
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	free(path);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "INSERT OR IGNORE INTO outbox(record_uuid, priority, created_at, kind)"
				      " SELECT uuid, 0, created_at, 'record' FROM records;"
				      "INSERT INTO outbox(record_uuid, priority, created_at, kind, subject)"
				      " SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))"
				      " || '-4' || substr(lower(hex(randomblob(2))), 2) || '-a' ||"
				      " substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),"
				      " 0, undone_at, 'session-undone', uuid FROM sessions_undone;"
				      "INSERT OR IGNORE INTO outbox(record_uuid, priority, created_at, kind, subject)"
				      " SELECT request_uuid, 0, CAST(strftime('%s', 'now') AS INTEGER),"
				      " 'photo-deletion', photo_uuid FROM photo_deletions",
				  NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		fprintf(stderr, "e2e_check: requeue failed: %s\n", db ? sqlite3_errmsg(db) : "no database");
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 1;
}

static int same_file(cstore *cs, const char *dir, const char *uuid, int which)
{
	static const char *const suffix[2] = { ".img", ".thumb" };
	char *path = mk_asprintf("%s/photos/%s%s", dir, uuid, suffix[which]), *mine = NULL;
	uint8_t *theirs = NULL;
	size_t n_mine = 0, n_theirs = 0;
	int ok = path && mk_read_file(path, &mine, &n_mine) == 0 &&
		 cstore_photo_file(cs, uuid, which, &theirs, &n_theirs) == 0 && n_mine == n_theirs &&
		 memcmp(mine, theirs, n_mine) == 0;
	free(path);
	free(mine);
	free(theirs);
	return ok;
}

static int match(const char *dir, const char *spec)
{
	krec *k = NULL;
	cstore *cs = NULL;
	cstore_row *rows = calloc(MAX_ROWS, sizeof *rows);
	int nk = 0, nc = 0, waiting = 0, bad = 0, photos = 0;
	if (!rows || kiosk_records(dir, &k, &nk, &waiting) || cstore_open(&cs, spec)) {
		fprintf(stderr, "e2e_check: %s\n", mk_err_msg());
		return 1;
	}
	if (cstore_records(cs, NULL, NULL, 0, 0, rows, MAX_ROWS, &nc) != 0)
		return fprintf(stderr, "e2e_check: %s\n", mk_err_msg()), 1;
	for (int i = 0; i < nk; i++) {
		int found = 0;
		for (int j = 0; j < nc; j++)
			if (!strcmp(k[i].uuid, rows[j].uuid))
				found++, bad += strcmp(k[i].kind, rows[j].kind) != 0;
		if (found != 1) {
			fprintf(stderr, "e2e_check: %s %s is at the collector %d times\n", k[i].kind, k[i].uuid,
				found);
			bad++;
		}
		if (!strcmp(k[i].kind, "photo")) {
			photos++;
			for (int w = 0; w < 2; w++)
				if (!same_file(cs, dir, k[i].uuid, w))
					bad++, fprintf(stderr, "e2e_check: photo %s part %d differs\n", k[i].uuid, w);
		}
	}
	if (nc != nk)
		bad++, fprintf(stderr, "e2e_check: the collector has %d records, the kiosk %d\n", nc, nk);
	if (waiting != 0)
		bad++, fprintf(stderr, "e2e_check: %d items still in the kiosk's outbox\n", waiting);
	printf("kiosk=%d collector=%d photos=%d outbox=%d\n", nk, nc, photos, waiting);
	cstore_close(cs);
	free(rows);
	free(k);
	return bad ? 1 : 0;
}

/* One undone session: marked once at the collector, not in its course,
 * whose sessions are as many as the kiosk's. */
static int undone_one(cstore *cs, const char *spec, sqlite3_stmt *st)
{
	const char *uuid = (const char *)sqlite3_column_text(st, 0);
	const char *patient = (const char *)sqlite3_column_text(st, 1);
	int kept = sqlite3_column_int(st, 2), n = 0, bad = 0;
	int64_t marked = -1;
	cstore_course c[4];
	cdb *db = NULL;
	cdb_stmt *q = NULL;
	if (cdb_open(&db, spec) == 0 && cdb_prepare(db, "SELECT COUNT(*) FROM sessions WHERE uuid = $1"
				     " AND undone_at > 0", &q) == 0) {
		cdb_bind_text(q, 1, uuid);
		if (cdb_step(q) == 1)
			marked = cdb_col_int64(q, 0);
	}
	cdb_finalize(q);
	cdb_close(db);
	if (marked != 1)
		bad++, fprintf(stderr, "e2e_check: session %s is marked undone %lld times\n", uuid,
			       (long long)marked);
	if (cstore_courses(cs, patient, c, 4, &n) != 0 || n < 1)
		return fprintf(stderr, "e2e_check: the clinic has no course for %s\n", patient), 1;
	for (int i = 0; i < c[0].n_sessions; i++)
		bad += !strcmp(c[0].sessions[i].uuid, uuid);
	if (c[0].n_sessions != kept)
		bad++, fprintf(stderr, "e2e_check: the clinic lists %d sessions, the kiosk %d\n",
			       c[0].n_sessions, kept);
	return bad;
}

static int undone(const char *dir, const char *spec)
{
	char *path = mk_path_join(dir, "kiosk.db");
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	cstore *cs = NULL;
	int n = 0, bad = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    cstore_open(&cs, spec) != 0 ||
	    sqlite3_prepare_v2(db, "SELECT u.uuid, p.uuid, (SELECT count(*) FROM sessions s WHERE"
			       " s.course_id = u.course_id) FROM sessions_undone u JOIN courses c ON"
			       " c.id = u.course_id JOIN patients p ON p.id = c.patient_id", -1, &st,
			       NULL) != SQLITE_OK)
		bad++, fprintf(stderr, "e2e_check: cannot read the kiosk's or the clinic's database\n");
	while (!bad && sqlite3_step(st) == SQLITE_ROW)
		n++, bad += undone_one(cs, spec, st);
	sqlite3_finalize(st);
	sqlite3_close(db);
	cstore_close(cs);
	free(path);
	printf("undone=%d\n", n);
	return bad || n == 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "match"))
		return match(argv[2], argv[3]);
	if (argc == 4 && !strcmp(argv[1], "undone"))
		return undone(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "requeue"))
		return requeue(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "count")) {
		cstore *cs = NULL;
		int64_t r = 0, f = 0;
		if (cstore_open(&cs, argv[2]) || cstore_counts(cs, &r, &f))
			return fprintf(stderr, "e2e_check: %s\n", mk_err_msg()), 1;
		printf("records=%lld photo_files=%lld\n", (long long)r, (long long)f);
		cstore_close(cs);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "calls")) {
		cstore *cs = NULL;
		cstore_call c[64];
		int n = 0;
		if (cstore_open(&cs, argv[2]) || cstore_calls(cs, 0, c, 64, &n))
			return fprintf(stderr, "e2e_check: %s\n", mk_err_msg()), 1;
		printf("calls=%d\n", n);
		cstore_close(cs);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "sql")) {
		cdb *db = NULL;
		int rc = cdb_open(&db, argv[2]);
		if (!rc)
			rc = cdb_exec(db, argv[3]);
		if (rc)
			fprintf(stderr, "e2e_check: %s\n", mk_err_msg());
		cdb_close(db);
		return rc ? 1 : 0;
	}
	fprintf(stderr, "usage: e2e_check match KIOSK_DATA DB | undone KIOSK_DATA DB | count DB"
		" | calls DB | requeue KIOSK_DATA"
		" | sql DB STATEMENT\n");
	return 2;
}
