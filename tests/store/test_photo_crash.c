/* SPDX-License-Identifier: MIT */
/*
 * Photos killed mid-save: runs crash_writer (its path is argv[1]) in its
 * "photos" mode 30 times over one data folder and SIGKILLs it after a
 * random 5-300 ms — while writing a photo's files, between their rename and
 * the commit, inside the transaction, or during the next run's open and its
 * sweep of the last run's leftovers. Afterwards, once store_open has
 * tidied: every photo the writer printed (store_photo_add had confirmed it)
 * is listed and both its files decrypt to exactly what was saved; no file
 * in photos/ lacks its row, no row lacks its two files, the tables agree
 * and integrity_check passes. MK_CRASH_SEED replays a run.
 */
#include "crash_run.h"
#include "photo_fake.h"
#include "store_test.h"
#include "core.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RUNS 30
#define PIN "482913"
#define MAX_UUIDS 20000
#define PHOTO_BYTES (200 * 1024)
#define THUMB_BYTES (8 * 1024)

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

/* 1 if the photo's file `which` decrypts to photo_fake(seed) of n bytes. */
static int same_bytes(store *s, const uint8_t key[32], const char *uuid, int which,
		      unsigned seed, size_t n)
{
	static uint8_t want[PHOTO_BYTES];
	void *got = NULL;
	size_t len = 0;
	int ok = store_photo_read(s, key, uuid, which, &got, &len) == 0 && len == n;
	photo_fake(want, n, seed, 0);
	ok = ok && memcmp(got, want, n) == 0;
	store_plain_free(got, len);
	return ok;
}

/* The photo opens whole: its metadata gives its number, from which both
 * files are rebuilt and compared. */
static int photo_whole(store *s, const uint8_t key[32], const char *uuid)
{
	void *meta = NULL;
	size_t len = 0;
	unsigned i = 0;
	int ok = store_photo_meta(s, key, uuid, &meta, &len) == 0 &&
		 sscanf(meta, "{\"i\":%u}", &i) == 1;
	store_plain_free(meta, len);
	return ok && same_bytes(s, key, uuid, STORE_PHOTO_ORIGINAL, i, PHOTO_BYTES) &&
	       same_bytes(s, key, uuid, STORE_PHOTO_THUMB, i + 1, THUMB_BYTES);
}

static int listed(const store_photo_info *list, int n, const char *uuid)
{
	for (int j = 0; j < n; j++)
		if (strcmp(list[j].uuid, uuid) == 0)
			return 1;
	return 0;
}

/* Files in photos/: *total, and how many have no photos row (or are
 * temporary, or not a photo's file at all). */
static void scan_folder(store *s, const char *dir, int *total, int *stray)
{
	char *photos = mk_path_join(dir, "photos"), uuid[37];
	DIR *d = opendir(photos);
	struct dirent *e;
	*total = *stray = 0;
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		const char *dot = strchr(e->d_name, '.');
		int named = dot && dot - e->d_name == 36 &&
			    (strcmp(dot, ".img") == 0 || strcmp(dot, ".thumb") == 0);
		snprintf(uuid, sizeof uuid, "%.36s", e->d_name);
		char *sql = mk_asprintf("SELECT count(*) FROM photos WHERE uuid='%s'", uuid);
		(*total)++;
		*stray += !named || query_int(s, sql) != 1;
		free(sql);
	}
	if (d)
		closedir(d);
	free(photos);
}

/* Rows whose .img or .thumb is not there. */
static int rows_without_files(store *s, const char *dir)
{
	sqlite3_stmt *st;
	int missing = 0;
	CHECK(sqlite3_prepare_v2(store_db(s), "SELECT uuid FROM photos", -1, &st, NULL) == SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		for (int w = 0; w < 2; w++) {
			char *path = mk_asprintf("%s/photos/%s%s", dir, uuid, w ? ".thumb" : ".img");
			missing += !mk_is_file(path);
			free(path);
		}
	}
	sqlite3_finalize(st);
	return missing;
}

/* Every photo record has its row, outbox row and audit row. */
static void check_tables(store *s)
{
	long long rows = query_int(s, "SELECT count(*) FROM photos");
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE kind='photo'") == rows);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind='photo'") == rows);
	CHECK(query_int(s, "SELECT count(*) FROM records r LEFT JOIN outbox o"
			" ON o.record_uuid = r.uuid WHERE o.id IS NULL") == 0);
	CHECK(query_int(s, "SELECT count(*) FROM audit WHERE action='photo-saved'") == rows);
	CHECK(query_int(s, "SELECT count(*) FROM photos p JOIN records r ON r.id = p.record_id"
			" AND r.uuid = p.uuid") == rows);
}

/* Files in photos/ now, before any store has tidied after the last kill. */
static int count_files(const char *dir)
{
	char *photos = mk_path_join(dir, "photos");
	DIR *d = opendir(photos);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	free(photos);
	return n;
}

static void check_saved(const char *dir)
{
	store *s = NULL;
	uint8_t key[32];
	int n = 0, missing = 0, broken = 0, total = 0, stray = 0, before = count_files(dir);
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (!s)
		return;
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	int64_t id = sign_in(s, dir, key);
	store_photo_info *list = calloc(MAX_UUIDS, sizeof *list);
	CHECK(store_photo_list(s, id, -1, list, MAX_UUIDS, &n) == 0);
	for (int i = 0; i < saved.n; i++) {
		missing += !listed(list, n, saved.uuids[i]);
		broken += !photo_whole(s, key, saved.uuids[i]);
	}
	CHECK_MSG(missing == 0 && broken == 0, "%d of %d confirmed photos missing, %d not whole",
		  missing, saved.n, broken);
	CHECK(n >= saved.n); /* a photo may be saved and the kill come before its print */
	scan_folder(s, dir, &total, &stray);
	CHECK_MSG(stray == 0, "%d of %d files in photos/ have no row", stray, total);
	CHECK_MSG(total == 2 * n, "%d files for %d photos", total, n);
	CHECK_MSG(rows_without_files(s, dir) == 0, "rows without their files");
	check_tables(s);
	printf("%d photos confirmed by the writer, %d in the store; %d files before the last"
	       " open, %d after\n", saved.n, n, before, total);
	free(list);
	store_close(s);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/mkphcrashXXXXXX";
	int killed = 0, productive;
	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH_TO_crash_writer\n", argv[0]);
		return 2;
	}
	mk_log_set_level(MK_LOG_ERROR);
	saved.uuids = calloc(MAX_UUIDS, sizeof *saved.uuids);
	CHECK(saved.uuids && mkdtemp(dir) != NULL);
	productive = crash_loop(argv[1], dir, "photos", RUNS, 5, 296, &saved, &killed);
	printf("%d runs, %d killed, %d saved at least one photo\n", RUNS, killed, productive);
	/* A test that never got as far as a photo would prove nothing. */
	CHECK_MSG(productive >= RUNS / 4, "only %d runs saved a photo", productive);
	check_saved(dir);
	free(saved.uuids);
	return check_done();
}
