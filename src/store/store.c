/* SPDX-License-Identifier: MIT */
/*
 * Opening the kiosk database. The settings are the durability promise of
 * DESIGN.md: WAL so readers never block the writer, synchronous=FULL so a
 * committed transaction is on disk before the screen says "saved", foreign
 * keys on so a record never outlives its patient, secure_delete so an erased
 * patient's rows are overwritten, not just unlinked. The data folder is
 * probed with a real write first, because "cannot open kiosk.db" says less
 * to the person installing the kiosk than "folder X is not writable".
 *
 * A full disk is a state of the kiosk, not just an error: the store refuses
 * to open with less than STORE_MIN_FREE free, refuses new records when
 * space runs that low later, and turns SQLite's "full" into MK_EFULL with a
 * flag (store_disk_full) that the next committed write clears. SQLite rolls
 * the failed statement back and we roll back the rest, so what was saved
 * before stays whole.
 *
 * Opening also tidies the photos folder (store_photo.c): files a crash left
 * without their row are removed, so a photo exists whole or not at all.
 */
#include "store_int.h"
#include "core.h"
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000
#define MIB (1024ll * 1024)

static int is_full(store *s, int rc)
{
	int base = rc & 0xff; /* extended codes are on */
	return base == SQLITE_FULL ||
	       (base == SQLITE_IOERR && s->db && sqlite3_system_errno(s->db) == ENOSPC);
}

int store_sql_err(store *s, int rc, const char *what)
{
	int base = rc & 0xff;
	int code = base == SQLITE_IOERR ? MK_EIO : MK_EINVAL;
	if (is_full(s, rc)) {
		s->disk_full = 1;
		mk_log(MK_LOG_ERROR, "store_disk_full", "sqlite=%d", rc);
		return mk_err(MK_EFULL, "the disk is full: %s failed and nothing new was saved", what);
	}
	if (base == SQLITE_NOMEM)
		code = MK_ENOMEM;
	return mk_err(code, "%s: %s: %s", s->path, what,
		      s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
}

/* What the person saving reads: that it was not saved, and why. */
int store_unsaved(int rc, const char *unsaved)
{
	if (rc == MK_EFULL)
		return mk_err(MK_EFULL, "the disk is full: %s", unsaved);
	if (rc == MK_EIO) {
		char why[200];
		snprintf(why, sizeof why, "%s", mk_err_msg());
		return mk_err(MK_EIO, "the disk failed: %s (%s)", unsaved, why);
	}
	return rc;
}

/* Every committed write transaction, whatever wrote it, proves the disk
 * took data again. The hook runs just before the commit; if the commit
 * itself then fails for lack of space, store_sql_err sets the flag again. */
static int on_commit(void *arg)
{
	((store *)arg)->disk_full = 0;
	return 0; /* non-zero would turn the commit into a rollback */
}

/* A write that failed for space, or too little space now: any small
 * write (an audit row) may still succeed and clear the flag while a
 * report or photo would be refused, so the free space counts too. */
int store_disk_full(store *s)
{
	int64_t n;
	if (s->disk_full)
		return 1;
	n = store_free_bytes(s);
	return n >= 0 && n < STORE_MIN_FREE;
}

/* MK_TEST_FREE_BYTES is a test hook: when set, its number replaces the
 * real figure, so tests can play a nearly full disk. Never set on a kiosk. */
static int64_t free_bytes_at(const char *dir)
{
	struct statvfs v;
#ifdef MK_TESTING
	const char *fake = getenv("MK_TEST_FREE_BYTES");
	if (fake && *fake)
		return (int64_t)strtoll(fake, NULL, 10);
#endif
	if (statvfs(dir, &v) != 0)
		return mk_err(MK_EIO, "the data folder %s: cannot read free space: %s",
			      dir, strerror(errno));
	return (int64_t)v.f_bavail * (int64_t)v.f_frsize;
}

int64_t store_free_bytes(store *s) { return free_bytes_at(s->dir); }

/* A folder whose free space cannot be read passes: the real write that
 * follows (the probe, or SQLite's) gives the better message. */
static int check_free(const char *dir)
{
	int64_t n = free_bytes_at(dir);
	if (n < 0 || n >= STORE_MIN_FREE)
		return 0;
	return mk_err(MK_EFULL, "the data folder %s has only %lld MiB free; Mesokiosk needs"
		      " at least %lld MiB", dir, (long long)(n / MIB), STORE_MIN_FREE / MIB);
}

void store_set_disk_full(store *s)
{
	s->disk_full = 1;
	mk_log(MK_LOG_ERROR, "store_disk_full", "file=1");
}

int store_check_space_for(store *s, int64_t extra, const char *unsaved)
{
	int64_t n = free_bytes_at(s->dir);
	if (n < 0 || n >= STORE_MIN_FREE + extra)
		return 0;
	s->disk_full = 1;
	mk_log(MK_LOG_ERROR, "store_disk_full", "free_mib=%lld", (long long)(n / MIB));
	return mk_err(MK_EFULL, "the disk is full: %s (the data folder %s has only %lld MiB"
		      " free)", unsaved, s->dir, (long long)(n / MIB));
}

int store_check_space(store *s, const char *unsaved)
{
	return store_check_space_for(s, 0, unsaved);
}

int store_integrity_check(store *s)
{
	sqlite3_stmt *st;
	int rows = 0, ok = 0, rc;
	char first[256] = "";
	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL)) != SQLITE_OK)
		return store_sql_err(s, rc, "checking the database");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (rows++ == 0) {
			snprintf(first, sizeof first, "%s", t ? t : "");
			ok = t && strcmp(t, "ok") == 0;
		}
	}
	if (rc != SQLITE_DONE) /* too damaged even to list the problems? */
		snprintf(first, sizeof first, "%s", sqlite3_errmsg(s->db));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
		return store_sql_err(s, rc, "checking the database");
	if (rc != SQLITE_DONE)
		return mk_err(MK_EIO, "%s is damaged: %s", s->path, first);
	if (ok && rows == 1)
		return 0;
	return mk_err(MK_EIO, "%s is damaged (%d problem%s), the first: %s", s->path, rows,
		      rows == 1 ? "" : "s", first);
}

#ifdef MK_TESTING
int store_test_limit_pages(store *s, int pages)
{
	sqlite3_stmt *st;
	long long limit = 4294967294ll; /* SQLite's own maximum */
	char sql[64];
	int rc;
	if (pages >= 0) {
		rc = sqlite3_prepare_v2(s->db, "PRAGMA page_count", -1, &st, NULL);
		if (rc != SQLITE_OK)
			return store_sql_err(s, rc, "limiting pages");
		rc = sqlite3_step(st);
		limit = (rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0) + pages;
		sqlite3_finalize(st);
	}
	snprintf(sql, sizeof sql, "PRAGMA max_page_count=%lld", limit);
	return store_exec(s, sql, "limiting pages");
}
#endif

int store_exec(store *s, const char *sql, const char *what)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_sql_err(s, rc, what);
}

int store_begin(store *s) { return store_exec(s, "BEGIN IMMEDIATE", "starting a transaction"); }
int store_commit(store *s) { return store_exec(s, "COMMIT", "saving"); }

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3 *store_db(store *s) { return s->db; }
int store_schema_version(store *s) { return s->version; }

/* Rewords core's message for the person installing the kiosk. The copy is
 * needed: mk_err formats into the buffer mk_err_msg() points at. */
static int folder_err(const char *dir, const char *what)
{
	char why[512];
	snprintf(why, sizeof why, "%s", mk_err_msg());
	return mk_err(MK_EIO, "the data folder %s %s (%s)", dir, what, why);
}

/* A real write, not access(2): root passes access() on a read-only mount. */
static int probe_writable(const char *dir)
{
	char *probe = mk_path_join(dir, ".mesokiosk-write-test");
	int rc;
	if (!probe)
		return mk_err(MK_ENOMEM, "out of memory");
	rc = mk_write_atomic(probe, "ok\n", 3);
	unlink(probe);
	free(probe);
	return rc ? folder_err(dir, "is not writable") : 0;
}

static int set_pragmas(store *s)
{
	sqlite3_stmt *st;
	int rc, wal;
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "setting WAL mode");
	rc = sqlite3_step(st);
	wal = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	if (!wal)
		return rc == SQLITE_ROW ? mk_err(MK_EIO, "%s: cannot use WAL mode", s->path)
					: store_sql_err(s, rc, "setting WAL mode");
	return store_exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			  " PRAGMA secure_delete=ON;", "setting up the database");
}

static int open_db(store *s)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	/* SQLite creates files with 0644 less the umask, and gives its -wal
	 * and -shm the database's mode: make the database 0600 first, so that
	 * is what they all get whoever started the kiosk. */
	int fd = open(s->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
	int rc = sqlite3_open_v2(s->path, &s->db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_sql_err(s, rc, "cannot open");
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_commit_hook(s->db, on_commit, s);
	if ((rc = set_pragmas(s)) != 0 || (rc = store_migrate(s)) != 0)
		return rc;
	return store_photo_recover(s);
}

int store_open(store **out, const char *data_dir)
{
	store *s;
	int rc;
	*out = NULL;
	if (!data_dir || !*data_dir)
		return mk_err(MK_EINVAL, "no data folder given");
	if (mk_mkdir_p(data_dir, 0700) != 0)
		return folder_err(data_dir, "cannot be created");
	if ((rc = check_free(data_dir)) != 0 || (rc = probe_writable(data_dir)) != 0)
		return rc;
	if ((rc = mkc_init()) != 0)
		return rc;
	s = calloc(1, sizeof *s);
	if (s)
		s->photo_lock = -1;
	if (!s || !(s->dir = mk_strdup(data_dir)) || !(s->path = mk_path_join(data_dir, "kiosk.db")) ||
	    !(s->photo_dir = mk_path_join(data_dir, "photos"))) {
		store_close(s);
		return mk_err(MK_ENOMEM, "out of memory opening the store");
	}
	if ((rc = open_db(s)) != 0) {
		store_close(s);
		return rc;
	}
	mk_log(MK_LOG_INFO, "store_open", "schema=%d", s->version);
	*out = s;
	return 0;
}

void store_close(store *s)
{
	if (!s)
		return;
	if (s->db && sqlite3_close(s->db) != SQLITE_OK)
		mk_log(MK_LOG_WARN, "store_close", "busy=1");
	if (s->photo_lock >= 0)
		close(s->photo_lock); /* drops the flock */
	store_tpm_close(s->tpm);
	store_strangers_free(s->strangers);
	free(s->photo_dir);
	free(s->path);
	free(s->dir);
	free(s);
}
