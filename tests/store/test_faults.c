/* SPDX-License-Identifier: MIT */
/*
 * A failing disk under the store, one fault at a time (faultvfs.h): the
 * Nth read, write or sync fails, or the Nth write is cut short with the
 * disk full, for every N a save reaches. For each:
 *
 *  - a report or photo the store confirmed (what the patient sees as
 *    "saved") is there after the store is closed and opened again, whole,
 *    and opens to exactly what was saved;
 *  - one it refused is nowhere: no row, no file, no half of it in a list,
 *    and the refusal says in words that it was not saved;
 *  - the store keeps working: the next save succeeds, and the tables agree
 *    with each other and pass SQLite's integrity check.
 *
 * A photo's files are written outside SQLite; the same holds when their
 * open, write, sync or rename fails, or a write is cut short (faultfs.h).
 */
#include "store_test.h"
#include "faultvfs.h"
#include "faultfs.h"
#include "core.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)

static uint8_t pk[32], sk[32];
static unsigned char img[3000], thumb[600];

typedef struct {
	int64_t id;
	uint8_t key[32];
	char code[9];
} patient;

static const char *mode_name(int m)
{
	static const char *const n[] = { "none", "read", "write", "short write", "sync" };
	return n[m];
}

static int save_report(store *s, const patient *p, int i, char uuid[37])
{
	char json[80];
	snprintf(json, sizeof json, "{\"i\":%d,\"itch\":\"mild\"}", i);
	store_report r = { .clinic_pk = pk, .patient_key = p->key, .patient_id = p->id,
			   .json = json, .alert_level = i % 2, .alert_json = "{\"why\":\"test\"}" };
	uuid[0] = 0;
	return store_report_add(s, &r, uuid);
}

static int save_photo(store *s, const patient *p, int i, char uuid[37])
{
	memset(img, 'a' + i % 26, sizeof img);
	memset(thumb, 'A' + i % 26, sizeof thumb);
	store_photo ph = { .clinic_pk = pk, .patient_key = p->key, .patient_id = p->id,
			   .course_uuid = "c-1", .session = 1, .area = 1, .image = img,
			   .image_len = sizeof img, .thumb = thumb, .thumb_len = sizeof thumb,
			   .width = 64, .height = 48, .meta_json = "{}" };
	uuid[0] = 0;
	return store_photo_add(s, &ph, uuid);
}

/* Report i opens to its JSON. */
static int report_reads(store *s, const patient *p, const char *uuid, int i)
{
	void *plain = NULL;
	size_t n = 0;
	char want[80];
	snprintf(want, sizeof want, "{\"i\":%d,\"itch\":\"mild\"}", i);
	int ok = store_record_read(s, p->key, uuid, &plain, &n) == 0 && n == strlen(want) &&
		 !memcmp(plain, want, n);
	store_plain_free(plain, n);
	return ok;
}

static int photo_reads(store *s, const patient *p, const char *uuid, int i)
{
	void *b = NULL;
	size_t n = 0;
	int ok = store_photo_read(s, p->key, uuid, STORE_PHOTO_ORIGINAL, &b, &n) == 0 &&
		 n == sizeof img && ((unsigned char *)b)[0] == 'a' + i % 26;
	store_plain_free(b, n);
	return ok;
}

static int files_in(const char *dir)
{
	char *p = mk_path_join(dir, "photos");
	DIR *d = opendir(p);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	free(p);
	return n;
}

/* The tables agree and the file is sound. */
static void consistent(store *s, const char *what)
{
	CHECK_MSG(query_int(s, "SELECT count(*) FROM records WHERE kind='report'") ==
		  query_int(s, "SELECT count(*) FROM reports"), "%s: records and reports differ", what);
	CHECK_MSG(query_int(s, "SELECT count(*) FROM records WHERE kind='photo'") ==
		  query_int(s, "SELECT count(*) FROM photos"), "%s: records and photos differ", what);
	CHECK_MSG(query_int(s, "SELECT count(*) FROM records r LEFT JOIN outbox o"
			    " ON o.record_uuid = r.uuid WHERE o.id IS NULL") == 0,
		  "%s: a record is not in the outbox", what);
	CHECK_MSG(store_integrity_check(s) == 0, "%s: %s", what, mk_err_msg());
}

static void arm(int fs, int mode, int nth)
{
	if (fs)
		faultfs_arm(mode, nth);
	else
		faultvfs_arm(mode, nth);
}

/* One save under a fault at the nth call (of SQLite's files, or with fs,
 * of the photo's own); returns whether it was reached. */
static int one(int photo, int fs, int mode, int nth)
{
	char *dir = tmp_dir(), a[37], b[37], what[80];
	patient p = { 0 };
	store *s = NULL;
	snprintf(what, sizeof what, "%s, %s %d", photo ? "photo" : "report",
		 fs ? faultfs_name(mode) : mode_name(mode), nth);
	CHECK(store_open(&s, dir) == 0);
	CHECK(store_patient_enrol(s, PIN, COST, p.code, &p.id) == 0);
	CHECK(store_patient_unlock(s, p.code, PIN, 0, p.key, &p.id) == 0);

	arm(fs, mode, nth);
	int rc = photo ? save_photo(s, &p, 1, a) : save_report(s, &p, 1, a);
	int hit = fs ? faultfs_hit() : faultvfs_hit();
	arm(fs, 0, 0);
	if (rc != 0) {
		CHECK_MSG(a[0] == 0, "%s: refused but gave a uuid", what);
		CHECK_MSG(strstr(mk_err_msg(), photo ? "the photo was not saved" : "the report was not saved"),
			  "%s: refused with '%s'", what, mk_err_msg());
		CHECK_MSG(!photo || files_in(dir) == 0, "%s: refused, but left %d photo files", what,
			  files_in(dir));
	}
	/* the store keeps working in the same run */
	CHECK_MSG((photo ? save_photo(s, &p, 2, b) : save_report(s, &p, 2, b)) == 0,
		  "%s: the next save failed: %s", what, mk_err_msg());
	store_close(s);

	s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s: cannot open again: %s", what, mk_err_msg());
	if (s) {
		int n = 0;
		if (photo) {
			store_photo_info pi[4];
			CHECK(store_photo_list(s, p.id, -1, pi, 4, &n) == 0);
			CHECK_MSG(n == (rc == 0) + 1, "%s: %d photos listed, saved %d", what, n, (rc == 0) + 1);
			CHECK_MSG(rc != 0 || photo_reads(s, &p, a, 1), "%s: a confirmed photo is lost", what);
			CHECK(photo_reads(s, &p, b, 2));
			CHECK_MSG(files_in(dir) == 2 * n, "%s: %d photo files for %d photos", what,
				  files_in(dir), n);
		} else {
			store_report_info ri[4];
			CHECK(store_report_list(s, p.id, ri, 4, &n) == 0);
			CHECK_MSG(n == (rc == 0) + 1, "%s: %d reports listed, saved %d", what, n, (rc == 0) + 1);
			CHECK_MSG(rc != 0 || report_reads(s, &p, a, 1), "%s: a confirmed report is lost", what);
			CHECK(report_reads(s, &p, b, 2));
		}
		consistent(s, what);
	}
	store_close(s);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(dir);
	return hit;
}

/* Reads fail while the kiosk opens its store and lists and opens what was
 * saved: each step fails plainly or works, and once the disk reads again
 * everything is there. */
static int one_read(int photo, int nth)
{
	char *dir = tmp_dir(), a[37], what[80];
	patient p = { 0 };
	store *s = NULL;
	snprintf(what, sizeof what, "%s, read %d", photo ? "photo" : "report", nth);
	CHECK(store_open(&s, dir) == 0);
	CHECK(store_patient_enrol(s, PIN, COST, p.code, &p.id) == 0);
	CHECK(store_patient_unlock(s, p.code, PIN, 0, p.key, &p.id) == 0);
	CHECK((photo ? save_photo(s, &p, 1, a) : save_report(s, &p, 1, a)) == 0);
	store_close(s);

	s = NULL;
	faultvfs_arm(FAULT_READ, nth);
	if (store_open(&s, dir) == 0) {
		int n = 0, ok;
		if (photo) {
			store_photo_info pi[4];
			ok = store_photo_list(s, p.id, -1, pi, 4, &n) == 0 && photo_reads(s, &p, a, 1);
		} else {
			store_report_info ri[4];
			ok = store_report_list(s, p.id, ri, 4, &n) == 0 && report_reads(s, &p, a, 1);
		}
		CHECK_MSG(ok || faultvfs_hit(), "%s: failed with no fault", what);
		CHECK_MSG(!ok || n == 1, "%s: %d listed", what, n);
		store_close(s);
	} else {
		CHECK_MSG(mk_err_msg()[0] != 0, "%s: open failed without a word", what);
	}
	int hit = faultvfs_hit();
	faultvfs_arm(FAULT_NONE, 0);
	s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s: cannot open once reads work: %s", what, mk_err_msg());
	if (s) {
		CHECK_MSG(photo ? photo_reads(s, &p, a, 1) : report_reads(s, &p, a, 1),
			  "%s: the saved %s is lost", what, photo ? "photo" : "report");
		consistent(s, what);
	}
	store_close(s);
	char *cmd = mk_asprintf("rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	free(dir);
	return hit;
}

int main(void)
{
	mk_log_set_level(MK_LOG_ERROR);
	faultvfs_install();
	CHECK(store_keygen(pk, sk) == 0);
	for (int photo = 0; photo < 2; photo++) {
		for (int mode = FAULT_READ; mode <= FAULT_SYNC; mode++) {
			int n = 1;
			while (n < 400 && (mode == FAULT_READ ? one_read(photo, n) : one(photo, 0, mode, n)))
				n++;
			printf("%s, %s: a fault at each of %d calls\n", photo ? "photo" : "report",
			       mode_name(mode), n - 1);
			CHECK_MSG(n > 1, "%s: no call reached", mode_name(mode));
		}
	}
	for (int mode = FFS_OPEN; mode < FFS_MODES; mode++) {
		int n = 1;
		while (n < 100 && one(1, 1, mode, n))
			n++;
		printf("photo, %s: a fault at each of %d calls\n", faultfs_name(mode), n - 1);
		CHECK_MSG(n > 1, "%s: no call reached", faultfs_name(mode));
	}
	return check_done();
}
