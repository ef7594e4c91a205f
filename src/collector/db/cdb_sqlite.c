/* SPDX-License-Identifier: MIT */
/*
 * cdb on SQLite. The file is created 0600 before SQLite opens it (its WAL
 * and shared-memory files take the same mode), then opened in WAL mode with
 * synchronous=FULL, so a record the collector acknowledged survives a power
 * cut, and a 5 s busy timeout, so the pool's connections wait for each
 * other's short write transactions instead of failing. Every commit is
 * checked before and after: the path and its -wal and -shm must still name
 * the files opened (device and inode). A file deleted or replaced under a
 * running collector would otherwise take acknowledged records with it: a
 * removed WAL is still written through the descriptor SQLite holds, and
 * what it holds is gone at the next start. While any connection is open
 * SQLite keeps both files where they are (it deletes them only when the
 * last one closes), so another inode means someone else's doing. The check
 * after COMMIT turns what was just written into a 500 instead of an
 * acknowledgement: the kiosk sends it again. Parameters "$1".."$n"
 * are bound by name (sqlite3_bind_parameter_index), so the SQL is the same
 * text PostgreSQL runs; binding a number the statement does not use is an
 * error here too, so a mistake shows in the SQLite tests.
 *
 * Writers of this process queue on one mutex (the gate) before they ask
 * SQLite for the write lock: from BEGIN IMMEDIATE to COMMIT or ROLLBACK,
 * and around a write outside a transaction. SQLite's busy handler has a
 * waiting writer sleep and poll, so with 20 kiosks sending at once a
 * writer could sleep past its whole timeout while others kept taking the
 * lock (a 500 for a batch, a dashboard page waiting seconds for its audit
 * row); on the mutex it is woken as soon as the lock is free. The busy
 * timeout is left for other processes (the command line).
 */
#include "cdb_int.h"
#include "core.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 5000

typedef struct {
	cdb base;
	sqlite3 *h;
	char *path;
	char *files[3]; /* path, path-wal, path-shm */
	dev_t dev[3]; /* the files opened (database, -wal, -shm), to notice */
	ino_t ino[3]; /* when a path names another */
	int gated; /* holds the gate for its open transaction */
} cdb_sq;

typedef struct {
	cdb_stmt base;
	cdb_sq *db;
	sqlite3_stmt *st;
	int started, done;
	int gated; /* holds the gate for this write outside a transaction */
	int64_t changes;
} cdb_sq_stmt;

/* Recursive: a thread inside a transaction may still write elsewhere. */
static pthread_mutex_t gate = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

/* Lets the gate go once the connection's transaction has ended. */
static void gate_check(cdb_sq *db)
{
	if (db->gated && sqlite3_get_autocommit(db->h)) {
		db->gated = 0;
		pthread_mutex_unlock(&gate);
	}
}

static void stmt_ungate(cdb_sq_stmt *st)
{
	if (st->gated) {
		st->gated = 0;
		pthread_mutex_unlock(&gate);
	}
}

static int sq_err(cdb_sq *db, int rc, const char *what)
{
	int base = rc & 0xff;
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return mk_err(MK_EEXIST, "%s: already there (%s)", what, sqlite3_errmsg(db->h));
	if (base == SQLITE_FULL || (base == SQLITE_IOERR && sqlite3_system_errno(db->h) == ENOSPC))
		return mk_err(MK_EFULL, "the disk is full: %s failed", what);
	if (base == SQLITE_BUSY || base == SQLITE_LOCKED)
		return mk_err(MK_EAGAIN, "%s: the database stayed busy", what);
	if (base == SQLITE_NOMEM)
		return mk_err(MK_ENOMEM, "%s: out of memory", what);
	/* Only a constraint is the data's fault. Anything else (a table gone,
	 * a corrupt or read-only file) is the collector's own failure: MK_EIO,
	 * so the kiosk is told 500 and sends again, never that its record is
	 * refused for good. */
	return mk_err(base == SQLITE_CONSTRAINT ? MK_EINVAL : MK_EIO, "%s: %s: %s", db->path, what,
		      sqlite3_errmsg(db->h));
}

/* Remembers the device and inode of the database, its WAL and its shared
 * memory; 0, or -1 when one is not there. */
static int note_files(cdb_sq *db)
{
	for (int i = 0; i < 3; i++) {
		struct stat st;
		if (stat(db->files[i], &st) != 0)
			return -1;
		db->dev[i] = st.st_dev;
		db->ino[i] = st.st_ino;
	}
	return 0;
}

/* Creates the file 0600 when it is new. An existing file is never opened
 * here: closing any descriptor of it would drop the POSIX locks this
 * process's SQLite connections hold, and another process could then take
 * itself for the last user and delete the WAL with acknowledged writes. */
static int create_private(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return 0;
	if (fd < 0)
		return mk_err(MK_EIO, "%s: cannot create the database: %s", path, strerror(errno));
	close(fd);
	return 0;
}

int cdb_sq_open(cdb **out, const char *path, int create)
{
	static const char setup[] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
				    "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
	cdb_sq *db;
	struct stat st;
	int rc = create ? create_private(path) : 0;
	if (rc)
		return rc;
	if (!create && stat(path, &st) != 0)
		return mk_err(errno == ENOENT ? MK_ENOTFOUND : MK_EIO, "%s: %s", path,
			      errno == ENOENT ? "no database there" : strerror(errno));
	if (!(db = calloc(1, sizeof *db)) || !(db->path = mk_strdup(path)) ||
	    !(db->files[0] = mk_strdup(path)) || !(db->files[1] = mk_asprintf("%s-wal", path)) ||
	    !(db->files[2] = mk_asprintf("%s-shm", path))) {
		if (db)
			cdb_sq_close(&db->base);
		return mk_err(MK_ENOMEM, "out of memory opening the database");
	}
	rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(db->h, 1);
		sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
		rc = sqlite3_exec(db->h, setup, NULL, NULL, NULL);
	}
	/* A read opens (or makes) the WAL and the shared memory; right after
	 * it, the paths name the files this connection holds. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_OK && note_files(db) != 0)
		rc = SQLITE_CANTOPEN;
	if (rc != SQLITE_OK) {
		rc = sq_err(db, rc, "cannot open the database");
		cdb_sq_close(&db->base);
		return rc;
	}
	*out = &db->base;
	return 0;
}

void cdb_sq_close(cdb *d)
{
	cdb_sq *db = (cdb_sq *)d;
	/* Refreshes the planner's statistics where this connection's queries
	 * showed they are missing or stale (SQLite's advice for every close). */
	if (db->h)
		sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(db->h);
	if (db->gated)
		pthread_mutex_unlock(&gate);
	for (int i = 0; i < 3; i++)
		free(db->files[i]);
	free(db->path);
	free(db);
}

int cdb_sq_exec(cdb *d, const char *sql)
{
	cdb_sq *db = (cdb_sq *)d;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	gate_check(db); /* after COMMIT or ROLLBACK */
	return rc == SQLITE_OK ? 0 : sq_err(db, rc, "a statement failed");
}

int cdb_sq_begin(cdb *d)
{
	cdb_sq *db = (cdb_sq *)d;
	pthread_mutex_lock(&gate);
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		pthread_mutex_unlock(&gate);
		return sq_err(db, rc, "a statement failed");
	}
	if (db->gated)
		pthread_mutex_unlock(&gate); /* held already (cannot happen: no nesting) */
	db->gated = 1;
	return 0;
}

/* The file was deleted or replaced while open (someone "cleaned up", a
 * restore copied over it): this connection writes to a file no one will
 * open again. Three stats per commit are cheap next to the fsync. */
static int still_there(cdb_sq *db)
{
	for (int i = 0; i < 3; i++) {
		struct stat st;
		int gone = stat(db->files[i], &st) != 0;
		if (!gone && st.st_dev == db->dev[i] && st.st_ino == db->ino[i])
			continue;
		mk_log(MK_LOG_ERROR, "database-file-gone", "path=%s what=%s", db->files[i],
		       gone ? "removed" : "replaced");
		return mk_err(MK_EIO, "%s was %s while the collector had it open: nothing more is"
			      " stored; restore the file or restart the collector", db->files[i],
			      gone ? "removed" : "replaced by another file");
	}
	return 0;
}

int cdb_sq_commit(cdb *d)
{
	cdb_sq *db = (cdb_sq *)d;
	int rc = still_there(db);
	if (!rc)
		rc = cdb_sq_exec(d, "COMMIT");
	return rc ? rc : still_there(db);
}

int cdb_sq_prepare(cdb *d, const char *sql, cdb_stmt **out)
{
	cdb_sq *db = (cdb_sq *)d;
	cdb_sq_stmt *st = calloc(1, sizeof *st);
	int rc;
	if (!st)
		return mk_err(MK_ENOMEM, "out of memory preparing a statement");
	st->db = db;
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st->st, NULL);
	if (rc != SQLITE_OK) {
		rc = sq_err(db, rc, "a statement does not prepare");
		free(st);
		return rc;
	}
	*out = &st->base;
	return 0;
}

int cdb_sq_bind(cdb_stmt *s, int i, const cdb_param *p)
{
	cdb_sq_stmt *st = (cdb_sq_stmt *)s;
	char name[8];
	int idx, rc = SQLITE_OK;
	snprintf(name, sizeof name, "$%d", i);
	if ((idx = sqlite3_bind_parameter_index(st->st, name)) == 0)
		return mk_err(MK_EINVAL, "the statement has no parameter %s", name);
	switch (p->type) {
	case CDB_NULL: rc = sqlite3_bind_null(st->st, idx); break;
	case CDB_TEXT: rc = sqlite3_bind_text(st->st, idx, p->text, -1, SQLITE_TRANSIENT); break;
	case CDB_INT: rc = sqlite3_bind_int64(st->st, idx, p->i); break;
	case CDB_BLOB:
		rc = sqlite3_bind_blob64(st->st, idx, p->n ? p->blob : "", p->n, SQLITE_TRANSIENT);
		break;
	}
	return rc == SQLITE_OK ? 0 : sq_err(st->db, rc, "cannot bind a parameter");
}

int cdb_sq_step(cdb_stmt *s)
{
	cdb_sq_stmt *st = (cdb_sq_stmt *)s;
	int rc;
	if (st->done)
		return 0;
	if (!st->started && !sqlite3_stmt_readonly(st->st) && sqlite3_get_autocommit(st->db->h)) {
		pthread_mutex_lock(&gate);
		st->gated = 1;
	}
	st->started = 1;
	rc = sqlite3_step(st->st);
	if (rc == SQLITE_ROW)
		return 1;
	st->done = 1;
	stmt_ungate(st);
	if (rc == SQLITE_DONE) {
		st->changes = sqlite3_changes64(st->db->h);
		return 0;
	}
	return sq_err(st->db, sqlite3_extended_errcode(st->db->h), "a statement failed");
}

const char *cdb_sq_text(cdb_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(((cdb_sq_stmt *)s)->st, col);
	return t ? (const char *)t : "";
}

int64_t cdb_sq_int64(cdb_stmt *s, int col)
{
	return sqlite3_column_int64(((cdb_sq_stmt *)s)->st, col);
}

const uint8_t *cdb_sq_blob(cdb_stmt *s, int col, size_t *n)
{
	sqlite3_stmt *st = ((cdb_sq_stmt *)s)->st;
	const uint8_t *b = sqlite3_column_blob(st, col);
	*n = b ? (size_t)sqlite3_column_bytes(st, col) : 0;
	return b ? b : (const uint8_t *)"";
}

int cdb_sq_is_null(cdb_stmt *s, int col)
{
	return sqlite3_column_type(((cdb_sq_stmt *)s)->st, col) == SQLITE_NULL;
}

int64_t cdb_sq_changes(cdb_stmt *s)
{
	return ((cdb_sq_stmt *)s)->changes;
}

void cdb_sq_finalize(cdb_stmt *s)
{
	cdb_sq_stmt *st = (cdb_sq_stmt *)s;
	sqlite3_finalize(st->st);
	stmt_ungate(st);
	free(st);
}
