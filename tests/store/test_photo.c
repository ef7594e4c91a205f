/* SPDX-License-Identifier: MIT */
/*
 * Progress photos, as a patient and the clinic would notice: a photo and
 * its thumbnail read back byte for byte with the patient's key and open for
 * the clinic, and for no one else; the timeline lists them by area, oldest
 * first, and the outbox takes each once, in order; no byte of a picture (a
 * marker hidden in it) reaches any file of the data folder in clear; a
 * refused or failed save (no such patient, a full disk, a write error)
 * leaves no file and no row; files a crash left without their row are gone
 * after the next open, while real photos stay; a file moved to another
 * photo does not open; erasing the patient deletes their files.
 */
#include "store_test.h"
#include "photo_fake.h"
#include "core.h"
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PIN "482913"
#define COST (&STORE_PIN_COST_TEST)
#define IMG_BYTES (200 * 1024)
#define THUMB_BYTES (6 * 1024)
#define FILE_EXTRA 48 /* magic, nonce, tag */
#define META "{\"sha256\":\"9f86d0\",\"source\":\"camera\",\"orientation\":1}"
#define T0 1700000000

static uint8_t pk[32], sk[32];
static uint8_t img[IMG_BYTES], thumb[THUMB_BYTES];

typedef struct {
	char code[9];
	int64_t id;
	uint8_t key[32];
} patient;

static patient enrol(store *s)
{
	patient p = { .id = 0 };
	CHECK_MSG(store_patient_enrol(s, PIN, COST, p.code, &p.id) == 0, "%s", mk_err_msg());
	CHECK(store_patient_unlock(s, p.code, PIN, T0, p.key, &p.id) == 0);
	return p;
}

/* Photo `seed` of p (image photo_fake(seed), thumbnail seed + 1, both
 * with the marker). The bytes live in img/thumb until the next call. */
static store_photo photo(const patient *p, int area, unsigned seed)
{
	photo_fake(img, sizeof img, seed, 1);
	photo_fake(thumb, sizeof thumb, seed + 1, 1);
	store_photo ph = { .clinic_pk = pk, .patient_key = p->key, .patient_id = p->id,
			   .course_uuid = "c-1", .session = 2, .area = area, .image = img,
			   .image_len = sizeof img, .thumb = thumb, .thumb_len = sizeof thumb,
			   .width = 640, .height = 480, .meta_json = META };
	return ph;
}

static int add(store *s, const patient *p, int area, unsigned seed, char uuid[37])
{
	store_photo ph = photo(p, area, seed);
	return store_photo_add(s, &ph, uuid);
}

/* 1 if the photo's file `which` opens (clinic: with the clinic's keys) to
 * exactly the bytes of photo_fake(seed). */
static int reads_as(store *s, int clinic, const uint8_t *key, const char *uuid, int which,
		    unsigned seed)
{
	size_t want_n = which == STORE_PHOTO_THUMB ? THUMB_BYTES : IMG_BYTES, n = 0;
	uint8_t *want = malloc(want_n);
	void *got = NULL;
	int rc = clinic ? store_photo_open_clinic(s, pk, sk, uuid, which, &got, &n)
			: store_photo_read(s, key, uuid, which, &got, &n);
	photo_fake(want, want_n, which == STORE_PHOTO_THUMB ? seed + 1 : seed, 1);
	int ok = rc == 0 && got && n == want_n && memcmp(got, want, n) == 0;
	store_plain_free(got, n);
	free(want);
	return ok;
}

static int audit_has(store *s, const char *actor, const char *action, const char *subject)
{
	char *sql = mk_asprintf("SELECT count(*) FROM audit WHERE actor='%s' AND action='%s'"
				" AND subject='%s'", actor, action, subject);
	int n = (int)query_int(s, sql);
	free(sql);
	return n;
}

/* Entries of dir/photos, not counting . and .. */
static int count_files(const char *dir)
{
	char *photos = mk_path_join(dir, "photos");
	DIR *d = opendir(photos);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	free(photos);
	return n;
}

static char *file_path(const char *dir, const char *uuid, const char *ext)
{
	return mk_asprintf("%s/photos/%s%s", dir, uuid, ext);
}

static int has_file(const char *dir, const char *uuid, const char *ext)
{
	char *path = file_path(dir, uuid, ext);
	int yes = mk_is_file(path);
	free(path);
	return yes;
}

static void make_file(const char *dir, const char *name)
{
	char *path = mk_asprintf("%s/photos/%s", dir, name);
	CHECK(mk_write_atomic(path, "stray", 5) == 0);
	free(path);
}

static store *open_store(const char *dir)
{
	store *s = NULL;
	CHECK_MSG(store_open(&s, dir) == 0, "%s", mk_err_msg());
	return s;
}

/* ---- Round trip */

static void check_files(const char *dir, const char *uuid)
{
	struct stat st;
	char *path = file_path(dir, uuid, ".img");
	CHECK(stat(path, &st) == 0 && st.st_size == IMG_BYTES + FILE_EXTRA);
	CHECK((st.st_mode & 0777) == 0600);
	free(path);
	path = file_path(dir, uuid, ".thumb");
	CHECK(stat(path, &st) == 0 && st.st_size == THUMB_BYTES + FILE_EXTRA);
	free(path);
	path = mk_path_join(dir, "photos");
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700);
	free(path);
}

static void check_refusals(store *s, const patient *q, const char *uuid)
{
	uint8_t pk2[32], sk2[32];
	void *b = NULL;
	size_t n = 1;
	CHECK(store_photo_read(s, q->key, uuid, STORE_PHOTO_ORIGINAL, &b, &n) == MK_EINVAL);
	CHECK(b == NULL && n == 0);
	CHECK(store_photo_meta(s, q->key, uuid, &b, &n) == MK_EINVAL && b == NULL);
	CHECK(store_keygen(pk2, sk2) == 0);
	CHECK(store_photo_open_clinic(s, pk2, sk2, uuid, STORE_PHOTO_THUMB, &b, &n) == MK_EINVAL);
	CHECK(store_photo_read(s, q->key, uuid, 2, &b, &n) == MK_EINVAL);
	CHECK(store_photo_read(s, q->key, uuid, -1, &b, &n) == MK_EINVAL);
	CHECK(store_photo_read(s, q->key, "00000000-0000-4000-8000-000000000000",
			       STORE_PHOTO_ORIGINAL, &b, &n) == MK_ENOTFOUND);
	CHECK(store_photo_read(s, q->key, "not a photo", 0, &b, &n) == MK_EINVAL);
	CHECK(store_photo_read(s, q->key, NULL, 0, &b, &n) == MK_EINVAL && b == NULL);
}

static void test_round_trip(store *s, const char *dir)
{
	patient p = enrol(s), q = enrol(s);
	char u[37] = "", sql[256];
	void *j = NULL;
	size_t n = 0;
	CHECK_MSG(add(s, &p, 2, 10, u) == 0, "%s", mk_err_msg());
	CHECK(strlen(u) == 36);
	CHECK(reads_as(s, 0, p.key, u, STORE_PHOTO_ORIGINAL, 10));
	CHECK(reads_as(s, 0, p.key, u, STORE_PHOTO_THUMB, 10));
	CHECK(reads_as(s, 1, NULL, u, STORE_PHOTO_ORIGINAL, 10));
	CHECK(reads_as(s, 1, NULL, u, STORE_PHOTO_THUMB, 10));
	CHECK(store_photo_meta(s, p.key, u, &j, &n) == 0 && j && strcmp(j, META) == 0 &&
	      n == strlen(META));
	store_plain_free(j, n);
	CHECK(store_record_open_clinic(s, pk, sk, u, &j, &n) == 0 && j && strcmp(j, META) == 0);
	store_plain_free(j, n);
	check_refusals(s, &q, u);
	check_files(dir, u);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM photos p JOIN records r ON r.id = p.record_id"
		 " WHERE p.uuid='%s' AND r.uuid='%s' AND r.kind='photo' AND p.course_uuid='c-1'"
		 " AND p.session=2 AND p.area=2", u, u);
	CHECK(query_int(s, sql) == 1);
	CHECK(audit_has(s, "patient", "photo-saved", u) == 1);

	/* Imported by staff; no metadata given. */
	store_photo ph = photo(&p, 4, 20);
	ph.by_staff = 1;
	ph.meta_json = NULL;
	ph.course_uuid = NULL;
	CHECK(store_photo_add(s, &ph, u) == 0);
	CHECK(audit_has(s, "staff", "photo-saved", u) == 1 && audit_has(s, "patient", "photo-saved", u) == 0);
	CHECK(store_photo_meta(s, p.key, u, &j, &n) == 0 && j && strcmp(j, "{}") == 0);
	store_plain_free(j, n);
	CHECK(reads_as(s, 0, p.key, u, STORE_PHOTO_ORIGINAL, 20));
}

/* ---- Lists and the outbox */

static void check_order(store *s, const patient *p, char u[4][37])
{
	store_photo_info pi[8];
	int n = 0;
	char *sql = mk_asprintf("UPDATE photos SET created_at = CASE uuid WHEN '%s' THEN %d"
				" WHEN '%s' THEN %d ELSE %d END WHERE patient_id=%lld",
				u[0], T0 + 30, u[1], T0 + 20, T0 + 10, (long long)p->id);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	CHECK(store_photo_list(s, p->id, -1, pi, 8, &n) == 0 && n == 4);
	CHECK(n == 4 && strcmp(pi[0].uuid, u[2]) == 0 && strcmp(pi[3].uuid, u[0]) == 0);
	CHECK(n == 4 && pi[0].created_at == T0 + 10);
}

static void test_list(store *s)
{
	static const int areas[4] = { 0, 1, 0, 3 };
	patient p = enrol(s), other = enrol(s);
	char u[4][37], x[37];
	store_photo_info pi[8];
	store_outbox_item it[8];
	int n = 0;
	CHECK(store_exec(s, "DELETE FROM outbox", "test") == 0);
	for (int i = 0; i < 4; i++) {
		store_photo ph = photo(&p, areas[i], 100 + (unsigned)i);
		ph.session = i;
		ph.width = 100 + i;
		CHECK(store_photo_add(s, &ph, u[i]) == 0);
	}
	CHECK(add(s, &other, 0, 200, x) == 0);
	CHECK(store_photo_list(s, p.id, -1, pi, 8, &n) == 0 && n == 4);
	for (int i = 0; i < 4 && n == 4; i++) {
		CHECK(strcmp(pi[i].uuid, u[i]) == 0 && pi[i].session == i && pi[i].area == areas[i]);
		CHECK(pi[i].width == 100 + i && pi[i].height == 480);
		CHECK(labs((long)(pi[i].created_at - (int64_t)time(NULL))) < 60);
	}
	CHECK(store_photo_list(s, p.id, 0, pi, 8, &n) == 0 && n == 2);
	CHECK(n == 2 && strcmp(pi[0].uuid, u[0]) == 0 && strcmp(pi[1].uuid, u[2]) == 0);
	CHECK(store_photo_list(s, p.id, 3, pi, 8, &n) == 0 && n == 1 && strcmp(pi[0].uuid, u[3]) == 0);
	CHECK(store_photo_list(s, p.id, 2, pi, 8, &n) == 0 && n == 0);
	/* Fewer than there are: the newest, still oldest first (the camera's
	 * guide is the last one, and the timeline ends with the latest). */
	CHECK(store_photo_list(s, p.id, -1, pi, 2, &n) == 0 && n == 2 && strcmp(pi[0].uuid, u[2]) == 0 &&
	      strcmp(pi[1].uuid, u[3]) == 0);
	CHECK(store_photo_list(s, p.id, 0, pi, 1, &n) == 0 && n == 1 && strcmp(pi[0].uuid, u[2]) == 0);
	CHECK(store_photo_list(s, p.id, -1, pi, 0, &n) == 0 && n == 0);
	CHECK(store_photo_list(s, p.id, -1, pi, -1, &n) == MK_EINVAL);
	CHECK(store_photo_list(s, other.id, -1, pi, 8, &n) == 0 && n == 1 && strcmp(pi[0].uuid, x) == 0);
	CHECK(store_photo_list(s, 99999, -1, pi, 8, &n) == 0 && n == 0);
	/* One outbox item per photo, kind "photo", in the order taken. */
	CHECK(store_outbox_next(s, 8, it, &n) == 0 && n == 5);
	for (int i = 0; i < n && n == 5; i++) {
		CHECK(strcmp(it[i].kind, "photo") == 0 && it[i].priority == STORE_PRIORITY_RECORD);
		CHECK(strcmp(it[i].uuid, i < 4 ? u[i] : x) == 0);
	}
	check_order(s, &p, u);
}

/* ---- A file in the wrong place does not open */

static void copy_file(const char *dir, const char *from_uuid, const char *from_ext,
		      const char *to_uuid, const char *to_ext, size_t cut)
{
	char *from = file_path(dir, from_uuid, from_ext), *to = file_path(dir, to_uuid, to_ext);
	char *buf = NULL;
	size_t len = 0;
	CHECK(mk_read_file(from, &buf, &len) == 0 && len > cut);
	CHECK(buf && mk_write_atomic(to, buf, len - cut) == 0);
	free(buf);
	free(from);
	free(to);
}

static void test_moved(store *s, const char *dir)
{
	patient p = enrol(s);
	char a[37], b[37], c[37];
	void *got = NULL;
	size_t n = 0;
	CHECK(add(s, &p, 1, 300, a) == 0 && add(s, &p, 1, 301, b) == 0 && add(s, &p, 1, 302, c) == 0);
	copy_file(dir, a, ".img", b, ".img", 0);  /* another photo's image */
	CHECK(store_photo_read(s, p.key, b, STORE_PHOTO_ORIGINAL, &got, &n) == MK_EIO && !got);
	CHECK_MSG(strstr(mk_err_msg(), "damaged or moved") != NULL, "%s", mk_err_msg());
	copy_file(dir, c, ".thumb", c, ".img", 0); /* its own thumbnail as the image */
	CHECK(store_photo_read(s, p.key, c, STORE_PHOTO_ORIGINAL, &got, &n) == MK_EIO);
	copy_file(dir, a, ".thumb", a, ".thumb", 1); /* cut short */
	CHECK(store_photo_read(s, p.key, a, STORE_PHOTO_THUMB, &got, &n) == MK_EIO);
	CHECK(reads_as(s, 0, p.key, a, STORE_PHOTO_ORIGINAL, 300)); /* the rest is fine */
	char *path = file_path(dir, a, ".img");
	CHECK(unlink(path) == 0);
	free(path);
	CHECK(store_photo_read(s, p.key, a, STORE_PHOTO_ORIGINAL, &got, &n) == MK_EIO && !got);
	CHECK(reads_as(s, 1, NULL, b, STORE_PHOTO_THUMB, 301));
}

/* ---- Refusals and failures leave nothing */

typedef struct {
	long long records, outbox, audit, photos;
	int files;
} snapshot;

static snapshot snap(store *s, const char *dir)
{
	snapshot v = { query_int(s, "SELECT count(*) FROM records"),
		       query_int(s, "SELECT count(*) FROM outbox"),
		       query_int(s, "SELECT count(*) FROM audit"),
		       query_int(s, "SELECT count(*) FROM photos"), count_files(dir) };
	return v;
}

static int same(snapshot a, snapshot b)
{
	return a.records == b.records && a.outbox == b.outbox && a.audit == b.audit &&
	       a.photos == b.photos && a.files == b.files;
}

static void check_bad(store *s, const patient *p)
{
	char u[37] = "";
	store_photo ph = photo(p, 0, 1);
	CHECK(store_photo_add(s, NULL, u) == MK_EINVAL);
	ph.image_len = STORE_PHOTO_MAX_IMAGE + 1; /* never read: refused first */
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.thumb_len = STORE_PHOTO_MAX_THUMB + 1;
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.image_len = 0;
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.thumb = NULL;
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, -1, 1);
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.session = -1;
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.height = 0;
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.meta_json = "{\"x\":\"\xff\"}";
	CHECK(store_photo_add(s, &ph, u) == MK_EINVAL);
	ph = photo(p, 0, 1);
	ph.patient_id = 99999; /* no such patient: the foreign key refuses the transaction */
	CHECK(store_photo_add(s, &ph, u) != 0);
	CHECK(u[0] == 0);
}

/* The largest photo and thumbnail allowed are taken. */
static void check_limits(store *s, const patient *p)
{
	uint8_t *big = calloc(1, STORE_PHOTO_MAX_IMAGE), *bthumb = calloc(1, STORE_PHOTO_MAX_THUMB);
	char u[37];
	void *got = NULL;
	size_t n = 0;
	store_photo ph = photo(p, 0, 1);
	ph.image = big;
	ph.image_len = STORE_PHOTO_MAX_IMAGE;
	ph.thumb = bthumb;
	ph.thumb_len = STORE_PHOTO_MAX_THUMB;
	CHECK(big && bthumb);
	if (big && bthumb) {
		big[STORE_PHOTO_MAX_IMAGE - 1] = 7;
		CHECK_MSG(store_photo_add(s, &ph, u) == 0, "%s", mk_err_msg());
		CHECK(store_photo_read(s, p->key, u, STORE_PHOTO_ORIGINAL, &got, &n) == 0);
		CHECK(n == STORE_PHOTO_MAX_IMAGE && got && memcmp(got, big, n) == 0);
		store_plain_free(got, n);
	}
	free(big);
	free(bthumb);
}

static void test_refused(void)
{
	char *dir = tmp_dir();
	store *s = open_store(dir);
	if (!s)
		return;
	patient p = enrol(s);
	snapshot before = snap(s, dir);
	check_bad(s, &p);
	CHECK(same(snap(s, dir), before));
	CHECK(sqlite3_get_autocommit(store_db(s)) == 1);
	check_limits(s, &p);
	CHECK(count_files(dir) == before.files + 2);
	store_close(s);
	free(dir);
}

/* The disk fills inside SQLite, after the files are written: they go. */
static void check_sqlite_full(store *s, const char *dir, const patient *p)
{
	static char meta[4000];
	char u[37];
	int rc = 0, saved = 0;
	memset(meta, 'a', sizeof meta - 1);
	memcpy(meta, "{\"pad\":\"", 8);
	memcpy(meta + sizeof meta - 3, "\"}", 3);
	CHECK(store_test_limit_pages(s, 0) == 0);
	for (int i = 0; i < 200 && rc == 0; i++) {
		store_photo ph = photo(p, 0, 500 + (unsigned)i);
		ph.meta_json = meta;
		saved += (rc = store_photo_add(s, &ph, u)) == 0;
	}
	CHECK_MSG(rc == MK_EFULL, "rc=%d after %d photos: %s", rc, saved, mk_err_msg());
	CHECK_MSG(strcmp(mk_err_msg(), "the disk is full: the photo was not saved") == 0,
		  "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 1 && sqlite3_get_autocommit(store_db(s)) == 1);
	CHECK(count_files(dir) == 2 * query_int(s, "SELECT count(*) FROM photos"));
	CHECK(store_test_limit_pages(s, -1) == 0);
	CHECK(add(s, p, 0, 900, u) == 0 && store_disk_full(s) == 0);
	CHECK(reads_as(s, 0, p->key, u, STORE_PHOTO_THUMB, 900));
}

/* A file write fails (here: over the process's file size limit). */
static void check_write_error(store *s, const char *dir, const patient *p)
{
	struct rlimit old, low;
	char u[37] = "";
	snapshot before = snap(s, dir);
	CHECK(getrlimit(RLIMIT_FSIZE, &old) == 0);
	low = old;
	low.rlim_cur = 64 * 1024;
	signal(SIGXFSZ, SIG_IGN);
	CHECK(setrlimit(RLIMIT_FSIZE, &low) == 0);
	int rc = add(s, p, 0, 950, u);
	CHECK(setrlimit(RLIMIT_FSIZE, &old) == 0);
	CHECK_MSG(rc == MK_EIO && u[0] == 0, "rc=%d: %s", rc, mk_err_msg());
	CHECK(same(snap(s, dir), before));
}

static void test_full(void)
{
	char *dir = tmp_dir(), u[37] = "", num[32];
	store *s = open_store(dir);
	if (!s)
		return;
	patient p = enrol(s);
	snapshot before = snap(s, dir);
	snprintf(num, sizeof num, "%lld", STORE_MIN_FREE + IMG_BYTES / 2);
	setenv("MK_TEST_FREE_BYTES", num, 1);
	CHECK(add(s, &p, 0, 1, u) == MK_EFULL && u[0] == 0);
	CHECK_MSG(strstr(mk_err_msg(), "the disk is full: the photo was not saved") == mk_err_msg(),
		  "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 1);
	CHECK(same(snap(s, dir), before));
	snprintf(num, sizeof num, "%lld", STORE_MIN_FREE + 2 * IMG_BYTES);
	setenv("MK_TEST_FREE_BYTES", num, 1);
	CHECK_MSG(add(s, &p, 0, 1, u) == 0, "%s", mk_err_msg());
	CHECK(store_disk_full(s) == 0);
	unsetenv("MK_TEST_FREE_BYTES");
	check_sqlite_full(s, dir, &p);
	check_write_error(s, dir, &p);
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	store_close(s);
	free(dir);
}

/* ---- Nothing in clear on disk */

/* Hits of needle in every file of dir and dir/photos; *files counts them. */
static int folder_has(const char *dir, const char *needle, int *files)
{
	char *photos = mk_path_join(dir, "photos");
	const char *dirs[2] = { dir, photos };
	int hits = 0;
	*files = 0;
	for (int i = 0; i < 2; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			char *path = mk_path_join(dirs[i], e->d_name), *buf = NULL;
			size_t len = 0;
			if (mk_is_file(path) && mk_read_file(path, &buf, &len) == 0) {
				(*files)++;
				hits += memmem(buf, len, needle, strlen(needle)) != NULL;
			}
			free(buf);
			free(path);
		}
		if (d)
			closedir(d);
	}
	free(photos);
	return hits;
}

static void test_marker(void)
{
	char *dir = tmp_dir(), u[37];
	int files = 0;
	void *got = NULL;
	size_t n = 0;
	store *s = open_store(dir);
	if (!s)
		return;
	patient p = enrol(s);
	store_photo ph = photo(&p, 0, 42);
	ph.meta_json = "{\"note\":\"" PHOTO_MARKER "in the metadata\"}";
	CHECK(store_photo_add(s, &ph, u) == 0);
	CHECK(add(s, &p, 3, 43, u) == 0);
	CHECK(memmem(img, sizeof img, PHOTO_MARKER, strlen(PHOTO_MARKER)) != NULL);
	CHECK(store_photo_read(s, p.key, u, STORE_PHOTO_THUMB, &got, &n) == 0 &&
	      memmem(got, n, PHOTO_MARKER, strlen(PHOTO_MARKER)) != NULL);
	store_plain_free(got, n);
	CHECK(folder_has(dir, PHOTO_MARKER, &files) == 0);
	CHECK_MSG(files == 7, "expected kiosk.db, -wal, -shm and 4 photo files, found %d", files);
	CHECK(folder_has(dir, p.code, &files) > 0); /* the scan does see clear text */
	store_close(s);
	CHECK(folder_has(dir, PHOTO_MARKER, &files) == 0 && files >= 5);
	free(dir);
}

/* ---- After a crash: files without a row go, photos stay */

static void test_orphans(void)
{
	char *dir = tmp_dir(), a[37], b[37], x[37], y[37], name[64];
	store *s = open_store(dir), *s2 = NULL;
	if (!s)
		return;
	patient p = enrol(s);
	CHECK(add(s, &p, 0, 60, a) == 0 && add(s, &p, 1, 61, b) == 0);
	store_close(s);
	store_uuid(x);
	store_uuid(y);
	snprintf(name, sizeof name, "%s.img", x);      /* written, then the crash */
	make_file(dir, name);
	snprintf(name, sizeof name, "%s.thumb", x);
	make_file(dir, name);
	snprintf(name, sizeof name, "%s.thumb.tmp", y); /* cut while writing */
	make_file(dir, name);
	snprintf(name, sizeof name, "%s.img.tmp", a);
	make_file(dir, name);
	make_file(dir, "README.txt");                   /* not ours: left alone */
	CHECK(count_files(dir) == 9);
	if (!(s = open_store(dir)))
		return;
	CHECK_MSG(count_files(dir) == 5, "%d files", count_files(dir));
	CHECK(!has_file(dir, x, ".img") && !has_file(dir, x, ".thumb"));
	CHECK(!has_file(dir, y, ".thumb.tmp") && !has_file(dir, a, ".img.tmp"));
	CHECK(has_file(dir, "README", ".txt"));
	CHECK(reads_as(s, 0, p.key, a, STORE_PHOTO_ORIGINAL, 60) &&
	      reads_as(s, 0, p.key, b, STORE_PHOTO_THUMB, 61));
	/* While a store has the folder, another open must not sweep it: that
	 * file could be a photo being saved right now. */
	snprintf(name, sizeof name, "%s.img", y);
	make_file(dir, name);
	CHECK(store_open(&s2, dir) == 0);
	CHECK(has_file(dir, y, ".img"));
	store_close(s2);
	store_close(s);
	if ((s = open_store(dir)) != NULL)
		CHECK(!has_file(dir, y, ".img") && count_files(dir) == 5);
	store_close(s);
	free(dir);
}

/* ---- Erasure takes the files */

static void check_forgotten(store *s, const char *req, char u[2][37])
{
	for (int i = 0; i < 2; i++) {
		char *sql = mk_asprintf("SELECT count(*) FROM audit WHERE subject='%s'", u[i]);
		CHECK(query_int(s, sql) == 0);
		free(sql);
		sql = mk_asprintf("SELECT count(*) FROM outbox WHERE record_uuid='%s'", u[i]);
		CHECK(query_int(s, sql) == 0);
		free(sql);
	}
	CHECK(audit_has(s, "patient", "photo-saved", req) == 2);
	CHECK(query_int(s, "PRAGMA foreign_key_check") == -1);
}

static void test_erase(void)
{
	char *dir = tmp_dir(), u[2][37], k[37], req[37];
	store_photo_info pi[4];
	int n = 0;
	store *s = open_store(dir);
	if (!s)
		return;
	patient p = enrol(s), keep = enrol(s);
	CHECK(add(s, &p, 0, 70, u[0]) == 0 && add(s, &p, 2, 71, u[1]) == 0);
	CHECK(add(s, &keep, 0, 72, k) == 0);
	CHECK(count_files(dir) == 6);
	CHECK_MSG(store_patient_erase(s, p.id, req) == 0, "%s", mk_err_msg());
	CHECK(count_files(dir) == 2 && has_file(dir, k, ".img") && has_file(dir, k, ".thumb"));
	CHECK(store_photo_list(s, p.id, -1, pi, 4, &n) == 0 && n == 0);
	CHECK(query_int(s, "SELECT count(*) FROM photos") == 1);
	CHECK(query_int(s, "SELECT count(*) FROM records WHERE kind='photo'") == 1);
	check_forgotten(s, req, u);
	CHECK(reads_as(s, 0, keep.key, k, STORE_PHOTO_ORIGINAL, 72));
	/* Stopped between the commit and the unlinks: the next open deletes them. */
	char *sql = mk_asprintf("DELETE FROM patients WHERE id=%lld", (long long)keep.id);
	CHECK(store_exec(s, sql, "test") == 0);
	free(sql);
	store_close(s);
	CHECK(count_files(dir) == 2);
	s = open_store(dir);
	CHECK(count_files(dir) == 0);
	store_close(s);
	free(dir);
}

/* ---- A patient deletes a photo of theirs */

static void check_deletion_item(store *s, const char *req, const char *photo)
{
	store_outbox_item it[8];
	char *json = NULL;
	int n = 0, found = 0;
	CHECK(store_outbox_next(s, 8, it, &n) == 0);
	for (int i = 0; i < n; i++) {
		CHECK_MSG(strcmp(it[i].uuid, photo), "the deleted photo is still to be sent");
		if (strcmp(it[i].uuid, req))
			continue;
		found = 1;
		CHECK(!strcmp(it[i].kind, "photo-deletion") && !strcmp(it[i].subject, photo));
		CHECK(it[i].priority == STORE_PRIORITY_ERASURE);
		CHECK_MSG(store_outbox_wire(s, &it[i], &json, NULL) == 0, "%s", mk_err_msg());
		CHECK_MSG(json && strstr(json, "\"kind\":\"photo-deletion\"") && strstr(json, photo) &&
				  strstr(json, "\"patient\":{\"uuid\":"),
			  "wire form: %s", json ? json : "(none)");
		free(json);
	}
	CHECK_MSG(found, "no photo-deletion item in the outbox");
}

static void test_delete(void)
{
	char *dir = tmp_dir(), u[2][37], k[37], req[37], req2[37];
	store_photo_info pi[4];
	int n = 0;
	store *s = open_store(dir);
	if (!s)
		return;
	patient p = enrol(s), other = enrol(s);
	CHECK(add(s, &p, 0, 80, u[0]) == 0 && add(s, &p, 2, 81, u[1]) == 0);
	CHECK(add(s, &other, 0, 82, k) == 0);
	/* Only the patient's own photo, and only once. */
	CHECK(store_photo_delete(s, other.id, u[0], req) == MK_ENOTFOUND);
	CHECK(store_photo_delete(s, p.id, "not-a-uuid", req) == MK_ENOTFOUND);
	CHECK_MSG(store_photo_delete(s, p.id, u[0], req) == 0, "%s", mk_err_msg());
	CHECK(store_photo_delete(s, p.id, u[0], req2) == MK_ENOTFOUND);
	CHECK(store_photo_list(s, p.id, -1, pi, 4, &n) == 0 && n == 1 && !strcmp(pi[0].uuid, u[1]));
	CHECK(!has_file(dir, u[0], ".img") && !has_file(dir, u[0], ".thumb") && count_files(dir) == 4);
	CHECK(reads_as(s, 0, p.key, u[1], STORE_PHOTO_ORIGINAL, 81));
	CHECK(audit_has(s, "patient", "photo-deleted", u[0]) == 1);
	CHECK(query_int(s, "PRAGMA foreign_key_check") == -1);
	check_deletion_item(s, req, u[0]);
	/* Acknowledged: gone from the outbox. */
	CHECK(store_outbox_ack(s, req) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind='photo-deletion'") == 0);
	/* One not yet sent goes with an erasure, which says all the clinic needs. */
	CHECK(store_photo_delete(s, p.id, u[1], req2) == 0);
	CHECK(store_patient_erase(s, p.id, req) == 0);
	CHECK(query_int(s, "SELECT count(*) FROM outbox WHERE kind='photo-deletion'") == 0);
	CHECK(query_int(s, "SELECT count(*) FROM photo_deletions") == 0);
	CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
	store_close(s);
	free(dir);
}

int main(void)
{
	char *dir = tmp_dir();
	store *s = NULL;
	mk_log_set_level(MK_LOG_ERROR + 1);
	unsetenv("MK_TEST_FREE_BYTES");
	CHECK(store_keygen(pk, sk) == 0);
	if ((s = open_store(dir)) != NULL) {
		test_round_trip(s, dir);
		test_list(s);
		test_moved(s, dir);
		CHECK_MSG(store_integrity_check(s) == 0, "%s", mk_err_msg());
		store_close(s);
	}
	free(dir);
	test_refused();
	test_full();
	test_marker();
	test_orphans();
	test_erase();
	test_delete();
	return check_done();
}
