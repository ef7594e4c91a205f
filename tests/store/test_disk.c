/* SPDX-License-Identifier: MIT */
/*
 * A full disk, as a clinic would meet it: the kiosk refuses to start on a
 * nearly full data folder and says which folder and how much is free; when
 * the disk fills while it runs, the report being saved is refused with a
 * plain message, everything saved before stays whole and readable, and once
 * there is room again saving works and the "disk full" state clears.
 *
 * The database is made to fill with PRAGMA max_page_count (through
 * store_test_limit_pages), the free-space figure is played with the test
 * hook MK_TEST_FREE_BYTES. Also: integrity_check notices a damaged file.
 */
#include "store_test.h"
#include "core.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)
#define MAX_SAVED 400

static uint8_t pk[32], sk[32];

typedef struct {
	int64_t id;
	uint8_t key[32];
	char uuid[MAX_SAVED][37];
	int n;
} saved;

static int save(store *s, saved *sv, int i)
{
	char json[600], uuid[37] = "";
	/* Some bulk, so that pages fill after a few reports. */
	snprintf(json, sizeof json, "{\"i\":%d,\"note\":\"%0500d\"}", i, i);
	store_report r = { .clinic_pk = pk, .patient_key = sv->key, .patient_id = sv->id,
			   .json = json, .alert_level = i % 2, .alert_json = "{\"why\":\"test\"}" };
	int rc = store_report_add(s, &r, uuid);
	if (rc == 0 && sv->n < MAX_SAVED)
		memcpy(sv->uuid[sv->n++], uuid, sizeof uuid);
	if (rc != 0)
		CHECK_MSG(uuid[0] == 0, "a refused report gave a uuid");
	return rc;
}

/* Every saved report is listed and opens, and the tables agree. */
static void check_all(store *s, const saved *sv)
{
	store_report_info *ri = calloc(MAX_SAVED + 1, sizeof *ri);
	int n = 0, bad = 0;
	CHECK(store_report_list(s, sv->id, ri, MAX_SAVED + 1, &n) == 0 && n == sv->n);
	for (int i = 0; i < sv->n; i++) {
		void *plain = NULL;
		size_t len = 0;
		bad += store_record_read(s, sv->key, sv->uuid[i], &plain, &len) != 0;
		bad += i < n && strcmp(ri[i].uuid, sv->uuid[i]) != 0;
		store_plain_free(plain, len);
	}
	CHECK_MSG(bad == 0, "%d saved reports missing or unreadable", bad);
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE kind='report'") ==
	      query_int(s, "SELECT count(*) FROM reports"));
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE kind='alert'") ==
	      query_int(s, "SELECT count(*) FROM alerts"));
	CHECK(query_int(s, "SELECT count(*) FROM records r LEFT JOIN outbox o"
			" ON o.record_uuid = r.uuid WHERE o.id IS NULL") == 0);
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE kind IN ('report', 'alert')") ==
	      query_int(s, "SELECT count(*) FROM audit WHERE action IN"
			" ('report-saved', 'alert-raised')"));
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	free(ri);
}

/* Fills the database until a report is refused; what fitted is whole. */
static void fill(store *s, saved *sv)
{
	int extra = 0, rc = 0;
	long long audit = query_int(s, "SELECT count(*) FROM audit");
	long long records = query_int(s, "SELECT count(*) FROM records");
	CHECK(store_test_limit_pages(s, 0) == 0);
	for (int i = 0; i < 200 && (rc = save(s, sv, 1000 + i)) == 0; i++)
		extra += 1 + (1000 + i) % 2; /* the report, and its alert */
	CHECK_MSG(rc == MK_EFULL, "rc=%d: %s", rc, mk_err_msg());
	CHECK_MSG(strcmp(mk_err_msg(), "the disk is full: the report was not saved") == 0,
		  "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 1);
	CHECK(sqlite3_get_autocommit(store_db(s)) == 1); /* rolled back, nothing open */
	CHECK(query_int(s, "SELECT count(*) FROM records") == records + extra);
	CHECK(query_int(s, "SELECT count(*) FROM audit") == audit + extra);
}

static void test_full(void)
{
	char *dir = tmp_dir(), code[9], rec[37];
	saved *sv = calloc(1, sizeof *sv);
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (!s || !sv)
		return; /* (leaks on a failed check; the run has failed anyway) */
	CHECK(store_patient_enrol(s, PIN, COST, code, &sv->id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, 0, sv->key, &sv->id) == 0);
	for (int i = 0; i < 5; i++)
		CHECK(save(s, sv, i) == 0);
	CHECK(store_disk_full(s) == 0);
	fill(s, sv);
	check_all(s, sv);
	/* Smaller writes may still fit for a while; then they are refused the
	 * same way, and the flag stays. */
	int rc = 0, notes = 0;
	for (int i = 0; i < 400 && rc == 0; i++)
		notes += (rc = store_record_add(s, pk, sv->key, sv->id, "note", "x", 1, rec)) == 0;
	CHECK_MSG(rc == MK_EFULL, "%d small records saved, rc=%d", notes, rc);
	CHECK(strcmp(mk_err_msg(), "the disk is full: the record was not saved") == 0);
	CHECK(store_disk_full(s) == 1);
	CHECK(save(s, sv, 9999) == MK_EFULL);
	/* Room again: saving works and the flag clears. */
	CHECK(store_test_limit_pages(s, -1) == 0);
	CHECK_MSG(save(s, sv, 5000) == 0, "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 0);
	check_all(s, sv);
	store_close(s);
	CHECK(store_open(&s, dir) == 0);
	if (s)
		check_all(s, sv);
	store_close(s);
	free(sv);
	free(dir);
}

/* Any write clears the flag, not only a report: here a staff audit row. */
static void test_flag_clears(void)
{
	char *dir = tmp_dir(), code[9];
	int64_t id;
	store *s = NULL;
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	CHECK(store_test_limit_pages(s, 0) == 0);
	int rc = 0;
	for (int i = 0; i < 100 && rc == 0; i++)
		rc = store_patient_enrol(s, PIN, COST, code, &id);
	CHECK(rc == MK_EFULL && store_disk_full(s) == 1);
	CHECK(store_test_limit_pages(s, -1) == 0);
	CHECK(store_audit(s, "staff", "disk-checked", "") == 0);
	CHECK(store_disk_full(s) == 0);
	store_close(s);
	free(dir);
}

static void test_free_space(void)
{
	char *dir = tmp_dir(), *want;
	store *s = NULL;
	saved *sv = calloc(1, sizeof *sv);
	char code[9];
	setenv("MK_TEST_FREE_BYTES", "5242880", 1); /* 5 MiB */
	CHECK(store_open(&s, dir) == MK_EFULL && s == NULL);
	want = mk_asprintf("the data folder %s has only 5 MiB free; Mesokiosk needs at least"
			   " 8 MiB", dir);
	CHECK_MSG(strcmp(mk_err_msg(), want) == 0, "%s", mk_err_msg());
	free(want);
	setenv("MK_TEST_FREE_BYTES", "8388608", 1); /* exactly 8 MiB is enough */
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	if (!s || !sv)
		return;
	CHECK(store_free_bytes(s) == 8388608);
	CHECK(store_patient_enrol(s, PIN, COST, code, &sv->id) == 0);
	CHECK(store_patient_unlock(s, code, PIN, 0, sv->key, &sv->id) == 0);
	CHECK(save(s, sv, 1) == 0);
	/* The disk fills while the kiosk runs: new reports are refused. */
	setenv("MK_TEST_FREE_BYTES", "1048576", 1);
	long long records = query_int(s, "SELECT count(*) FROM records");
	CHECK(save(s, sv, 2) == MK_EFULL);
	CHECK_MSG(strstr(mk_err_msg(), "the disk is full: the report was not saved") == mk_err_msg(),
		  "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 1);
	CHECK(query_int(s, "SELECT count(*) FROM records") == records);
	unsetenv("MK_TEST_FREE_BYTES");
	CHECK(store_free_bytes(s) > 0);
	CHECK(save(s, sv, 3) == 0 && store_disk_full(s) == 0);
	check_all(s, sv);
	store_close(s);
	free(sv);
	free(dir);
}

/* Bytes of page `page` (1-based) of the closed database at path. */
static int edit_page(const char *path, long long page, long long page_size,
		     int (*edit)(unsigned char *buf, size_t n))
{
	unsigned char *buf = malloc((size_t)page_size);
	FILE *f = fopen(path, "r+b");
	int ok = f && buf && fseek(f, (long)((page - 1) * page_size), SEEK_SET) == 0 &&
		 fread(buf, 1, (size_t)page_size, f) == (size_t)page_size && edit(buf, (size_t)page_size);
	ok = ok && fseek(f, (long)((page - 1) * page_size), SEEK_SET) == 0 &&
	     fwrite(buf, 1, (size_t)page_size, f) == (size_t)page_size;
	if (f)
		fclose(f);
	free(buf);
	return ok;
}

static char edit_code[9];

/* Changes the patient code in the index only: the table says one thing,
 * the index another, which integrity_check lists row by row. */
static int edit_index(unsigned char *buf, size_t n)
{
	unsigned char *hit = memmem(buf, n, edit_code, 8);
	if (!hit)
		return 0;
	hit[7] = hit[7] == 'Z' ? 'Y' : 'Z';
	return 1;
}

static int edit_junk(unsigned char *buf, size_t n)
{
	memset(buf + 8, 0x5a, n > 72 ? 64 : 0); /* over the cell pointers */
	return n > 72;
}

static void damage(int (*edit)(unsigned char *, size_t), const char *object)
{
	char *dir = tmp_dir(), *path = mk_path_join(dir, "kiosk.db"), *sql;
	store *s = NULL;
	int64_t id;
	CHECK(store_open(&s, dir) == 0);
	if (!s)
		return;
	for (int i = 0; i < 20; i++)
		CHECK(store_patient_enrol(s, PIN, COST, edit_code, &id) == 0);
	CHECK(store_integrity_check(s) == 0);
	sql = mk_asprintf("SELECT rootpage FROM sqlite_master WHERE name='%s'", object);
	long long page = query_int(s, sql), size = query_int(s, "PRAGMA page_size");
	free(sql);
	store_close(s); /* checkpoints: all pages are in kiosk.db now */
	CHECK_MSG(page > 1 && edit_page(path, page, size, edit), "cannot damage %s", object);
	if (store_open(&s, dir) == 0) {
		CHECK(store_integrity_check(s) == MK_EIO);
		CHECK_MSG(strstr(mk_err_msg(), "kiosk.db is damaged") != NULL, "%s", mk_err_msg());
		store_close(s);
	} /* else: refusing to open a damaged file is fine too */
	free(path);
	free(dir);
}

static void test_integrity(void)
{
	damage(edit_index, "sqlite_autoindex_patients_2");
	damage(edit_junk, "patients");
}

int main(void)
{
	mk_log_set_level(MK_LOG_ERROR + 1);
	unsetenv("MK_TEST_FREE_BYTES");
	CHECK(store_keygen(pk, sk) == 0);
	test_full();
	test_flag_clears();
	test_free_space();
	test_integrity();
	return check_done();
}
