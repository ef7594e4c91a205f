/* SPDX-License-Identifier: MIT */
/*
 * What looks at every alert at once reads the alerts alone. The live
 * alerts' version (asked by each alerts page, and once a second while one
 * is open) and the patient list's "alert waiting" filter once read a table
 * page per alert: in a clinic of a million records, 20,000 pages and some
 * 200 ms on PostgreSQL, the alerts page over its target. Here each of
 * their queries is planned on a fresh collector database, on SQLite and on
 * PostgreSQL, and must read the index of alerts (records_alerts) and not
 * the table: SQLite's plan says COVERING INDEX, PostgreSQL's Index Only
 * Scan (asked with sequential scans off, since a near-empty table would
 * rather be read whole).
 *
 * Usage: test_cstore_plan [PG_URI_FILE].
 */
#include "test_cstore_db.h"
#include "cstore.h"
#include "cstore_int.h" /* the queries' SQL */

/* The plan of sql, its lines joined, into out. */
static void plan(cdb *db, const char *sql, char *out, size_t n)
{
	cdb_stmt *st = NULL;
	char *text = mk_asprintf("%s%s", cdb_is_pg(db) ? "EXPLAIN " : "EXPLAIN QUERY PLAN ", sql);
	size_t used = 0;
	out[0] = 0;
	CHECK(text && cdb_prepare(db, text, &st) == 0);
	free(text);
	if (!st)
		return;
	while (cdb_step(st) == 1) {
		const char *line = cdb_col_text(st, cdb_is_pg(db) ? 0 : 3);
		int k = snprintf(out + used, n - used, "%s\n", line);
		if (k < 0 || (size_t)k >= n - used)
			break;
		used += (size_t)k;
	}
	cdb_finalize(st);
}

static void reads_only_alerts(cdb *db, const char *what, const char *sql)
{
	char p[8192];
	plan(db, sql, p, sizeof p);
	if (cdb_is_pg(db))
		CHECK_MSG(strstr(p, "Index Only Scan using records_alerts") != NULL, "%s:\n%s", what, p);
	else
		CHECK_MSG(strstr(p, "COVERING INDEX records_alerts") != NULL, "%s:\n%s", what, p);
}

int main(int argc, char **argv)
{
	test_db t;
	cstore *cs = NULL;
	cdb *db = NULL;
	if (test_db_make(&t, argc, argv, "mk_test_cstore_plan") != 0 ||
	    cstore_open(&cs, t.spec) != 0 || cdb_open(&db, t.spec) != 0) {
		CHECK_MSG(0, "a database to test with: %s", mk_err_msg());
		return check_done();
	}
	if (cdb_is_pg(db))
		CHECK(cdb_exec(db, "SET enable_seqscan = off") == 0);
	reads_only_alerts(db, "the live alerts' version", CS_ALERT_VERSION);
	reads_only_alerts(db, "the patients with an alert waiting",
			  "SELECT COUNT(*) FROM patients p WHERE " CS_OPEN_ALERT);
	cdb_close(db);
	cstore_close(cs);
	test_db_done(&t);
	return check_done();
}
