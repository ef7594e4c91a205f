/* SPDX-License-Identifier: MIT */
/*
 * Killed mid-write: runs crash_writer (its path is argv[1]) 40 times over
 * one data folder and SIGKILLs it after a random 3-150 ms — during open,
 * recovery of the last run's WAL, sign-in, or any point of a report's
 * transaction. Every UUID the writer printed was confirmed saved by
 * store_report_add; afterwards each must be listed for the patient and
 * open with their key, the tables must agree (no report without its
 * outbox row, no alert without its record) and integrity_check must pass.
 * Set MK_CRASH_SEED to replay a run; the seed is printed.
 */
#include "crash_run.h"
#include "store_int.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RUNS 40
#define PIN "482913"
#define MAX_UUIDS 200000

static crash_log saved = { .max = MAX_UUIDS };

static int64_t sign_in(store *s, const char *dir, uint8_t key[32])
{
	char *path = mk_path_join(dir, "writer-code"), *code = NULL;
	int64_t id = -1;
	CHECK_MSG(mk_read_file(path, &code, NULL) == 0, "the writer never enrolled its patient");
	if (code)
		CHECK_MSG(store_patient_unlock(s, mk_trim(code), PIN, (int64_t)time(NULL), key, &id) == 0,
			  "%s", mk_err_msg());
	free(code);
	free(path);
	return id;
}

/* No report without its row, no alert without its record, no record
 * without its outbox row (nothing is acked here). */
static void check_tables(sqlite3 *db)
{
	sqlite3_stmt *st;
	CHECK(sqlite3_prepare_v2(db, "SELECT"
		" (SELECT count(*) FROM records WHERE kind='report') - (SELECT count(*) FROM reports),"
		" (SELECT count(*) FROM records WHERE kind='alert') - (SELECT count(*) FROM alerts),"
		" (SELECT count(*) FROM records r LEFT JOIN outbox o ON o.record_uuid = r.uuid"
		"  WHERE o.id IS NULL),"
		" (SELECT count(*) FROM reports WHERE alert_level > 0) - (SELECT count(*) FROM alerts)",
		-1, &st, NULL) == SQLITE_OK);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	for (int c = 0; c < 4; c++)
		CHECK_MSG(sqlite3_column_int(st, c) == 0, "inconsistency %d: %d", c, sqlite3_column_int(st, c));
	sqlite3_finalize(st);
}

static void check_saved(const char *dir)
{
	store *s = NULL;
	uint8_t key[32];
	int n = 0, missing = 0, unreadable = 0;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (!s)
		return;
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	int64_t id = sign_in(s, dir, key);
	store_report_info *list = calloc(MAX_UUIDS, sizeof *list);
	CHECK(store_report_list(s, id, list, MAX_UUIDS, &n) == 0);
	for (int i = 0; i < saved.n; i++) {
		int found = 0;
		for (int j = 0; j < n && !found; j++)
			found = strcmp(list[j].uuid, saved.uuids[i]) == 0;
		missing += !found;
		void *plain = NULL;
		size_t len = 0;
		unreadable += store_record_read(s, key, saved.uuids[i], &plain, &len) != 0 ||
			      !strstr(plain, "\"note\":\"report ");
		store_plain_free(plain, len);
	}
	CHECK_MSG(missing == 0 && unreadable == 0, "%d of %d confirmed reports missing, %d unreadable",
		  missing, saved.n, unreadable);
	CHECK(n >= saved.n); /* a report may be saved and the kill come before its print */
	check_tables(store_db(s));
	printf("%d reports confirmed by the writer, %d in the store\n", saved.n, n);
	free(list);
	store_close(s);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/mkcrashXXXXXX";
	int killed = 0, productive;
	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH_TO_crash_writer\n", argv[0]);
		return 2;
	}
	mk_log_set_level(MK_LOG_ERROR);
	saved.uuids = calloc(MAX_UUIDS, sizeof *saved.uuids);
	CHECK(saved.uuids && mkdtemp(dir) != NULL);
	productive = crash_loop(argv[1], dir, NULL, RUNS, 3, 148, &saved, &killed);
	printf("%d runs, %d killed, %d saved at least one report\n", RUNS, killed, productive);
	/* A test that never got as far as a report would prove nothing. */
	CHECK_MSG(productive >= RUNS / 4, "only %d runs saved a report", productive);
	check_saved(dir);
	free(saved.uuids);
	return check_done();
}
