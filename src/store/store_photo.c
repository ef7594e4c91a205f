/* SPDX-License-Identifier: MIT */
/*
 * Progress photos (schema v4), stored encrypted exactly like reports. A
 * photo is an encrypted record of kind "photo" (store_crypto.c) whose
 * content is the caller's metadata JSON, with its own random key K sealed to
 * the clinic and wrapped with the patient's key; a row in `photos` that
 * keeps in clear whose it is, where in the course, which body area and its
 * size; and two files too big for the database, in <data>/photos:
 *
 *   <uuid>.img     the photo as kept        both: "MKPHOTO1" (8 bytes),
 *   <uuid>.thumb   its thumbnail            a fresh 24-byte nonce, then the
 *                                           XChaCha20-Poly1305 ciphertext
 *                                           (plain bytes + 16-byte tag)
 *
 * encrypted under K with the first 8 bytes, the UUID and the file's suffix
 * (".img" or ".thumb") as additional data, so a file renamed to another
 * photo, or a thumbnail put in place of its image, fails to open rather than
 * show the wrong picture. <uuid> is the record's UUID, lower case. The
 * sealing and opening of a file is src/crypto's (mkc_photo_seal), which
 * the collector opens with too.
 *
 * Order makes a photo whole or absent. Both files are written first, each
 * under <name>.tmp in the same folder, fsync'ed and renamed, then the folder
 * is fsync'ed; only then does one transaction insert the record, the photos
 * row, the outbox row (kind "photo") and the audit row. If that transaction
 * fails the files are deleted again. A crash between the rename and the
 * commit leaves files that no row names: store_open removes them (and any
 * *.tmp), logging only counts. It does so only when no other store has the
 * folder open (each open store holds a shared flock on the folder, the
 * sweep needs an exclusive one), so it never takes files from under a
 * photo being saved elsewhere. Erasure deletes the rows in its transaction
 * and the files after it commits; a crash in between leaves files without
 * rows, which the next open removes. The files are unlinked, not wiped:
 * their key is gone with the rows (secure_delete), so what stays on the
 * disk's blocks cannot be opened.
 *
 * One-shot AEAD keeps the format simple; it costs one ciphertext-sized
 * buffer while saving (photos are at most STORE_PHOTO_MAX_IMAGE) and none
 * while reading (decrypted in place).
 */
#include "store_int.h"
#include "core.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FILE_EXTRA MKC_PHOTO_EXTRA /* the file's format is src/crypto's */
#define TMP ".tmp"

static const char UNSAVED[] = "the photo was not saved";

/* A UUID as store_uuid writes it (lower-case hex). */
static int uuid_ok(const char *u, size_t n)
{
	if (n != STORE_UUID_LEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]) || !u[i])
			return 0;
	}
	return 1;
}

static char *photo_path(store *s, const char *uuid, int which, int tmp)
{
	return mk_asprintf("%s/%s%s%s", s->photo_dir, uuid, mkc_photo_suffix(which), tmp ? TMP : "");
}

char *store_photo_path(store *s, const char *uuid, int which)
{
	return photo_path(s, uuid, which, 0);
}

/* ---- Files */

/* A failed file write: a full disk gives the plain message of the store. */
static int file_err(store *s, int e)
{
	if (e == ENOSPC || e == EDQUOT) {
		store_set_disk_full(s);
		return mk_err(MK_EFULL, "the disk is full: %s", UNSAVED);
	}
	return mk_err(MK_EIO, "%s: cannot write a photo: %s", s->photo_dir, strerror(e));
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;
	if (fd < 0 || fsync(fd) != 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Writes buf to a new file at path and syncs it; 0 or an errno. */
static int write_synced(const char *path, const uint8_t *buf, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), e = 0;
	if (fd < 0)
		return errno;
	while (n > 0 && !e) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : EIO;
		} else {
			buf += w;
			n -= (size_t)w;
		}
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	return e;
}

/* Both names of one file gone (missing is fine). */
static void remove_file(store *s, const char *uuid, int which)
{
	for (int tmp = 0; tmp < 2; tmp++) {
		char *path = photo_path(s, uuid, which, tmp);
		if (path)
			unlink(path);
		free(path);
	}
}

static int write_file(store *s, const char *uuid, int which, const uint8_t key[STORE_KEY_BYTES],
		      const void *plain, size_t n)
{
	char *tmp = photo_path(s, uuid, which, 1), *path = photo_path(s, uuid, which, 0);
	uint8_t *buf = tmp && path ? mkc_photo_seal(key, uuid, which, plain, n) : NULL;
	int rc = 0, e;
	if (!buf)
		rc = mk_err(MK_ENOMEM, "out of memory saving a photo");
	else if ((e = write_synced(tmp, buf, n + FILE_EXTRA)) != 0 || rename(tmp, path) != 0)
		rc = file_err(s, e ? e : errno);
	if (rc && tmp)
		unlink(tmp);
	free(buf);
	free(tmp);
	free(path);
	return rc;
}

/* Both files, durably (the renames too); on failure neither is left. */
static int write_files(store *s, const char *uuid, const uint8_t key[STORE_KEY_BYTES],
		       const store_photo *p)
{
	int rc = write_file(s, uuid, STORE_PHOTO_ORIGINAL, key, p->image, p->image_len);
	if (!rc)
		rc = write_file(s, uuid, STORE_PHOTO_THUMB, key, p->thumb, p->thumb_len);
	if (!rc && fsync_dir(s->photo_dir) != 0)
		rc = file_err(s, errno);
	if (rc) {
		remove_file(s, uuid, STORE_PHOTO_ORIGINAL);
		remove_file(s, uuid, STORE_PHOTO_THUMB);
	}
	return rc;
}

/* ---- Saving */

static int check_photo(const store_photo *p)
{
	if (!p || !p->clinic_pk || !p->patient_key || !p->image || !p->thumb)
		return mk_err(MK_EINVAL, "a photo needs both keys, its image and its thumbnail");
	if (p->image_len == 0 || p->image_len > STORE_PHOTO_MAX_IMAGE)
		return mk_err(MK_EINVAL, "a photo must be 1 byte to %u MiB", STORE_PHOTO_MAX_IMAGE >> 20);
	if (p->thumb_len == 0 || p->thumb_len > STORE_PHOTO_MAX_THUMB)
		return mk_err(MK_EINVAL, "a thumbnail must be 1 byte to %u MiB",
			      STORE_PHOTO_MAX_THUMB >> 20);
	if (p->session < 0 || p->area < 0 || p->width < 1 || p->height < 1)
		return mk_err(MK_EINVAL, "a photo's session and area cannot be negative, nor its"
			      " size empty");
	if (p->session > STORE_SESSION_MAX || p->area > STORE_AREA_MAX ||
	    p->width > STORE_PHOTO_SIDE_MAX || p->height > STORE_PHOTO_SIDE_MAX)
		return mk_err(MK_EINVAL, "a photo follows session %d at most, in area %d at most,"
			      " at most %d pixels a side", STORE_SESSION_MAX, STORE_AREA_MAX,
			      STORE_PHOTO_SIDE_MAX);
	if (p->meta_json && !mk_utf8_valid(p->meta_json, strlen(p->meta_json)))
		return mk_err(MK_EINVAL, "a photo's metadata must be UTF-8");
	return 0;
}

static int insert_photo_row(store *s, int64_t record_id, const char *uuid, const store_photo *p,
			    int64_t now)
{
	static const char sql[] =
		"INSERT INTO photos(uuid, record_id, patient_id, course_uuid, session, area, width,"
		" height, created_at) VALUES (?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "saving a photo");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, record_id);
	sqlite3_bind_int64(st, 3, p->patient_id);
	if (p->course_uuid)
		sqlite3_bind_text(st, 4, p->course_uuid, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_bind_int(st, 5, p->session);
	sqlite3_bind_int(st, 6, p->area);
	sqlite3_bind_int(st, 7, p->width);
	sqlite3_bind_int(st, 8, p->height);
	sqlite3_bind_int64(st, 9, now);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "saving a photo");
}

/* 1 if a photos row names uuid, 0 if none, or a negative code. */
static int photo_exists(store *s, const char *uuid)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT 1 FROM photos WHERE uuid=?", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "reading a photo");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_sql_err(s, rc, "reading a photo");
}

static int save_rows(store *s, const store_photo *p, const store_sealed *r)
{
	int64_t now = (int64_t)time(NULL), rec_id = 0;
	const char *uuid = store_sealed_uuid(r);
	int rc = store_begin(s);
	if (rc)
		return rc;
	rc = store_sealed_insert_as(s, r, p->patient_id, "photo", "photo", STORE_PRIORITY_RECORD,
				    now, &rec_id);
	if (!rc)
		rc = insert_photo_row(s, rec_id, uuid, p, now);
	if (!rc)
		rc = store_audit_at(s, now, p->by_staff ? "staff" : "patient", "photo-saved", uuid);
	if (!rc)
		rc = store_commit(s);
	if (rc)
		store_rollback(s);
	return rc;
}

int store_photo_add(store *s, const store_photo *p, char uuid_out[STORE_UUID_LEN + 1])
{
	uint8_t key[STORE_KEY_BYTES];
	store_sealed *r = NULL;
	const char *meta;
	int rc = check_photo(p);
	if (rc || (rc = store_check_space_for(s, (int64_t)(p->image_len + p->thumb_len +
							   2 * FILE_EXTRA), UNSAVED)) != 0)
		return rc;
	meta = p->meta_json ? p->meta_json : "{}";
	if ((rc = store_seal_key(&r, p->clinic_pk, p->patient_key, meta, strlen(meta), key)) != 0)
		return store_unsaved(rc, UNSAVED);
	const char *uuid = store_sealed_uuid(r);
	rc = write_files(s, uuid, key, p);
	mkc_wipe(key, sizeof key);
	if (!rc && (rc = save_rows(s, p, r)) != 0 && photo_exists(s, uuid) == 0) {
		remove_file(s, uuid, STORE_PHOTO_ORIGINAL); /* (a COMMIT that failed yet */
		remove_file(s, uuid, STORE_PHOTO_THUMB);    /* took keeps its files) */
	}
	if (!rc)
		memcpy(uuid_out, uuid, STORE_UUID_LEN + 1);
	else
		mk_log(MK_LOG_WARN, "photo_not_saved", "rc=%d", rc);
	store_sealed_free(r);
	return store_unsaved(rc, UNSAVED);
}

/* ---- Reading */

/* Reads and decrypts one file in place; *bytes is the file's buffer. */
static int open_file(store *s, const char *uuid, int which, const uint8_t key[STORE_KEY_BYTES],
		     void **bytes, size_t *n)
{
	char *path = photo_path(s, uuid, which, 0), *buf = NULL;
	size_t len = 0;
	int rc = path ? mk_read_file(path, &buf, &len) : MK_ENOMEM;
	free(path);
	if (rc)
		return mk_err(rc == MK_ENOMEM ? MK_ENOMEM : MK_EIO, "photo %s: its file is missing"
			      " or unreadable", uuid);
	if ((rc = mkc_photo_open(key, uuid, which, (uint8_t *)buf, len, n)) != 0) {
		free(buf);
		return rc;
	}
	*bytes = buf;
	return 0;
}

static int check_uuid(store *s, const char *uuid)
{
	int rc;
	if (!uuid || !uuid_ok(uuid, strlen(uuid)))
		return mk_err(MK_EINVAL, "not a photo id");
	rc = photo_exists(s, uuid);
	if (rc < 0)
		return rc;
	return rc ? 0 : mk_err(MK_ENOTFOUND, "no photo %s", uuid);
}

/* clinic: k1, k2 = the clinic's key pair; else k1 = the patient key. */
static int read_photo(store *s, const char *uuid, int which, int clinic, const uint8_t *k1,
		      const uint8_t *k2, void **bytes, size_t *n)
{
	uint8_t key[STORE_KEY_BYTES];
	int rc;
	*bytes = NULL;
	*n = 0;
	if (which != STORE_PHOTO_ORIGINAL && which != STORE_PHOTO_THUMB)
		return mk_err(MK_EINVAL, "a photo has an original and a thumbnail, nothing else");
	if (!k1 || (clinic && !k2))
		return mk_err(MK_EINVAL, "reading a photo needs its key");
	if ((rc = check_uuid(s, uuid)) != 0 ||
	    (rc = store_record_key(s, uuid, clinic, k1, k2, key)) != 0)
		return rc;
	rc = open_file(s, uuid, which, key, bytes, n);
	mkc_wipe(key, sizeof key);
	return rc;
}

int store_photo_read(store *s, const uint8_t patient_key[STORE_KEY_BYTES], const char *uuid,
		     int which, void **bytes, size_t *n)
{
	return read_photo(s, uuid, which, 0, patient_key, NULL, bytes, n);
}

int store_photo_open_clinic(store *s, const uint8_t clinic_pk[STORE_KEY_BYTES],
			    const uint8_t clinic_sk[STORE_KEY_BYTES], const char *uuid, int which,
			    void **bytes, size_t *n)
{
	return read_photo(s, uuid, which, 1, clinic_pk, clinic_sk, bytes, n);
}

int store_photo_meta(store *s, const uint8_t patient_key[STORE_KEY_BYTES], const char *uuid,
		     void **json, size_t *n)
{
	int rc;
	*json = NULL;
	*n = 0;
	if ((rc = check_uuid(s, uuid)) != 0)
		return rc;
	return store_record_read(s, patient_key, uuid, json, n);
}

static void copy_text(sqlite3_stmt *st, int col, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int store_photo_list(store *s, int64_t patient_id, int area, store_photo_info *out, int max, int *n)
{
	static const char sql[] =
		"SELECT * FROM (SELECT uuid, created_at, session, area, width, height, id FROM photos"
		" WHERE patient_id=?1 AND (?2 < 0 OR area=?2) ORDER BY created_at DESC, id DESC LIMIT ?3)"
		" ORDER BY created_at, id";
	sqlite3_stmt *st;
	int rc;
	*n = 0;
	if (max < 0)
		return mk_err(MK_EINVAL, "photos: a negative count");
	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "listing photos");
	sqlite3_bind_int64(st, 1, patient_id);
	sqlite3_bind_int(st, 2, area);
	sqlite3_bind_int(st, 3, max);
	rc = SQLITE_DONE;
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_photo_info *it = &out[(*n)++];
		memset(it, 0, sizeof *it);
		copy_text(st, 0, it->uuid, sizeof it->uuid);
		it->created_at = sqlite3_column_int64(st, 1);
		it->session = sqlite3_column_int(st, 2);
		it->area = sqlite3_column_int(st, 3);
		it->width = sqlite3_column_int(st, 4);
		it->height = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sql_err(s, rc, "listing photos");
}

/* ---- Erasure */

int store_photo_uuids(store *s, int64_t patient_id, char (**out)[STORE_UUID_LEN + 1], int *n)
{
	sqlite3_stmt *st;
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	if ((rc = sqlite3_prepare_v2(s->db, "SELECT uuid FROM photos WHERE patient_id=?", -1, &st,
				     NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "erasing a patient");
	sqlite3_bind_int64(st, 1, patient_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			void *more = realloc(*out, (size_t)(cap = cap ? 2 * cap : 16) * sizeof **out);
			if (!more)
				break;
			*out = more;
		}
		copy_text(st, 0, (*out)[(*n)++], sizeof **out);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	free(*out);
	*out = NULL;
	*n = 0;
	return rc == SQLITE_ROW ? mk_err(MK_ENOMEM, "out of memory erasing a patient")
				: store_sql_err(s, rc, "erasing a patient");
}

void store_photo_unlink(store *s, char (*uuids)[STORE_UUID_LEN + 1], int n)
{
	for (int i = 0; i < n; i++) {
		remove_file(s, uuids[i], STORE_PHOTO_ORIGINAL);
		remove_file(s, uuids[i], STORE_PHOTO_THUMB);
	}
	if (n > 0 && fsync_dir(s->photo_dir) != 0)
		mk_log(MK_LOG_WARN, "photo_erase", "dir_sync=failed");
}

/* ---- Deletion by the patient */

/* One statement with a text parameter ?1 (and ?2, ?3 when given). */
static int run3(store *s, const char *sql, const char *a, const char *b, const char *c, int *changed)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "deleting a photo");
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (c)
		sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (changed)
		*changed = sqlite3_changes(s->db);
	return rc == SQLITE_DONE ? 0 : store_sql_err(s, rc, "deleting a photo");
}

/* The photo's record id and its patient's UUID, if it is this patient's. */
static int owned(store *s, int64_t patient_id, const char *uuid, int64_t *record_id,
		 char puuid[STORE_UUID_LEN + 1])
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, "SELECT p.record_id, t.uuid FROM photos p JOIN patients t"
				    " ON t.id = p.patient_id WHERE p.uuid=?1 AND p.patient_id=?2", -1, &st,
				    NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "deleting a photo");
	sqlite3_bind_text(st, 1, uuid, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, patient_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*record_id = sqlite3_column_int64(st, 0);
		copy_text(st, 1, puuid, STORE_UUID_LEN + 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? mk_err(MK_ENOTFOUND, "no such photo")
						       : store_sql_err(s, rc, "deleting a photo");
}

/* The rows: the photo's record (its photos row follows by cascade) and
 * its outbox item if still waiting; the request queued; the audit row. */
static int delete_rows(store *s, int64_t patient_id, const char *uuid, const char *req)
{
	char puuid[STORE_UUID_LEN + 1], id[24], *queue;
	int64_t rec = 0, now = (int64_t)time(NULL);
	int rc = owned(s, patient_id, uuid, &rec, puuid);
	if (rc)
		return rc;
	snprintf(id, sizeof id, "%lld", (long long)rec);
	queue = mk_asprintf("INSERT INTO outbox(record_uuid, kind, subject, priority, created_at)"
			    " VALUES (?1, 'photo-deletion', ?2, %d, %lld)", STORE_PRIORITY_ERASURE,
			    (long long)now);
	if (!queue)
		return mk_err(MK_ENOMEM, "out of memory");
	rc = run3(s, "DELETE FROM outbox WHERE record_uuid=?1 AND kind='photo'", uuid, NULL, NULL, NULL);
	if (!rc)
		rc = run3(s, "DELETE FROM records WHERE id=CAST(?1 AS INTEGER)", id, NULL, NULL, NULL);
	if (!rc)
		rc = run3(s, "INSERT INTO photo_deletions(request_uuid, photo_uuid, patient_uuid)"
			  " VALUES (?1, ?2, ?3)", req, uuid, puuid, NULL);
	if (!rc)
		rc = run3(s, queue, req, uuid, NULL, NULL);
	free(queue);
	return rc ? rc : store_audit_at(s, now, "patient", "photo-deleted", uuid);
}

/* Overwrites a file with zeros, to the disk, before it goes: the patient
 * asked for this picture to be gone, not only unreadable. */
static void wipe_file(store *s, const char *uuid, int which)
{
	static const uint8_t zero[65536];
	char *path = photo_path(s, uuid, which, 0);
	struct stat st;
	int fd = path ? open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		for (off_t at = 0; at < st.st_size;) {
			size_t n = (size_t)(st.st_size - at) < sizeof zero ? (size_t)(st.st_size - at) : sizeof zero;
			ssize_t w = pwrite(fd, zero, n, at);
			if (w <= 0)
				break;
			at += w;
		}
		fsync(fd);
	}
	if (fd >= 0)
		close(fd);
	free(path);
	remove_file(s, uuid, which);
}

int store_photo_delete(store *s, int64_t patient_id, const char *uuid,
		       char request_uuid_out[STORE_UUID_LEN + 1])
{
	char req[STORE_UUID_LEN + 1];
	int rc;
	if (!uuid || !uuid_ok(uuid, strlen(uuid)))
		return mk_err(MK_ENOTFOUND, "no such photo");
	if ((rc = store_begin(s)) != 0)
		return rc;
	store_uuid(req);
	rc = delete_rows(s, patient_id, uuid, req);
	if (!rc)
		rc = store_commit(s);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	wipe_file(s, uuid, STORE_PHOTO_ORIGINAL);
	wipe_file(s, uuid, STORE_PHOTO_THUMB);
	if (fsync_dir(s->photo_dir) != 0)
		mk_log(MK_LOG_WARN, "photo_delete", "dir_sync=failed");
	if (request_uuid_out)
		memcpy(request_uuid_out, req, sizeof req);
	mk_log(MK_LOG_INFO, "photo_deleted", "request=%s", req);
	return 0;
}

/* ---- Recovery at open */

/* 0: <uuid>.img/.thumb, 1: the same + ".tmp", -1: not ours. */
static int classify(const char *name)
{
	size_t n = strlen(name);
	if (n <= STORE_UUID_LEN || !uuid_ok(name, STORE_UUID_LEN))
		return -1;
	for (int w = 0; w < 2; w++) {
		size_t k = strlen(mkc_photo_suffix(w));
		if (strncmp(name + STORE_UUID_LEN, mkc_photo_suffix(w), k) != 0)
			continue;
		if (n == STORE_UUID_LEN + k)
			return 0;
		if (strcmp(name + STORE_UUID_LEN + k, TMP) == 0)
			return 1;
	}
	return -1;
}

/* Removes what no row names; counts in removed[0] (orphans), [1] (temps). */
static int sweep(store *s, int removed[2])
{
	DIR *d = opendir(s->photo_dir);
	struct dirent *e;
	char uuid[STORE_UUID_LEN + 1];
	int rc = 0;
	if (!d)
		return mk_err(MK_EIO, "%s: cannot list: %s", s->photo_dir, strerror(errno));
	while (!rc && (e = readdir(d)) != NULL) {
		int kind = classify(e->d_name), known = 0;
		if (kind < 0)
			continue;
		snprintf(uuid, sizeof uuid, "%.36s", e->d_name);
		if (kind == 0 && (known = photo_exists(s, uuid)) < 0)
			rc = known;
		else if (!known && unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed[kind]++;
	}
	closedir(d);
	if (removed[0] + removed[1] > 0)
		fsync_dir(s->photo_dir);
	return rc;
}

/* Rows whose files are gone: nothing to repair, but staff should know. */
static int count_missing(store *s)
{
	sqlite3_stmt *st;
	int missing = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT uuid FROM photos", -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *uuid = (const char *)sqlite3_column_text(st, 0);
		for (int w = 0; w < 2 && uuid; w++) {
			char *path = photo_path(s, uuid, w, 0);
			missing += path && !mk_is_file(path);
			free(path);
		}
	}
	sqlite3_finalize(st);
	return missing;
}

static int lock_and_sweep(store *s)
{
	int removed[2] = { 0, 0 }, rc = 0, missing;
	s->photo_lock = open(s->photo_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s->photo_lock < 0)
		return mk_err(MK_EIO, "the data folder %s: cannot open its photos folder: %s",
			      s->dir, strerror(errno));
	if (flock(s->photo_lock, LOCK_EX | LOCK_NB) != 0) {
		mk_log(MK_LOG_INFO, "photo_sweep", "skipped=in-use");
	} else {
		rc = sweep(s, removed);
		missing = rc ? 0 : count_missing(s);
		mk_log(missing ? MK_LOG_WARN : MK_LOG_INFO, "photo_sweep",
		       "orphans=%d temps=%d missing_files=%d", removed[0], removed[1], missing);
	}
	if (flock(s->photo_lock, LOCK_SH) != 0 && !rc)
		rc = mk_err(MK_EIO, "%s: cannot lock: %s", s->photo_dir, strerror(errno));
	return rc;
}

int store_photo_recover(store *s)
{
	int existed = mk_is_dir(s->photo_dir);
	if (!existed && mk_mkdir_p(s->photo_dir, 0700) != 0)
		return mk_err(MK_EIO, "the data folder %s: cannot create its photos folder",
			      s->dir);
	if (!existed && fsync_dir(s->dir) != 0)
		return mk_err(MK_EIO, "the data folder %s: cannot sync: %s", s->dir, strerror(errno));
	return lock_and_sweep(s);
}
